"""The semantic layer on Spark: discovery and alignment by meaning as Spark jobs.

The steps of the local engine (align/discover.py, engine/local.py `_by_meaning`), each
calling the same function, so that the passages are the same:

1. every document's sentence units (`unit_spans`);
2. twins: each side of each lexical passage placed in its document's units (`twin_side`),
   the two sides joined per passage (`twins`); the least unit of each connected component
   (engine.spark.components) represents it. A unit is known by (document << 32) | unit,
   which orders units as the local engine numbers them;
3. rows: the representatives' texts (`folded`), each distinct text numbered by its first
   unit; embedded in chunks of EMBED_CHUNK rows (`embed_chunk`), the local chunks, so
   that the vectors are the same to the last bit;
4. the rows of sentences of five words or more, numbered, with the documents each stands
   for; their nearest neighbours: exact search on the driver up to EXACT_LIMIT rows (at
   most 40 MB of vectors), beyond it the inverted file distributed: k-means learned on
   the driver from the local sample (`kmeans_sample`, `kmeans`), the cells assigned in
   the local blocks of rows (`assign_cells`), each vector sent to the cells that probe
   its own (`probed_cells`) and each cell searched (`nearest_among`);
5. mutual links, the document pairs they vote for (`link_pairs`), their votes added up in
   the local order (`linked_enough`), less the pairs the lexical passages already cover
   (`aligned_through`);
6. alignment by meaning (`align_meaning`) by block pair, as the lexical alignment: the
   pairs that lead first, then the pairs they stand for where a lead found something.

The result replaces the lexical passages of the pairs aligned by meaning, keyed so that
the passages come out in the local engine's order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from variorum.align.discover import (
    EMBED_CHUNK,
    MIN_WORDS,
    NEIGHBOURS,
    SideUnit,
    aligned_through,
    discovery_bar,
    embed_chunk,
    folded,
    link_pairs,
    linked_enough,
    twin_side,
    twins,
    unit_bounds,
)
from variorum.align.meaning import align_meaning
from variorum.align.sentences import Units, unit_spans
from variorum.embed.encoder import Encoder
from variorum.engine.plan import SCAN_PARAPHRASE
from variorum.engine.spark_jobs import Found, Key, by_block_pair, components, in_order
from variorum.index import neighbours as inverted_file
from variorum.index.neighbours import (
    BLOCK,
    assign_cells,
    cell_count,
    kmeans,
    kmeans_sample,
    nearest_among,
    neighbours,
    probed_cells,
)
from variorum.options import Options
from variorum.text.tokenize import Analysed, Tokens
from variorum.types import Document, Passage, Span

if TYPE_CHECKING:
    from pyspark import RDD

    from variorum.embed.encoder import Vectors

_UNIT_BITS = 32
_UNIT_MASK = (1 << _UNIT_BITS) - 1
_PART_DOCS = 200

Pair = tuple[int, int]
Spans = tuple[list[Span], list[int]]


def _node(doc: int, unit: int) -> int:
    return (doc << _UNIT_BITS) | unit


def _doc_unit(node: int) -> tuple[int, int]:
    return node >> _UNIT_BITS, node & _UNIT_MASK


# Twins.


def _sides(item: Found) -> Iterator[tuple[int, tuple[Key, int, list[Any], list[Any]]]]:
    key, (ra, rb, p) = item
    if ra != rb and p.segments:
        yield ra, (key, 0, [s.a for s in p.segments], [e.a for e in p.edits])
        yield rb, (key, 1, [s.b for s in p.segments], [e.b for e in p.edits])


def _placed(
    item: tuple[int, tuple[Iterable[tuple[Key, int, list[Any], list[Any]]], Iterable[Spans]]],
) -> Iterator[tuple[Key, tuple[int, int, list[SideUnit]]]]:
    doc, (sides, spans_of) = item
    for spans, _ in spans_of:
        bounds = unit_bounds(spans)
        for key, side, segments, edits in sides:
            yield key, (side, doc, twin_side(segments, edits, bounds))


def _twin_edges(item: tuple[Key, Iterable[tuple[int, int, list[SideUnit]]]]) -> Iterator[Pair]:
    (_, doc_a, side_a), (_, doc_b, side_b) = sorted(item[1], key=lambda s: s[0])
    for ua, ub in twins(side_a, side_b):
        yield _node(doc_a, ua), _node(doc_b, ub)


def _representatives(
    item: tuple[int, tuple[tuple[tuple[Document, Tokens], Spans], Iterable[int] | None]],
) -> Iterator[tuple[str, int]]:
    """(text, unit) of each unit of a document that is its own twins' representative."""
    doc, (((document, _), (spans, _)), others) = item
    not_mine = set(others or ())
    for k, span in enumerate(spans):
        if k not in not_mine:
            yield folded(document.text, span), _node(doc, k)


