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

    Each chain joins the open group it follows most closely (by `join_gap`), so a stray
    match lying between two parts of one passage does not keep them apart. A group that
    ended more than `max_gap` words before the current chain can take no more and is
    closed.
    """
    done: list[list[int]] = []
    open_groups: list[list[int]] = []
    ends: list[Box] = []  # the last box of each open group
    earliest = 0  # no open group ends before this (a lower bound, refreshed on closing)
    for k, box in enumerate(boxes):
        if ends and earliest + max_gap < box.i1:
            keep = [g for g, last in enumerate(ends) if last.i2 + max_gap >= box.i1]
            done.extend(open_groups[g] for g, last in enumerate(ends) if last.i2 + max_gap < box.i1)
            open_groups = [open_groups[g] for g in keep]
            ends = [ends[g] for g in keep]
            earliest = min((last.i2 for last in ends), default=box.i2)
        best, best_gap = -1, max_gap + 1
        i1, j1 = box.i1, box.j1
        for g, last in enumerate(ends):
            # Cheap rejections first: out of order, or farther than the best so far.
            if last.i2 > i1 or last.j2 > j1 or i1 - last.i2 >= best_gap or j1 - last.j2 >= best_gap:
                continue
            gap = join_gap(last, box, max_gap)
            if gap is not None and gap < best_gap:
                best, best_gap = g, gap
        if best >= 0:
            open_groups[best].append(k)
            ends[best] = box
        else:
            open_groups.append([k])
            ends.append(box)
            earliest = min(earliest, box.i2) if len(ends) > 1 else box.i2
    done.extend(open_groups)
    done.sort()
    return done
