"""The scan on Apache Spark: the same stage functions as the local engine, as Spark jobs.

The collection stays on the cluster from reading to writing: the driver holds the word
weights (16 bytes per distinct word, broadcast to the executors), counts, and the output
only when it writes one file itself, a partition at a time. The stages, each calling the
function the local engine calls:

1. read: Spark reads JSON Lines or Parquet from any path it reads (local, HDFS, S3);
   documents are numbered in file and line order, as the local reader numbers them, and
   spread over the partitions by number; ids are checked unique (reduceByKey);
2. tokenise every document (kept, memory then disk);
3. count the words of each partition as arrays, merged by treeAggregate into the word
   weights, broadcast (and the number of parts for the next stage, from the words);
4. the inverted index of hashed n-grams: each partition's postings as arrays, split into
   buckets by hash; each bucket voted on as the local engine votes (`posting_votes`:
   n-grams in more than `max_df` documents dropped, each other one voting for the pairs
   of its documents); the votes split into buckets by pair and added up (`combine`,
   `as_pairs`);
5. align each candidate pair (`align_documents`), pairs grouped by the blocks of their
   documents so that a document travels once to each block pair that needs it, and
   every document with repeated n-grams with itself (`align_self`);
6. attribution: the two sides of each passage grouped by document (`outmatched`); a
   passage outmatched on both sides is dropped: a mark at its place in the output goes
   into the shuffle that orders the output, and the sorted partitions drop what follows
   a mark (one shuffle of the passages, not two);
7. clusters: passage ends joined through their passages and, in each document, through
   overlaps (`overlaps`); connected components by alternating large-star and small-star
   steps (Kiveris et al., 2014); each component's cluster (`cluster_of`), numbered in
   `cluster_order`;
8. quotations: each side of a passage joined with its document's quotations (`images`),
   then with the other document's (`matches`), the best partners of each quotation kept
   (reduceByKey) and joined back to it (`traced`);
9. output: each kind of record sorted as the local engine orders it, and the sorted parts
   concatenated: Parquet or a folder of JSON Lines written by the executors, or a JSON
   Lines file streamed to the driver a partition at a time.

The passages, quotations and clusters equal the local engine's: the tests compare them on
the evaluation tasks. With `semantic`, the passages go through the semantic layer's
Spark jobs (engine/spark_meaning.py) before attribution.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import add
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from variorum.align import align_self
from variorum.align.attribute import Side, outmatched, strength
from variorum.engine.clusters import cluster_of, cluster_order, date_of, overlaps
from variorum.engine.plan import align_documents, passage_order, repeated_id
from variorum.engine.spark_jobs import Found, by_block_pair, components, in_order
from variorum.engine.spark_meaning import by_meaning
from variorum.errors import InputError, OptionError, OutputError
from variorum.index import ngram_hashes
from variorum.index.candidates import as_pairs, combine, posting_votes
from variorum.index.ngrams import has_repeats
from variorum.index.weights import FloatArray, Weights
from variorum.ingest import MISSING, OnError, is_glob
from variorum.ingest.jsonl import line_document, record_document
from variorum.options import Options
from variorum.quotes.provenance import Quoted, images, matches, quoted, traced
from variorum.report.quotes import quotation_record
from variorum.report.records import (
    as_line,
    cluster_record,
    covered_share,
    document_record,
    passage_record,
    run_record,
)
from variorum.text.normalize import IntArray
from variorum.text.tokenize import Analysed, HashArray, Tokens, tokenize
from variorum.types import Cluster, Document, Passage, Quotation, Result, Span

if TYPE_CHECKING:
    import numpy.typing as npt
    from pyspark import RDD
    from pyspark.broadcast import Broadcast
    from pyspark.sql import SparkSession

SPARK_SUFFIXES = (".jsonl", ".json", ".parquet", ".ndjson")

Counts = tuple[HashArray, "npt.NDArray[np.int64]"]


def session(master: str | None = None) -> SparkSession:
    """A Spark session: on `master` (a URL), else local with every core."""
    try:
        from pyspark.sql import SparkSession  # noqa: PLC0415
    except ImportError as exc:
        msg = "the Spark engine needs pyspark: pip install 'variorum[spark]'"
        raise OptionError(msg) from exc
    # Workers run this interpreter (which has variorum) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("variorum").master(master or "local[*]")
    builder = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def is_spark_input(path: str) -> bool:
    """Whether Spark reads this path itself (a URL, or JSON Lines or Parquet)."""
    return "://" in path or path.lower().endswith(SPARK_SUFFIXES)


# Reading.


# A line or row as read: (its number, the document) or (its number, (where, reason)).
_Read = tuple[int, Document | tuple[str, str]]


def _parser(source: str, parquet: bool) -> Any:
    """A line of a JSON Lines file (or a Parquet row) read by the local reader's own
    functions, so that Spark refuses the same lines with the same messages."""

    def parse(item: tuple[Any, int]) -> Iterator[_Read]:
        raw, n = item
        if not parquet and not raw.strip():
            return  # a blank line, as the local reader skips it
        where = f"{source}:{n + 1}"
        try:
            if parquet:
                yield n, record_document(raw.asDict(), where, source)
            else:
                yield n, line_document(raw, where, source)
        except InputError as exc:
            yield n, (exc.source, exc.reason)

    return parse


def _files(spark: SparkSession, path: str) -> list[str]:
    """The files a path names for Spark (a file, a glob, a folder read recursively), in
    order; a single file keeps the name it was given, as the local reader's."""
    sc = spark.sparkContext
    jvm: Any = sc._jvm  # Hadoop's file systems, through the gateway
    given = jvm.org.apache.hadoop.fs.Path(path)
    fs = given.getFileSystem(sc._jsc.hadoopConfiguration())
    found: list[str] = []
    statuses = fs.globStatus(given) or []
    for status in statuses:
        if status.isDirectory():
            listed = fs.listFiles(status.getPath(), True)
            while listed.hasNext():
                name = str(listed.next().getPath().toString())
                if name.lower().endswith(SPARK_SUFFIXES):
                    found.append(name)
        else:
            found.append(str(status.getPath().toString()))
    if not found:  # as the local reader says it
        raise InputError(path, "no file matches this pattern" if is_glob(path) else MISSING)
    if len(statuses) == 1 and not statuses[0].isDirectory():
        return [path]
    return sorted(found)


