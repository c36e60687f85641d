"""Random prose for property tests: pseudo-words in sentences, and planted edits."""

from __future__ import annotations

import random

_SYLLABLES = ["ka", "lo", "mi", "ter", "sun", "dra", "vel", "po", "rin", "sha", "gu", "ne", "bor"]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def sentence_words(rng: random.Random, vocab: list[str], n: int) -> list[str]:
    """n words with a full stop after every 8 to 20 words."""
    out: list[str] = []
    until = rng.randint(8, 20)
    for _ in range(n):
        word = rng.choice(vocab)
        until -= 1
        if until == 0:
            word += "."
            until = rng.randint(8, 20)
        out.append(word)
    return out


def edit(rng: random.Random, words: list[str], vocab: list[str], rate: float) -> list[str]:
    """Replace, delete or insert about `rate` of the words, never the first or last two."""
    out = list(words[:2])
    for w in words[2:-2]:
        roll = rng.random()
        if roll < rate / 3:
            out.append(rng.choice(vocab))
        elif roll < 2 * rate / 3:
            continue
        elif roll < rate:
            out.extend([w, rng.choice(vocab)])
        else:
            out.append(w)
    out.extend(words[-2:])
    return out


def plant(before: list[str], passage: list[str], after: list[str]) -> tuple[str, int, int]:
    """Join words into a text; return it with the character span of the passage."""
    head = " ".join(before)
    body = " ".join(passage)
    start = len(head) + 1 if head else 0
    text = " ".join(part for part in (head, body, " ".join(after)) if part)
    return text, start, start + len(body)
