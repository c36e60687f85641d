"""The aligner: planted passages are found with their bounds, and its output keeps its promises."""

from __future__ import annotations

import itertools
import pickle
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import edit, plant, sentence_words, vocabulary
from variorum import Document, Options, Passage, compare
from variorum.types import Edit, Result

VOCAB = vocabulary(random.Random(0))
# These tests hold the lexical aligner to its promises. Pseudo-word prose is outside what
# the sentence encoder can read (it finds all of it alike), so the semantic layer is off.
LEXICAL = Options(repetitions=False, semantic=False)


def planted_pair(
    seed: int, rate: float, length: int
) -> tuple[Document, Document, tuple[int, int], tuple[int, int]]:
    rng = random.Random(seed)
    passage = sentence_words(rng, VOCAB, length)
    copy = edit(rng, passage, VOCAB, rate)
    text_a, sa, ea = plant(
        sentence_words(rng, VOCAB, rng.randint(0, 300)),
        passage,
        sentence_words(rng, VOCAB, rng.randint(0, 300)),
    )
    text_b, sb, eb = plant(
        sentence_words(rng, VOCAB, rng.randint(0, 300)),
        copy,
        sentence_words(rng, VOCAB, rng.randint(0, 300)),
    )
    return Document("a", text_a), Document("b", text_b), (sa, ea), (sb, eb)


def check_spans(result: Result) -> None:
    texts = {d.id: d.text for d in result.documents}
    for p in result.passages:
        for span in (p.a, p.b):
            assert 0 <= span.start < span.end <= len(texts[span.doc])
            assert (
                texts[span.doc][span.start : span.end].strip()
                == texts[span.doc][span.start : span.end]
            )
        for seg in p.segments:
            assert p.a.start <= seg.a[0] < seg.a[1] <= p.a.end
            assert p.b.start <= seg.b[0] < seg.b[1] <= p.b.end
        for e in p.edits:
            assert p.a.start <= e.a[0] <= e.a[1] <= p.a.end
            assert p.b.start <= e.b[0] <= e.b[1] <= p.b.end
        assert [s.a for s in p.segments] == sorted(s.a for s in p.segments)


def _shared(x: str, y: str) -> bool:
    """Whether two stretches share a word, whatever stop or comma follows it."""
    return bool({w.strip(".,;:") for w in x.split()} & {w.strip(".,;:") for w in y.split()})


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    rate=st.sampled_from([0.0, 0.05, 0.1, 0.15]),
    length=st.integers(30, 150),
)
def test_a_planted_passage_is_found_with_its_bounds(seed: int, rate: float, length: int) -> None:
    a, b, (sa, ea), (sb, eb) = planted_pair(seed, rate, length)
    result = compare(a, b, LEXICAL)
    check_spans(result)
    assert len(result.passages) == 1, result.passages
    p = result.passages[0]
    slack = 12  # characters: about one word
    # Random words beside both planted passages that share a word by chance may join the
    # passage: up to six (align.ops.snap's reach, to the edge of their sentence).
    early = _shared(a.text[p.a.start : sa], b.text[p.b.start : sb])
    late = _shared(a.text[ea : p.a.end], b.text[eb : p.b.end])
    for text, (start, end), span in ((a.text, (sa, ea), p.a), (b.text, (sb, eb), p.b)):
        # Never more than a word beyond the planted passage (or those six)...
        before, after = text[span.start : start].split(), text[end : span.end].split()
        assert span.start >= start - slack or (early and len(before) <= 6)
        assert span.end <= end + slack or (late and len(after) <= 6)
        if rate == 0.0:
            # ...a verbatim copy with its exact bounds...
            assert span.start <= start + slack
            assert span.end >= end - slack
        else:
            # ...an edited one nearly whole: edits bunched at an end can hide the last
            # words (two replaced words then two kept ones score a tie, not a gain).
            overlap = min(end, span.end) - max(start, span.start)
            assert overlap >= (0.85 if rate <= 0.05 else 0.75) * (end - start)
    if rate == 0.0:
        assert p.kind == "verbatim"
        assert p.edits == ()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), rate=st.sampled_from([0.05, 0.1]))