def _rows(spark: SparkSession, source: str, parquet: bool) -> RDD[Any]:
    """A file's rows (Parquet) or lines of bytes (JSON Lines)."""
    if parquet:
        return spark.read.parquet(source).rdd
    return spark.sparkContext.textFile(source, use_unicode=False)


def _read(
    spark: SparkSession, paths: Sequence[str], on_error: OnError | None
) -> tuple[RDD[tuple[int, Document]], int]:
    """Documents from JSON Lines or Parquet read by Spark, numbered in file and line order,
    and how many. A bad line raises the local reader's error, unless `on_error` takes it
    (to skip the line and go on)."""
    from pyspark import StorageLevel  # noqa: PLC0415

    sc = spark.sparkContext
    parts = []
    offset = 0
    for source in (f for path in paths for f in _files(spark, path)):
        parquet = source.lower().endswith(".parquet")
        read = _rows(spark, source, parquet).zipWithIndex().flatMap(_parser(source, parquet))
        read = read.persist(StorageLevel.MEMORY_AND_DISK)
        bad = read.filter(lambda r: isinstance(r[1], tuple))
        errors = bad.takeOrdered(1) if on_error is None else sorted(bad.collect())
        for _, (where, reason) in errors:
            if on_error is None:
                raise InputError(where, reason)
            on_error(InputError(where, reason))
        good = read.filter(lambda r: isinstance(r[1], Document)).values()
        parts.append(good.zipWithIndex().map(_numbered(offset)))
        offset += good.count()
    return sc.union(parts) if parts else sc.emptyRDD(), offset


def _numbered(offset: int) -> Any:
    def number(item: tuple[Document, int]) -> tuple[int, Document]:
        return offset + item[1], item[0]

    return number


