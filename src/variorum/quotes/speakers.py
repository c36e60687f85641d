"""Who is quoted: cues before or after a quotation, or the author of its citation."""

from __future__ import annotations

import re

_NAME = (
    r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr|St|Sir|Lady|Lord)\.?\s+)?"
    r"[A-Z][\w'\u2019-]*(?:\s+(?:de|van|von|la|le)?\s*[A-Z][\w'\u2019-]*){0,3})"
)
_VERBS = (
    r"said|says|wrote|writes|declared|declares|claimed|claims|stated|states|added|adds|"
    r"replied|replies|asked|asks|answered|continued|cried|exclaimed|insisted|argued|"
    r"explained|remarked|observed|noted|announced|warned|put forward|proposed|put it|"
    r"returned|rejoined|resumed|repeated|interrupted|whispered|muttered|shouted|called|"
    r"began|thought|sighed|laughed|responded|retorted|inquired|enquired|demanded|urged|"
    r"protested|pleaded|suggested|admitted|agreed|concluded|murmured|screamed|groaned"
)
_ING = (
    r"saying|adding|replying|answering|crying|exclaiming|continuing|observing|asking|"
    r"returning|repeating|whispering|calling|beginning|declaring|writing|insisting"
)
_ADVERBS = r"(?:\s+\w+ly|\s+then|\s+at last|\s+again){0,2}"
# Inside one sentence: no stop, and line breaks only where a paragraph is wrapped.
_CLAUSE = r"(?:[^.!?\n]|\n(?![ \t]*\n))*?"
_END = r"[:,.]?[ \t]*(?:-+|\u2014|\u2013)?\s*$"
_BEFORE = re.compile(rf"{_NAME}{_ADVERBS}\s+(?:{_VERBS}|{_ING})\b{_CLAUSE}{_END}")
# The cue between the two halves of a split quotation: "…," cried Mr. Elton; "it would…"
_BETWEEN = re.compile(
    rf"[\"\u201d\u2019']\s*,?\s*(?:{_VERBS}){_ADVERBS}\s+(?:the\s+\w+\s+)?{_NAME}\s*[,;:.]?\s*(?:--)?\s*$"
)
_ACCORDING = re.compile(rf"according to {_NAME}{_CLAUSE}{_END}")
_COLON = re.compile(rf"(?:^|\n|[.!?]\s+){_NAME}\s*:\s*$")
_AFTER_VERB = re.compile(
    rf"\s*,?\s*(?:-+|\u2014)?\s*(?:{_VERBS}){_ADVERBS}\s+(?:the(?:\s+[\w-]+){{1,3}}?\s+)?{_NAME}"
)
# "…" was Mr. Woodhouse's first exclamation.
_AFTER_WAS = re.compile(rf"\s*,?\s*(?:-+|\u2014)?\s*was\s+{_NAME}(?:'s|\u2019s)\b")
# Mr. Weston immediately accosted her with, "…" / Harriet thus began again-- "…"
_INTRO_VERBS = rf"{_VERBS}|{_ING}|answer|accosted|began|begin|speak|spoke|exclamation|reply|remark"
_BEFORE_LOOSE = re.compile(
    rf"{_NAME}(?:'s|\u2019s)?(?:\s+[\w-]+,?){{0,8}}?\s+(?:{_INTRO_VERBS})\b{_CLAUSE}{_END}"
)
# Harriet's was-- "…"
_POSSESSIVE_WAS = re.compile(rf"{_NAME}(?:'s|\u2019s)(?:\s+\w+)?\s+was\s*(?:-+|\u2014|:)?\s*$")
_AFTER_NAME = re.compile(rf"\s*,?\s*{_NAME}{_ADVERBS}\s+(?:{_VERBS})\b")
_WINDOW = 240
_NOT_NAMES = frozenset(
    {"He", "She", "It", "They", "We", "I", "You", "This", "That", "Here", "There", "But", "And"}
)


def _clean(name: str) -> str:
    """A name on one line, without the dashes or stops glued to its end."""
    return " ".join(name.split()).rstrip("-\u2014\u2013.,;:'\u2019")


def speaker(text: str, start: int, end: int) -> tuple[str | None, tuple[int, int] | None, float]:
    """The speaker of the quotation text[start:end] from nearby cues, its cue, confidence.

    A cue right after the quotation ("…," said Elizabeth) comes first; then one before
    it in the same paragraph ("Trotsky wrote:", "according to X", "X:").
    """
    for pattern in (_AFTER_VERB, _AFTER_NAME, _AFTER_WAS):
        after = pattern.match(text, end, min(len(text), end + _WINDOW))
        if after and after.group("name") not in _NOT_NAMES:
            return _clean(after.group("name")), (after.start(), after.end()), 0.9
    offset = max(0, start - _WINDOW)
    paragraph = text.rfind("\n\n", offset, start)
    if (
        paragraph >= 0
        and not text[paragraph:start].strip()
        and text[:paragraph].rstrip()[-1:] in (":", ",", "-", "\u2014", "\u2013")
    ):
        # The quotation opens its paragraph, and the paragraph before ends on an
        # introducing sentence ("…than Emma exclaimed,"): its cue belongs here.
        paragraph = text.rfind("\n\n", offset, paragraph)
    offset = paragraph + 2 if paragraph >= 0 else offset
    before = text[offset:start].rstrip()
    for pattern, confidence in (
        (_BETWEEN, 0.9), (_COLON, 0.8), (_BEFORE, 0.9), (_ACCORDING, 0.9),
        (_POSSESSIVE_WAS, 0.8), (_BEFORE_LOOSE, 0.7),
    ):  # fmt: skip
        found = pattern.search(before)
        if found and found.group("name") not in _NOT_NAMES:
            return (
                _clean(found.group("name")),
                (offset + found.start(), offset + found.end()),
                confidence,
            )
    return None, None, 0.0
