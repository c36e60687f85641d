"""The scan on Apache Spark: the one plan of engine/local.py, its work run as Spark tasks.

Spark is an executor like the process pool: it decides where the plan's chunks of work
run, never what they compute. `SparkRunner` is the plan's `Runner` on a Spark cluster:
each stage's context (the analysed collection, the word weights, the options) is
broadcast once, its chunks (128 documents, pairs or sentences each, never one record at
a time) go out as tasks, and the answers come back in order. The driver keeps the
collection and the passages (`InMemory`) and does what the plan does between stages:
counting, voting on candidate pairs, attribution, ordering, quotations, clusters.

Spark reads its own input (`ingest.spark`: JSON Lines or Parquet from any path it reads)
and writes its own output (`report.spark`), as the local engine's readers and writers do
theirs. The result is the local engine's, byte for byte: tests/engine compares them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from variorum.engine.local import InMemory, run_plan
from variorum.errors import OptionError
from variorum.ingest import OnError
from variorum.ingest.spark import read
from variorum.options import Options
from variorum.types import Document, Progress, Result
from variorum.work import chunked_stream, in_order, set_context

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.broadcast import Broadcast
    from pyspark.sql import SparkSession

T = TypeVar("T")
R = TypeVar("R")


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


# Running the plan's chunks.


class SparkRunner:
    """The plan's Runner on Spark: a stage's context broadcast once, its chunks run as
    tasks (a few chunks a task, `_TASKS` tasks a core), in jobs of `_WINDOW` chunks a
    core so that a stream of chunks stays a stream. Two jobs are in flight at
    once: while the cluster runs one, the driver takes in (unpickles) the answers of the
    one before, and the next job's tasks fill the cores its last tasks leave. Stages
    that share a context (aligning pairs, then documents with themselves) share its
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

        def job(window: list[Sequence[T]]) -> list[R]:
            tasks = self._sc.parallelize(window, min(len(window), _TASKS * self._slices))
            return tasks.mapPartitions(_tasks(func, shared)).collect()

        with ThreadPoolExecutor(max_workers=_IN_FLIGHT) as jobs:
            windows = chunked_stream(chunks, _WINDOW * self._slices)
            for window, answers in in_order(windows, lambda w: jobs.submit(job, w), _IN_FLIGHT):
                yield from zip(window, answers, strict=True)

    def close(self) -> None:
        """Let the last broadcast go (on the executors too)."""
        if self._shared is not None:
            self._shared[1].destroy()
            self._shared = None


# Chunks a core per Spark job: enough that a job's start is a small share of its time,
# few enough that the answers of one job come in while the next one runs.
_WINDOW = 8
_IN_FLIGHT = 2
# Tasks a core per job (each a few chunks, in order): a PySpark task costs about 30 ms
# of its core before it starts; a chunk of aligned pairs, 150 ms to a few seconds.
_TASKS = 2


def _tasks(func: Callable[[Sequence[T]], R], shared: Broadcast[dict[str, Any]]) -> Any:
    def answer(chunks: Iterable[Sequence[T]]) -> Iterator[R]:
        set_context(shared.value)  # read once a worker, then kept with the broadcast
        for chunk in chunks:
            yield func(chunk)

    return answer


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
