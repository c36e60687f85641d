"""Formulas told of other people: a shared template, not a shared text.

"And Asa slept with his fathers, and was buried with his fathers in the city of David"
and "And Jehoshaphat slept with his fathers…" match word for word but for the king: the
chronicle repeats its formula for every reign. Neither copies the other, and a scan of
the books of Kings found such pairs between any two chapters that hold them. A passage
is such a formula where, in half of its sentence pairs or more, the two sides name other
people (proper names that are not spellings of one name) or give other numbers ("he
reigned forty years" against "eleven years"), inside it or in the word that joins it at
either end (the word path stops at the name: "And Solomon slept with his fathers" and
"So David slept with his fathers" match from "slept" on). Translations are left alone:
there every name is spelt the language's way. So are capitals in German, which marks
every noun with one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Indel

from variorum.align.ops import gap_ops
from variorum.embed.language import language
from variorum.text.resources import TOKEN
from variorum.text.tokenize import Analysed, comma_before
from variorum.types import Passage

# Number words that differ between two tellings of a formula ("he reigned forty years").
_NUMBERS = frozenset((
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand",
))  # fmt: skip
# Spellings of one name share this much of their letters (Mizpeh and Mizpah 0.83, Kittim
# and Chittim 0.77; Ahab and Asa 0.57), or their consonants (see _skeleton).
_ALIKE = 0.7
# A passage is a formula where this share of its sentence pairs or more tell of others.
_SHARE = 0.5
# A sentence pair found by meaning longer than this (characters, on one side) is read as
# telling of no one else.
_SENTENCE_CHARS = 2000
_SOUNDS = str.maketrans("jvcqz", "ywkks")
# Greek and Latin nominative endings that one telling of a name keeps and another drops.
_ENDINGS = ("us", "as")
_OPENING = " \t\n\"'\u201c\u2018([\u00ab\u2014-"  # between a sentence's end and its first word
_ENDS = ".!?:;"
# Languages whose capitals mark every noun, not names only; told from this much of a passage.
_SAMPLE = 3000
_NOUNS_CAPITALISED = frozenset(("de", "lb"))
_POSSESSIVE = re.compile("['\u2019]")
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted(_NUMBERS)) + r")\b")


def formulaic(p: Passage, a: Analysed, b: Analysed) -> bool:
    """Whether `p` (between the documents `a` and `b`) is a formula told of other people
    or numbers in half its sentence pairs or more."""
    if p.kind == "translation":
        return False
    text_a, text_b = a.doc.text, b.doc.text
    pairs = _pairs(p, a, b)
    texts = _Texts(text_a, text_b, text_a[p.a.start : min(p.a.end, p.a.start + _SAMPLE)])
    told = {k for k, at in ((0, True), (len(pairs) - 1, False)) if _told_beside(p, a, b, at, texts)}
    needed = _SHARE * len(pairs)
    if p.edits:  # aligned word by word: the replaced words are the differences
        firsts = [x[0] for x, _ in pairs]
        for e in p.edits:
            k = max(0, bisect.bisect_right(firsts, e.a[0]) - 1)
            if len(told) + len(pairs) - k < needed:
                return False  # too few sentence pairs left to make it a formula
            if e.op != "replace" or k in told:
                continue
            x, y = text_a[e.a[0] : e.a[1]], text_b[e.b[0] : e.b[1]]
            if (
                _may_differ(x)
                and _may_differ(y)
                and _others(_words(a, *_tokens(a, *e.a)), _words(b, *_tokens(b, *e.b)), texts)
            ):
                told.add(k)
        return len(told) >= needed
    for k, ((a0, a1), (b0, b1)) in enumerate(pairs):  # aligned by meaning: align the words
        if len(told) + len(pairs) - k < needed:
            return False
        if max(a1 - a0, b1 - b0) > _SENTENCE_CHARS:
            continue  # no formula line: and word alignments of long runs cost their square
        (i1, i2), (j1, j2) = _tokens(a, a0, a1), _tokens(b, b0, b1)
        wa, wb = _words(a, i1, i2), _words(b, j1, j2)
        if not (_telling(wa) and _telling(wb)):
            continue  # no name, no number: nothing to tell of others
        for op, x1, x2, y1, y2 in gap_ops(a.tokens.hashes, b.tokens.hashes, i1, i2, j1, j2):
            if op == "replace" and _others(wa[x1 - i1 : x2 - i1], wb[y1 - j1 : y2 - j1], texts):
                told.add(k)
                break
    return len(told) >= needed


def _pairs(p: Passage, a: Analysed, b: Analysed) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """A passage's clause or sentence pairs: its segments, those cut where the two sides
    mark it alike (a clause or sentence end on both, or a comma on both) apart, those cut
    where one side ends a clause and the other has a comma as one."""
    if not p.segments:
        return [((p.a.start, p.a.end), (p.b.start, p.b.end))]
    pairs = [(p.segments[0].a, p.segments[0].b)]
    for seg in p.segments[1:]:
        mark_a, mark_b = _mark_before(a, seg.a[0]), _mark_before(b, seg.b[0])
        if mark_a == mark_b != 0:
            pairs.append((seg.a, seg.b))
        else:
            (a0, _), (b0, _) = pairs[-1]
            pairs[-1] = ((a0, seg.a[1]), (b0, seg.b[1]))
    return pairs


def _mark_before(x: Analysed, at: int) -> int:
    """What marks the point before the token at character `at`: 2 a clause or sentence
    end, 1 a comma, 0 nothing."""
    k = int(np.searchsorted(x.tokens.starts, at))
    if k == 0 or k >= len(x.tokens.starts):
        return 0
    if int(x.tokens.breaks[k - 1]) > 0:
        return 2
    return 1 if comma_before(x, k) else 0


def _told_beside(p: Passage, a: Analysed, b: Analysed, before: bool, texts: _Texts) -> bool:
    """Whether the words just before `p` (or just after it), each joined to it by a
    space only, name other people or give other numbers: the word path stops at the name
    ("And Solomon slept with his fathers" against "So David slept with his fathers"
    match from "slept" on), which is part of the formula's clause all the same."""
    wx = _beside(a, p.a.start if before else p.a.end, before)
    wy = _beside(b, p.b.start if before else p.b.end, before)
    return wx is not None and wy is not None and _others([wx], [wy], texts)


