"""Attribution: each stretch of text keeps its closest relative.

When two novels quote one chapter, the novels also match each other; a quotation of a
verse that two chapters share matches both. Those links are true but derived. This stage
keeps a passage when, on at least one of its two sides, no passage with a third document
covering most of the same stretch matches better: every stretch keeps its best partner
(the nearest-neighbour links of the witnesses, which a spanning tree of them contains),
and a link that is second best on both of its sides is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from variorum.types import Passage, Span


def _strength(p: Passage) -> tuple[float, int]:
    return (p.evidence, p.matched)


def _mostly_inside(x: Span, y: Span) -> bool:
    return 2 * (min(x.end, y.end) - max(x.start, y.start)) > x.end - x.start


def best_links(passages: Sequence[Passage]) -> list[Passage]:
    """The passages that are the best match of at least one of their two stretches.

    Repetitions inside one document are kept as they are.
    """
    by_doc: dict[str, list[tuple[Span, Span, Passage]]] = defaultdict(list)
    for p in passages:
        if not p.is_repetition:
            by_doc[p.a.doc].append((p.a, p.b, p))
            by_doc[p.b.doc].append((p.b, p.a, p))

    def outmatched(p: Passage, here: Span, there: Span) -> bool:
        """Whether a stronger passage with a third document covers this side's stretch."""
        weight = _strength(p)
        return any(
            q is not p
            and other.doc != there.doc
            and _strength(q) > weight
            and _mostly_inside(here, span)
            for span, other, q in by_doc[here.doc]
        )

    return [
        p
        for p in passages
        if p.is_repetition or not (outmatched(p, p.a, p.b) and outmatched(p, p.b, p.a))
    ]
