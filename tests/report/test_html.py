"""The HTML report: self-contained, escaped, the same from compare and from report."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import EXAMPLES, run_cli
from variorum.report.html import CSP, escape

ARTICLE, REPRINT = str(EXAMPLES / "article.txt"), str(EXAMPLES / "reprint.txt")
HOSTILE = (
    "<script>window.pwned = 1; alert(1)</script> The harbour master wrote that the "
    "storm broke the northern wall at dawn and that no ship left port for three days. "
    '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">click</a> '
    "\u202eevil\u202c <iframe src=//example.org></iframe>\n"
)


def test_compare_writes_a_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run_cli("compare", ARTICLE, REPRINT, "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert f'content="{CSP}"' in page
    assert "default-src 'none'" in CSP
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing fetched
    assert page.count('<mark class="k-edited"') >= 2  # the passage, on both sides
    assert 'id="a-p0"' in page
    assert 'id="b-p0"' in page
    assert "<del>" not in page  # changes are classes, not markup that could nest badly
    assert 'class="chg"' in page


def test_report_of_saved_results_is_the_same_page(tmp_path: Path) -> None:
    jsonl, direct, later = tmp_path / "r.jsonl", tmp_path / "a.html", tmp_path / "b.html"
    for fmt, path in (("jsonl", jsonl), ("html", direct)):
        assert (
            run_cli("compare", ARTICLE, REPRINT, "--format", fmt, "-o", str(path)).returncode == 0
        )
    result = run_cli("report", str(jsonl), "-o", str(later))
    assert result.returncode == 0, result.stderr
    assert later.read_text(encoding="utf-8") == direct.read_text(encoding="utf-8")


def test_report_refuses_a_changed_document_and_bad_records(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(Path(ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text(Path(REPRINT).read_text(encoding="utf-8"), encoding="utf-8")
    jsonl = tmp_path / "r.jsonl"
    assert run_cli("compare", str(a), str(b), "--format", "jsonl", "-o", str(jsonl)).returncode == 0
    a.write_text("Another text entirely.", encoding="utf-8")
    changed = run_cli("report", str(jsonl))
    assert changed.returncode == 1
    assert "not the text the results were computed on" in changed.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "run"}\nnot json\n', encoding="utf-8")
    refused = run_cli("report", str(bad), "-o", str(tmp_path / "never.html"))
    assert refused.returncode == 1
    assert "bad.jsonl: line 2 is not JSON" in refused.stderr
    assert not (tmp_path / "never.html").exists()


def test_document_text_is_escaped(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HOSTILE, encoding="utf-8")
    b.write_text("Reprinted: " + HOSTILE, encoding="utf-8")
    out = tmp_path / "r.html"
    result = run_cli("compare", str(a), str(b), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("<script>") == 1  # the report's own
    for tag in ("<img", "<iframe", '<a href="javascript', 'onerror="'):
        assert tag not in page
    assert "&lt;/script&gt;" in page
    assert "\u202e" not in page
    assert '<span class="ctl">\\u202e</span>' in page


def test_escape_shows_hidden_characters() -> None:
    assert escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#x27;"
    assert escape("x\x00y\u200bz\n") == (
        'x<span class="ctl">\\u0000</span>y<span class="ctl">\\u200b</span>z\n'
    )
