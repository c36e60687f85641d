"""Collation at sentence level, for witnesses in other words: re-translations, paraphrases.

A witness is cut into sentence cells (each sentence with the spaces after it, the first
also with what precedes it; end to end they are the text). Which sentences correspond is
the semantic layer's answer for the pair, as `compare --semantic` gives it: the lexical
passages (`align_pair`), extended and joined by meaning (`align_meaning`), whose segments
pair runs of sentences (beads: one sentence with one, two with one, ...). Each bead's
first sentences are matched; the beads kept are those in one order on both sides (a
longest increasing subsequence), so that the correspondence is monotone as the columns
need. A bead's other sentences stay in its location (`joined`); sentences in no bead are
additions or omissions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from variorum.align import align_pair
from variorum.align.meaning import align_meaning
from variorum.align.sentences import unit_spans
from variorum.collation.align import Cells, in_order
from variorum.options import Options
from variorum.text.tokenize import analyse
from variorum.types import Document

# (base sentences i0:i1, witness sentences j0:j1)
Bead = tuple[int, int, int, int]


def sentence_cells(doc: Document) -> Cells:
    """A witness's sentence cells; their keys never match (the beads decide)."""
    spans, _ = unit_spans(analyse(doc))
    if not spans:
        return Cells((0, len(doc.text)), ((doc.id, 0),)) if doc.text else Cells((0,), ())
    bounds = (0, *(s.start for s in spans[1:]), len(doc.text))
    return Cells(bounds, tuple((doc.id, k) for k in range(len(spans))))


def beads(base: Document, base_cells: Cells, doc: Document, cells: Cells) -> list[Bead]:
    """The sentence beads between the base and a witness, in one order on both sides."""
    x, y = analyse(base), analyse(doc)
    opts = Options(semantic=True, quotes=False).resolved(scan=False)
    found = align_meaning(x, y, opts, align_pair(x, y, opts))
    out: set[Bead] = set()
    for p in found:
        if p.is_repetition:
            continue
        for seg in p.segments:
            i0, i1 = _cells(base_cells, seg.a)
            j0, j1 = _cells(cells, seg.b)
            out.add((i0, i1, j0, j1))
    ordered = _joined_where_they_share(sorted(out))
    keep = set(in_order([(b[0], b[2]) for b in ordered]))
    chosen: list[Bead] = []
    for b in ordered:
        if (b[0], b[2]) in keep and (
            not chosen or (b[0] >= chosen[-1][1] and b[2] >= chosen[-1][3])
        ):
            chosen.append(b)
    return chosen


def _joined_where_they_share(ordered: list[Bead]) -> list[Bead]:
    """Beads (sorted) that share a sentence on either side as one: segments cut inside a
    sentence (a clause of one side against a clause of the other, "…the truth, and one
    convert him; Let him know" against "…et qu'un autre le ramène, qu'il sache") touch
    its cell twice, and only the bead of their sentences together is in one order."""
    out: list[Bead] = []
    for b in ordered:
        if out:
            i0, i1, j0, j1 = out[-1]
            if (b[0] < i1 and b[1] > i0) or (b[2] < j1 and b[3] > j0):
                out[-1] = (min(i0, b[0]), max(i1, b[1]), min(j0, b[2]), max(j1, b[3]))
                continue
        out.append(b)
    return out


def _cells(cells: Cells, span: tuple[int, int]) -> tuple[int, int]:
    """The cells a span of characters touches, as a range."""
    bounds: Sequence[int] = cells.bounds
    first = max(0, bisect_right(bounds, span[0]) - 1)
    last = max(first, bisect_right(bounds, max(span[0], span[1] - 1)) - 1)
    return first, min(last + 1, len(cells))