def _beside(x: Analysed, at: int, before: bool) -> tuple[str, bool] | None:
    """The word that ends where `at` begins (`before`) or starts where it ends, with
    whitespace only between, as `_words` reads it; None where there is none."""
    starts, ends, text = x.tokens.starts, x.tokens.ends, x.doc.text
    if before:
        t = int(np.searchsorted(ends, at, side="right")) - 1
        if t < 0 or text[int(ends[t]) : at].strip():
            return None
    else:
        t = int(np.searchsorted(starts, at))
        if t >= len(starts) or text[at : int(starts[t])].strip():
            return None
    return _words(x, t, t + 1)[0]


def _may_differ(text: str) -> bool:
    """Whether replaced words may tell of others: they hold a capital, a digit or a
    number word (a cheap test before the words are read)."""
    return not text.islower() or _NUMBER_WORD.search(text) is not None


def _telling(words: list[tuple[str, bool]]) -> bool:
    """Whether words hold what may tell of others: a name or a number."""
    return any(named or w.isdigit() or w.lower() in _NUMBERS for w, named in words)


def _tokens(x: Analysed, start: int, end: int) -> tuple[int, int]:
    """The tokens of `x` that start inside characters start:end."""
    starts = x.tokens.starts
    return int(np.searchsorted(starts, start)), int(np.searchsorted(starts, end))


