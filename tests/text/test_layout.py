"""How a text parts its paragraphs: blank lines, a paragraph a line, or indented lines."""

from __future__ import annotations

from variorum.text import analyse, paragraphs, tokenize
from variorum.text.layout import laid_out, paragraph_ends
from variorum.types import Document

_LONG = "A paragraph long enough to stand on a line of its own in an exported book. " * 4
_WRAPPED = [
    "The river had risen in the night and covered the lower",
    "field by morning, so that the sacks had to be moved.",
    '"The river is up again," said Ada, and went to the door.',
    '"Then we must move the sacks before noon," said Tom.',
]


def _paragraphs(text: str) -> list[str]:
    return [text[s.start : s.end] for s in paragraphs(analyse(Document("d", text)))]


def test_a_wrapped_book_with_blank_lines_is_read_as_it_is() -> None:
    text = "\n".join(_WRAPPED[:2]) + "\n\n" + "\n".join(_WRAPPED[2:]) + "\n"
    assert laid_out(text * 5) is None
    assert list(paragraph_ends(text * 5)) == []
    # One long line tells nothing: a note of two lines, wrapped where it happens to be.
    assert laid_out(_WRAPPED[0] + "\n" + _LONG) is None
    assert laid_out(_LONG + "\n" + _LONG) == "lines"


def test_a_paragraph_a_line_ends_a_paragraph_at_every_line_end() -> None:
    lines = [_LONG.strip(), '"Yes," said Ada.', '"No," said Tom.'] * 4
    one_a_line = "\n".join(lines) + "\n"
    assert laid_out(one_a_line) == laid_out(one_a_line.replace("\n", "\r\n")) == "lines"
    apart = _paragraphs("\n\n".join(lines) + "\n")
    assert len(apart) == len(lines)
    assert _paragraphs(one_a_line) == _paragraphs(one_a_line.replace("\n", "\r\n")) == apart


def test_indented_lines_start_paragraphs_where_no_blank_line_parts_them() -> None:
    indented = "\n".join(["    " + _WRAPPED[0], _WRAPPED[1], "    " + _WRAPPED[2], _WRAPPED[3]])
    text = (indented + "\n") * 3
    assert laid_out(text) == "indented"
    apart = "\n".join(_WRAPPED[:2]) + "\n\n" + "\n".join(_WRAPPED[2:]) + "\n\n"
    assert len(_paragraphs(apart * 3)) == 6
    assert _paragraphs(text) == _paragraphs(apart * 3)
    # Set flush, the same lines are one paragraph to the tokenizer.
    flush = "\n".join(_WRAPPED) + "\n"
    assert laid_out(flush * 3) is None
    assert len(_paragraphs(flush * 3)) == 1


_STORY = [
    "The winter the ferry stopped",
    "The ferry left the island twice a day, at seven in the morning and at five in the "
    "evening, and in winter it did not run at all when the wind came from the north. The "
    "islanders kept flour and oil for a month in their cellars for that reason.",
    "Old Marta kept the lighthouse after her husband died, although the council had "
    "promised the post to a younger man from the mainland. She climbed the hundred and "
    "twelve steps every evening and wound the clock that turned the lamp.",
    "The next spring she wrote to the council:",
    "The lamp has been lit every night this winter, and it will be lit every night "
    "until someone comes to take the keys from me.",
    "One February the ferry did not come for nineteen days. The school closed, the baker "
    "ran out of yeast, and the priest read the same newspaper aloud every Sunday until "
    "the pages fell apart in his hands.",
    "The oranges",
    "On the twentieth day a fishing boat came through the ice with letters, medicine and "
    "a sack of oranges. The children ran down to the harbour, and Marta, who had seen the "
    "boat first from the gallery, rang the bell of the lighthouse until her arms ached.",
]
_RETOLD = [
    "The winter the ferry stopped",
    "Twice a day the ferry sailed from the island, at seven each morning and at five "
    "each evening; in winter it stayed in port whenever the wind blew from the north, "
    "and so the islanders stored a month of flour and oil in their cellars.",
    "When her husband died, old Marta took over the lighthouse, even though the council "
    "had offered the job to a younger man from the mainland. Every evening she climbed "
    "the hundred and twelve steps and wound up the clock that turned the lamp. In "
    "spring she wrote to the council that the lamp had been lit every night all winter "
    "and would be lit every night until somebody came to take her keys.",
    "For nineteen days one February no ferry came. The school shut, the baker had no "
    "yeast left, and every Sunday the priest read out the same newspaper until its pages "
    "came apart in his hands.",
    "A new chapter of the island's history began that winter, when the council met in "
    "the school to decide who would pay for a second boat, and nobody could agree.",
    "The oranges",
    "On the twentieth day a fishing boat broke through the ice, bringing letters, "
    "medicine and a sack of oranges. The children raced to the harbour, and Marta, who "
    "had spotted the boat first from the gallery, rang the lighthouse bell until her "
    "arms ached.",
]


def test_a_comparison_reads_a_paragraph_a_line_as_it_reads_blank_lines_between() -> None:
    """Each paragraph on a line of its own (a space before each line end, so that the
    offsets are those of the text with a blank line between its paragraphs): the same
    passage with the same segments. Before, the line that ends in a colon ("she wrote to
    the council:") read as a clause of the sentence on the next line, and their segment
    was cut in two there, where with a blank line between them it is one."""
    from variorum import compare  # noqa: PLC0415

    def found(end: str) -> list[tuple[object, ...]]:
        a = Document("a", end.join(_STORY) + "\n")
        b = Document("b", end.join(_RETOLD) + "\n")
        return [(p.a, p.b, p.kind, p.segments) for p in compare(a, b).passages]

    apart = found("\n\n")
    assert len(apart) == 1
    assert found(" \n") == apart


def test_every_line_end_gives_the_same_boundaries() -> None:
    """\\n, \\r\\n, \\r (an old Macintosh file) and \\r\\r\\n (a Windows file converted
    twice) end a line alike: a line end is a clause break, a blank line a paragraph's end,
    in a wrapped text and in one with a paragraph a line."""
    wrapped = "\n".join(_WRAPPED[:2]) + "\n\n" + "\n".join(_WRAPPED[2:]) + "\n"
    one_a_line = "\n".join([_LONG.strip(), '"Yes," said Ada.', _LONG.strip()]) + "\n"
    for text in (wrapped * 3, one_a_line):
        breaks = tokenize(text).breaks.tolist()
        for end in ("\r\n", "\r", "\r\r\n"):
            assert tokenize(text.replace("\n", end)).breaks.tolist() == breaks
