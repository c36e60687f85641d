"""The streamed scan: documents through a store on disk, the same passages as in memory."""

from __future__ import annotations

import gc
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.helpers import edit, sentence_words, vocabulary
from variorum import Document, InputError, OptionError, Options, scan
from variorum.engine import pool, stream
from variorum.engine.stored import StoredDocuments, remove_folder
from variorum.scratch import FOLDER_PREFIX, OWNER, make_folder, sweep
from variorum.work import run

VOCAB = vocabulary(random.Random(7))


def collection(rng: random.Random, n: int = 40) -> list[Document]:
    """n documents: a few sources, edited copies of their parts, repetitions, others."""
    sources = [sentence_words(rng, VOCAB, 300) for _ in range(4)]
    docs: list[Document] = []
    for k in range(n):
        body = sentence_words(rng, VOCAB, rng.randint(50, 200))
        if k % 3 == 0:
            src = sources[k % 4]
            lo = rng.randint(0, 200)
            body += edit(rng, src[lo : lo + 80], VOCAB, 0.05)
        if k % 7 == 0:
            body += body[:40]  # a repetition inside the document
        meta = {"date": f"19{10 + k}", "title": f"n° {k} \u00e9"}
        docs.append(Document(f"doc{k:02d}", " ".join(body), meta))
    return docs


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many batches, posting files and vote files for a small collection."""
    monkeypatch.setattr(stream, "_BATCH_DOCS", 3)
    monkeypatch.setattr(stream, "_POSTING_BITS", 2)
    monkeypatch.setattr(stream, "_POSTING_FILES", 4)
    monkeypatch.setattr(stream, "_VOTE_FILES", 3)


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    "options",
    [Options(), Options(all_links=True, clusters=True), Options(repetitions=False)],
)
def test_streamed_scan_equals_the_scan_in_memory(jobs: int, options: Options) -> None:
    docs = collection(random.Random(11))
    opts = Options(
        all_links=options.all_links,
        clusters=options.clusters,
        repetitions=options.repetitions,
        jobs=jobs,
    )
    memory = scan(docs, opts)
    streamed = scan(docs, opts, stream=True)
    assert memory.passages
    assert tuple(streamed.passages) == memory.passages
    assert streamed.clusters == memory.clusters
    assert isinstance(streamed.documents, StoredDocuments)
    assert list(streamed.documents) == list(memory.documents)
    assert [dict(d.meta) for d in streamed.documents] == [dict(d.meta) for d in docs]


def test_stored_documents_read_back_by_number_and_id(tmp_path: Path) -> None:
    odd = Document("odd", "a lone surrogate \udcff and \u0000 and \U0001f600 " * 3, {"n": [1]})
    docs = [*collection(random.Random(12), 6), odd]
    result = scan(docs, Options(jobs=1), stream_dir=str(tmp_path))
    stored = result.documents
    assert isinstance(stored, StoredDocuments)
    assert stored[-1] == odd
    assert stored[-1].text == odd.text
    assert stored[-1].meta == {"n": [1]}
    assert stored[1:3] == docs[1:3]
    assert stored.by_id["doc03"].text == docs[3].text
    assert stored.analysed[2].tokens.hashes.tolist() == scan_tokens(docs[2])
    with pytest.raises(IndexError):
        stored[len(docs)]
    assert len(list(tmp_path.iterdir())) == 1
    stored.close()
    assert list(tmp_path.iterdir()) == []


def scan_tokens(doc: Document) -> list[int]:
    from variorum.text.tokenize import tokenize  # noqa: PLC0415

    return list(tokenize(doc.text).hashes.tolist())


def test_the_store_goes_with_the_result(tmp_path: Path) -> None:
    result = scan(collection(random.Random(13), 5), Options(jobs=1), stream_dir=str(tmp_path))
    assert len(list(tmp_path.iterdir())) == 1
    del result
    gc.collect()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_streamed_scan_leaves_nothing_behind(tmp_path: Path) -> None:
    docs = [Document("x", "one text here"), Document("y", "two"), Document("x", "again")]
    with pytest.raises(InputError, match="two documents have this id"):
        scan(docs, Options(jobs=1), stream_dir=str(tmp_path))
    gc.collect()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(OptionError, match="cannot make the scan's temporary folder"):
        scan(docs, Options(jobs=1), stream_dir=str(tmp_path / "missing"))


def test_the_pool_draws_chunks_a_few_at_a_time() -> None:
    drawn: list[int] = []

    def chunks() -> Iterator[list[int]]:
        for k in range(50):
            drawn.append(k)
            yield [k]

    answers = run(pool.runner(2), sum, chunks(), {})
    assert next(answers) == 0
    assert len(drawn) <= pool._AHEAD * 2 + 1
    assert list(answers) == list(range(1, 50))


def test_cli_streams_to_the_same_output(tmp_path: Path) -> None:
    memory, streamed = tmp_path / "memory.jsonl", tmp_path / "streamed.jsonl"
    run = run_cli("scan", str(EXAMPLES), "--jobs", "1", "-o", str(memory))
    assert run.returncode == 0, run.stderr
    folder = tmp_path / "scratch"
    folder.mkdir()
    run = run_cli(
        "scan", str(EXAMPLES), "--jobs", "1", "--stream-dir", str(folder), "-o", str(streamed)
    )
    assert run.returncode == 0, run.stderr
    assert streamed.read_text(encoding="utf-8") == memory.read_text(encoding="utf-8")
    assert os.listdir(folder) == []
    run = run_cli("scan", str(EXAMPLES), "--stream-dir", str(tmp_path / "nowhere"))
    assert run.returncode != 0
    assert "nowhere: cannot make the scan's temporary folder" in run.stderr


def _streamed_scan(tmp_path: Path, seed: int) -> tuple[subprocess.Popen[str], Path]:
    """A streamed scan of a written corpus started in the background, once its folder
    is claimed (or it has ended); the process and the folder it streams through."""
    rng = random.Random(seed)
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": f"d{k}", "text": " ".join(sentence_words(rng, VOCAB, 3000))})
        for k in range(300)
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "scratch"
    folder.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "variorum", "scan", str(corpus), "--jobs", "2",
         "--stream-dir", str(folder), "-o", str(tmp_path / "out.jsonl")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while (
        not list(folder.glob(f"*/{OWNER}"))
        and process.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    return process, folder


def test_a_stop_just_after_the_folder_appears_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C the moment the scan's folder is made (its claim written, the folder not yet
    handed to whoever removes it) still removes it: the signal waits until it is."""
    made = make_folder

    def interrupted(parent: str | None) -> str:
        folder = made(parent)
        os.kill(os.getpid(), signal.SIGINT)  # Python raises it at its next instruction
        return folder

    monkeypatch.setattr(stream, "make_folder", interrupted)
    docs = [Document("a", "the river rose in May and the mill was lost " * 20)]
    with pytest.raises(KeyboardInterrupt):
        scan(docs, stream_dir=str(tmp_path))
    assert os.listdir(tmp_path) == []


