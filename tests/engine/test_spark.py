"""The Spark engine, in local mode: what only Spark does (tasks at once, Parquet, folders
of JSON Lines, the inverted file's cells as tasks). Equal records and errors on every
executor are tested in test_executors.py."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import EXAMPLES, run_cli
from variorum.engine.local import scan
from variorum.ingest import read_documents
from variorum.options import Options

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.mark.parametrize("partitions", [1, 3])
def test_the_passages_do_not_depend_on_the_partitions(
    spark: SparkSession, shared: Path, partitions: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage's chunks one job at a time, or three a job: as many jobs as it takes."""
    from variorum.engine import spark as engine  # noqa: PLC0415
    from variorum.engine.spark import scan as spark_scan  # noqa: PLC0415

    monkeypatch.setattr(engine, "_WINDOW", 1)

    docs = list(read_documents([str(shared / "eval/tasks/embedded/docs")]))
    options = Options(clusters=True)
    local = scan(docs, options)
    distributed = spark_scan(docs, options, spark, partitions=partitions)
    assert distributed.passages == local.passages
    assert distributed.clusters == local.clusters


def test_the_semantic_layer_through_the_inverted_file(
    spark: SparkSession, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past EXACT_LIMIT sentences both engines search an inverted file (here from 50):
    Spark searches its cells as tasks, and finds the same neighbours, hence passages."""
    import variorum.index.neighbours as nearest  # noqa: PLC0415
    from variorum.engine.spark import scan as spark_scan  # noqa: PLC0415

    monkeypatch.setattr(nearest, "EXACT_LIMIT", 50)
    docs = list(read_documents([str(shared / "eval/tasks/embedded/docs")]))
    options = Options(semantic=True, all_links=True, clusters=True)
    local = scan(docs, options)
    lexical = scan(docs, Options(all_links=True, semantic=False))
    distributed = spark_scan(docs, options, spark)
    assert len(local.passages) > len(lexical.passages)  # the semantic layer found more
    assert distributed.passages == local.passages
    assert distributed.clusters == local.clusters


def test_the_command_line_writes_parquet(spark: SparkSession, tmp_path: Path) -> None:
    local = run_cli("scan", str(EXAMPLES), "--format", "jsonl")
    out = tmp_path / "r.parquet"
    args = ["scan", str(EXAMPLES), "--engine", "spark", "--master", "local[1]", "-o", str(out)]
    written = run_cli(*args)
    assert written.returncode == 0, written.stderr
    rows = spark.read.parquet(str(out)).collect()
    # Spark reads a dataset's files in an order of its own: the records, not their order.
    passages = sorted(
        (row["a"]["doc"], row["a"]["start"], row["b"]["doc"], row["b"]["start"])
        for row in rows
        if row["type"] == "passage"
    )
    records = [json.loads(line) for line in local.stdout.splitlines()]
    assert Counter(row["type"] for row in rows) == Counter(r["type"] for r in records)
    assert passages == sorted(
        (r["a"]["doc"], r["a"]["start"], r["b"]["doc"], r["b"]["start"])
        for r in records
        if r["type"] == "passage"
    )


def test_the_command_line_writes_every_kind_of_record(spark: SparkSession, tmp_path: Path) -> None:
    """Quotations, clusters and documents streamed from the cluster as the local engine
    writes them, and a folder of JSON Lines written by the executors."""
    args = ["scan", str(EXAMPLES), "--format", "jsonl", "--quotes", "--clusters"]
    local = run_cli(*args)
    out = tmp_path / "r.jsonl"
    streamed = run_cli(*args, "--engine", "spark", "--master", "local[2]", "-o", str(out))
    assert streamed.returncode == 0, streamed.stderr
    assert out.read_text(encoding="utf-8") == local.stdout
    assert {json.loads(line)["type"] for line in local.stdout.splitlines()} >= {
        "run", "passage", "quotation", "cluster", "document",
    }  # fmt: skip
    taken = tmp_path / "taken"
    taken.mkdir()
    again = run_cli(*args, "--engine", "spark", "--master", "local[1]", "-o", taken.as_uri())
    assert again.returncode != 0
    assert f"{taken.as_uri()}: cannot write (it exists" in again.stderr
    assert "Traceback" not in again.stderr


def test_the_executors_write_a_folder_of_json_lines(spark: SparkSession, tmp_path: Path) -> None:
    from variorum.engine.spark import scan as spark_scan  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415
    from variorum.report.spark import save  # noqa: PLC0415

    docs = list(read_documents([str(EXAMPLES)]))
    options = Options(quotes=True, clusters=True)
    local = io.StringIO()
    write(scan(docs, options), "jsonl", local)
    folder = tmp_path / "parts"
    save(spark_scan(docs, options, spark), folder.as_uri(), spark)
    parts = sorted(folder.glob("part-*"))
    assert len(parts) > 1
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == local.getvalue()
