"""The scan on Apache Spark: the one plan of engine/local.py, its work run as Spark tasks.

Spark is an executor like the process pool: it decides where the plan's chunks of work
run, never what they compute. `SparkRunner` is the plan's `Runner` on a Spark cluster:
each stage's context (the analysed collection, the word weights, the options) is
broadcast once, its chunks (128 documents, pairs or sentences each, never one record at
a time) go out as tasks, and the answers come back in order. The driver keeps the
collection and the passages (`InMemory`) and does what the plan does between stages:
counting, voting on candidate pairs, attribution, ordering, quotations, clusters.

Spark also reads: JSON Lines or Parquet from any path it reads (local, HDFS, S3), each
line parsed on the executors by the local reader's own functions (same documents, same
errors), and writes: Parquet, or a folder of JSON Lines part files, by the executors.
The result is the local engine's, byte for byte: tests/engine compares them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from variorum.engine.local import InMemory, run_plan
from variorum.errors import InputError, OptionError, OutputError
from variorum.ingest import MISSING, OnError, is_glob
from variorum.ingest.jsonl import line_document, record_document
from variorum.options import Options
from variorum.types import Document, Progress, Result
from variorum.work import chunked_stream, set_context

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext
    from pyspark.broadcast import Broadcast
    from pyspark.sql import SparkSession

T = TypeVar("T")
R = TypeVar("R")

SPARK_SUFFIXES = (".jsonl", ".json", ".parquet", ".ndjson")


def session(master: str | None = None) -> SparkSession:
    """A Spark session: on `master` (a URL), else local with every core."""
    try:
        from pyspark.sql import SparkSession  # noqa: PLC0415
    except ImportError as exc:
        msg = "the Spark engine needs pyspark: pip install 'variorum[spark]'"
        raise OptionError(msg) from exc
    # Workers run this interpreter (which has variorum) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("variorum").master(master or "local[*]")
    builder = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def is_spark_input(path: str) -> bool:
    """Whether the command line has Spark read this path: a URL (hdfs://, s3a://, file://)
    or Parquet. A local file of JSON Lines is read on the driver, which keeps the
    collection anyway, by the same functions (reading it through Spark only adds a trip
    through the JVM and back)."""
    return "://" in path or path.lower().endswith(".parquet")


# Running the plan's chunks.


class SparkRunner:
    """The plan's Runner on Spark: a stage's context broadcast once, its chunks run as
    tasks (one task a chunk, so that the cluster balances them), in windows of
    `_WINDOW` chunks a core so that a stream of chunks stays a stream. Stages that
    share a context (aligning pairs, then documents with themselves) share its
    broadcast; `close` lets the last one go."""

    always = True  # small work goes to the cluster too: Spark, not the driver, runs stages

    def __init__(self, context: SparkContext, slices: int) -> None:
        self._sc = context
        self._slices = slices
        self._shared: tuple[dict[str, Any], Broadcast[dict[str, Any]]] | None = None

    def paired(
        self,
        func: Callable[[Sequence[T]], R],
        chunks: Iterable[Sequence[T]],
        context: dict[str, Any],
    ) -> Iterator[tuple[Sequence[T], R]]:
        if self._shared is None or self._shared[0] is not context:
            self.close()
            self._shared = context, self._sc.broadcast(context)
        shared = self._shared[1]
        for window in chunked_stream(chunks, _WINDOW * self._slices):
            tasks = self._sc.parallelize(window, len(window))
            answers = tasks.mapPartitions(_tasks(func, shared)).collect()
            yield from zip(window, answers, strict=True)

    def close(self) -> None:
        """Let the last broadcast go (on the executors too)."""
        if self._shared is not None:
            self._shared[1].destroy()
            self._shared = None


# Chunks a core per Spark job: enough that a job's start is a small share of its time.
_WINDOW = 64


def _tasks(func: Callable[[Sequence[T]], R], shared: Broadcast[dict[str, Any]]) -> Any:
    def answer(chunks: Iterable[Sequence[T]]) -> Iterator[R]:
        set_context(shared.value)  # read once a worker, then kept with the broadcast
        for chunk in chunks:
            yield func(chunk)

    return answer


# Reading.


def _parser(source: str, parquet: bool) -> Any:
    """A line of a JSON Lines file (or a Parquet row) read by the local reader's own
    functions, so that Spark refuses the same lines with the same messages."""

    def parse(item: tuple[Any, int]) -> Iterator[Document | tuple[str, str]]:
        raw, n = item
        if not parquet and not raw.strip():
            return  # a blank line, as the local reader skips it
        where = f"{source}:{n + 1}"
        try:
            if parquet:
                yield record_document(raw.asDict(), where, source)
            else:
                yield line_document(raw, where, source)
        except InputError as exc:
            yield exc.source, exc.reason

    return parse


def _files(spark: SparkSession, path: str) -> list[str]:
    """The files a path names for Spark (a file, a glob, a folder read recursively), in
    order; a single file keeps the name it was given, as the local reader's."""
    sc = spark.sparkContext
    jvm: Any = sc._jvm  # Hadoop's file systems, through the gateway
    given = jvm.org.apache.hadoop.fs.Path(path)
    fs = given.getFileSystem(sc._jsc.hadoopConfiguration())
    found: list[str] = []
    statuses = fs.globStatus(given) or []
    for status in statuses:
        if status.isDirectory():
            listed = fs.listFiles(status.getPath(), True)
            while listed.hasNext():
                name = str(listed.next().getPath().toString())
                if name.lower().endswith(SPARK_SUFFIXES):
                    found.append(name)
        else:
            found.append(str(status.getPath().toString()))
    if not found:  # as the local reader says it
        raise InputError(path, "no file matches this pattern" if is_glob(path) else MISSING)
    if len(statuses) == 1 and not statuses[0].isDirectory():
        return [path]
    return sorted(found)


def _rows(spark: SparkSession, source: str, parquet: bool) -> RDD[Any]:
    """A file's rows (Parquet) or lines of bytes (JSON Lines)."""
    if parquet:
        return spark.read.parquet(source).rdd
    return spark.sparkContext.textFile(source, use_unicode=False)


def read(spark: SparkSession, paths: Sequence[str], on_error: OnError | None) -> Iterator[Document]:
    """The documents of JSON Lines or Parquet files read and parsed by Spark, in file and
    line order. A bad line raises the local reader's error, unless `on_error` takes it (to
    skip the line and go on)."""
    for source in (f for path in paths for f in _files(spark, path)):
        parquet = source.lower().endswith(".parquet")
        parsed = _rows(spark, source, parquet).zipWithIndex().flatMap(_parser(source, parquet))
        for item in parsed.toLocalIterator():
            if isinstance(item, Document):
                yield item
            elif on_error is None:
                raise InputError(*item)
            else:
                on_error(InputError(*item))


# The scan.


def scan(
    sources: Sequence[str] | Sequence[Document],
    options: Options | None = None,
    spark: SparkSession | None = None,
    partitions: int | None = None,
    on_error: OnError | None = None,
    progress: Progress | None = None,
) -> Result:
    """`variorum.scan` on Spark: the same plan and result, its work run by Spark.

    `sources` are Documents, or paths Spark reads itself (JSON Lines or Parquet); a line
    that is not a document raises InputError, as the local reader does, unless `on_error`
    takes it (to skip and go on). `partitions` is how many tasks run at once (default:
    Spark's parallelism).
    """
    opts = (options or Options()).resolved(scan=True)
    spark = spark or session()
    sc = spark.sparkContext
    docs: Iterable[Document]
    if all(isinstance(s, Document) for s in sources):
        docs = [s for s in sources if isinstance(s, Document)]
    else:
        docs = read(spark, [str(s) for s in sources], on_error)
    runner = SparkRunner(sc, partitions or max(2, sc.defaultParallelism))
    try:
        return run_plan(docs, InMemory(), opts, progress, runner)
    finally:
        runner.close()


# Writing.


def check_output(spark: SparkSession, path: str) -> None:
    """OutputError, before any work, where `save` could not write a folder of JSON Lines
    at `path` (Spark does not replace one). Parquet output replaces what is there."""
    if path.lower().endswith(".parquet"):
        return
    jvm = spark.sparkContext._jvm
    if jvm is None:  # pragma: no cover  (a session always has one)
        return
    target = jvm.org.apache.hadoop.fs.Path(path)
    system = target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if system.exists(target):
        msg = f"{path}: cannot write (it exists; Spark writes a new folder of part files)"
        raise OutputError(msg)


def save(result: Result, path: str, spark: SparkSession, partitions: int | None = None) -> None:
    """The result's JSON Lines records written by the executors: Parquet where `path` ends
    in .parquet (replaced if there), else a folder of part files (which must not exist)."""
    from py4j.protocol import Py4JJavaError  # noqa: PLC0415

    from variorum.report.records import as_line, records  # noqa: PLC0415

    sc = spark.sparkContext
    lines = sc.parallelize(
        [as_line(r) for r in records(result)], partitions or max(2, sc.defaultParallelism)
    )
    try:
        if path.lower().endswith(".parquet"):
            spark.read.json(lines).write.mode("overwrite").parquet(path)
        else:
            lines.saveAsTextFile(path)
    except Py4JJavaError as exc:
        reason = str(exc.java_exception).splitlines()[0]
        msg = f"{path}: cannot write ({reason})"
        raise OutputError(msg) from exc
