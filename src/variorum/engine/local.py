"""The scan on this machine: one plan, the collection kept in memory or on disk.

The plan is written once: read and analyse the documents in batches, count their words,
vote on candidate pairs from their n-gram postings, align the pairs (and each document
with itself), align by meaning, then `finish`. Where it runs is the runner's choice (this
process, or a pool of `options.jobs` workers); where the collection is kept is the
keeper's: `InMemory` here, or `OnDisk` (engine/stream.py) for collections larger than
memory. Neither decides what is computed: the passages are the same in every case.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from variorum.align import align_self
from variorum.engine.plan import (
    SCAN_PARAPHRASE,
    Analysis,
    Keeper,
    Pair,
    Source,
    align_documents,
    compare,
    finish,
    quotations_of,
    unique_ids,
)
from variorum.engine.pool import cores, runner
from variorum.index import candidate_pairs, ngram_hashes
from variorum.index.weights import FloatArray, Weights, WordCounts, counted
from variorum.ingest import OnError, read_documents
from variorum.options import Options
from variorum.scratch import stops_deferred
from variorum.text.tokenize import Analysed, HashArray, tokenize
from variorum.types import Document, Passage, Progress, Result, ids_of
from variorum.work import Runner, chunked, chunked_stream, enough, run
from variorum.work import context as worker_context

__all__ = ["InMemory", "compare", "scan"]


class InMemory:
    """The collection and its passages in memory."""

    packs = False
    cached: int | None = None

    def __init__(self) -> None:
        self.counts = WordCounts()
        self.repeated: list[int] = []
        self._docs: list[Document] = []
        self._analysed: list[Analysed] = []
        self._grams: list[HashArray] = []
        self._found: list[Passage] = []

    @property
    def analysed(self) -> Sequence[Analysed]:
        return self._analysed

    @property
    def documents(self) -> Sequence[Document]:
        return self._docs

    @property
    def found(self) -> list[Passage]:
        return self._found

    def read(
        self, docs: Iterable[Document], runner: Runner
    ) -> tuple[Iterator[Sequence[Document]], Runner]:
        self._docs = list(unique_ids(list(docs)))
        chars = sum(len(d.text) for d in self._docs)
        return chunked(self._docs, _DOC_CHUNK), enough(runner, chars, _PARALLEL_CHARS)

    def store(self, docs: Sequence[Document], analysis: Analysis) -> None:
        tokens, distinct, repeated, keys, counts, using = analysis
        base = len(self._analysed)
        self._analysed.extend(Analysed(d, t) for d, t in zip(docs, tokens, strict=True))
        self._grams.extend(distinct)
        self.repeated.extend(base + k for k, r in enumerate(repeated) if r)
        self.counts.add(keys, counts, using, len(docs))

    def sealed(self) -> None:
        pass

    def candidates(self, opts: Options) -> list[Pair]:
        grams, self._grams = self._grams, []
        return candidate_pairs(grams, max_df=opts.max_df, min_shared=opts.min_shared)

    def add(self, found: list[Any]) -> None:
        self._found.extend(found)

    def whole(self, chosen: Sequence[Passage]) -> Sequence[Passage]:
        return chosen

    def matrix(self, rows: int, columns: int) -> npt.NDArray[np.float32]:
        return np.zeros((rows, columns), dtype=np.float32)

    def put(self, passages: list[Passage]) -> list[Passage]:
        return passages

    def discard(self) -> None:
        pass


def scan(
    sources: Iterable[Source],
    options: Options | None = None,
    progress: Progress | None = None,
    on_error: OnError | None = None,
    *,
    stream: bool = False,
    stream_dir: str | None = None,
) -> Result:
    """Find every passage shared between documents of a collection (and inside each one).

    `sources` are Documents, files, folders, globs or JSON Lines corpora. A source that
    cannot be read raises InputError, unless `on_error` takes it (to skip and go on).
    The stages run in `options.jobs` processes; the result does not depend on how many.

    With `stream` (or a `stream_dir`), the documents stream through a temporary store
    on disk (in `stream_dir`, else the system's temporary folder) instead of memory, for
    collections larger than memory: same passages, and the result's documents are read
    back from the store on demand (see engine.stream).
    """
    opts = (options or Options()).resolved(scan=True)
    keep: Keeper = InMemory()
    try:
        if stream or stream_dir is not None:
            from variorum.engine.stream import OnDisk  # noqa: PLC0415

            # Ctrl-C or SIGTERM arrives once the folder on disk is made and kept here,
            # so that it goes whenever the signal comes: just after the folder appeared,
            # it was made but not yet known to anyone that would remove it.
            with stops_deferred():
                keep = OnDisk(stream_dir)
        return run_plan(read_documents(sources, on_error=on_error), keep, opts, progress)
    except BaseException:
        keep.discard()
        raise


def run_plan(
    docs: Iterable[Document],
    keep: Keeper,
    opts: Options,
    progress: Progress | None = None,
    pool: Runner | None = None,
) -> Result:
    """The scan's plan, the collection kept by `keep`, its work run by `pool` (default:
    `opts.jobs` processes here; Spark passes its own)."""
    report: Progress = progress or (lambda stage, done, total: None)
    pool = pool or runner(cores(opts.jobs))
    read, use = keep.read(docs, pool)
    analysed = 0
    for batch, analysis in use.paired(_analyse_chunk, read, {"ngram": opts.ngram}):
        keep.store(batch, analysis)
        analysed += len(batch)
        report("analyse", analysed, 0)
    keep.sealed()
    weights = keep.counts.weights()
    opts = opts.semantic_for(keep.counts.total).short_for(weights.mean)
    pairs = keep.candidates(opts)
    report("index", len(pairs), len(pairs))
    context = {
        "analysed": keep.analysed,
        "weights": weights,
        "opts": opts,
        "scan": uuid.uuid4().hex,  # what the workers' caches know this scan's documents by
        "packs": keep.packs,
        "cached": keep.cached,
    }
    aligned = 0
    use = enough(pool, len(pairs), _PARALLEL_PAIRS)
    for found, size in run(use, _align_chunk, chunked(pairs, _PAIR_CHUNK), context):
        keep.add(found)
        aligned += size
        report("align", aligned, len(pairs))
    if opts.repetitions:
        use = enough(pool, len(keep.repeated), _PARALLEL_PAIRS)
        for found in run(use, _repeat_chunk, chunked(keep.repeated, _PAIR_CHUNK), context):
            keep.add(found)
    _RECENT_BITS.clear()  # what this process kept of the collection (workers are gone)
    found = _by_meaning(keep, opts, report, pool) if opts.semantic else keep.found
    light = finish(
        keep.documents, found, replace(opts, quotes=False), keep.analysed, keep.counts.spread()
    )
    passages = keep.whole(light.passages)
    quotations = quotations_of(keep.documents, passages, opts)
    return replace(light, passages=passages, options=opts, quotations=quotations)


_PARALLEL_CHARS = 2_000_000
_PARALLEL_PAIRS = 256
_DOC_CHUNK = 128
_PAIR_CHUNK = 128


def _analyse_chunk(docs: Sequence[Document]) -> Analysis:
    n = worker_context()["ngram"]
    tokens = [tokenize(d.text) for d in docs]
    grams = [ngram_hashes(t.hashes, n) for t in tokens]
    distinct = [np.unique(g) for g in grams]
    repeated = [len(d) < len(g) for d, g in zip(distinct, grams, strict=True)]
    return tokens, distinct, repeated, *counted([t.hashes for t in tokens])


# A worker's word information of recent documents, by (scan, document number).
_RECENT_BITS: OrderedDict[tuple[str, int], FloatArray] = OrderedDict()


def _bits(n: int) -> FloatArray:
    """Document n's cumulative word information, kept for the last few documents."""
    ctx = worker_context()
    key = (ctx["scan"], n)
    if key in _RECENT_BITS:
        _RECENT_BITS.move_to_end(key)
        return _RECENT_BITS[key]
    weights: Weights = ctx["weights"]
    bits = weights.prefix(ctx["analysed"][n].tokens.hashes)
    _RECENT_BITS[key] = bits
    if ctx["cached"] is not None and len(_RECENT_BITS) > ctx["cached"]:
        _RECENT_BITS.popitem(last=False)
    return bits


