"""The command line: every command and format, exit codes, messages, atomic output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli
from variorum.cli import build_parser, main

ARTICLE, REPRINT = str(EXAMPLES / "article.txt"), str(EXAMPLES / "reprint.txt")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args)


def test_help_for_every_command() -> None:
    top = run("--help")
    assert top.returncode == 0
    assert "compare" in top.stdout
    assert "scan" in top.stdout
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in sub.choices:
        result = run(name, "--help")
        assert result.returncode == 0, name
        assert "usage: variorum" in result.stdout


def test_compare_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", ARTICLE, REPRINT]) == 0
    out = capsys.readouterr().out
    assert "1 shared passages" in out
    assert "persons → people" in out
    assert "coverage" in out


def test_compare_jsonl_records_follow_the_documented_shape(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["compare", ARTICLE, REPRINT, "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["type"] == "run"
    assert records[0]["schema_version"] == 2
    passages = [r for r in records if r["type"] == "passage"]
    assert len(passages) == 1
    p = passages[0]
    assert set(p) >= {
        "a",
        "b",
        "kind",
        "score",
        "evidence",
        "confidence",
        "segments",
        "edits",
        "matched",
        "words",
    }
    text_a = Path(ARTICLE).read_text(encoding="utf-8")
    assert "The long-promised bridge" in text_a[p["a"]["start"] : p["a"]["end"]][:120]
    assert all(p["a"]["start"] <= s["a"][0] < s["a"][1] <= p["a"]["end"] for s in p["segments"])
    docs = [r for r in records if r["type"] == "document"]
    assert [d["doc"] for d in docs] == [ARTICLE, REPRINT]


def test_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", ARTICLE, REPRINT, "--format", "json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert whole["schema_version"] == 2
    assert len(whole["results"]) == 1
    assert main(["scan", str(EXAMPLES), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert rows[0]["type"] == "passage"
    assert rows[0]["kind"] == "edited"
    assert 0.5 < float(rows[0]["confidence"]) <= 1.0


def test_output_file_is_written_whole_and_readable(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    assert main(["scan", str(EXAMPLES), "--format", "jsonl", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").count('"type":"passage"') == 1
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_output_dash_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "-o -" writes to standard output, as "-" means for other tools, not to a file
    named "-"."""
    monkeypatch.chdir(tmp_path)
    assert main(["scan", str(EXAMPLES), "--format", "jsonl", "-o", "-"]) == 0
    assert capsys.readouterr().out.count('"type":"passage"') == 1
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_the_old_output_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous result\n", encoding="utf-8")
    result = run("compare", ARTICLE, str(tmp_path / "missing.txt"), "-o", str(target))
    assert result.returncode == 1
    assert target.read_text(encoding="utf-8") == "previous result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_output_to_a_named_pipe_or_a_device_is_written_in_place(tmp_path: Path) -> None:
    """ "-o /dev/null" or a named pipe: written to, never renamed over (a temporary file
    renamed onto /dev/null would put a plain file in the device's place)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE, text=True)
    result = run("compare", ARTICLE, REPRINT, "--format", "jsonl", "-o", str(pipe))
    out, _ = reader.communicate(timeout=60)
    assert result.returncode == 0, result.stderr
    assert out.count('"type":"passage"') == 1
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left
    assert run("compare", ARTICLE, REPRINT, "-o", os.devnull).returncode == 0
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_output_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = run("compare", ARTICLE, REPRINT, "-o", str(tmp_path / "no" / "out.txt"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-words", "0"], "min_words must be"),
        (["--min-evidence", "2"], "min_evidence must be"),
        (["--ngram", "3", "--seed", "4"], "seed (4) must not exceed ngram (3)"),
    ],
)
def test_bad_options_are_refused_before_any_work(args: list[str], message: str) -> None:
    result = run("compare", ARTICLE, REPRINT, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2() -> None:
    assert run("compare", ARTICLE).returncode == 2
    assert run("frobnicate").returncode == 2


def test_scan_skips_bad_files_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(Path(ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(Path(REPRINT).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    failed = run("scan", str(tmp_path))
    assert failed.returncode == 1
    assert "bad.txt: binary file" in failed.stderr
    skipped = run("scan", str(tmp_path), "--on-error", "skip")
    assert skipped.returncode == 0
    assert "skipped" in skipped.stderr
    assert "1 shared passages" in skipped.stdout


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    one = run("scan", str(EXAMPLES), "--format", "jsonl", "--jobs", "1")
    two = run("scan", str(EXAMPLES), "--format", "jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


def test_quotes_lists_only_the_kinds_asked_for(tmp_path: Path) -> None:
    doc = tmp_path / "letter.txt"
    doc.write_text(
        "\u201cRead it,\u201d said Ada. Nell opened the letter. It ran thus:\n\n"
        "     \u201cThe river rose in the night and the mill is under water, but the\n"
        "     sacks are dry and the bridge will hold until the road opens again.\u201d\n\n"
        "It was a \u201cgood\u201d letter.\n",
        encoding="utf-8",
    )

    def kinds(*extra: str) -> list[str]:
        result = run("quotes", str(doc), "--format", "jsonl", *extra)
        assert result.returncode == 0, result.stderr
        return [
            r["kind"] for r in map(json.loads, result.stdout.splitlines()) if r["type"] != "run"
        ]

    # By default speech and quoted words only; what was left out is said.
    assert kinds() == ["quotation"]
    said = run("quotes", str(doc), "--format", "jsonl").stderr
    assert "left out 1 letter, 1 scare (--kinds all lists them)" in said
    assert kinds("--kinds", "all") == ["quotation", "letter", "scare"]
    assert kinds("--kinds", "letter,scare") == ["letter", "scare"]
    refused = run("quotes", str(doc), "--kinds", "speech")
    assert refused.returncode == 2
    assert "unknown kind speech" in refused.stderr


def test_quotes_as_csv_is_a_table_of_quotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "cited.txt"
    doc.write_text(
        "\u201cThe sea is wide,\u201d said Ada. \u201cAnd deep,\u201d answered Nell.\n",
        encoding="utf-8",
    )
    assert main(["quotes", str(doc), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["speaker"] for r in rows] == ["Ada", "Nell"]
    assert [r["speaker_by"] for r in rows] == ["cue", "cue"]
    first = rows[0]
    text = doc.read_text(encoding="utf-8")
    assert text[int(first["start"]) : int(first["end"])].startswith("\u201cThe sea")
    assert first["doc"] == str(doc)


def test_report_redraws_a_scan_with_clusters_and_quotations(tmp_path: Path) -> None:
    results = tmp_path / "scan.jsonl"
    page = tmp_path / "report.html"
    written = run(
        "scan", str(EXAMPLES), "--clusters", "--quotes", "--format", "jsonl", "-o", str(results)
    )
    assert written.returncode == 0, written.stderr
    assert '"type":"cluster"' in results.read_text(encoding="utf-8")
    drawn = run("report", str(results), "-o", str(page))
    assert drawn.returncode == 0, drawn.stderr
    assert "Holloway Ford" in page.read_text(encoding="utf-8")
