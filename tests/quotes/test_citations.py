"""Citations after quotations: forms, fields, Ibid. and op. cit."""

from __future__ import annotations

from variorum.quotes import find_quotations
from variorum.quotes.citations import citation_after, parse, resolve
from variorum.types import Document


def test_author_title_pages() -> None:
    c = parse("Marsh,  The Drowned Valley, pp. 12--14.")
    assert (c.author, c.title, c.pages) == ("Marsh", "The Drowned Valley", "12-14")


def test_place_publisher_year() -> None:
    c = parse("Ada Marsh,  The Drowned Valley (London: Harbour Press, 1921), p. 7.")
    assert (c.author, c.title, c.place, c.publisher, c.year, c.pages) == (
        "Ada Marsh", "The Drowned Valley", "London", "Harbour Press", "1921", "7",
    )  # fmt: skip


def test_ibid_and_op_cit_are_resolved() -> None:
    first = parse("Ada Marsh, The Drowned Valley, p. 7.")
    ibid = parse("Ibid., p. 9.")
    other = parse("Tom Reed, Salt Roads, p. 3.")
    op = parse("Ada Marsh, op. cit., p. 11.")
    resolved = resolve([first, ibid, other, op])
    assert resolved[1] is not None
    assert (resolved[1].title, resolved[1].pages, resolved[1].ibid) == (
        "The Drowned Valley",
        "9",
        True,
    )
    assert resolved[3] is not None
    assert (resolved[3].title, resolved[3].pages) == ("The Drowned Valley", "11")


def test_a_citation_paragraph_and_a_parenthetical_one() -> None:
    text = "`The water came at night.'\n\n\nMarsh, The Drowned Valley, p. 7.\n\nLater."
    cite = citation_after(text, text.index("'") + 1)
    assert cite is not None
    assert text[cite.start : cite.end] == "Marsh, The Drowned Valley, p. 7."
    inline = "He wrote “the water came at night” (Marsh 1921, p. 7) and left."
    cite = citation_after(inline, inline.index("”") + 1)
    assert cite is not None
    assert (cite.year, cite.pages) == ("1921", "7")
    assert citation_after("“The water came.” And then more text followed.", 17) is None


def test_speaker_cues_and_citation_authors() -> None:
    text = (
        "Ada Marsh wrote in her diary: “The water came at night and took the mill.”\n\n"
        "According to the miller, nothing was saved. "
        "Tom Reed said, “We lost every sack of flour.”\n\n"
        "“The roads will not open before spring,” said Reed. He added, “Nobody is coming.”"
    )
    found = [q for q in find_quotations(Document("d", text)) if q.kind == "quotation"]
    assert [q.speaker for q in found] == ["Ada Marsh", "Tom Reed", "Reed", "Reed"]
    assert found[-1].confidence < found[0].confidence  # the last one falls back


NOTES = (
    "Marsh wrote that \u201cthe water came at night.\u201d[1] Reed answered "
    "\u201cthe roads stay shut.\u201d\u00b2 Later: \u201cno boat came.\u201d[^3] "
    "And \u201cthe mill was lost.\u201d4\n\n"
    "Notes\n\n"
    "1. Ada Marsh, The Drowned Valley (London: Harbour Press, 1921), p. 7.\n"
    "\u00b2 Tom Reed, Salt Roads, p. 3.\n"
    "[^3]: Ibid., p. 4.\n"
    "4) Ada Marsh, op. cit., p. 11.\n"
)


def test_footnote_and_endnote_markers() -> None:
    found = [q for q in find_quotations(Document("d", NOTES)) if q.citation]
    cited = [
        (q.citation["note"], q.citation.get("title"), q.citation.get("pages"))
        for q in found
        if q.citation
    ]
    assert cited == [
        ("1", "The Drowned Valley", "7"),
        ("2", "Salt Roads", "3"),
        ("3", "Salt Roads", "4"),  # Ibid. after note 2
        ("4", "The Drowned Valley", "11"),  # op. cit. by the same author
    ]
    for q in found:
        assert q.citation is not None
        start, end = q.citation["start"], q.citation["end"]
        assert isinstance(start, int)
        assert isinstance(end, int)
        assert NOTES[start:end] == q.citation["text"]


def test_a_marker_without_its_note_is_no_citation() -> None:
    text = "She said \u201cthe water came at night.\u201d[7] Nothing more."
    assert [q.citation for q in find_quotations(Document("d", text))] == [None]
