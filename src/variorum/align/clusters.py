"""Reuse clusters: the stretches of text that passages connect, across documents.

Passages are edges between spans. Spans of one document that overlap are one node, so a
passage reused in many documents gathers into one cluster, as passim does; each cluster
lists its members (one span per document and stretch) and the passages inside it.

Where the documents carry a date (a JSON Lines field `date`: "1921", "1921-03" or
"1921-03-05"), the earliest witness is named. Without dates, a direction is estimated
only when one member is visibly the fuller text the others excerpt: at least a fifth
longer than any other member.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from variorum.types import Cluster, Document, Passage, Span

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_FULLER = 1.2


def date_of(doc: Document | None) -> str | None:
    """A document's date from its metadata, when it is one ("1921", "1921-03-05")."""
    if doc is None:
        return None
    value = doc.meta.get("date")
    text = str(value).strip()[:10] if value is not None else ""
    return text if _DATE.match(text) else None


def _direction(members: tuple[Span, ...], date: Callable[[str], str | None]) -> Cluster:
    dated = [(date(m.doc), m) for m in members]
    known = sorted((d, m.doc, m.start) for d, m in dated if d is not None)
    if len(known) >= 2:
        first, second = known[0], known[1]
        if second[0] != first[0] or second[1] == first[1]:  # no tie between two documents
            span = next(m for m in members if (m.doc, m.start) == (first[1], first[2]))
            return Cluster(members, 0, earliest=span, earliest_date=first[0])
    by_size = sorted(members, key=lambda m: (-len(m), m.doc, m.start))
    others = [m for m in by_size[1:] if m.doc != by_size[0].doc]
    if others and len(by_size[0]) >= _FULLER * len(others[0]):
        return Cluster(members, 0, source=by_size[0])
    return Cluster(members, 0)


def cluster_of(spans: Iterable[Span], date: Callable[[str], str | None]) -> Cluster:
    """The cluster of a connected group of passage ends (two per passage).

    Its members are the spans merged where they overlap in one document; `date` gives a
    document's date (or None), for the earliest witness or the direction estimate.
    """
    merged: dict[str, list[list[int]]] = {}
    count = 0
    for s in sorted(spans, key=lambda s: (s.doc, s.start, s.end)):
        count += 1
        runs = merged.setdefault(s.doc, [])
        if runs and s.start < runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], s.end)
        else:
            runs.append([s.start, s.end])
    members = tuple(Span(doc, start, end) for doc, runs in merged.items() for start, end in runs)
    told = _direction(members, date)
    return Cluster(members, count // 2, told.earliest, told.earliest_date, told.source)


def cluster_order(c: Cluster) -> tuple[int, int, str, int]:
    """Clusters are listed largest first: by documents, then passages, then first member."""
    return (-c.documents, -c.passages, c.members[0].doc, c.members[0].start)


def overlaps(spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(k, holder): pairs of a document's spans (start, end) that overlap, by position in
    `spans`, enough of them to connect every overlapping run."""
    reach, holder = -1, -1
    for k in sorted(range(len(spans)), key=lambda k: spans[k]):
        start, end = spans[k]
        if start < reach:
            yield k, holder
        if end > reach:
            reach, holder = end, k


def clusters(
    passages: Sequence[Passage], documents: Mapping[str, Document] | None = None
) -> list[Cluster]:
    """The reuse clusters of a set of passages, largest first (repetitions left out).

    With `documents`, each cluster gets its earliest dated witness or a direction
    estimate (see the module's doc).
    """
    links = [p for p in passages if not p.is_repetition]
    spans = [s for p in links for s in (p.a, p.b)]
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    for k in range(len(links)):
        union(2 * k, 2 * k + 1)
    by_doc: dict[str, list[int]] = {}
    for i, s in enumerate(spans):
        by_doc.setdefault(s.doc, []).append(i)
    for members in by_doc.values():
        for k, holder in overlaps([(spans[i].start, spans[i].end) for i in members]):
            union(members[k], members[holder])
    groups: dict[int, list[Span]] = {}
    for i, s in enumerate(spans):
        groups.setdefault(find(i), []).append(s)
    known = documents or {}

    def date(doc: str) -> str | None:
        return date_of(known.get(doc))

    return sorted((cluster_of(group, date) for group in groups.values()), key=cluster_order)
