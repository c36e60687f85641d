"""Markdown to plain text: the words a reader sees, without the markup."""

from __future__ import annotations

import re

from variorum.ingest.html import html_to_text

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_FENCE = re.compile(r"^(\s*)(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`+([^`]*)`+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    previous = None
    while previous != line:
        previous, line = line, _EMPHASIS.sub(r"\2", line)
    if "<" in line:
        line = _TAG.sub("", line)
    return line


def markdown_to_text(source: str) -> str:
    """Strip Markdown syntax; headings, quotes and list items keep their own lines."""
    source = _FRONT_MATTER.sub("", source, count=1)
    out: list[str] = []
    fenced = False
    for line in source.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            out.extend(["", _inline(heading.group(1)), ""])
            continue
        out.append(_inline(_LIST.sub(r"\1", _QUOTE.sub("", line))))
    text = "\n".join(out)
    if "<" in text and re.search(r"<(script|style|div|p|table)\b", text, re.I):
        text, _ = html_to_text(text.replace("\n\n", "<p>"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
