"""Two witnesses word by word: which words correspond, in order, and which passages moved.

A witness is cut into cells: a word with what follows it up to the next word (spaces,
punctuation), the first cell also with what precedes it, so that the cells of a witness
put end to end are its text exactly. Cells are compared by a key chosen by the run's
normalisation (`words`: the word as the tokenizer normalises it, case and accents
folded, punctuation ignored; `case`: the cell's text without spaces, case folded;
`none`: the cell's text without spaces).

The correspondence is a longest common subsequence found without quadratic work on long
texts, as patience diff finds it: common first and last cells are matched; then the words
that occur once in each side are anchors, and the longest run of anchors in the same order
on both sides (a longest increasing subsequence, n log n) cuts the texts into smaller
stretches, each aligned the same way; a small stretch (or one without anchors, up to
`_EXACT_CELLS`) is aligned by dynamic programming, an exact longest common subsequence.

A passage left out of that order on one side and found, `MOVE_WORDS` words or more, among
the words left out on the other side, is a move rather than a deletion and an insertion.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from variorum.text.tokenize import tokenize
from variorum.types import Normalisation

# A stretch of at most _SMALL_CELLS cell pairs (one side's cells times the other's) is
# aligned exactly by dynamic programming; a larger one is cut at its anchors first, and
# aligned exactly only where it has none and is at most _EXACT_CELLS.
_SMALL_CELLS = 2_500
_EXACT_CELLS = 40_000
# A passage out of order counts as moved from this many words.
MOVE_WORDS = 4
# Its first words, where they were left out in more places than this, are not followed.
_MOVE_PLACES = 8


@dataclass(frozen=True, slots=True)
class Cells:
    """A witness cut into cells: cell k is text[bounds[k]:bounds[k + 1]]."""

    bounds: tuple[int, ...]
    keys: tuple[Hashable, ...]

    def __len__(self) -> int:
        return len(self.keys)


def cells(text: str, normalisation: Normalisation) -> Cells:
    """The cells of a text and their keys (see the module's doc)."""
    tokens = tokenize(text)
    starts = tokens.starts.tolist()
    if not starts:  # no word: the whole text, if any, is one cell
        return Cells((0, len(text)), ("",)) if text else Cells((0,), ())
    bounds = (0, *starts[1:], len(text))
    if normalisation == "words":
        keys: tuple[Hashable, ...] = tuple(tokens.hashes.tolist())
    else:
        pieces = ("".join(text[a:b].split()) for a, b in itertools.pairwise(bounds))
        keys = tuple(p.casefold() if normalisation == "case" else p for p in pieces)
    return Cells(bounds, keys)


def matches(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs (i, j) of equal cells a[i] == b[j], increasing in both: a longest common
    subsequence where the stretches are small, patience anchors between them."""
    found: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            found.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            found.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        size = (ahi - alo) * (bhi - blo)
        anchors = [] if size <= _SMALL_CELLS else in_order(_unique_pairs(a, b, alo, ahi, blo, bhi))
        if not anchors:
            if size <= _EXACT_CELLS:
                found.extend(_lcs(a, b, alo, ahi, blo, bhi))
            continue  # else nothing to hold on to: the stretch is a replacement
        found.extend(anchors)
        edges = [(alo - 1, blo - 1), *anchors, (ahi, bhi)]
        for (i0, j0), (i1, j1) in itertools.pairwise(edges):
            if i1 - i0 > 1 and j1 - j0 > 1:
                stack.append((i0 + 1, i1, j0 + 1, j1))
    found.sort()
    return found


def _lcs(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """An exact longest common subsequence of a[alo:ahi] and b[blo:bhi]."""
    n, m = ahi - alo, bhi - blo
    # length[i][j]: the LCS of a[alo + i:ahi] and b[blo + j:bhi].
    length = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = length[i], length[i + 1]
        x = a[alo + i]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if x == b[blo + j] else max(below[j], row[j + 1])
    out = []
    i = j = 0
    while i < n and j < m:
        if a[alo + i] == b[blo + j]:
            out.append((alo + i, blo + j))
            i, j = i + 1, j + 1
        elif length[i + 1][j] >= length[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def _unique_pairs(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """(i, j) for every cell key that occurs once in a[alo:ahi] and once in b[blo:bhi]."""
    in_a = Counter(a[alo:ahi])
    in_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1 and in_a[b[j]] == 1}
    return [(i, where_b[a[i]]) for i in range(alo, ahi) if a[i] in where_b]


def in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (sorted by i) increasing in j."""
    tails: list[int] = []  # tails[k]: the least j ending an increasing run of k + 1
    ends: list[int] = []  # the pair index of each tail
    before = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[at] = j
            ends[at] = k
        before[k] = ends[at - 1] if at else -1
    out = []
    k = ends[-1] if ends else -1
    while k >= 0:
        out.append(pairs[k])
        k = before[k]
    return out[::-1]


def moves(
    a: Sequence[Hashable], b: Sequence[Hashable], matched: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """Passages that moved: (i, j, size_a, size_b) where a[i:i + size_a] reads as
    b[j:j + size_b], none of these cells matched in order. The runs of cells left
    unmatched on each side are indexed by their first MOVE_WORDS cells; each run of b is
    looked up there and grown cell by cell while both sides agree; pieces of one passage
    that an edit cut apart (fewer than MOVE_WORDS cells between them on both sides, in
    the same order) are one move."""
    used_a = {i for i, _ in matched}
    used_b = {j for _, j in matched}
    n = MOVE_WORDS
    starts: dict[tuple[Hashable, ...], list[int]] = {}
    for lo, hi in _free_runs(len(a), used_a, n):
        for i in range(lo, hi - n + 1):
            starts.setdefault(tuple(a[i : i + n]), []).append(i)
    found: list[tuple[int, int, int]] = []
    for lo, hi in _free_runs(len(b), used_b, n):
        j = lo
        while j <= hi - n:
            places = starts.get(tuple(b[j : j + n]), ())
            # A phrase left out in many places says nothing of where it went.
            free = (i for i in places if i not in used_a and i + n - 1 not in used_a)
            i = next(free, -1) if len(places) <= _MOVE_PLACES else -1
            if i < 0:
                j += 1
                continue
            size = 0
            while (
                j + size < hi
                and i + size < len(a)
                and i + size not in used_a
                and a[i + size] == b[j + size]
            ):
                size += 1
            if size >= n:
                found.append((i, j, size))
                used_a.update(range(i, i + size))
                j += size
            else:
                j += 1
    return _joined(sorted(found, key=lambda f: f[1]))


def _joined(pieces: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Moved pieces (i, j, size), by j, joined where one carries on the other."""
    out: list[tuple[int, int, int, int]] = []
    for i, j, size in pieces:
        if out:
            pi, pj, pa, pb = out[-1]
            gap_a, gap_b = i - (pi + pa), j - (pj + pb)
            if 0 <= gap_a < MOVE_WORDS and 0 <= gap_b < MOVE_WORDS:
                out[-1] = (pi, pj, i + size - pi, j + size - pj)
                continue
        out.append((i, j, size, size))
    out.sort()
    return out


def _free_runs(length: int, used: set[int], least: int) -> list[tuple[int, int]]:
    """The runs lo:hi of cells not in `used`, at least `least` long."""
    runs = []
    lo = 0
    for k in [*sorted(used), length]:
        if k - lo >= least:
            runs.append((lo, k))
        lo = k + 1
    return runs
