"""Quotations traced across documents: linked through the alignment, citations carried over.

Given the passages between documents (engine.plan.trace compares each pair to find
them), a quotation in one is mapped through the passage's
segments to the other, and the quotations found there are the same quotation (verbatim,
edited, paraphrased or translated). A version that prints the quotation without its
citation receives the citation of the version that has one, marked as carried.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from rapidfuzz.distance import Indel, Levenshtein

from variorum.quotes import find_quotations
from variorum.text.tokenize import Tokens, tokenize
from variorum.types import Document, Edit, EditOp, Passage, Quotation, Span, ids_of

# A quotation and its words.
Quoted = tuple[Quotation, str]


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _image(q: Quotation, p: Passage, forward: bool) -> tuple[int, int] | None:
    """The stretch of the other document that the passage aligns with quotation q."""
    parts = []
    for seg in p.segments:
        here, there = (seg.a, seg.b) if forward else (seg.b, seg.a)
        if _overlap(q.start, q.end, *here):
            parts.append(there)
    if not parts:
        return None
    return min(s for s, _ in parts), max(e for _, e in parts)


def _alike(q: Quoted, r: Quoted) -> float:
    """Share of words two quotations have in common, in order (0 to 1)."""
    ta, tb = tokenize(q[1]), tokenize(r[1])
    return float(Indel.normalized_similarity(ta.hashes.tolist(), tb.hashes.tolist()))


def _word_span(t: Tokens, lo: int, hi: int, base: int) -> tuple[int, int]:
    """Characters of tokens [lo, hi) of a quotation starting at `base` (empty: a point)."""
    if lo < hi:
        return base + int(t.starts[lo]), base + int(t.ends[hi - 1])
    point = base + (int(t.ends[lo - 1]) if lo > 0 else 0)
    return point, point


def _drift(q: Quoted, r: Quoted) -> tuple[Edit, ...]:
    """Word changes from quotation q to quotation r."""
    ta, tb = tokenize(q[1]), tokenize(r[1])
    edits = []
    for op in Levenshtein.opcodes(ta.hashes.tolist(), tb.hashes.tolist()):
        if op.tag == "equal":
            continue
        kind: EditOp = (
            "replace" if op.tag == "replace" else ("delete" if op.tag == "delete" else "insert")
        )
        edits.append(
            Edit(
                kind,
                _word_span(ta, op.src_start, op.src_end, q[0].start),
                _word_span(tb, op.dest_start, op.dest_end, r[0].start),
            )
        )
    return tuple(edits)


def quoted(doc: Document) -> list[Quoted]:
    """A document's quotations, each with its words (what linking them needs)."""
    return [(q, doc.text[q.start : q.end]) for q in find_quotations(doc)]


def images(p: Passage, forward: bool, here: Sequence[Quoted]) -> Iterator[tuple[int, Span]]:
    """(k, image): quotation k of one side of passage p, and the stretch the passage aligns
    it with on the other side (forward: the side is p.a).

    The first half of linking quotations, which needs one document's quotations; the
    second (`matches`) needs the other's. Both engines run them.
    """
    side, other = (p.a, p.b) if forward else (p.b, p.a)
    for k, (q, _) in enumerate(here):
        if q.kind != "scare" and _overlap(q.start, q.end, side.start, side.end):
            image = _image(q, p, forward)
            if image is not None:
                yield k, Span(other.doc, *image)


def matches(q: Quoted, image: Span, there: Sequence[Quoted]) -> Iterator[tuple[int, float]]:
    """(m, rank): the quotations of the other document that quotation q's image covers.

    Ranked by how alike the two quotations' words are, then by the share of the candidate
    covered: a coarse segment may span two quotations, and the one whose wording matches
    is the same one.
    """
    for m, r in enumerate(there):
        shared = _overlap(r[0].start, r[0].end, image.start, image.end)
        if r[0].kind != "scare" and 2 * shared >= min(r[0].end - r[0].start, len(image)):
            yield m, _alike(q, r) + shared / max(1, r[0].end - r[0].start) / 10


def link(docs: Sequence[Document], passages: Sequence[Passage]) -> list[Quotation]:
    """The quotations of `docs`, linked through `passages` found between them."""
    by_doc = {d.id: quoted(d) for d in docs}
    order = {d: n for n, d in enumerate(ids_of(docs))}
    links: dict[tuple[str, int], dict[tuple[str, int], float]] = {}
    for p in passages:
        if p.is_repetition:
            continue
        for here, there, forward in ((p.a.doc, p.b.doc, True), (p.b.doc, p.a.doc, False)):
            for k, image in images(p, forward, by_doc[here]):
                for m, rank in matches(by_doc[here][k], image, by_doc[there]):
                    found = links.setdefault((here, k), {})
                    found[(there, m)] = max(found.get((there, m), 0.0), rank)
    out: list[Quotation] = []
    for d in ids_of(docs):
        for k, q in enumerate(by_doc[d]):
            ranked = links.get((d, k), {})
            best = sorted(ranked, key=lambda key: (-ranked[key], order[key[0]], key[1]))
            out.append(traced(q, [by_doc[doc][m] for doc, m in best]))
    return out


def traced(quote: Quoted, partners: Sequence[Quoted]) -> Quotation:
    """The quotation with its sources (`partners`, best first), drift, carried citation
    and flags."""
    q = quote[0]
    flags: list[str] = []
    if partners:
        others = [o for o, _ in partners]
        q = replace(
            q,
            sources=tuple(Span(o.doc, o.start, o.end) for o in others),
            drift=_drift(partners[0], quote),
        )
        if q.drift:
            flags.append("drift")
        if q.citation is None:
            cited = next((o for o in others if o.citation is not None), None)
            if cited is not None and cited.citation is not None:
                source = Span(cited.doc, int(cited.citation["start"]), int(cited.citation["end"]))
                q = replace(
                    q,
                    citation=dict(cited.citation) | {"carried": True},
                    citation_from=source,
                    # Cited, it is a quotation of a source, as its counterpart is.
                    kind=cited.kind if q.kind == "letter" else q.kind,
                )
                flags.append("carried")
        last_name = q.speaker.split()[-1] if q.speaker else None
        if last_name and any(o.speaker and o.speaker.split()[-1] != last_name for o in others):
            flags.append("speaker-conflict")
    if q.kind != "scare" and q.citation is None:
        flags.append("unsourced")
    return replace(q, flags=tuple(flags))
