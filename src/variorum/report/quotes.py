"""Quotation records and their readable summary."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from variorum import __version__
from variorum.report.escape import cell, visible
from variorum.types import SCHEMA_VERSION, Document, Quotation

_CSV_FIELDS = (
    "doc", "start", "end", "kind", "block", "speaker", "speaker_by", "confidence", "addressee",
    "author", "title", "year", "pages", "citation_from", "sources", "flags", "text",
)  # fmt: skip


def quotation_record(q: Quotation) -> dict[str, Any]:
    return {
        "type": "quotation",
        "doc": q.doc,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "block": q.block,
        "speaker": q.speaker,
        "speaker_by": q.speaker_by,
        "speaker_cue": list(q.speaker_cue) if q.speaker_cue else None,
        "confidence": q.confidence,
        "addressee": q.addressee,
        "citation": dict(q.citation) if q.citation else None,
        "citation_from": (
            {"doc": q.citation_from.doc, "start": q.citation_from.start, "end": q.citation_from.end}
            if q.citation_from
            else None
        ),
        "sources": [{"doc": s.doc, "start": s.start, "end": s.end} for s in q.sources],
        "drift": [{"op": e.op, "a": list(e.a), "b": list(e.b)} for e in q.drift],
        "flags": list(q.flags),
    }


def quotation_records(quotes: Sequence[Quotation]) -> Iterator[dict[str, Any]]:
    yield {
        "type": "run",
        "schema_version": SCHEMA_VERSION,
        "variorum": __version__,
        "quotations": len(quotes),
    }
    for q in quotes:
        yield quotation_record(q)


def write_quotes(
    quotes: Sequence[Quotation], docs: Sequence[Document], fmt: str, out: TextIO
) -> None:
    if fmt == "jsonl":
        for rec in quotation_records(quotes):
            out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    elif fmt == "json":
        recs = list(quotation_records(quotes))
        json.dump(
            {**{k: v for k, v in recs[0].items() if k != "type"}, "results": recs[1:]},
            out,
            ensure_ascii=False,
            indent=1,
        )
        out.write("\n")
    elif fmt == "csv":
        _csv(quotes, {d.id: d.text for d in docs}, out)
    elif fmt == "html":
        from variorum.report.html import quotes_page  # noqa: PLC0415

        out.write(quotes_page(list(quotation_records(quotes)), {d.id: d.text for d in docs}))
    else:
        texts = {d.id: d.text for d in docs}
        for line in _summary(quotes, texts):
            out.write(line + "\n")


def _csv(quotes: Sequence[Quotation], texts: dict[str, str], out: TextIO) -> None:
    """One row per quotation; spans as doc:start-end, several joined by a space."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    for q in quotes:
        cited = q.citation or {}
        came = q.citation_from
        row = (
            q.doc, q.start, q.end, q.kind, q.block, q.speaker or "", q.speaker_by or "",
            round(q.confidence, 3), q.addressee or "",
            *(cited.get(k) or "" for k in ("author", "title", "year", "pages")),
            f"{came.doc}:{came.start}-{came.end}" if came else "",
            " ".join(f"{s.doc}:{s.start}-{s.end}" for s in q.sources),
            " ".join(q.flags),
            " ".join(texts[q.doc][q.start : q.end].split()),
        )  # fmt: skip
        writer.writerow([cell(v) for v in row])


def _summary(quotes: Sequence[Quotation], texts: dict[str, str]) -> Iterator[str]:
    real = [q for q in quotes if q.kind != "scare"]
    letters = sum(1 for q in real if q.kind == "letter")
    yield (
        f"variorum: {len(real)} quotations ({letters} of them letters or other quoted "
        f"documents), {len(quotes) - len(real)} scare quotes"
    )
    for q in real:
        text = " ".join(texts[q.doc][q.start : q.end].split())
        shown = text if len(text) <= 100 else text[:60] + " … " + text[-35:]
        yield ""
        yield f"{visible(q.doc)} {q.start}-{q.end}  {visible(shown)}"
        if q.speaker:
            to = f", to {visible(q.addressee)}" if q.addressee else ""
            by = f"by {q.speaker_by}, " if q.speaker_by else ""
            yield f"    speaker: {visible(q.speaker)} ({by}confidence {q.confidence:.2f}){to}"
        if q.citation:
            label = (
                "citation (carried from " + visible(q.citation_from.doc) + ")"
                if q.citation_from
                else "citation"
            )
            fields = ", ".join(
                f"{k}: {v}"
                for k, v in q.citation.items()
                if k in ("author", "title", "year", "pages")
            )
            yield f"    {label}: {visible(fields)}"
        if q.flags:
            yield f"    flags: {', '.join(q.flags)}"
