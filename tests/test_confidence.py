"""The calibrated confidence of a passage: bounded, and ordered as the evidence is."""

from __future__ import annotations

import pytest

from variorum.confidence import confidence
from variorum.types import Passage, PassageKind, Span


def _passage(kind: PassageKind, score: float, words: int, evidence: float | None = None) -> Passage:
    return Passage(
        a=Span("a", 0, 6 * words),
        b=Span("b", 0, 6 * words),
        kind=kind,
        score=score,
        evidence=score if evidence is None else evidence,
        matched=round(score * words),
        words_a=words,
        words_b=words + 3,
    )


@pytest.mark.parametrize("kind", ["verbatim", "edited", "paraphrase", "translation"])
def test_confidence_is_a_share_that_grows_with_length_and_score(kind: PassageKind) -> None:
    for score in (0.3, 0.6, 0.9):
        by_length = [confidence(_passage(kind, score, n)) for n in (10, 40, 200, 5000)]
        assert all(0.0 <= c <= 1.0 for c in by_length)
        assert by_length == sorted(by_length)
        assert by_length[0] < by_length[-1]
    by_score = [confidence(_passage(kind, s, 40)) for s in (0.3, 0.6, 0.9)]
    assert by_score[0] < by_score[1] < by_score[2]


def test_the_same_score_means_less_for_a_short_paraphrase_than_for_an_edit() -> None:
    """On the evaluation tasks a paraphrase scored 0.8 to 0.9 is right 0.83 of the time, an
    edited passage so scored 0.94: the confidence tells them apart."""
    paraphrase = confidence(_passage("paraphrase", 0.85, 35))
    edited = confidence(_passage("edited", 0.85, 35))
    assert paraphrase < edited - 0.03
    assert edited > 0.9


def test_rare_matching_words_count_for_more_than_common_ones() -> None:
    common = confidence(_passage("edited", 0.7, 40, evidence=0.4))
    rare = confidence(_passage("edited", 0.7, 40, evidence=0.9))
    assert common < rare


def test_a_long_passage_is_trusted_at_a_low_score() -> None:
    assert confidence(_passage("edited", 0.5, 500)) > 0.9
    assert confidence(_passage("translation", 0.65, 300)) > 0.95


def test_extreme_figures_stay_in_bounds() -> None:
    assert confidence(_passage("verbatim", 1.0, 10**9)) == 1.0
    assert 0.0 <= confidence(_passage("paraphrase", 0.0, 0)) <= 0.001
