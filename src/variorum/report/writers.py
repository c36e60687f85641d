"""Output formats (text summary, JSON Lines, JSON, CSV) and atomic writing."""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from variorum.errors import OutputError
from variorum.report.escape import cell
from variorum.report.records import as_line, passage_record, records
from variorum.report.summary import summary
from variorum.types import Result

FORMATS = ("text", "jsonl", "json", "csv", "html")
_CSV_FIELDS = (
    "type", "a_doc", "a_start", "a_end", "b_doc", "b_start", "b_end",
    "kind", "score", "matched", "words_a", "words_b", "segments", "edits", "confidence",
)  # fmt: skip


def _jsonl(result: Result, out: TextIO) -> None:
    for rec in records(result):
        out.write(as_line(rec))
        out.write("\n")


def _json(result: Result, out: TextIO) -> None:
    recs = list(records(result))
    doc = {
        **recs[0],
        "results": [r for r in recs[1:] if r["type"] in ("passage", "repetition")],
        "quotations": [r for r in recs if r["type"] == "quotation"],
        "clusters": [r for r in recs if r["type"] == "cluster"],
        "document_stats": [r for r in recs if r["type"] == "document"],
    }
    doc.pop("type")
    json.dump(doc, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _csv(result: Result, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    for p in result.passages:
        r = passage_record(p)
        row = (
            r["type"], r["a"]["doc"], r["a"]["start"], r["a"]["end"], r["b"]["doc"],
            r["b"]["start"], r["b"]["end"], r["kind"], r["score"], r["matched"],
            p.words_a, p.words_b, len(p.segments), len(p.edits), r["confidence"],
        )  # fmt: skip
        writer.writerow([cell(v) for v in row])


def _html(result: Result, out: TextIO) -> None:
    from variorum.report.html import report  # noqa: PLC0415

    out.write(report(list(records(result)), {d.id: d.text for d in result.documents}))


def _text(result: Result, out: TextIO) -> None:
    for line in summary(result):
        out.write(line)
        out.write("\n")


_WRITERS: dict[str, Callable[[Result, TextIO], None]] = {
    "text": _text, "jsonl": _jsonl, "json": _json, "csv": _csv, "html": _html,
}  # fmt: skip


def _is_stream(path: Path) -> bool:
    """Whether `path` is a character device or a named pipe (/dev/null, /dev/stdout, a
    FIFO): written to in place, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A text file written to a temporary sibling and renamed into place on success.

    A reader never sees half a result, and a failed run leaves any earlier file as it was.
    A target that is no file but a stream (a device such as /dev/null, a named pipe) is
    written to as it is: renaming over it would put a file in its place.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        msg = f"{target}: cannot write (folder {folder} does not exist)"
        raise OutputError(msg)
    if _is_stream(target):
        try:
            with target.open("w", encoding="utf-8", newline="") as handle:
                yield handle
        except OSError as exc:
            msg = f"{target}: cannot write ({exc.strerror or exc})"
            raise OutputError(msg) from exc
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        msg = f"{target}: cannot write ({exc.strerror or exc})"
        raise OutputError(msg) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(result: Result, fmt: str, out: TextIO | str | os.PathLike[str]) -> None:
    """Write `result` in format `fmt` to a stream, or atomically to a file path."""
    writer = _WRITERS[fmt]
    if not isinstance(out, (str, os.PathLike)):
        writer(result, out)
        return
    with atomic(out) as handle:
        writer(result, handle)
