"""The local engine: the stages in one process (or a pool), over a pair or a collection."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from variorum.align import align_self
from variorum.engine.plan import (
    SCAN_PARAPHRASE,
    Source,
    align_documents,
    compare,
    finish,
    quotations_of,
    unique_ids,
)
from variorum.engine.pool import cores, run_chunks, runner
from variorum.index import candidate_pairs, ngram_hashes
from variorum.index.ngrams import has_repeats
from variorum.index.weights import FloatArray, Weights
from variorum.ingest import OnError, read_documents
from variorum.options import Options
from variorum.text.tokenize import Analysed, Tokens, tokenize
from variorum.types import Document, Passage, Progress, Result
from variorum.work import chunked
from variorum.work import context as worker_context

__all__ = ["compare", "scan"]


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""


def _documents(sources: Iterable[Source], on_error: OnError | None) -> Iterator[Document]:
    paths: list[str | os.PathLike[str]] = []
    for s in sources:
        if isinstance(s, Document):
            yield from read_documents(paths, on_error=on_error)
            paths = []
            yield s
        else:
            paths.append(s)
    yield from read_documents(paths, on_error=on_error)


def _check_ids(docs: Sequence[Document]) -> None:
    for _ in unique_ids(docs):
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
    report = progress or _quiet
    if stream or stream_dir is not None:
        return _scan_streamed(_documents(sources, on_error), opts, report, stream_dir)
    docs: list[Document] = []
    for doc in _documents(sources, on_error):
        docs.append(doc)
        if len(docs) % 1000 == 0:
            report("read", len(docs), 0)
    _check_ids(docs)
    report("read", len(docs), len(docs))
    processes = cores(opts.jobs)
    chars = sum(len(d.text) for d in docs)
    analysed: list[Analysed] = []
    use = processes if chars >= _PARALLEL_CHARS else 1
    texts = [d.text for d in docs]
    for chunk in run_chunks(_tokenize_chunk, chunked(texts, _DOC_CHUNK), processes=use, context={}):
        base = len(analysed)
        analysed.extend(Analysed(docs[base + k], t) for k, t in enumerate(chunk))
        report("analyse", len(analysed), len(docs))
    ngrams = [ngram_hashes(x.tokens.hashes, opts.ngram) for x in analysed]
    pairs = candidate_pairs(ngrams, max_df=opts.max_df, min_shared=opts.min_shared)
    report("index", len(pairs), len(pairs))
    weights = Weights.count([x.tokens.hashes for x in analysed])
    bits = [weights.prefix(x.tokens.hashes) for x in analysed]
    context = {"analysed": analysed, "bits": bits, "opts": opts}
    use = processes if len(pairs) >= _PARALLEL_PAIRS else 1
    found: list[Passage] = []
    aligned = 0
    for chunk_found, chunk_size in run_chunks(
        _align_chunk, chunked(pairs, _PAIR_CHUNK), processes=use, context=context
    ):
        found.extend(chunk_found)
        aligned += chunk_size
        report("align", aligned, len(pairs))
    if opts.repetitions:
        repeated = [d for d, g in enumerate(ngrams) if has_repeats(g)]
        use = processes if len(repeated) >= _PARALLEL_PAIRS else 1
        for chunk_found in run_chunks(
            _repeat_chunk, chunked(repeated, _PAIR_CHUNK), processes=use, context=context
        ):
            found.extend(chunk_found)
    if opts.semantic:
        found = _by_meaning(analysed, found, opts, report, processes)
    return finish(docs, found, opts)


def _scan_streamed(
    docs: Iterable[Document], opts: Options, report: Progress, folder: str | None
) -> Result:
    """`scan` with the documents and passages kept on disk (see engine.stream)."""
    from variorum.engine.stream import scan_stored  # noqa: PLC0415

    processes = cores(opts.jobs)
    stored, written = scan_stored(docs, opts, processes=processes, folder=folder, report=report)
    if opts.semantic:  # the semantic layer takes the passages in memory
        lexical = list(written.stored(written.light, stored))
        return finish(stored, _by_meaning(stored.analysed, lexical, opts, report, processes), opts)
    light = finish(stored, written.light, replace(opts, quotes=False))
    passages = written.stored(light.passages, stored)
    quotations = quotations_of(stored, passages, opts)
    return replace(light, passages=passages, options=opts, quotations=quotations)


_PARALLEL_CHARS = 2_000_000
_PARALLEL_PAIRS = 256
_DOC_CHUNK = 128
_PAIR_CHUNK = 128


def _by_meaning(
    analysed: Sequence[Analysed],
    lexical: Sequence[Passage],
    opts: Options,
    report: Progress,
    processes: int,
) -> list[Passage]:
    """All passages, those of the pairs that discovery links by meaning extended or joined."""
    from variorum.align.discover import discover  # noqa: PLC0415  (loads a model)

    index = {x.doc.id: n for n, x in enumerate(analysed)}
    by_pair: dict[tuple[int, int], list[Passage]] = {}
    others: list[Passage] = []
    for p in lexical:
        i, j = index[p.a.doc], index[p.b.doc]
        if i == j:
            others.append(p)
        else:
            by_pair.setdefault((min(i, j), max(i, j)), []).append(p if i <= j else p.swapped())
    found = discover(analysed, lexical, opts, runner=runner(processes), report=report)
    context = {"analysed": analysed, "units": found.units, "opts": opts, "by_pair": by_pair}
    # Pairs that lead first; the pairs they stand for only where a lead found something.
    wanted = set(found.pairs)
    first = [p for p in found.pairs if p in found.leads[p]]
    fruitful: set[tuple[int, int]] = set()
    done = 0
    for pair, passages in _align_by_meaning(first, context, processes):
        if passages != by_pair.get(pair, []):
            fruitful.add(pair)
        by_pair[pair] = passages
        done += 1
        report("meaning", done, len(found.pairs))
    tried = set(first)
    second = [
        p
        for p in found.pairs
        if p not in tried and any(lead in fruitful or lead not in wanted for lead in found.leads[p])
    ]
    for pair, passages in _align_by_meaning(second, context, processes):
        by_pair[pair] = passages
        done += 1
        report("meaning", done, len(found.pairs))
    return others + [p for passages in by_pair.values() for p in passages]


def _align_by_meaning(
    pairs: Sequence[tuple[int, int]], context: dict[str, object], processes: int
) -> Iterator[tuple[tuple[int, int], list[Passage]]]:
    use = processes if len(pairs) >= _PARALLEL_PAIRS else 1
    # Pairs that share their second document side by side: their first documents are
    # often twins of each other, which the sentence aligner answers from memory.
    ordered = sorted(pairs, key=lambda p: (p[1], p[0]))
    for chunk in run_chunks(
        _meaning_chunk, chunked(ordered, _PAIR_CHUNK), processes=use, context=context
    ):
        yield from chunk


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
            ),
        )
        for i, j in pairs
    ]


def _tokenize_chunk(texts: Sequence[str]) -> list[Tokens]:
    return [tokenize(t) for t in texts]


def _align_chunk(pairs: Sequence[tuple[int, int, float]]) -> tuple[list[Passage], int]:
    ctx = worker_context()
    analysed: list[Analysed] = ctx["analysed"]
    bits: list[FloatArray] = ctx["bits"]
    found: list[Passage] = []
    for i, j, _ in pairs:
        found.extend(align_documents(analysed[i], analysed[j], ctx["opts"], (bits[i], bits[j])))
    return found, len(pairs)


def _repeat_chunk(docs: Sequence[int]) -> list[Passage]:
    ctx = worker_context()
    analysed: list[Analysed] = ctx["analysed"]
    bits: list[FloatArray] = ctx["bits"]
    return [p for d in docs for p in align_self(analysed[d], ctx["opts"], bits[d])]
