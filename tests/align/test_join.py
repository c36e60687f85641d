"""Passages of one pair joined into one region (align.join.consolidated)."""

from __future__ import annotations

from dataclasses import replace

from variorum import Document
from variorum.align.join import consolidated
from variorum.options import AUTO_SEMANTIC_WORDS, Options
from variorum.text.tokenize import Analysed, tokenize
from variorum.types import Passage, Segment, Span

WORDS = " ".join(f"w{k}" for k in range(400))
TEXT_A = WORDS + "\n\nA new paragraph of its own here.\n\n" + WORDS


def _doc(name: str, text: str) -> Analysed:
    return Analysed(Document(name, text), tokenize(text))


def _passage(a: tuple[int, int], b: tuple[int, int]) -> Passage:
    return Passage(
        Span("a", *a), Span("b", *b), "edited", 0.9, 0.9, 50, 50, 50, segments=(), edits=()
    )


def test_overlapping_in_one_document_and_close_in_the_other_is_one_region() -> None:
    a, b = _doc("a", WORDS), _doc("b", WORDS)
    joined = consolidated([_passage((0, 900), (0, 880)), _passage((800, 1800), (900, 1800))], a, b)
    assert [(p.a.start, p.a.end, p.b.start, p.b.end) for p in joined] == [(0, 1800, 0, 1800)]
    assert joined[0].words_a == len(a.tokens.starts[a.tokens.starts < 1800])


def test_a_gap_longer_than_a_passage_keeps_two_reuses_apart() -> None:
    a, b = _doc("a", WORDS), _doc("b", WORDS)
    found = [_passage((0, 100), (0, 100)), _passage((400, 500), (400, 500))]
    assert len(consolidated(found, a, b)) == 2


def test_a_paragraph_on_one_side_only_keeps_them_apart() -> None:
    a, b = _doc("a", TEXT_A), _doc("b", WORDS + " " + WORDS)
    cut = len(WORDS)
    after = TEXT_A.index("w0", cut)
    found = [_passage((0, cut), (0, cut)), _passage((after, after + cut), (cut + 1, 2 * cut + 1))]
    assert len(consolidated(found, a, b)) == 2


def test_a_sentence_one_side_drops_at_a_paragraph_s_end_keeps_the_region_one() -> None:
    """A later edition drops the last sentence of a paragraph ("I may add, that, …"):
    the text only `a` has ends a paragraph that `b` ends too, and splits no region;
    the same sentence as a paragraph of its own would (above)."""
    dropped = " I may add that it is so."
    text_a = WORDS + dropped + "\n\n" + WORDS
    text_b = WORDS + "\n\n" + WORDS
    a, b = _doc("a", text_a), _doc("b", text_b)
    cut, after_a, after_b = len(WORDS), len(WORDS) + len(dropped) + 2, len(WORDS) + 2
    found = [
        _passage((0, cut), (0, cut)),
        _passage((after_a, after_a + cut), (after_b, after_b + cut)),
    ]
    joined = consolidated(found, a, b)
    assert [(p.a.start, p.a.end, p.b.start, p.b.end) for p in joined] == [
        (0, len(text_a), 0, len(text_b))
    ]


def test_a_piece_one_side_prints_elsewhere_in_the_region_is_part_of_it() -> None:
    """The WEB prints the doxology that closes Romans in the KJV at 14:23: the piece
    follows the book's passage in `a` and lies inside its span in `b`. One region, one
    passage, as where it follows in both."""
    a, b = _doc("a", WORDS + " " + WORDS), _doc("b", WORDS + " " + WORDS)
    cut = len(WORDS)
    found = [_passage((0, cut), (0, 2 * cut + 1)), _passage((cut + 1, cut + 101), (100, 200))]
    joined = consolidated(found, a, b)
    assert [(p.a.start, p.a.end, p.b.start, p.b.end) for p in joined] == [
        (0, cut + 101, 0, 2 * cut + 1)
    ]


def test_a_scan_aligns_by_meaning_by_default_up_to_a_size() -> None:
    opts = Options().resolved(scan=True)
    assert opts.semantic_for(AUTO_SEMANTIC_WORDS).semantic is True
    assert opts.semantic_for(AUTO_SEMANTIC_WORDS + 1).semantic is False
    assert Options(semantic=False).semantic_for(10).semantic is False


def test_a_gap_no_longer_than_the_stronger_passage_joins_one_region() -> None:
    """A short passage after a long one, set apart by less than the long one's length (a
    sentence rewritten in a revised chapter), carries it on; two short ones set apart by
    more than either stay two (above)."""
    a, b = _doc("a", WORDS), _doc("b", WORDS)
    found = [_passage((0, 1000), (0, 1000)), _passage((1300, 1400), (1250, 1350))]
    joined = consolidated(found, a, b)
    assert [(p.a.start, p.a.end, p.b.start, p.b.end) for p in joined] == [(0, 1400, 0, 1350)]


def test_a_passage_that_carries_on_an_earlier_one_takes_in_the_one_between() -> None:
    """Three passages of one region: the third carries on the first (words on both sides
    between them), not the second (only a new paragraph in `b` between those two). The
    three are one passage, each keeping its segments; before, the first and the third
    were joined around the second, which stayed inside them as a passage of its own."""
    inserted = "\n\nA new paragraph of its own here.\n\n"
    starts, at = [], 0
    for k in range(400):
        starts.append(at)
        at += len(f"w{k}") + 1

    def span(first: int, last: int, shift: int = 0) -> tuple[int, int]:
        """Words first..last of WORDS (b shifted by the inserted paragraph)."""
        return starts[first] + shift, starts[last] + len(f"w{last}") + shift

    text_b = WORDS[: starts[200] - 1] + inserted + WORDS[starts[200] :]
    shift = len(inserted) - 1
    a, b = _doc("a", WORDS), _doc("b", text_b)
    found = []
    for first, last, moved in ((0, 19, 0), (180, 199, 0), (200, 399, shift)):
        x, y = span(first, last), span(first, last, moved)
        found.append(replace(_passage(x, y), segments=(Segment(x, y),)))
    (p,) = consolidated(found, a, b)
    assert (p.a.start, p.a.end, p.b.start, p.b.end) == (0, len(WORDS), 0, len(text_b))
    assert len(p.segments) == 3
