"""Align one pair of documents (or one document with itself) into passages."""

from __future__ import annotations

import bisect
import itertools

import numpy as np

from variorum.align.build import Side, build_passage
from variorum.align.chain import chains
from variorum.align.formula import formulaic
from variorum.align.join import Box, consolidated, join, without_strays
from variorum.align.ops import Op, bounds, chain_ops, extend, gap_ops, matched, periods, snap
from variorum.align.seeds import matches, runs
from variorum.index.ngrams import ngram_hashes
from variorum.index.weights import FloatArray, Weights
from variorum.options import Options
from variorum.text.tokenize import Analysed, HashArray
from variorum.types import Passage

BitsPair = tuple[FloatArray, FloatArray]
_EVIDENCE_WORDS = 50

# A path this much stronger than another that shares one of its stretches makes it an echo.
_DOMINANCE = 1.25


def _paths(a: Analysed, b: Analysed | None, opts: Options) -> tuple[list[list[Op]], list[Box]]:
    """Alignment paths of the passages shared by a and b (b None: repeated inside a),
    with the bounds of every chain of matching words found (see `_idiom`)."""
    ta = a.tokens
    tb = ta if b is None else b.tokens
    ha, hb = ta.hashes, tb.hashes
    i, j = matches(ha, None if b is None else hb, opts.seed, opts.occurrence_cap)
    found = chains(runs(i, j, opts.seed), max_gap=opts.max_gap, min_score=opts.seed)
    found.sort(key=lambda pieces: (pieces[0].i, pieces[0].j))
    boxes = [
        Box(
            c[0].i, c[-1].i + c[-1].length, c[0].j, c[-1].j + c[-1].length, sum(p.length for p in c)
        )
        for c in found
    ]
    # Chains joined into groups first, on their bounds alone; only a group that can become
    # a passage is aligned word by word, grown and snapped.
    limits = (0, len(ha), 0, len(hb))
    merged: list[list[Op]] = []
    sizes = None if b is None else (len(ha), len(hb))
    groups = join(boxes, opts.merge_gap)
    if b is None:
        groups = [part for group in groups for part in _by_copy(group, boxes)]
    for group in _promising(groups, boxes, opts, sizes):
        ops: list[Op] = []
        for k in group:
            if ops:
                _, i2, _, j2 = bounds(ops)
                ops.extend(gap_ops(ha, hb, i2, boxes[k].i1, j2, boxes[k].j1))
            ops.extend(chain_ops(found[k], ha, hb))
        ops = extend(ops, ha, hb, limits)
        merged.append(snap(ops, ha, hb, ta.breaks, tb.breaks, limits))
    merged.sort(key=bounds)
    least = opts.shortest
    kept = [ops for ops in merged if _long_enough(ops, least)]
    if b is None:
        # A repetition's two copies must not overlap: a passage said again and again,
        # each time right after the last, is each copy repeated by the next; said more
        # times in a row than a phrase may recur (`occurrence_cap`), it is boilerplate.
        cut = [periods(ops) for ops in kept]
        kept = [
            p
            for pieces in cut
            if len(pieces) <= opts.occurrence_cap
            for p in pieces
            if _long_enough(p, least)
        ]
    return kept, boxes


def _by_copy(group: list[int], boxes: list[Box]) -> list[list[int]]:
    """A group of chains inside one text cut where a chain starts in the copy the chains
    before it repeat (a chorus after each verse: the first copy by the second, then the
    second by the third, never the first copy and its verse by the second and its verse)."""
    parts = [[group[0]]]
    for y in group[1:]:
        if boxes[y].i1 >= boxes[parts[-1][0]].j1:
            parts.append([y])
        else:
            parts[-1].append(y)
    return parts


