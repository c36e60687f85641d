"""From a token alignment path to a Passage: spans, score, segments and word edits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from variorum.align.ops import Op, bounds, matched
from variorum.text.resources import SENTENCE
from variorum.text.tokenize import Analysed, capitalised, trailing_end
from variorum.types import Edit, EditOp, Passage, Segment, Span

BoolArray = npt.NDArray[np.bool_]


class Side:
    """Character geometry of one document's tokens."""

    def __init__(self, analysed: Analysed) -> None:
        self.id = analysed.doc.id
        self.text = analysed.doc.text
        self.starts = analysed.tokens.starts
        self.ends = analysed.tokens.ends
        self.breaks = analysed.tokens.breaks

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """Characters of tokens [first, stop), with the punctuation glued to the last one."""
        limit = int(self.starts[stop]) if stop < len(self.starts) else len(self.text)
        return int(self.starts[first]), trailing_end(self.text, int(self.ends[stop - 1]), limit)

    @cached_property
    def commas(self) -> tuple[BoolArray, BoolArray]:
        """Per token: whether a comma stands before it, and whether it is then a word set
        with a capital, a unit the typesetting marks inside a sentence (a verse of the
        KJV, a line of verse run on: "to give light upon the earth, And to rule")."""
        n = len(self.starts)
        comma, capital = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
        at = np.array([m.start() for m in _COMMA.finditer(self.text)], dtype=np.int64)
        if n and len(at):
            after = np.searchsorted(self.starts, at, side="right")  # the token after each
            ok = (after > 0) & (after < n)
            after, at = after[ok], at[ok]
            after = after[self.ends[after - 1] <= at]  # between two tokens, not in one
            comma[after] = True
            for t in after.tolist():
                capital[t] = capitalised(self.text, int(self.starts[t]))
        return comma, capital

    def token(self, t: int) -> tuple[int, int]:
        return int(self.starts[t]), int(self.ends[t])

    def point(self, t: int) -> int:
        """The character position between token t - 1 and token t."""
        if t <= 0:
            return int(self.starts[0]) if len(self.starts) else 0
        return int(self.ends[t - 1])


_COMMA = re.compile(",")


def _cuts(ops: Sequence[Op], side_a: Side, side_b: Side) -> list[tuple[int, int]]:
    """Grid points of the path where both documents have a clause or sentence boundary,
    or, along an exact run, a comma where either sets the next word with a capital
    (Side.commas: the KJV's verses inside a sentence, against a revision's), or, inside
    an exact run (matched words on both sides of the point), a boundary on one side and a
    comma on the other (a revision that ends with a full stop what its original ends
    with a comma). At a run's start the words before are not each other's, and the
    comma may close a phrase the other side has elsewhere ("greeting. My brethren,
    count it" against "greeting. Count it …, my brethren,")."""
    i1, i2, j1, j2 = bounds(ops)
    cuts: list[tuple[int, int]] = []
    lo_a, lo_b = max(i1 - 1, 0), max(j1 - 1, 0)
    local_a: list[int] = side_a.breaks[lo_a:i2].tolist()
    local_b: list[int] = side_b.breaks[lo_b:j2].tolist()

    def brk_a(x: int) -> int:
        """Strength of the boundary before token x of a (i1 < x < i2)."""
        return local_a[x - 1 - lo_a]

    def brk_b(y: int) -> int:
        return local_b[y - 1 - lo_b]

    def both(x: int, y: int) -> bool:
        return i1 < x < i2 and j1 < y < j2 and brk_a(x) > 0 and brk_b(y) > 0

    breaks_a, breaks_b = side_a.breaks, side_b.breaks
    for tag, a1, a2, b1, b2 in ops:
        if tag == "equal":
            # Along an exact run, x and y move together: both documents break before x
            # where both break arrays are set, found with numpy rather than token by token.
            shift = b1 - a1
            # Strictly inside the passage on both sides: i1 < x < i2 and j1 < x + shift < j2.
            lo = max(a1, i1 + 1, j1 + 1 - shift)
            hi = min(a2, i2 - 1, j2 - 1 - shift)
            if lo <= hi:
                break_a = breaks_a[lo - 1 : hi] > 0
                break_b = breaks_b[lo - 1 + shift : hi + shift] > 0
                both_break = break_a & break_b
                (comma_a, capital_a), (comma_b, capital_b) = side_a.commas, side_b.commas
                here, there = slice(lo, hi + 1), slice(lo + shift, hi + shift + 1)
                both_break |= (comma_a[here] & comma_b[there]) & (
                    capital_a[here] | capital_b[there]
                )
                one_sided = (break_a & comma_b[there]) | (comma_a[here] & break_b)
                inside = np.arange(lo, hi + 1)
                both_break |= one_sided & (inside > a1) & (inside < a2)
                cuts.extend((x, x + shift) for x in (np.flatnonzero(both_break) + lo).tolist())
        elif tag == "delete":
            cuts.extend((x, b1) for x in range(a1, a2 + 1) if both(x, b1))
        elif tag == "insert":
            cuts.extend((a1, y) for y in range(b1, b2 + 1) if both(a1, y))
        else:
            if both(a1, b1):
                cuts.append((a1, b1))
            # Inside a replaced stretch, pair its boundaries in order when both sides have
            # as many: a reworded clause still ends where its counterpart ends.
            xs = [x for x in range(a1 + 1, a2) if brk_a(x) > 0]
            ys = [y for y in range(b1 + 1, b2) if brk_b(y) > 0]
            if xs and len(xs) == len(ys):
                cuts.extend(zip(xs, ys, strict=True))
            if both(a2, b2):
                cuts.append((a2, b2))
    unique: list[tuple[int, int]] = []
    for c in cuts:
        if not unique or (c[0] > unique[-1][0] and c[1] > unique[-1][1]):
            unique.append(c)
    return unique


