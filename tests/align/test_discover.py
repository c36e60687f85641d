"""Discovery by meaning in a scan: twins share a vector, leads stand for their twins.

The texts are those of test_meaning.py, written for the tests.
"""

from __future__ import annotations

from variorum import Document, Options, scan
from variorum.align.discover import discover
from variorum.align.meaning import align_meaning
from variorum.align.sentences import align_units
from variorum.text.tokenize import analyse

from .test_meaning import PREFACE, STORY_EN, STORY_FR, STORY_PARAPHRASE, UNRELATED

# An edited copy of the English story: a few words changed, every sentence still alike.
STORY_COPY = (
    STORY_EN.replace("old fisherman", "old sailor")
    .replace("two hours", "three hours")
    .replace("the village", "his village")
)


def collection() -> list[Document]:
    return [
        Document("story", STORY_EN),
        Document("copy", STORY_COPY),
        Document("novel", PREFACE + STORY_FR + " " + UNRELATED),
        Document("tax", UNRELATED.replace("April", "May")),
    ]


def test_twins_are_embedded_once_and_both_find_the_translation() -> None:
    docs = collection()
    lexical = scan(docs, Options(semantic=False, all_links=True)).passages
    assert {(p.a.doc, p.b.doc) for p in lexical if p.a.doc != p.b.doc} >= {("story", "copy")}
    analysed = [analyse(d) for d in docs]
    found = discover(analysed, lexical, Options(all_links=True).resolved(scan=True))
    # The copy's sentences borrow the story's vectors; "novel"/"tax" share UNRELATED.
    assert found.embedded < found.sentences
    story, copy = found.units[0], found.units[1]
    assert len(story.spans) == len(copy.spans)
    assert (story.vectors == copy.vectors).all()
    assert {(0, 2), (1, 2)} <= set(found.pairs)
    assert found.leads[(1, 2)] == {(0, 2)}  # the story's sentences linked the copy
    result = scan(docs, Options(semantic=True, all_links=True))
    translated = {(p.a.doc, p.b.doc) for p in result.passages if p.kind == "translation"}
    assert translated == {("story", "novel"), ("copy", "novel")}


def test_a_paraphrase_of_a_whole_text_or_standing_out_needs_less_similarity() -> None:
    original, version = analyse(Document("a", STORY_EN)), analyse(Document("b", STORY_PARAPHRASE))
    opts = Options().resolved(scan=True)
    # A bar no paraphrase reaches: a run through most of both texts passes.
    (whole,) = align_meaning(original, version, opts, [], paraphrase_bar=0.99)
    assert whole.kind == "paraphrase"
    assert (whole.b.start, whole.b.end) == (0, len(STORY_PARAPHRASE))
    # So does a run that stands out of a host unlike it (a tax notice).
    padded = analyse(Document("c", STORY_PARAPHRASE + " " + " ".join([UNRELATED] * 3)))
    (run,) = align_meaning(original, padded, opts, [], paraphrase_bar=0.99)
    assert (run.b.start, run.b.end) == (0, len(STORY_PARAPHRASE))


def test_sentence_runs_answered_from_memory_are_the_same() -> None:
    docs = collection()
    lexical = scan(docs, Options(semantic=False, all_links=True)).passages
    found = discover([analyse(d) for d in docs], lexical, Options().resolved(scan=True))
    first = align_units(found.units[0], found.units[2], threshold=0.5, min_score=0.6)
    first.clear()  # the caller's list is its own
    again = align_units(found.units[0], found.units[2], threshold=0.5, min_score=0.6)
    assert again
    # The copy's units have the story's vectors: the same runs.
    assert again == align_units(found.units[1], found.units[2], threshold=0.5, min_score=0.6)


def test_twins_through_a_third_document_link_their_own_pair() -> None:
    """Sentences twins only through a third document share one vector, so they never
    link each other: the pair the lexical layer did not align directly gets their votes."""
    again = STORY_COPY.replace("old sailor", "aged sailor").replace("marketplace", "market")
    docs = [*collection()[:2], Document("again", again)]
    lexical = [
        p
        for p in scan(docs, Options(semantic=False, all_links=True)).passages
        if {p.a.doc, p.b.doc} != {"story", "again"}
    ]
    assert {(p.a.doc, p.b.doc) for p in lexical} == {("story", "copy"), ("copy", "again")}
    found = discover([analyse(d) for d in docs], lexical, Options().resolved(scan=True))
    assert found.pairs == [(0, 2)]
    assert found.leads[(0, 2)] == {(0, 2)}


def test_one_sentence_said_in_two_by_another_document_links_them() -> None:
    """The story's last sentence, translated in two sentences inside a tax notice: each
    half is too little like it to link the documents, the two together are a split link
    (Discovery.split), and the scan finds the passage through both."""
    split = "Il rentra au village, fatigué mais heureux. Puis il vendit toute sa pêche au marché."
    docs = [Document("story", STORY_EN), Document("notice", f"{UNRELATED} {split} {PREFACE}")]
    found = discover([analyse(d) for d in docs], [], Options().resolved(scan=True))
    assert found.pairs == [(0, 1)]
    assert not found.sole
    assert len(found.split) == 1
    (p,) = scan(docs).passages
    assert p.kind == "translation"
    assert STORY_EN[p.a.start : p.a.end] == STORY_EN[STORY_EN.index("He returned") :]
    assert docs[1].text[p.b.start : p.b.end] == split


