"""The scan out of core: a collection larger than memory kept in a folder on disk.

`OnDisk` keeps for the scan's plan (engine/local.py) what `InMemory` keeps in memory, and
the plan finds the same passages with either. In memory stay only the documents' ids,
the collection's word counts (one entry per distinct word), the candidate pairs, the few
batches in flight and the passages found, light (spans and scores, without segments and
edits). The rest lives in a temporary folder:

1. **documents**: each document read is written with its tokens to a SQLite store; each
   distinct n-gram of it goes to one of `_POSTING_FILES` posting files chosen by the
   n-gram's hash;
2. **candidate pairs**: an n-gram's postings are all in one file, so each file is sorted
   and voted on alone (as `candidate_pairs` votes); the votes go to vote files by pair,
   and each vote file is added up alone;
3. **passages**: workers read the documents of their pairs from the store (a few recent
   ones cached) and hand the passages over pickled; they are written to a second store.

The result's documents and passages stay in their stores (`StoredDocuments`,
`StoredPassages`) until the result goes, read back as they are needed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from variorum.engine.plan import Analysis, Pair, batches, unique_ids
from variorum.engine.stored import (
    DocumentWriter,
    PassageWriter,
    StoredAnalysed,
    StoredDocuments,
    pack,
    remove_folder,
)
from variorum.errors import OptionError
from variorum.index.candidates import as_pairs, combine, posting_votes
from variorum.index.weights import FloatArray, WordCounts
from variorum.mapped import mapped
from variorum.options import Options
from variorum.scratch import make_folder
from variorum.text.normalize import IntArray
from variorum.text.tokenize import Analysed
from variorum.types import Document, Passage
from variorum.work import Runner

_POSTING = np.dtype([("h", "<u8"), ("d", "<u4")])
_VOTE = np.dtype([("k", "<i8"), ("v", "<f8")])
# Posting files, chosen by an n-gram hash's top bits (a power of two).
_POSTING_BITS = 6
_POSTING_FILES = 1 << _POSTING_BITS
_VOTE_FILES = 16
# A batch read ends at this many documents or characters, whichever comes first.
_BATCH_DOCS = 128
_BATCH_CHARS = 2_000_000
# A worker keeps the word information of this many recent documents.
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


class OnDisk:
    """The collection and its passages in a new temporary folder under `parent`."""

    packs = True
    cached: int | None = _BITS_CACHED

    def __init__(self, parent: str | None) -> None:
        try:
            self.folder = make_folder(parent)
        except OSError as exc:
            msg = f"{parent}: cannot make the scan's temporary folder there ({exc.strerror})"
            raise OptionError(msg) from exc
        try:
            self._writer = DocumentWriter(os.path.join(self.folder, "documents.sqlite"))
            self._passages = PassageWriter(os.path.join(self.folder, "passages.sqlite"))
        except BaseException:
            remove_folder(self.folder)
            raise
        self.postings = _Files(self.folder, "postings", _POSTING_FILES, _POSTING)
        self.counts = WordCounts()
        self.ids: list[str] = []
        self.repeated: list[int] = []
        self._stored: StoredDocuments | None = None

    def _ids(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in unique_ids(docs):
            self.ids.append(doc.id)
            yield doc

    def read(
        self, docs: Iterable[Document], runner: Runner
    ) -> tuple[Iterator[Sequence[Document]], Runner]:
        return batches(self._ids(docs), _BATCH_DOCS, _BATCH_CHARS), runner

    def store(self, docs: Sequence[Document], analysis: Analysis) -> None:
        tokens, distinct, repeated, keys, counts, using = analysis
        base = self._writer.count
        self._writer.add([Analysed(d, t) for d, t in zip(docs, tokens, strict=True)])
        self.repeated.extend(base + k for k, r in enumerate(repeated) if r)
        self.counts.add(keys, counts, using, len(docs))
        if distinct:
            hashes = np.concatenate(distinct)
            records = np.empty(len(hashes), dtype=_POSTING)
            records["h"] = hashes
            records["d"] = np.repeat(np.arange(base, base + len(docs)), [len(d) for d in distinct])
            parts = (hashes >> np.uint64(64 - _POSTING_BITS)).astype(np.int64)
            self.postings.spread(records, parts)

    def sealed(self) -> None:
        self._writer.close()
        self._stored = StoredDocuments(self.folder, self._writer.path, self.ids)

    @property
    def documents(self) -> StoredDocuments:
        if self._stored is None:
            raise RuntimeError("the documents are not all in yet")
        return self._stored

    @property
    def analysed(self) -> StoredAnalysed:
        return self.documents.analysed

    @property
    def found(self) -> list[Passage]:
        return self._passages.light

    def candidates(self, opts: Options) -> list[Pair]:
        return _candidates(self, opts)

    def add(self, found: list[Any]) -> None:
        self._passages.add(found)

    def whole(self, chosen: Sequence[Passage]) -> Sequence[Passage]:
        return self._passages.stored(chosen, self.documents)

    def matrix(self, rows: int, columns: int) -> npt.NDArray[np.float32]:
        return mapped(os.path.join(self.folder, "vectors.f32"), (rows, columns), np.float32)

    def put(self, passages: list[Passage]) -> list[Passage]:
        self._passages.add(pack(passages))
        return self._passages.light[len(self._passages.light) - len(passages) :]

    def discard(self) -> None:
        remove_folder(self.folder)


def _candidates(collection: OnDisk, opts: Options) -> list[Pair]:
    """The candidate pairs of the posting files, as candidate_pairs finds them."""
    n_docs = len(collection.ids)
    votes = _Files(collection.folder, "votes", _VOTE_FILES, _VOTE)
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
