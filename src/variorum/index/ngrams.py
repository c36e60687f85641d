"""Hashed word n-grams over token hashes."""

from __future__ import annotations

import numpy as np

from variorum.text.tokenize import HashArray

_MULT = np.uint64(0x9E3779B97F4A7C15)


def ngram_hashes(hashes: HashArray, n: int) -> HashArray:
    """Hash of every run of `n` consecutive tokens (position-sensitive, stable across runs)."""
    count = len(hashes) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = hashes[:count].copy()
    for t in range(1, n):
        out *= _MULT
        out ^= hashes[t : t + count]
    return out
