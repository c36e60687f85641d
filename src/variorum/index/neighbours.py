"""Nearest neighbours among unit vectors: exact blocked products, or an inverted-file index.

Exact search multiplies blocks of queries with all vectors. Past `EXACT_LIMIT` vectors an
inverted-file index takes over: k-means cells (about the square root of the collection),
each query compared with the vectors of the 8 cells nearest its own only. Measured here
(benchmarks/semantic.py, 512 dimensions, one core): the index is faster from about 2,000
vectors, but finds the exact nearest neighbour of only 88 % of them at 2,000 and 97 % at
10,000, while exact search still takes under 10 s at 20,000 (20 s at 30,000, 74 s at
60,000 against 2.5 s): so exact up to 20,000, the index beyond.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from variorum.embed.encoder import Vectors
from variorum.mapped import taken
from variorum.work import SERIAL, Runner, chunked, context, run

IntMatrix = npt.NDArray[np.int64]
FloatMatrix32 = npt.NDArray[np.float32]

EXACT_LIMIT = 20_000
BLOCK = 2048  # query rows per matrix product
_KMEANS_ROUNDS = 8
_CELL_CHUNK = 16
PROBES = 8


def neighbours(
    vectors: Vectors,
    groups: npt.NDArray[np.int64],
    k: int,
    *,
    exact: bool | None = None,
    runner: Runner = SERIAL,
) -> tuple[IntMatrix, FloatMatrix32]:
    """The k most similar vectors of every vector, from other groups (documents) only.

    Returns their indices and similarities, each of shape (n, k); missing neighbours (in
    a tiny collection) have index -1 and similarity -1. The inverted file searches its
    cells where `runner` runs them.
    """
    n = len(vectors)
    if exact is None:
        exact = n <= EXACT_LIMIT
    if exact:  # (a mapped array read whole once: at most EXACT_LIMIT rows)
        whole = taken(vectors, slice(None))
        return nearest_among(whole, groups, k, np.arange(n), whole, groups)
    return _inverted(vectors, groups, k, runner=runner)


def nearest_among(
    queries: Vectors,
    query_groups: npt.NDArray[np.int64],
    k: int,
    ids: npt.NDArray[np.int64],
    base: Vectors,
    base_groups: npt.NDArray[np.int64],
) -> tuple[IntMatrix, FloatMatrix32]:
    """The k most similar of the `base` vectors (known by `ids`) to each query, from other
    groups only, in blocks of queries: their ids and similarities, -1 where missing. The
    inverted file calls it for one cell's vectors against those of its probed cells."""
    out_i = np.full((len(queries), k), -1, dtype=np.int64)
    out_s = np.full((len(queries), k), -1.0, dtype=np.float32)
    if len(base) == 0:
        return out_i, out_s
    kk = min(k, len(base))
    for lo in range(0, len(queries), BLOCK):
        sims = queries[lo : lo + BLOCK] @ base.T
        sims[query_groups[lo : lo + BLOCK, None] == base_groups[None, :]] = -1.0
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        rows = np.arange(sims.shape[0])[:, None]
        out_i[lo : lo + BLOCK, :kk] = ids[top]
        out_s[lo : lo + BLOCK, :kk] = sims[rows, top]
    out_i[out_s <= -1.0] = -1
    return out_i, out_s


def kmeans_sample(n: int, cells: int, rng: np.random.Generator) -> npt.NDArray[np.int64]:
    """The rows of n vectors k-means learns its cells from (32 a cell), drawn from `rng`."""
    return rng.choice(n, size=min(n, cells * 32), replace=False).astype(np.int64)


def kmeans(sample: Vectors, cells: int, rng: np.random.Generator) -> Vectors:
    """Unit centroids of `cells` cells learned from the sample (spherical k-means), their
    start drawn from `rng` after the sample's rows (kmeans_sample)."""
    centroids = sample[rng.choice(len(sample), size=cells, replace=False)].copy()
    for _ in range(_KMEANS_ROUNDS):
        assign = np.argmax(sample @ centroids.T, axis=1)
        for c in range(cells):
            members = sample[assign == c]
            if len(members):
                mean = members.mean(axis=0)
                centroids[c] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return centroids


def cell_count(n: int) -> int:
    """How many cells the inverted file cuts n vectors into."""
    return max(1, int(np.sqrt(n)))


def assign_cells(vectors: Vectors, centroids: Vectors) -> npt.NDArray[np.int64]:
    """The cell of each vector: its most similar centroid, in blocks of rows."""
    if not len(vectors):
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(
        [
            np.argmax(taken(vectors, slice(lo, lo + BLOCK)) @ centroids.T, axis=1)
            for lo in range(0, len(vectors), BLOCK)
        ]
    ).astype(np.int64)


def probed_cells(centroids: Vectors, probes: int = PROBES) -> IntMatrix:
    """For each cell, the cells its vectors are compared with: the `probes` nearest."""
    return np.argsort(-(centroids @ centroids.T), axis=1)[:, :probes].astype(np.int64)


def _inverted(
    vectors: Vectors,
    groups: npt.NDArray[np.int64],
    k: int,
    probes: int = PROBES,
    runner: Runner = SERIAL,
) -> tuple[IntMatrix, FloatMatrix32]:
    rng = np.random.default_rng(0)  # fixed: the same collection gives the same answer
    cells = cell_count(len(vectors))
    centroids = kmeans(taken(vectors, kmeans_sample(len(vectors), cells, rng)), cells, rng)
    assign = assign_cells(vectors, centroids)
    members = [np.flatnonzero(assign == c) for c in range(cells)]
    out_i = np.full((len(vectors), k), -1, dtype=np.int64)
    out_s = np.full((len(vectors), k), -1.0, dtype=np.float32)
    shared = {
        "vectors": vectors,
        "groups": groups,
        "members": members,
        "cells": probed_cells(centroids, probes),
        "k": k,
    }
    busy = [c for c in range(cells) if len(members[c])]
    for found in run(runner, _search_cells, chunked(busy, _CELL_CHUNK), shared):
        for queries, qi, qs in found:
            out_i[queries], out_s[queries] = qi, qs
    return out_i, out_s


def _search_cells(
    cells: Sequence[int],
) -> list[tuple[npt.NDArray[np.int64], IntMatrix, FloatMatrix32]]:
    """Every vector of the given cells against the vectors of its nearest cells."""
    ctx = context()
    vectors: Vectors = ctx["vectors"]
    groups: npt.NDArray[np.int64] = ctx["groups"]
    members: list[npt.NDArray[np.int64]] = ctx["members"]
    out = []
    for c in cells:
        queries = members[c]
        ids = np.concatenate([members[x] for x in ctx["cells"][c]])
        asked, base = taken(vectors, queries), taken(vectors, ids)
        qi, qs = nearest_among(asked, groups[queries], ctx["k"], ids, base, groups[ids])
        out.append((queries, qi, qs))
    return out