def _first_repeated_id(docs: RDD[tuple[int, Document]]) -> str | None:
    """The id whose second document comes first, as the local engine reports it."""
    twice = (
        docs.map(lambda nd: (nd[1].id, [nd[0]]))
        .reduceByKey(lambda a, b: sorted(a + b)[:2])
        .filter(lambda kv: len(kv[1]) == 2)
        .map(lambda kv: (kv[1][1], kv[0]))
        .takeOrdered(1)
    )
    return str(twice[0][1]) if twice else None


# Word weights and candidate pairs.


def _analyse(doc: Document) -> tuple[Document, Tokens]:
    return doc, tokenize(doc.text)


def _counted(rows: Iterable[tuple[int, tuple[Document, Tokens]]]) -> Iterator[Counts]:
    streams = [t.hashes for _, (_, t) in rows if len(t.hashes)]
    if streams:
        keys, counts = np.unique(np.concatenate(streams), return_counts=True)
        yield keys, counts.astype(np.int64)


def _merged(x: Counts, y: Counts) -> Counts:
    keys, inverse = np.unique(np.concatenate([x[0], y[0]]), return_inverse=True)
    counts = np.zeros(len(keys), dtype=np.int64)
    np.add.at(counts, inverse, np.concatenate([x[1], y[1]]))
    return keys, counts


def _word_counts(analysed: RDD[tuple[int, tuple[Document, Tokens]]]) -> Counts:
    """The collection's distinct words, sorted, and their counts (for Weights.from_counts,
    which gives the same weights as Weights.count of every document)."""
    zero: Counts = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
    counts: Counts = analysed.mapPartitions(_counted).treeAggregate(zero, _merged, _merged)
    return counts


# N-grams are voted on in parts by hash, votes added up in parts by pair: as many parts
# as cores, or more where a part would hold more than this many postings.
_BUCKET_POSTINGS = 2_000_000


def _postings(ngram: int, buckets: int) -> Any:
    """Each partition's postings (n-gram hash, document) as arrays, one per hash bucket."""

    def postings(
        rows: Iterable[tuple[int, tuple[Document, Tokens]]],
    ) -> Iterator[tuple[int, tuple[HashArray, IntArray]]]:
        grams, numbers = [], []
        for n, (_, tokens) in rows:
            distinct = np.unique(ngram_hashes(tokens.hashes, ngram))
            grams.append(distinct)
            numbers.append(np.full(len(distinct), n, dtype=np.int64))
        if not grams:
            return
        hashes, docs = np.concatenate(grams), np.concatenate(numbers)
        bucket = (hashes % np.uint64(buckets)).astype(np.int64)
        for b in np.unique(bucket).tolist():
            mine = bucket == b
            yield b, (hashes[mine], docs[mine])

    return postings


def _voter(count: int, max_df: int, buckets: int) -> Any:
    """The pair votes of one hash bucket's postings (posting_votes, as the local engine),
    added up per pair and split by pair into vote buckets."""

    def vote(
        item: tuple[int, Iterable[tuple[HashArray, IntArray]]],
    ) -> Iterator[tuple[int, tuple[IntArray, FloatArray]]]:
        parts = list(item[1])
        hashes = np.concatenate([h for h, _ in parts])
        docs = np.concatenate([d for _, d in parts])
        order = np.lexsort((docs, hashes))
        batches = list(posting_votes(hashes[order], docs[order], n_docs=count, max_df=max_df))
        keys, totals = combine([k for k, _ in batches], [v for _, v in batches])
        bucket = keys % buckets
        for b in np.unique(bucket).tolist():
            mine = bucket == b
            yield b, (keys[mine], totals[mine])

    return vote


def _paired(count: int, min_shared: float) -> Any:
    """The candidate pairs (i, j) of one vote bucket: as_pairs of its summed votes."""

    def pairs(item: tuple[int, Iterable[tuple[IntArray, FloatArray]]]) -> Iterator[tuple[int, int]]:
        parts = list(item[1])
        keys, totals = combine([k for k, _ in parts], [v for _, v in parts])
        for i, j, _ in as_pairs(keys, totals, n_docs=count, min_shared=min_shared):
            yield i, j

    return pairs


