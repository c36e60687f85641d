"""Files, folders, globs, HTML, Markdown and JSON Lines into Documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from variorum.errors import InputError
from variorum.ingest import read_document, read_documents
from variorum.ingest.html import html_to_text
from variorum.ingest.markdown import markdown_to_text


def test_html_keeps_visible_text_only() -> None:
    page = (
        "<html><head><title>The Title</title><style>p {color: red}</style>"
        "<script>alert('x')</script></head><body><nav>Home | About</nav>"
        "<h1>Heading</h1><p>First &amp; <b>bold</b>\n  paragraph.</p>"
        "<p onclick='evil()'>Second<br>line</p><footer>kept footer</footer></body></html>"
    )
    text, title = html_to_text(page)
    assert title == "The Title"
    assert "alert" not in text
    assert "color" not in text
    assert "Home" not in text
    assert text == "Heading\n\nFirst & bold paragraph.\n\nSecond\nline\n\nkept footer"


def test_markdown_loses_its_markup() -> None:
    source = (
        "---\ntitle: x\n---\n# A *title*\n\nSome **bold** and `code` and a "
        "[link](http://example.org) and ![alt text](img.png).\n\n> quoted line\n\n"
        "- item one\n- item two\n\n```\nkept = code\n```\n"
    )
    text = markdown_to_text(source)
    assert text.splitlines()[0] == "A title"
    assert "Some bold and code and a link and alt text." in text
    assert "quoted line" in text
    assert "item one" in text
    assert "kept = code" in text
    assert "http" not in text
    assert "*" not in text


def test_read_document_formats(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>Hello <i>there</i></p><script>x()</script>", "utf-8")
    (tmp_path / "b.md").write_text("# Hi\n\nSome *text*.", "utf-8")
    html = read_document(tmp_path / "a.html")
    assert html.text == "Hello there"
    assert html.id == str(tmp_path / "a.html")
    assert html.meta["format"] == "html"
    assert read_document(tmp_path / "b.md").text == "Hi\n\nSome text."


def test_jsonl_keeps_metadata_and_names_bad_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [
        {"id": "n1", "text": "First text.", "date": "1850-01-01", "series": "x"},
        {"id": 7, "text": "Second text."},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", "utf-8")
    docs = list(read_documents([corpus]))
    assert [d.id for d in docs] == ["n1", "7"]
    assert docs[0].meta["date"] == "1850-01-01"
    assert docs[0].meta["series"] == "x"
    corpus.write_text(json.dumps(rows[0]) + "\n{not json\n", "utf-8")
    with pytest.raises(InputError) as err:
        list(read_documents([corpus]))
    assert err.value.source == f"{corpus}:2"
    corpus.write_text('{"id": "x"}\n', "utf-8")
    with pytest.raises(InputError, match='needs a string "text"'):
        list(read_documents([corpus]))


def test_folders_are_read_recursively_in_order_and_globs_expand(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("bee", "utf-8")
    (tmp_path / "a.txt").write_text("ay", "utf-8")
    (tmp_path / "sub" / "c.md").write_text("sea", "utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    (tmp_path / ".hidden.txt").write_text("no", "utf-8")
    ids = [Path(d.id).name for d in read_documents([tmp_path])]
    assert ids == ["a.txt", "b.txt", "c.md"]
    globbed = [Path(d.id).name for d in read_documents([str(tmp_path / "*.txt")])]
    assert globbed == ["a.txt", "b.txt"]


def test_unreadable_sources_are_named_or_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("fine text", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="no such file"):
        list(read_documents([missing]))
    with pytest.raises(InputError, match="no file matches"):
        list(read_documents([str(tmp_path / "*.nothing")]))
    errors: list[InputError] = []
    docs = list(read_documents([tmp_path, missing], on_error=errors.append))
    assert [Path(d.id).name for d in docs] == ["good.txt"]
    assert sorted(Path(e.source).name for e in errors) == ["empty.txt", "missing.txt"]
