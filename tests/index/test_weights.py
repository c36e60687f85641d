"""A collection's words weighed by how often they occur and by how many documents use them."""

from __future__ import annotations

import numpy as np

from variorum.index.weights import WordCounts, counted
from variorum.text.tokenize import tokenize


def _counted(texts: list[str], batch: int) -> WordCounts:
    counts = WordCounts()
    for at in range(0, len(texts), batch):
        hashes = [tokenize(t).hashes for t in texts[at : at + batch]]
        counts.add(*counted(hashes), len(hashes))
    return counts


def test_a_word_weighs_by_how_few_documents_use_it_however_they_are_batched() -> None:
    """Of four documents: "the" in all (nothing), "moses" in two (one bit), "elizabeth"
    in one (nothing: no part of what documents share), whatever the batches."""
    texts = ["the moses the moses", "the moses", "the elizabeth", "the end"]
    words = tokenize("the moses elizabeth").hashes
    for batch in (1, 3, 4):
        counts = _counted(texts, batch)
        assert counts.documents == 4
        assert counts.spread().of(words).tolist() == [0.0, 1.0, 0.0]
        # how often each word occurs is counted as before: "the" 5 times of 10 words
        assert counts.weights().of(words)[0] == np.log2(10 / 5)
