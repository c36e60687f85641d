"""Tokens, sentence and paragraph boundaries, with offsets into the original text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from variorum.text.layout import paragraph_ends
from variorum.text.normalize import IntArray, normalize
from variorum.text.resources import BOUNDARY, CLAUSE, PARAGRAPH, SENTENCE, TOKEN, TRAILING
from variorum.types import Document, Span

HashArray = npt.NDArray[np.uint64]
_CHUNK = 1 << 16
_STRENGTH = {"para": PARAGRAPH, "sent": SENTENCE, "clause": CLAUSE}


@lru_cache(maxsize=1 << 18)
def token_hash(word: str) -> int:
    """A stable 64-bit hash of a normalised word, the same in every process and run."""
    return int.from_bytes(
        hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )


@dataclass(frozen=True, slots=True, eq=False)
class Tokens:
    """The words of one document.

    `starts`/`ends` are original offsets; `hashes` identify the normalised word;
    `breaks[t]` is the strength of the boundary after token t (0 none, 1 clause or
    line, 2 sentence, 3 paragraph).
    """

    starts: IntArray
    ends: IntArray
    hashes: HashArray
    breaks: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.starts)


@dataclass(frozen=True, slots=True, eq=False)
class Analysed:
    """A document with its tokens: what the index and the aligner work on."""

    doc: Document
    tokens: Tokens


def tokenize(text: str) -> Tokens:
    """Tokenise `text` on its normalised form; every offset points into `text` itself."""
    norm = normalize(text)
    starts: list[IntArray] = []
    ends: list[IntArray] = []
    hashes: list[HashArray] = []
    words: list[str] = []
    n_starts: list[int] = []
    n_ends: list[int] = []

    def flush() -> None:
        starts.append(norm.offsets.starts(np.array(n_starts, dtype=np.int64)))
        ends.append(norm.offsets.ends(np.array(n_ends, dtype=np.int64)))
        hashes.append(np.fromiter(map(token_hash, words), dtype=np.uint64, count=len(words)))
        words.clear()
        n_starts.clear()
        n_ends.clear()

    # In chunks, so that a huge document never holds all its words as Python strings.
    for m in TOKEN.finditer(norm.text):
        words.append(m.group())
        n_starts.append(m.start())
        n_ends.append(m.end())
        if len(words) >= _CHUNK:
            flush()
    flush()
    s, e, h = _disjoint(np.concatenate(starts), np.concatenate(ends), np.concatenate(hashes))
    return Tokens(s, e, h, _breaks(text, s, e))


def _disjoint(
    starts: IntArray, ends: IntArray, hashes: HashArray
) -> tuple[IntArray, IntArray, HashArray]:
    """Merge tokens whose original spans overlap.

    One original character can normalise to several words ("¼" to "1", a fraction
    slash, "4"); its tokens then share their original span, and become one token.
    """
    if len(starts) < 2 or not bool(np.any(starts[1:] < ends[:-1])):
        return starts, ends, hashes
    keep_s: list[int] = []
    keep_e: list[int] = []
    keep_h: list[int] = []
    for st, en, h in zip(starts.tolist(), ends.tolist(), hashes.tolist(), strict=True):
        if keep_e and st < keep_e[-1]:
            keep_e[-1] = max(keep_e[-1], en)
            keep_h[-1] = token_hash(f"{keep_h[-1]}+{h}")
        else:
            keep_s.append(st)
            keep_e.append(en)
            keep_h.append(h)
    return (
        np.array(keep_s, dtype=np.int64),
        np.array(keep_e, dtype=np.int64),
        np.array(keep_h, dtype=np.uint64),
    )


def _breaks(text: str, starts: IntArray, ends: IntArray) -> npt.NDArray[np.int8]:
    breaks = np.zeros(len(starts), dtype=np.int8)
    if len(starts) < 2:
        return breaks
    positions: list[int] = []
    strengths: list[int] = []
    lo, hi = int(ends[0]), int(starts[-1])
    for m in BOUNDARY.finditer(text, lo, hi):
        positions.append(m.start())
        strengths.append(_STRENGTH[m.lastgroup or "clause"])
    # A line break ends a paragraph where the text puts a paragraph on each line (or
    # indents the first line of each) rather than blank lines between them.
    for at in paragraph_ends(text, lo, hi):
        positions.append(at)
        strengths.append(PARAGRAPH)
    if not positions:
        return breaks
    pos = np.array(positions, dtype=np.int64)
    before = np.searchsorted(starts, pos, side="right") - 1
    in_gap = pos >= ends[before]  # punctuation inside a token (none today) is no boundary
    np.maximum.at(breaks, before[in_gap], np.array(strengths, dtype=np.int8)[in_gap])
    return breaks


def analyse(doc: Document) -> Analysed:
    return Analysed(doc, tokenize(doc.text))


def trailing_end(text: str, end: int, limit: int) -> int:
    """Extend a span end over the punctuation glued to it (stops, closing quotes)."""
    m = TRAILING.match(text, end, limit)
    return m.end() if m else end


def comma_before(analysed: Analysed, k: int) -> bool:
    """Whether a comma stands between token k - 1 and token k (0 < k < len(tokens))."""
    toks = analysed.tokens
    return "," in analysed.doc.text[int(toks.ends[k - 1]) : int(toks.starts[k])]


def capitalised(text: str, start: int) -> bool:
    """Whether the word at `start` is set with a capital: a capital, then a small letter
    (not "I", not a word in capitals). After a comma, a unit the typesetting marks inside
    a sentence: a verse of the KJV ("Jerah, And Hadoram"), a line of verse run on ("upon
    the earth, And to rule")."""
    head = text[start : start + 2]
    return len(head) == 2 and head[0].isupper() and head[1].islower()


def units(analysed: Analysed, level: int) -> list[Span]:
    """Sentences (level 2) or paragraphs (level 3) as spans of the original text."""
    toks = analysed.tokens
    text = analysed.doc.text
    out: list[Span] = []
    first = 0
    cuts = np.flatnonzero(toks.breaks >= level).tolist()
    n = len(toks)
    for last in [*cuts, n - 1]:
        if last < first or n == 0:
            continue
        limit = int(toks.starts[last + 1]) if last + 1 < n else len(text)
        end = trailing_end(text, int(toks.ends[last]), limit)
        out.append(Span(analysed.doc.id, int(toks.starts[first]), end))
        first = last + 1
    return out


def sentences(analysed: Analysed) -> list[Span]:
    return units(analysed, SENTENCE)


def paragraphs(analysed: Analysed) -> list[Span]:
    return units(analysed, PARAGRAPH)
