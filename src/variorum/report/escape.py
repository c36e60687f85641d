"""Text made safe to print on a terminal."""

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
