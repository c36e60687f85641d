"""Sentence alignment by meaning: passages of paraphrase, re-translation and translation.

Each document is cut into sentences and embedded; a local, monotone dynamic program over
the sentence similarity matrix (in the spirit of vecalign and Bertalign) finds runs of
corresponding sentences with beads 1-1, 2-1, 1-2 and 2-2 and skipped sentences. Local,
not global: one text may have a long preface the other lacks. Each run is a passage whose
segments are its beads.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from variorum.embed.encoder import Encoder, Vectors
from variorum.text.resources import CLAUSE
from variorum.text.tokenize import Analysed, sentences, trailing_end
from variorum.types import Span

FloatMatrix = npt.NDArray[np.float64]

# Beads: (sentences of a, sentences of b). Multi-sentence beads pay a little, so that a
# 1-1 bead wins a tie.
_BEADS = ((1, 1), (2, 1), (1, 2), (2, 2))
_MULTI_COST = 0.05
_SKIP = 0.25
_NEIGHBOURS = 4
_LONG_SENTENCE = 80
# With clauses (two known versions aligned), a sentence of more than _CLAUSED words is cut
# after its clause marks (; : line ends) into pieces of _CLAUSE_PIECE words or more: one
# KJV sentence of three verses, joined by colons, is three units, as its translation's
# three sentences are.
_CLAUSED = 30
_CLAUSE_PIECE = 12
_PIECE = 60
# In a scan, a sentence of more than _JOINED words is cut where a colon or semicolon joins
# what reads as a sentence of its own (a capitalised word follows, not "I"), into pieces
# of _JOINED_PIECE words or more. The KJV joins verses so ("...my kinsmen according to the
# flesh: Who are Israelites; ...", three verses in 68 words), and a verse quoted alone in
# a novel, or in a version that gives it a sentence of its own, is like its piece more
# than the whole (Romans 9:3 in French: 0.62 against 0.44). Clause marks alone cut too
# much (see docs/benchmarks.md).
_JOINED = 40
_JOINED_PIECE = 8
# The dynamic program keeps a few matrices of this many cells (sentences of a times
# sentences of b); beyond it the pair is left to the lexical layer.
MAX_CELLS = 25_000_000
# Embedding runs at about 900 sentences a second on one core: past this many sentences in
# one document, the sentence layer would dominate the run.
MAX_UNITS = 20_000
_MARGIN_WEIGHT = 4.0
_MIN_MARGIN = 0.02
_NONE = -1
_RECENT_RUNS = 4096
_RECENT: OrderedDict[tuple[bytes, bytes, float, float, int], list[list[Bead]]] = OrderedDict()


@dataclass(frozen=True, slots=True)
class Units:
    """A document's sentences: their spans, word counts and unit vectors, and in a
    collection each one's row in the collection's vectors (see align/discover.py)."""

    spans: list[Span]
    words: list[int]
    vectors: Vectors
    rows: npt.NDArray[np.int64] | None = None


@dataclass(frozen=True, slots=True)
class Bead:
    """Sentences [a0, a1) of one document matched with [b0, b1) of the other."""

    a0: int
    a1: int
    b0: int
    b1: int
    similarity: float


def unit_spans(
    analysed: Analysed, *, clauses: bool = False, joins: bool = False
) -> tuple[list[Span], list[int]]:
    """Sentences (one of more than 80 words cut into pieces of at most 60) and their words;
    with `clauses`, a sentence of more than `_CLAUSED` words is cut at its clauses first;
    with `joins`, one of more than `_JOINED` words where it joins sentences (`joined_cuts`)."""
    toks, text = analysed.tokens, analysed.doc.text
    spans: list[Span] = []
    words: list[int] = []
    limit = _CLAUSED if clauses else _JOINED if joins else _LONG_SENTENCE
    for s in sentences(analysed):
        first = int(np.searchsorted(toks.starts, s.start))
        stop = int(np.searchsorted(toks.starts, s.end))
        if stop - first <= limit:
            spans.append(s)
            words.append(stop - first)
            continue
        if clauses:
            cuts = clause_cuts(toks.breaks, first, stop, _CLAUSE_PIECE)
        elif joins:
            cuts = joined_cuts(analysed, first, stop)
        else:
            cuts = []
        for c_first, c_stop in pairwise([first, *cuts, stop]):
            c_start = s.start if c_first == first else int(toks.starts[c_first])
            c_end = (
                s.end
                if c_stop == stop
                else trailing_end(text, int(toks.ends[c_stop - 1]), int(toks.starts[c_stop]))
            )
            if c_stop - c_first <= _LONG_SENTENCE:
                spans.append(Span(s.doc, c_start, c_end))
                words.append(c_stop - c_first)
                continue
            for lo in range(c_first, c_stop, _PIECE):
                hi = min(c_stop, lo + _PIECE)
                start = c_start if lo == c_first else int(toks.starts[lo])
                end = c_end if hi == c_stop else int(toks.ends[hi - 1])
                spans.append(Span(s.doc, start, end))
                words.append(hi - lo)
    return spans, words


def joined_cuts(analysed: Analysed, first: int, stop: int) -> list[int]:
    """Where tokens [first, stop) are cut after a colon or semicolon that a capitalised
    word other than "I" follows (`clause_cuts` of those marks), each piece of
    `_JOINED_PIECE` words or more."""
    toks, text = analysed.tokens, analysed.doc.text

    def joins(k: int) -> bool:
        mark = text[int(toks.ends[k]) : int(toks.starts[k + 1])]
        word = text[int(toks.starts[k + 1]) : int(toks.ends[k + 1])]
        return (":" in mark or ";" in mark) and word[:1].isupper() and word != "I"

    return clause_cuts(toks.breaks, first, stop, _JOINED_PIECE, where=joins)


def clause_cuts(
    breaks: npt.NDArray[np.int8],
    first: int,
    stop: int,
    least: int,
    level: int = CLAUSE,
    where: Callable[[int], bool] | None = None,
) -> list[int]:
    """Where tokens [first, stop) are cut after their clause marks (; : line ends), or
    their marks of `level` or stronger (those after the tokens `where` accepts, if
    given): the first token of each piece after the first, each piece of at least
    `least` words."""
    cuts: list[int] = []
    lo = first
    for k in (first + np.flatnonzero(breaks[first : max(first, stop - 1)] >= level)).tolist():
        if k + 1 - lo >= least and stop - (k + 1) >= least and (where is None or where(k)):
            cuts.append(k + 1)
            lo = k + 1
    return cuts


def units(
    analysed: Analysed, enc: Encoder, spans: tuple[list[Span], list[int]] | None = None
) -> Units:
    """A document's sentence units with their vectors."""
    found, words = spans or unit_spans(analysed)
    text = analysed.doc.text
    vectors = enc.encode([" ".join(text[s.start : s.end].split()) for s in found])
    return Units(found, words, vectors)


