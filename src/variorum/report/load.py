"""Results read back from JSON Lines, with the texts of their documents."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from variorum.errors import InputError
from variorum.ingest import InputFormat, read_document, read_documents

_KNOWN = ("run", "passage", "repetition", "document", "quotation", "cluster")


def _docs_of(record: dict[str, Any]) -> list[str]:
    kind = record.get("type")
    if kind in ("passage", "repetition"):
        return [record["a"]["doc"], record["b"]["doc"]]
    if kind in ("document", "quotation"):
        return [record["doc"]]
    if kind == "cluster":
        return [m["doc"] for m in record["members"]]
    return []


def load_results(
    path: str | os.PathLike[str],
    docs: Sequence[str] | None = None,
    fmt: InputFormat = "auto",
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The records of a results file and the text of every document they name.

    The texts come from `docs` (files, folders, collections) when given, else from the
    paths the records name. A document whose length differs from the one recorded is
    refused: the offsets would point at the wrong words.
    """
    source = os.fspath(path)
    records: list[dict[str, Any]] = []
    try:
        with open(source, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(source, f"line {number} is not JSON ({exc.msg})") from exc
                if not isinstance(record, dict) or record.get("type") not in _KNOWN:
                    raise InputError(source, f"line {number} is not a variorum record")
                records.append(record)
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(source, "is not UTF-8 JSON Lines") from exc
    try:
        wanted = list(dict.fromkeys(doc for r in records for doc in _docs_of(r)))
    except (KeyError, TypeError) as exc:
        raise InputError(source, f"a record lacks its document ({exc})") from exc
    if not wanted:
        raise InputError(source, "holds no passage, document or quotation records")
    if docs:
        available = {d.id: d.text for d in read_documents(docs, fmt)}
        missing = [doc for doc in wanted if doc not in available]
        if missing:
            raise InputError(source, f"document {missing[0]!r} is not among --docs")
        texts = {doc: available[doc] for doc in wanted}
    else:
        texts = {doc: read_document(doc, fmt).text for doc in wanted}
    for r in records:
        if r.get("type") == "document" and r.get("chars") not in (None, len(texts[r["doc"]])):
            raise InputError(
                r["doc"],
                f"has {len(texts[r['doc']])} characters, the results say {r['chars']}: "
                "not the text the results were computed on",
            )
    return records, texts
