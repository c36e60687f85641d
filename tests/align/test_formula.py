"""Formulas told of other people are not reuse; the same text about the same people is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.conftest import run_cli
from variorum import Document, Options, compare
from variorum.align.formula import _alike, _skeleton, formulaic
from variorum.text.tokenize import analyse
from variorum.types import Edit, Passage, Segment, Span

LEXICAL = Options(repetitions=False, semantic=False)

# An invented chronicle: each reign ends in the same words, with its own king and years.
REIGN = (
    "And {king} slept with his fathers, and was buried with his fathers in the city of "
    "Vardholm by the grey river, and {heir} his son reigned in his stead. "
)
YEARS = "{heir} was {age} years old when he began to reign, and he reigned {years} years. "
STORY = (
    "In those days a ferryman named Osk carried the salt across the fjord in an open boat, "
    "and the merchants of the western shore paid him in wool and dried cod. "
)


def _chronicle(kings: list[tuple[str, str, str, str]]) -> str:
    return "".join(
        REIGN.format(king=k, heir=h) + YEARS.format(heir=h, age=a, years=y) for k, h, a, y in kings
    )


def test_a_formula_told_of_other_kings_is_no_passage() -> None:
    a = Document("a", STORY + _chronicle([("Halvard", "Torgeir", "thirty", "twelve")]))
    b = Document("b", _chronicle([("Sigmund", "Ragnvald", "forty", "seven")]) + STORY)
    passages = compare(a, b, LEXICAL).passages
    assert [(a.text[p.a.start : p.a.end], b.text[p.b.start : p.b.end]) for p in passages] == [
        (STORY.strip(), STORY.strip())
    ]


def test_formulas_are_reported_when_asked(tmp_path: Path) -> None:
    reigns = [("Halvard", "Torgeir", "thirty", "twelve"), ("Sigmund", "Ragnvald", "forty", "seven")]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(STORY + _chronicle(reigns[:1]), encoding="utf-8")
    b.write_text(_chronicle(reigns[1:]) + STORY, encoding="utf-8")
    asked = compare(str(a), str(b), replace(LEXICAL, formulas=True)).passages
    assert len(asked) == 2  # the story, and the formula
    out = run_cli("compare", str(a), str(b), "--no-semantic", "--formulas", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count('"type":"passage"') == 2
    out = run_cli("compare", str(a), str(b), "--no-semantic", "--format", "jsonl")
    assert out.stdout.count('"type":"passage"') == 1


def test_the_same_reign_copied_is_a_passage() -> None:
    reign = _chronicle([("Halvard", "Torgeir", "thirty", "twelve")])
    a = Document("a", STORY + reign)
    b = Document("b", reign.replace("grey river", "gray river") + STORY)
    spans = {b.text[p.b.start : p.b.end] for p in compare(a, b, LEXICAL).passages}
    assert reign.replace("grey river", "gray river").strip() in spans


def _passage(text_a: str, text_b: str, kind: str = "edited") -> Passage:
    return Passage(
        a=Span("a", 0, len(text_a)), b=Span("b", 0, len(text_b)), kind=kind,  # type: ignore[arg-type]
        score=0.8, evidence=0.8, matched=10, words_a=len(text_a.split()),
        words_b=len(text_b.split()), segments=(Segment((0, len(text_a)), (0, len(text_b))),),
    )  # fmt: skip


def _formulaic(p: Passage, a: str, b: str) -> bool:
    return formulaic(p, analyse(Document("a", a)), analyse(Document("b", b)))


def test_other_names_or_numbers_make_a_formula_found_by_meaning() -> None:
    a = "The elders said that Halvard had reigned forty years over the valley."
    assert _formulaic(
        _passage(a, a.replace("Halvard", "Sigmund")), a, a.replace("Halvard", "Sigmund")
    )
    b = a.replace("forty", "eleven")
    assert _formulaic(_passage(a, b), a, b)
    assert not _formulaic(_passage(a, a), a, a)


def test_spellings_of_one_name_capitals_and_first_words_are_not_other_people() -> None:
    a = "The elders said that Halvard had reigned over the LORD's valley. Then they slept."
    for b in (
        a.replace("Halvard", "Halvarth"),  # one name spelt two ways
        a.replace("LORD", "PEOPLE"),  # capitals only: a typographic convention
        a.replace("Then", "Afterwards"),  # the first word of a sentence
    ):
        assert not _formulaic(_passage(a, b), a, b), b
    assert not _formulaic(_passage(a, b, "translation"), a, a.replace("Halvard", "Sigmund"))


def test_a_name_just_before_or_after_the_passage_tells_of_others() -> None:
    """The word path stops at the name: "And Halvard slept ..." against "So Sigmund
    slept ..." match from "slept" on, and the name is part of the formula's clause."""
    tail = "slept with his fathers in the city of Vardholm by the grey river."
    a, b = f"And Halvard {tail}", f"So Sigmund {tail}"
    at_a, at_b = a.index("slept"), b.index("slept")
    match = Passage(
        a=Span("a", at_a, len(a)), b=Span("b", at_b, len(b)), kind="verbatim", score=1.0,
        evidence=1.0, matched=12, words_a=12, words_b=12,
        segments=(Segment((at_a, len(a)), (at_b, len(b))),),
    )  # fmt: skip
    assert _formulaic(match, a, b)
    # Across a comma, the name is another clause's ("said Halvard, slept with ...").
    a2, b2 = f"And Halvard, {tail}", f"So Sigmund, {tail}"
    moved = replace(
        match,
        a=Span("a", a2.index("slept"), len(a2)),
        b=Span("b", b2.index("slept"), len(b2)),
        segments=(Segment((a2.index("slept"), len(a2)), (b2.index("slept"), len(b2))),),
    )
    assert not _formulaic(moved, a2, b2)
    # After it: "... in the city of Vardholm" against "... in the city of Askeby".
    c, d = "He slept in the city of Vardholm today.", "He slept in the city of Askeby today."
    end = c.index(" Vardholm")
    before = Passage(
        a=Span("a", 0, end), b=Span("b", 0, end), kind="verbatim", score=1.0, evidence=1.0,
        matched=6, words_a=6, words_b=6, segments=(Segment((0, end), (0, end)),),
    )  # fmt: skip
    assert _formulaic(before, c, d)


