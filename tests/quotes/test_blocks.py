"""Block quotations: paragraphs quoted without marks after an introducing colon."""

from __future__ import annotations

import tracemalloc

from variorum.quotes import find_quotations
from variorum.quotes.blocks import block_quotations
from variorum.types import Document

INTRO = "Here is how Ada Marsh put forward in 1921 the plan of the valley council:\n\n"
BODY = "The dam must be raised by the villages themselves, and no one else, before winter."


def _blocks(text: str) -> list[tuple[str, str | None]]:
    return [
        (text[q.start : q.end], q.speaker) for q in find_quotations(Document("d", text)) if q.block
    ]


def test_a_flush_block_after_an_introducing_colon() -> None:
    text = INTRO + BODY + "\n\nMarsh, The Drowned Valley, p. 7.\n\nThe council agreed.\n"
    found = find_quotations(Document("d", text))
    assert [(text[q.start : q.end], q.speaker, q.block) for q in found] == [
        (BODY, "Ada Marsh", True)
    ]
    assert found[0].citation is not None
    assert found[0].citation["pages"] == "7"


def test_an_indented_block_goes_on_while_indented() -> None:
    text = INTRO + "    " + BODY + "\n\n    The mill comes second.\n\nThe council agreed.\n"
    assert _blocks(text) == [(BODY + "\n\n    The mill comes second.", "Ada Marsh")]


def test_lists_marked_quotations_and_plain_colons_are_no_blocks() -> None:
    listed = INTRO + "- the dam must be raised by the villages themselves, before winter\n"
    marked = INTRO + "\u201c" + BODY + "\u201d\n"
    plain = "The council had three members:\n\n" + BODY + "\n"
    for text in (listed, plain):
        assert _blocks(text) == []
    assert [q.block for q in find_quotations(Document("d", marked))] == [False]


def test_a_long_line_costs_no_memory_per_character() -> None:
    """One line of 2 MB: its paragraph is matched line by line, not a character at a time
    (which held some 240 MB for it, and 2.4 GB for a line of 20 MB)."""
    text = "word " * 400_000
    tracemalloc.start()
    try:
        assert block_quotations(text, []) == []
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
