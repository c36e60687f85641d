"""Block quotations: paragraphs quoted without marks after an introducing colon.

    Here is how Trotsky put forward in 1938 the program of the Fourth International:

        The struggle against imperialism and war ...

A paragraph is a block quotation when the paragraph before it ends on a colon after a
verb of saying or writing ("wrote:", "put it thus:", "as follows:", "in these words:"),
and it opens with no quotation mark and is no list item or heading. An indented block
goes on over the paragraphs indented as deeply; a block set flush with the text is one
paragraph.
"""

from __future__ import annotations

import re

from variorum.quotes.extract import Quote
from variorum.quotes.speakers import SAYING

# A paragraph: lines up to a blank one. Its lines are matched whole ([^\n]*), never a
# character at a time in an alternation, which the regular expression engine would
# remember one by one (2.4 GB for one line of 20 MB).
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_INTRODUCES = re.compile(
    rf"\b(?:{SAYING}|as\s+follows|thus|in\s+these\s+words|the\s+following|these\s+words)\b"
    r"[^.!?]*:\s*$",
    re.IGNORECASE,
)
_OPENS_WITH_MARK = re.compile(r"[\"\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb`'\[(]")
_LIST_ITEM = re.compile(r"(?:[-*\u2022\u2013]|\d{1,3}[.)]|\(?[a-z][.)])\s")
_MIN_WORDS = 8


def _indent(paragraph: str) -> int:
    return len(paragraph) - len(paragraph.lstrip(" \t"))


def _covered(spans: list[tuple[int, int]], lo: int, hi: int) -> int:
    return sum(max(0, min(e, hi) - max(s, lo)) for s, e in spans)


def block_quotations(text: str, marked: list[Quote]) -> list[Quote]:
    """The block quotations of `text`, outside the quotations already found with marks."""
    paragraphs = list(_PARAGRAPH.finditer(text))
    inside = sorted((q.start, q.end) for q in marked)
    found: list[Quote] = []
    i = 0
    while i < len(paragraphs) - 1:
        intro, first = paragraphs[i], paragraphs[i + 1]
        i += 1
        if not intro.group().rstrip().endswith(":"):
            continue
        body = first.group().strip()
        if (
            not _INTRODUCES.search(intro.group())
            or _OPENS_WITH_MARK.match(body)
            or _LIST_ITEM.match(body)
            or len(body.split()) < _MIN_WORDS
            or 2 * _covered(inside, first.start(), first.end()) > first.end() - first.start()
        ):
            continue
        depth = _indent(first.group())
        last = first
        if depth > _indent(intro.group()):
            while i + 1 < len(paragraphs) and _indent(paragraphs[i + 1].group()) >= depth:
                i += 1
                last = paragraphs[i]
        start = first.start() + depth
        end = last.start() + len(last.group().rstrip())
        found.append(Quote(start, end, start, end, "quotation", 0, marked=False))
        i += 1
    return found
