"""Older spellings read as today's, for matching and for the sentence encoder.

Russian before the reform of 1917-1918 wrote ѣ (yat) where today's spelling has е, і
before a vowel where it has и, ѳ and ѵ for ф and и, and a hard sign after every word that
ends in a hard consonant ("И сказалъ Богъ: да будетъ свѣтъ" for "И сказал Бог: да будет
свет"). The sentence encoder learnt today's spelling and reads the old one as other
words: English sentences 0.80 and 0.86 alike to their Russian translation in today's
spelling were 0.51 and 0.53 alike to it in the old, and as alike as before once it was
read in today's. The long s (ſ) of older printing is an s.

Only what is read changes: the text, its offsets and what reports show stay as written.
"""

from __future__ import annotations

import re

_LETTERS = str.maketrans({"ѣ": "е", "Ѣ": "Е", "ѳ": "ф", "Ѳ": "Ф", "ѵ": "и", "Ѵ": "И", "ſ": "s"})
# Ukrainian, Belarusian and Kazakh write і today: it is read as и only in a text that
# shows the old Russian spelling (see `modern`), or in a single word (`modern_word`),
# where both sides of a match are read alike.
_I = str.maketrans({"і": "и", "І": "И"})
_HARD = "бвгджзклмнпрстфхцчшщ"
_FINAL_SIGN = re.compile(rf"(?<=[{_HARD}{_HARD.upper()}])[ъЪ](?![^\W\d_])")
_OLD = re.compile(rf"[ѣѢѳѲѵѴ]|{_FINAL_SIGN.pattern}")


def modern(text: str) -> str:
    """`text` in today's spelling: the same string where nothing in it is old."""
    if _OLD.search(text):
        return modern_word(text)
    return text.replace("ſ", "s") if "ſ" in text else text


def modern_word(word: str) -> str:
    """A word (or a run of letters) in today's spelling, і read as и whatever the text."""
    return _FINAL_SIGN.sub("", word.translate(_LETTERS).translate(_I))
