"""The Spark engine, in local mode: what only Spark does (partitions, Parquet, folders of
JSON Lines, the inverted file as tasks, components). Equal records and errors on every
executor are tested in test_executors.py."""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.index.test_neighbours import clustered
from variorum.engine.local import scan
from variorum.ingest import read_documents
from variorum.options import Options

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.mark.parametrize("partitions", [1, 3])
def test_the_passages_do_not_depend_on_the_partitions(
    spark: SparkSession, shared: Path, partitions: int
) -> None:
    """One partition (one bucket, two blocks) or three (three buckets, four blocks)."""
    from variorum.engine.spark import scan as spark_scan  # noqa: PLC0415

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


def test_the_inverted_file_on_spark_finds_the_local_neighbours(spark: SparkSession) -> None:
    """The same cells, the same probes and the same search per cell: the same neighbours
    of every vector, to the last bit of their similarities."""
    from variorum.align.discover import NEIGHBOURS  # noqa: PLC0415
    from variorum.engine.spark_meaning import _inverted  # noqa: PLC0415
    from variorum.index.neighbours import neighbours  # noqa: PLC0415

    vectors, groups = clustered(3000, 4)
    ids, sims = neighbours(vectors, groups, NEIGHBOURS, exact=False)
    rows = [(pos, (vectors[pos], int(groups[pos]))) for pos in range(len(vectors))]
    found = dict(_inverted(spark.sparkContext.parallelize(rows, 3), len(rows), 2).collect())
    assert sorted(found) == list(range(len(vectors)))
    assert [found[pos][0] for pos in range(len(vectors))] == ids.tolist()
    assert [found[pos][1] for pos in range(len(vectors))] == sims.tolist()


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
    from variorum.engine.spark import run  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415

    docs = list(read_documents([str(EXAMPLES)]))
    options = Options(quotes=True, clusters=True)
    local = io.StringIO()
    write(scan(docs, options), "jsonl", local)
    folder = tmp_path / "parts"
    run(docs, options, spark).save(folder.as_uri())
    parts = sorted(folder.glob("part-*"))
    assert len(parts) > 1
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == local.getvalue()


def test_connected_components_on_the_cluster(spark: SparkSession) -> None:
    """Large-star and small-star steps (and the driver's union-find that ends them) find
    the components of a long chain (many rounds), of stars, and of random graphs."""
    from variorum.engine.spark_jobs import components  # noqa: PLC0415

    rng = random.Random(7)
    graphs = [
        [(k, k + 1) for k in range(100)],  # a chain, numbered in order
        [(k, k + 1) for k in rng.sample(range(300), 100)],
        [(0, k) for k in range(1, 50)] + [(100, k) for k in range(101, 120)],
        [(rng.randrange(150), rng.randrange(150)) for _ in range(120)],
    ]
    for edges in graphs:
        expected = _least_in_component(edges)
        graph = spark.sparkContext.parallelize(edges, 3)
        assert dict(components(graph, on_driver=0).collect()) == expected
        assert dict(components(graph).collect()) == expected


def _least_in_component(edges: list[tuple[int, int]]) -> dict[int, int]:
    """Each node of an edge that is not a loop, and the least node it reaches (by search)."""
    around: dict[int, set[int]] = {}
    for u, v in edges:
        if u != v:
            around.setdefault(u, set()).add(v)
            around.setdefault(v, set()).add(u)
    least: dict[int, int] = {}
    for start in sorted(around):
        if start in least:
            continue
        least[start] = start
        todo = [start]
        while todo:
            for v in around[todo.pop()]:
                if v not in least:
                    least[v] = start
                    todo.append(v)
    return least
