"""Reuse clusters: the stretches of text that passages connect, across documents.

Passages are edges between spans. Spans of one document that overlap are one node, so a
passage reused in many documents gathers into one cluster, as passim does; each cluster
lists its members (one span per document and stretch) and the passages inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from variorum.types import Passage, Span


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents sharing a passage: their spans, and how many passages join them."""

    members: tuple[Span, ...]
    passages: int

    @property
    def documents(self) -> int:
        return len({m.doc for m in self.members})


def clusters(passages: Sequence[Passage]) -> list[Cluster]:
    """The reuse clusters of a set of passages, largest first (repetitions left out)."""
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
        members.sort(key=lambda i: (spans[i].start, spans[i].end))
        reach, holder = -1, -1
        for i in members:
            if spans[i].start < reach:
                union(i, holder)
            if spans[i].end > reach:
                reach, holder = spans[i].end, i
    groups: dict[int, list[int]] = {}
    for i in range(len(spans)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for group in groups.values():
        merged: dict[str, list[list[int]]] = {}
        for i in sorted(group, key=lambda i: (spans[i].doc, spans[i].start)):
            s = spans[i]
            runs = merged.setdefault(s.doc, [])
            if runs and s.start < runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], s.end)
            else:
                runs.append([s.start, s.end])
        spans_of = tuple(
            Span(doc, start, end) for doc, runs in merged.items() for start, end in runs
        )
        out.append(Cluster(spans_of, len(group) // 2))
    out.sort(key=lambda c: (-c.documents, -c.passages, c.members[0].doc, c.members[0].start))
    return out
