"""The semantic layer: paraphrase and translation found by meaning, with languages recorded.

The texts are written for these tests; each case fails with the semantic layer off.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from variorum import Document, Options, compare

if TYPE_CHECKING:
    from variorum.align.sentences import Units

STORY_EN = (
    "The old fisherman left the harbour before dawn. The sea was calm and the sky was grey. "
    "He rowed for two hours until he reached the rocks where the big fish lived. "
    "There he dropped his net and waited in silence. At noon the net was so heavy that he "
    "could hardly lift it. He returned to the village, tired but happy, and sold his catch "
    "at the market."
)
STORY_FR = (
    "Le vieux pêcheur quitta le port avant l'aube. La mer était calme et le ciel était gris. "
    "Il rama pendant deux heures jusqu'aux rochers où vivaient les gros poissons. "
    "Là, il jeta son filet et attendit en silence. À midi, le filet était si lourd qu'il "
    "pouvait à peine le soulever. Il rentra au village, fatigué mais heureux, et vendit sa "
    "pêche au marché."
)
STORY_PARAPHRASE = (
    "Before sunrise the aged fisher departed from the port. The water lay still under a "
    "cloudy sky. After rowing for a couple of hours he came to the rocks that were home to "
    "the large fish. He cast his net there and kept quiet. By midday the net had become too "
    "heavy to raise easily. Exhausted yet content, he went back to his village and sold "
    "the fish in the marketplace."
)
PREFACE = (
    "A note on this edition. The following tale was collected in a coastal town in the last "
    "century and appears here in a new version. Readers interested in the history of the "
    "region will find more material in the appendix. We thank the archive for permission. "
)
UNRELATED = (
    "Tax returns must be filed before the end of April. Late payments are charged interest "
    "at the statutory rate. Companies with several branches report each branch separately. "
    "The office is closed on public holidays, and forms can be downloaded from the portal. "
    "Questions about deductions should be sent in writing to the regional administration."
)


def test_a_translation_is_found_with_its_languages() -> None:
    en, fr = Document("en", STORY_EN), Document("fr", STORY_FR)
    (p,) = [p for p in compare(en, fr).passages if not p.is_repetition]
    assert p.kind == "translation"
    assert p.languages == ("en", "fr")
    assert (p.a.start, p.a.end) == (0, len(STORY_EN))
    assert (p.b.start, p.b.end) == (0, len(STORY_FR))
    assert len(p.segments) >= 5
    first = p.segments[0]
    assert STORY_EN[first.a[0] : first.a[1]].startswith("The old fisherman")
    assert STORY_FR[first.b[0] : first.b[1]].startswith("Le vieux pêcheur")
    assert compare(en, fr, Options(semantic=False)).passages == ()


def test_a_paraphrase_after_a_preface_is_found_locally() -> None:
    original = Document("original", STORY_EN)
    version = Document("version", PREFACE + STORY_PARAPHRASE)
    (p,) = [p for p in compare(original, version).passages if not p.is_repetition]
    assert p.kind == "paraphrase"
    assert p.b.start >= len(PREFACE) - 1
    assert version.text[p.b.start :].startswith("Before sunrise")
    assert compare(original, version, Options(semantic=False)).passages == ()


def test_unrelated_texts_in_two_languages_share_nothing() -> None:
    result = compare(Document("fr", STORY_FR), Document("tax", UNRELATED))
    assert result.passages == ()


def test_scan_with_semantic_discovers_a_translation_in_a_collection() -> None:
    from variorum import scan  # noqa: PLC0415

    novel = Document("novel", PREFACE + STORY_FR + " " + UNRELATED)
    docs = [Document("story", STORY_EN), novel, Document("tax", UNRELATED.replace("April", "May"))]
    found = [p for p in scan(docs, Options(semantic=True)).passages if p.kind == "translation"]
    assert [(p.a.doc, p.b.doc, p.languages) for p in found] == [("story", "novel", ("en", "fr"))]
    assert novel.text[found[0].b.start :].startswith("Le vieux pêcheur")
    assert not [p for p in scan(docs, Options(semantic=False)).passages if p.kind == "translation"]
    # A collection this small is aligned by meaning by default.
    assert [p for p in scan(docs).passages if p.kind == "translation"] == found


def test_a_copy_that_turns_into_a_paraphrase_is_one_passage() -> None:
    kept = STORY_EN.split(" There he dropped", 1)[0]
    rest = STORY_PARAPHRASE.split("He cast his net there", 1)[1]
    version = Document("version", f"{kept} He cast his net there{rest}")
    original = Document("original", STORY_EN)
    lexical = compare(original, version, Options(semantic=False)).passages
    (whole,) = compare(original, version).passages
    assert len(lexical) == 1
    assert whole.a.start <= lexical[0].a.start
    assert whole.a.end > lexical[0].a.end + 100  # extended over the paraphrased sentences
    assert whole.b.end >= len(version.text) - 1
    assert whole.edits == lexical[0].edits  # the word-level part keeps its edits


def test_a_translated_sentence_is_paired_clause_by_clause() -> None:
    """Where both sides of a sentence pair have as many clauses (cut at ; and :), each
    clause is its own segment."""
    en = (
        "The keeper climbed the long stairs at dusk; he trimmed the wick of the great lamp: "
        "then he wound the heavy clockwork that turned it. " + STORY_EN
    )
    fr = (
        "Le gardien monta le long escalier au crépuscule ; il tailla la mèche de la grande "
        "lampe : puis il remonta le lourd mécanisme qui la faisait tourner. " + STORY_FR
    )
    (p,) = list(compare(Document("en", en), Document("fr", fr)).passages)
    first = [s for s in p.segments if s.a[0] < en.index(" The old")]
    assert [en[s.a[0] : s.a[1]].split()[0] for s in first] == ["The", "he", "then"]
    assert [fr[s.b[0] : s.b[1]].split()[0] for s in first] == ["Le", "il", "puis"]
    # Segments cover the sentence end to end on both sides.
    assert first[0].a[0] == 0
    assert first[0].b[0] == 0
    assert all(x.a[1] <= y.a[0] and x.b[1] <= y.b[0] for x, y in itertools.pairwise(first))


def test_a_translated_sentence_is_cut_where_a_comma_stands_for_its_clause_mark() -> None:
    """Where the two sides have as many clauses as no level gives, a clause mark of one
    side is paired with a comma of the other at about the same share of the sentence;
    a comma far from it (the clause order turned round) cuts nothing."""
    en = (
        "The keeper climbed the long stairs of the tower at dusk; he trimmed the wick of the "
        "great lamp and wound the heavy clockwork that turned it all night. "
    )
    fr = (
        "Le gardien monta le long escalier de la tour au crépuscule, il tailla la mèche de "
        "la grande lampe et remonta le lourd mécanisme qui la faisait tourner toute la nuit. "
    )
    (p,) = list(compare(Document("en", en + STORY_EN), Document("fr", fr + STORY_FR)).passages)
    first = [s for s in p.segments if s.a[0] < len(en)]
    pairs = [(en[s.a[0] : s.a[1]], fr[s.b[0] : s.b[1]]) for s in first]
    assert pairs[0] == (en[: en.index(";") + 1], fr[: fr.index(",") + 1])
    assert pairs[1][0].startswith("he trimmed")
    assert pairs[1][1].startswith("il tailla")
    late = (
        "Le gardien, après avoir taillé la mèche de la grande lampe et remonté le lourd "
        "mécanisme qui la faisait tourner toute la nuit, monta l'escalier de la tour. "
    )
    (p,) = list(compare(Document("en", en + STORY_EN), Document("fr", late + STORY_FR)).passages)
    assert [s.b for s in p.segments if s.a[0] < len(en)] == [(0, len(late) - 1)]


def test_a_sentence_of_run_on_verses_is_cut_where_a_comma_meets_a_capital() -> None:
    """Verses run on in one sentence, each after a comma and with a capital (the KJV a
    chapter a paragraph, and its paraphrase alike), are cut in step there as at clause
    marks; commas before small letters, or before "I", still cut nothing by themselves."""
    from variorum.align.meaning import _cut_in_step  # noqa: PLC0415
    from variorum.text.tokenize import analyse  # noqa: PLC0415
    from variorum.types import Segment  # noqa: PLC0415

    kjv = (
        "And Canaan begat Sidon his firstborn, and Heth, And the Jebusite, and the Amorite, "
        "and the Girgasite, And the Hivite, and the Arkite, and the Sinite."
    )
    bbe = (
        "And Canaan was the father of Zidon, his oldest son, and Heth, And the Jebusite and "
        "the Amorite and the Girgashite, And the Hivite and the Arkite and the Sinite."
    )
    a, b = analyse(Document("kjv", kjv)), analyse(Document("bbe", bbe))
    pieces = _cut_in_step(Segment((0, len(kjv)), (0, len(bbe))), a, b)
    assert [(kjv[s.a[0] : s.a[1]], bbe[s.b[0] : s.b[1]]) for s in pieces] == [
        ("And Canaan begat Sidon his firstborn, and Heth,", bbe[: bbe.index("Heth,") + 5]),
        (
            "And the Jebusite, and the Amorite, and the Girgasite,",
            "And the Jebusite and the Amorite and the Girgashite,",
        ),
        (
            "And the Hivite, and the Arkite, and the Sinite.",
            "And the Hivite and the Arkite and the Sinite.",
        ),
    ]
    small_a, small_b = kjv.replace(", And", ", and"), bbe.replace(", And", ", and")
    a, b = analyse(Document("kjv", small_a)), analyse(Document("bbe", small_b))
    assert len(_cut_in_step(Segment((0, len(small_a)), (0, len(small_b))), a, b)) == 1
    told = "I went down to the harbour at dawn, I rowed out past the rocks, I came home at noon."
    also = "At dawn I went to the port, I rowed beyond the rocks, I returned at midday."
    a, b = analyse(Document("a", told)), analyse(Document("b", also))
    assert len(_cut_in_step(Segment((0, len(told)), (0, len(also))), a, b)) == 1


def test_a_bead_with_a_mark_at_every_word_is_left_whole_at_once() -> None:
    """The chain search of `_in_step` is quadratic in its candidate pairs: past
    `_MAX_OPTIONS` a bead is left whole, so hostile text cannot make it crawl."""
    from variorum.align.meaning import _in_step  # noqa: PLC0415

    few = [(4 * k, k / 30, True) for k in range(1, 30)]
    assert len(_in_step(few, few)) == 29
    many = [(2 * k, k / 2000, True) for k in range(1, 2000)]
    assert _in_step(many, many) == []


def test_a_long_sentence_is_aligned_clause_by_clause_with_three_sentences() -> None:
    """A sentence of three long clauses joined by colons (as the KJV joins three verses)
    pairs each clause with its own sentence of the translation, not the whole sentence
    with two of them."""
    en = (
        "The keeper climbed the long and narrow stairs of the tower at dusk every evening: "
        "at the top he trimmed the wick of the great lamp with his old silver scissors: "
        "then he slowly wound the heavy brass clockwork that turned the light all night. "
        + STORY_EN
    )
    fr = (
        "Le gardien montait chaque soir au crépuscule le long escalier étroit de la tour. "
        "En haut, il taillait la mèche de la grande lampe avec ses vieux ciseaux d'argent. "
        "Puis il remontait lentement le lourd mécanisme de laiton qui faisait tourner la "
        "lumière toute la nuit. " + STORY_FR
    )
    (p,) = list(compare(Document("en", en), Document("fr", fr)).passages)
    first = [s for s in p.segments if s.a[0] < en.index(" The old")]
    assert [en[s.a[0] : s.a[1]].split()[:2] for s in first] == [
        ["The", "keeper"],
        ["at", "the"],
        ["then", "he"],
    ]
    assert [fr[s.b[0] : s.b[1]].split()[0] for s in first] == ["Le", "En", "Puis"]
    assert all(en[s.a[0] : s.a[1]].rstrip().endswith((":", ".")) for s in first)


LONE_EN = (
    "When the storm had passed, the old fisherman pulled his heavy net into the boat with "
    "the help of his two sons, and the three of them rowed slowly back towards the lights "
    "of the harbour."
)
LONE_FR = (
    "Quand la tempête fut passée, le vieux pêcheur tira son lourd filet dans la barque avec "
    "l'aide de ses deux fils, et tous les trois ramèrent lentement vers les lumières du port."
)


def _one_sentence_in(told: str, said: str = LONE_EN) -> tuple[Document, Document, Document]:
    """A story with `said` in it, a host that tells that sentence as `told`, and an
    unrelated document."""
    source = Document(
        "source",
        "The village lay at the end of a long road by the sea. "
        + said
        + " Nobody had seen such a catch in years, and the priest rang the bell.",
    )
    host = Document("host", PREFACE + told + " " + UNRELATED)
    other = Document("other", UNRELATED.replace("April", "May").replace("Tax", "Rent"))
    return source, host, other


def test_one_translated_sentence_is_a_passage_in_a_scan_and_a_comparison() -> None:
    """One sentence agreeing with another in one language needs a run of sentences
    around it; across two languages chance agreement is rare, and one sentence pair (each
    the other's nearest) is a passage."""
    from variorum import scan  # noqa: PLC0415

    source, host, other = _one_sentence_in(LONE_FR)
    found = scan([source, host, other], Options(semantic=True)).passages
    (p,) = [p for p in found if p.kind == "translation"]
    assert (p.a.doc, p.b.doc, p.languages) == ("source", "host", ("en", "fr"))
    assert source.text[p.a.start : p.a.end] == LONE_EN
    assert host.text[p.b.start : p.b.end] == LONE_FR
    assert [(q.a.doc, q.b.doc) for q in compare(source, host).passages] == [("source", "host")]


SHORT_EN = "In the evening the old fisherman came home with an empty net."
SHORT_DE = "Abends kam der alte Fischer mit leerem Netz heim."


def test_a_translated_sentence_is_as_long_as_its_two_sides_together() -> None:
    """A passage spans 10 words a side, but a translation says in 9 words what its source
    says in 12: a lone sentence pair in two languages needs twice those words on its two
    sides together (and LONE_WORDS on each), not 10 on each; with a source sentence of 10
    words (19 together) it is none."""
    from variorum import scan  # noqa: PLC0415
    from variorum.embed import encoder  # noqa: PLC0415

    def found(english: str) -> list[tuple[str, str]]:
        source, host, other = _one_sentence_in(SHORT_DE, english)
        passages = scan([source, host, other], Options(semantic=True)).passages
        return [
            (source.text[p.a.start : p.a.end], host.text[p.b.start : p.b.end])
            for p in passages
            if p.kind == "translation"
        ]

    shorter = "In the evening the fisherman came home, his net empty."
    assert [len(t.split()) for t in (SHORT_EN, shorter, SHORT_DE)] == [12, 10, 9]
    en, short, de = encoder().encode([SHORT_EN, shorter, SHORT_DE])
    assert min(float(en @ de), float(short @ de)) > 0.6  # each over the discovery bar
    assert found(SHORT_EN) == [(SHORT_EN, SHORT_DE)]
    assert found(shorter) == []


def test_a_translated_sentence_just_under_the_bar_is_a_passage_where_it_is_sole() -> None:
    """A sentence and its translation (0.79 alike) that are each other's nearest in the
    collection are a passage up to TRANSLATED_RELIEF under the discovery bar (a verse's
    translation cut or worded otherwise scores a little less), not further."""
    from variorum import scan  # noqa: PLC0415
    from variorum.align.discover import TRANSLATED_RELIEF, discovery_bar  # noqa: PLC0415
    from variorum.embed import encoder  # noqa: PLC0415

    docs = list(_one_sentence_in(LONE_FR))
    en, fr = encoder().encode([LONE_EN, LONE_FR])
    near = Options(semantic=True, similarity=0.72)  # the bar: 0.82
    assert discovery_bar(near) - TRANSLATED_RELIEF < float(en @ fr) < discovery_bar(near)
    (p,) = [p for p in scan(docs, near).passages if p.kind == "translation"]
    assert (p.a.doc, p.b.doc) == ("source", "host")
    assert docs[1].text[p.b.start : p.b.end] == LONE_FR
    far = Options(semantic=True, similarity=0.75)  # the bar: 0.85
    assert not [p for p in scan(docs, far).passages if p.kind == "translation"]


def test_a_refrain_aligned_in_its_place_is_no_lone_pair_with_its_other_occurrence() -> None:
    """The source says the story's last sentence twice, first on its own; the translation
    is aligned in its place, and the translated sentence, already in that passage, is not
    a passage with the other occurrence too (an echo)."""
    refrain = "He returned to the village, tired but happy, and sold his catch at the market."
    source = Document("source", refrain + " " + UNRELATED + " " + STORY_EN)
    host = Document("host", PREFACE + STORY_FR)
    (p,) = compare(source, host, Options(repetitions=False)).passages
    assert source.text[p.a.start : p.a.end] == STORY_EN
    assert host.text[p.b.start : p.b.end] == STORY_FR


LONE_OTHER = (
    "Once the storm was over, the elderly fisherman hauled his heavy net aboard, his two "
    "sons helping him, and all three rowed back slowly to the lights of the harbour."
)


def test_one_sentence_in_other_words_is_a_passage_where_it_is_the_sole_link() -> None:
    """One sentence in one language, told in other words (0.93 alike), is a passage where
    each is the other's nearest sentence in the collection and neither stands for several
    documents; the same sentence in two hosts is a commonplace, and no passage alone."""
    from variorum import scan  # noqa: PLC0415

    source, host, other = _one_sentence_in(LONE_OTHER)
    found = scan([source, host, other], Options(semantic=True)).passages
    (p,) = [p for p in found if p.a.doc == "source"]
    assert (p.a.doc, p.b.doc, p.kind) == ("source", "host", "paraphrase")
    assert source.text[p.a.start : p.a.end] == LONE_EN
    assert host.text[p.b.start : p.b.end] == LONE_OTHER
    again = Document("again", "A reader wrote to us. " + LONE_OTHER + " We print it here.")
    found = scan([source, host, again], Options(semantic=True)).passages
    assert not [p for p in found if "source" in (p.a.doc, p.b.doc)]


def test_two_lines_of_dialogue_alike_in_meaning_are_no_passage_alone() -> None:
    """The sole link of the last test, with both sentences spoken by a character: the
    turns of a novel's conversations are alike across its chapters, so two lines of
    dialogue in one language are no passage by meaning alone. One spoken line is (a
    character may quote a text)."""
    from variorum import scan  # noqa: PLC0415

    def spoken(sentence: str, who: str) -> str:
        return f'"{sentence[:-1]}," said {who}.'

    for said, told, linked in (
        (spoken(LONE_EN, "the old woman"), LONE_OTHER, True),
        (LONE_EN, spoken(LONE_OTHER, "her neighbour"), True),
        (spoken(LONE_EN, "the old woman"), spoken(LONE_OTHER, "her neighbour"), False),
    ):
        source, host, other = _one_sentence_in(told, said)
        found = scan([source, host, other], Options(semantic=True)).passages
        assert any({p.a.doc, p.b.doc} == {"source", "host"} for p in found) is linked


def test_one_translated_sentence_is_a_passage_only_with_its_nearest_in_a_scan() -> None:
    """In a scan, one translated sentence is a passage with a sentence that is its
    nearest in the collection, or whose nearest it is: the French sentence and an English
    retelling of its source (0.79 alike, each nearer to the source) make none, even with
    every link kept (a verse that lists names is about as near to other lists)."""
    from variorum import scan  # noqa: PLC0415

    source, host, other = _one_sentence_in(LONE_FR)
    retold = Document("retold", "A reader wrote to us. " + LONE_OTHER + " We print it here.")
    found = scan([source, host, other, retold], Options(semantic=True, all_links=True)).passages
    pairs = {(p.a.doc, p.b.doc, p.kind) for p in found}
    assert ("source", "host", "translation") in pairs
    assert ("source", "retold", "paraphrase") in pairs
    assert not [p for p in found if {p.a.doc, p.b.doc} == {"host", "retold"}]


def test_capitals_do_not_change_the_language() -> None:
    from variorum.embed import language  # noqa: PLC0415

    verse = (
        "Therefore say thou unto them, Thus saith the LORD of hosts; Turn ye unto me, saith "
        "the LORD of hosts, and I will turn unto you, saith the LORD of hosts."
    )
    assert language(verse) == "en"  # "fi" to the model as written
    assert language(LONE_FR, 0.5) == "fr"


def test_a_long_paraphrase_in_a_scan_needs_less_similarity_than_a_short_one() -> None:
    """Six sentences at a mean similarity of 0.76: under the scan's bar for paraphrase
    (0.8, for chance agreement between two or three sentences), over the bar of a run of
    six (0.733): chance agreement of the mean falls with the run's length."""
    from variorum import scan  # noqa: PLC0415

    loose = (
        "Before sunrise the aged fisher departed from the port. The water lay still under a "
        "cloudy sky. After rowing for a couple of hours he came to the rocks that were home "
        "to the large fish. Once there, he let his net sink and sat without a word. By "
        "midday the net had become too heavy to raise easily. Exhausted yet content, he went "
        "back to his village and sold the fish in the marketplace."
    )
    story, host = Document("story", STORY_EN), Document("host", PREFACE + loose + " " + UNRELATED)
    other = Document("other", UNRELATED.replace("April", "May").replace("Tax", "Rent"))
    (p,) = [
        p
        for p in scan([story, host, other], Options(semantic=True)).passages
        if p.kind == "paraphrase"
    ]
    assert (p.a.doc, p.b.doc) == ("story", "host")
    assert 0.733 < p.score < 0.8
    assert host.text[p.b.start :].startswith("Before sunrise")


def test_a_coarse_or_loose_segment_gives_way_to_the_sentence_pairs() -> None:
    """A segment of the word path spanning three sentence pairs of a run on one side (a
    citation line one side lacks) is replaced by those pairs; finer ones stay; where the
    passage is loose (a paraphrase), every segment that meets a pair gives way; where the
    word path has no segment, the sentence pairs inside the passage fill the hole."""
    from variorum.align.meaning import _Pieces  # noqa: PLC0415
    from variorum.types import Passage, Segment, Span  # noqa: PLC0415

    pieces = _Pieces(
        [Segment((0, 10), (0, 12)), Segment((10, 20), (12, 22)), Segment((20, 30), (22, 30))]
    )
    fine = [Segment((0, 10), (0, 12)), Segment((10, 30), (12, 30))]
    coarse = [Segment((0, 30), (0, 30))]

    def passage(segments: list[Segment]) -> Passage:
        return Passage(
            Span("a", 0, 30), Span("b", 0, 30), "edited", 0.8, 0.8, 20, 30, 30, tuple(segments)
        )

    assert pieces.resegmented(passage(fine), loose=False).segments == tuple(fine)
    assert pieces.resegmented(passage(coarse), loose=False).segments == tuple(pieces.pieces)
    assert pieces.resegmented(passage(fine), loose=True).segments == tuple(pieces.pieces)
    # where the word path says nothing (no word matched there), the sentence pair fills in
    holed = [Segment((0, 10), (0, 12)), Segment((20, 30), (22, 30))]
    assert pieces.resegmented(passage(holed), loose=False).segments == tuple(pieces.pieces)
    # ... and only inside the passage
    pieces_beyond = _Pieces([*pieces.pieces, Segment((30, 40), (30, 44))])
    filled = pieces_beyond.resegmented(passage(holed), loose=False)
    assert filled.segments == tuple(pieces.pieces)
    # A segment of its own that a piece taken meets gives way too, and the pieces it
    # meets come with it: no word is left without a segment.
    four = _Pieces([*pieces.pieces[:2], Segment((20, 25), (22, 26)), Segment((25, 30), (26, 30))])
    both = [Segment((0, 22), (0, 24)), Segment((22, 30), (24, 30))]
    assert four.resegmented(passage(both), loose=False).segments == tuple(four.pieces)


def test_a_run_stands_out_where_the_rest_of_its_documents_is_unlike() -> None:
    """A run of beads 0.7 alike stands out (SOLE_MARGIN) of documents whose other
    sentences are unlike each other, not of documents alike throughout."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.meaning import _stands_out  # noqa: PLC0415
    from variorum.align.sentences import Bead, Units  # noqa: PLC0415
    from variorum.types import Span  # noqa: PLC0415

    def units(rows: list[list[float]]) -> Units:
        v = np.array(rows, dtype=np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        return Units([Span("d", k, k + 1) for k in range(len(rows))], [9] * len(rows), v)

    a = units([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])  # the run is sentence 0
    unlike = units([[1, 0, 0, 0.6], [0, 0, 0, 1]])  # the rest: nothing like a (0.0)
    alike = units([[1, 0, 0, 0.6], [0, 0, 1, 0]])  # its sentence 1 is a's sentence 2
    beads = [Bead(0, 1, 0, 1, 0.7)]
    assert _stands_out(beads, 0.7, a, unlike, a.vectors @ unlike.vectors.T)
    assert not _stands_out(beads, 0.7, a, alike, a.vectors @ alike.vectors.T)


def test_a_run_stands_out_of_a_source_whose_other_sentences_tell_its_story() -> None:
    """The sentences of a chapter around a paraphrased run are like the run (0.6), not
    like the novel around it (0.2): read apart from the run, the background is 0.2 and
    the run (0.7) stands out; read against it, 0.4. A single pair reads it as before."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.meaning import _background, _stands_out  # noqa: PLC0415
    from variorum.align.sentences import Bead, Units  # noqa: PLC0415
    from variorum.types import Span  # noqa: PLC0415

    side = Units([Span("d", k, k + 1) for k in range(4)], [9] * 4, np.eye(4, dtype=np.float32))
    sims = np.full((4, 4), 0.2, dtype=np.float32)
    sims[:2, 2:] = 0.6  # the chapter's other verses against the paraphrase
    sims[2, 2] = sims[3, 3] = 0.7
    beads = [Bead(2, 3, 2, 3, 0.7), Bead(3, 4, 3, 4, 0.7)]
    assert _background(beads, side, side, sims) == pytest.approx(0.2)
    assert _stands_out(beads, 0.7, side, side, sims)
    one = [Bead(2, 4, 2, 4, 0.7)]
    assert _background(one, side, side, sims) == pytest.approx(0.4)
    assert not _stands_out(one, 0.7, side, side, sims)


def test_a_run_needs_less_margin_than_a_single_pair() -> None:
    """Two beads 0.72 alike over a background of 0.3 stand out (0.42, under the 0.45 a
    single pair needs); 0.69 alike (0.39) they do not."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.discover import SOLE_MARGIN  # noqa: PLC0415
    from variorum.align.meaning import _stands_out  # noqa: PLC0415
    from variorum.align.sentences import Bead, Units  # noqa: PLC0415
    from variorum.types import Span  # noqa: PLC0415

    side = Units([Span("d", k, k + 1) for k in range(4)], [9] * 4, np.eye(4, dtype=np.float32))
    sims = np.full((4, 4), 0.3, dtype=np.float32)
    sims[0, 0] = sims[1, 1] = 0.72
    beads = [Bead(0, 1, 0, 1, 0.72), Bead(1, 2, 1, 2, 0.72)]
    assert SOLE_MARGIN > 0.72 - 0.3
    assert _stands_out(beads, 0.72, side, side, sims)
    assert not _stands_out(beads, 0.69, side, side, sims)


def test_two_texts_are_in_two_languages_only_where_their_words_are_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A translation shares little but names; two English verses share "and", "the",
    "thou", whatever the language model says of one of them ("thou hast rebuked the
    heathen" read as German)."""
    import importlib  # noqa: PLC0415

    lang = importlib.import_module("variorum.embed.language")  # (the package's `language`
    # is the function of that name)

    assert lang.two_languages(LONE_EN, LONE_FR)
    assert not lang.two_languages(LONE_EN, LONE_OTHER)
    told = {LONE_EN: "en", LONE_OTHER: "de"}
    monkeypatch.setattr(lang, "language", lambda text, sure=0.2: told.get(text, "en"))
    assert not lang.two_languages(LONE_EN, LONE_OTHER)  # told apart, yet one language


def _axis_units() -> Callable[[list[tuple[int, float]]], Units]:
    """A maker of sentence units: each sentence `alike` to shared axis k (one (k, alike)
    a sentence), the rest of it on an axis of its own, beyond the shared ones (0-7)."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.sentences import Units  # noqa: PLC0415
    from variorum.types import Span  # noqa: PLC0415

    private = itertools.count(8)

    def units(rows: list[tuple[int, float]]) -> Units:
        v = np.zeros((len(rows), 64), dtype=np.float32)
        for n, (k, alike) in enumerate(rows):
            v[n, k], v[n, next(private)] = alike, (1 - alike * alike) ** 0.5
        return Units([Span("d", k, k + 1) for k in range(len(rows))], [12] * len(rows), v)

    return units


def _text_units() -> Callable[[Document, list[str], list[tuple[int, float]]], Units]:
    """A maker of the units of a document's `sentences`, each `alike` to shared axis k
    (one (k, alike) a sentence), the rest of it on an axis of its own (8 on)."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.sentences import Units  # noqa: PLC0415
    from variorum.types import Span  # noqa: PLC0415

    private = itertools.count(8)

    def units(doc: Document, sentences: list[str], rows: list[tuple[int, float]]) -> Units:
        spans, at = [], 0
        for s in sentences:
            at = doc.text.index(s, at)
            spans.append(Span(doc.id, at, at + len(s)))
        v = np.zeros((len(rows), 64), dtype=np.float32)
        for n, (k, alike) in enumerate(rows):
            v[n, k], v[n, next(private)] = alike, (1 - alike * alike) ** 0.5
        return Units(spans, [12] * len(rows), v)

    return units


def test_a_lone_sentence_pair_grows_into_the_run_that_stands_out_around_it() -> None:
    """A translated verse found alone (0.8 alike) takes in its neighbours where they stand
    out of the documents' background (0.55 and 0.6 against nothing), not where the rest of
    the documents is about as alike as they are."""
    from variorum.align.meaning import _grown  # noqa: PLC0415
    from variorum.align.sentences import Bead  # noqa: PLC0415

    units = _axis_units()
    a = units([(0, 0.0), (1, 1), (2, 1), (3, 1), (0, 0.0)])
    b = units([(0, 0.0), (1, 0.55), (2, 0.8), (3, 0.6), (0, 0.0)])
    sims = a.vectors @ b.vectors.T
    seed = Bead(2, 3, 2, 3, float(sims[2, 2]))
    grown = _grown(seed, a, b, sims, Options(), [])
    assert [(x.a0, x.b0) for x in grown] == [(1, 1), (2, 2), (3, 3)]
    # The same neighbours in documents whose other sentences are 0.6 alike: the seed alone.
    rest = [(4 + k % 4, 1.0) for k in range(12)]
    c = units([(1, 1), (2, 1), (3, 1), *rest])
    d = units([(1, 0.55), (2, 0.8), (3, 0.6), *[(k, 0.6) for k, _ in rest]])
    sims = c.vectors @ d.vectors.T
    seed = Bead(1, 2, 1, 2, float(sims[1, 1]))
    assert _grown(seed, c, d, sims, Options(), []) == [seed]


def test_a_grown_run_takes_the_next_sentences_that_stand_out_under_the_threshold() -> None:
    """A translated verse found alone (0.8 alike) takes in the next verse, 0.45 alike
    (under the threshold of 0.5, so the sentence aligner leaves it) where the rest of
    the documents is unlike, and the verse before it, which the other side says in two
    sentences, each 0.35 alike, 0.47 together; not where the rest is 0.4 alike."""
    from variorum.align.meaning import _grown  # noqa: PLC0415
    from variorum.align.sentences import Bead  # noqa: PLC0415

    units = _axis_units()
    a = units([(0, 0.0), (4, 1), (2, 1), (3, 1), (0, 0.0)])
    b = units([(0, 0.0), (4, 0.35), (4, 0.35), (2, 0.8), (3, 0.45), (0, 0.0)])
    sims = a.vectors @ b.vectors.T
    seed = Bead(2, 3, 3, 4, float(sims[2, 3]))
    grown = _grown(seed, a, b, sims, Options(), [])
    assert [(x.a0, x.a1, x.b0, x.b1) for x in grown] == [(1, 2, 1, 3), (2, 3, 3, 4), (3, 4, 4, 5)]
    # The same in documents whose other sentences are 0.4 alike: the seed alone.
    rest = [(5 + k % 3, 1.0) for k in range(9)]
    c = units([(0, 0.0), (4, 1), (2, 1), (3, 1), *rest])
    d = units([(0, 0.0), (4, 0.35), (4, 0.35), (2, 0.8), (3, 0.45), *[(k, 0.4) for k, _ in rest]])
    sims = c.vectors @ d.vectors.T
    seed = Bead(2, 3, 3, 4, float(sims[2, 3]))
    assert _grown(seed, c, d, sims, Options(), []) == [seed]


def test_a_grown_run_takes_a_short_sentence_between_it_and_the_next_pair() -> None:
    """A translated verse found alone (0.8 alike) takes in the next verse (0.6 alike)
    though a short sentence of the translation (an exclamation: "Sieh, HERR, wie bange
    mir ist!") stands between the two and is like neither: the short sentence goes with
    it. A sentence of LONE_WORDS words or more between them says something of its own,
    and the run stops before it."""
    from dataclasses import replace  # noqa: PLC0415

    from variorum.align.discover import LONE_WORDS  # noqa: PLC0415
    from variorum.align.meaning import _grown  # noqa: PLC0415
    from variorum.align.sentences import Bead  # noqa: PLC0415

    units = _axis_units()
    a = units([(0, 0.0), (2, 1), (3, 1), (0, 0.0)])
    b = units([(0, 0.0), (2, 0.8), (5, 0.3), (3, 0.6), (0, 0.0)])
    sims = a.vectors @ b.vectors.T
    seed = Bead(1, 2, 1, 2, float(sims[1, 1]))
    short = replace(b, words=[12, 12, LONE_WORDS - 2, 12, 12])
    grown = _grown(seed, a, short, sims, Options(), [])
    assert [(x.a0, x.a1, x.b0, x.b1) for x in grown] == [(1, 2, 1, 2), (2, 3, 2, 4)]
    assert _grown(seed, a, b, sims, Options(), []) == [seed]


def test_a_lone_pair_takes_the_sentence_beside_it_that_says_the_rest_of_one_sentence() -> None:
    """One side says in one sentence (axes 2 and 3) what the other says in two (0.8 like
    one axis each): the first of the two is the sentence's nearest (0.57 alike), the two
    together are 0.8 alike, and the lone pair grows from the sentence and the two (as
    Psalm 105:10 in one sentence of the KJV against Segond's verses 10 and 11). A
    sentence beside it that says nothing of the rest is left, and so is one whose
    nearest is another sentence."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.meaning import _grown, _widened  # noqa: PLC0415
    from variorum.align.sentences import Bead, Units  # noqa: PLC0415
    from variorum.types import Span  # noqa: PLC0415

    private = itertools.count(8)

    def units(rows: list[dict[int, float]]) -> Units:
        """Sentences on shared axes (k: alike), the rest of each on an axis of its own."""
        v = np.zeros((len(rows), 64), dtype=np.float32)
        for n, axes in enumerate(rows):
            for k, x in axes.items():
                v[n, k] = x
            v[n, next(private)] = max(0.0, 1 - sum(x * x for x in axes.values())) ** 0.5
        return Units([Span("d", k, k + 1) for k in range(len(rows))], [12] * len(rows), v)

    half = 0.5**0.5
    a = units([{}, {2: half, 3: half}, {}])
    b = units([{}, {2: 0.8}, {3: 0.8}, {}])
    sims = a.vectors @ b.vectors.T
    seed = Bead(1, 2, 1, 2, float(sims[1, 1]))
    assert [(x.a0, x.a1, x.b0, x.b1) for x in _grown(seed, a, b, sims, Options(), [])] == [
        (1, 2, 1, 3)
    ]
    c = units([{}, {2: 0.8}, {4: 0.8}, {}])
    sims = a.vectors @ c.vectors.T
    seed = Bead(1, 2, 1, 2, float(sims[1, 1]))
    assert _grown(seed, a, c, sims, Options(), []) == [seed]
    # The sentence before the pair is the translation of the sentence before the other
    # side's (0.8 alike): read with the pair it says more of the other side's sentence
    # (0.62 against 0.48), yet it is no part of the pair.
    d = units([{}, {2: 1.0}, {3: 0.6, 2: 0.5}, {}])
    e = units([{}, {2: 0.8}, {3: 0.8}, {}])
    sims = d.vectors @ e.vectors.T
    seed = Bead(2, 3, 2, 3, float(sims[2, 2]))
    assert _widened(seed, d, e, sims, [], lambda bead: True) == seed


def test_a_run_the_sentence_aligner_finds_takes_the_next_sentences_that_stand_out() -> None:
    """Two translated sentences 0.8 alike, which the sentence aligner finds as a run, take
    in the next sentence pair, 0.45 alike (under the aligner's threshold), where the rest
    of the documents is unlike: the edge verse of a translated insert, as a lone pair's
    run takes it (see _stepped). Before, only a lone pair's run took it."""
    from variorum.align.meaning import align_meaning  # noqa: PLC0415
    from variorum.text.tokenize import analyse  # noqa: PLC0415

    english, french = _sentences(STORY_EN)[:6], _sentences(STORY_FR)[:6]
    units = _text_units()
    source, host = Document("source", " ".join(english)), Document("host", " ".join(french))
    ua = units(source, english, [(0, 0), (2, 1), (3, 1), (4, 1), (0, 0), (0, 0)])
    ub = units(host, french, [(0, 0), (2, 0.8), (3, 0.8), (4, 0.45), (0, 0), (0, 0)])
    a, b = analyse(source), analyse(host)
    (p,) = align_meaning(a, b, Options(), [], embedded=(ua, ub))
    assert (p.a.start, p.a.end) == (ua.spans[1].start, ua.spans[3].end)
    assert (p.b.start, p.b.end) == (ub.spans[1].start, ub.spans[3].end)


def test_a_lexical_passage_a_run_meets_takes_the_edge_sentences_that_stand_out() -> None:
    """A passage of matching words over sentences 2 and 3, which a run by meaning meets,
    takes the pair before it (0.55 alike: under the 0.7 a pair in one language needs to
    extend a passage) and the pair after it (0.45: under the aligner's threshold), where
    the rest of the documents is unlike, as a run found alone takes them (see _stepped):
    a paraphrased insert's edge verses. Before, it took neither."""
    from variorum.align.meaning import align_meaning  # noqa: PLC0415
    from variorum.text.tokenize import analyse  # noqa: PLC0415
    from variorum.types import Passage, Segment, Span  # noqa: PLC0415

    english, other = _sentences(STORY_EN)[:6], _sentences(STORY_PARAPHRASE)[:6]
    units = _text_units()
    source, host = Document("source", " ".join(english)), Document("host", " ".join(other))
    ua = units(source, english, [(0, 0), (2, 1), (3, 1), (4, 1), (5, 1), (0, 0)])
    ub = units(host, other, [(0, 0), (2, 0.55), (3, 0.9), (4, 0.9), (5, 0.45), (0, 0)])
    a, b = analyse(source), analyse(host)
    side_a = (ua.spans[2].start, ua.spans[3].end)
    side_b = (ub.spans[2].start, ub.spans[3].end)
    lexical = Passage(
        Span("source", *side_a),
        Span("host", *side_b),
        "edited",
        0.8,
        0.8,
        12,
        24,
        24,
        (Segment(side_a, side_b),),
    )
    (p,) = align_meaning(a, b, Options(), [lexical], embedded=(ua, ub))
    assert (p.a.start, p.a.end) == (ua.spans[1].start, ua.spans[4].end)
    assert (p.b.start, p.b.end) == (ub.spans[1].start, ub.spans[4].end)


def test_a_lone_pair_that_grows_is_taken_before_an_echo_of_its_sentence() -> None:
    """The source says a refrain twice, first alone and closest to its translation (1.0
    against 0.85 in its place); the translation's run around the refrain grows from
    another sentence pair and takes the refrain in its place, and the refrain's pair with
    its first occurrence is an echo. Before, that pair came first (it comes first in the
    source) and was a second passage."""
    from variorum import Document  # noqa: PLC0415
    from variorum.align.meaning import _lone_sentences  # noqa: PLC0415
    from variorum.text.tokenize import analyse  # noqa: PLC0415

    english = [*_sentences(STORY_EN), *_sentences(UNRELATED)]
    french = _sentences(STORY_FR)
    units = _text_units()

    source, host = Document("source", " ".join(english)), Document("host", " ".join(french))
    # The refrain (axis 1) alone first, then in its place between two verses (axes 2, 3).
    ua = units(source, english[:7], [(1, 1), (0, 0), (0, 0), (2, 1), (1, 0.85), (3, 1), (0, 0)])
    ub = units(host, french[:5], [(0, 0), (2, 0.8), (1, 1), (3, 0.7), (0, 0)])
    sims = ua.vectors @ ub.vectors.T
    a, b = analyse(source), analyse(host)
    (p,) = _lone_sentences(ua, ub, sims, a, b, Options(), [], frozenset(), {})
    assert (p.a.start, p.a.end) == (ua.spans[3].start, ua.spans[5].end)
    assert (p.b.start, p.b.end) == (ub.spans[1].start, ub.spans[3].end)


def _sentences(text: str) -> list[str]:
    """A text's sentences, cut after each full stop."""
    return [s if s.endswith(".") else s + "." for s in text.split(". ")]


LAMP_EN = (
    "The keeper lit the great lamp at dusk, and its beam swept across the dark water to warn "
    "the ships of the rocks below the cliff."
)
LAMP_EDITED = (
    "At nightfall the guardian kindled the great lamp at dusk, and its beam swept across the "
    "dark water to warn the ships of the rocks below the cliff."
)


def test_a_lexical_passage_runs_on_to_the_edges_of_its_sentences_where_they_say_the_same() -> None:
    """An edited sentence matches word for word from "the great lamp" on; its opening
    says the same in other words ("The keeper lit", "At nightfall the guardian kindled"),
    and the two whole sentences are each other's nearest: the passage starts where both
    sentences start. Before, it started at the first matching word."""
    source = Document("source", UNRELATED + " " + LAMP_EN + " " + STORY_EN)
    host = Document("host", PREFACE + LAMP_EDITED)
    (p,) = [p for p in compare(source, host).passages if p.matched]
    assert source.text[p.a.start : p.a.end].startswith(LAMP_EN)
    assert host.text[p.b.start : p.b.end].startswith(LAMP_EDITED)


def test_a_scan_runs_a_lexical_passage_on_to_its_sentence_edges_in_any_pair() -> None:
    """In a scan the pair of the source and the edited sentence is not one discovery
    aligns by meaning (the sentence pair matches word for word: one vector for both, no
    link); its passage runs on to the sentences' edges all the same, as in a comparison.
    Before, the scan's passage started at "the great lamp"."""
    from variorum import scan  # noqa: PLC0415

    source = Document("source", STORY_EN + " " + LAMP_EN)
    host = Document("host", PREFACE + LAMP_EDITED + " " + UNRELATED)
    docs = [source, host, Document("tax", UNRELATED.replace("April", "May"))]
    (p,) = [p for p in scan(docs).passages if {p.a.doc, p.b.doc} == {"source", "host"}]
    s, h = (p.a, p.b) if p.a.doc == "source" else (p.b, p.a)
    assert source.text[s.start : s.end] == LAMP_EN
    assert host.text[h.start : h.end] == LAMP_EDITED


def test_a_passage_runs_on_to_its_sentence_edge_only_where_no_other_passage_lies() -> None:
    """Two passages either side of a rewording in one sentence pair: neither runs on into
    the sentence between them (they would overlap); alone, the first runs on to the end
    of the sentence it ends in."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.meaning import _to_edges  # noqa: PLC0415
    from variorum.align.sentences import Units  # noqa: PLC0415
    from variorum.text.tokenize import analyse  # noqa: PLC0415
    from variorum.types import Passage, Span  # noqa: PLC0415

    x = Document("x", "one two three four five. six seven eight nine ten.")
    y = Document("y", "one two three four five. six SEVEN EIGHT nine ten.")
    ux = Units([Span("x", 0, 24), Span("x", 25, 50)], [5, 5], np.eye(2, 8, dtype=np.float32))
    uy = Units([Span("y", 0, 24), Span("y", 25, 50)], [5, 5], np.eye(2, 8, dtype=np.float32))
    sims = ux.vectors @ uy.vectors.T

    def passage(a: tuple[int, int], b: tuple[int, int]) -> Passage:
        return Passage(Span("x", *a), Span("y", *b), "edited", 0.9, 0.9, 5, 5, 5)

    first, second = passage((0, 28), (0, 28)), passage((41, 50), (41, 50))
    a, b = analyse(x), analyse(y)
    assert _to_edges(first, [first, second], ux, uy, sims, Options(), a, b) == first
    alone = _to_edges(first, [first], ux, uy, sims, Options(), a, b)
    assert (alone.a.end, alone.b.end, alone.words_a) == (50, 50, 10)
