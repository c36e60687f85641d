"""How informative each word is: self-information from the collection's word counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from variorum.text.tokenize import HashArray

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class Weights:
    """Word hash -> bits of information, -log2 of the word's share of all words counted.

    Frequent words ("and", "the") weigh little, names and content words much; a match on
    them is better evidence of reuse.
    """

    keys: HashArray
    bits: FloatArray
    unseen: float
    mean: float = 0.0  # the bits of a word of the collection, on average

    @classmethod
    def count(cls, streams: Sequence[HashArray]) -> Weights:
        parts = [s for s in streams if len(s)]
        if not parts:
            return cls(np.zeros(0, dtype=np.uint64), np.zeros(0), 1.0)
        keys, counts = np.unique(np.concatenate(parts), return_counts=True)
        return cls.from_counts(keys, counts)

    @classmethod
    def from_counts(cls, keys: HashArray, counts: npt.NDArray[np.int64]) -> Weights:
        """Weights from distinct word hashes, sorted, and how often each was counted."""
        if len(keys) == 0:
            return cls(np.zeros(0, dtype=np.uint64), np.zeros(0), 1.0)
        total = float(counts.sum())
        bits = np.log2(total / counts)
        mean = float(np.dot(counts, bits) / total)
        return cls(keys, bits, float(np.log2(total + 1.0)), mean)

    def of(self, hashes: HashArray) -> FloatArray:
        """Bits of each token of a stream."""
        if len(self.keys) == 0:
            return np.full(len(hashes), self.unseen)
        at = np.clip(np.searchsorted(self.keys, hashes), 0, len(self.keys) - 1)
        found = self.keys[at] == hashes
        out: FloatArray = np.where(found, self.bits[at], self.unseen)
        return out

    def prefix(self, hashes: HashArray) -> FloatArray:
        """Cumulative bits, so that the weight of tokens [i, j) is prefix[j] - prefix[i]."""
        out: FloatArray = np.concatenate(([0.0], np.cumsum(self.of(hashes))))
        return out


def counted(
    streams: Sequence[HashArray],
) -> tuple[HashArray, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The distinct words of a batch of documents' word streams (hashes, sorted), how
    often each occurs, and in how many of the documents (what `WordCounts.add` takes)."""
    parts = [s for s in streams if len(s)]
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=np.uint64), empty, empty
    keys, counts = np.unique(np.concatenate(parts), return_counts=True)
    # each document's words once: how many of the documents use each word
    _, using = np.unique(np.concatenate([np.unique(s) for s in parts]), return_counts=True)
    return keys, counts.astype(np.int64), using.astype(np.int64)


class WordCounts:
    """A collection's word counts, added up batch by batch (merged when the parts outgrow
    the whole): a scan keeps one entry per distinct word, not its documents. Each word is
    counted twice: how often it occurs, and in how many documents."""

    def __init__(self) -> None:
        self.keys: HashArray = np.zeros(0, dtype=np.uint64)
        self.counts: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self.using: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._parts: list[tuple[HashArray, npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
        self._size = 0
        self.total = 0  # words counted
        self.documents = 0  # documents counted

    def add(
        self,
        keys: HashArray,
        counts: npt.NDArray[np.int64],
        using: npt.NDArray[np.int64],
        documents: int,
    ) -> None:
        """Add a batch of `documents` documents: its distinct words (`keys`), how often
        each occurs (`counts`) and in how many of the documents (`using`)."""
        self._parts.append((keys, counts, using))
        self.total += int(counts.sum())
        self.documents += documents
        self._size += len(keys)
        if self._size > max(len(self.keys), 1 << 20):
            self._merge()

    def _merge(self) -> None:
        keys = np.concatenate([self.keys, *(k for k, _, _ in self._parts)])
        counts = np.concatenate([self.counts, *(c for _, c, _ in self._parts)])
        using = np.concatenate([self.using, *(u for _, _, u in self._parts)])
        self.keys, inverse = np.unique(keys, return_inverse=True)
        self.counts = _summed(inverse, counts, len(self.keys))
        self.using = _summed(inverse, using, len(self.keys))
        self._parts, self._size = [], 0

    def weights(self) -> Weights:
        """Each word's information by its share of all words counted."""
        self._merge()
        return Weights.from_counts(self.keys, self.counts)

    def spread(self) -> Weights:
        """Each word's information by the share of the documents that use it: log2 of the
        documents counted over those using it, where two documents use it at least (0
        for a word every document uses; 0 too for a word of one document, or none, which
        is no part of what documents share)."""
        self._merge()
        documents = max(self.documents, 1)
        bits = np.where(self.using > 1, np.log2(documents / np.maximum(self.using, 1)), 0.0)
        return Weights(self.keys, bits, 0.0)


def _summed(
    inverse: npt.NDArray[np.intp], values: npt.NDArray[np.int64], size: int
) -> npt.NDArray[np.int64]:
    """`values` added up by their place in `inverse` (np.unique's), `size` places."""
    out = np.zeros(size, dtype=np.int64)
    np.add.at(out, inverse, values)
    return out
