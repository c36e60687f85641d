"""How a text parts its paragraphs where blank lines do not part them.

Most texts part paragraphs by blank lines. A book exported from an e-book or a web page
puts each paragraph on a line of its own, with no blank line between; an older etext
wraps its lines and indents the first of each paragraph. The tokenizer reads a line end
as a paragraph's end in the first layout and an indented line's start as a paragraph's
start in the second (`paragraph_ends`); the quotations read such a text through a view
of it with blank lines between its paragraphs (variorum.quotes.layout).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Literal

# A line end: \n, \r\n, \r (an old Macintosh file), or \r\r\n (a Windows file
# converted twice), one line end each (two \r at most before a \n: a run of \r is
# read in one pass, not again from each of them).
BREAK = re.compile(r"\r\r?\n|\r|\n")
_BLANK = re.compile(r"\n[ \t]*\n")
# A text is laid out a paragraph a line where a tenth of its lines is longer than this
# (a hard-wrapped book keeps every line under 80 characters; a novel's paragraphs on
# lines of their own run to 500 and more), two of them at least (a note of two lines,
# one of them long, tells nothing), and blank lines part fewer than a tenth of its lines
# (so not a paragraph a line with blank lines between, which reads as it is).
_LONG_LINE = 200
_LONG_LINES = 2
_SHARE = 0.1
# The indentation that opens a paragraph in a book that has no blank lines between them.
INDENT = re.compile(r"(?:[ \t]{2,}|\t)(?=\S)")

LayoutKind = Literal["lines", "indented"]


def _lines_in_n(text: str) -> str:
    """`text` with each line end (`BREAK`) a \\n."""
    return BREAK.sub("\n", text) if "\r" in text else text


def laid_out(text: str) -> LayoutKind | None:
    """How `text` parts its paragraphs where blank lines part fewer than a tenth of its
    lines: "lines" where it puts each paragraph on a line of its own (a tenth of its
    lines longer than `_LONG_LINE`, `_LONG_LINES` at least), "indented" where it wraps
    its lines and indents the first of each paragraph (a twentieth of its lines indented
    after a line set flush; three novels so rewritten have 14 to 20 %); None otherwise."""
    plain = _lines_in_n(text)
    every = plain.split("\n")
    lines = [line for line in every if line.strip()]
    if not lines or sum(1 for _ in _BLANK.finditer(plain)) >= _SHARE * len(lines):
        return None
    lengths = sorted(len(line) for line in lines)
    if (
        lengths[int(len(lengths) * (1 - _SHARE))] > _LONG_LINE
        and len(lengths) >= _LONG_LINES
        and lengths[-_LONG_LINES] > _LONG_LINE
    ):
        return "lines"
    # Indented lines right after a line set flush: a paragraph's first line after the
    # last of the one before. A letter set off as an indented block has none (it stands
    # apart by blank lines, all its lines indented alike).
    opening = sum(
        1
        for before, line in itertools.pairwise(every)
        if before.strip() and not INDENT.match(before) and INDENT.match(line)
    )
    return "indented" if opening >= _SHARE / 2 * len(lines) else None


def paragraph_ends(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where each line break of text[start:end] that ends a paragraph in the text's layout
    (`laid_out`) starts: every line break where it puts a paragraph on each line, each
    one before an indented line where it indents the first line of each; none where
    blank lines part its paragraphs."""
    layout = laid_out(text)
    if layout is None:
        return
    for found in BREAK.finditer(text, start, len(text) if end is None else end):
        if layout == "lines" or INDENT.match(text, found.end()):
            yield found.start()
