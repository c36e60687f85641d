"""Seed matches between two token streams, and the exact runs they form."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from variorum.index.ngrams import ngram_hashes
from variorum.text.normalize import IntArray
from variorum.text.tokenize import HashArray

_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, slots=True, eq=False)
class Runs:
    """Maximal exact matches: `length` tokens from `i` in one stream and `j` in the other."""

    i: IntArray
    j: IntArray
    length: IntArray

    def __len__(self) -> int:
        return len(self.i)


def _groups(keys: HashArray) -> tuple[IntArray, HashArray, IntArray, IntArray]:
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    if len(ordered) == 0:
        return order, ordered, _EMPTY, _EMPTY
    first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    counts = np.diff(np.r_[first, len(ordered)])
    return order, ordered[first], first, counts


def matches(a: HashArray, b: HashArray | None, k: int, cap: int) -> tuple[IntArray, IntArray]:
    """Positions (i, j) where the k-grams of `a` and `b` are equal.

    A k-gram whose occurrences in the two streams multiply to more than `cap` is skipped:
    a phrase that recurs all over both texts ("and the LORD") seeds only noise off the
    diagonal, and repeated boilerplate cannot blow up the output.

    With `b` None, pairs i < j inside `a` (repetition): each occurrence of a k-gram with
    the next one, however often it occurs. A passage said three times is repeated by its
    second copy, which is repeated by its third; a passage said twelve times (one
    prince's offering a day, in Numbers 7) is eleven repetitions, each copy of the one
    before, where pairs of every two copies made diagonals two, three and four copies
    apart that drowned them (and more than `cap` occurrences made none at all).
    """
    ka = ngram_hashes(a, k)
    if b is None:
        order, _, first, counts = _groups(ka)
        return _nexts(order, first, counts)
    kb = ngram_hashes(b, k)
    if len(ka) == 0 or len(kb) == 0:
        return _EMPTY, _EMPTY
    oa, ua, fa, ca = _groups(ka)
    ob, ub, fb, cb = _groups(kb)
    _, xa, xb = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    na, nb = ca[xa], cb[xb]
    keep = na * nb <= cap
    xa, xb, na, nb = xa[keep], xb[keep], na[keep], nb[keep]
    sizes = na * nb
    total = int(sizes.sum())
    if total == 0:
        return _EMPTY, _EMPTY
    group = np.repeat(np.arange(len(sizes)), sizes)
    within = _within(sizes, total)
    i = oa[fa[xa][group] + within // nb[group]]
    j = ob[fb[xb][group] + within % nb[group]]
    return i.astype(np.int64), j.astype(np.int64)


def _nexts(order: IntArray, first: IntArray, counts: IntArray) -> tuple[IntArray, IntArray]:
    """Each occurrence of a k-gram (its position) with the next one, from the groups of
    equal k-grams (`_groups`: their entries in `order` are in the text's order)."""
    sizes = counts - 1
    total = int(sizes.sum())
    if total == 0:
        return _EMPTY, _EMPTY
    at = np.repeat(first, sizes) + _within(sizes, total)
    return order[at].astype(np.int64), order[at + 1].astype(np.int64)


def _within(sizes: IntArray, total: int) -> IntArray:
    """0, 1, …, size - 1 for each size in turn (`total` their sum)."""
    return np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def runs(i: IntArray, j: IntArray, k: int) -> Runs:
    """Merge seeds on one diagonal with consecutive positions into exact runs, sorted by (i, j)."""
    if len(i) == 0:
        return Runs(_EMPTY, _EMPTY, _EMPTY)
    diag = j - i
    order = np.lexsort((i, diag))
    i, diag = i[order], diag[order]
    new = np.r_[True, (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)]
    first = np.flatnonzero(new)
    seeds_per_run = np.diff(np.r_[first, len(i)])
    ri = i[first]
    rj = ri + diag[first]
    length = seeds_per_run + (k - 1)
    order = np.lexsort((rj, ri))
    return Runs(ri[order], rj[order], length[order])
