"""Older spellings read as today's: by the matcher, by the encoder, end to end."""

from __future__ import annotations

import re

import numpy as np

from tests.conftest import EXAMPLES, ROOT
from variorum import Document, compare, scan
from variorum.embed.encoder import encoder
from variorum.text.orthography import modern, modern_word
from variorum.text.tokenize import tokenize

RUSSIAN = ROOT / "tests" / "data" / "article-ru.txt"  # examples/article.txt, spelt as in 1913
_SENTENCES = re.compile(r"(?<=[.!?»\"])\s+(?=[A-ZА-Я«\"])|\n\n")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


def test_the_old_russian_spelling_is_read_as_todays() -> None:
    assert modern("И сказалъ Богъ: да будетъ свѣтъ.") == "И сказал Бог: да будет свет."
    assert modern("Россіи и Ѳомѣ") == "России и Фоме"
    # a hard sign inside a word is today's spelling too
    assert modern("въ подъѣздѣ") == "в подъезде"


def test_text_in_todays_spelling_is_left_as_it_is() -> None:
    english = "The bridge was opened on Tuesday."
    assert modern(english) is english
    # Ukrainian writes і today: without a sign of the old Russian spelling it stays
    assert modern("Він сказав, і всі пішли.") == "Він сказав, і всі пішли."
    # a single word (the matcher's view) is read alike on both sides of a match
    assert modern_word("россіи") == modern_word("россии") == "россии"


def test_both_spellings_match_word_for_word() -> None:
    old, new = (
        tokenize("Отъ нашего корреспондента въ Россіи"),
        tokenize("От нашего корреспондента в России"),
    )
    assert old.hashes.tolist() == new.hashes.tolist()


def test_the_encoder_reads_the_old_spelling_as_todays() -> None:
    english = _sentences((EXAMPLES / "article.txt").read_text(encoding="utf-8"))
    russian = _sentences(RUSSIAN.read_text(encoding="utf-8"))
    assert len(english) == len(russian) == 12
    enc = encoder()
    read = np.diag(enc.encode(english) @ enc.encode(russian).T)
    as_written = np.asarray(enc._model.encode(russian), dtype=np.float32)
    as_written /= np.linalg.norm(as_written, axis=1, keepdims=True)
    raw = np.diag(enc.encode(english) @ as_written.T)
    # every sentence at least as alike to its translation, and much more on average
    assert (read >= raw - 0.03).all()
    assert read.mean() >= raw.mean() + 0.08


def test_a_translation_spelt_before_1918_aligns_sentence_by_sentence() -> None:
    result = compare(EXAMPLES / "article.txt", RUSSIAN)
    (passage,) = result.passages
    assert passage.kind == "translation"
    text = RUSSIAN.read_text(encoding="utf-8")
    assert passage.b.end - passage.b.start >= 0.95 * len(text.rstrip())
    english = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    pairs = [(english[slice(*s.a)], text[slice(*s.b)]) for s in passage.segments]
    assert len(pairs) == 11  # title, byline and nine sentences (the mayor quoted as one)
    assert pairs[6][0].startswith("Those days")
    assert pairs[6][1].startswith("Эти дни")


def test_a_single_sentence_spelt_before_1918_is_found_in_a_scan() -> None:
    # An English letter of ours that quotes one sentence of the translation.
    letter = (ROOT / "tests" / "data" / "letter-ru.txt").read_text(encoding="utf-8")
    sentence = _sentences(RUSSIAN.read_text(encoding="utf-8"))[3]
    assert sentence.startswith("Сооруженіе")
    assert sentence in letter
    article = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    unrelated = (EXAMPLES / "unrelated.txt").read_text(encoding="utf-8")
    docs = [Document("article", article), Document("letter", letter), Document("bees", unrelated)]
    (passage,) = scan(docs).passages
    assert passage.kind == "translation"
    assert {passage.a.doc, passage.b.doc} == {"article", "letter"}
    a, b = (passage.a, passage.b) if passage.a.doc == "article" else (passage.b, passage.a)
    assert article[a.start : a.end].startswith("The structure, which has been eighteen months")
    assert letter[b.start : b.end] == sentence