def _pairs(
    analysed: RDD[tuple[int, tuple[Document, Tokens]]], count: int, buckets: int, opts: Options
) -> RDD[tuple[int, int]]:
    """The candidate pairs (i, j), i < j: the local engine's candidate_pairs, with the
    postings voted on in hash buckets and the votes added up in pair buckets."""
    return (
        analysed.mapPartitions(_postings(opts.ngram, buckets))
        .groupByKey(buckets)
        .flatMap(_voter(count, opts.max_df, buckets))
        .groupByKey(buckets)
        .flatMap(_paired(count, opts.min_shared))
    )


# Alignment.


def _aligner(opts: Options, weights: Broadcast[Weights]) -> Any:
    """The passages of a block pair's candidate pairs, with the documents it was sent."""

    def align(item: tuple[tuple[int, int], tuple[Iterable[Any], Iterable[Any]]]) -> Iterator[Found]:
        _, (pairs, shipped) = item
        docs: dict[int, tuple[Document, Tokens]] = dict(shipped)
        w = weights.value
        bits: dict[int, FloatArray] = {}
        for i, j in sorted(ij for ij, _ in pairs):
            (x, tx), (y, ty) = docs[i], docs[j]
            for n, t in ((i, tx), (j, ty)):
                if n not in bits:
                    bits[n] = w.prefix(t.hashes)
            found = align_documents(Analysed(x, tx), Analysed(y, ty), opts, (bits[i], bits[j]))
            for k, p in enumerate(found):
                ranks = (i, j) if p.a.doc == x.id else (j, i)
                yield (0, i, j, k), (*ranks, p)

    return align


def _aligned(
    pairs: RDD[tuple[int, int]],
    analysed: RDD[tuple[int, tuple[Document, Tokens]]],
    count: int,
    slices: int,
    opts: Options,
    weights: Broadcast[Weights],
) -> RDD[Found]:
    """Every candidate pair's passages, aligned by block pair."""
    items = pairs.map(lambda ij: (ij, None))
    return by_block_pair(items, analysed, count, slices).flatMap(_aligner(opts, weights))


def _self_aligner(opts: Options, weights: Broadcast[Weights]) -> Any:
    def align(rows: Iterable[tuple[int, tuple[Document, Tokens]]]) -> Iterator[Found]:
        w = weights.value
        for n, (doc, tokens) in rows:
            if has_repeats(ngram_hashes(tokens.hashes, opts.ngram)):
                found = align_self(Analysed(doc, tokens), opts, w.prefix(tokens.hashes))
                for k, p in enumerate(found):
                    yield (1, n, n, k), (n, n, p)

    return align


# Attribution.


# A passage is known to attribution by its place in the output (`_order_key`), so that
# the passages it drops are marked in the very shuffle that puts the output in order.
Place = tuple[Any, ...]


def _sides(item: Found) -> Iterator[tuple[int, Side[Place]]]:
    _, (ra, rb, p) = item
    if not p.is_repetition:
        weight = strength(p)
        place = _order_key(item)
        yield ra, (place, p.a, p.b, weight)
        yield rb, (place, p.b, p.a, weight)


def _lost(item: tuple[int, Iterable[Side[Place]]]) -> Iterator[tuple[Place, int]]:
    for place in outmatched(list(item[1])):
        yield place, 1


# In the output's shuffle, a mark sorts just before the passage it drops.
_MARK, _KEEP = 0, 1


def _unmarked(items: Iterable[tuple[Place, Any]]) -> Iterator[tuple[Place, Any]]:
    """The items of a sorted partition, less those right after a mark of their place."""
    marked: Place | None = None
    for place, value in items:
        if place[-1] == _MARK:
            marked = place[:-1]
        elif place[:-1] != marked:
            yield place, value


def _order_key(item: Found) -> tuple[Any, ...]:
    """The local engine's output order: by documents, then positions, then as found."""
    key, (ra, rb, p) = item
    return (*passage_order(ra, rb, p), key)


