"""Second-level chaining: chains joined into passages across loose gaps, on their bounds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from variorum.text.resources import PARAGRAPH
from variorum.text.tokenize import Analysed, Tokens
from variorum.types import Passage, Span


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


# A chain at either end of a group, set apart from the rest by more words than one chain
# spans, belongs to the group only where it matches at least one word for every this many
# words of that gap.
_STRAY_END = 8


def without_strays(group: list[int], boxes: list[Box], chain_gap: int) -> tuple[int, int]:
    """The bounds [lo, hi) of the group (indices into `boxes`) less the stray chains at
    its ends.

    Three common words ("to come and") that two novels both say a hundred words after
    each quoted a chapter join the two quotations' group across a balanced gap: the
    passage would run on through a paragraph of each novel that have nothing else alike.
    A chain at an end of a group, farther from its neighbour than one chain may stretch
    (`chain_gap`), must match a word for every `_STRAY_END` words of that gap: a long
    passage's end across an omitted paragraph does, a chance phrase does not.
    """

    def stray(box: Box, near: Box) -> bool:
        gap = max(box.i1 - near.i2, near.i1 - box.i2, box.j1 - near.j2, near.j1 - box.j2)
        return gap > chain_gap and _STRAY_END * box.matched < gap

    lo, hi = 0, len(group)
    while hi - lo > 1 and stray(boxes[group[hi - 1]], boxes[group[hi - 2]]):
        hi -= 1
    while hi - lo > 1 and stray(boxes[group[lo]], boxes[group[lo + 1]]):
        lo += 1
    return lo, hi


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


def _continues(p: Passage, q: Passage, a: Tokens, b: Tokens) -> bool:
    """Whether `q` carries on the reused region of `p` (both of one document pair).

    `q` must follow `p` in both documents. Neither the gap between them nor the text one
    side has there and the other lacks (the gaps' difference, an overlap counted) may be
    longer than the stronger passage (the longer of the two, by its shorter side): two
    short reuses close by chance stay two, while a re-translated text that drops a
    citation line stays one, a revised chapter that rewrites a sentence between two long
    passages stays one, and so does a verse whose translation runs on after one verse
    that the other side lacks; passages that overlap in one document
    and follow closely in the other (a paraphrase that repeats a phrase across a verse
    boundary splits so) are one. Text on one side only that crosses a paragraph break (a
    paragraph added in a new edition, commentary between two quotations) keeps them apart;
    text that only starts or ends a paragraph of its side (a sentence a new edition drops
    at a paragraph's end) does not.
    """
    if q.a.start < p.a.start or q.b.start < p.b.start or q.a.end <= p.a.end or q.b.end <= p.b.end:
        return False
    ga, gb = q.a.start - p.a.end, q.b.start - p.b.end
    shortest = max(
        min(p.a.end - p.a.start, p.b.end - p.b.start), min(q.a.end - q.a.start, q.b.end - q.b.start)
    )
    if max(ga, gb) > shortest or abs(ga - gb) > shortest:
        return False
    words_a, words_b = words_in(a, p.a.end, q.a.start), words_in(b, p.b.end, q.b.start)
    if words_a and words_b:
        return True
    one, tokens, start, end = (
        (words_a, a, p.a.end, q.a.start) if words_a else (words_b, b, p.b.end, q.b.start)
    )
    if not one:
        return True
    lo, hi = np.searchsorted(tokens.starts, [start, end])
    # the breaks after the word before the text and after each of its words
    ends = np.flatnonzero(tokens.breaks[max(0, lo - 1) : hi] >= PARAGRAPH)
    last = hi - max(0, lo - 1) - 1
    # within one paragraph: it may start one or end one, but not both (a paragraph of its
    # own) nor break one in two ("I may add, …" dropped at the end of a paragraph of a
    # later edition keeps the paragraph's passage one)
    return len(ends) == 0 or (len(ends) == 1 and int(ends[0]) in (0, last))


def _moved_within(p: Passage, q: Passage, a: Tokens, b: Tokens) -> bool:
    """Whether `q` is a piece of `p`'s region that one document prints elsewhere in it:
    inside `p` on one side, and next to it on the other (no word between them), as the
    WEB prints the doxology that closes Romans in the KJV (16:25-27) at 14:23."""

    def inside(x: Span, y: Span) -> bool:
        return y.start <= x.start and x.end <= y.end

    def next_to(x: Span, y: Span, tokens: Tokens) -> bool:
        lo, hi = min(x.end, y.end), max(x.start, y.start)
        return lo >= hi or not words_in(tokens, lo, hi)

    return (inside(q.b, p.b) and next_to(q.a, p.a, a)) or (
        inside(q.a, p.a) and next_to(q.b, p.b, b)
    )


def words_in(tokens: Tokens, start: int, end: int) -> int:
    """The words (tokens) that start inside characters start:end."""
    return int(np.searchsorted(tokens.starts, end) - np.searchsorted(tokens.starts, start))


def _fused(p: Passage, q: Passage, a: Tokens, b: Tokens) -> Passage:
    """Two passages of one region as one: the stronger one's segments where they overlap."""
    big, small = (p, q) if p.words_a + p.words_b >= q.words_a + q.words_b else (q, p)
    a_span = Span(p.a.doc, min(p.a.start, q.a.start), max(p.a.end, q.a.end))
    b_span = Span(p.b.doc, min(p.b.start, q.b.start), max(p.b.end, q.b.end))

    def clear(x: tuple[int, int], y: tuple[int, int], span_a: Span, span_b: Span) -> bool:
        return (x[1] <= span_a.start or x[0] >= span_a.end) and (
            y[1] <= span_b.start or y[0] >= span_b.end
        )

    segments = [*big.segments, *(s for s in small.segments if clear(s.a, s.b, big.a, big.b))]
    edits = [*big.edits, *(e for e in small.edits if clear(e.a, e.b, big.a, big.b))]
    # The share of the smaller passage beyond the bigger one (its matches there count).
    beyond = (small.a.end - small.a.start) - max(
        0, min(small.a.end, big.a.end) - max(small.a.start, big.a.start)
    )
    outside = beyond / max(1, small.a.end - small.a.start)
    weight_p, weight_q = p.words_a + p.words_b, q.words_a + q.words_b
    total = max(1, weight_p + weight_q)
    return Passage(
        a=a_span,
        b=b_span,
        kind=big.kind,
        score=round((p.score * weight_p + q.score * weight_q) / total, 4),
        evidence=round((p.evidence * weight_p + q.evidence * weight_q) / total, 4),
        matched=big.matched + round(small.matched * outside),
        words_a=words_in(a, a_span.start, a_span.end),
        words_b=words_in(b, b_span.start, b_span.end),
        segments=tuple(sorted(segments, key=lambda s: (s.a, s.b))),
        edits=tuple(sorted(edits, key=lambda e: (e.a, e.b))),
        languages=big.languages,
    )


def consolidated(passages: Sequence[Passage], a: Analysed, b: Analysed) -> list[Passage]:
    """The passages of one document pair, those that carry on one region joined into one
    (see `_continues`), in order of position in `a`. A passage that carries on an earlier
    one across a third takes the third in too where it lies in their region on both
    sides: one region, one passage, none inside another. So does a piece of a region one
    side prints elsewhere in it (see `_moved_within`)."""
    ordered = sorted(passages, key=lambda p: (p.a.start, p.b.start, p.a.end, p.b.end))
    out: list[Passage] = []
    for p in ordered:
        last = next(
            (
                k
                for k in range(len(out) - 1, -1, -1)
                if _continues(out[k], p, a.tokens, b.tokens)
                or _moved_within(out[k], p, a.tokens, b.tokens)
            ),
            None,
        )
        if last is None:
            out.append(p)
            continue
        hull_a = Span(p.a.doc, out[last].a.start, max(out[last].a.end, p.a.end))
        hull_b = Span(p.b.doc, min(out[last].b.start, p.b.start), max(out[last].b.end, p.b.end))
        inside = [q for q in out[last + 1 :] if meets(q.a, hull_a) and meets(q.b, hull_b)]
        region = out[last]
        for q in sorted([*inside, p], key=lambda q: (q.a.start, q.b.start)):
            region = _fused(region, q, a.tokens, b.tokens)  # in order: each keeps its segments
        taken = {id(q) for q in inside}
        out[last:] = [region, *(q for q in out[last + 1 :] if id(q) not in taken)]
    return out


def meets(x: Span, y: Span) -> bool:
    """Whether two stretches of one document share a character."""
    return min(x.end, y.end) > max(x.start, y.start)