def test_one_name_spelt_whole_or_hyphenated_is_no_other_person() -> None:
    """ "Kadeshbarnea" against "Kadesh-barnea" (KJV and ASV): one name, though its
    second half, after the hyphen, is no name on its own."""
    a = "The elders went from Horeb unto Kadeshbarnea by the way of the mountain."
    b = a.replace("Kadeshbarnea", "Kadesh-barnea")
    at = a.index("Kadeshbarnea")
    edit = Edit("replace", (at, at + 12), (at, at + 13))
    assert not _formulaic(replace(_passage(a, b), edits=(edit,)), a, b)


def test_edits_say_where_a_lexical_passage_differs() -> None:
    a = "The elders said that Halvard had reigned over the valley."
    b = a.replace("Halvard", "Sigmund")
    at = a.index("Halvard")
    edit = Edit("replace", (at, at + 7), (at, at + 7))
    assert _formulaic(replace(_passage(a, b), edits=(edit,)), a, b)
    same = Edit("replace", (at - 5, at - 1), (at - 5, at - 1))  # "said" for "said": no name
    assert not _formulaic(replace(_passage(a, b), edits=(same,)), a, b)


def test_name_spellings() -> None:
    assert _alike("Jehovah", "Yahweh")
    assert _alike("Mizpeh", "Mizpah")
    assert _alike("Kittim", "Chittim")
    assert not _alike("Ahab", "Asa")
    assert not _alike("Hezekiah", "Ahaz")
    assert _alike("Tyrus", "Tyre")
    assert _alike("Marcus", "Mark")
    assert _skeleton("Jehovah") == _skeleton("Yahweh") == "yw"


FISHER = (
    "Am Morgen ging der alte Fischer mit seinem Sohn hinunter an den Strand, wo das Boot "
    "seit dem Winter im Sand lag. Der Wind kam kalt vom Meer herüber, und die Möwen schrien "
    "über den Dächern des Dorfes. Sie zogen das Boot ins Wasser und ruderten hinaus, bis "
    "das Ufer nur noch ein grauer Streifen war. Dort warfen sie die Netze aus und warteten "
    "schweigend, während die Sonne langsam über den Hügeln aufstieg."
)


def test_german_nouns_are_not_names() -> None:
    """German capitalises every noun: a revision that puts "Knaben" for "Sohn" and "Kahn"
    for "Boot" in every sentence is an edited text, not a formula told of others."""
    revised = FISHER
    for old, new in (
        ("seinem Sohn", "seinem Knaben"), ("das Boot", "der Kahn"), ("Wind", "Sturm"),
        ("Dächern", "Häusern"), ("das Boot ins", "den Kahn ins"), ("das Ufer", "die Küste"),
        ("Hügeln", "Bergen"),
    ):  # fmt: skip
        revised = revised.replace(old, new)
    passages = compare(Document("a", FISHER), Document("b", revised), LEXICAL).passages
    assert len(passages) == 1
    assert (passages[0].a.start, passages[0].a.end) == (0, len(FISHER))


def test_a_formula_is_weighed_by_pairs_both_sides_mark_alike() -> None:
    """Segments cut where one side ends a clause and the other has a comma are one pair
    when a formula's share is counted; those cut where both end a clause are two."""
    from variorum.align.formula import _pairs  # noqa: PLC0415

    a = analyse(Document("a", "and he slept with his fathers; And they buried him in the city."))
    b = analyse(Document("b", "and he slept with his fathers, and they buried him in the city."))
    cut_a, cut_b = a.doc.text.index("And"), b.doc.text.index("and they")
    segments = (
        Segment((0, cut_a - 1), (0, cut_b - 1)),
        Segment((cut_a, len(a.doc.text)), (cut_b, len(b.doc.text))),
    )
    whole = (Span("a", 0, len(a.doc.text)), Span("b", 0, len(b.doc.text)))
    p = Passage(*whole, "edited", 0.9, 0.9, 12, 13, 13, segments)
    assert _pairs(p, a, b) == [((0, len(a.doc.text)), (0, len(b.doc.text)))]
    b = analyse(Document("b", "and he slept with his fathers; and they buried him in the city."))
    assert len(_pairs(p, a, b)) == 2