def _ends(item: Found) -> Iterator[tuple[int, tuple[int, int]]]:
    _, (ra, rb, p) = item
    if not p.is_repetition:
        yield ra, (p.a.start, p.a.end)
        yield rb, (p.b.start, p.b.end)


# Clusters.


def _node_ends(item: tuple[Found, int]) -> Iterator[tuple[int, tuple[int, Span]]]:
    (_, (ra, rb, p)), pid = item
    yield 2 * pid, (ra, p.a)
    yield 2 * pid + 1, (rb, p.b)


def _overlap_edges(item: tuple[int, Iterable[tuple[int, Span]]]) -> Iterator[tuple[int, int]]:
    nodes = list(item[1])
    for k, holder in overlaps([(s.start, s.end) for _, s in nodes]):
        yield nodes[k][0], nodes[holder][0]


def _cluster(group: tuple[int, Iterable[tuple[Span, str | None]]]) -> Cluster:
    ends = list(group[1])
    dates = {s.doc: d for s, d in ends}
    return cluster_of([s for s, _ in ends], dates.get)


def _clusters(
    kept: RDD[Found], docs: RDD[tuple[int, Document]], slices: int
) -> RDD[tuple[int, Cluster]]:
    """The reuse clusters, numbered in the local engine's order."""
    links = kept.filter(lambda f: not f[1][2].is_repetition).zipWithUniqueId()
    ends = links.flatMap(_node_ends).persist()  # node -> (document, span)
    through = links.map(lambda fp: (2 * fp[1] + 1, 2 * fp[1]))
    by_doc = ends.map(lambda ne: (ne[1][0], (ne[0], ne[1][1]))).persist()
    within = by_doc.groupByKey().flatMap(_overlap_edges)
    roots = components(through.union(within))
    dates = docs.mapValues(date_of)
    dated = by_doc.join(dates).map(lambda r: (r[1][0][0], (r[1][0][1], r[1][1])))
    grouped = dated.join(roots).map(lambda x: (x[1][1], x[1][0])).groupByKey()
    ordered = grouped.map(_cluster).sortBy(cluster_order, numPartitions=slices)
    return ordered.zipWithIndex().map(lambda cn: (cn[1], cn[0]))


# Quotations.


def _directed(item: Found) -> Iterator[tuple[int, tuple[int, Passage, bool]]]:
    _, (ra, rb, p) = item
    if not p.is_repetition:
        yield ra, (rb, p, True)
        yield rb, (ra, p, False)


def _imaged(
    item: tuple[int, tuple[tuple[int, Passage, bool], list[Quoted]]],
) -> Iterator[tuple[int, tuple[int, int, Quoted, Span]]]:
    here, ((there, p, forward), quotes) = item
    for k, image in images(p, forward, quotes):
        yield there, (here, k, quotes[k], image)


def _matched(
    item: tuple[int, tuple[tuple[int, int, Quoted, Span], list[Quoted]]],
) -> Iterator[tuple[tuple[int, int, int, int], tuple[float, Quoted]]]:
    there, ((here, k, q, image), quotes) = item
    for m, rank in matches(q, image, quotes):
        yield (here, k, there, m), (rank, quotes[m])


def _traced(
    item: tuple[int, tuple[Iterable[list[Quoted]], Iterable[Any]]],
) -> Iterator[tuple[tuple[int, int], Quotation]]:
    here, (quotes_of, links) = item
    partners: dict[int, list[tuple[tuple[float, int, int], Quoted]]] = {}
    for k, order, r in links:
        partners.setdefault(k, []).append((order, r))
    for quotes in quotes_of:
        for k, q in enumerate(quotes):
            best = sorted(partners.get(k, []), key=lambda orr: orr[0])
            yield (here, k), traced(q, [r for _, r in best])