def _embedded(item: tuple[int, Iterable[tuple[int, str]]]) -> Iterator[tuple[int, Vectors]]:
    rows = sorted(item[1])
    vectors = embed_chunk([text for _, text in rows])
    for (row, _), vector in zip(rows, vectors, strict=True):
        yield row, vector


# Nearest neighbours.

# (position, (vector, group)) for every row of long sentences, numbered from 0
Positioned = tuple[int, tuple["Vectors", int]]
Nearest = tuple[int, tuple[list[int], list[float]]]


def _positioned(row: tuple[int, tuple[tuple[int, Iterable[int]], Vectors]]) -> Positioned:
    """(position, (vector, group)): a row's group is the lowest document it stands for."""
    _, ((pos, docs), vector) = row
    return pos, (vector, min(docs))


def _exact(positioned: RDD[Positioned], present: int) -> RDD[Nearest]:
    """Exact nearest neighbours of at most EXACT_LIMIT rows, on the driver."""
    sc = positioned.context
    vectors = np.zeros((present, Encoder.dimensions), dtype=np.float32)
    groups = np.zeros(present, dtype=np.int64)
    for pos, (vector, group) in positioned.toLocalIterator():
        vectors[pos], groups[pos] = vector, group
    nearest, best = neighbours(vectors, groups, NEIGHBOURS, exact=True)
    rows = [(pos, (nearest[pos].tolist(), best[pos].tolist())) for pos in range(present)]
    return sc.parallelize(rows, max(2, sc.defaultParallelism))


def _assigner(centroids: Any) -> Any:
    """Each vector's cell, a block of rows at a time (the blocks assign_cells cuts)."""

    def assign(
        item: tuple[int, Iterable[Positioned]],
    ) -> Iterator[tuple[int, tuple[int, Vectors, int]]]:
        rows = sorted(item[1], key=lambda r: r[0])
        vectors = np.stack([vector for _, (vector, _) in rows])
        for (pos, (vector, group)), cell in zip(
            rows, assign_cells(vectors, centroids.value).tolist(), strict=True
        ):
            yield cell, (pos, vector, group)

    return assign


def _sender(probers: Any) -> Any:
    """A vector to its own cell, as a query, and to every cell that probes its cell."""

    def send(
        item: tuple[int, tuple[int, Vectors, int]],
    ) -> Iterator[tuple[int, tuple[int, int, int, Vectors, int]]]:
        cell, (pos, vector, group) = item
        yield cell, (-1, cell, pos, vector, group)
        for c in probers.value[cell]:
            yield c, (0, cell, pos, vector, group)

    return send


