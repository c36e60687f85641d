"""The Spark engine, in local mode: the same passages as the local engine."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import EXAMPLES, run_cli
from variorum.engine.local import scan
from variorum.ingest import read_documents
from variorum.options import Options

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    missing = [
        what
        for what, there in (
            ("pyspark", importlib.util.find_spec("pyspark") is not None),
            ("java", shutil.which("java") is not None),
        )
        if not there
    ]
    if missing:
        message = f"{', '.join(missing)} missing: pip install 'variorum[spark]', Java 17"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from variorum.engine.spark import session  # noqa: PLC0415

    s = session("local[2]")
    yield s
    s.stop()


@pytest.mark.parametrize(
    ("folder", "options"),
    [
        ("eval/tasks/embedded/docs", Options()),
        ("eval/tasks/embedded/docs", Options(all_links=True, clusters=True)),
        ("corpus/seeds", Options(min_words=10)),
    ],
)
def test_spark_equals_local_on_the_evaluation_tasks(
    spark: SparkSession, shared: Path, folder: str, options: Options
) -> None:
    from variorum.engine.spark import scan as spark_scan  # noqa: PLC0415

    docs = [d for d in read_documents([str(shared / folder)]) if d.id.endswith(".txt")]
    local = scan(docs, options)
    distributed = spark_scan(docs, options, spark)
    assert len(local.passages) > 0
    assert distributed.passages == local.passages
    assert distributed.clusters == local.clusters


def test_spark_reads_json_lines_itself(spark: SparkSession, tmp_path: Path) -> None:
    from variorum.engine.spark import scan as spark_scan  # noqa: PLC0415

    corpus = tmp_path / "c.jsonl"
    rows = [
        {"id": p.name, "text": p.read_text(encoding="utf-8"), "date": "1900"}
        for p in sorted(EXAMPLES.glob("*.txt"))
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    local = scan([str(corpus)])
    distributed = spark_scan([str(corpus)], None, spark)
    assert distributed.passages == local.passages
    assert [d.meta for d in distributed.documents] == [d.meta for d in local.documents]


def test_the_command_line(spark: SparkSession, tmp_path: Path) -> None:
    args = ["scan", str(EXAMPLES), "--format", "jsonl"]
    local = run_cli(*args)
    distributed = run_cli(*args, "--engine", "spark", "--master", "local[1]")
    assert distributed.returncode == 0, distributed.stderr
    assert distributed.stdout == local.stdout
    out = tmp_path / "r.parquet"
    written = run_cli(*args, "--engine", "spark", "--master", "local[1]", "-o", str(out))
    assert written.returncode == 0, written.stderr
    types = {row["type"] for row in spark.read.parquet(str(out)).collect()}
    assert {"run", "passage", "document"} <= types