def together(x: Vectors, y: Vectors) -> Vectors:
    """The unit vector (or vectors, row by row) of sentences `x` and `y` taken together,
    as a two-sentence bead reads them: the sum of their vectors."""
    joined = x + y
    norms = np.linalg.norm(joined, axis=-1, keepdims=True)
    out: Vectors = (joined / np.where(norms > 0, norms, 1.0)).astype(np.float32)
    return out


def _pairs(v: Vectors) -> Vectors:
    """Unit vectors of each two adjacent sentences taken together."""
    if len(v) < 2:
        return np.zeros((0, v.shape[1]), dtype=np.float32)
    return together(v[:-1], v[1:])


def _neighbourhood(sim: FloatMatrix, axis: int) -> FloatMatrix:
    """Mean similarity of each sentence to its nearest sentences in the other document."""
    k = min(_NEIGHBOURS, sim.shape[axis])
    top = -np.sort(-sim, axis=axis).take(np.arange(k), axis=axis)
    out: FloatMatrix = top.mean(axis=axis)
    return out


def _bead_scores(a: Vectors, b: Vectors, threshold: float) -> dict[tuple[int, int], FloatMatrix]:
    """Score of each bead shape starting at (i, j), per sentence it covers.

    A bead scores its similarity above `threshold`, but only as far as it stands out from
    the two sentences' nearest neighbours in the other document (margin scoring): text
    the model cannot read (lists of names, garbage) looks alike everywhere, and a
    sentence close to everything says nothing about any one of them.
    """
    a2, b2 = _pairs(a), _pairs(b)
    sims = {
        (1, 1): (a @ b.T).astype(np.float64),
        (2, 1): (a2 @ b.T).astype(np.float64),
        (1, 2): (a @ b2.T).astype(np.float64),
        (2, 2): (a2 @ b2.T).astype(np.float64),
    }
    near_a = {1: _neighbourhood(sims[(1, 1)], 1), 2: _neighbourhood(sims[(2, 1)], 1)}
    near_b = {1: _neighbourhood(sims[(1, 1)], 0), 2: _neighbourhood(sims[(1, 2)], 0)}
    out = {}
    for (ka, kb), sim in sims.items():
        weight = (ka + kb) / 2
        cost = _MULTI_COST if (ka, kb) != (1, 1) else 0.0
        background = (near_a[ka][:, None] + near_b[kb][None, :]) / 2
        margin = sim - background - _MIN_MARGIN
        out[(ka, kb)] = (np.minimum(sim - threshold, margin * _MARGIN_WEIGHT) - cost) * weight
    return out


