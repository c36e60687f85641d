"""Candidate document pairs from an inverted index of hashed word n-grams.

Each distinct n-gram lists the documents it occurs in; n-grams found in more than
`max_df` documents are boilerplate and dropped. Every remaining n-gram votes for each pair
of its documents, so the work grows with the postings, not with the square of the number
of documents. A vote weighs 1/(df - 1): an n-gram shared by only two documents is strong
evidence that they share a passage, one found in a dozen documents is a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from variorum.index.weights import FloatArray
from variorum.text.normalize import IntArray
from variorum.text.tokenize import HashArray

_PAIR_BATCH = 1 << 22


def _pair_votes(
    groups: IntArray, members: IntArray, size: int, n_docs: int
) -> Iterator[tuple[IntArray, FloatArray]]:
    """Weighted votes of every pair inside the groups (n-grams) found in `size` documents.

    `groups` are the groups' first positions in `members` (document numbers). The votes
    come in batches, each with its pair keys (i * n_docs + j) distinct.
    """
    upper_a, upper_b = np.triu_indices(size, 1)
    per_batch = max(1, _PAIR_BATCH // len(upper_a))
    for lo in range(0, len(groups), per_batch):
        block = members[groups[lo : lo + per_batch, None] + np.arange(size)]
        k, c = np.unique(
            (block[:, upper_a] * n_docs + block[:, upper_b]).ravel(), return_counts=True
        )
        yield k, c.astype(np.float64) / (size - 1)


def combine(keys: Sequence[IntArray], votes: Sequence[FloatArray]) -> tuple[IntArray, FloatArray]:
    """Add up the votes of equal pair keys: the distinct keys, sorted, and their totals."""
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    unique_keys, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    totals: FloatArray = np.bincount(inverse, weights=np.concatenate(votes)).astype(np.float64)
    return unique_keys, totals


def posting_votes(
    hashes: HashArray, docs: IntArray, *, n_docs: int, max_df: int
) -> Iterator[tuple[IntArray, FloatArray]]:
    """The pair votes of postings (n-gram hash, document), in batches of distinct keys.

    Postings must be sorted by hash, each document at most once per hash, documents in
    ascending order within a hash.
    """
    if len(hashes) == 0:
        return
    first = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    df = np.diff(np.r_[first, len(hashes)])
    for size in np.unique(df[(df >= 2) & (df <= max_df)]).tolist():
        yield from _pair_votes(first[df == size], docs, size, n_docs)


def as_pairs(
    keys: IntArray, totals: FloatArray, *, n_docs: int, min_shared: float
) -> list[tuple[int, int, float]]:
    """The pairs (i, j, votes) of combined pair keys that have at least `min_shared` votes."""
    keep = totals >= min_shared - 1e-9
    left = (keys[keep] // n_docs).tolist()
    right = (keys[keep] % n_docs).tolist()
    return list(zip(left, right, totals[keep].round(4).tolist(), strict=True))


def document_votes(
    holders: Iterable[Sequence[int]], *, max_df: int, min_shared: float
) -> dict[int, float]:
    """The documents of a collection that a new document's n-grams vote for: its
    candidates, with their votes, by the very rule `candidate_pairs` applies to a pair.

    `holders` are, for each distinct n-gram of the new document, the documents of the
    collection that hold it. With the new document, the n-gram is in df = len + 1
    documents: dropped past `max_df`, else a vote of 1/(df - 1) for each holder.
    Documents with at least `min_shared` votes are candidates.
    """
    votes: dict[int, float] = {}
    for docs in holders:
        df = len(docs) + 1
        if df < 2 or df > max_df:
            continue  # in no other document, or boilerplate: not evidence
        for doc in docs:
            votes[doc] = votes.get(doc, 0.0) + 1.0 / (df - 1)
    return {doc: v for doc, v in votes.items() if v >= min_shared - 1e-9}


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
    batches = list(posting_votes(hashes[order], docs[order], n_docs=n_docs, max_df=max_df))
    keys, totals = combine([k for k, _ in batches], [v for _, v in batches])
    return as_pairs(keys, totals, n_docs=n_docs, min_shared=min_shared)
