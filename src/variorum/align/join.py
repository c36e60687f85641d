"""Second-level chaining: chains joined into passages across loose gaps, on their bounds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
    """The bounds of a chain (tokens [i1, i2) and [j1, j2)) and its matching words."""

    i1: int
    i2: int
    j1: int
    j2: int
    matched: int


def join_gap(left: Box, right: Box, max_gap: int) -> int | None:
    """The unmatched words between two chains if they form one passage, else None.

    The chains must be in order on both sides with at most `max_gap` words between them.
    A lopsided gap (many words on one side, few on the other) joins only when both sides
    have material there and neither chain is shorter than the gap: so two short
    quotations from one source, set apart by new text, stay two passages, while a long
    re-translated text missing a citation line stays one.
    """
    gi, gj = right.i1 - left.i2, right.j1 - left.j2
    if gi < 0 or gj < 0:
        return None
    wide, narrow = max(gi, gj), min(gi, gj)
    if wide > max_gap:
        return None
    balanced = wide - narrow <= max(8, wide // 2)
    if not balanced and (4 * narrow < wide or wide > min(left.matched, right.matched)):
        return None
    return wide


def join(boxes: list[Box], max_gap: int) -> list[list[int]]:
    """Groups of chains (indices into `boxes`, which are sorted by start) forming passages.

    Each chain joins the open group it follows most closely, so a stray match lying
    between two parts of one passage does not keep them apart. A group that ended more
    than `max_gap` words before the current chain can take no more and is closed.
    """
    done: list[list[int]] = []
    open_groups: list[list[int]] = []
    for k, box in enumerate(boxes):
        still_open: list[list[int]] = []
        for members in open_groups:
            (done if boxes[members[-1]].i2 + max_gap < box.i1 else still_open).append(members)
        open_groups = still_open
        best, best_gap = -1, max_gap + 1
        for g, members in enumerate(open_groups):
            gap = join_gap(boxes[members[-1]], box, max_gap)
            if gap is not None and gap < best_gap:
                best, best_gap = g, gap
        if best >= 0:
            open_groups[best].append(k)
        else:
            open_groups.append([k])
    done.extend(open_groups)
    done.sort()
    return done
