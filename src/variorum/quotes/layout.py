"""The layout quotations are read in, whatever the file's: lines that end in \\n, and
paragraphs apart by blank lines.

A file may end its lines in \\r\\n (Windows, Project Gutenberg) or \\r; a book exported
from an e-book or a web page puts each paragraph on a line of its own, with no blank line
between, and an older etext may wrap its lines and indent the first of each paragraph.
Paragraphs decide whose turn a speech is and where a cue stands, so such a text is read
through a view of it in the usual layout, and every offset found in the view is mapped
back to the text as it is (`Layout.back`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from variorum.text.layout import BREAK, INDENT, laid_out


@dataclass(frozen=True, slots=True)
class Layout:
    """A view of a text in the usual layout: its text, and where its offsets shift
    against the original (from each of `starts` on, by the `shifts` beside it)."""

    text: str
    starts: tuple[int, ...]
    shifts: tuple[int, ...]

    def back(self, at: int) -> int:
        """The offset in the original text of offset `at` of the view."""
        k = bisect.bisect_right(self.starts, at) - 1
        return at + (self.shifts[k] if k >= 0 else 0)


def as_paragraphs(text: str) -> Layout | None:
    """`text` with its lines ending in \\n and its paragraphs apart by blank lines: where
    it puts a paragraph on each line, a blank line after every line that is not blank or
    next to a blank one; where it indents the first line of each, a blank line instead of
    the indentation of every indented line after one that is not blank. None where it is
    laid out so already."""
    has_return = "\r" in text
    layout = laid_out(text)
    if not has_return and layout is None:
        return None
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    at = shift = 0  # where the next piece of `text` starts; original minus view offset
    view = 0  # the view's length so far
    for found in BREAK.finditer(text):
        pieces.append(text[at : found.start()])
        view += found.start() - at
        pieces.append("\n")
        view += 1
        end = found.end()
        shift += end - found.start() - 1
        if layout is not None and _lone(text, found.start(), end):
            indent = INDENT.match(text, end) if layout == "indented" else None
            if layout == "lines" or indent is not None:
                pieces.append("\n")
                view += 1
                shift -= 1
            if indent is not None:  # the indentation is left out of the view
                shift += indent.end() - end
                end = indent.end()
        if shift != (shifts[-1] if shifts else 0):
            starts.append(view)
            shifts.append(shift)
        at = end
    pieces.append(text[at:])
    return Layout("".join(pieces), tuple(starts), tuple(shifts))


def _lone(text: str, start: int, end: int) -> bool:
    """Whether the line break text[start:end] ends a line that is not blank and starts
    one that is not blank either."""
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    return (
        before >= 0
        and text[before] not in "\r\n"
        and after < len(text)
        and (text[after] not in "\r\n")
    )
