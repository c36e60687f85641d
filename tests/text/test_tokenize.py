"""Tokens, boundaries, sentences and paragraphs, with offsets into the original text."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from variorum.text import analyse, normalize, paragraphs, sentences, tokenize
from variorum.text.resources import CLAUSE, PARAGRAPH, SENTENCE
from variorum.text.tokenize import token_hash
from variorum.types import Document


def words(text: str) -> list[str]:
    t = tokenize(text)
    return [text[s:e] for s, e in zip(t.starts.tolist(), t.ends.tolist(), strict=True)]


def test_tokens_point_into_the_original_text() -> None:
    text = "The “régime” of Naomi’s ﬁne Bethlehem-\njudah, 1995."
    assert words(text) == ["The", "régime", "of", "Naomi’s", "ﬁne", "Bethlehem-\njudah", "1995"]


def test_equal_words_hash_equal_after_normalisation() -> None:
    a, b = tokenize("Régime NAOMI’S"), tokenize("regime Naomi's")
    assert a.hashes.tolist() == b.hashes.tolist()
    assert token_hash("x") == token_hash("x")


def test_boundaries_have_strengths() -> None:
    t = tokenize("One two. Three; four\nfive\n\nSix")
    assert t.breaks.tolist() == [0, SENTENCE, CLAUSE, CLAUSE, PARAGRAPH, 0]


def test_sentences_and_paragraphs() -> None:
    text = "First one. Second “quoted.”\n\nNew paragraph here!"
    doc = analyse(Document("d", text))
    assert [text[s.start : s.end] for s in sentences(doc)] == [
        "First one.",
        "Second “quoted.”",
        "New paragraph here!",
    ]
    assert [text[s.start : s.end] for s in paragraphs(doc)] == [
        "First one. Second “quoted.”",
        "New paragraph here!",
    ]


def test_titles_initials_and_inner_stops_end_no_sentence() -> None:
    text = "Mr. Darcy met J. R. Moss, i.e. the agent. So did I. It cost 3.5 francs. M. Roux left!"
    doc = analyse(Document("d", text))
    assert [text[s.start : s.end] for s in sentences(doc)] == [
        "Mr. Darcy met J. R. Moss, i.e. the agent.",
        "So did I.",
        "It cost 3.5 francs.",
        "M. Roux left!",
    ]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
# A run that folds to as many characters by chance (a soft hyphen dropped, ß made "ss"):
# its first word was mapped to the soft hyphen alone.
@example("\xad\u00c0\x80\u00df")
def test_token_spans_are_ordered_and_match_their_normalised_words(text: str) -> None:
    t = tokenize(text)
    starts, ends = t.starts.tolist(), t.ends.tolist()
    previous = 0
    for s, e in zip(starts, ends, strict=True):
        assert previous <= s < e <= len(text)
        previous = e
    assert len(t.breaks) == len(starts)
    for s, e, h in zip(starts, ends, t.hashes.tolist(), strict=True):
        piece = normalize(text[s:e]).text.replace("-\n", "")
        assert piece, (text, s, e)
        if token_hash(piece) != h:
            # A stretch that normalises with its neighbours (combining marks, hyphenation)
            # may differ alone; it still normalises to a word character.
            assert any(ch.isalnum() for ch in normalize(text[s:e]).text)