def _searcher(probes: Any) -> Any:
    """The nearest neighbours of one cell's vectors among those of its probed cells."""

    def search(
        item: tuple[int, Iterable[tuple[int, int, int, Vectors, int]]],
    ) -> Iterator[Nearest]:
        cell, sent = item
        queries = sorted((r for r in sent if r[0] < 0), key=lambda r: r[2])
        if not queries:
            return
        base: dict[int, list[tuple[int, int, int, Vectors, int]]] = {}
        for r in sent:
            if r[0] == 0:
                base.setdefault(r[1], []).append(r)
        # The local order: the probed cells in turn, each one's rows ascending.
        ordered = [
            r for c in probes.value[cell] for r in sorted(base.get(c, []), key=lambda r: r[2])
        ]
        if not ordered:
            return
        ids = np.array([r[2] for r in ordered], dtype=np.int64)
        found_i, found_s = nearest_among(
            np.stack([r[3] for r in queries]),
            np.array([r[4] for r in queries], dtype=np.int64),
            NEIGHBOURS,
            ids,
            np.stack([r[3] for r in ordered]),
            np.array([r[4] for r in ordered], dtype=np.int64),
        )
        for r, near, sims in zip(queries, found_i.tolist(), found_s.tolist(), strict=True):
            yield r[2], (near, sims)

    return search


