"""A result's records written by Spark's executors: Parquet, or a folder of JSON Lines
part files, at any path Spark writes (local, HDFS, S3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from variorum.errors import OutputError
from variorum.types import Result

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


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
