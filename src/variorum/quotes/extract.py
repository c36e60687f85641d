"""Quotations in a text: every common quoting style, nested, over several paragraphs.

Quotation marks are found and paired: curly “…” and ‘…’, straight "…" and '…', LaTeX
``…'' and `…', guillemets «…» and »…«, low-nine „…“ and ‚…‘. A single closing mark
between two letters is an apostrophe (Naomi’s, jusqu'au), never a quotation. A
quotation that runs over several paragraphs opens each of them with its mark and
closes only at the end of the last. Short quoted words inside a sentence ("so-called
'purges'") are scare quotes, told apart by `kind`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the closing marks that end it.
_PAIRS: dict[str, tuple[str, ...]] = {
    "\u201c": ("\u201d",),  # “ ”
    "\u2018": ("\u2019",),  # ‘ ’
    "\u201e": ("\u201c", "\u201d"),  # „ “
    "\u201a": ("\u2018", "\u2019"),  # ‚ ‘
    "\u00ab": ("\u00bb",),  # « »
    "\u00bb": ("\u00ab",),  # » « (Danish, German)
    "``": ("''", "\u201d", '"'),
    "`": ("'", "\u2019"),
    '"': ('"',),
    "'": ("'",),
}
# Every mark of one character that opens a quotation in some style, and every one that
# closes one (“ closes „…“ and opens “…”): what the cues and the letter test read around a
# quotation, whatever its style.
OPENING_MARKS = "".join(sorted(m for m in _PAIRS if len(m) == 1))
CLOSING_MARKS = "".join(sorted({c for cs in _PAIRS.values() for c in cs if len(c) == 1}))
# The double marks of every style, which never stand for an apostrophe ("Emma's").
DOUBLE_MARKS = "".join(sorted(set(OPENING_MARKS + CLOSING_MARKS) - set("'`\u2018\u2019\u201a")))
_MARK = re.compile(r"``|''|[\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb`\"']")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SCARE_WORDS = 4
_OPENER = re.compile(r"(?<![\w`])`(?!`)|\u2018|(?<!\w)'(?=\w)")
_SENTENCE_END = re.compile(r"[.!?…]")
# A single mark that may close a quotation: not inside a word (see _possessive).
_CLOSERS = {mark: re.compile(re.escape(mark) + r"(?!\w)") for mark in ("'", "\u2019")}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: the quoted text with its marks, `start:end`, and its inside."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: str  # "quotation" or "scare" ("letter" is decided later, from the context)
    depth: int  # 0 for an outer quotation, 1 inside another, ...
    marked: bool = True  # False for a block quotation, set off without marks


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _role(text: str, pos: int, mark: str) -> str:
    """'open', 'close', 'both' or 'none' for a mark at `pos`, from its neighbours."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark in ("'", "\u2019") and _is_letter(before) and _is_letter(after):
        return "none"  # an apostrophe inside a word
    if mark == "\u2019" and before.isspace() and _is_letter(after):
        return "none"  # one that opens a word ("all on \u2019em dead"): a closing mark never does
    opens = mark in _PAIRS
    closes = any(mark in closers for closers in _PAIRS.values())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    # Marks that both open and close ("'", '"', “ for „…“): decide by the spacing.
    space_before = before.isspace() or before in "([{—–-/" or pos == 0
    space_after = after.isspace() or after in ".,;:!?)]}…—–-" or pos + len(mark) >= len(text)
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    if mark == "'" and _is_letter(before) and not _is_letter(after):
        return "close"
    return "both"


