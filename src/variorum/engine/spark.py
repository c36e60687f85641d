"""The scan on Apache Spark: the same stage functions as the local engine, as Spark jobs.

Documents are read by Spark (JSON Lines or Parquet from any path Spark reads: local,
HDFS, S3) or by variorum's readers and distributed. Then, as `scan` does locally:

1. tokenise every document (mapPartitions over the documents);
2. count the words of the collection (reduceByKey) into the word weights, broadcast;
3. the inverted index of hashed n-grams: postings grouped by n-gram, n-grams in more than
   `max_df` documents dropped, each other one voting for the pairs of its documents,
   votes added per pair (reduceByKey) in the same order as the local engine adds them;
4. each candidate pair joined with its two analysed documents and aligned
   (mapPartitions calling the local engine's `align_documents`), and every document with
   repeated n-grams aligned with itself;
5. the passages collected in the local engine's order and finished as locally
   (attribution, order, clusters).

The passages equal the local engine's: the tests compare them on the evaluation tasks.
The semantic layer is not distributed yet.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from variorum.align import align_self
from variorum.engine.local import Result, _check_ids, align_documents, finish
from variorum.errors import OptionError
from variorum.index import ngram_hashes
from variorum.index.weights import Weights
from variorum.options import Options
from variorum.text.tokenize import Analysed, tokenize
from variorum.types import Document, Passage

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

SPARK_SUFFIXES = (".jsonl", ".json", ".parquet", ".ndjson")


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


def _read(spark: SparkSession, paths: Sequence[str]) -> list[Document]:
    """Documents from JSON Lines or Parquet read by Spark, in file and line order."""
    frames = [
        spark.read.parquet(p) if p.endswith(".parquet") else spark.read.json(p) for p in paths
    ]
    docs: list[Document] = []
    for path, frame in zip(paths, frames, strict=True):
        if "id" not in frame.columns or "text" not in frame.columns:
            msg = f"{path}: records need the fields id and text"
            raise OptionError(msg)
        others = [c for c in frame.columns if c not in ("id", "text")]
        for row in frame.rdd.zipWithIndex().sortBy(lambda r: r[1]).keys().collect():
            # As the local reader does: where it came from, then the other fields.
            meta = {"source": path} | {c: row[c] for c in others if row[c] is not None}
            docs.append(Document(str(row["id"]), str(row["text"] or ""), meta))
    return docs


def _tokenized(rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, Any]]:
    for n, text in rows:
        yield n, tokenize(text)


def _word_counts(rows: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, int]]:
    for _, tokens in rows:
        keys, counts = np.unique(tokens.hashes, return_counts=True)
        yield from zip(keys.tolist(), counts.tolist(), strict=True)


def _postings(ngram: int) -> Any:
    def postings(rows: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, int]]:
        for n, tokens in rows:
            for h in np.unique(ngram_hashes(tokens.hashes, ngram)).tolist():
                yield h, n

    return postings


def _pair_votes(max_df: int) -> Any:
    def votes(group: tuple[int, Iterable[int]]) -> Iterator[tuple[tuple[int, int, int], int]]:
        docs = sorted(group[1])
        size = len(docs)
        if size < 2 or size > max_df:
            return
        for a in range(size):
            for b in range(a + 1, size):
                yield (docs[a], docs[b], size), 1

    return votes


def _total(item: tuple[tuple[int, int], Iterable[tuple[int, int]]]) -> tuple[int, int, float]:
    """A pair's votes added as the local engine adds them: by n-gram frequency, ascending."""
    (i, j), by_size = item
    total = 0.0
    for size, count in sorted(by_size):
        total += float(np.float64(count) / (size - 1))
    return i, j, total


# Passages are collected with a sort key that gives them the local engine's order:
# pairs by (i, j), then repetitions by document, each in the order it was found.
_Keyed = tuple[tuple[int, int, int, int], Passage]


