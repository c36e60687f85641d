"""Discovery by meaning in a collection: document pairs that share sentences in other words.

Every sentence of the collection is embedded; nearest neighbours come from exact blocked
matrix products, or past 20,000 sentences an inverted-file index (index/neighbours.py).
Two sentences of different documents are linked when each is among the other's nearest
neighbours (mutual neighbours resist "hub" sentences close to everything) and their
similarity clears the bar; a document pair linked by enough sentences is aligned by
meaning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from variorum.align.sentences import unit_spans
from variorum.embed import encoder
from variorum.index.neighbours import neighbours
from variorum.options import Options
from variorum.text.tokenize import Analysed

_MIN_WORDS = 5  # shorter sentences are formulae ("And he said unto them,")
_NEIGHBOURS = 5
_MIN_LINKS = 2
_DISCOVERY_MARGIN = 0.1  # discovery asks for more similarity than alignment


def meaning_pairs(analysed: Sequence[Analysed], opts: Options) -> list[tuple[int, int]]:
    """Document pairs (i < j) linked by at least two mutually nearest sentences."""
    owners: list[int] = []
    texts: list[str] = []
    for d, x in enumerate(analysed):
        spans, words = unit_spans(x)
        for span, count in zip(spans, words, strict=True):
            if count >= _MIN_WORDS:
                owners.append(d)
                texts.append(" ".join(x.doc.text[span.start : span.end].split()))
    if len(texts) < 2:
        return []
    vectors = encoder().encode(texts)
    nearest, best = neighbours(vectors, np.array(owners, dtype=np.int64), _NEIGHBOURS)
    bar = opts.similarity + _DISCOVERY_MARGIN
    votes: Counter[tuple[int, int]] = Counter()
    for u in range(len(texts)):
        for v, sim in zip(nearest[u].tolist(), best[u].tolist(), strict=True):
            if u < v and sim >= bar and u in nearest[v]:  # v == -1 (none) fails u < v
                pair = (min(owners[u], owners[v]), max(owners[u], owners[v]))
                votes[pair] += 1
    return sorted(pair for pair, n in votes.items() if n >= _MIN_LINKS)
