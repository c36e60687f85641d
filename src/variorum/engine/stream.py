"""The scan out of core: a collection larger than memory streams through a folder on disk.

`scan(..., stream=True)` finds the same passages as the in-memory scan, but keeps in
memory only the documents' ids, the collection's word counts (one entry per distinct
word), the candidate pairs, the few batches in flight and the passages found. The
documents, their tokens and the n-gram index live in a temporary folder:

1. **read and analyse**: documents are read in batches and tokenised in the pool, a few
   batches ahead of the parent; the parent writes each document with its tokens to a
   SQLite store, sends each distinct n-gram of it to one of `_POSTING_FILES` posting files
   chosen by the n-gram's hash, and adds its words to the collection's counts;
2. **candidate pairs**: an n-gram's postings are all in one file, so each file is sorted
   and voted on alone (as `candidate_pairs` votes); the votes go to vote files by pair,
   and each vote file is added up alone;
3. **align**: the pairs, in the in-memory order, are aligned in the pool; each worker
   reads the documents it needs from the store (a few recent ones cached); the parent
   writes the passages to a second store and keeps them light (spans and scores, without
   segments and edits) for attribution, ordering and clusters.

The result's documents and passages stay in their stores (`StoredDocuments`,
`StoredPassages`) until the result goes, read back as they are needed.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from variorum.align import align_self
from variorum.engine.plan import align_documents, unique_ids
from variorum.engine.pool import run_chunks, run_paired
from variorum.engine.stored import (
    DocumentWriter,
    PassageWriter,
    StoredAnalysed,
    StoredDocuments,
    make_folder,
    pack,
    remove_folder,
)
from variorum.errors import OptionError
from variorum.index import ngram_hashes
from variorum.index.candidates import as_pairs, combine, posting_votes
from variorum.index.weights import FloatArray, Weights
from variorum.options import Options
from variorum.text.normalize import IntArray
from variorum.text.tokenize import Analysed, HashArray, Tokens, tokenize
from variorum.types import Document, Passage, Progress
from variorum.work import chunked
from variorum.work import context as worker_context

_POSTING = np.dtype([("h", "<u8"), ("d", "<u4")])
_VOTE = np.dtype([("k", "<i8"), ("v", "<f8")])
# Posting files, chosen by an n-gram hash's top bits (a power of two).
_POSTING_BITS = 6
_POSTING_FILES = 1 << _POSTING_BITS
_VOTE_FILES = 16
# A batch read ends at this many documents or characters, whichever comes first.
_BATCH_DOCS = 128
_BATCH_CHARS = 2_000_000
_PAIR_CHUNK = 128
_BITS_CACHED = 64


class _Files:
    """Numbered append-only files of fixed-size records."""

    def __init__(self, folder: str, name: str, count: int, dtype: np.dtype[Any]) -> None:
        self._paths = [os.path.join(folder, f"{name}-{n:03d}.bin") for n in range(count)]
        self._dtype = dtype

    def spread(self, records: npt.NDArray[Any], parts: IntArray) -> None:
        """Append each record to file `parts[k]`, in the records' order."""
        order = np.argsort(parts, kind="stable")
        records, parts = records[order], parts[order]
        bounds = np.searchsorted(parts, np.arange(len(self._paths) + 1))
        for n, (lo, hi) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)):
            if hi > lo:
                with open(self._paths[n], "ab") as f:
                    records[lo:hi].tofile(f)

    def take(self, n: int) -> npt.NDArray[Any]:
        """File n's records, and the file gone."""
        path = self._paths[n]
        if not os.path.exists(path):
            return np.zeros(0, dtype=self._dtype)
        records = np.fromfile(path, dtype=self._dtype)
        os.remove(path)
        return records