def _inverted(positioned: RDD[Positioned], present: int, slices: int) -> RDD[Nearest]:
    """The inverted file of index.neighbours, its cells searched by Spark."""
    sc = positioned.context
    rng = np.random.default_rng(0)  # as index.neighbours draws it
    cells = cell_count(present)
    sample_rows = kmeans_sample(present, cells, rng)
    wanted = sc.broadcast(set(sample_rows.tolist()))
    got = dict(
        positioned.filter(lambda r: r[0] in wanted.value).map(lambda r: (r[0], r[1][0])).collect()
    )
    sample = np.stack([got[r] for r in sample_rows.tolist()])
    centroids = kmeans(sample, cells, rng)
    probes = probed_cells(centroids)
    probers: list[list[int]] = [[] for _ in range(cells)]
    for c in range(cells):
        for x in probes[c].tolist():
            probers[x].append(c)
    blocks = max(1, -(-present // BLOCK))
    parts = max(slices, min(cells, 4 * slices))
    assigned = (
        positioned.map(lambda r: (r[0] // BLOCK, r))
        .groupByKey(min(blocks, parts))
        .flatMap(_assigner(sc.broadcast(centroids)))
    )
    probes_of = sc.broadcast([row.tolist() for row in probes])
    return (
        assigned.flatMap(_sender(sc.broadcast(probers)))
        .groupByKey(parts)
        .flatMap(_searcher(probes_of))
    )


# Links.


def _directions(bar: float) -> Any:
    """Each row's neighbours, keyed by the pair of rows: (row, column, similarity, whether
    it clears the bar, compared in float32 as index.neighbours gives it)."""

    def directions(item: Nearest) -> Iterator[tuple[Pair, tuple[int, int, float, bool]]]:
        u, (near, sims) = item
        clear = (np.asarray(sims, dtype=np.float32) >= bar).tolist()
        for col, (v, sim) in enumerate(zip(near, sims, strict=True)):
            if v >= 0:
                yield (min(u, v), max(u, v)), (u, col, sim, clear[col])

    return directions


def _mutual(
    item: tuple[Pair, Iterable[tuple[int, int, float, bool]]],
) -> Iterator[tuple[int, tuple[int, int, float]]]:
    """The link u < v where each is among the other's neighbours and u's similarity
    to v clears the bar."""
    (u, v), ends = item
    mine = [e for e in ends if e[0] == u]
    if u < v and mine and mine[0][3] and any(e[0] == v for e in ends):
        yield u, (v, mine[0][1], mine[0][2])


def _votes(similarity: float) -> Any:
    def votes(
        item: tuple[int, tuple[tuple[tuple[int, int, int, float], list[int]], list[int]]],
    ) -> Iterator[tuple[Pair, tuple[int, int, float, Pair]]]:
        _, (((u, _, col, sim), members_u), members_v) = item
        for pair, lead in link_pairs(members_u, members_v):
            yield pair, (u, col, sim - similarity, lead)

    return votes


def _linked(
    item: tuple[Pair, Iterable[tuple[int, int, float, Pair]]],
) -> Iterator[tuple[Pair, set[Pair]]]:
    votes = sorted(item[1], key=lambda v: (v[0], v[1]))  # the local order: by row, then column
    if linked_enough([w for _, _, w, _ in votes]):
        yield item[0], {lead for _, _, _, lead in votes}


# Alignment by meaning.


def _oriented(item: Found) -> tuple[Pair, tuple[Key, Passage]]:
    """A lexical passage between two documents, the lower-numbered one first."""
    key, (ra, rb, p) = item
    return (min(ra, rb), max(ra, rb)), (key, p if ra <= rb else p.swapped())


def _covers(
    item: tuple[int, tuple[tuple[int, tuple[Iterable[tuple[Key, Passage]], int]], int]],
) -> Iterator[tuple[Pair, int]]:
    j, ((i, (passages, chars_i)), chars_j) = item
    kept = list(passages)
    a = [(p.a.start, p.a.end) for _, p in kept]
    b = [(p.b.start, p.b.end) for _, p in kept]
    if aligned_through(a, b, chars_i, chars_j):
        yield (i, j), 1


def _units(
    item: tuple[int, tuple[tuple[tuple[Document, Tokens], Spans], Iterable[tuple[int, Vectors]]]],
) -> tuple[int, tuple[Document, Tokens, Units]]:
    doc, (((document, tokens), (spans, words)), vectors) = item
    rows = sorted(vectors, key=lambda kv: kv[0])
    matrix = (
        np.stack([v for _, v in rows])
        if rows
        else np.zeros((0, Encoder.dimensions), dtype=np.float32)
    )
    return doc, (document, tokens, Units(spans, words, matrix))


def _meaning_aligner(opts: Options) -> Any:
    def align(
        item: tuple[Pair, tuple[Iterable[tuple[Pair, list[Passage]]], Iterable[Any]]],
    ) -> Iterator[tuple[Pair, tuple[list[tuple[int, int, Passage]], bool]]]:
        _, (pairs, shipped) = item
        docs: dict[int, tuple[Document, Tokens, Units]] = dict(shipped)
        # Pairs that share their second document side by side, as the local engine.
        for (i, j), lexical in sorted(pairs, key=lambda pl: (pl[0][1], pl[0][0])):
            (x, tx, ux), (y, ty, uy) = docs[i], docs[j]
            found = align_meaning(
                Analysed(x, tx),
                Analysed(y, ty),
                opts,
                lexical,
                paraphrase_bar=SCAN_PARAPHRASE,
                embedded=(ux, uy),
            )
            ranked = [(i, j, p) if p.a.doc == x.id else (j, i, p) for p in found]
            yield (i, j), (ranked, found != lexical)

    return align


def _lexical_list(passages: Iterable[tuple[Key, Passage]] | None) -> list[Passage]:
    return [p for _, p in sorted(passages or (), key=lambda kp: kp[0])]


def _align(
    pairs: RDD[Pair],
    lexical: RDD[tuple[Pair, Iterable[tuple[Key, Passage]]]],
    docs: RDD[tuple[int, tuple[Document, Tokens, Units]]],
    count: int,
    slices: int,
    opts: Options,
) -> RDD[tuple[Pair, tuple[list[tuple[int, int, Passage]], bool]]]:
    """Each pair aligned by meaning with its lexical passages, by block pair."""
    with_lexical = (
        pairs.map(lambda p: (p, None))
        .leftOuterJoin(lexical, slices)
        .map(lambda kv: (kv[0], _lexical_list(kv[1][1])))
    )
    return by_block_pair(with_lexical, docs, count, slices).flatMap(_meaning_aligner(opts))


def _rekeyed(
    item: tuple[
        Pair, tuple[Iterable[Iterable[tuple[Key, Passage]]], Iterable[tuple[int, list[Any]]]]
    ],
) -> Iterator[Found]:
    """A pair's passages keyed in the order the local engine lists them: lexical pairs
    as they were found, then the pairs found by meaning only, phase by phase."""
    (i, j), (lexical_of, aligned_of) = item
    lexical = _lexical_list(kp for group in lexical_of for kp in group)
    aligned = list(aligned_of)
    if aligned:
        phase, ranked = aligned[0]
        key_of = (1, i, j) if lexical else (phase, j, i)
        for k, (ra, rb, p) in enumerate(ranked):
            yield (*key_of, k), (ra, rb, p)
    else:
        for k, p in enumerate(lexical):
            yield (1, i, j, k), (i, j, p)


def _rows(
    analysed: RDD[tuple[int, tuple[Document, Tokens]]],
    spans: RDD[tuple[int, Spans]],
    found: RDD[Found],
    count: int,
    parts: int,
) -> tuple[RDD[tuple[int, tuple[int, int]]], RDD[tuple[str, int]], int]:
    """The row of every unit (unit -> (row, words)), the rows (text, row), how many: the
    units' twins found through the lexical passages, the least unit of each group of
    twins representing it, each distinct text of a representative a row, numbered in the
    order of its first unit."""
    from pyspark import StorageLevel  # noqa: PLC0415

    keep = StorageLevel.MEMORY_AND_DISK
    edges = (
        found.flatMap(_sides)
        .cogroup(spans, parts)
        .flatMap(_placed)
        .groupByKey(parts)
        .flatMap(_twin_edges)
    )
    roots = components(edges).persist(keep)
    not_mine = (
        roots.filter(lambda nr: nr[0] != nr[1]).map(lambda nr: _doc_unit(nr[0])).groupByKey(parts)
    )
    reps = (
        analysed.join(spans, parts)
        .leftOuterJoin(not_mine, parts)
        .flatMap(_representatives)
        .persist(keep)
    )
    firsts = reps.reduceByKey(min, parts).map(lambda tn: (_doc_unit(tn[1]), tn[0]))
    rows = in_order(firsts, count, parts).values().zipWithIndex().persist(keep)
    node_rows = reps.join(rows, parts).map(lambda t: (t[1][0], t[1][1]))  # representative -> row
    units = spans.flatMap(lambda ds: ((_node(ds[0], k), w) for k, w in enumerate(ds[1][1])))
    rooted = units.leftOuterJoin(roots, parts).map(
        lambda x: (x[0] if x[1][1] is None else x[1][1], (x[0], x[1][0]))
    )
    unit_rows = rooted.join(node_rows, parts).map(lambda r: (r[1][0][0], (r[1][1], r[1][0][1])))
    return unit_rows.persist(keep), rows, rows.count()


def _links(
    unit_rows: RDD[tuple[int, tuple[int, int]]],
    vectors: RDD[tuple[int, Vectors]],
    total: int,
    parts: int,
    opts: Options,
) -> RDD[tuple[Pair, set[Pair]]]:
    """The document pairs linked by mutually nearest sentences (of MIN_WORDS words or
    more), each with its leads."""
    from pyspark import StorageLevel  # noqa: PLC0415

    keep = StorageLevel.MEMORY_AND_DISK
    sc = unit_rows.context
    long = unit_rows.filter(lambda ur: ur[1][1] >= MIN_WORDS)
    members = long.map(lambda ur: (ur[1][0], _doc_unit(ur[0])[0])).distinct(parts).groupByKey(parts)
    members = in_order(members.mapValues(sorted), max(1, total), parts)
    positions = members.zipWithIndex().map(lambda x: (x[0][0], (x[1], x[0][1])))
    positions = positions.persist(keep)
    present = positions.count()
    if present < 2:
        return sc.emptyRDD()
    by_pos = positions.map(lambda r: (r[1][0], r[1][1])).persist(keep)  # pos -> docs
    positioned = positions.join(vectors, parts).map(_positioned)
    nearest = (
        _exact(positioned, present)
        if present <= inverted_file.EXACT_LIMIT
        else _inverted(positioned, present, parts)
    )
    links = nearest.flatMap(_directions(discovery_bar(opts))).groupByKey(parts).flatMap(_mutual)
    return (
        links.join(by_pos, parts)
        .map(lambda r: (r[1][0][0], ((r[0], *r[1][0]), r[1][1])))
        .join(by_pos, parts)
        .flatMap(_votes(opts.similarity))
        .groupByKey(parts)
        .flatMap(_linked)
    )


def by_meaning(
    analysed: RDD[tuple[int, tuple[Document, Tokens]]],
    found: RDD[Found],
    count: int,
    slices: int,
    opts: Options,
) -> RDD[Found]:
    """All passages, those of the pairs discovery links by meaning extended or joined, as
    the local engine's semantic layer gives them (see the module's text)."""
    from pyspark import StorageLevel  # noqa: PLC0415

    keep = StorageLevel.MEMORY_AND_DISK
    # Partitions of a few hundred documents: a document's sentences come with a vector
    # each (2 kB), and a partition must fit in a task's memory.
    parts = max(slices, math.ceil(count / _PART_DOCS))
    spans = analysed.mapValues(lambda dt: unit_spans(Analysed(dt[0], dt[1]))).persist(keep)
    unit_rows, rows, total = _rows(analysed, spans, found, count, parts)
    chunks = max(1, -(-total // EMBED_CHUNK))
    vectors = (
        rows.map(lambda tr: (tr[1] // EMBED_CHUNK, (tr[1], tr[0])))
        .groupByKey(min(chunks, 8 * parts))
        .flatMap(_embedded)
        .persist(keep)
    )
    linked = _links(unit_rows, vectors, total, parts, opts)
    lexical = (
        found.filter(lambda f: f[1][0] != f[1][1]).map(_oriented).groupByKey(parts).persist(keep)
    )
    chars = analysed.mapValues(lambda dt: len(dt[0].text))
    covered = (
        lexical.map(lambda pl: (pl[0][0], (pl[0][1], pl[1])))
        .join(chars, parts)
        .map(lambda r: (r[1][0][0], (r[0], (r[1][0][1], r[1][1]))))
        .join(chars, parts)
        .flatMap(_covers)
    )
    wanted = linked.subtractByKey(covered, parts).persist(keep)
    # Each document to align, with its units and their vectors.
    needed = wanted.flatMap(lambda pl: pl[0]).distinct(parts).map(lambda n: (n, None))
    unit_vectors = (
        unit_rows.map(lambda ur: (_doc_unit(ur[0])[0], (_doc_unit(ur[0])[1], ur[1][0])))
        .join(needed, parts)
        .map(lambda r: (r[1][0][1], (r[0], r[1][0][0])))
        .join(vectors, parts)
        .map(lambda r: (r[1][0][0], (r[1][0][1], r[1][1])))
    )
    docs = (
        analysed.join(spans, parts)
        .join(needed, parts)
        .mapValues(lambda x: x[0])
        .cogroup(unit_vectors, parts)
        .filter(lambda r: len(r[1][0]) > 0)
        .map(lambda r: _units((r[0], (next(iter(r[1][0])), r[1][1]))))
        .persist(keep)
    )
    first_pairs = wanted.filter(lambda pl: pl[0] in pl[1]).keys()
    first = _align(first_pairs, lexical, docs, count, parts, opts).persist(keep)
    later = wanted.filter(lambda pl: pl[0] not in pl[1])
    status = first.mapValues(lambda r: r[1]).union(later.mapValues(lambda _: False))
    second_pairs = (
        later.flatMap(lambda pl: ((lead, pl[0]) for lead in pl[1]))
        .leftOuterJoin(status, parts)
        .filter(lambda r: r[1][1] is None or r[1][1])
        .map(lambda r: r[1][0])
        .distinct(parts)
    )
    second = _align(second_pairs, lexical, docs, count, parts, opts)
    aligned = first.mapValues(lambda r: (2, r[0])).union(second.mapValues(lambda r: (3, r[0])))
    repeats = found.filter(lambda f: f[1][0] == f[1][1]).map(lambda f: ((0, *f[0][1:]), f[1]))
    return repeats.union(lexical.cogroup(aligned, parts).flatMap(_rekeyed))
