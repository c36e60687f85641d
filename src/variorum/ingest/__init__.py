"""Ingest: turn paths, folders, globs and JSON Lines corpora into Documents."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

from variorum.errors import InputError
from variorum.ingest.books import epub_to_text, pdf_to_text, tei_to_text
from variorum.ingest.decode import decode_bytes
from variorum.ingest.html import html_to_text
from variorum.ingest.jsonl import iter_jsonl
from variorum.ingest.markdown import markdown_to_text
from variorum.types import Document

InputFormat = Literal["auto", "text", "html", "markdown", "jsonl", "tei", "epub", "pdf"]
INPUT_FORMATS: tuple[InputFormat, ...] = (
    "auto", "text", "html", "markdown", "jsonl", "tei", "epub", "pdf",
)  # fmt: skip

_BY_SUFFIX: dict[str, InputFormat] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "tei", ".tei": "tei", ".epub": "epub", ".pdf": "pdf",
}  # fmt: skip
# Formats read from their bytes (their own encodings), not decoded as text first.
_BINARY = {"tei": tei_to_text, "epub": epub_to_text, "pdf": pdf_to_text}
_GLOB_CHARS = frozenset("*?[")
MISSING = "no such file or folder"

__all__ = [
    "INPUT_FORMATS",
    "InputFormat",
    "OnError",
    "read_document",
    "read_documents",
    "text_document",
]


def text_document(doc_id: str, text: str, **meta: object) -> Document:
    """A Document made from a string, for library callers."""
    return Document(doc_id, text, dict(meta))


def _format_of(path: Path, fmt: InputFormat) -> InputFormat:
    if fmt != "auto":
        return fmt
    return _BY_SUFFIX.get(path.suffix.lower(), "text")


def read_document(path: str | os.PathLike[str], fmt: InputFormat = "auto") -> Document:
    """Read one file (text, HTML or Markdown) into a Document whose id is the path as given."""
    source = os.fspath(path)
    p = Path(source)
    kind = _format_of(p, fmt)
    if kind == "jsonl":
        msg = "a JSON Lines corpus holds many documents: use read_documents()"
        raise InputError(source, msg)
    if not p.exists():
        raise InputError(source, MISSING)
    if p.is_dir():
        raise InputError(source, "is a folder, not a file (use scan to read folders)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc
    if kind in _BINARY:
        text, extra = _BINARY[kind](data, source)
        if not text.strip():
            raise InputError(source, "empty document (no visible text)")
        return Document(source, text, {"format": kind, **extra})
    decoded = decode_bytes(data, source)
    meta: dict[str, object] = {"encoding": decoded.encoding, "format": kind}
    if decoded.replaced:
        meta["replaced_bytes"] = decoded.replaced
    text = decoded.text
    if kind == "html":
        text, title = html_to_text(text)
        if title:
            meta["title"] = title
    elif kind == "markdown":
        text = markdown_to_text(text)
    if not text.strip():
        raise InputError(source, "empty document (no visible text)")
    return Document(source, text, meta)


def is_glob(source: str) -> bool:
    """Whether a source is a pattern (*, ? or [) rather than a path."""
    return bool(_GLOB_CHARS & set(source))


def _expand(source: str) -> Iterator[Path]:
    p = Path(source)
    if p.is_dir():
        found = False
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                child = Path(root) / name
                if not name.startswith(".") and child.suffix.lower() in _BY_SUFFIX:
                    found = True
                    yield child
        if not found:
            raise InputError(
                source, "folder holds no .txt, .md, .html, .jsonl, .xml (TEI), .epub or .pdf file"
            )
        return
    if p.exists() or not is_glob(source):
        yield p
        return
    matches = sorted(glob.glob(source, recursive=True))
    if not matches:
        raise InputError(source, "no file matches this pattern")
    for m in matches:
        if not Path(m).is_dir():
            yield Path(m)


OnError = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def read_documents(
    sources: Iterable[str | os.PathLike[str] | Document],
    fmt: InputFormat = "auto",
    on_error: OnError | None = None,
) -> Iterator[Document]:
    """Stream the documents of files, folders (recursively), globs and JSON Lines corpora;
    a Document among the sources comes as it is, in its place.

    A source that cannot be read raises InputError, unless `on_error` is given: then it
    receives the error and reading goes on with the next file or JSON line.
    """
    handle = on_error or _raise
    for source in sources:
        if isinstance(source, Document):
            yield source
            continue
        try:
            paths = list(_expand(os.fspath(source)))
        except InputError as exc:
            handle(exc)
            continue
        for path in paths:
            try:
                if _format_of(path, fmt) == "jsonl":
                    if not path.exists():
                        raise InputError(str(path), MISSING)
                    yield from iter_jsonl(path, str(path), handle)
                else:
                    yield read_document(path, fmt)
            except InputError as exc:
                handle(exc)
