"""Quotations traced across documents: linked through the alignment, citations carried over.

Each pair of documents is compared; a quotation in one is mapped through the passage's
segments to the other, and the quotations found there are the same quotation (verbatim,
edited, paraphrased or translated). A version that prints the quotation without its
citation receives the citation of the version that has one, marked as carried.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from rapidfuzz.distance import Indel, Levenshtein

from variorum.engine.local import compare
from variorum.engine.stored import by_id
from variorum.options import Options
from variorum.quotes import find_quotations
from variorum.text.tokenize import Tokens, tokenize
from variorum.types import Document, Edit, EditOp, Passage, Quotation, Span


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


def _alike(a: Document, q: Quotation, b: Document, r: Quotation) -> float:
    """Share of words two quotations have in common, in order (0 to 1)."""
    ta, tb = tokenize(a.text[q.start : q.end]), tokenize(b.text[r.start : r.end])
    return float(Indel.normalized_similarity(ta.hashes.tolist(), tb.hashes.tolist()))


def _word_span(t: Tokens, lo: int, hi: int, base: int) -> tuple[int, int]:
    """Characters of tokens [lo, hi) of a quotation starting at `base` (empty: a point)."""
    if lo < hi:
        return base + int(t.starts[lo]), base + int(t.ends[hi - 1])
    point = base + (int(t.ends[lo - 1]) if lo > 0 else 0)
    return point, point


def _drift(a: Document, q: Quotation, b: Document, r: Quotation) -> tuple[Edit, ...]:
    """Word changes from quotation q (in a) to quotation r (in b)."""
    ta, tb = tokenize(a.text[q.start : q.end]), tokenize(b.text[r.start : r.end])
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
                _word_span(ta, op.src_start, op.src_end, q.start),
                _word_span(tb, op.dest_start, op.dest_end, r.start),
            )
        )
    return tuple(edits)


def trace(docs: Sequence[Document], options: Options | None = None) -> list[Quotation]:
    """The quotations of every document, linked across documents, citations carried over.

    Each pair of documents is compared to find the passages that link them.
    """
    # The comparisons need not list quotations themselves: link() does, once.
    opts = replace(options or Options(), quotes=False)
    passages = [p for x, y in combinations(docs, 2) for p in compare(x, y, opts).passages]
    return link(docs, passages)


def link(docs: Sequence[Document], passages: Sequence[Passage]) -> list[Quotation]:
    """The quotations of `docs`, linked through `passages` found between them."""
    by_doc = {d.id: find_quotations(d) for d in docs}
    texts = by_id(docs)
    links: dict[tuple[str, int], dict[tuple[str, int], float]] = {}
    for p in passages:
        if p.is_repetition:
            continue
        for here, there, forward in ((p.a.doc, p.b.doc, True), (p.b.doc, p.a.doc, False)):
            span = (p.a.start, p.a.end) if forward else (p.b.start, p.b.end)
            for k, q in enumerate(by_doc[here]):
                if q.kind == "scare" or not _overlap(q.start, q.end, *span):
                    continue
                image = _image(q, p, forward)
                if image is None:
                    continue
                for m, r in enumerate(by_doc[there]):
                    shared = _overlap(r.start, r.end, *image)
                    if r.kind != "scare" and 2 * shared >= min(
                        r.end - r.start, image[1] - image[0]
                    ):
                        # Ranked by how alike the two quotations' words are, then by the
                        # share of the candidate covered: a coarse segment may span two
                        # quotations, and the one whose wording matches is the same one.
                        found = links.setdefault((here, k), {})
                        share = shared / max(1, r.end - r.start)
                        rank = _alike(texts[here], q, texts[there], r) + share / 10
                        found[(there, m)] = max(found.get((there, m), 0.0), rank)
    out: list[Quotation] = []
    for d in docs:
        for k, found_q in enumerate(by_doc[d.id]):
            out.append(_traced(d, found_q, links.get((d.id, k), {}), by_doc, texts))
    return out


def _traced(
    d: Document,
    q: Quotation,
    ranked: dict[tuple[str, int], float],
    by_doc: dict[str, list[Quotation]],
    texts: Mapping[str, Document],
) -> Quotation:
    """Quotation q with its sources, drift, carried citation and flags."""
    flags: list[str] = []
    partners = sorted(ranked, key=lambda key: -ranked[key])  # best match first
    if partners:
        others = [by_doc[doc][m] for doc, m in partners]
        first = others[0]
        q = replace(
            q,
            sources=tuple(Span(o.doc, o.start, o.end) for o in others),
            drift=_drift(texts[first.doc], first, d, q),
        )
        if q.drift:
            flags.append("drift")
        if q.citation is None:
            cited = next((o for o in others if o.citation is not None), None)
            if cited is not None and cited.citation is not None:
                source = Span(cited.doc, int(cited.citation["start"]), int(cited.citation["end"]))
                q = replace(
                    q, citation=dict(cited.citation) | {"carried": True}, citation_from=source
                )
                flags.append("carried")
        last_name = q.speaker.split()[-1] if q.speaker else None
        if last_name and any(o.speaker and o.speaker.split()[-1] != last_name for o in others):
            flags.append("speaker-conflict")
    if q.kind != "scare" and q.citation is None:
        flags.append("unsourced")
    return replace(q, flags=tuple(flags))