def test_compare_mirrors_and_is_deterministic(seed: int, rate: float) -> None:
    a, b, _, _ = planted_pair(seed, rate, 80)
    ab = compare(a, b, Options(semantic=False))
    ba = compare(b, a, Options(semantic=False))

    def key(p: Passage) -> tuple[int, int, int, int]:
        return (p.a.start, p.a.end, p.b.start, p.b.end)

    mirrored = sorted((p.swapped() for p in ba.passages if not p.is_repetition), key=key)
    assert mirrored == sorted((p for p in ab.passages if not p.is_repetition), key=key)
    assert compare(a, b, Options(semantic=False)) == ab


def test_unrelated_texts_share_nothing() -> None:
    rng = random.Random(5)
    a = Document("a", " ".join(sentence_words(rng, VOCAB, 2000)))
    b = Document("b", " ".join(sentence_words(rng, VOCAB, 2000)))
    assert compare(a, b, LEXICAL).passages == ()


def test_edits_and_segments_of_an_edited_reprint() -> None:
    opening, middle = "The bridge was opened on", "The mayor spoke at length;"
    a = Document("a", f"{opening} Tuesday. {middle} the crowd cheered loudly. It rained later.")
    b = Document("b", f"{opening} Wednesday. {middle} the crowd cheered. It rained later.")
    result = compare(a, b, Options(min_words=5))
    (p,) = result.passages
    assert p.kind == "edited"
    changed = [(e.op, a.text[e.a[0] : e.a[1]], b.text[e.b[0] : e.b[1]]) for e in p.edits]
    assert changed == [("replace", "Tuesday", "Wednesday"), ("delete", "loudly", "")]
    assert [(a.text[s.a[0] : s.a[1]], b.text[s.b[0] : s.b[1]]) for s in p.segments] == [
        ("The bridge was opened on Tuesday.", "The bridge was opened on Wednesday."),
        ("The mayor spoke at length;", "The mayor spoke at length;"),
        ("the crowd cheered loudly.", "the crowd cheered."),
        ("It rained later.", "It rained later."),
    ]


def test_repetition_inside_one_document_can_be_switched_off() -> None:
    rng = random.Random(9)
    chorus = sentence_words(rng, VOCAB, 30)
    text = " ".join(
        sentence_words(rng, VOCAB, 100) + chorus + sentence_words(rng, VOCAB, 100) + chorus
    )
    other = Document("b", " ".join(sentence_words(rng, VOCAB, 200)))
    found = compare(Document("a", text), other, Options(semantic=False)).passages
    assert [p.is_repetition for p in found] == [True]
    assert text[found[0].a.start : found[0].a.end] == text[found[0].b.start : found[0].b.end]
    assert compare(Document("a", text), other, Options(repetitions=False)).passages == ()


def test_a_passage_said_twelve_times_is_each_copy_repeated_by_the_next() -> None:
    """One offering told twelve times, one giver a day (as Numbers 7 tells it), each copy
    right after the one before: eleven repetitions, copy by next copy. Its phrases occur
    twelve times, 144 pairs, over the occurrence cap that keeps a phrase said all over a
    text from seeding: they seeded nothing, and no repetition was found."""
    rng = random.Random(12)
    gift = sentence_words(rng, VOCAB, 40)
    givers = [sentence_words(rng, VOCAB, 3) for _ in range(12)]
    copies = [" ".join(giver + gift) for giver in givers]
    text = " ".join(copies)
    found = compare(Document("a", text), Document("b", "Nothing else."), Options(semantic=False))
    repeated = sorted(
        ((p.a, p.b) for p in found.passages if p.is_repetition), key=lambda s: s[0].start
    )
    starts = [text.index(copy) for copy in copies]
    assert len(repeated) == 11
    for (a, b), here, there in zip(repeated, starts, starts[1:], strict=False):
        assert here <= a.start < there <= b.start  # each copy (giver or not) by the next
        assert a.end <= b.start  # the two never overlap


def test_a_chorus_said_three_times_is_repeated_twice() -> None:
    """A chorus after each of three verses: the second copy repeats the first, the third
    the second (not the first again)."""
    rng = random.Random(3)
    chorus = sentence_words(rng, VOCAB, 30)
    text = " ".join(
        sentence_words(rng, VOCAB, 100)
        + chorus
        + sentence_words(rng, VOCAB, 100)
        + chorus
        + sentence_words(rng, VOCAB, 100)
        + chorus
    )
    other = Document("b", " ".join(sentence_words(rng, VOCAB, 200)))
    found = compare(Document("a", text), other, Options(semantic=False)).passages
    copies = [p for p in found if p.is_repetition]
    assert len(copies) == 2
    assert copies[0].b.start == copies[1].a.start


