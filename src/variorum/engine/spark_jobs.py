"""Spark jobs that the lexical and the semantic layers share: keys, ordering, block pairs
and connected components. Nothing here knows what a stage computes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from variorum.types import Passage

if TYPE_CHECKING:
    from pyspark import RDD

# A passage's key, from the stage that found it: (0, i, j, k) for the k-th passage of the
# pair of documents i < j, (1, n, n, k) for the k-th repetition inside document n. Sorted,
# the keys give the order in which the local engine finds the passages.
Key = tuple[int, int, int, int]
# A passage as the stages pass it on: its key, and the numbers of its a and b documents.
Found = tuple[Key, tuple[int, int, Passage]]


def _by_document(count: int, slices: int) -> Any:
    """A partition function for keys that begin with a document number: ranges of them."""

    def part(key: int | tuple[Any, ...]) -> int:
        first = key[0] if isinstance(key, tuple) else key
        return int(first) * slices // max(1, count)

    return part


def in_order(rdd: RDD[tuple[Any, Any]], count: int, slices: int) -> RDD[tuple[Any, Any]]:
    """Sorted by key, a key that begins with a document number: partitioned by ranges of
    document numbers, so that, unlike sortByKey, no job samples the keys first."""
    return rdd.repartitionAndSortWithinPartitions(slices, _by_document(count, slices))


# Pairs are aligned in blocks: documents are dealt into blocks by number, each pair goes
# to the pair of blocks of its documents, and each document travels once to each block
# pair that needs it (not once per pair). A block holds about this many documents.
_BLOCK_DOCS = 2000
_TASK_DOCS = 500
_MAX_TASKS = 10_000


def _blocks(count: int, slices: int) -> int:
    """How many blocks: enough block pairs to keep every core busy, small enough blocks."""
    return max(2 * math.ceil(math.sqrt(slices)), math.ceil(count / _BLOCK_DOCS))


def _block_pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def by_block_pair(
    items: RDD[tuple[tuple[int, int], Any]],
    docs: RDD[tuple[int, Any]],
    count: int,
    slices: int,
) -> RDD[tuple[tuple[int, int], tuple[Iterable[Any], Iterable[Any]]]]:
    """Items keyed by a pair of documents (i, j), grouped by the pair of blocks of their
    documents with the documents they need, each sent once to each block pair (see
    _BLOCK_DOCS): (block pair, (its items, its (number, document)s))."""
    blocks = _blocks(count, slices)
    pairs = items.keys()
    wanted = pairs.flatMap(lambda ij: ((ij[0], ij[1] % blocks), (ij[1], ij[0] % blocks)))
    shipped = (
        wanted.distinct()
        .join(docs)
        .map(lambda kv: (_block_pair(kv[0] % blocks, kv[1][0]), (kv[0], kv[1][1])))
    )
    keyed = items.map(lambda it: (_block_pair(it[0][0] % blocks, it[0][1] % blocks), it))
    # A task per block pair, so that the cores share them out as they go, where there is
    # work enough to pay for a task (a few hundred documents).
    tasks = min(blocks * (blocks + 1) // 2, max(slices, count // _TASK_DOCS), _MAX_TASKS)
    return keyed.cogroup(shipped, tasks)


def _large_star(item: tuple[int, Iterable[int]]) -> Iterator[tuple[int, int]]:
    """Every larger neighbour of a node linked to the least node of its neighbourhood."""
    u, around = item
    near = list(around)
    least = min(*near, u)
    for v in near:
        if v > u:
            yield v, least


def _small_star(item: tuple[int, Iterable[int]]) -> Iterator[tuple[int, int]]:
    """A node and its smaller neighbours linked to the least of them."""
    u, smaller = item
    near = set(smaller)
    least = min(near)
    yield u, least
    for v in near:
        if v != least:
            yield v, least


_NO_NODE = 1 << 62


def _star_marks(edge: tuple[int, int]) -> Iterator[tuple[int, tuple[int, int, bool]]]:
    yield edge[0], (edge[1], edge[1], False)  # an edge out, to this node
    yield edge[1], (_NO_NODE, -1, True)  # an edge in


def _merge_marks(x: tuple[int, int, bool], y: tuple[int, int, bool]) -> tuple[int, int, bool]:
    return min(x[0], y[0]), max(x[1], y[1]), x[2] or y[2]


def _stars(edges: RDD[tuple[int, int]]) -> bool:
    """Whether the edges (node, smaller node) are disjoint stars: each node has edges out
    to at most one node, and only to a node with none. Then each star is a component."""
    marks = edges.flatMap(_star_marks).reduceByKey(_merge_marks)
    broken = marks.filter(lambda nm: nm[1][0] != _NO_NODE and (nm[1][2] or nm[1][0] != nm[1][1]))
    return broken.isEmpty()


def _least_roots(edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """(node -> least node of its component), by union-find: the last rounds, on the driver."""
    parent: dict[int, int] = {}

    def find(n: int) -> int:
        root = parent.setdefault(n, n)
        while root != parent[root]:
            root = parent[root]
        while n != root:
            parent[n], n = root, parent[n]
        return root

    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    return {n: find(n) for n in parent}


# A graph with fewer edges than this is finished on the driver (a few tens of MB at most).
_ON_DRIVER = 500_000


def components(edges: RDD[tuple[int, int]], on_driver: int = _ON_DRIVER) -> RDD[tuple[int, int]]:
    """(node, least node of its component) for every node of an undirected graph.

    Alternating large-star and small-star steps keep the components and shrink every
    one to a star around its least node in O(log² n) rounds (Kiveris et al., 2014). Once
    fewer than `on_driver` edges are left, union-find on the driver ends it in one step.
    """
    sc = edges.context
    current = edges.filter(lambda e: e[0] != e[1]).map(lambda e: (max(e), min(e))).distinct()
    current = current.persist()
    while current.count() > on_driver:
        both = current.flatMap(lambda e: (e, (e[1], e[0])))
        larger = both.groupByKey().flatMap(_large_star)
        smaller = larger.groupByKey().flatMap(_small_star).distinct().persist()
        current.unpersist()
        current = smaller
        if _stars(current):
            centres = current.values().distinct().map(lambda r: (r, r))
            return current.union(centres)
    roots = _least_roots(current.collect())
    current.unpersist()
    return sc.parallelize(list(roots.items()), max(2, sc.defaultParallelism))