class _Counts:
    """Word counts added up batch by batch (merged when the parts outgrow the whole)."""

    def __init__(self) -> None:
        self.keys: HashArray = np.zeros(0, dtype=np.uint64)
        self.counts: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._parts: list[tuple[HashArray, npt.NDArray[np.int64]]] = []
        self._size = 0

    def add(self, keys: HashArray, counts: npt.NDArray[np.int64]) -> None:
        self._parts.append((keys, counts))
        self._size += len(keys)
        if self._size > max(len(self.keys), 1 << 20):
            self._merge()

    def _merge(self) -> None:
        keys = np.concatenate([self.keys, *(k for k, _ in self._parts)])
        counts = np.concatenate([self.counts, *(c for _, c in self._parts)])
        self.keys, inverse = np.unique(keys, return_inverse=True)
        self.counts = np.zeros(len(self.keys), dtype=np.int64)
        np.add.at(self.counts, inverse, counts)
        self._parts, self._size = [], 0

    def weights(self) -> Weights:
        self._merge()
        return Weights.from_counts(self.keys, self.counts)


# What the pool gives back for a batch of texts: their tokens, their distinct n-grams,
# which of them repeat an n-gram, and the batch's word counts.
_Analysis = tuple[list[Tokens], list[HashArray], list[bool], HashArray, npt.NDArray[np.int64]]


def _analyse_chunk(docs: Sequence[Document]) -> _Analysis:
    n = worker_context()["ngram"]
    tokens = [tokenize(d.text) for d in docs]
    grams = [ngram_hashes(t.hashes, n) for t in tokens]
    distinct = [np.unique(g) for g in grams]
    repeated = [len(d) < len(g) for d, g in zip(distinct, grams, strict=True)]
    words = [t.hashes for t in tokens if len(t)]
    if words:
        keys, counts = np.unique(np.concatenate(words), return_counts=True)
    else:
        keys, counts = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return tokens, distinct, repeated, keys, counts.astype(np.int64)


class _Collection:
    """What the parent keeps while the documents stream by."""

    def __init__(self, folder: str) -> None:
        self.writer = DocumentWriter(os.path.join(folder, "documents.sqlite"))
        self.postings = _Files(folder, "postings", _POSTING_FILES, _POSTING)
        self.counts = _Counts()
        self.ids: list[str] = []
        self.repeated: list[int] = []

    def batches(self, docs: Iterable[Document]) -> Iterator[list[Document]]:
        """The documents in batches of `_BATCH_DOCS` or `_BATCH_CHARS`; ids checked."""
        batch: list[Document] = []
        size = 0
        for doc in unique_ids(docs):
            self.ids.append(doc.id)
            batch.append(doc)
            size += len(doc.text)
            if len(batch) >= _BATCH_DOCS or size >= _BATCH_CHARS:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch

    def store(self, docs: Sequence[Document], analysis: _Analysis) -> None:
        tokens, distinct, repeated, keys, counts = analysis
        base = self.writer.count
        self.writer.add([Analysed(d, t) for d, t in zip(docs, tokens, strict=True)])
        self.repeated.extend(base + k for k, r in enumerate(repeated) if r)
        self.counts.add(keys, counts)
        if distinct:
            hashes = np.concatenate(distinct)
            records = np.empty(len(hashes), dtype=_POSTING)
            records["h"] = hashes
            records["d"] = np.repeat(np.arange(base, base + len(docs)), [len(d) for d in distinct])
            parts = (hashes >> np.uint64(64 - _POSTING_BITS)).astype(np.int64)
            self.postings.spread(records, parts)


def _candidates(
    collection: _Collection, folder: str, opts: Options
) -> list[tuple[int, int, float]]:
    """The candidate pairs of the posting files, as candidate_pairs finds them."""
    n_docs = len(collection.ids)
    votes = _Files(folder, "votes", _VOTE_FILES, _VOTE)
    for n in range(_POSTING_FILES):
        records = collection.postings.take(n)
        order = np.argsort(records["h"], kind="stable")
        hashes, docs = records["h"][order], records["d"][order].astype(np.int64)
        del records, order
        for keys, weights in posting_votes(hashes, docs, n_docs=n_docs, max_df=opts.max_df):
            found = np.empty(len(keys), dtype=_VOTE)
            found["k"], found["v"] = keys, weights
            votes.spread(found, keys % _VOTE_FILES)
    kept_keys: list[IntArray] = []
    kept_totals: list[FloatArray] = []
    for n in range(_VOTE_FILES):
        records = votes.take(n)
        keys, totals = combine([records["k"]], [records["v"]])
        keep = totals >= opts.min_shared - 1e-9
        kept_keys.append(keys[keep])
        kept_totals.append(totals[keep])
    keys = np.concatenate(kept_keys)
    order = np.argsort(keys)
    totals = np.concatenate(kept_totals)[order]
    return as_pairs(keys[order], totals, n_docs=n_docs, min_shared=opts.min_shared)


