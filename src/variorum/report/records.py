"""Results as plain JSON-ready records (schema documented in docs/format.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from variorum import __version__
from variorum.confidence import confidence
from variorum.report.quotes import quotation_record
from variorum.types import (
    SCHEMA_VERSION,
    Cluster,
    Passage,
    Result,
    Span,
    covered,
    ids_of,
    light,
)


def passage_record(p: Passage) -> dict[str, Any]:
    return {
        "type": "repetition" if p.is_repetition else "passage",
        "a": {"doc": p.a.doc, "start": p.a.start, "end": p.a.end},
        "b": {"doc": p.b.doc, "start": p.b.start, "end": p.b.end},
        "kind": p.kind,
        "score": p.score,
        "evidence": p.evidence,
        "confidence": confidence(p),
        "matched": p.matched,
        "words": [p.words_a, p.words_b],
        "segments": [{"a": list(s.a), "b": list(s.b)} for s in p.segments],
        "edits": [{"op": e.op, "a": list(e.a), "b": list(e.b)} for e in p.edits],
        **({"languages": list(p.languages)} if p.languages else {}),
    }


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"doc": s.doc, "start": s.start, "end": s.end}


def cluster_record(n: int, c: Cluster) -> dict[str, Any]:
    return {
        "type": "cluster",
        "cluster": n,
        "documents": c.documents,
        "passages": c.passages,
        "members": [_span(m) for m in c.members],
        "earliest": (
            None
            if c.earliest is None
            else {
                "doc": c.earliest.doc,
                "start": c.earliest.start,
                "end": c.earliest.end,
                "date": c.earliest_date,
            }
        ),
        "source_estimate": _span(c.source),
    }


def covered_share(chars: int, spans: Iterable[tuple[int, int]]) -> float:
    """Share of a document's `chars` characters inside the spans, rounded as reported."""
    return round(covered(spans) / chars, 4) if chars else 0.0


def coverage(result: Result) -> dict[str, float]:
    """Share of each document's characters inside a passage shared with another document."""
    spans: dict[str, list[tuple[int, int]]] = {d: [] for d in ids_of(result.documents)}
    for p in light(result.passages):
        if not p.is_repetition:
            spans[p.a.doc].append((p.a.start, p.a.end))
            spans[p.b.doc].append((p.b.start, p.b.end))
    return {d.id: covered_share(len(d.text), spans[d.id]) for d in result.documents}


def run_record(
    documents: int, passages: int, repetitions: int, quotations: int, clusters: int | None
) -> dict[str, Any]:
    """The header of a run: what it read and found (`clusters` None: not asked for)."""
    return {
        "type": "run",
        "schema_version": SCHEMA_VERSION,
        "variorum": __version__,
        "documents": documents,
        "passages": passages,
        "repetitions": repetitions,
        "quotations": quotations,
        **({"clusters": clusters} if clusters is not None else {}),
    }


def document_record(doc: str, chars: int, coverage: float) -> dict[str, Any]:
    return {"type": "document", "doc": doc, "chars": chars, "coverage": coverage}


def as_line(record: dict[str, Any]) -> str:
    """A record as one line of JSON Lines (without the newline)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def records(result: Result) -> Iterator[dict[str, Any]]:
    """The run header, one record per passage, then one per document."""
    yield run_record(
        len(result.documents),
        sum(1 for p in light(result.passages) if not p.is_repetition),
        sum(1 for p in light(result.passages) if p.is_repetition),
        sum(1 for q in result.quotations if q.kind != "scare"),
        len(result.clusters) if result.options.clusters else None,
    )
    for p in result.passages:
        yield passage_record(p)
    for q in result.quotations:
        yield quotation_record(q)
    for n, c in enumerate(result.clusters):
        yield cluster_record(n, c)
    cover = coverage(result)
    for d in result.documents:
        yield document_record(d.id, len(d.text), cover[d.id])
