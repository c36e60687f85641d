"""Attribution: each stretch of text keeps its closest relative.

When two novels quote one chapter, the novels also match each other; a quotation of a
verse that two chapters share matches both. Those links are true but derived. This stage
keeps a passage when, on at least one of its two sides, no passage with a third document
covering most of the same stretch matches better: every stretch keeps its best partner
(the nearest-neighbour links of the witnesses, which a spanning tree of them contains),
and a link that is second best on both of its sides is dropped. Before that, a link
between two quotations of one text that a third document holds whole is dropped
(`through_third`), however alike the two quotations are. A link second best on one side
and only tied on the other, with the link of a copy that holds the text at home, is
dropped too (`tied_with_home`: a parallel chapter goes with the chapter, not with a
novel's verbatim quotation of it). A translation found by meaning alone is dropped where
one of its stretches is part of a longer passage with a third document in the language
of its own other side (`echoes`); the links dropped so, and those through a third,
outmatch no other. A quotation linked to several places of a document that says its
text more than once keeps one link (`one_place`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from functools import cache
from typing import Protocol, TypeVar

import numpy as np

from variorum.align.join import meets
from variorum.index.weights import FloatArray
from variorum.text.tokenize import Analysed, HashArray
from variorum.types import Passage, Span

K = TypeVar("K", bound=Hashable)


# One side of a passage, as attribution sees it: the passage's key, its stretch in this
# document, its stretch in the other, and its strength (see `strength`).
Side = tuple[K, Span, Span, tuple[bool, float, int]]


def strength(p: Passage) -> tuple[bool, float, int]:
    """How strongly a passage ties its two stretches: passages with matching words first,
    then evidence, then matched words.

    A passage found by meaning alone (no word matches: a translation, or a paraphrase
    beyond the lexical layer's reach) has a sentence similarity for evidence, which is not
    on the scale of the lexical evidence (0.88 for two verses that tell alike of two
    servants sent, while the verse's own revision scores 0.85): it never outmatches a
    passage with matching words, only others by meaning.
    """
    return (p.matched > 0, p.evidence, p.matched)


def _mostly_inside(x: Span, y: Span) -> bool:
    return 2 * (min(x.end, y.end) - max(x.start, y.start)) > x.end - x.start


def _inside(x: Span, y: Span) -> bool:
    """Whether x lies inside y, but for a tenth of it (ends aligned a word apart)."""
    return 10 * (min(x.end, y.end) - max(x.start, y.start)) >= 9 * (x.end - x.start)


def outmatched(sides: Sequence[Side[K]]) -> Iterator[K]:
    """The keys of the passages outmatched on this document's side: a stronger passage
    with a third document covers most of the same stretch. `sides` are all the sides of
    passages in one document (both engines group them so)."""
    for key, here, there, weight in sides:
        if any(
            other != key and far.doc != there.doc and w > weight and _mostly_inside(here, span)
            for other, span, far, w in sides
        ):
            yield key


# The text a stretch stands in, either way, to tell whether it is at home there: as many
# characters as the stretch, and this many at least.
_AROUND = 1000
# A third document holds a text at home where the stretch's words stand around it there
# this many times as much as around either quotation (see `at_home`).
_AT_HOME = 1.5

# How informative each of a collection's words is, by hash (see index.weights).
Weigh = Callable[[HashArray], FloatArray]
# Stretches [start, end) of one document.
Stretches = tuple[tuple[int, int], ...]


class Home(Protocol):
    """How at home a document's stretch is in it (see `at_home`), by document id, start
    and end, the words of the stretches `without` left out of what stands around it."""

    def __call__(self, doc: str, start: int, end: int, without: Stretches = ()) -> float | None: ...


def at_home(
    x: Analysed, start: int, end: int, weigh: Weigh, without: Stretches = ()
) -> float | None:
    """The share of the information of the words of x's text[start:end] that the text
    around it uses too, each distinct word weighed by `weigh` (the engine's: by how few
    of the collection's documents use it, so that "the" and "unto" count for nothing, the
    names and the words of a book much). A verse in its chapter stands among verses that
    name the same people and things in the same words, the same verse quoted in a novel
    among the novel's (over the gold passages of our tune half's embedded corpora, 0.36
    and 0.06 on average; the source's stretch the more at home in 98 % of them, 1.5 times
    as much or more in 95 %, the quotation's so in 1 %). None where less than half of
    `_AROUND` stands around it (a whole chapter has nothing around it). The words of the
    stretches `without` (other copies of the text, see `one_place`) are not counted
    among those around it."""
    reach = max(_AROUND, end - start)
    if min(start, reach) + min(len(x.doc.text) - end, reach) < _AROUND // 2:
        return None
    starts, ends, hashes = x.tokens.starts, x.tokens.ends, x.tokens.hashes
    first, last = np.searchsorted(starts, start), np.searchsorted(ends, end, side="right")
    words = np.unique(hashes[first:last])
    weights = weigh(words)
    total = float(weights.sum())
    if total <= 0.0:
        return 0.0
    around = np.r_[
        np.searchsorted(starts, start - reach) : first,
        last : np.searchsorted(ends, end + reach, side="right"),
    ]
    for lo, hi in without:
        if lo < end + reach and hi > start - reach:
            around = around[(starts[around] < lo) | (ends[around] > hi)]
    return float(weights[np.isin(words, hashes[around])].sum()) / total


def _held_at_home(third: float | None, quotations: Sequence[float | None]) -> bool:
    """Whether a third document's stretch is `_AT_HOME` times as much at home as each
    quotation's (see `at_home`; None, where one was not measured, tells nothing)."""
    known = [x for x in quotations if x is not None]
    if third is None or len(known) < len(quotations):
        return False
    return third > 0.0 and third >= _AT_HOME * max(known)


def homes(analysed_of: Callable[[str], Analysed], weigh: Weigh) -> Home:
    """`at_home` for a stretch of any document (`analysed_of` gives a document's
    tokens by id), each stretch measured once."""

    @cache
    def home(doc: str, start: int, end: int, without: Stretches = ()) -> float | None:
        return at_home(analysed_of(doc), start, end, weigh, without)

    return home


def through_third(
    passages: Sequence[Passage], by_doc: dict[str, list[Side[int]]], home: Home | None = None
) -> Iterator[int]:
    """The links between two quotations of one text that a third document holds whole.

    Two novels quote overlapping runs of one chapter, verses 5 to 8 and 7 to 12: each run
    is linked to the chapter, and the two runs to each other by the verses they share.
    That link is the chapter's: on each side it lies inside the quotation's link to the
    chapter, and in the chapter the two quotations overlap with each reaching beyond the
    other, so only the chapter holds all of what they quote. It is dropped, even where the
    two quotations are more alike than either is to the chapter (two modern versions of
    an old one). Where one quotation holds the other whole (verses 3 to 10 against 5 to
    8), the chapter and the longer quotation hold the same, and which one the shorter
    quoted their layout cannot tell: the words around them can (`home`, see `at_home`).
    A quotation stands among words of its own document, a verse in its chapter among
    verses that use its words: the link is the chapter's where the chapter's stretch is
    `_AT_HOME` times as much at home as either quotation (each the whole stretch linked
    to the chapter). Otherwise (or without `home`) the link stays, for the closest
    relative to decide.
    """

    def third_holds(t: str, a_side: Span, ta: Span, b_side: Span, tb: Span) -> bool:
        """Whether the link's two quotations (`a_side`, `b_side`, linked to stretches
        `ta` and `tb` of third document `t`) are the third's, not each other's."""
        if not meets(ta, tb):
            return False
        if not _inside(ta, tb) and not _inside(tb, ta):
            return True  # each reaches beyond the other: only the third holds both
        if home is None:
            return False
        third = home(t, min(ta.start, tb.start), max(ta.end, tb.end))
        # each quotation whole: inside the longer, the shorter's stretch stands among
        # the longer's words
        return _held_at_home(third, [home(s.doc, s.start, s.end) for s in (a_side, b_side)])

    links: dict[tuple[str, str], list[tuple[Span, Span]]] = defaultdict(list)
    for sides in by_doc.values():
        for _, here, there, _ in sides:
            links[here.doc, there.doc].append((here, there))
    for k, p in enumerate(passages):
        if p.is_repetition:
            continue
        thirds = {there.doc for _, _, there, _ in by_doc[p.a.doc]} - {p.a.doc, p.b.doc}
        if any(
            third_holds(t, a_side, ta, b_side, tb)
            for t in sorted(thirds)
            for a_side, ta in links[p.a.doc, t]
            if _inside(p.a, a_side)
            for b_side, tb in links[p.b.doc, t]
            if _inside(p.b, b_side)
        ):
            yield k


def _language_of(p: Passage, doc: str) -> str | None:
    """The language of the passage's stretch in `doc` (None where it was not told)."""
    if p.languages is None:
        return None
    return p.languages[0] if p.a.doc == doc else p.languages[1]


def echoes(passages: Sequence[Passage], by_doc: dict[str, list[Side[int]]]) -> Iterator[int]:
    """The translations found by meaning alone that echo a longer passage: on one side,
    their stretch lies mostly inside a longer stretch of a passage with a third document,
    whose other side is in the language of their own other side. A translated verse in
    a novel, aligned with its source in a run of verses, is a little more like a verse of
    another chapter, alone (0.6 against 0.55: a French psalm's "L'Éternel est le Dieu
    fort" and "He is the LORD our God" of another psalm); it has its counterpart in that
    language already. A translation in a language the stretch has no counterpart in is
    kept: a verse that one novel quotes in French and another in English, from one
    chapter, is quoted twice. `by_doc`: each document's sides (keys into `passages`)."""
    for k, p in enumerate(passages):
        if p.kind != "translation" or p.matched or p.is_repetition:
            continue
        for here, there in ((p.a, p.b), (p.b, p.a)):
            language = _language_of(p, there.doc)
            if language is not None and any(
                _language_of(passages[other], far.doc) == language
                and far.doc != there.doc
                and span.end - span.start > here.end - here.start
                and _mostly_inside(here, span)
                for other, span, far, _ in by_doc[here.doc]
            ):
                yield k
                break


def _same_stretch(x: Span, y: Span) -> bool:
    return _mostly_inside(x, y) and _mostly_inside(y, x)


def one_place(
    passages: Sequence[Passage], by_doc: dict[str, list[Side[int]]], home: Home
) -> Iterator[int]:
    """The links of a quotation to the other copies of a text that its source says more
    than once, but the strongest (the first of the strongest in the source).

    Numbers 7 lists one offering twelve times, a prince's a day, in the same words: a
    novel that quotes the offering matches all twelve as well, and quoted one of them,
    which its words cannot tell. One stretch of a document linked to two or more
    stretches of one other document that lie apart keeps one link where the stretch
    is a quotation and the others are the source's: the other's stretches stand among
    words of their own (`home`, each without the copies, `_AT_HOME` times as much at
    home as the stretch is in its document). A sermon that quotes a verse twice is the
    other way round: the verse stands among its chapter's words, each quotation among
    the sermon's once the other quotation is left out, and both links are kept.
    `by_doc`: each document's sides (keys into `passages`)."""
    for doc in sorted(by_doc):
        by_other: dict[str, list[Side[int]]] = defaultdict(list)
        for side in by_doc[doc]:
            by_other[side[2].doc].append(side)
        for other in sorted(by_other):
            sides = by_other[other]
            for k, here, there, weight in sides:
                copies = [
                    (w, far)
                    for key, span, far, w in sides
                    if key != k and _same_stretch(here, span) and not meets(far, there)
                ]
                if not any((w, -far.start) > (weight, -there.start) for w, far in copies):
                    continue
                without = tuple(sorted((far.start, far.end) for _, far in copies))
                theirs = home(other, there.start, there.end, without)
                if _held_at_home(theirs, [home(doc, here.start, here.end)]):
                    yield k


def best_links(passages: Sequence[Passage], home: Home | None = None) -> list[Passage]:
    """The passages that are the best match of at least one of their two stretches, less
    the links through a third document (`through_third`; `home` tells how at home a
    stretch is in its document, see `homes`), those best on one side by a tie only with
    a copy at home (`tied_with_home`), a quotation's links to the other copies of a text
    its source repeats (`one_place`) and the translations that echo a longer passage
    (`echoes`).

    Repetitions inside one document are kept as they are.
    """
    by_doc: dict[str, list[Side[int]]] = defaultdict(list)
    for k, p in enumerate(passages):
        if not p.is_repetition:
            by_doc[p.a.doc].append((k, p.a, p.b, strength(p)))
            by_doc[p.b.doc].append((k, p.b, p.a, strength(p)))
    # A link through a third document, then an echo, is dropped before the others are
    # weighed: it outmatches no passage (a French run in a novel, linked to its chapter
    # and, 0.66 against 0.65, to a novel that quotes the chapter word for word, is the
    # chapter's; the link with the quotation is an echo of it).
    derived = set(through_third(passages, by_doc, home))
    _leave_out(by_doc, derived)
    echo = set(echoes(passages, by_doc))
    _leave_out(by_doc, echo)
    lost = {(k, doc) for doc, sides in by_doc.items() for k in outmatched(sides)}
    sides_lost = Counter(k for k, _ in lost)
    twin = set(tied_with_home(passages, by_doc, lost, home)) if home is not None else set()
    copied = set(one_place(passages, by_doc, home)) if home is not None else set()
    dropped = echo | derived | twin | copied
    return [p for k, p in enumerate(passages) if sides_lost[k] < 2 and k not in dropped]


def _leave_out(by_doc: dict[str, list[Side[int]]], keys: set[int]) -> None:
    """Each document's sides less those of the passages `keys`."""
    if keys:
        for doc, sides in by_doc.items():
            by_doc[doc] = [side for side in sides if side[0] not in keys]


def tied_with_home(
    passages: Sequence[Passage],
    by_doc: dict[str, list[Side[int]]],
    lost: set[tuple[int, str]],
    home: Home,
) -> Iterator[int]:
    """The links outmatched on one side by a link to a third document, and only tied on
    the other with that third's link, where the third holds the text at home and the
    first does not (`home`, see `at_home`).

    A novel quotes a chapter word for word and a third document has a parallel of it (1
    Chronicles 1 beside Genesis 25): the parallel is as alike to the quotation as to the
    chapter, and the tie leaves both its links best on its side. The quotation's link
    to the parallel is outmatched on the novel's side by its link to the chapter, and so
    is the chapter's on the chapter's side: which copy the parallel goes with, the words
    around them tell. The chapter's stretch stands among verses that use its words,
    `_AT_HOME` times as much as the quotation among the novel's (each the whole stretch
    of their link): the parallel is the chapter's. (`lost`: each passage key with the
    document it is outmatched in.)"""
    for k, p in enumerate(passages):
        if p.is_repetition or ((k, p.a.doc) in lost) == ((k, p.b.doc) in lost):
            continue
        # mine: p's stretch where it is outmatched; here: its other, where it is not
        mine, here = (p.a, p.b) if (k, p.a.doc) in lost else (p.b, p.a)
        weight = strength(p)
        thirds = {
            far.doc: (span, far)
            for other, span, far, w in by_doc[mine.doc]
            if other != k and far.doc != here.doc and w > weight and _mostly_inside(mine, span)
        }
        tied = {
            far.doc
            for other, span, far, w in by_doc[here.doc]
            if other != k and far.doc in thirds and w >= weight and _mostly_inside(here, span)
        }
        for t in sorted(tied):
            quoted, held = thirds[t]
            if _held_at_home(
                home(t, held.start, held.end), [home(quoted.doc, quoted.start, quoted.end)]
            ):
                yield k
                break