def _quotations(
    kept: RDD[Found], docs: RDD[tuple[int, Document]], count: int, slices: int
) -> RDD[tuple[tuple[int, int], Quotation]]:
    """Every document's quotations, linked through the passages, in the local order."""
    quoted_docs = docs.mapValues(quoted).persist()
    imaged = kept.flatMap(_directed).join(quoted_docs).flatMap(_imaged)
    best = (
        imaged.join(quoted_docs)
        .flatMap(_matched)
        .reduceByKey(lambda x, y: x if x[0] >= y[0] else y)
        .map(lambda kv: (kv[0][0], (kv[0][1], (-kv[1][0], kv[0][2], kv[0][3]), kv[1][1])))
    )
    return in_order(quoted_docs.cogroup(best).flatMap(_traced), count, slices)


# The scan.


def _coverage_line(item: tuple[int, tuple[tuple[str, int], Any]]) -> tuple[int, str]:
    n, ((doc, chars), spans) = item
    return n, as_line(document_record(doc, chars, covered_share(chars, spans or ())))


@dataclass(frozen=True, eq=False)
class Scan:
    """A scan on Spark, kept on the cluster: each part in the order the output lists it."""

    documents: RDD[tuple[int, Document]]  # by number
    count: int  # how many documents
    passages: RDD[tuple[Any, Passage]]  # by _order_key
    quotations: RDD[tuple[tuple[int, int], Quotation]]  # by document, then place
    clusters: RDD[tuple[int, Cluster]]  # by number
    spans: RDD[tuple[int, Iterable[tuple[int, int]]]]  # each document's shared spans
    options: Options

    def result(self) -> Result:
        """Everything gathered on the driver, as the local engine returns it."""
        return Result(
            tuple(self._in_order(self.documents).values().collect()),
            tuple(self.passages.values().collect()),
            self.options,
            tuple(self.quotations.values().collect()),
            tuple(self.clusters.values().collect()),
        )

    def lines(self) -> RDD[str]:
        """The records as JSON Lines, in the local engine's order (see report.records)."""
        sc = self.documents.context
        kinds = self.passages.map(lambda kp: kp[1].is_repetition).countByValue()
        quotes = self.quotations.filter(lambda kq: kq[1].kind != "scare").count()
        head = run_record(
            self.count,
            kinds.get(False, 0),
            kinds.get(True, 0),
            quotes,
            self.clusters.count() if self.options.clusters else None,
        )
        sizes = self.documents.mapValues(lambda d: (d.id, len(d.text)))
        documents = self._in_order(sizes.leftOuterJoin(self.spans).map(_coverage_line))
        return sc.union(
            [
                sc.parallelize([as_line(head)], 1),
                self.passages.map(lambda kp: as_line(passage_record(kp[1]))),
                self.quotations.map(lambda kq: as_line(quotation_record(kq[1]))),
                self.clusters.map(lambda nc: as_line(cluster_record(nc[0], nc[1]))),
                documents.values(),
            ]
        )

    def _in_order(self, rdd: RDD[tuple[Any, Any]]) -> RDD[tuple[Any, Any]]:
        return in_order(rdd, self.count, self.documents.getNumPartitions())

    def write_jsonl(self, out: TextIO) -> None:
        """The JSON Lines streamed to `out`, one partition at a time through the driver."""
        for line in self.lines().toLocalIterator():
            out.write(line)
            out.write("\n")

    def save(self, path: str) -> None:
        """Written by the executors: Parquet where `path` ends in .parquet (replaced if
        there), else a folder of JSON Lines part files (which must not exist yet)."""
        from py4j.protocol import Py4JJavaError  # noqa: PLC0415

        lines = self.lines()
        try:
            if path.lower().endswith(".parquet"):
                spark = _active_session()
                spark.read.json(lines).write.mode("overwrite").parquet(path)
            else:
                lines.saveAsTextFile(path)
        except Py4JJavaError as exc:
            reason = str(exc.java_exception).splitlines()[0]
            msg = f"{path}: cannot write ({reason})"
            raise OutputError(msg) from exc


