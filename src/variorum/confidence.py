"""How far to trust a passage: its score calibrated across kinds and lengths.

A passage's `score` says how alike its two sides are, and the same score means different
things by kind and by length: a translation at 0.65 is nearly always right, a paraphrase
of 25 words at 0.85 less often than an edit. `confidence` turns the passage's kind, score,
evidence and length into one figure that means the same everywhere: the share of the
passage that is expected to be true reuse, 0 to 1.

It is a logistic model fitted by `python benchmarks/calibration.py --fit` on the passages
variorum reports on the visible evaluation tasks and on the tuning half of our own tasks
(benchmarks/tasks.py), each passage weighed by its precision against the gold. The held
half is only measured: docs/benchmarks.md gives both.
"""

from __future__ import annotations

import math

from variorum.types import Passage

# Fitted by `python benchmarks/calibration.py --fit` (ridge 0.03, 702 passages; the
# Bible's own parallels in our corpora left out, neither right nor wrong): the
# intercept, then the weights of score, evidence, log(words of the shorter side), and of
# the kinds that differ from a lexical passage (verbatim and edited share the intercept).
INTERCEPT = -6.33
WEIGHTS = {"score": 4.67, "evidence": 1.21, "log_words": 1.33}
KIND_WEIGHTS = {"paraphrase": -0.97, "translation": 2.17}


def features(score: float, evidence: float, words: int) -> dict[str, float]:
    """The model's inputs for one passage (`words`: the shorter side's)."""
    return {"score": score, "evidence": evidence, "log_words": math.log(max(words, 1))}


def probability(kind: str, score: float, evidence: float, words: int) -> float:
    """The model's expected share of true reuse for a passage of this kind, score,
    evidence and length (`words`: the shorter side's)."""
    x = features(score, evidence, words)
    z = INTERCEPT + KIND_WEIGHTS.get(kind, 0.0) + sum(WEIGHTS[k] * v for k, v in x.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def confidence(p: Passage) -> float:
    """The expected share of the passage that is true reuse (0 to 1, four decimals)."""
    return round(probability(p.kind, p.score, p.evidence, min(p.words_a, p.words_b)), 4)
