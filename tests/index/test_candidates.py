"""The inverted index of n-grams against a naive reference, and document-frequency limits."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.index import candidate_pairs, ngram_hashes
from variorum.index.weights import Weights


def naive(
    streams: list[list[int]], n: int, max_df: int, min_shared: float
) -> list[tuple[int, int, float]]:
    grams = [{tuple(s[i : i + n]) for i in range(len(s) - n + 1)} for s in streams]
    df: dict[tuple[int, ...], int] = {}
    for g in grams:
        for x in g:
            df[x] = df.get(x, 0) + 1
    out = []
    for i, j in combinations(range(len(streams)), 2):
        shared = sum(1 / (df[x] - 1) for x in grams[i] & grams[j] if df[x] <= max_df)
        if shared >= min_shared - 1e-9:
            out.append((i, j, round(shared, 4)))
    return out


@settings(max_examples=150, deadline=None)
@given(
    streams=st.lists(st.lists(st.integers(1, 6), max_size=40), min_size=0, max_size=12),
    n=st.integers(1, 4),
    max_df=st.integers(2, 8),
    min_shared=st.sampled_from([0.25, 1.0, 2.0, 3.5]),
)
def test_candidates_match_a_naive_reference(
    streams: list[list[int]], n: int, max_df: int, min_shared: float
) -> None:
    arrays = [ngram_hashes(np.array(s, dtype=np.uint64), n) for s in streams]
    got = candidate_pairs(arrays, max_df=max_df, min_shared=min_shared)
    assert sorted(got) == naive(streams, n, max_df, min_shared)


def test_ngram_hashes_are_position_sensitive() -> None:
    h = ngram_hashes(np.array([1, 2, 3, 2, 1], dtype=np.uint64), 2)
    assert len(h) == 4
    assert len(set(h.tolist())) == 4
    assert len(ngram_hashes(np.array([1], dtype=np.uint64), 2)) == 0


def test_rare_words_weigh_more() -> None:
    common, rare = np.uint64(1), np.uint64(2)
    w = Weights.count([np.array([common] * 50 + [rare], dtype=np.uint64)])
    bits = w.of(np.array([common, rare, 99], dtype=np.uint64))
    assert bits[0] < bits[1] <= bits[2]
    prefix = w.prefix(np.array([common, rare], dtype=np.uint64))
    assert prefix[0] == 0.0
    assert abs(prefix[2] - (bits[0] + bits[1])) < 1e-9


def test_a_new_document_votes_by_the_rule_of_the_pairs() -> None:
    """A query's candidates are the documents `candidate_pairs` would pair it with."""
    from variorum.index.candidates import document_votes  # noqa: PLC0415

    rng = np.random.default_rng(3)
    grams = [rng.integers(0, 150, size=30).astype(np.uint64) for _ in range(12)]
    query = np.concatenate([grams[0][:12], grams[5][:6], rng.integers(0, 150, size=10)])
    pairs = candidate_pairs([*grams, query.astype(np.uint64)], max_df=6, min_shared=1.5)
    expected = {i: v for i, j, v in pairs if j == len(grams)}
    holders = [[d for d, g in enumerate(grams) if h in g] for h in np.unique(query)]
    found = document_votes(holders, max_df=6, min_shared=1.5)
    assert 0 in expected
    assert {d: round(v, 4) for d, v in found.items()} == expected