def test_passages_come_back_from_a_pickle_whole() -> None:
    rng = random.Random(8)
    words = sentence_words(rng, VOCAB, 400)
    a = Document("a", " ".join(words))
    b = Document("b", " ".join(edit(rng, words, VOCAB, 0.1)))
    passages = compare(a, b, LEXICAL).passages
    assert any(p.edits for p in passages)
    assert any(p.segments for p in passages)
    languages = replace(passages[0], languages=("en", None))
    again = pickle.loads(pickle.dumps((*passages, languages), protocol=pickle.HIGHEST_PROTOCOL))
    assert again == (*passages, languages)
    assert [type(e) for p in again for e in p.edits] == [Edit] * sum(len(p.edits) for p in again)


_SERMON = (
    "It was a day of rain and wind when the miller came to the priest at last. The harvest "
    "was late that year, and the farmers of the valley waited on the weather with a "
    "patience that surprised everyone. Every morning the priest walked to the bridge and "
    "looked at the river, which ran high and brown between its banks. The children "
    "counted the boats that passed under it, and the old women counted the children. "
    "In the evenings the smith sat outside his forge and told stories of the war, which "
    "nobody believed, about horses that swam across lakes and generals who slept in "
    "barns. The schoolmaster wrote them down in a green notebook that he kept under his "
    "pillow, for he meant one day to print them. Let no one among you keep a grudge "
    "against a neighbour, the priest told the village that Sunday, for the judge is "
    "standing at the door already. The miller went home and mended his wheel in silence."
)
_QUOTE = (
    "Let no one among you keep a grudge against a neighbour, the priest told the village "
    "that Sunday, for the judge is standing at the door already."
)


def test_a_quotation_is_found_though_a_stray_match_of_common_words_stands_before_it() -> None:
    """ "a day of", shared by chance far before a quoted sentence, draws the two into one
    group of chains too thin to align; cut at its widest gap, the quotation stands alone,
    since the two documents share nothing else."""
    host = (
        "Nothing happened in the house for a day of two, and then the letters began to "
        "arrive from town. Her brother kept the accounts of the estate and wrote to the "
        "lawyers twice a week, complaining of the price of oats and the idleness of "
        "tenants. Their mother embroidered cushions that nobody used and read novels that "
        "she hid from the curate. When the spring came the road flooded as it always did, "
        "and the carriage stayed in the coach house while the horses grew fat. Visitors "
        "were rare; the doctor called on Thursdays and stayed for dinner, talking about "
        "drains and the new railway, which he was sure would ruin the county for ever. "
        "She read the sermon aloud: " + _QUOTE + " Nobody spoke after that."
    )
    (p,) = compare(Document("sermon", _SERMON), Document("host", host)).passages
    assert host[p.b.start : p.b.end] == _QUOTE
    assert p.kind == "verbatim"


_TALLY = (
    "The orchard keeper counted the quinces twice, once at dawn and once at dusk, and "
    "wrote each tally on the whitewashed lintel with a stub of charcoal, so that the "
    "steward, riding past on his grey mare, might read without dismounting how the "
    "harvest stood and whether the cider press should be mended before the frost."
)


def test_a_passage_does_not_run_on_to_a_chance_phrase_a_paragraph_later() -> None:
    """Two diaries copy one paragraph; a paragraph of each later, both happen to say
    "to come and". The chance phrase, set apart by more words than it has by eight times
    over, is no part of the passage: it ends where the copy does."""
    first = (
        "Monday. Wet again.\n\n" + _TALLY + "\n\nThe vicar dined with us and talked of "
        "nothing but the new organ, the bellows of which leak, and of the choir, which sings "
        "flat whenever the widow from the mill leads it. Father listened politely and then "
        "fell asleep over the walnuts. Mother says the curate has asked leave to come and "
        "read to her on Thursdays."
    )
    second = (
        "A letter from my cousin.\n\n" + _TALLY + "\n\nShe writes that the roads north "
        "of the ford are impassable, that her husband has sold the bay horse at a loss, and "
        "that the children have all had the measles one after another since Lady Day. She "
        "begs that we will not worry, and asks whether the spare room is aired, for she "
        "hopes to come and stay for a fortnight when the weather turns."
    )
    (p,) = compare(Document("first", first), Document("second", second), LEXICAL).passages
    assert first[p.a.start : p.a.end] == _TALLY
    assert second[p.b.start : p.b.end] == _TALLY