def _possessive(text: str, pos: int, mark: str, para_end: int) -> bool:
    """A plural possessive ("the workers' revolution") or a word cut short ("goin' down",
    "o' the", "anythin'?'") rather than a closing mark.

    Shaped like one (after an s, before a word; after another letter, before a word in
    lower case, a comma and one ("lectur', which") or a stop and the mark again) and
    followed, in the same paragraph and before any new opening mark, by another mark
    that can close the quotation.
    """
    if mark not in ("'", "\u2019") or pos == 0 or not text[pos - 1].isalpha():
        return False
    after = text[pos + 1 : pos + 4]
    if text[pos - 1] in "sS":
        shaped = after[:1] in (" ", "\n") and after[1:2].isalpha()
    else:
        shaped = (
            (after[:1] in (" ", "\n") and after[1:2].islower())
            or (after[:1] in ".,;:!?" and after[1:2] == mark)
            or (after[:1] in ",;:" and after[1:2] in (" ", "\n") and after[2:3].islower())
        )
    if not shaped:
        return False
    # Searched in place, the opening marks only up to the closing one: each mark reads
    # the text up to the next one that can close, not the rest of its paragraph (a line
    # of "goin’ down" a million times long is read once).
    closer = _CLOSERS[mark].search(text, pos + 1, para_end)
    return closer is not None and _OPENER.search(text, pos + 1, closer.start()) is None


def _closes_next(text: str, lo: int, hi: int, opener: str) -> bool:
    """Whether the next paragraph closes a quotation left open, before opening another."""
    segment = text[lo:hi]
    closers = _PAIRS[opener]
    for m in _MARK.finditer(segment):
        role = _role(segment, m.start(), m.group())
        if role == "none":
            continue
        if m.group() in closers and role in ("close", "both"):
            return True
        if m.group() == opener and role == "open":
            return False
    return False


_VISIBLE = re.compile(r"\S")


def last_visible(text: str, end: int) -> int:
    """Where the last character of text[:end] that is no white space stands, -1 where none
    does: a walk back over the white space only, however long the text before it."""
    k = end - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]


def quotations(text: str) -> list[Quote]:
    """The quotations of `text` in order of start, outer ones and nested ones."""
    ends = _paragraph_ends(text)
    stack: list[tuple[str, int]] = []  # (opening mark, position)
    found: list[Quote] = []
    pending_close: dict[int, int] = {}  # multi-paragraph: start -> last reopening mark
    para = 0
    reopen = -1  # the first visible character after the paragraph end last read
    for m in _MARK.finditer(text):
        while para < len(ends) - 1 and m.start() >= ends[para]:
            # A paragraph ended with quotations still open: they go on only if the next
            # paragraph reopens them with the same mark. (The paragraph ends of a run of
            # blank lines share the character after the run: it is searched for once.)
            if reopen < ends[para]:
                visible = _VISIBLE.search(text, ends[para])
                reopen = visible.start() if visible else len(text)
            if stack and text.startswith(stack[0][0], reopen):
                pending_close[stack[0][1]] = reopen
                stack = stack[:1]
            elif stack and not _closes_next(
                text, ends[para], ends[min(para + 1, len(ends) - 1)], stack[0][0]
            ):
                # Unterminated: the quotation ends with its paragraph.
                opener, start = stack[0]
                end = last_visible(text, ends[para]) + 1
                found.append(_quote(text, start, opener, end, "", 0))
                stack.clear()
            para += 1
        mark = m.group()
        if stack and stack[0][1] in pending_close and m.start() == pending_close[stack[0][1]]:
            continue  # the reopening mark of a continued quotation
        role = _role(text, m.start(), mark)
        if role == "none" or (
            role == "close"
            and _possessive(text, m.start(), mark, ends[para] if para < len(ends) else len(text))
        ):
            continue
        if role in ("close", "both") and stack:
            for depth in range(len(stack) - 1, -1, -1):
                opener, start = stack[depth]
                if mark in _PAIRS[opener]:
                    found.append(_quote(text, start, opener, m.start(), mark, depth))
                    pending_close.pop(start, None)
                    del stack[depth:]
                    break
            else:
                if role == "both" and mark in _PAIRS:
                    stack.append((mark, m.start()))
            continue
        if role in ("open", "both") and mark in _PAIRS:
            stack.append((mark, m.start()))
    found.sort(key=lambda q: (q.start, -q.end))
    return found


