"""Hostile input: a clear error or a right answer, in bounded time and memory, never a traceback."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

LIMIT_S = 120  # generous: a hang, not speed, is what these catch (speed is in benchmarks/)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=LIMIT_S)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty document"),
        (b"\n\n   \n", "empty document"),
        (bytes(range(256)) * 64, "binary file"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 8, "PDF"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("compare", str(bad), str(EXAMPLES / "article.txt"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"variorum: error: {bad}: ")
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path(tmp_path: Path) -> None:
    result = run("scan", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stderr


def test_invalid_utf8_is_read_as_a_legacy_encoding(tmp_path: Path) -> None:
    article = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(article.replace("long-promised", "long-promisèd").encode("cp1252"))
    result = run("compare", str(legacy), str(EXAMPLES / "reprint.txt"))
    assert result.returncode == 0
    assert "1 shared passages" in result.stdout


def test_one_huge_line(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(20_000)]
    big = tmp_path / "line.txt"
    with big.open("w", encoding="utf-8") as out:
        for _ in range(100):  # about 20 MB, one line, no punctuation at all
            out.write(" ".join(rng.choices(words, k=30_000)) + " ")
    result = run("compare", str(big), str(EXAMPLES / "article.txt"), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert '"type":"run"' in result.stdout


@pytest.mark.parametrize("end", ["\r", "\n"])
def test_a_million_line_ends(tmp_path: Path, end: str) -> None:
    # A run of line ends is read once (each \r a line end, each pair a paragraph's end),
    # not again from each of them: the tokenizer's line ends, the quotations' next
    # paragraph after each paragraph end.
    article = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    odd = tmp_path / "returns.txt"
    odd.write_bytes((article + end * 1_000_000 + article).encode("utf-8"))
    for command in ("compare", "quotes"):
        args = [str(odd), str(EXAMPLES / "reprint.txt")] if command == "compare" else [str(odd)]
        result = run(command, *args, "--format", "jsonl")
        assert result.returncode == 0, result.stderr


def test_one_sentence_repeated_100000_times(tmp_path: Path) -> None:
    spam = tmp_path / "spam.txt"
    spam.write_text("The cat sat on the mat and looked at the moon. " * 100_000, encoding="utf-8")
    result = run("scan", str(spam), str(EXAMPLES), "--format", "jsonl")
    assert result.returncode == 0, result.stderr


def test_a_dialogue_repeated_20000_times(tmp_path: Path) -> None:
    # 60,000 quotations: speaker resolution looks back a bounded stretch, not at them all.
    spam = tmp_path / "talk.txt"
    spam.write_text(
        "\u201cYes,\u201d said Tom. \u201cNo,\u201d she replied. \u201cMaybe.\u201d\n\n" * 20_000,
        encoding="utf-8",
    )
    result = run("quotes", str(spam), "--format", "jsonl", "--kinds", "all")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(r["type"] == "quotation" for r in records) == 60_000
    assert records[1]["speaker"] == "Tom"


def test_twenty_thousand_turns_in_runs_read_whole(tmp_path: Path) -> None:
    # Runs of 100 speeches in a row, each naming three of ten people by their cues and
    # calling them by name at random: every run is read whole (`in_turns`), its sets of
    # people and pairs of turns bounded, so the time grows with the speeches only.
    rng = random.Random(5)
    names = ["Ann", "Bob", "Cy", "Dot", "Eve", "Fay", "Gus", "Hal", "Ike", "Jo"]
    parts = [f'"Hello," said {n}.\n\n"Hi," said {n}.\n\nThey sat.' for n in names]
    for _ in range(200):
        trio = rng.sample(names, 3)
        parts += [f'"Well, {rng.choice(names)}," said {who}.' for who in trio]
        parts += [f'"Yes, {rng.choice(names)}, yes."' for _ in range(97)]
        parts.append("They all sat down.")
    spam = tmp_path / "turns.txt"
    spam.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    result = run("quotes", str(spam), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(r["type"] == "quotation" for r in records) == 20 + 200 * 100


def test_ten_thousand_answers_that_call_sir_and_madam(tmp_path: Path) -> None:
    # Each "sir" and "madam" is read forwards (who answers) and backwards (who asked),
    # each looking back a bounded stretch of the speeches before it, never copying them.
    cast = '"Yes," said Mr. Hale.\n\n"No," said Mrs. Hale.\n\n' * 3
    spam = tmp_path / "sir.txt"
    spam.write_text(
        cast + '"Is it far?"\n\n"Not far, sir."\n\n"Is it near, madam?"\n\n' * 10_000,
        encoding="utf-8",
    )
    result = run("quotes", str(spam), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(r["type"] == "quotation" for r in records) == 6 + 30_000


def test_terminal_output_escapes_control_characters(tmp_path: Path) -> None:
    body = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    evil = tmp_path / "evil\x1b[31m.txt"
    evil.write_text(
        body.replace("The long-promised", "\x1b[2J\x1b[31mThe long-promised"), encoding="utf-8"
    )
    result = run("compare", str(evil), str(EXAMPLES / "reprint.txt"))
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "\\u001b" in result.stdout


def test_markup_with_scripts_is_read_as_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = (EXAMPLES / "article.txt").read_text(encoding="utf-8").replace("\n\n", "</p><p>")
    page.write_text(
        f"<html><head><script>alert('x')</script></head><body onload='evil()'><p>{body}</p>"
        "<a href='javascript:alert(1)'>click</a><style>body{{}}</style></body></html>",
        encoding="utf-8",
    )
    result = run("compare", str(page), str(EXAMPLES / "reprint.txt"), "--format", "jsonl")
    assert result.returncode == 0
    assert "alert" not in result.stdout


def test_twenty_thousand_speeches_each_by_another_description(tmp_path: Path) -> None:
    # "said the man in the <word>", each word new: a description is looked for in the
    # whole text only where its last word recurs, and for a bounded number of them (each
    # looked for afresh, this took two minutes).
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    spam = tmp_path / "described.txt"
    spam.write_text(
        "".join(
            f'"Yes," said the man in the {"".join(rng.choice(letters) for _ in range(6))}.\n\n'
            for _ in range(20_000)
        ),
        encoding="utf-8",
    )
    result = run("quotes", str(spam), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(r["type"] == "quotation" for r in records) == 20_000


def test_five_thousand_misspellings_of_a_thousand_names(tmp_path: Path) -> None:
    # A thousand characters named twenty times each, and five thousand names each a
    # letter from one of theirs, each once: every misspelling is read as the name it
    # misspells, each checked only against the names it may misspell, not the cast.
    rng = random.Random(5)
    letters = "abcdefghijkmnopqrstuvw"  # no "ly" ("said Early Smithson" has an adverb), no xyz
    firsts = ["".join(rng.choice(letters) for _ in range(7)) for _ in range(1_000)]
    speeches = [f"{first.title()} Smithson" for first in firsts] * 20
    for first in firsts:
        for k in rng.sample(range(1, len(first)), 5):  # five names, each said once
            speeches.append(f"{(first[:k] + rng.choice('xyz') + first[k + 1 :]).title()} Smithson")
    spam = tmp_path / "names.txt"
    spam.write_text("".join(f'"Yes," said {name}.\n\n' for name in speeches), encoding="utf-8")
    result = run("quotes", str(spam), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    said = [r["speaker"] for r in records if r["type"] == "quotation"]
    assert len(said) == 25_000
    assert set(said) == {f"{first.title()} Smithson" for first in firsts}


@pytest.mark.parametrize("cut", ["goin\u2019 down ", "the boys\u2019 room "])
def test_a_speech_of_a_hundred_thousand_words_cut_short(tmp_path: Path, cut: str) -> None:
    # Each mark after a word that may be cut short ("goin’") or a plural possessive
    # ("boys’") looks ahead for the mark that closes the speech: it reads up to the next
    # mark, not the rest of its paragraph (which took minutes, growing as its square).
    spam = tmp_path / "cut.txt"
    spam.write_text("\u2018" + cut * 100_000 + "end.\u2019 said Sam.\n", encoding="utf-8")
    result = run("quotes", str(spam), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["speaker"] for r in records if r["type"] == "quotation"] == ["Sam"]