def test_a_part_of_a_thin_group_stands_alone_only_where_little_else_is_shared() -> None:
    from variorum.align.join import Box  # noqa: PLC0415
    from variorum.align.pair import _promising  # noqa: PLC0415

    opts = Options().resolved(scan=False)
    stray, quote = Box(10, 13, 40, 43, 3), Box(190, 211, 160, 181, 21)
    boxes = [stray, quote]
    assert _promising([[0, 1]], boxes, opts) == []  # thin, and one document: not cut
    assert [1] in _promising([[0, 1]], boxes, opts, (1000, 1000))  # (the stray goes later)
    # Two documents that share formulas throughout (40 more chains of 3 words).
    formulas = [Box(300 + 10 * k, 303 + 10 * k, 300 + 10 * k, 303 + 10 * k, 3) for k in range(40)]
    assert _promising([[0, 1]], boxes + formulas, opts, (1000, 1000)) == []


def test_a_short_verbatim_quotation_may_open_with_a_formula_of_its_source() -> None:
    """A scan keeps a quotation of 10 to 19 words where its wording is said once in each
    document: a verbatim one needs only half of its word 5-grams said once, so a verse
    that opens with the chapter's stock "And he said unto them" is still found; a
    reworded one must be said once throughout, as before."""
    from variorum import scan  # noqa: PLC0415

    verse = "And he said unto them, Know ye not this riddle? how then will ye know all riddles?"
    chapter = " ".join(
        [
            "And he said unto them, Go into the village over against you.",
            "And he said unto them, The harvest truly is great, but the labourers are few.",
            verse,
            "And he said unto them, Take heed what ye hear, and keep it in your hearts.",
            "And they went out and preached that men should turn from their ways.",
        ]
    )
    host = (
        "The curate had chosen his text with care, and the congregation waited. "
        + verse
        + " He let the words hang in the cold air of the church before he went on."
    )
    other = "Prices at the market rose again this week, and the farmers were not pleased."
    docs = [Document("chapter", chapter), Document("host", host), Document("other", other)]
    found = scan(docs, replace(LEXICAL, all_links=True)).passages
    (p,) = [p for p in found if {p.a.doc, p.b.doc} == {"chapter", "host"}]
    side = p.a if p.a.doc == "host" else p.b
    assert host[side.start : side.end] == verse


def test_a_passage_that_is_a_small_part_of_what_two_documents_match_is_their_idiom() -> None:
    from variorum.align.join import Box  # noqa: PLC0415
    from variorum.align.pair import _idiom  # noqa: PLC0415

    # 40 chains of 3 words outside a passage of 20 matching words: 120 words, 6 times it.
    strays = [Box(300 + 10 * k, 303 + 10 * k, 300 + 10 * k, 303 + 10 * k, 3) for k in range(40)]
    short = ([("equal", 100, 120, 100, 120)], 1.0)
    long = ([("equal", 100, 140, 100, 140)], 1.0)
    assert _idiom([short], strays, (1000, 1000)) == []
    assert _idiom([long], strays, (1000, 1000)) == [long]  # 40 words: 3 times it
    # Passages are weighed together: a book's paraphrase matches in many short ones.
    other = ([("equal", 200, 220, 200, 220)], 1.0)
    assert _idiom([short, other], strays, (1000, 1000)) == [short, other]
    assert _idiom([short], strays, (10_000, 10_000)) == [short]  # strays of long documents
    # The chains inside a passage, or overlapping it on either side, are not elsewhere.
    echoes = [Box(105, 108, 300 + 10 * k, 303 + 10 * k, 3) for k in range(40)]
    assert _idiom([short], echoes, (1000, 1000)) == [short]


_TURNS = [
    "and the priest shall burn it upon the altar",
    "before the door of the tabernacle of the congregation",
    "it shall be a statute for ever unto your generations",
    "and ye shall be holy unto the LORD your God",
    "and he shall be unclean until the even",
    "an offering made by fire of a sweet savour",
    "and wash his clothes and bathe himself in water",
    "and the priest shall make an atonement for him",
    "whatsoever parteth the hoof and cheweth the cud",
    "and it shall be forgiven him",
]
_SHARED = (
    "And if his offering be of the flock, of the sheep or of the goats, he shall bring it "
    "a male without blemish, and kill it on the side of the altar northward."
)


