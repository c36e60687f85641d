"""Candidate document pairs from an inverted index of hashed word n-grams.

Each distinct n-gram lists the documents it occurs in; n-grams found in more than
`max_df` documents are boilerplate and dropped. Every remaining n-gram votes for each pair
of its documents, so the work grows with the postings, not with the square of the number
of documents. A vote weighs 1/(df - 1): an n-gram shared by only two documents is strong
evidence that they share a passage, one found in a dozen documents is a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from variorum.index.weights import FloatArray
from variorum.text.normalize import IntArray
from variorum.text.tokenize import HashArray

_PAIR_BATCH = 1 << 22


def _pair_votes(
    groups: IntArray, members: IntArray, size: int, n_docs: int
) -> tuple[IntArray, FloatArray]:
    """Weighted votes of every pair inside the groups (n-grams) found in `size` documents.

    `groups` are the groups' first positions in `members` (document numbers).
    """
    upper_a, upper_b = np.triu_indices(size, 1)
    keys: list[IntArray] = []
    votes: list[FloatArray] = []
    per_batch = max(1, _PAIR_BATCH // len(upper_a))
    for lo in range(0, len(groups), per_batch):
        block = members[groups[lo : lo + per_batch, None] + np.arange(size)]
        k, c = np.unique(
            (block[:, upper_a] * n_docs + block[:, upper_b]).ravel(), return_counts=True
        )
        keys.append(k)
        votes.append(c.astype(np.float64) / (size - 1))
    return _combine(keys, votes)


def _combine(keys: list[IntArray], votes: list[FloatArray]) -> tuple[IntArray, FloatArray]:
    """Add up the votes of equal pair keys."""
    unique_keys, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    totals: FloatArray = np.bincount(inverse, weights=np.concatenate(votes)).astype(np.float64)
    return unique_keys, totals


def candidate_pairs(
    ngrams: Sequence[HashArray], *, max_df: int, min_shared: float
) -> list[tuple[int, int, float]]:
    """Document pairs (i, j, weighted votes), i < j, with at least `min_shared` votes."""
    n_docs = len(ngrams)
    distinct = [np.unique(grams) for grams in ngrams]
    if not distinct:
        return []
    hashes = np.concatenate(distinct)
    docs = np.repeat(np.arange(n_docs, dtype=np.int64), [len(d) for d in distinct])
    order = np.argsort(hashes, kind="stable")
    hashes, docs = hashes[order], docs[order]
    if len(hashes) == 0:
        return []
    first = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    df = np.diff(np.r_[first, len(hashes)])
    keys_parts: list[IntArray] = []
    votes_parts: list[FloatArray] = []
    for size in np.unique(df[(df >= 2) & (df <= max_df)]).tolist():
        keys, votes = _pair_votes(first[df == size], docs, size, n_docs)
        keys_parts.append(keys)
        votes_parts.append(votes)
    if not keys_parts:
        return []
    unique_keys, totals = _combine(keys_parts, votes_parts)
    keep = totals >= min_shared - 1e-9
    left = (unique_keys[keep] // n_docs).tolist()
    right = (unique_keys[keep] % n_docs).tolist()
    return list(zip(left, right, totals[keep].round(4).tolist(), strict=True))