def _words(x: Analysed, first: int, stop: int) -> list[tuple[str, bool]]:
    """Tokens first:stop of `x` as words, each with whether it may be a name:
    capitalised, not in capitals only ("LORD" is a typographic convention), and not the
    first word of a sentence."""
    text, starts, ends = x.doc.text, x.tokens.starts, x.tokens.ends
    out = []
    for t in range(first, stop):
        at = int(starts[t])
        word = _POSSESSIVE.split(text[at : int(ends[t])], maxsplit=1)[0]  # "LORD's": "LORD"
        named = len(word) > 1 and word[0].isupper() and not word.isupper()
        if named:
            before = text[max(0, at - 4) : at].rstrip(_OPENING)
            named = bool(before) and before[-1] not in _ENDS
        out.append((word, named))
    return out


class _Texts:
    """The two documents of a passage, and whether their capitals mark names: not in
    German, which capitalises every noun ("Weib" for "Frau" is no other person)."""

    def __init__(self, a: str, b: str, sample: str) -> None:
        self.a, self.b, self._sample = a, b, sample
        self._names: bool | None = None

    @property
    def names(self) -> bool:
        if self._names is None:
            self._names = language(self._sample) not in _NOUNS_CAPITALISED
        return self._names


def _others(x: list[tuple[str, bool]], y: list[tuple[str, bool]], texts: _Texts) -> bool:
    """Whether words replaced by others give other numbers or name other people. A
    name is never written in lower case in either document."""
    nx, ny = _numbers(w for w, _ in x), _numbers(w for w, _ in y)
    if nx and ny and nx != ny:
        return True
    names_x = [w for w, named in x if named]
    names_y = [w for w, named in y if named]
    if not (names_x and names_y) or _alike("".join(w for w, _ in x), "".join(w for w, _ in y)):
        return False
    lower = (_lower_words(texts.a), _lower_words(texts.b))
    names_x = [w for w in names_x if all(w.lower() not in words for words in lower)]
    names_y = [w for w in names_y if all(w.lower() not in words for words in lower)]
    return (
        bool(names_x and names_y)
        and not any(_alike(u, v) for u in names_x for v in names_y)
        and texts.names
    )


def _numbers(words: Iterable[str]) -> set[str]:
    return {w.lower() for w in words if w.isdigit() or w.lower() in _NUMBERS}


@lru_cache(maxsize=64)
def _lower_words(text: str) -> frozenset[str]:
    """The words `text` writes in lower case (a string's hash is kept: a hit is cheap)."""
    words = {part for w in set(TOKEN.findall(text)) for part in _POSSESSIVE.split(w)}
    return frozenset(w for w in words if w.islower())


def _alike(u: str, v: str) -> bool:
    """Whether two names are spellings of one (Mizpeh and Mizpah, Jehovah and Yahweh), or
    one is the other with the Greek or Latin ending -us or -as (Tyrus and Tyre, Marcus
    and Mark: the KJV's "Tyrus" is the WEB's "Tyre")."""
    if Indel.normalized_similarity(u.lower(), v.lower()) >= _ALIKE:
        return True
    su, sv = _skeleton(u), _skeleton(v)
    if not su or not sv:
        return False
    if su == sv:
        return True
    if len(su) > len(sv):
        su, sv, v = sv, su, u
    return len(su) >= 2 and sv == su + "s" and v.lower().endswith(_ENDINGS)


def _skeleton(word: str) -> str:
    """A name's consonants, spelt alike where spellings of one name differ: without
    vowels and h, with j as y, v as w, c and q as k, z as s, ph as f, ch as k, doubled
    letters once (Jehovah and Yahweh both "yw", Kittim and Chittim "ktm")."""
    w = word.lower().replace("ph", "f").replace("ch", "k").translate(_SOUNDS)
    kept = [c for c in w if c.isalpha() and c not in "aeiouh"]
    return "".join(c for k, c in enumerate(kept) if k == 0 or c != kept[k - 1])
