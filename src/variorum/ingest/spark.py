"""Documents read by Spark: JSON Lines or Parquet from any path Spark reads (local, HDFS,
S3), each line parsed on the executors by the local reader's own functions, so that Spark
reads the same documents and refuses the same lines with the same messages.

pyspark is imported by whoever makes the session; this module only uses the one given.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from variorum.errors import InputError
from variorum.ingest import MISSING, OnError, is_glob
from variorum.ingest.jsonl import line_document, record_document
from variorum.types import Document

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

SPARK_SUFFIXES = (".jsonl", ".json", ".parquet", ".ndjson")


def is_spark_input(path: str) -> bool:
    """Whether the command line has Spark read this path: a URL (hdfs://, s3a://, file://)
    or Parquet. A local file of JSON Lines is read on the driver, which keeps the
    collection anyway, by the same functions (reading it through Spark only adds a trip
    through the JVM and back)."""
    return "://" in path or path.lower().endswith(".parquet")


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