def scan_stored(
    docs: Iterable[Document],
    opts: Options,
    *,
    processes: int,
    folder: str | None,
    report: Progress,
) -> tuple[StoredDocuments, PassageWriter]:
    """The documents and their passages, both kept in stores in a new folder under `folder`.

    `report(stage, done, total)` hears of the progress. The passages are those the
    in-memory scan finds before attribution (see `local.finish`), in the same order.
    """
    try:
        tmp = make_folder(folder)
    except OSError as exc:
        msg = f"{folder}: cannot make the scan's temporary folder there ({exc.strerror})"
        raise OptionError(msg) from exc
    try:
        collection = _Collection(tmp)
        context = {"ngram": opts.ngram}
        for batch, analysis in run_paired(
            _analyse_chunk, collection.batches(docs), processes=processes, context=context
        ):
            collection.store(batch, analysis)
            report("analyse", collection.writer.count, 0)
        collection.writer.close()
        stored = StoredDocuments(tmp, collection.writer.path, collection.ids)
        pairs = _candidates(collection, tmp, opts)
        report("index", len(pairs), len(pairs))
        found = PassageWriter(os.path.join(tmp, "passages.sqlite"))
        _align(
            found,
            stored.analysed,
            pairs,
            collection.repeated,
            collection.counts,
            opts,
            report,
            processes,
        )
    except BaseException:
        remove_folder(tmp)
        raise
    return stored, found


def _align(
    found: PassageWriter,
    analysed: StoredAnalysed,
    pairs: list[tuple[int, int, float]],
    repeated: list[int],
    counts: _Counts,
    opts: Options,
    say: Progress,
    processes: int,
) -> None:
    context = {"analysed": analysed, "weights": counts.weights(), "opts": opts}
    aligned = 0
    for chunk_found, size in run_chunks(
        _align_chunk, chunked(pairs, _PAIR_CHUNK), processes=processes, context=context
    ):
        found.add(chunk_found)
        aligned += size
        say("align", aligned, len(pairs))
    if opts.repetitions:
        for chunk_found in run_chunks(
            _repeat_chunk, chunked(repeated, _PAIR_CHUNK), processes=processes, context=context
        ):
            found.add(chunk_found)


_RECENT_BITS: OrderedDict[tuple[str, int], FloatArray] = OrderedDict()


def _bits(analysed: StoredAnalysed, n: int, weights: Weights) -> FloatArray:
    """Document n's cumulative word information, kept for the last few documents."""
    key = (analysed.path, n)
    if key in _RECENT_BITS:
        _RECENT_BITS.move_to_end(key)
        return _RECENT_BITS[key]
    bits = weights.prefix(analysed[n].tokens.hashes)
    _RECENT_BITS[key] = bits
    if len(_RECENT_BITS) > _BITS_CACHED:
        _RECENT_BITS.popitem(last=False)
    return bits


def _align_chunk(
    pairs: Sequence[tuple[int, int, float]],
) -> tuple[list[tuple[Passage, bytes]], int]:
    ctx = worker_context()
    analysed: StoredAnalysed = ctx["analysed"]
    weights: Weights = ctx["weights"]
    found: list[Passage] = []
    for i, j, _ in pairs:
        bits = (_bits(analysed, i, weights), _bits(analysed, j, weights))
        found.extend(align_documents(analysed[i], analysed[j], ctx["opts"], bits))
    return pack(found), len(pairs)


def _repeat_chunk(docs: Sequence[int]) -> list[tuple[Passage, bytes]]:
    ctx = worker_context()
    analysed: StoredAnalysed = ctx["analysed"]
    found: list[Passage] = []
    for d in docs:
        found.extend(align_self(analysed[d], ctx["opts"], _bits(analysed, d, ctx["weights"])))
    return pack(found)
