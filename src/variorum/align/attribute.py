"""Attribution: each stretch of text keeps its closest relative.

When two novels quote one chapter, the novels also match each other; a quotation of a
verse that two chapters share matches both. Those links are true but derived. This stage
keeps a passage when, on at least one of its two sides, no passage with a third document
covering most of the same stretch matches better: every stretch keeps its best partner
(the nearest-neighbour links of the witnesses, which a spanning tree of them contains),
and a link that is second best on both of its sides is dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Sequence
from typing import TypeVar

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


def best_links(passages: Sequence[Passage]) -> list[Passage]:
    """The passages that are the best match of at least one of their two stretches.

    Repetitions inside one document are kept as they are.
    """
    by_doc: dict[str, list[Side[int]]] = defaultdict(list)
    for k, p in enumerate(passages):
        if not p.is_repetition:
            by_doc[p.a.doc].append((k, p.a, p.b, strength(p)))
            by_doc[p.b.doc].append((k, p.b, p.a, strength(p)))
    sides_lost = Counter(k for sides in by_doc.values() for k in outmatched(sides))
    return [p for k, p in enumerate(passages) if sides_lost[k] < 2]