def _law(seed: int) -> str:
    """A chapter of pseudo-words in which ten stock phrases of a law recur (three times
    each: a phrase said more often seeds nothing, see `occurrence_cap`), with _SHARED in
    its middle."""
    rng = random.Random(seed)
    turns = rng.sample(_TURNS * 3, len(_TURNS) * 3)  # in another order in each chapter
    verses = [" ".join(sentence_words(rng, VOCAB, 10)).rstrip(".") + " " + t + "." for t in turns]
    # Nothing matches within 160 words of _SHARED: it is a group of its own (see _promising).
    apart = [" ".join(sentence_words(rng, VOCAB, 170)) for _ in range(2)]
    return " ".join([*verses[:15], apart[0], _SHARED, apart[1], *verses[15:]])


def test_two_chapters_of_one_law_share_a_verse_as_their_idiom_a_host_quotes_it() -> None:
    """Two chapters whose stock phrases recur throughout share one verse word for word:
    a turn of their idiom (the law says it wherever it speaks of offerings), no passage
    unless `formulas` asks for it. A story that quotes the verse from one of them holds
    it as a passage all the same."""
    first, second = Document("first", _law(1)), Document("second", _law(2))
    assert compare(first, second, LEXICAL).passages == ()
    kept = compare(first, second, replace(LEXICAL, formulas=True)).passages
    assert any(second.text[p.b.start : p.b.end] == _SHARED for p in kept)
    host = (
        "Nothing happened in the house for a day or two, and then the letters began to "
        "arrive from town. The curate read the chapter aloud at supper: " + _SHARED + " Her "
        "brother kept the accounts of the estate and wrote to the lawyers twice a week."
    )
    (p,) = compare(first, Document("host", host), LEXICAL).passages
    assert host[p.b.start : p.b.end] == _SHARED


@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 60)), max_size=40),
    st.tuples(st.integers(0, 200), st.integers(0, 60)),
)
def test_stretches_meeting_a_stretch_are_those_that_overlap_it(
    kept: list[tuple[int, int]], probe: tuple[int, int]
) -> None:
    """The kept paths a path is weighed against (`_Stretches`, so that five thousand
    repetitions in a row are not weighed each against all the others) are exactly those
    that overlap it."""
    from variorum.align.pair import _Stretches  # noqa: PLC0415

    stretches = _Stretches()
    for number, (start, length) in enumerate(kept):
        stretches.add(start, start + length, number)
    start, end = probe[0], probe[0] + probe[1]
    expected = {n for n, (s, length) in enumerate(kept) if s < end and s + length > start}
    assert stretches.meeting(start, end) == expected


@given(
    st.integers(1, 40),
    st.lists(
        st.tuples(
            st.sampled_from(["equal", "replace", "delete", "insert"]),
            st.integers(1, 9),
            st.integers(1, 9),
        ),
        min_size=1,
        max_size=30,
    ),
)
def test_a_path_over_its_own_copies_is_cut_into_copies_that_do_not_overlap(
    period: int, steps: list[tuple[str, int, int]]
) -> None:
    """`periods`: the pieces tile a prefix of the path in order (a run of equal words cut
    inside it, no other edit), and no piece's two sides overlap."""
    from variorum.align.ops import Op, periods  # noqa: PLC0415

    ops: list[Op] = []
    i, j = 0, period
    for tag, n, m in steps:
        di = 0 if tag == "insert" else n
        dj = 0 if tag == "delete" else (n if tag == "equal" else m)
        ops.append((tag, i, i + di, j, j + dj))
        i, j = i + di, j + dj
    pieces = periods(ops)
    flat = [op for piece in pieces for op in piece]
    assert all(piece for piece in pieces)
    for piece in pieces:
        assert piece[-1][2] <= piece[0][3]  # the first copy ends before the second starts
    for x, y in itertools.pairwise(flat):
        assert (x[2], x[4]) == (y[1], y[3])  # contiguous, in order
    if flat:
        assert flat[0][1] == 0
    edits = [op for op in flat if op[0] != "equal"]
    assert edits == [op for op in ops if op[0] != "equal"][: len(edits)]  # never cut
