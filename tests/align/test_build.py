"""Segment cut points: the vectorised search against a plain token-by-token reference."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.align.test_pair import planted_pair
from tests.helpers import sentence_words, vocabulary
from variorum.align.build import Side, _cuts, _units_paired
from variorum.align.ops import Op, bounds
from variorum.align.pair import _paths
from variorum.options import Options
from variorum.text.tokenize import analyse
from variorum.types import Document

VOCAB = vocabulary(random.Random(3))


def naive_cuts(ops: list[Op], a: Side, b: Side) -> list[tuple[int, int]]:
    i1, i2, j1, j2 = bounds(ops)
    ba, bb = a.breaks.tolist(), b.breaks.tolist()

    def both(x: int, y: int) -> bool:
        return i1 < x < i2 and j1 < y < j2 and ba[x - 1] > 0 and bb[y - 1] > 0

    (comma_a, capital_a), (comma_b, capital_b) = a.commas, b.commas

    def marked(x: int, y: int) -> bool:
        inside = i1 < x < i2 and j1 < y < j2
        return inside and comma_a[x] and comma_b[y] and (capital_a[x] or capital_b[y])

    def one_sided(x: int, y: int) -> bool:
        inside = i1 < x < i2 and j1 < y < j2
        return inside and ((ba[x - 1] > 0 and comma_b[y]) or (comma_a[x] and bb[y - 1] > 0))

    cuts: list[tuple[int, int]] = []
    for tag, a1, a2, b1, b2 in ops:
        if tag == "equal":
            for x in range(a1, a2 + 1):
                y = b1 + x - a1
                if both(x, y) or marked(x, y) or (a1 < x < a2 and one_sided(x, y)):
                    cuts.append((x, y))
        elif tag == "delete":
            cuts.extend((x, b1) for x in range(a1, a2 + 1) if both(x, b1))
        elif tag == "insert":
            cuts.extend((a1, y) for y in range(b1, b2 + 1) if both(a1, y))
        else:
            if both(a1, b1):
                cuts.append((a1, b1))
            xs = [x for x in range(a1 + 1, a2) if ba[x - 1] > 0]
            ys = [y for y in range(b1 + 1, b2) if bb[y - 1] > 0]
            if xs and len(xs) == len(ys):
                cuts.extend(zip(xs, ys, strict=True))
            if both(a2, b2):
                cuts.append((a2, b2))
    unique: list[tuple[int, int]] = []
    for c in cuts:
        if not unique or (c[0] > unique[-1][0] and c[1] > unique[-1][1]):
            unique.append(c)
    return unique


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), rate=st.sampled_from([0.0, 0.05, 0.15]))
def test_cuts_match_the_reference_between_documents(seed: int, rate: float) -> None:
    a, b, _, _ = planted_pair(seed, rate, 80)
    x, y = analyse(a), analyse(b)
    for ops in _paths(x, y, Options(min_words=10))[0]:
        assert _cuts(ops, Side(x), Side(y)) == naive_cuts(ops, Side(x), Side(y))


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_cuts_match_the_reference_inside_one_document(seed: int) -> None:
    rng = random.Random(seed)
    chorus = sentence_words(rng, VOCAB, 40)
    words = sentence_words(rng, VOCAB, 30) + chorus + sentence_words(rng, VOCAB, 20) + chorus
    x = analyse(Document("d", " ".join(words)))
    for ops in _paths(x, None, Options(min_words=10))[0]:
        assert _cuts(ops, Side(x), Side(x)) == naive_cuts(ops, Side(x), Side(x))


def _paired(a: str, b: str) -> list[tuple[str, str]]:
    """The pieces of one segment over all of a and b, once their sentences are paired."""
    side_a, side_b = Side(analyse(Document("a", a))), Side(analyse(Document("b", b)))
    ends = (len(side_a.starts), len(side_b.starts))
    points = _units_paired([(0, 0), ends], side_a, side_b)
    out = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        (sa, ea), (sb, eb) = side_a.span(x0, x1), side_b.span(y0, y1)
        out.append((a[sa:ea], b[sb:eb]))
    return out


def test_a_segment_is_cut_where_both_sides_end_a_sentence() -> None:
    """A reworded pair of sentences that the path crossed as one segment (the second
    sentence's start inside an insertion on one side, a replacement on the other) is cut
    between them; sentences at very different shares of the two stretches are not paired."""
    a = "and that which the cankerworm hath left hath the caterpiller eaten. Awake, ye drunkards."
    b = "and what the plant-worm did not take, was food for the field-fly. Come out, you drunkards."
    pieces = _paired(a, b)
    assert [x.strip() for x, _ in pieces] == [a[: a.index("Awake")].strip(), "Awake, ye drunkards."]
    assert [y.strip() for _, y in pieces][1] == "Come out, you drunkards."
    long_a = "one two. " + " ".join(["then the second runs on and on"] * 6) + "."
    long_b = "and this is the first clause of many words, running on and on. then the second."
    assert len(_paired(long_a, long_b)) == 1


def _segment_texts(a: str, b: str) -> list[tuple[str, str]]:
    """The texts of the segments of the one passage two short documents share."""
    from variorum import compare  # noqa: PLC0415

    (p,) = compare(Document("a", a), Document("b", b), Options(min_words=5)).passages
    return [(a[slice(*s.a)], b[slice(*s.b)]) for s in p.segments]


def test_a_segment_is_cut_at_a_comma_that_sets_a_verse_apart() -> None:
    """The KJV starts a verse inside a sentence with a capital after a comma; where the
    revision has the comma at the same point of an exact run, the segment is cut there
    (and not at a comma that starts no capitalised word)."""
    a = (
        "And God set them in the firmament of the heaven to give light upon the earth, "
        "And to rule over the day and over the night, and to divide the light from the darkness."
    )
    b = (
        "God set them in the expanse of sky to give light to the earth, "
        "and to rule over the day and over the night, and to divide the light from the darkness."
    )
    cut = [(x.strip(), y.strip()) for x, y in _segment_texts(a, b)]
    assert cut[0][0].endswith("upon the earth,")
    assert cut[0][1].endswith("to the earth,")
    assert cut[1][0].startswith("And to rule over the day and over the night, and to divide")


def test_a_segment_is_cut_where_one_side_ends_a_clause_and_the_other_has_a_comma() -> None:
    """Inside an exact run, a clause or sentence end on one side against a comma on the
    other is a cut (the revision ends with a full stop the clause its original ends with
    a comma); at the start of a run, after words the other side has elsewhere, it is not."""
    a = (
        "The keeper rang the old bell at the gate of the mill by the river, And said to the "
        "boys who waited there that the bread of the morning was ready and still warm."
    )
    b = (
        "The keeper rang the old bell at the gate of the mill by the river. And he said to "
        "the boys who waited there that the bread of the morning was ready and still warm."
    )
    cut = _segment_texts(a, b)
    assert cut[0] == (a[: a.index(",") + 1], b[: b.index(".") + 1])
    # A word the other side lacks ("four"), then a comma against a full stop: no cut.
    side_a = Side(analyse(Document("a", "one two three four, five six seven eight")))
    side_b = Side(analyse(Document("b", "one two three. five six seven eight")))
    ops: list[Op] = [("equal", 0, 3, 0, 3), ("delete", 3, 4, 3, 3), ("equal", 4, 8, 3, 7)]
    assert _cuts(ops, side_a, side_b) == []
    # Inside a run, the same comma against the full stop is one.
    side_b = Side(analyse(Document("b", "one two three four. five six seven eight")))
    assert _cuts([("equal", 0, 8, 0, 8)], side_a, side_b) == [(4, 4)]