def _aligner(opts: Options, weights: Any) -> Any:
    def align(rows: Iterable[Any]) -> Iterator[_Keyed]:
        w: Weights = weights.value
        for (i, j), (x, y) in rows:
            bits = (w.prefix(x[1].hashes), w.prefix(y[1].hashes))
            found = align_documents(Analysed(x[0], x[1]), Analysed(y[0], y[1]), opts, bits)
            for k, passage in enumerate(found):
                yield (0, i, j, k), passage

    return align


def _self_aligner(opts: Options, weights: Any) -> Any:
    def align(rows: Iterable[tuple[int, tuple[Document, Any]]]) -> Iterator[_Keyed]:
        w: Weights = weights.value
        for n, (doc, tokens) in rows:
            grams = ngram_hashes(tokens.hashes, opts.ngram)
            if len(grams) and len(np.unique(grams)) < len(grams):
                found = align_self(Analysed(doc, tokens), opts, w.prefix(tokens.hashes))
                for k, passage in enumerate(found):
                    yield (1, n, n, k), passage

    return align


def scan(
    sources: Sequence[str] | Sequence[Document],
    options: Options | None = None,
    spark: SparkSession | None = None,
    partitions: int | None = None,
) -> Result:
    """`variorum.scan` on Spark: the same passages, computed by Spark jobs."""
    opts = (options or Options()).resolved(scan=True)
    if opts.semantic:
        msg = "the Spark engine does not run the semantic layer yet: drop --semantic"
        raise OptionError(msg)
    spark = spark or session()
    sc = spark.sparkContext
    if sources and all(isinstance(s, Document) for s in sources):
        docs = [s for s in sources if isinstance(s, Document)]
    else:
        docs = _read(spark, [str(s) for s in sources])
    _check_ids(docs)
    slices = partitions or max(2, sc.defaultParallelism)
    texts: RDD[tuple[int, str]] = sc.parallelize(list(enumerate(d.text for d in docs)), slices)
    tokens = texts.mapPartitions(_tokenized).cache()
    counts = tokens.mapPartitions(_word_counts).reduceByKey(lambda a, b: a + b).collect()
    counts.sort()
    keys = np.asarray([k for k, _ in counts], dtype=np.uint64)
    freq = np.asarray([c for _, c in counts], dtype=np.int64)
    weights = Weights.from_counts(keys, freq)
    shared_weights = sc.broadcast(weights)
    pairs = (
        tokens.mapPartitions(_postings(opts.ngram))
        .groupByKey()
        .flatMap(_pair_votes(opts.max_df))
        .reduceByKey(lambda a, b: a + b)
        .map(lambda kv: ((kv[0][0], kv[0][1]), (kv[0][2], kv[1])))
        .groupByKey()
        .map(_total)
        .filter(lambda t: t[2] >= opts.min_shared - 1e-9)
        .map(lambda t: (t[0], t[1]))
    )
    by_doc = sc.parallelize(list(enumerate(docs)), slices).join(tokens)  # n -> (doc, tokens)
    joined = (
        pairs.join(by_doc)  # i -> (j, x)
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(by_doc)  # j -> ((i, x), y)
        .map(lambda kv: ((kv[1][0][0], kv[0]), (kv[1][0][1], kv[1][1])))
    )
    keyed: list[_Keyed] = joined.mapPartitions(_aligner(opts, shared_weights)).collect()
    if opts.repetitions:
        keyed += by_doc.mapPartitions(_self_aligner(opts, shared_weights)).collect()
    tokens.unpersist()
    keyed.sort(key=lambda kp: kp[0])
    return finish(docs, [passage for _, passage in keyed], opts)


def is_spark_input(path: str) -> bool:
    """Whether Spark reads this path itself (a URL, or JSON Lines or Parquet)."""
    return "://" in path or path.lower().endswith(SPARK_SUFFIXES)


def write_parquet(spark: SparkSession, result: Result, path: str) -> None:
    """The result's records as a Parquet dataset at `path` (any path Spark writes)."""
    from variorum.report.records import records  # noqa: PLC0415

    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records(result)]
    frame = spark.read.json(spark.sparkContext.parallelize(lines, 1))
    frame.write.mode("overwrite").parquet(path)