def _found(passages: list[Passage]) -> list[Any]:
    if not worker_context()["packs"]:
        return passages
    from variorum.engine.stored import pack  # noqa: PLC0415

    return pack(passages)


def _align_chunk(pairs: Sequence[Pair]) -> tuple[list[Any], int]:
    ctx = worker_context()
    analysed: Sequence[Analysed] = ctx["analysed"]
    found: list[Passage] = []
    for i, j, _ in pairs:
        found.extend(align_documents(analysed[i], analysed[j], ctx["opts"], (_bits(i), _bits(j))))
    return _found(found), len(pairs)


def _repeat_chunk(docs: Sequence[int]) -> list[Any]:
    ctx = worker_context()
    analysed: Sequence[Analysed] = ctx["analysed"]
    return _found([p for d in docs for p in align_self(analysed[d], ctx["opts"], _bits(d))])


def _by_meaning(keep: Keeper, opts: Options, report: Progress, pool: Runner) -> list[Passage]:
    """All passages (as the keeper keeps them), those of the pairs that discovery links by
    meaning extended or joined, those of the others run on to their sentences' edges,
    each pair's oriented from its first document.

    The full lexical passages are read back from the keeper as they are needed (twice in
    order by discovery, then those of the pairs to align, then the others'), never all
    held at once.
    """
    from variorum.align.discover import discover  # noqa: PLC0415  (loads a model)

    analysed = keep.analysed
    index = {d: n for n, d in enumerate(ids_of(keep.documents))}
    light = list(keep.found)
    lexical = keep.whole(light)
    # Each pair's passages (by position), pairs in the order they first come.
    order: dict[tuple[int, int], list[int]] = {}
    others: list[int] = []
    for k, p in enumerate(light):
        i, j = index[p.a.doc], index[p.b.doc]
        if i == j:
            others.append(k)
        else:
            order.setdefault((min(i, j), max(i, j)), []).append(k)

    def oriented(k: int) -> Passage:
        p = lexical[k]
        return p if index[p.a.doc] <= index[p.b.doc] else p.swapped()

    found = discover(analysed, lexical, opts, runner=pool, report=report, matrix=keep.matrix)
    by_pair = {pair: [oriented(k) for k in order.get(pair, [])] for pair in found.pairs}
    context = {
        "analysed": analysed,
        "units": found.units,
        "opts": opts,
        "by_pair": by_pair,
        "sole": found.sole,
        "split": found.split,
    }
    # Pairs that lead first; the pairs they stand for only where a lead found something.
    wanted = set(found.pairs)
    first = [p for p in found.pairs if p in found.leads[p]]
    fruitful: set[tuple[int, int]] = set()
    done = 0
    # Each aligned pair's passages, kept by the keeper as they come (light where stored).
    aligned: dict[tuple[int, int], list[Passage]] = {}
    for pair, passages in _align_by_meaning(first, context, pool):
        if passages != by_pair.get(pair, []):
            fruitful.add(pair)
        aligned[pair] = keep.put(passages)
        done += 1
        report("meaning", done, len(found.pairs))
    tried = set(first)
    second = [
        p
        for p in found.pairs
        if p not in tried and any(lead in fruitful or lead not in wanted for lead in found.leads[p])
    ]
    for pair, passages in _align_by_meaning(second, context, pool):
        aligned[pair] = keep.put(passages)
        done += 1
        report("meaning", done, len(found.pairs))
    del by_pair, context["by_pair"]
    # The other pairs' passages run on to their sentences' edges (align_meaning does so
    # for the pairs it aligns), each chunk with its pairs' passages, read as it is drawn;
    # the pairs where that changed something take the new ones.
    rest = [pair for pair in order if pair not in aligned]
    items = ((pair, [oriented(k) for k in order[pair]]) for pair in rest)
    use = enough(pool, len(rest), _PARALLEL_PAIRS)
    for chunk in run(use, _edges_chunk, chunked_stream(items, _PAIR_CHUNK), context):
        for pair, passages in chunk:
            aligned[pair] = keep.put(passages)
    del rest, context
    out = [light[k] for k in others]
    for pair, ks in order.items():
        if pair in aligned:
            out.extend(aligned.pop(pair))
            continue
        for k in ks:
            p = light[k]
            if index[p.a.doc] <= index[p.b.doc]:
                out.append(p)
            else:  # turned to face its pair's order, as the aligned pairs' passages do
                out.extend(keep.put([lexical[k].swapped()]))
    for passages in aligned.values():  # pairs with no lexical passage
        out.extend(passages)
    return out


