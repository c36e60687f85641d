"""Citations after quotations, parsed into fields; "Ibid." and "op. cit." resolved.

A citation is the short paragraph that follows a quotation ("Trotsky, Les défaitistes
totalitaires, pp. 165, 169."), a parenthesis right after it ("(Trotsky 1938, p. 12)"), or
the note that a footnote or endnote marker right after it points to ("…"[3], "…"³, "…"[^3]
with the note "3. Trotsky, …" or "[^3]: Trotsky, …" on a line of its own further on).
It is parsed into author, title, place, publisher, year and pages; "Ibid." takes the
fields of the citation before it, "op. cit." those of the last one by the same author.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

_SPACES = re.compile(r"\s+")
_IBID = re.compile(r"^(?:ibid|ibidem|id)\b\.?\s*,?\s*(.*)$", re.I)
_OP_CIT = re.compile(r"\bop\.?\s*cit\.?", re.I)
_PAGES = re.compile(r"\b(?:pp?|pages?|S)\.?\s*(\d[\d\s,\-–—]*\d|\d+)")
_PUBLISHED = re.compile(r"\(\s*([^():]+?)\s*:\s*([^(),]+?)\s*,\s*(\d{4})\s*\)")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_LOOKS_CITED = re.compile(r"\bpp?\.\s*\d|\bibid\b|\bop\.?\s*cit\b|\(\s*[^()]*\d{4}\s*\)", re.I)
_PARENTHESIS = re.compile(r"\s*\(([^()]{3,200})\)")
_MAX_CITATION = 400
_SUPERSCRIPTS = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789"
)
# A note marker right after a quotation: [3], [^3], ^3, ³, or digits glued to the mark.
_MARKER = re.compile(
    r"[.,;:!?]?(?:\[\^?(?P<bracket>\d{1,3}|[*\u2020\u2021])\]|\^(?P<caret>\d{1,3})"
    r"|(?P<sup>[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3})|(?P<glued>\d{1,3})(?=[\s,.;:)]|$))"
)
_NOTES_REACH = 200_000


@dataclass(frozen=True, slots=True)
class Citation:
    """A parsed citation and where it stands (`start:end` in the document)."""

    start: int
    end: int
    text: str
    author: str | None = None
    title: str | None = None
    place: str | None = None
    publisher: str | None = None
    year: str | None = None
    pages: str | None = None
    ibid: bool = False
    op_cit: bool = False
    marker: str | None = None  # the note's marker, for a footnote or endnote

    def fields(self) -> dict[str, str | bool]:
        out: dict[str, str | bool] = {"text": self.text}
        for name in ("author", "title", "place", "publisher", "year", "pages"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.ibid:
            out["ibid"] = True
        if self.op_cit:
            out["op_cit"] = True
        if self.marker:
            out["note"] = self.marker
        return out


def parse(text: str, start: int = 0, end: int | None = None) -> Citation:
    """Fields of one citation's text."""
    flat = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
    cite = Citation(start, start + len(text) if end is None else end, flat)
    pages_match = _PAGES.search(flat)
    pages = None
    if pages_match:
        pages = re.sub(r"\s*[-–—]+\s*", "-", pages_match.group(1)).strip(" ,")
    ibid = _IBID.match(flat)
    if ibid:
        return replace(cite, ibid=True, pages=pages)
    body = flat[: pages_match.start()] if pages_match else flat
    published = _PUBLISHED.search(body)
    place = publisher = year = None
    if published:
        place, publisher, year = published.group(1), published.group(2), published.group(3)
        body = body[: published.start()] + body[published.end() :]
    op_cit = bool(_OP_CIT.search(body))
    body = _OP_CIT.sub("", body)
    if year is None and (found := _YEAR.search(body)):
        year = found.group(1)
    head, _, rest = body.partition(",")
    author = head.strip(" .") or None
    title = rest.strip(" ,.;:") or None
    if author and len(author.split()) > 6:  # no author, only a title
        author, title = None, body.strip(" ,.;:")
    return replace(
        cite, author=author, title=title, place=place, publisher=publisher, year=year,
        pages=pages, op_cit=op_cit,
    )  # fmt: skip


