"""Quotes: quotations, their speakers and citations, traced across versions."""

from __future__ import annotations

from variorum.quotes.citations import citation_after, resolve
from variorum.quotes.extract import quotations
from variorum.quotes.speakers import speaker
from variorum.types import Document, Quotation

__all__ = ["find_quotations"]

# The last named speaker stands in for a quotation without a cue this close to it.
_FALLBACK_REACH = 2000


def find_quotations(doc: Document) -> list[Quotation]:
    """The quotations of a document with their kind, speaker and citation (Ibid. resolved)."""
    text = doc.text
    found = quotations(text)
    cites = resolve([citation_after(text, q.end) if q.kind == "quotation" else None for q in found])
    out: list[Quotation] = []
    last: tuple[str, int] | None = None  # the last named speaker and where
    for q, cite in zip(found, cites, strict=True):
        name, cue, confidence = speaker(text, q.start, q.end)
        if cite is not None and cite.author and name is None:
            name, cue, confidence = cite.author, (cite.start, cite.end), 0.9
        if name is None and q.kind == "quotation" and last and q.start - last[1] < _FALLBACK_REACH:
            name, cue, confidence = last[0], None, 0.5
        if name is not None and q.kind == "quotation":
            last = (name, q.end)
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
