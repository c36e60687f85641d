"""JSON Lines corpora in passim's layout: `id`, `text`, every other field kept as metadata."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from variorum.errors import InputError
from variorum.types import Document


def iter_jsonl(
    path: Path, source: str, on_error: Callable[[InputError], None]
) -> Iterator[Document]:
    """Stream the documents of a JSON Lines file, one per non-blank line.

    A bad line goes to `on_error`, which raises to stop or returns to skip the line.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                # Without its line end, as Spark's reader gives a line.
                yield line_document(raw.rstrip(b"\r\n"), f"{source}:{lineno}", source)
            except InputError as exc:
                on_error(exc)


def line_document(raw: bytes, where: str, source: str) -> Document:
    """The document of one line of a JSON Lines file (`where` names the line in errors).

    Every engine reads a line with this function, so that each refuses the same lines
    with the same message.
    """
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(where, f"not a JSON object ({exc})") from exc
    if not isinstance(record, dict):
        raise InputError(where, "not a JSON object")
    return record_document(record, where, source)


def record_document(record: dict[str, object], where: str, source: str) -> Document:
    """The document of a record (`id`, `text`, other fields kept as metadata); the record
    is consumed."""
    doc_id, text = record.pop("id", None), record.pop("text", None)
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id:
        raise InputError(where, 'needs a non-empty string "id"')
    if not isinstance(text, str):
        raise InputError(where, f'document {doc_id!r} needs a string "text"')
    if not text.strip():
        raise InputError(where, f"document {doc_id!r} is empty")
    return Document(doc_id, text, {"source": source, **record})