# A note line ("3. Trotsky, …", "[^3]: Trotsky, …", "³ Ibid."): its marker in any form
# the text's markers take (bracketed, with a caret, followed by a dot or parenthesis,
# or, superscript or a symbol, bare), then its body.
_KEY = r"\d{1,3}|[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3}|[*\u2020\u2021]"
_NOTE_LINE = re.compile(
    rf"^[ \t]*(?:\[\^?(?P<bracket>{_KEY})\]:?|(?P<dot>{_KEY})[.)]|\^(?P<caret>{_KEY})"
    r"|(?P<bare>[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3}|[*\u2020\u2021]))"
    r"[ \t]+(?P<body>\S[^\n]*)$",
    re.MULTILINE,
)


class Notes:
    """The note lines of a text by their key, read in one pass the first time a
    quotation has a marker: each marker is then a binary search, however many
    quotations point to notes (a note looked for afresh after each one made a text of
    100,000 marked quotations take two minutes)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_key: dict[str, tuple[list[int], list[tuple[int, int]]]] | None = None

    def after(self, key: str, start: int, stop: int) -> tuple[int, int] | None:
        """The body (its span) of the first note line for `key` that begins in
        text[start:stop], if any."""
        if self._by_key is None:
            self._by_key = {}
            for found in _NOTE_LINE.finditer(self.text):
                token = next(g for g in found.group("bracket", "dot", "caret", "bare") if g)
                starts, bodies = self._by_key.setdefault(token.translate(_SUPERSCRIPTS), ([], []))
                starts.append(found.start())
                bodies.append((found.start("body"), found.end("body")))
        starts, bodies = self._by_key.get(key, ([], []))
        k = bisect.bisect_left(starts, start)
        return bodies[k] if k < len(starts) and starts[k] < stop else None


def _note(text: str, quote_end: int, notes: Notes) -> Citation | None:
    """The footnote or endnote whose marker stands right after the quotation."""
    marker = _MARKER.match(text, quote_end)
    if not marker:
        return None
    key = next(g for g in marker.group("bracket", "caret", "sup", "glued") if g)
    key = key.translate(_SUPERSCRIPTS)
    found = notes.after(key, marker.end(), min(len(text), marker.end() + _NOTES_REACH))
    if found is None:
        return None
    start, end = found
    body = text[start:end].rstrip()
    if len(body) > _MAX_CITATION:
        return None
    return replace(parse(body, start, start + len(body)), marker=key)


def citation_after(text: str, quote_end: int, notes: Notes | None = None) -> Citation | None:
    """The citation that follows a quotation ending at `quote_end`, if any (`notes`: the
    text's note lines, read once for all its quotations)."""
    noted = _note(text, quote_end, notes if notes is not None else Notes(text))
    if noted is not None:
        return noted
    paren = _PARENTHESIS.match(text, quote_end)
    if paren and _LOOKS_CITED.search(paren.group(1)):
        return parse(paren.group(1), paren.start(1), paren.end(1))
    rest = text[quote_end : quote_end + 3 * _MAX_CITATION]
    gap = re.match(r"[^\S\n]*[.,;]?[^\S\n]*\n\s*", rest)
    if not gap:
        return None  # the sentence goes on: no citation paragraph
    start = quote_end + gap.end()
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    candidate = text[start:line_end].rstrip()
    if not candidate or len(candidate) > _MAX_CITATION or not _LOOKS_CITED.search(candidate):
        return None
    return parse(candidate, start, start + len(candidate))


def resolve(citations: list[Citation | None]) -> list[Citation | None]:
    """Fill "Ibid." from the citation before, "op. cit." from the author's last one."""
    out: list[Citation | None] = []
    previous: Citation | None = None
    by_author: dict[str, Citation] = {}
    for given in citations:
        if given is None:
            out.append(None)
            continue
        cite = given
        if cite.ibid and previous is not None:
            cite = replace(
                cite, author=previous.author, title=previous.title, place=previous.place,
                publisher=previous.publisher, year=previous.year,
                pages=cite.pages or previous.pages,
            )  # fmt: skip
        elif cite.op_cit and cite.author and cite.author in by_author:
            earlier = by_author[cite.author]
            cite = replace(cite, title=cite.title or earlier.title, year=cite.year or earlier.year)
        if cite.author:
            by_author[cite.author] = cite
        previous = cite
        out.append(cite)
    return out