def _quote(text: str, start: int, opener: str, close: int, closer: str, depth: int) -> Quote:
    inner_start, inner_end = start + len(opener), close
    inner = text[inner_start:inner_end]
    words = len(inner.split())
    # Only white space before it on its line, and the line before blank (or none).
    before = last_visible(text, start)
    opens_paragraph = before < 0 or text.count("\n", before, start) >= 2
    scare = (
        not opens_paragraph
        and words <= _SCARE_WORDS
        and not _SENTENCE_END.search(inner.strip()[-1:] or "x")
        and _PARAGRAPH.search(inner) is None
    )
    return Quote(
        start, close + len(closer), inner_start, inner_end, "scare" if scare else "quotation", depth
    )


# A quoted document rather than speech: letters, notes, passages read out.
_LETTER_INTRO = re.compile(
    r"\b(?:letters?|notes?|as\s+follows|to\s+this\s+effect|to\s+the\s+following\s+effect|contents"
    r"|read|reads|reading|postscript|epistle|dated|ran\s+thus|runs\s+thus)\b",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^[\"\u201c\u2018'`\u00ab\u201e]*\s*(?:my\s+)?(?:dear(?:est)?|sir|madam|gentlemen)\b[^.!?\n]{0,40},",
    re.IGNORECASE,
)
_VALEDICTION = re.compile(
    r"\b(?:yours?|your's|believe me|i remain|i am,? (?:dear|my)|&c)\b[^\n]{0,40}$", re.IGNORECASE
)
# A salutation on a line of its own just before the quotation: "MY DEAR MADAM,"
_SALUTATION_LINE = re.compile(
    r"(?:^|\n)[ \t]*(?:my\s+)?(?:dear(?:est)?|sir|madam|gentlemen)\b[^\n]{0,40},[ \t]*\s*$",
    re.IGNORECASE,
)
_LETTER_WORDS = 60
_INTRO_REACH = 300


def _last_closing(text: str) -> int:
    """Where the last mark of `text` that closes a quotation stands (an apostrophe does
    not: "Emma's"), -1 where none does."""
    for k in range(len(text) - 1, -1, -1):
        if text[k] in CLOSING_MARKS and _role(text, k, text[k]) != "none":
            return k
    return -1


def is_letter(text: str, quote: Quote, after_letter: bool = False) -> bool:
    """Whether a quotation is a quoted document (a letter, a note read out), not speech.

    It is when it is set off as a block (indented) or long, and the narration just before
    it speaks of a letter, of writing or reading ("It was as follows:"); or when an
    indented block opens with a salutation or closes with a valediction; or, indented,
    when it goes on a letter quoted just before.
    """
    # Only white space before it on its line, three spaces or a tab at least.
    before = last_visible(text, quote.start)
    line_start = text.rfind("\n", before + 1, quote.start) + 1
    indented = (line_start > 0 or before < 0) and text.startswith(("   ", "\t"), line_start)
    inner = text[quote.inner_start : quote.inner_end]
    if indented and (
        after_letter
        or _SALUTATION.match(inner)
        or _VALEDICTION.search(inner.rstrip(" \t\n" + CLOSING_MARKS))
    ):
        return True
    if not indented and len(inner.split()) < _LETTER_WORDS and "\n\n" not in inner:
        return False
    lead = text[max(0, quote.start - _INTRO_REACH) : quote.start]
    paragraph = lead.rfind("\n\n")
    lead = lead[paragraph + 2 :] if paragraph >= 0 and lead[paragraph:].strip() else lead
    # The introducing narration: the text since the last quotation mark before this one.
    last_mark = _last_closing(lead)
    narration = lead[last_mark + 1 :]
    return bool(_LETTER_INTRO.search(narration) or _SALUTATION_LINE.search(narration))
