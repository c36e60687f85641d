"""Candidate document pairs from an inverted index of hashed word n-grams.

Each distinct n-gram lists the documents it occurs in; n-grams found in more than
`max_df` documents are boilerplate and dropped. Every remaining n-gram votes for each pair
of its documents, so the work grows with the postings, not with the square of the number
of documents.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from variorum.text.normalize import IntArray
from variorum.text.tokenize import HashArray

_PAIR_BATCH = 1 << 22


def _pair_counts(
    groups: IntArray, members: IntArray, size: int, n_docs: int
) -> tuple[IntArray, IntArray]:
    """Votes of every pair inside groups of one size; `groups` are their first positions."""
    upper_a, upper_b = np.triu_indices(size, 1)
    keys: list[IntArray] = []
    votes: list[IntArray] = []
    per_batch = max(1, _PAIR_BATCH // len(upper_a))
    for lo in range(0, len(groups), per_batch):
        block = members[groups[lo : lo + per_batch, None] + np.arange(size)]
        k, c = np.unique(
            (block[:, upper_a] * n_docs + block[:, upper_b]).ravel(), return_counts=True
        )
        keys.append(k)
        votes.append(c)
    return _combine(keys, votes)


def _combine(keys: list[IntArray], votes: list[IntArray]) -> tuple[IntArray, IntArray]:
    """Add up the votes of equal pair keys."""
    flat = np.concatenate(keys)
    unique_keys, inverse = np.unique(flat, return_inverse=True)
    totals: IntArray = np.bincount(inverse, weights=np.concatenate(votes)).astype(np.int64)
    return unique_keys, totals


def candidate_pairs(
    ngrams: Sequence[HashArray], *, max_df: int, min_shared: int
) -> list[tuple[int, int, int]]:
    """Document pairs (i, j, shared n-grams), i < j, sharing at least `min_shared` n-grams."""
    n_docs = len(ngrams)
    hashes_parts: list[HashArray] = []
    docs_parts: list[IntArray] = []
    for d, grams in enumerate(ngrams):
        distinct = np.unique(grams)
        hashes_parts.append(distinct)
        docs_parts.append(np.full(len(distinct), d, dtype=np.int64))
    if not hashes_parts:
        return []
    hashes = np.concatenate(hashes_parts)
    docs = np.concatenate(docs_parts)
    order = np.argsort(hashes, kind="stable")
    hashes, docs = hashes[order], docs[order]
    if len(hashes) == 0:
        return []
    first = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    df = np.diff(np.r_[first, len(hashes)])
    keys_parts: list[IntArray] = []
    votes_parts: list[IntArray] = []
    for size in np.unique(df[(df >= 2) & (df <= max_df)]).tolist():
        keys, votes = _pair_counts(first[df == size], docs, size, n_docs)
        keys_parts.append(keys)
        votes_parts.append(votes)
    if not keys_parts:
        return []
    unique_keys, totals = _combine(keys_parts, votes_parts)
    keep = totals >= min_shared
    left = (unique_keys[keep] // n_docs).tolist()
    right = (unique_keys[keep] % n_docs).tolist()
    return list(zip(left, right, totals[keep].tolist(), strict=True))
