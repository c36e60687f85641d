"""One harness over every executor: the same inputs give equal records, and bad input the
same errors, in memory, in a pool, on disk and on Spark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SHARED
from tests.engine.conftest import Scanner
from variorum.errors import InputError
from variorum.ingest import read_documents
from variorum.options import Options
from variorum.report.records import records
from variorum.types import Result


def _records(result: Result) -> list[str]:
    """The result as the JSON Lines records variorum writes, line by line."""
    return [json.dumps(r, ensure_ascii=False) for r in records(result)]


# (name, folder, options): what each executor scans. The shared ones skip without ../shared.
CASES = [
    ("examples", EXAMPLES, Options(quotes=True, clusters=True)),
    ("embedded", SHARED / "eval/tasks/embedded/docs", Options()),
    (
        "embedded-all-lexical",
        SHARED / "eval/tasks/embedded/docs",
        Options(all_links=True, clusters=True, semantic=False),
    ),
    ("seeds-lexical", SHARED / "corpus/seeds", Options(quotes=True, clusters=True, semantic=False)),
    ("seeds-short", SHARED / "corpus/seeds", Options(min_words=10, semantic=False)),
    # The reference case: the 1995 chapter found re-translated in the 2019 text.
    ("seeds-semantic", SHARED / "corpus/seeds", Options(semantic=True, quotes=True, clusters=True)),
]


@pytest.mark.parametrize(("name", "folder", "options"), CASES, ids=[c[0] for c in CASES])
def test_every_executor_writes_the_same_records(
    executor: Scanner, reference: Scanner, name: str, folder: Path, options: Options
) -> None:
    if not folder.is_dir():
        pytest.skip("../shared is not beside this checkout")
    docs = [d for d in read_documents([str(folder)]) if d.id.endswith(".txt")]
    expected = reference(docs, options, None)
    assert expected.passages, name
    assert _records(executor(docs, options, None)) == _records(expected)


def _corpus(tmp_path: Path, name: str, lines: list[str]) -> str:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


_TEXTS = [
    json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8"), "date": "1900"})
    for p in sorted(EXAMPLES.glob("*.txt"))
]
BAD = {
    "empty-text": [_TEXTS[0], json.dumps({"id": "e", "text": "  \n "}), _TEXTS[1]],
    "broken-line": [_TEXTS[0], '{"id": "b", "te', _TEXTS[1]],
    "no-id": [_TEXTS[0], json.dumps({"text": "words"}), _TEXTS[1]],
    "text-not-a-string": [_TEXTS[0], json.dumps({"id": "n", "text": 7}), _TEXTS[1]],
    "not-an-object": [_TEXTS[0], "[1, 2]", _TEXTS[1]],
    "repeated-id": [_TEXTS[0], _TEXTS[1], _TEXTS[0]],
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gives_the_same_error_everywhere(
    executor: Scanner, reference: Scanner, tmp_path: Path, case: str
) -> None:
    corpus = _corpus(tmp_path, case, BAD[case])
    with pytest.raises(InputError) as expected:
        reference([corpus], Options(), None)
    with pytest.raises(InputError) as raised:
        executor([corpus], Options(), None)
    assert str(raised.value) == str(expected.value)
    assert corpus in str(expected.value) or case == "repeated-id"


@pytest.mark.parametrize("name", ["absent.jsonl", "absent-*.jsonl"])
def test_a_missing_file_gives_the_same_error_everywhere(
    executor: Scanner, reference: Scanner, tmp_path: Path, name: str
) -> None:
    path = str(tmp_path / name)
    with pytest.raises(InputError) as expected:
        reference([path], Options(), None)
    with pytest.raises(InputError) as raised:
        executor([path], Options(), None)
    assert str(raised.value) == str(expected.value)
    assert str(expected.value).startswith(path)


def test_bad_lines_are_skipped_alike_when_asked(
    executor: Scanner, reference: Scanner, tmp_path: Path
) -> None:
    lines = [_TEXTS[0], "", '{"id": "b", "te', json.dumps({"id": "e", "text": ""}), *_TEXTS[1:]]
    corpus = _corpus(tmp_path, "mixed", lines)
    expected: list[str] = []
    skipped: list[str] = []
    want = reference([corpus], Options(), lambda e: expected.append(str(e)))
    got = executor([corpus], Options(), lambda e: skipped.append(str(e)))
    assert [e.split(" (")[0] for e in expected] == [
        f"{corpus}:3: not a JSON object",
        f"{corpus}:4: document 'e' is empty",
    ]
    assert skipped == expected
    assert _records(got) == _records(want)
    assert [d.meta for d in got.documents] == [d.meta for d in want.documents]
