"""Token-level alignment paths as opcodes, and the operations that grow and join them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel, Levenshtein

from variorum.align.chain import Piece
from variorum.text.tokenize import HashArray

Breaks = npt.NDArray[np.int8]

# (tag, i1, i2, j1, j2) over token indices, tag one of equal/replace/insert/delete, as in
# difflib; consecutive opcodes tile the aligned region of both streams without gaps.
Op = tuple[str, int, int, int, int]


def gap_ops(a: HashArray, b: HashArray, i1: int, i2: int, j1: int, j2: int) -> list[Op]:
    """Best word alignment of a[i1:i2] with b[j1:j2] (edit distance), as opcodes."""
    if i1 == i2 and j1 == j2:
        return []
    if i1 == i2:
        return [("insert", i1, i1, j1, j2)]
    if j1 == j2:
        return [("delete", i1, i2, j1, j1)]
    return [
        (op.tag, i1 + op.src_start, i1 + op.src_end, j1 + op.dest_start, j1 + op.dest_end)
        for op in Levenshtein.opcodes(a[i1:i2].tolist(), b[j1:j2].tolist())
    ]


def chain_ops(pieces: Sequence[Piece], a: HashArray, b: HashArray) -> list[Op]:
    """The alignment path through a chain: its runs, and edit-distance alignment between them."""
    ops: list[Op] = []
    for k, p in enumerate(pieces):
        if k:
            q = pieces[k - 1]
            ops.extend(gap_ops(a, b, q.i + q.length, p.i, q.j + q.length, p.j))
        ops.append(("equal", p.i, p.i + p.length, p.j, p.j + p.length))
    return ops


def bounds(ops: Sequence[Op]) -> tuple[int, int, int, int]:
    return ops[0][1], ops[-1][2], ops[0][3], ops[-1][4]


def matched(ops: Sequence[Op]) -> int:
    return sum(op[2] - op[1] for op in ops if op[0] == "equal")


def _best_prefix(a: HashArray, b: HashArray, xdrop: int) -> tuple[int, int]:
    """How far an alignment of a and b from their starts is worth taking (X-drop).

    The alignment keeps the most matching words (LCS); each matching word scores +1 and
    each stretch of edits between matches costs the longer of its two sides, so a
    replaced word costs 1 like an inserted or a deleted one.
    """
    if len(a) == 0 or len(b) == 0:
        return 0, 0
    best = cur = 0
    best_a = best_b = 0
    pending_a = pending_b = 0
    for op in Indel.opcodes(a.tolist(), b.tolist()):
        if op.tag != "equal":
            pending_a += op.src_end - op.src_start
            pending_b += op.dest_end - op.dest_start
            continue
        cur -= max(pending_a, pending_b)
        pending_a = pending_b = 0
        if cur < best - xdrop:
            break
        for t in range(op.src_end - op.src_start):
            cur += 1
            if cur > best:
                best, best_a, best_b = cur, op.src_start + t + 1, op.dest_start + t + 1
    return best_a, best_b


def extend(
    ops: list[Op],
    a: HashArray,
    b: HashArray,
    limits: tuple[int, int, int, int],
    *,
    window: int = 12,
    xdrop: int = 3,
) -> list[Op]:
    """Grow the path at both ends while the words beyond it still match (X-drop extension).

    Each step looks `window` words ahead; steps repeat while they gain ground. `limits`
    are (lo_a, hi_a, lo_b, hi_b): the path never grows past them.
    """
    lo_a, hi_a, lo_b, hi_b = limits
    while True:
        i1, _, j1, _ = bounds(ops)
        da, db = _best_prefix(
            a[max(lo_a, i1 - window) : i1][::-1], b[max(lo_b, j1 - window) : j1][::-1], xdrop
        )
        if not (da or db):
            break
        ops = gap_ops(a, b, i1 - da, i1, j1 - db, j1) + ops
    while True:
        _, i2, _, j2 = bounds(ops)
        ea, eb = _best_prefix(a[i2 : min(hi_a, i2 + window)], b[j2 : min(hi_b, j2 + window)], xdrop)
        if not (ea or eb):
            break
        ops = ops + gap_ops(a, b, i2, i2 + ea, j2, j2 + eb)
    return ops


def _unit_start(breaks: Breaks, t: int, lo: int, reach: int) -> int:
    """Start of the clause holding token t when it lies within `reach` tokens, else t."""
    first = max(lo, t - reach - 1)
    found = np.flatnonzero(breaks[first:t])  # a break after token k starts a clause at k + 1
    if len(found):
        return first + int(found[-1]) + 1
    return lo if first == lo else t


def _unit_end(breaks: Breaks, t: int, hi: int, reach: int) -> int:
    """End (exclusive) of the clause holding token t - 1 when within `reach`, else t."""
    last = min(hi, t + reach + 1)
    found = np.flatnonzero(breaks[t - 1 : last])
    if len(found):
        return min(t + int(found[0]), hi)
    return hi if last == hi else t


def _related(ops: Sequence[Op]) -> bool:
    """Whether a short stretch looks like an edited copy.

    Half its shorter side matches, and its two sides are of comparable length (an edit
    rewords a few words; it does not turn one word into five).
    """
    i1, i2, j1, j2 = bounds(ops)
    same = matched(ops)
    short, long = sorted((i2 - i1, j2 - j1))
    return same > 0 and 2 * same >= short and long <= 3 * short


def snap(
    ops: list[Op],
    a: HashArray,
    b: HashArray,
    breaks_a: Breaks,
    breaks_b: Breaks,
    limits: tuple[int, int, int, int],
    *,
    reach: int = 6,
) -> list[Op]:
    """Move both ends of a path to the clause or sentence edges just beyond them.

    Only when both sides leave a few words (at most `reach`) short of an edge: a passage
    whose first words were edited on both sides starts where its sentence starts; a
    one-sided leftover is an insertion next to the passage, not part of it.
    """
    lo_a, hi_a, lo_b, hi_b = limits
    i1, i2, j1, j2 = bounds(ops)
    sa, sb = _unit_start(breaks_a, i1, lo_a, reach), _unit_start(breaks_b, j1, lo_b, reach)
    if 0 < i1 - sa <= reach and 0 < j1 - sb <= reach:
        head = gap_ops(a, b, sa, i1, sb, j1)
        if _related(head):
            ops = head + ops
    ea, eb = _unit_end(breaks_a, i2, hi_a, reach), _unit_end(breaks_b, j2, hi_b, reach)
    if 0 < ea - i2 <= reach and 0 < eb - j2 <= reach:
        tail = gap_ops(a, b, i2, ea, j2, eb)
        if _related(tail):
            ops = ops + tail
    return ops


def periods(ops: Sequence[Op]) -> list[list[Op]]:
    """A path inside one text whose two copies overlap (the same passage said again and
    again, each time right after the last), cut into the repetitions of each copy by the
    next: the first copy runs up to where the second starts, and so on. A cut falls
    inside a run of equal words exactly, otherwise before the edit that spans it; where
    that leaves nothing before it, the rest is dropped. One pass over the path."""
    out: list[list[Op]] = []
    rest = list(ops)
    piece: list[Op] = []
    at = rest[0][3] if rest else 0  # where the next copy starts: the first cut
    k = 0
    while k < len(rest):
        tag, i1, i2, j1, j2 = rest[k]
        if i2 <= at:
            piece.append(rest[k])
            k += 1
            continue
        if tag == "equal" and i1 < at:
            half = j1 + at - i1
            piece.append((tag, i1, at, j1, half))
            rest[k] = (tag, at, i2, half, j2)
        if not piece:
            return out
        out.append(piece)
        piece = []
        at = rest[k][3]
    if piece:
        out.append(piece)
    return out