def _fill(
    scores: dict[tuple[int, int], FloatMatrix], n: int, m: int
) -> tuple[FloatMatrix, npt.NDArray[np.int8]]:
    """Local alignment scores H[i, j] (a[:i], b[:j] consumed) and the move that made each."""
    h = np.zeros((n + 1, m + 1))
    move = np.full((n + 1, m + 1), _NONE, dtype=np.int8)
    cols = np.arange(m + 1, dtype=np.float64)
    for i in range(1, n + 1):
        options = [np.zeros(m + 1)]  # start afresh
        for ka, kb in _BEADS:
            opt = np.full(m + 1, -np.inf)
            if i >= ka and m >= kb:
                s = scores[(ka, kb)]
                opt[kb:] = h[i - ka, : m + 1 - kb] + s[i - ka, : m + 1 - kb]
            options.append(opt)
        options.append(h[i - 1] - _SKIP)  # skip a sentence of a
        stacked = np.vstack(options)
        best = stacked.argmax(axis=0)
        vertical = stacked.max(axis=0)
        # Skipping sentences of b: h[i, j] = max(v[j], h[i, j-1] - skip), a running max.
        ramp = vertical + _SKIP * cols
        row = np.maximum.accumulate(ramp) - _SKIP * cols
        h[i] = row
        move[i] = np.where(row > vertical + 1e-12, len(options), best - 1)
    return h, move


def _trace(
    h: FloatMatrix, move: npt.NDArray[np.int8], i: int, j: int, sims: FloatMatrix
) -> list[Bead]:
    beads: list[Bead] = []
    while i > 0 and j > 0 and h[i, j] > 0:
        k = int(move[i, j])
        if k == _NONE:
            break
        if k < len(_BEADS):
            ka, kb = _BEADS[k]
            sim = float(sims[i - ka : i, j - kb : j].max())
            beads.append(Bead(i - ka, i, j - kb, j, sim))
            i, j = i - ka, j - kb
        elif k == len(_BEADS):
            i -= 1
        else:
            j -= 1
    beads.reverse()
    return beads


def align_units(
    x: Units, y: Units, *, threshold: float, min_score: float, limit: int = 50
) -> list[list[Bead]]:
    """Runs of corresponding sentences, best first, no sentence used twice.

    The runs depend on the vectors only: a scan aligns many pairs whose sentences share
    their vectors (twins, see align/discover.py), so recent answers are kept.
    """
    n, m = len(x.spans), len(y.spans)
    if n == 0 or m == 0:
        return []
    key = (_digest(x.vectors), _digest(y.vectors), threshold, min_score, limit)
    if key in _RECENT:
        return list(_RECENT[key])
    runs = _align(x, y, n, m, threshold=threshold, min_score=min_score, limit=limit)
    _RECENT[key] = runs
    if len(_RECENT) > _RECENT_RUNS:
        _RECENT.popitem(last=False)
    return list(runs)


def _digest(vectors: Vectors) -> bytes:
    return hashlib.blake2b(np.ascontiguousarray(vectors).tobytes(), digest_size=16).digest()


def _align(
    x: Units, y: Units, n: int, m: int, *, threshold: float, min_score: float, limit: int
) -> list[list[Bead]]:
    scores = _bead_scores(x.vectors, y.vectors, threshold)
    sims = (x.vectors @ y.vectors.T).astype(np.float64)
    runs: list[list[Bead]] = []
    for _ in range(limit):
        h, move = _fill(scores, n, m)
        i, j = np.unravel_index(int(h.argmax()), h.shape)
        if h[i, j] < min_score:
            break
        beads = _trace(h, move, int(i), int(j), sims)
        if not beads:
            break
        runs.append(beads)
        a0, a1, b0, b1 = beads[0].a0, beads[-1].a1, beads[0].b0, beads[-1].b1
        for shape, s in scores.items():
            s[max(0, a0 - shape[0] + 1) : a1, :] = -np.inf
            s[:, max(0, b0 - shape[1] + 1) : b1] = -np.inf
    return runs
