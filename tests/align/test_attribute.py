"""Attribution: each stretch keeps its closest relative, and echoes are dropped."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from variorum.align.attribute import Home, at_home, best_links, homes
from variorum.text.tokenize import analyse, tokenize
from variorum.types import Document, Passage, PassageKind, Span


def _passage(
    a: Span, b: Span, kind: PassageKind, evidence: float, languages: tuple[str, str]
) -> Passage:
    matched = 0 if kind in ("translation", "paraphrase") else 40
    words = (a.end - a.start) // 6
    return Passage(a, b, kind, evidence, evidence, matched, words, words, languages=languages)


def test_a_translated_sentence_inside_a_run_with_another_source_is_an_echo() -> None:
    """A French verse run in a novel, aligned with its source chapter, holds a verse a
    little more like a verse of another chapter (0.6 against the run's 0.58): that lone
    pair is an echo of the run and is dropped."""
    run = _passage(
        Span("novel", 100, 900), Span("psalm", 40, 820), "translation", 0.58, ("fr", "en")
    )
    lone = _passage(
        Span("novel", 300, 360), Span("other", 500, 560), "translation", 0.6, ("fr", "en")
    )
    assert best_links([run, lone]) == [run]


def test_a_verse_quoted_in_two_languages_keeps_both_quotations() -> None:
    """A chapter's verse quoted in French by one novel and, in a longer run, in English by
    another: the French sentence has no counterpart in its language in the run, and both
    quotations are kept."""
    run = _passage(Span("psalm", 40, 820), Span("novel1", 100, 900), "edited", 0.9, ("en", "en"))
    lone = _passage(
        Span("psalm", 300, 360), Span("novel2", 500, 560), "translation", 0.7, ("en", "fr")
    )
    assert best_links([run, lone]) == [run, lone]


def test_a_lone_translation_with_no_longer_passage_around_it_is_kept() -> None:
    """Two translated sentences of one novel, each with another chapter, neither inside a
    longer passage: both kept (each is its stretches' best link)."""
    one = _passage(
        Span("novel", 100, 160), Span("psalm", 40, 100), "translation", 0.7, ("fr", "en")
    )
    two = _passage(
        Span("novel", 400, 470), Span("other", 500, 570), "translation", 0.65, ("fr", "en")
    )
    assert best_links([one, two]) == [one, two]


def test_an_echo_outmatches_no_link_of_the_stretch_it_echoes() -> None:
    """A chapter's verses quoted word for word by one novel and in French by another: the
    French run's link to the quotation (0.664) is an echo of its link to the chapter
    (0.649, a longer stretch of the French run), and is dropped before the links are
    weighed, so that the chapter's link is not outmatched by it and stays."""
    verbatim = _passage(
        Span("chapter", 164, 1440), Span("novel1", 2657, 3933), "verbatim", 1.0, ("en", "en")
    )
    to_quotation = _passage(
        Span("novel2", 1439, 2753), Span("novel1", 2657, 3933), "translation", 0.664, ("fr", "en")
    )
    to_chapter = _passage(
        Span("novel2", 1439, 2884), Span("chapter", 164, 1661), "translation", 0.649, ("fr", "en")
    )
    assert best_links([verbatim, to_quotation, to_chapter]) == [verbatim, to_chapter]


def _edited(a: Span, b: Span, evidence: float) -> Passage:
    return _passage(a, b, "edited", evidence, ("en", "en"))


def test_two_quotations_of_overlapping_runs_are_each_linked_to_the_chapter_only() -> None:
    """Two novels quote verses 5 to 8 and 7 to 12 of a chapter, in two modern versions
    more alike to each other (0.9) than to the chapter (0.7): only the chapter holds what
    both quote, and their own link, the chapter's, is dropped."""
    first = _edited(Span("chapter", 500, 900), Span("novel1", 100, 500), 0.7)
    second = _edited(Span("chapter", 700, 1200), Span("novel2", 300, 800), 0.7)
    shared = _edited(Span("novel1", 300, 500), Span("novel2", 300, 500), 0.9)
    assert best_links([first, second, shared]) == [first, second]


def test_a_quotation_inside_a_longer_one_keeps_its_link_to_it() -> None:
    """Verses 5 to 8 quoted by one novel, 3 to 10 by another: the chapter and the longer
    quotation hold the same, and the link of the two quotations stays."""
    first = _edited(Span("chapter", 500, 900), Span("novel1", 100, 500), 0.7)
    second = _edited(Span("chapter", 400, 1000), Span("novel2", 0, 600), 0.8)
    shared = _edited(Span("novel1", 100, 500), Span("novel2", 100, 500), 0.9)
    assert shared in best_links([first, second, shared])


def test_a_quotation_inside_a_longer_one_is_the_chapters_where_its_words_are_at_home() -> None:
    """Verses 5 to 8 quoted by one novel, 3 to 10 by another, and the chapter's words used
    all around its verses but nowhere else in the novels: the two quotations' link is the
    chapter's, and each is linked to the chapter alone."""
    verse = " ".join(["lord", "spake", "unto", "moses", "saying", "tabernacle", "offering"] * 3)
    story = " ".join(["elizabeth", "walked", "garden", "letter", "morning", "sister"] * 3)
    texts = {
        "chapter": " ".join([verse] * 20),
        "novel1": " ".join([story] * 8 + [verse] * 4 + [story] * 8),
        "novel2": " ".join([story] * 7 + [verse] * 6 + [story] * 7),
    }
    at = {name: text.index(verse) for name, text in texts.items() if name != "chapter"}
    size = len(verse) + 1
    first = _edited(
        Span("chapter", 1000, 1000 + 4 * size),
        Span("novel1", at["novel1"], at["novel1"] + 4 * size),
        0.7,
    )
    second = _edited(
        Span("chapter", 1000 - size, 1000 + 5 * size),
        Span("novel2", at["novel2"], at["novel2"] + 6 * size),
        0.8,
    )
    shared = _edited(
        Span("novel1", at["novel1"], at["novel1"] + 4 * size),
        Span("novel2", at["novel2"] + size, at["novel2"] + 5 * size),
        0.9,
    )
    assert shared in best_links([first, second, shared])
    analysed = {name: analyse(Document(name, text)) for name, text in texts.items()}
    home = homes(analysed.__getitem__, lambda words: np.ones(len(words)))
    assert best_links([first, second, shared], home) == [first, second]


def test_a_parallel_alike_to_a_verbatim_quotation_and_its_chapter_is_the_chapters() -> None:
    """A novel quotes four verses of a chapter word for word, and a third document has
    a parallel of them (1 Chronicles 1 beside Genesis 25), as alike to the quotation as
    to the chapter: the tie leaves both links best on the parallel's side. The chapter's
    words stand all around its verses, the novel's story around the quotation: the
    parallel is linked to the chapter alone."""
    verse = " ".join(["sons", "jokshan", "sheba", "dedan", "midian", "ephah", "abraham"] * 3)
    story = " ".join(["elizabeth", "walked", "garden", "letter", "morning", "sister"] * 3)
    texts = {
        "chapter": " ".join([verse] * 20),
        "novel": " ".join([story] * 8 + [verse] * 4 + [story] * 8),
        "parallel": " ".join([verse] * 4),
    }
    at, size = texts["novel"].index(verse), len(verse) + 1
    in_novel, in_chapter = Span("novel", at, at + 4 * size), Span("chapter", 1000, 1000 + 4 * size)
    quotation = _edited(in_chapter, in_novel, 1.0)
    to_novel = _edited(Span("parallel", 0, 4 * size), in_novel, 0.7)
    to_chapter = _edited(Span("parallel", 0, 4 * size), in_chapter, 0.7)
    passages = [quotation, to_novel, to_chapter]
    assert best_links(passages) == passages
    analysed = {name: analyse(Document(name, text)) for name, text in texts.items()}
    home = homes(analysed.__getitem__, lambda words: np.ones(len(words)))
    assert best_links(passages, home) == [quotation, to_chapter]


def test_words_every_document_uses_make_no_stretch_at_home() -> None:
    """A verse quoted in a novel stands among the novel's words, which share with it
    only words every document uses ("the", "unto"): it is not at home there, while in
    its chapter the verses around name the same people."""
    verse = "the lord spake unto moses in the tabernacle of the congregation"
    story = "the lady walked unto the garden of the house in the morning"
    texts = {
        "chapter": " ".join([verse] * 40),
        "novel": " ".join([story] * 20 + [verse] + [story] * 20),
        "other": " ".join([story] * 5),
    }
    common = set(tokenize("the unto in of").hashes.tolist())

    def weigh(words: npt.NDArray[np.uint64]) -> npt.NDArray[np.float64]:
        return np.array([0.0 if w in common else 1.0 for w in words.tolist()])

    novel, chapter = (
        analyse(Document("novel", texts["novel"])),
        analyse(Document("c", texts["chapter"])),
    )
    at = texts["novel"].index(verse)
    assert at_home(novel, at, at + len(verse), weigh) == 0.0
    at = (len(verse) + 1) * 20
    assert at_home(chapter, at, at + len(verse), weigh) == 1.0


_OFFERING = "one golden spoon of ten shekels full of incense one young bullock one ram one lamb"
_STORY = "elizabeth walked in the garden with a letter from her sister every morning"


def _copies_of(text: str, piece: str) -> list[Span]:
    found, at = [], text.find(piece)
    while at >= 0:
        found.append(Span("", at, at + len(piece)))
        at = text.find(piece, at + 1)
    return found


def _links_of(one: Span, doc: str, copies: list[Span]) -> list[Passage]:
    return [_edited(one, Span(doc, c.start, c.end), 0.7) for c in copies]


def _homes(texts: dict[str, str]) -> Home:
    analysed = {name: analyse(Document(name, text)) for name, text in texts.items()}
    return homes(analysed.__getitem__, lambda words: np.ones(len(words)))


def test_a_quotation_of_a_text_its_source_says_three_times_keeps_one_link() -> None:
    """A chapter lists one offering three times, each among words of its own (a prince's
    name and his day); a novel quotes it once. Each of the three copies matches alike,
    and the quotation keeps the link to the first; without knowing how at home the
    stretches are, all three stay."""
    day = "on the {} day {} son of {} offered one silver charger of an hundred shekels"
    chapter = " ".join(
        day.format(*names) + " " + _OFFERING + " and two oxen five rams five lambs"
        for names in (
            ("second", "nethaneel", "zuar"),
            ("third", "eliab", "helon"),
            ("fourth", "elizur", "shedeur"),
        )
    )
    novel = " ".join([_STORY] * 10 + [_OFFERING] + [_STORY] * 10)
    at = novel.index(_OFFERING)
    quotation = Span("novel", at, at + len(_OFFERING))
    links = _links_of(quotation, "chapter", _copies_of(chapter, _OFFERING))
    assert len(links) == 3
    assert best_links(links) == links
    assert best_links(links, _homes({"chapter": chapter, "novel": novel})) == links[:1]


def test_a_sermon_that_quotes_a_verse_twice_keeps_both_quotations() -> None:
    """The other way round: a chapter says the text once, among its own words, and a
    sermon quotes it twice, a sentence apart. Each quotation stands among the sermon's
    words once the other is left out (with it, among its own words): both are quotations
    of the one verse."""
    law = "he shall bring a young bullock and a ram of the flock for a burnt offering"
    chapter = " ".join([law] * 4 + [_OFFERING] + [law] * 4)
    sermon = " ".join([_STORY] * 6 + [_OFFERING, _STORY, _OFFERING] + [_STORY] * 6)
    at = chapter.index(_OFFERING)
    verse = Span("chapter", at, at + len(_OFFERING))
    links = _links_of(verse, "sermon", _copies_of(sermon, _OFFERING))
    assert len(links) == 2
    assert best_links(links, _homes({"chapter": chapter, "sermon": sermon})) == links