def _promising(
    groups: list[list[int]],
    boxes: list[Box],
    opts: Options,
    sizes: tuple[int, int] | None = None,
) -> list[list[int]]:
    """The groups of chains worth aligning word by word.

    Dropped: groups with too few matching words, and groups too thinly spread to reach
    the evidence a passage needs (evidence weighs rare words up, so the bound is loose:
    half of it). Between two documents (`sizes`: their words), a thin group is cut at
    its widest gap and each part tried again: a quotation that a stray match of common
    words ("a day of", hundreds of words before it) drew into one group with it is
    kept, where the two documents share little else (`_stands_alone`); two chapters of
    one book share formulas throughout, and a part of their thin group is no more than
    one of them. A group is weighed with the stray chains at its ends and kept without
    them (`without_strays`); each is tried again alone, as a part.
    """
    enough = max(opts.seed, opts.passage_words // 3)
    kept = []
    todo = [(group, False) for group in reversed(groups)]
    shared = sum(box.matched for box in boxes)
    while todo:
        group, part = todo.pop()
        first, last = boxes[group[0]], boxes[group[-1]]
        same = sum(boxes[k].matched for k in group)
        span = last.i2 - first.i1 + last.j2 - first.j1
        if same >= enough and 2 * same >= 0.5 * opts.min_evidence * span:
            if not part or (sizes is not None and _stands_alone(shared - same, sizes)):
                lo, hi = without_strays(group, boxes, opts.max_gap)
                kept.append(group[lo:hi])
                todo.extend([([k], True) for k in group[:lo] + group[hi:]])
        elif same >= enough and 1 < len(group) <= _SPLIT_CHAINS and sizes is not None:
            gaps = [
                max(boxes[y].i1 - boxes[x].i2, boxes[y].j1 - boxes[x].j2)
                for x, y in itertools.pairwise(group)
            ]
            cut = 1 + max(range(len(gaps)), key=gaps.__getitem__)
            todo.extend([(group[cut:], True), (group[:cut], True)])
    return kept


# Words matched by chains outside a part of a thin group, per word of the shorter
# document, under which the part stands alone. In our tune corpora a Bible verse quoted
# in a novel excerpt had 0.006 to 0.025 around it (strays of common words), two source
# chapters 0.028 and more (formulas they share).
_STRAY_BACKGROUND = 0.026
# A thin group of more chains than this is not cut (no quotation with a few strays; and
# cutting one chain off at a time would cost the square of its chains).
_SPLIT_CHAINS = 64


def _stands_alone(rest: int, sizes: tuple[int, int]) -> bool:
    """Whether the words matched outside a part of a thin group (`rest`) are few enough."""
    return rest < _STRAY_BACKGROUND * max(1, min(sizes))


# Two documents' passages are turns of their shared idiom, not a text reused, where the
# two match outside every passage (`_idiom`) as much as two source chapters do
# (_STRAY_BACKGROUND) and this many times the words their passages match. Two chapters
# of one law or chronicle match in stray formulas throughout ("And the LORD spake unto
# Moses, saying, Speak unto the children of Israel", "the stranger, the fatherless, and
# the widow"), and a sentence where the strays run together is a small part of all they
# share; a quotation holds most of what its host and its source share, a long parallel
# (a genealogy told twice) most of what its two chapters do, and the passages of a book
# and its paraphrase most of what the two do (the pair as a whole: each of them alone is
# a small part). In the 20 embedded corpora drawn for tuning, the passages between two
# source chapters that matched 4.7 to 38 times their own words elsewhere were 14 of the
# 33 between such chapters; no true passage's documents matched 2.6 % of the shorter
# elsewhere and more than 2.96 times its words.
_IDIOM = 4.0


def _idiom(
    chosen: list[tuple[list[Op], float]], boxes: list[Box], sizes: tuple[int, int]
) -> list[tuple[list[Op], float]]:
    """The chosen paths of two documents, or none where they are turns of the two's
    idiom: the chains clear of every path on both sides match as much as
    `_STRAY_BACKGROUND` of the shorter document and `_IDIOM` times the paths' own
    matching words."""
    if not chosen:
        return chosen
    spans = [bounds(ops) for ops, _ in chosen]

    def clear(box: Box) -> bool:
        return all(
            (i2 <= box.i1 or box.i2 <= i1) and (j2 <= box.j1 or box.j2 <= j1)
            for i1, i2, j1, j2 in spans
        )

    rest = sum(box.matched for box in boxes if clear(box))
    if _stands_alone(rest, sizes) or rest < _IDIOM * sum(matched(ops) for ops, _ in chosen):
        return chosen
    return []


def _long_enough(ops: list[Op], least: int) -> bool:
    i1, i2, j1, j2 = bounds(ops)
    return min(i2 - i1, j2 - j1) >= least and matched(ops) >= least // 2


class _Stretches:
    """Stretches of one stream, each with a number, found by what they meet: a path
    is weighed only against the kept paths it overlaps, which are few however many
    there are (a passage said five thousand times in a row is as many repetitions)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._items: list[tuple[int, int]] = []  # (end, number), in the starts' order
        self._longest = 0

    def add(self, start: int, end: int, number: int) -> None:
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._items.insert(at, (end, number))
        self._longest = max(self._longest, end - start)

    def meeting(self, start: int, end: int) -> set[int]:
        """The numbers of the stretches that overlap [start, end)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return {number for stop, number in self._items[lo:hi] if stop > start}


def _inside(x1: int, x2: int, y1: int, y2: int) -> bool:
    """Whether most of [x1, x2) lies inside [y1, y2)."""
    return 2 * (min(x2, y2) - max(x1, y1)) > x2 - x1


def _select(
    paths: list[list[Op]],
    wa: FloatArray,
    wb: FloatArray,
    opts: Options,
    ha: HashArray,
    hb: HashArray,
) -> list[tuple[list[Op], float]]:
    """The paths with enough evidence that are neither duplicates nor echoes.

    A duplicate lies mostly inside a stronger path on both sides (another chain through
    the same region). An echo lies mostly inside a clearly stronger path on one side:
    inside a long passage a formula that recurs ("and the name of ...") also matches its
    other occurrences, and a genealogy's verse matches the next verse's; a true second
    copy matches as well as the first, an echo clearly worse. Strength is matching
    words times evidence. A passage shorter than `min_words` must pass `_short_kept`.
    """
    once = _Once(ha, hb, opts.ngram)
    scored = [(ops, informative(ops, wa, wb)) for ops in paths]
    ranked = sorted(
        (
            item
            for item in scored
            if item[1] >= needed_evidence(item[0], opts.min_evidence)
            and (_words(item[0]) >= opts.passage_words or _short_kept(*item, wa, wb, opts, once))
        ),
        key=lambda item: (-matched(item[0]) * item[1], bounds(item[0])),
    )
    kept: list[tuple[list[Op], float, tuple[int, int, int, int], float]] = []
    on_a, on_b = _Stretches(), _Stretches()
    for ops, share in ranked:
        i1, i2, j1, j2 = bounds(ops)
        weight = matched(ops) * share
        echo = False
        for k in on_a.meeting(i1, i2) | on_b.meeting(j1, j2):
            _, _, (k1, k2, l1, l2), strength = kept[k]
            in_a, in_b = _inside(i1, i2, k1, k2), _inside(j1, j2, l1, l2)
            if (in_a and in_b) or ((in_a or in_b) and strength >= _DOMINANCE * weight):
                echo = True
                break
        if not echo:
            on_a.add(i1, i2, len(kept))
            on_b.add(j1, j2, len(kept))
            kept.append((ops, share, (i1, i2, j1, j2), weight))
    kept.sort(key=lambda item: item[2])
    return [(ops, share) for ops, share, _, _ in kept]


def _words(ops: list[Op]) -> int:
    i1, i2, j1, j2 = bounds(ops)
    return min(i2 - i1, j2 - j1)


# A passage shorter than min_words must match this share of its information, or more.
_NEAR_VERBATIM = 0.85


# Of a short verbatim stretch, the share of word n-grams each document must say once: a
# verse that opens with a stock phrase ("And he said unto them, Know ye not this
# parable?") is still quoted word for word; a reworded one must be said once throughout.
_ONCE_VERBATIM = 0.5


def _short_kept(
    ops: list[Op], share: float, wa: FloatArray, wb: FloatArray, opts: Options, once: _Once
) -> bool:
    """Whether a passage shorter than `min_words` is kept: near-verbatim (`share`, its
    evidence), its matching
    words (the mean of both sides) carrying `opts.short_bits` (see Options), and its
    wording found once in each document (every word n-gram; half of them where the
    passage is verbatim, `_ONCE_VERBATIM`). A short stretch a text says more than once
    ("that it may go well with thee") is one of its formulas, which another text of the
    same kind repeats without reusing this one."""
    if opts.short_bits is None or share < _NEAR_VERBATIM:
        return False
    same = sum(float(wa[o[2]] - wa[o[1]] + wb[o[4]] - wb[o[3]]) for o in ops if o[0] == "equal")
    i1, i2, j1, j2 = bounds(ops)
    part = _ONCE_VERBATIM if all(o[0] == "equal" for o in ops) else 1.0
    return same / 2 >= opts.short_bits and once.a(i1, i2, part) and once.b(j1, j2, part)


class _Once:
    """Whether the word n-grams of a stretch occur once in its document (all of them, or
    a `part` of them; counted when first asked)."""

    def __init__(self, ha: HashArray, hb: HashArray, n: int) -> None:
        self._hashes = (ha, hb)
        self._n = n
        # Each side's n-grams, and how often each occurs there.
        self._counted: list[tuple[HashArray, dict[int, int]] | None] = [None, None]

    def _once(self, side: int, lo: int, hi: int, part: float = 1.0) -> bool:
        counted = self._counted[side]
        if counted is None:
            grams = ngram_hashes(self._hashes[side], self._n)
            keys, found = np.unique(grams, return_counts=True)
            counts = dict(zip(keys.tolist(), found.tolist(), strict=True))
            counted = self._counted[side] = (grams, counts)
        grams, counts = counted
        mine = grams[lo : max(lo, hi - self._n + 1)].tolist()
        return sum(counts[g] == 1 for g in mine) >= part * len(mine)

    def a(self, lo: int, hi: int, part: float = 1.0) -> bool:
        return self._once(0, lo, hi, part)

    def b(self, lo: int, hi: int, part: float = 1.0) -> bool:
        return self._once(1, lo, hi, part)


def needed_evidence(ops: list[Op], least: float) -> float:
    """The evidence a passage needs: `least` up to 50 words, less for longer ones.

    Chance agreement of half the information is plausible in a sentence of stock phrases,
    not over hundreds of words: the bar falls as (50 / words) ** 0.25, to 0.84 of it at
    100 words, 0.64 at 300 and 0.47 at 1,000.
    """
    words = _words(ops)
    scale: float = (_EVIDENCE_WORDS / max(words, 1)) ** 0.25
    return least * min(1.0, scale)


def informative(ops: list[Op], wa: FloatArray, wb: FloatArray) -> float:
    """Share of the passage's information (bits, both sides) carried by matching words.

    `wa` and `wb` are cumulative bits (see Weights.prefix).
    """
    i1, i2, j1, j2 = bounds(ops)
    total = float(wa[i2] - wa[i1] + wb[j2] - wb[j1])
    same = sum(float(wa[o[2]] - wa[o[1]] + wb[o[4]] - wb[o[3]]) for o in ops if o[0] == "equal")
    return same / total if total > 0 else 0.0


def align_pair(
    a: Analysed, b: Analysed, opts: Options, bits: BitsPair | None = None
) -> list[Passage]:
    """Every passage `a` and `b` share, aligned to the word, in order of position in `a`.

    `bits` are the two documents' cumulative word information (Weights.prefix), counted
    over the whole collection in a scan; by default they are counted on the pair itself.
    """
    paths, boxes = _paths(a, b, opts)
    if not paths:
        return []
    if bits is None:
        w = Weights.count([a.tokens.hashes, b.tokens.hashes])
        bits = (w.prefix(a.tokens.hashes), w.prefix(b.tokens.hashes))
    wa, wb = bits
    sa, sb = Side(a), Side(b)
    chosen = _select(paths, wa, wb, opts, a.tokens.hashes, b.tokens.hashes)
    if not opts.formulas:
        sizes = (len(a.tokens.hashes), len(b.tokens.hashes))
        chosen = _idiom(chosen, boxes, sizes)
    found = [build_passage(ops, sa, sb, share) for ops, share in chosen]
    if not opts.formulas:
        found = [p for p in found if not formulaic(p, a, b)]
    return consolidated(found, a, b)


def align_self(a: Analysed, opts: Options, bits: FloatArray | None = None) -> list[Passage]:
    """Passages repeated inside one document: `a` side the earlier copy, `b` the later,
    each copy with the next one; formulas told of other people or numbers only where
    `opts.formulas` asks for them, as between two documents.

    `bits`: the document's cumulative word information, as for align_pair.
    """
    paths, _ = _paths(a, None, opts)
    if not paths:
        return []
    wa = Weights.count([a.tokens.hashes]).prefix(a.tokens.hashes) if bits is None else bits
    side = Side(a)
    chosen = _select(paths, wa, wa, opts, a.tokens.hashes, a.tokens.hashes)
    found = [build_passage(ops, side, side, share) for ops, share in chosen]
    if not opts.formulas:  # a genealogy's verse is the next one told of another man
        found = [p for p in found if not formulaic(p, a, a)]
    return found
