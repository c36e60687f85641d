"""Reuse clusters: spans joined by passages and by overlap; earliest witness; direction."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from variorum.align.clusters import clusters, date_of
from variorum.types import Document, Passage, Span


def link(a: tuple[str, int, int], b: tuple[str, int, int]) -> Passage:
    return Passage(Span(*a), Span(*b), "verbatim", 1.0, 1.0, 10, 10, 10)


def test_overlapping_spans_join_passages_into_one_cluster() -> None:
    found = clusters(
        [
            link(("x", 0, 100), ("y", 10, 110)),
            link(("y", 50, 150), ("z", 0, 100)),  # overlaps the first span of y
            link(("x", 500, 600), ("w", 0, 100)),  # another stretch of x: another cluster
            link(("y", 200, 300), ("y", 400, 500)),  # a repetition inside y: left out
        ]
    )
    assert [(c.documents, c.passages) for c in found] == [(3, 2), (2, 1)]
    assert found[0].members == (Span("x", 0, 100), Span("y", 10, 150), Span("z", 0, 100))


def test_the_earliest_dated_witness() -> None:
    docs = {
        "x": Document("x", "", {"date": "1921-03-05"}),
        "y": Document("y", "", {"date": "1890"}),
        "z": Document("z", "", {"date": "not a date"}),
    }
    found = clusters([link(("x", 0, 100), ("y", 0, 100)), link(("y", 0, 90), ("z", 0, 90))], docs)
    assert found[0].earliest == Span("y", 0, 100)
    assert found[0].earliest_date == "1890"
    assert date_of(docs["z"]) is None
    tie = {"x": Document("x", "", {"date": "1890"}), "y": Document("y", "", {"date": "1890"})}
    assert clusters([link(("x", 0, 100), ("y", 0, 100))], tie)[0].earliest is None


def test_without_dates_the_fuller_text_is_the_likely_source() -> None:
    found = clusters([link(("book", 0, 1000), ("essay", 40, 140))], {})
    assert found[0].source == Span("book", 0, 1000)
    assert clusters([link(("a", 0, 100), ("b", 0, 110))], {})[0].source is None


def test_scan_writes_cluster_records(tmp_path: Path) -> None:
    story = (
        "The harbour master wrote that the storm broke the northern wall at dawn, and that "
        "no ship left port for three days while the town waited for the wind to turn."
    )
    rows = [
        {"id": "gazette-1871", "date": "1871-02-03", "text": "From our correspondent. " + story},
        {"id": "courier-1872", "date": "1872-01-09", "text": "As the Gazette told it: " + story},
        {"id": "almanac", "text": "Tides and moons for the year, with the fairs of the county."},
    ]
    corpus = tmp_path / "papers.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run_cli("scan", str(corpus), "--clusters", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["clusters"] == 1
    (cluster,) = [r for r in records if r["type"] == "cluster"]
    assert {m["doc"] for m in cluster["members"]} == {"gazette-1871", "courier-1872"}
    assert cluster["earliest"]["doc"] == "gazette-1871"
    assert cluster["earliest"]["date"] == "1871-02-03"
    text = run_cli("scan", str(corpus), "--clusters").stdout
    assert "earliest gazette-1871 (1871-02-03)" in text
