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
        return cls(keys, np.log2(total / counts), float(np.log2(total + 1.0)))

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