def test_sigterm_removes_the_temporary_folder(tmp_path: Path) -> None:
    process, folder = _streamed_scan(tmp_path, 14)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the scan ended before the signal came")
    assert "interrupted" in err
    assert os.listdir(folder) == []
    assert not (tmp_path / "out.jsonl").exists()


def test_the_next_scan_removes_the_folder_of_a_killed_one(tmp_path: Path) -> None:
    """SIGKILL leaves no chance to clean up: the folder stays, unlocked, and the next
    streamed scan in the same place removes it."""
    process, folder = _streamed_scan(tmp_path, 15)
    process.kill()
    process.communicate(timeout=60)
    if not os.listdir(folder):
        pytest.skip("the scan ended before the signal came")
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"id": "a", "text": "one two three"}) + "\n", encoding="utf-8")
    # Its workers hold the lock until they see their parent gone (within a second or so).
    deadline = time.monotonic() + 30
    while os.listdir(folder) and time.monotonic() < deadline:
        result = run_cli("scan", str(small), "--stream-dir", str(folder), "--format", "jsonl")
        assert result.returncode == 0, result.stderr
    assert os.listdir(folder) == []


def test_a_sweep_leaves_live_scans_and_other_folders_alone(tmp_path: Path) -> None:
    live = make_folder(str(tmp_path))
    stranger = tmp_path / f"{FOLDER_PREFIX}just-made"  # no lock file yet, and new
    stranger.mkdir()
    dead = tmp_path / f"{FOLDER_PREFIX}dead"
    dead.mkdir()
    (dead / OWNER).write_bytes(b"")
    unclaimed = tmp_path / f"{FOLDER_PREFIX}unclaimed"
    unclaimed.mkdir()
    hours_ago = time.time() - 7200
    os.utime(unclaimed, (hours_ago, hours_ago))
    assert sorted(sweep(str(tmp_path))) == sorted([str(dead), str(unclaimed)])
    assert sorted(os.listdir(tmp_path)) == sorted([os.path.basename(live), stranger.name])
    remove_folder(live)
    assert not os.path.exists(live)
