"""The layout quotations are read in: line ends and a paragraph a line, mapped back."""

from __future__ import annotations

import random

from variorum.quotes.layout import as_paragraphs

_LONG = "A paragraph long enough to stand on a line of its own in an exported book. " * 4


def _texts() -> list[str]:
    rng = random.Random(11)
    pieces = [_LONG, "Short line.", '"Yes," said Ada.', "\n", "\r\n", "\r", "\n\n", "  "]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(300)]


def test_every_character_of_the_view_maps_back_to_itself() -> None:
    seen = 0
    for text in _texts():
        view = as_paragraphs(text)
        if view is None:
            assert "\r" not in text
            continue
        assert "\r" not in view.text
        for at, ch in enumerate(view.text):
            if ch != "\n":
                assert text[view.back(at)] == ch
                seen += 1
        assert view.back(len(view.text)) == len(text)
    assert seen > 10_000


def test_a_wrapped_book_is_read_as_it_is() -> None:
    wrapped = ("a line of a hard-wrapped book, under eighty characters\n" * 5 + "\n") * 20
    assert as_paragraphs(wrapped) is None


def test_a_paragraph_a_line_gets_blank_lines_between() -> None:
    lines = [_LONG, '"Yes," said Ada.', '"No," said Tom.'] * 4
    view = as_paragraphs("\n".join(lines) + "\n")
    assert view is not None
    assert view.text == "\n\n".join(lines) + "\n"


def test_indented_paragraphs_get_blank_lines_instead_of_their_indentation() -> None:
    lines = [
        "    The river had risen in the night and",
        "covered the lower field by morning.",
        '    "The river is up again," said Ada.',
        '    "Then we must move the sacks," said Tom.',
    ] * 3
    text = "\n".join(lines) + "\n"
    view = as_paragraphs(text)
    assert view is not None
    assert view.text.count("\n\n") == 8  # three paragraphs a repeat, the first not after one
    assert '\n\n"Then we must' in view.text
    at = view.text.index('"Then we must')
    assert text[view.back(at) :].startswith('"Then we must')


def test_a_letter_set_off_as_an_indented_block_is_no_indented_layout() -> None:
    """An excerpt with few blank lines and a long letter indented as a block: its
    indented lines all follow indented ones, none opens a paragraph after a flush line."""
    narration = "a line of narration, hard-wrapped, under eighty characters\n" * 12
    letter = "     a line of the letter, indented as a block like all its lines\n" * 30
    assert as_paragraphs(narration + "\n" + letter + "\n" + narration) is None
