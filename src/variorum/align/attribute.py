"""Attribution: keep, for each stretch of a document, its best-matching partner.

When a novel quotes a chapter, and another novel quotes the same chapter, the two novels
also match each other; and a quotation of a verse repeated in two chapters matches both.
Those links are true but derived: the stretch is better explained by a stronger passage
that covers it. This stage drops a passage when, on either of its sides, most of its span
lies inside a passage with another document that matches better.
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
    """The passages not explained by a stronger passage on the same stretch of text.

    Repetitions inside one document are kept as they are.
    """
    by_doc: dict[str, list[tuple[Span, Span, Passage]]] = defaultdict(list)
    for p in passages:
        if not p.is_repetition:
            by_doc[p.a.doc].append((p.a, p.b, p))
            by_doc[p.b.doc].append((p.b, p.a, p))
    for spans in by_doc.values():
        spans.sort(key=lambda item: (item[0].start, item[0].end))
    dropped: set[int] = set()
    for p in passages:
        if p.is_repetition:
            continue
        for here, there in ((p.a, p.b), (p.b, p.a)):
            for span, other, q in by_doc[here.doc]:
                if span.start >= here.end:
                    break
                if (
                    q is not p
                    and other.doc != there.doc
                    and _strength(q) > _strength(p)
                    and _mostly_inside(here, span)
                ):
                    dropped.add(id(p))
                    break
            if id(p) in dropped:
                break
    return [p for p in passages if id(p) not in dropped]
