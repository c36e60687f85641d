"""The readable summary printed by default: passages, spans, coverage, a short word diff."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

from variorum.confidence import confidence
from variorum.report.escape import visible
from variorum.report.records import coverage
from variorum.types import Document, Edit, Passage, Result, by_id, light

_SNIPPET = 60
_SHOWN_EDITS = 6


def _snippet(text: str, start: int, end: int) -> str:
    piece = " ".join(text[start:end].split())
    if len(piece) > 2 * _SNIPPET + 3:
        piece = piece[:_SNIPPET].rstrip() + " … " + piece[-_SNIPPET:].lstrip()
    return f"“{visible(piece)}”"


def _edit(e: Edit, a_text: str, b_text: str) -> str:
    old = " ".join(a_text[e.a[0] : e.a[1]].split())[:40]
    new = " ".join(b_text[e.b[0] : e.b[1]].split())[:40]
    if e.op == "insert":
        return f"+{visible(new)}"
    if e.op == "delete":
        return f"-{visible(old)}"
    return f"{visible(old)} → {visible(new)}"


def _passage(n: int, p: Passage, docs: Mapping[str, Document]) -> Iterator[str]:
    label = "repetition" if p.is_repetition else p.kind
    words = f"{p.matched} matching words ({p.words_a} / {p.words_b})"
    trust = f"score {p.score:.2f}, evidence {p.evidence:.2f}, confidence {confidence(p):.2f}"
    yield f"[{n}] {label}, {trust}, {words}"
    for side, span in (("A", p.a), ("B", p.b)):
        where = f"{visible(span.doc)} {span.start}-{span.end}"
        yield f"    {side} {where}  {_snippet(docs[span.doc].text, span.start, span.end)}"
    if p.edits:
        a, b = docs[p.a.doc].text, docs[p.b.doc].text
        shown = "; ".join(_edit(e, a, b) for e in p.edits[:_SHOWN_EDITS])
        more = f"; … {len(p.edits) - _SHOWN_EDITS} more" if len(p.edits) > _SHOWN_EDITS else ""
        yield f"    changes ({len(p.edits)}): {shown}{more}"


_SHOWN_MEMBERS = 8


def summary(result: Result) -> Iterator[str]:
    docs = by_id(result.documents)
    # Passages are read one at a time: a streamed scan's are on disk.
    repeated = sum(1 for p in light(result.passages) if p.is_repetition)
    yield (
        f"variorum: {len(result.documents)} documents, "
        f"{len(result.passages) - repeated} shared passages, {repeated} repetitions"
    )
    ordered = itertools.chain(
        (p for p in result.passages if not p.is_repetition),
        (p for p in result.passages if p.is_repetition),
    )
    for n, p in enumerate(ordered, start=1):
        yield ""
        yield from _passage(n, p, docs)
    real = [q for q in result.quotations if q.kind != "scare"]
    if result.quotations:
        cited = sum(1 for q in real if q.citation)
        carried = sum(1 for q in real if q.citation_from)
        yield ""
        yield (
            f"quotations: {len(real)} ({cited} with a citation, {carried} of them carried "
            "over from another version; see `variorum quotes` for the list)"
        )
    if result.options.clusters:
        yield ""
        yield f"reuse clusters: {len(result.clusters)}"
        for n, c in enumerate(result.clusters, start=1):
            told = ""
            if c.earliest is not None:
                told = f", earliest {visible(c.earliest.doc)} ({c.earliest_date})"
            elif c.source is not None:
                told = f", probably from {visible(c.source.doc)} (the fuller text)"
            yield f"  #{n}: {c.documents} documents, {c.passages} passages{told}"
            for m in c.members[:_SHOWN_MEMBERS]:
                excerpt = " ".join(docs[m.doc].text[m.start : m.end].split())[:70]
                yield f"      {visible(m.doc)} {m.start}-{m.end}  {visible(excerpt)}"
            if len(c.members) > _SHOWN_MEMBERS:
                yield f"      … {len(c.members) - _SHOWN_MEMBERS} more"
    cover = coverage(result)
    yield ""
    yield "coverage (share of each document inside a shared passage):"
    width = min(60, max((len(visible(d.id)) for d in result.documents), default=0))
    for d in result.documents:
        yield f"  {visible(d.id):<{width}}  {100 * cover[d.id]:5.1f}%"