def _align_by_meaning(
    pairs: Sequence[tuple[int, int]], context: dict[str, object], pool: Runner
) -> Iterator[tuple[tuple[int, int], list[Passage]]]:
    # Pairs that share their second document side by side: their first documents are
    # often twins of each other, which the sentence aligner answers from memory.
    ordered = sorted(pairs, key=lambda p: (p[1], p[0]))
    use = enough(pool, len(pairs), _PARALLEL_PAIRS)
    for chunk in run(use, _meaning_chunk, chunked(ordered, _PAIR_CHUNK), context):
        yield from chunk


def _edges_chunk(
    pairs: Sequence[tuple[tuple[int, int], list[Passage]]],
) -> list[tuple[tuple[int, int], list[Passage]]]:
    """Of these pairs (each with its lexical passages), those whose passages
    `to_sentence_edges` changes, with the new ones."""
    from variorum.align.meaning import to_sentence_edges  # noqa: PLC0415

    ctx = worker_context()
    analysed: Sequence[Analysed] = ctx["analysed"]
    units = ctx["units"]
    out = []
    for (i, j), lexical in pairs:
        passages = to_sentence_edges(
            analysed[i], analysed[j], ctx["opts"], lexical, (units[i], units[j])
        )
        if passages != lexical:
            out.append(((i, j), passages))
    return out


def _meaning_chunk(
    pairs: Sequence[tuple[int, int]],
) -> list[tuple[tuple[int, int], list[Passage]]]:
    from variorum.align.meaning import align_meaning  # noqa: PLC0415

    ctx = worker_context()
    analysed: Sequence[Analysed] = ctx["analysed"]
    units = ctx["units"]
    by_pair: dict[tuple[int, int], list[Passage]] = ctx["by_pair"]
    return [
        (
            (i, j),
            align_meaning(
                analysed[i],
                analysed[j],
                ctx["opts"],
                by_pair.get((i, j), []),
                paraphrase_bar=SCAN_PARAPHRASE,
                embedded=(units[i], units[j]),
                sole=ctx["sole"],
                split=ctx["split"],
            ),
        )
        for i, j in pairs
    ]
