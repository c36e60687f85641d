"""The steps every engine shares: one pair's plan (`compare`), and how a scan ends.

Every executor (memory, pool, disk, Spark) aligns a pair with `align_documents`, checks
ids with `unique_ids`, and hands what it found to `finish` (or, on Spark, to the same
per-document steps): attribution, the output order (`passage_order`), quotations and
clusters are decided here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import combinations
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from variorum.align import align_pair, align_self
from variorum.align.attribute import best_links, homes
from variorum.align.clusters import clusters
from variorum.errors import InputError, OptionError
from variorum.index.weights import FloatArray, Weights, WordCounts
from variorum.ingest import read_document
from variorum.options import Options
from variorum.text.tokenize import Analysed, HashArray, Tokens, analyse
from variorum.types import Document, Passage, Quotation, Result, by_id, ids_of
from variorum.work import Runner

Source = Document | str | os.PathLike[str]
# What the runner gives back for a batch of documents: their tokens, their distinct
# n-grams, which of them repeat an n-gram, and the batch's words (distinct hashes, sorted),
# how often each occurs and in how many of the batch's documents.
Analysis = tuple[
    list[Tokens],
    list[HashArray],
    list[bool],
    HashArray,
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
]
Pair = tuple[int, int, float]


class Keeper(Protocol):
    """Where a scan keeps the collection and what it finds (memory, or a folder on disk)."""

    counts: WordCounts
    repeated: list[int]  # documents that repeat an n-gram, to align with themselves
    packs: bool  # whether workers hand passages over pickled, for a store
    cached: int | None  # documents whose word information a worker keeps (None: all)

    @property
    def analysed(self) -> Sequence[Analysed]: ...
    @property
    def documents(self) -> Sequence[Document]: ...
    @property
    def found(self) -> list[Passage]: ...  # the passages so far, light where stored

    def read(
        self, docs: Iterable[Document], runner: Runner
    ) -> tuple[Iterator[Sequence[Document]], Runner]:
        """The documents in batches (ids checked), and the runner to analyse them with."""
        ...

    def store(self, docs: Sequence[Document], analysis: Analysis) -> None: ...
    def sealed(self) -> None:
        """All documents are in."""
        ...

    def candidates(self, opts: Options) -> list[Pair]: ...
    def add(self, found: list[Any]) -> None: ...
    def whole(self, chosen: Sequence[Passage]) -> Sequence[Passage]:
        """The full passages of these found ones (with segments and edits), in order."""
        ...

    def matrix(self, rows: int, columns: int) -> npt.NDArray[np.float32]:
        """A new array of zeros for the collection's sentence vectors (in memory, or in
        a file the keeper maps: see variorum.mapped)."""
        ...

    def put(self, passages: list[Passage]) -> list[Passage]:
        """Keep more passages, found after the rest; the same ones as found would hold."""
        ...

    def discard(self) -> None:
        """The scan failed: let go of what it kept."""
        ...


def batches(docs: Iterable[Document], most_docs: int, most_chars: int) -> Iterator[list[Document]]:
    """The documents in batches of at most `most_docs` documents or `most_chars` characters."""
    batch: list[Document] = []
    size = 0
    for doc in docs:
        batch.append(doc)
        size += len(doc.text)
        if len(batch) >= most_docs or size >= most_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# In a scan, a paraphrase in one language needs this mean sentence similarity (see
# align_meaning): many more pairs are tried, and sibling chapters tell similar stories.
SCAN_PARAPHRASE = 0.8


def _document(source: Source) -> Document:
    return source if isinstance(source, Document) else read_document(source)


def align_documents(
    x: Analysed, y: Analysed, opts: Options, bits: tuple[FloatArray, FloatArray]
) -> list[Passage]:
    """Passages between two documents, independent of which one is given first.

    `bits` are the two documents' cumulative word information (Weights.prefix).
    """
    if (y.doc.text, y.doc.id) < (x.doc.text, x.doc.id):
        return [p.swapped() for p in align_pair(y, x, opts, (bits[1], bits[0]))]
    return align_pair(x, y, opts, bits)


def passage_order(ra: int, rb: int, p: Passage) -> tuple[int, int, int, int, int, int]:
    """Where a passage stands in a result: by the ranks of its a and b documents (their
    order of reading), then its spans; every engine breaks the ties in the order found."""
    return (ra, rb, p.a.start, p.b.start, p.a.end, p.b.end)


def _order(passages: Iterable[Passage], rank: dict[str, int]) -> tuple[Passage, ...]:
    return tuple(sorted(passages, key=lambda p: passage_order(rank[p.a.doc], rank[p.b.doc], p)))


def compare(a: Source, b: Source, options: Options | None = None) -> Result:
    """Align two documents (paths or Documents): every passage they share.

    With `options.repetitions`, passages repeated inside either document are reported too.
    """
    opts = (options or Options()).resolved(scan=False)
    doc_a, doc_b = _document(a), _document(b)
    if doc_a.id == doc_b.id:
        msg = f"{doc_a.id}: compare needs two different documents"
        raise OptionError(msg)
    x, y = analyse(doc_a), analyse(doc_b)
    weights = Weights.count([x.tokens.hashes, y.tokens.hashes])
    bx, by = weights.prefix(x.tokens.hashes), weights.prefix(y.tokens.hashes)
    found = align_documents(x, y, opts, (bx, by))
    if opts.semantic:
        from variorum.align.meaning import align_meaning  # noqa: PLC0415  (loads a model)

        found = align_meaning(x, y, opts, found)
    if opts.repetitions:
        found += align_self(x, opts, bx) + align_self(y, opts, by)
    passages = _order(found, {doc_a.id: 0, doc_b.id: 1})
    return Result((doc_a, doc_b), passages, opts, quotations_of([doc_a, doc_b], passages, opts))


def quotations_of(
    docs: Sequence[Document], passages: Sequence[Passage], opts: Options
) -> tuple[Quotation, ...]:
    if not opts.quotes:
        return ()
    from variorum.quotes.provenance import link  # noqa: PLC0415

    return tuple(link(docs, passages))


def unique_ids(docs: Iterable[Document]) -> Iterator[Document]:
    """The documents, as they come; InputError at the first id already seen."""
    seen: set[str] = set()
    for d in docs:
        if d.id in seen:
            raise InputError(d.id, "two documents have this id; ids must be unique in a scan")
        seen.add(d.id)
        yield d


def finish(
    docs: Sequence[Document],
    found: list[Passage],
    opts: Options,
    analysed: Sequence[Analysed],
    spread: Weights,
) -> Result:
    """A scan's result from the passages its engine found, in the order they were found.

    Shared by every engine: attribution (unless `all_links`; `analysed`, the documents'
    tokens in their order, and `spread`, the collection's words weighed by how few
    documents use them, see WordCounts.spread), the output order, quotations and
    clusters.
    """
    documents = by_id(docs)
    number = {d: n for n, d in enumerate(ids_of(docs))}
    if not opts.all_links:
        found = best_links(found, homes(lambda doc: analysed[number[doc]], spread.of))
    passages = _order(found, number)
    groups = tuple(clusters(passages, documents)) if opts.clusters else ()
    kept = tuple(docs) if isinstance(docs, list) else docs
    return Result(kept, passages, opts, quotations_of(docs, passages, opts), groups)


def trace(docs: Sequence[Document], options: Options | None = None) -> list[Quotation]:
    """The quotations of every document, linked across documents, citations carried over.

    Each pair of documents is compared to find the passages that link them.
    """
    from variorum.quotes.provenance import link  # noqa: PLC0415

    # The comparisons need not list quotations themselves: link() does, once.
    opts = replace(options or Options(), quotes=False)
    passages = [p for x, y in combinations(docs, 2) for p in compare(x, y, opts).passages]
    return link(docs, passages)
