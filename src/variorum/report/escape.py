"""Text made safe to show: on a terminal, and in a spreadsheet."""

from __future__ import annotations

import unicodedata


def visible(text: str) -> str:
    """Text safe to print on a terminal: control, format and bidi characters escaped."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell that spreadsheet programs will not run as a formula (text only)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
