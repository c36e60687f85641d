"""The persistent index: build, add, query; all-or-nothing under SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli
from variorum import store
from variorum.errors import InputError
from variorum.ingest import read_document
from variorum.types import Document


def _corpus(folder: Path, count: int, words: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcdefghijklmnop") for _ in range(7)) for _ in range(5000)]
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"doc{n:04d}.txt"
        path.write_text(" ".join(rng.choices(vocabulary, k=words)) + ".", encoding="utf-8")
        paths.append(path)
    return paths


def test_build_add_query(tmp_path: Path) -> None:
    index = tmp_path / "examples.vdx"
    built = store.build(index, [read_document(EXAMPLES / "article.txt")])
    assert (built.documents, built.semantic) == (1, False)
    assert store.add(index, [read_document(EXAMPLES / "unrelated.txt")]) == 1
    found = store.query(index, read_document(EXAMPLES / "reprint.txt"))
    assert [(p.a.doc, p.b.doc) for p in found.passages] == [
        (str(EXAMPLES / "reprint.txt"), str(EXAMPLES / "article.txt"))
    ]
    assert found.passages[0].kind == "edited"
    with pytest.raises(InputError, match="already in the index"):
        store.add(index, [Document("new", "x"), read_document(EXAMPLES / "unrelated.txt")])
    assert store.stats(index).documents == 2  # the failed add left nothing behind


def test_the_command_line(tmp_path: Path) -> None:
    index = tmp_path / "i.vdx"
    built = run_cli("index", "build", str(EXAMPLES / "article.txt"), "-o", str(index))
    assert built.returncode == 0, built.stderr
    assert "indexed 1 documents" in built.stderr
    added = run_cli("index", "add", str(index), str(EXAMPLES / "unrelated.txt"))
    assert "added 1 documents" in added.stderr
    result = run_cli("query", str(index), str(EXAMPLES / "reprint.txt"), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert '"type":"passage"' in result.stdout
    not_an_index = run_cli("query", str(EXAMPLES / "article.txt"), str(EXAMPLES / "reprint.txt"))
    assert not_an_index.returncode == 1
    assert "is not a variorum index" in not_an_index.stderr


def _count(index: Path) -> tuple[int, str]:
    con = sqlite3.connect(index)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        grams = con.execute("SELECT COUNT(DISTINCT doc) FROM grams").fetchone()[0]
        assert grams == docs  # no document without its n-grams, nor the reverse
    finally:
        con.close()
    return docs, check


def _killed(args: list[str], after: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "variorum", *args], cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(after)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_an_index_is_never_written_over_what_is_no_file(tmp_path: Path) -> None:
    """An index written in place of a named pipe (or /dev/null) would replace it with a
    file: refused, with the path and the reason, and the pipe left as it was."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    first = _corpus(tmp_path / "first", 2, 300, seed=1)
    result = run_cli("index", "build", *map(str, first), "-o", str(pipe))
    assert result.returncode == 1
    assert f"{pipe}: cannot write an index there (not a file)" in result.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "pipe"]


def test_sigkill_never_corrupts_the_index_nor_loses_what_was_committed(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first", 20, 300, seed=1)
    _corpus(tmp_path / "batch", 200, 2000, seed=2)
    index = tmp_path / "c.vdx"
    assert run_cli("index", "build", *map(str, first), "-o", str(index)).returncode == 0
    # How long a whole add takes, on a copy, to spread the kills over it.
    probe = tmp_path / "probe.vdx"
    probe.write_bytes(index.read_bytes())
    t0 = time.perf_counter()
    assert run_cli("index", "add", str(probe), str(tmp_path / "batch")).returncode == 0
    whole = time.perf_counter() - t0
    outcomes = []
    for share in (0.5, 0.65, 0.8, 0.95):
        _killed(["index", "add", str(index), str(tmp_path / "batch")], share * whole)
        docs, check = _count(index)
        assert check == "ok"
        assert docs in (20, 220)  # all of the batch or none of it
        outcomes.append(docs)
        if docs == 220:
            break
    assert outcomes[0] == 20  # killed half way through: nothing of the batch was committed
    # A killed build leaves the old index in place, whole.
    before = index.read_bytes()
    _killed(["index", "build", str(tmp_path / "batch"), "-o", str(index)], 0.5)
    assert _count(index)[1] == "ok"
    assert index.read_bytes() == before or _count(index)[0] == 200
    # The killed commands' worker processes end too, instead of waiting forever.
    if not Path("/proc").is_dir():
        return
    deadline = time.monotonic() + 10
    while _running(str(index)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _running(str(index)) == []


def _running(needle: str) -> list[str]:
    """The command lines of this machine's processes that mention `needle`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if needle in line:
            found.append(line)
    return found


def test_a_semantic_index_finds_a_translation(tmp_path: Path) -> None:
    english = Document(
        "harbour-en",
        "The storm broke the northern wall of the harbour at dawn. No ship left the port "
        "for three days. The fishermen waited on the quay for the wind to turn. On the "
        "fourth day the sea was calm, and the boats went out again at first light.",
    )
    other = Document(
        "market",
        "Prices at the market rose all winter. Bread cost twice what it had cost in the "
        "autumn. The mayor promised to open the granaries before the spring.",
    )
    french = Document(
        "port-fr",
        "La tempête brisa le mur nord du port à l'aube. Aucun navire ne quitta le port "
        "pendant trois jours. Les pêcheurs attendirent sur le quai que le vent tourne. Le "
        "quatrième jour, la mer était calme, et les bateaux repartirent au petit matin.",
    )
    index = tmp_path / "s.vdx"
    assert store.build(index, [english, other], semantic=True).semantic
    found = store.query(index, french)
    assert {p.b.doc for p in found.passages} == {"harbour-en"}
    assert found.passages[0].kind == "translation"
    lexical_only = tmp_path / "l.vdx"
    store.build(lexical_only, [english, other])
    assert store.query(lexical_only, french).passages == ()


def _rows(index: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(index) as con:
        docs = con.execute("SELECT n, id, text, meta, vector FROM documents ORDER BY n").fetchall()
        grams = con.execute("SELECT hash, doc FROM grams ORDER BY doc, hash").fetchall()
    return [*docs, *grams]


def test_two_processes_build_the_same_index(tmp_path: Path) -> None:
    from variorum.options import Options  # noqa: PLC0415

    paths = _corpus(tmp_path / "docs", 80, 60, seed=5)
    docs = [read_document(p) for p in paths]
    one, two = tmp_path / "one.vdx", tmp_path / "two.vdx"
    store.build(one, docs[:50], Options(jobs=1))
    store.build(two, docs[:50], Options(jobs=2))
    assert store.add(one, docs[50:], jobs=1) == store.add(two, docs[50:], jobs=2) == 30
    assert _rows(one) == _rows(two)
    assert store.stats(two).documents == 80
