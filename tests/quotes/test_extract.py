"""Quotation marks of every style, nesting, paragraphs, apostrophes and scare quotes."""

from __future__ import annotations

import pytest

from variorum.quotes.extract import quotations


def quoted(text: str, kind: str = "quotation") -> list[str]:
    return [text[q.start : q.end] for q in quotations(text) if q.kind == kind and q.depth == 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She said “the river rose in the night and took the bridge.” Then rain.",
            "“the river rose in the night and took the bridge.”",
        ),
        (
            'She said "the river rose in the night and took the bridge." Then rain.',
            '"the river rose in the night and took the bridge."',
        ),
        (
            "She said ‘the river rose in the night and took the bridge.’ Then rain.",
            "‘the river rose in the night and took the bridge.’",
        ),
        (
            "She said 'the river rose in the night and took the bridge.' Then rain.",
            "'the river rose in the night and took the bridge.'",
        ),
        (
            "She said ``the river rose in the night and took the bridge.'' Then rain.",
            "``the river rose in the night and took the bridge.''",
        ),
        (
            "She said `the river rose in the night and took the bridge.' Then rain.",
            "`the river rose in the night and took the bridge.'",
        ),
        (
            "Elle dit « la rivière a monté dans la nuit et emporté le pont. » Puis la pluie.",
            "« la rivière a monté dans la nuit et emporté le pont. »",
        ),
        (
            "Sie sagte „der Fluss stieg in der Nacht und nahm die Brücke mit.“ Dann Regen.",
            "„der Fluss stieg in der Nacht und nahm die Brücke mit.“",
        ),
        (
            "Sie sagte ‚der Fluss stieg in der Nacht und nahm die Brücke mit.‘ Dann Regen.",
            "‚der Fluss stieg in der Nacht und nahm die Brücke mit.‘",
        ),
    ],
)
def test_every_quoting_style(text: str, expected: str) -> None:
    assert quoted(text) == [expected]


def test_apostrophes_are_not_quotations() -> None:
    text = (
        "The miller’s wife didn’t say ‘the workers’ wages are late, and we can’t pay "
        "the rent.’ at all."
    )
    assert quoted(text) == ["‘the workers’ wages are late, and we can’t pay the rent.’"]


def test_an_apostrophe_that_opens_a_word_is_not_a_closing_mark() -> None:
    """Dialect in single marks: "all on ’em dead", "’tis" elide the start of a word; a
    closing ’ never follows a space and goes on into a word."""
    text = "\u2018I saw all on \u2019em go, and \u2019tis no lie,\u2019 said he."
    assert quoted(text) == ["\u2018I saw all on \u2019em go, and \u2019tis no lie,\u2019"]


def test_a_plural_possessive_at_a_line_end_is_not_a_closing_mark() -> None:
    text = "\u2018You want your neighbours\u2019\nopinions,\u2019 cried Frank. \u2018Yes.\u2019"
    assert quoted(text) == [
        "\u2018You want your neighbours\u2019\nopinions,\u2019",
        "\u2018Yes.\u2019",
    ]


def test_a_word_cut_short_at_its_end_is_not_a_closing_mark() -> None:
    """Dialect in single marks drops a word's last letters ("goin’ down", "o’
    what", "anythin’?", "lectur’, which"); the mark that closes the speech comes
    after, in the same paragraph. A short title in marks ("‘The Road’, and") still
    closes where it ends."""
    text = (
        "‘I’m goin’ down to the village,’ said Sam. ‘Want anythin’?’\n\n"
        "‘Too much o’ what ain’t his, and a lectur’, which I don’t want.’\n\n"
        "He whistled ‘The Road’, and went.\n"
    )
    assert quoted(text) == [
        "‘I’m goin’ down to the village,’",
        "‘Want anythin’?’",
        "‘Too much o’ what ain’t his, and a lectur’, which I don’t want.’",
    ]
    assert quoted(text, "scare") == ["‘The Road’"]
    # and in straight marks
    assert quoted(text.replace("‘", "'").replace("’", "'")) == [
        q.replace("‘", "'").replace("’", "'") for q in quoted(text)
    ]


def test_nested_quotations() -> None:
    text = (
        "He wrote: “The clerk told me ‘come back on Monday with the forms’ and shut "
        "the door.” Then he left."
    )
    found = quotations(text)
    assert [(text[q.start : q.end], q.depth) for q in found] == [
        ("“The clerk told me ‘come back on Monday with the forms’ and shut the door.”", 0),
        ("‘come back on Monday with the forms’", 1),
    ]


def test_a_quotation_over_several_paragraphs() -> None:
    text = (
        "The letter said:\n\n“The harvest failed in the north and the roads are closed.\n\n"
        "“We ask the council to send grain before the first snow.”\n\nNobody answered."
    )
    (q,) = quotations(text)
    assert text[q.start : q.end].startswith("“The harvest")
    assert text[q.start : q.end].endswith("first snow.”")


def test_a_quotation_that_closes_in_the_next_paragraph_without_reopening() -> None:
    text = (
        "He said: “The roads are closed for now\n\n"
        "and the council will meet on Monday.” Then he left."
    )
    (q,) = quotations(text)
    assert text[q.start : q.end].endswith("on Monday.”")


def test_editorial_marks_stay_inside_the_quotation() -> None:
    text = "As he put it, “(T)he committee ... has nothing [sic] to add to its report.” No more."
    assert quoted(text) == ["“(T)he committee ... has nothing [sic] to add to its report.”"]


def test_scare_quotes_are_told_apart() -> None:
    text = "The so-called “purges” were described as “a necessary cleansing of the party ranks.”"
    assert quoted(text, "scare") == ["“purges”"]
    assert quoted(text) == ["“a necessary cleansing of the party ranks.”"]