def _units_paired(points: list[tuple[int, int]], a: Side, b: Side) -> list[tuple[int, int]]:
    """The points, with the sentence boundaries inside a segment paired in order where both
    sides have as many: a path that wanders between sentences of a paraphrase (an
    insertion on one side, the boundary inside a replacement on the other) still maps a
    sentence to its counterpart (where the sentences fall at the same shares of the
    segment's length on both sides)."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in pairwise(points):
        xs = (np.flatnonzero(a.breaks[x0 : x1 - 1] >= SENTENCE) + x0 + 1).tolist()
        ys = (np.flatnonzero(b.breaks[y0 : y1 - 1] >= SENTENCE) + y0 + 1).tolist()
        if xs and len(xs) == len(ys) and _in_step(a, x0, x1, xs, b, y0, y1, ys):
            out.extend(zip(xs, ys, strict=True))
        out.append((x1, y1))
    return out


# Paired boundaries lie at most this share of a segment's length apart on the two sides.
_STEP = 0.2


def _in_step(
    a: Side, x0: int, x1: int, xs: list[int], b: Side, y0: int, y1: int, ys: list[int]
) -> bool:
    """Whether each boundary xs[k] falls at about the same share of a's stretch x0:x1 as
    ys[k] of b's y0:y1 (in characters)."""
    start_a, end_a = a.point(x0), a.point(x1)
    start_b, end_b = b.point(y0), b.point(y1)
    if end_a <= start_a or end_b <= start_b:
        return False
    return all(
        abs((a.point(x) - start_a) / (end_a - start_a) - (b.point(y) - start_b) / (end_b - start_b))
        <= _STEP
        for x, y in zip(xs, ys, strict=True)
    )


def _edits(ops: Sequence[Op], a: Side, b: Side) -> list[Edit]:
    edits: list[Edit] = []
    k = 0
    while k < len(ops):
        if ops[k][0] == "equal":
            k += 1
            continue
        first = k
        while k < len(ops) and ops[k][0] != "equal":
            k += 1
        i1, i2, j1, j2 = ops[first][1], ops[k - 1][2], ops[first][3], ops[k - 1][4]
        op: EditOp = "replace" if i1 < i2 and j1 < j2 else ("delete" if i1 < i2 else "insert")
        sa = (a.token(i1)[0], a.token(i2 - 1)[1]) if i1 < i2 else (a.point(i1), a.point(i1))
        sb = (b.token(j1)[0], b.token(j2 - 1)[1]) if j1 < j2 else (b.point(j1), b.point(j1))
        edits.append(Edit(op, sa, sb))
    return edits


def build_passage(ops: Sequence[Op], sa: Side, sb: Side, evidence: float) -> Passage:
    """Turn an alignment path between two documents into a Passage record."""
    i1, i2, j1, j2 = bounds(ops)
    same = matched(ops)
    na, nb = i2 - i1, j2 - j1
    points = _units_paired([(i1, j1), *_cuts(ops, sa, sb), (i2, j2)], sa, sb)
    segments = tuple(
        Segment(sa.span(x0, x1), sb.span(y0, y1)) for (x0, y0), (x1, y1) in pairwise(points)
    )
    a_start, a_end = sa.span(i1, i2)
    b_start, b_end = sb.span(j1, j2)
    return Passage(
        a=Span(sa.id, a_start, a_end),
        b=Span(sb.id, b_start, b_end),
        kind="verbatim" if same == na == nb else "edited",
        score=round(2 * same / (na + nb), 4),
        evidence=round(evidence, 4),
        matched=same,
        words_a=na,
        words_b=nb,
        segments=segments,
        edits=tuple(_edits(ops, sa, sb)),
    )