def check_output(spark: SparkSession, path: str) -> None:
    """OutputError, before any work, where `save` could not write a folder of JSON Lines
    at `path` (Spark does not replace one). Parquet output replaces what is there."""
    if path.lower().endswith(".parquet"):
        return
    jvm = spark.sparkContext._jvm
    if jvm is None:  # pragma: no cover  (a session always has one)
        return
    target = jvm.org.apache.hadoop.fs.Path(path)
    system = target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if system.exists(target):
        msg = f"{path}: cannot write (it exists; Spark writes a new folder of part files)"
        raise OutputError(msg)


def _active_session() -> SparkSession:
    from pyspark.sql import SparkSession  # noqa: PLC0415

    spark = SparkSession.getActiveSession()
    if spark is None:
        msg = "no Spark session is active"
        raise OptionError(msg)
    return spark


def run(
    sources: Sequence[str] | Sequence[Document],
    options: Options | None = None,
    spark: SparkSession | None = None,
    partitions: int | None = None,
    on_error: OnError | None = None,
) -> Scan:
    """`variorum.scan` on Spark, its result kept on the cluster (see Scan).

    A line of a JSON Lines source (or a Parquet row) that is not a document raises
    InputError, as the local reader does, unless `on_error` takes it (to skip and go on).
    """
    from pyspark import StorageLevel  # noqa: PLC0415

    opts = (options or Options()).resolved(scan=True)
    spark = spark or session()
    sc = spark.sparkContext
    slices = partitions or max(2, sc.defaultParallelism)
    if all(isinstance(s, Document) for s in sources):
        given = [s for s in sources if isinstance(s, Document)]
        read, count = sc.parallelize(list(enumerate(given)), slices), len(given)
    else:
        read, count = _read(spark, [str(s) for s in sources], on_error)
    # Kept once, with their tokens; the documents alone are read from there.
    analysed = read.partitionBy(slices).mapValues(_analyse).persist(StorageLevel.MEMORY_AND_DISK)
    docs = analysed.mapValues(lambda dt: dt[0])
    repeated = _first_repeated_id(docs)
    if repeated is not None:
        raise repeated_id(repeated)
    words, counts = _word_counts(analysed)
    weights = sc.broadcast(Weights.from_counts(words, counts))
    opts = opts.semantic_for(int(counts.sum()))
    buckets = max(slices, math.ceil(int(counts.sum()) / _BUCKET_POSTINGS))
    pairs = _pairs(analysed, count, buckets, opts)
    found = _aligned(pairs, analysed, count, slices, opts, weights)
    if opts.repetitions:
        found = found.union(analysed.mapPartitions(_self_aligner(opts, weights)))
    if opts.semantic:
        found = by_meaning(
            analysed, found.persist(StorageLevel.MEMORY_AND_DISK), count, slices, opts
        )
    kept = found.persist(StorageLevel.MEMORY_AND_DISK)
    placed: RDD[tuple[Place, Any]] = kept.map(lambda f: ((*_order_key(f), _KEEP), f))
    if not opts.all_links:  # passages outmatched on both sides dropped (attribution)
        lost = kept.flatMap(_sides).groupByKey().flatMap(_lost).reduceByKey(add)
        marks = lost.filter(lambda kv: kv[1] >= 2).map(lambda kv: ((*kv[0], _MARK), None))
        placed = placed.union(marks)
    ordered = in_order(placed, count, slices).mapPartitions(_unmarked, preservesPartitioning=True)
    ordered = ordered.persist(StorageLevel.MEMORY_AND_DISK)
    kept = ordered.values()
    passages: RDD[tuple[Any, Passage]] = ordered.mapValues(lambda f: f[1][2])
    empty = sc.emptyRDD()
    return Scan(
        docs,
        count,
        passages,
        _quotations(kept, docs, count, slices) if opts.quotes else empty,
        _clusters(kept, docs, slices) if opts.clusters else empty,
        kept.flatMap(_ends).groupByKey(),
        opts,
    )


def scan(
    sources: Sequence[str] | Sequence[Document],
    options: Options | None = None,
    spark: SparkSession | None = None,
    partitions: int | None = None,
    on_error: OnError | None = None,
) -> Result:
    """`variorum.scan` on Spark: the same result, computed by Spark jobs and gathered."""
    return run(sources, options, spark, partitions, on_error).result()
