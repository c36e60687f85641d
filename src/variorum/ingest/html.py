"""HTML to its visible text: scripts, styles, navigation and other chrome dropped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "head", "nav", "svg", "math", "iframe",
     "object", "embed", "canvas", "select", "button", "form", "aside"}
)  # fmt: skip
_BLOCK = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "blockquote", "pre",
     "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
     "figure", "figcaption", "address", "hr", "body", "html"}
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\n\f]+")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []
        self.pre = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag == "br" and not self.hidden:
                self.parts.append("\n")
            return
        if self.hidden or tag in _HIDDEN:
            self.hidden.append(tag)
            return
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.hidden:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _VOID:
            return
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.hidden:
            return
        self.parts.append(data if self.pre else _SPACES.sub(" ", data))


def blocks(text: str) -> str:
    """Text of blocks: each line's spaces trimmed, blocks one blank line apart, no blank
    lines at either end."""
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The visible text of an HTML page, paragraphs separated by blank lines, and its title."""
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    text = blocks("".join(parser.parts))
    title = _SPACES.sub(" ", "".join(parser.title)).strip() or None
    return text, title
