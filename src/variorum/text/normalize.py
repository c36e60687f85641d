"""Matching-side normalisation that keeps a map back to the original offsets.

The normalised text is for matching only: NFKC, case folding, diacritics folded,
typographic quotes, dashes, ellipses and special spaces unified, LaTeX quotes made plain,
words hyphenated across a line end joined, older spellings read as today's
(text/orthography.py). `OffsetMap` turns any normalised offset back
into an offset of the original text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from variorum.text.orthography import modern_word
from variorum.text.resources import QUOTES_DASHES, SPECIAL

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class OffsetMap:
    """Piecewise map from normalised to original offsets.

    Piece k covers normalised `[norm[k], norm[k+1])` and original `[orig[k], orig[k+1])`.
    An exact piece maps character by character; a changed piece (its length differs)
    maps its inside to its start for span starts and to its end for span ends.
    """

    norm: IntArray
    orig: IntArray
    exact: npt.NDArray[np.bool_]

    def starts(self, positions: IntArray) -> IntArray:
        """Original offsets of span starts."""
        return self._map(positions, end=False)

    def ends(self, positions: IntArray) -> IntArray:
        """Original offsets of span ends (exclusive)."""
        return self._map(positions, end=True)

    def _map(self, positions: IntArray, *, end: bool) -> IntArray:
        # m: the last piece boundary at or before each position. At a boundary, the
        # original offset is the one after any pieces that normalised to nothing
        # (combining marks, soft hyphens), so a span end takes them in.
        m = np.searchsorted(self.norm, positions, side="right") - 1
        m = np.clip(m, 0, len(self.norm) - 1)
        at_boundary = self.norm[m] == positions
        k = np.minimum(m, len(self.exact) - 1)
        shifted = self.orig[k] + (positions - self.norm[k])
        collapsed = self.orig[k + 1] if end else self.orig[k]
        inside: IntArray = np.where(self.exact[k], shifted, collapsed)
        out: IntArray = np.where(at_boundary, self.orig[m], inside)
        return out


@lru_cache(maxsize=1 << 16)
def _fold(piece: str, *, fold_diacritics: bool) -> str:
    piece = unicodedata.normalize("NFKC", piece)
    if fold_diacritics:
        piece = "".join(
            c for c in unicodedata.normalize("NFKD", piece) if not unicodedata.combining(c)
        )
        piece = unicodedata.normalize("NFC", piece)
    return modern_word(piece.casefold().translate(QUOTES_DASHES))


def _one_to_one(original: str, replaced: str, *, fold_diacritics: bool) -> bool:
    """Whether a run of characters folded to `replaced` maps to `original` character by
    character: as long, and each of its characters folding to one (a run where a soft
    hyphen is dropped and a ß made "ss" is as long by chance)."""
    if len(replaced) != len(original):
        return False
    return replaced == original.lower() or all(
        len(_fold(c, fold_diacritics=fold_diacritics)) == 1 for c in set(original)
    )


@dataclass(frozen=True, slots=True, eq=False)
class Normalized:
    text: str
    offsets: OffsetMap


def normalize(text: str, *, fold_diacritics: bool = True) -> Normalized:
    """Normalise `text` for matching, keeping the offset map."""
    parts: list[str] = []
    norm: list[int] = [0]
    orig: list[int] = [0]
    exact: list[bool] = []
    n_pos = 0
    o_pos = 0

    def piece(original: str, replaced: str, one_to_one: bool | None = None) -> None:
        nonlocal n_pos, o_pos
        same_length = len(replaced) == len(original) if one_to_one is None else one_to_one
        if same_length and exact and exact[-1]:
            pass  # extend the open exact piece
        elif exact and norm[-1] == n_pos and orig[-1] == o_pos:
            exact[-1] = same_length  # replace an empty open piece
        else:
            if exact:
                norm.append(n_pos)
                orig.append(o_pos)
            exact.append(same_length)
        parts.append(replaced)
        n_pos += len(replaced)
        o_pos += len(original)

    last = 0
    for m in SPECIAL.finditer(text):
        if m.start() > last:
            plain = text[last : m.start()]
            piece(plain, plain.lower())
        found = m.group()
        one_to_one = None  # as long as before: character by character
        if m.lastgroup == "hyphen":
            replaced = ""
        elif m.lastgroup == "latex":
            replaced = '"' if len(found) == 2 else "'"
        else:
            replaced = _fold(found, fold_diacritics=fold_diacritics)
            one_to_one = _one_to_one(found, replaced, fold_diacritics=fold_diacritics)
        piece(found, replaced, one_to_one)
        last = m.end()
    if last < len(text):
        plain = text[last:]
        piece(plain, plain.lower())
    if not exact:
        exact.append(True)
    norm.append(n_pos)
    orig.append(o_pos)
    return Normalized(
        "".join(parts),
        OffsetMap(np.array(norm, dtype=np.int64), np.array(orig, dtype=np.int64), np.array(exact)),
    )
