"""Quotes: quotations, their speakers and citations, traced across versions."""

from __future__ import annotations

import bisect
import re

from variorum.quotes.citations import citation_after, resolve
from variorum.quotes.extract import quotations
from variorum.quotes.speakers import speaker
from variorum.types import Document, Quotation

__all__ = ["find_quotations"]

# Earlier speakers stand in for a quotation without a cue this close to them.
_FALLBACK_REACH = 2000
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _turn(turns: list[tuple[str, int, int]], para: int, start: int) -> tuple[str | None, float]:
    """The likely speaker of a quotation without a cue, from the turns before it.

    In the same paragraph as the last quotation, the same speaker goes on; in a new one,
    a dialogue alternates, so the speaker of the turn before the last one speaks again
    (or the last speaker, where no one else spoke: an author quoted at length).
    """
    recent = [t for t in turns if start - t[2] < _FALLBACK_REACH]
    if not recent:
        return None, 0.0
    last = recent[-1]
    if last[1] == para:
        return last[0], 0.6
    others = [t for t in recent if t[0] != last[0]]
    if others and recent[-2][0] != last[0]:
        return recent[-2][0], 0.4
    return last[0], 0.5


def find_quotations(doc: Document) -> list[Quotation]:
    """The quotations of a document with their kind, speaker and citation (Ibid. resolved)."""
    text = doc.text
    found = quotations(text)
    cites = resolve([citation_after(text, q.end) if q.kind == "quotation" else None for q in found])
    out: list[Quotation] = []
    paragraphs = [m.start() for m in _PARAGRAPH.finditer(text)]
    turns: list[tuple[str, int, int]] = []  # (speaker, paragraph, end) of earlier quotations
    for q, cite in zip(found, cites, strict=True):
        name, cue, confidence = speaker(text, q.start, q.end)
        if cite is not None and cite.author and name is None:
            name, cue, confidence = cite.author, (cite.start, cite.end), 0.9
        para = bisect.bisect_right(paragraphs, q.start)
        if name is None and q.kind == "quotation":
            name, confidence = _turn(turns, para, q.start)
        if name is not None and q.kind == "quotation":
            turns.append((name, para, q.end))
        out.append(
            Quotation(
                doc=doc.id,
                start=q.start,
                end=q.end,
                kind=q.kind,
                speaker=name,
                speaker_cue=cue,
                confidence=confidence,
                citation=cite.fields() | {"start": cite.start, "end": cite.end} if cite else None,
            )
        )
    return out