def test_the_background_of_a_link_is_what_stands_outside_it() -> None:
    """Two documents whose other sentences are unlike anything in the other have a
    background of 0, so their link stands out by its whole similarity; where the other
    sentences have doubles in the other document, the background is 1."""
    import numpy as np  # noqa: PLC0415

    from variorum.align.discover import background  # noqa: PLC0415

    link = np.array([[0.9, 0.0], [0.0, 0.0]], dtype=np.float32)  # row 0 and column 0 link
    doubles = np.array([[0.9, 0.0], [0.0, 1.0]], dtype=np.float32)
    rest_x, rest_y = np.array([False, True]), np.array([False, True])
    assert background(link, rest_x, rest_y) == 0.0
    assert background(doubles, rest_x, rest_y) == 1.0
    # The rest is read against the whole other document, the link's sentence included.
    assert background(doubles, rest_x, np.array([False, False])) == 1.0
    nothing = np.array([False, False])
    assert background(link, nothing, nothing) is None


def test_a_sole_link_must_stand_out_of_its_documents() -> None:
    import numpy as np  # noqa: PLC0415

    from variorum.align.discover import SOLE_MARGIN, _margin  # noqa: PLC0415

    def unit(*values: float) -> list[float]:
        v = np.array(values, dtype=np.float32)
        return list(v / np.linalg.norm(v))

    vectors = np.array(
        [
            unit(1, 0, 0, 0),  # 0: the link's sentence in x
            unit(0, 1, 0, 0),  # 1: x
            unit(0.9, 0.1, 0, 0),  # 2: the link's sentence in y
            unit(0, 0, 1, 0),  # 3: y, unlike anything in x
            unit(0, 1, 0, 0),  # 4: z, the double of 1
        ],
        dtype=np.float32,
    )
    x, y, z = np.array([0, 1]), np.array([2, 3]), np.array([2, 4])
    assert _margin(vectors, x, y, 0, 2) >= SOLE_MARGIN
    assert _margin(vectors, x, z, 0, 2) < SOLE_MARGIN


def test_the_background_reads_an_even_sample_of_a_long_document() -> None:
    import numpy as np  # noqa: PLC0415

    from variorum.align.discover import _BACKGROUND_ROWS, _spread  # noqa: PLC0415

    short = np.arange(10)
    assert _spread(short).tolist() == short.tolist()
    rows = np.arange(100, 100 + 4 * _BACKGROUND_ROWS)
    sample = _spread(rows)
    assert len(sample) == _BACKGROUND_ROWS
    assert (sample[0], sample[-1]) == (rows[0], rows[-1])
    assert set(np.diff(sample).tolist()) <= {3, 4, 5}  # evenly spaced


def test_links_each_enough_alone_link_a_pair_together_too() -> None:
    """Two links that barely clear the bar do not link a pair by their weight; where one
    of them would link it alone (two languages, or sole), both together do too."""
    from variorum.align.discover import pair_linked  # noqa: PLC0415

    weak = [0.12, 0.13]  # similarity above the threshold: less than _MIN_WEIGHT together
    links = [(1, 7), (2, 8)]
    assert not pair_linked(weak, links, lambda u, v: False)
    assert pair_linked(weak, links, lambda u, v: (u, v) == (2, 8))
    assert pair_linked([0.2, 0.2], links, lambda u, v: False)


# The story told as a chronicle joins it: three sentences in one, by colons (as the KJV
# joins verses), 67 words.
JOINED = (
    "The old fisherman left the harbour before dawn, and the sea was calm under a grey sky: "
    "He rowed for two hours until he reached the rocks where the big fish lived, and there "
    "he dropped his net and waited in silence: At noon the net was so heavy that he could "
    "hardly lift it, and he called to the boys on the shore to help him."
)


def test_a_long_sentence_is_cut_where_it_joins_sentences() -> None:
    """In a scan (`joins`), a sentence of more than 40 words is cut after a colon or a
    semicolon that a capitalised word follows, not "I", into pieces of 8 words or more;
    shorter sentences, other marks and line ends are left alone."""
    from variorum.align.sentences import unit_spans  # noqa: PLC0415

    def pieces(text: str, joins: bool = True) -> list[str]:
        spans, _ = unit_spans(analyse(Document("x", text)), joins=joins)
        return [text[s.start : s.end] for s in spans]

    assert pieces(JOINED) == [
        JOINED[: JOINED.index("He rowed")].rstrip(),
        JOINED[JOINED.index("He rowed") : JOINED.index("At noon")].rstrip(),
        JOINED[JOINED.index("At noon") :],
    ]
    assert pieces(JOINED, joins=False) == [JOINED]
    short = "He rowed for two hours: At noon the net was so heavy that he could hardly lift it."
    assert pieces(short) == [short]
    kept = JOINED.replace(": He", ": I think he").replace(": At", "; at")
    kept = kept.replace("sky: ", "sky\nand ")
    assert pieces(kept) == [kept]


def test_a_verse_said_alone_is_found_in_the_sentence_that_joins_it_to_others() -> None:
    """A chronicle's sentence of three joined by colons, one of which a letter translates
    as a sentence of its own: against the whole sentence the translation is too little
    alike to link them; against its piece it is a translation the scan finds."""
    verse = (
        "Il rama pendant deux heures jusqu'aux rochers où vivaient les gros poissons, "
        "et là il jeta son filet et attendit en silence."
    )
    docs = [Document("chronicle", JOINED), Document("letter", f"{UNRELATED} {verse} {PREFACE}")]
    (p,) = scan(docs).passages
    assert p.kind == "translation"
    assert JOINED[p.a.start : p.a.end] == JOINED[JOINED.index("He rowed") : JOINED.index(" At")]
    assert docs[1].text[p.b.start : p.b.end] == verse
