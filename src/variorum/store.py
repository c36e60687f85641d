"""A persistent, incremental index of a collection: one SQLite file.

`build` writes a new index to a temporary file beside the target and renames it into
place; `add` appends documents in one transaction. SQLite's journal makes either
all-or-nothing: a process killed at any moment leaves the last committed index, readable
and complete. The file holds each document (id, text, metadata), the hashed word n-grams
of its text (the same hashes as `scan`'s candidate index), and, when built with the
semantic layer, the mean sentence vector of each document.

`query` finds the documents of the index that share rare n-grams with a new document, or
(with vectors) that say the same thing in any language, and aligns the new document with
each of them by the engine of `compare`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from variorum.engine.plan import compare
from variorum.engine.pool import cores, runner
from variorum.errors import InputError, OutputError
from variorum.index.candidates import document_votes
from variorum.index.ngrams import ngram_hashes
from variorum.options import Options
from variorum.text.tokenize import analyse
from variorum.types import Document, IndexStats, Passage, Result
from variorum.work import chunked_stream
from variorum.work import context as worker_context

# 2: words in older spellings hash as today's (text/orthography.py), so that an index of
# schema 1 holding them would no longer match a query; such an index is rebuilt.
SCHEMA = 2
_BATCH_VARIABLES = 900  # SQLite's bound on the parameters of one statement, with room
_MAX_CANDIDATES = 50
_SEMANTIC_CANDIDATES = 10
_DIMENSIONS = 512
_INDEX_CHUNK = 32

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    meta TEXT NOT NULL,
    vector BLOB
);
CREATE TABLE grams (hash INTEGER NOT NULL, doc INTEGER NOT NULL);
CREATE INDEX grams_by_hash ON grams (hash);
"""


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    uri = f"file:{path.resolve()}?mode={'ro' if readonly else 'rw'}"
    try:
        con = sqlite3.connect(uri, uri=True, isolation_level=None)
        con.execute("PRAGMA synchronous = FULL")
        version = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(str(path), f"is not a variorum index ({exc})") from exc
    if version is None or version[0] != str(SCHEMA):
        con.close()
        raise InputError(str(path), f"is not a variorum index of schema {SCHEMA}")
    return con


def _meta(con: sqlite3.Connection) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


def _grams(doc: Document, ngram: int) -> list[int]:
    hashes = np.unique(ngram_hashes(analyse(doc).tokens.hashes, ngram))
    return [int(h) for h in hashes.view(np.int64)]


def _mean_vector(doc: Document) -> bytes | None:
    from variorum.embed.encoder import encoder  # noqa: PLC0415  (loads a model)
    from variorum.text.tokenize import sentences  # noqa: PLC0415

    spans = sentences(analyse(doc))
    if not spans:
        return None
    vectors = encoder().encode([doc.text[s.start : s.end] for s in spans])
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    unit: bytes = (mean / norm if norm > 0 else mean).astype(np.float32).tobytes()
    return unit


def _prepare_chunk(docs: Sequence[Document]) -> list[tuple[list[int], bytes | None]]:
    """Each document's n-grams and, in a semantic index, its mean sentence vector."""
    ctx = worker_context()
    return [
        (_grams(doc, ctx["ngram"]), _mean_vector(doc) if ctx["semantic"] else None) for doc in docs
    ]


def _insert(
    con: sqlite3.Connection,
    documents: Iterable[Document],
    ngram: int,
    semantic: bool,
    processes: int = 1,
) -> int:
    start = con.execute("SELECT COALESCE(MAX(n), -1) + 1 FROM documents").fetchone()[0]
    n = start
    # Documents are analysed (and embedded) in the pool, a few batches ahead.
    batches = chunked_stream(documents, _INDEX_CHUNK)
    context = {"ngram": ngram, "semantic": semantic}
    for batch, prepared in runner(processes).paired(_prepare_chunk, batches, context):
        for doc, (grams, vector) in zip(batch, prepared, strict=True):
            try:
                con.execute(
                    "INSERT INTO documents (n, id, text, meta, vector) VALUES (?, ?, ?, ?, ?)",
                    (n, doc.id, doc.text,
                     json.dumps(dict(doc.meta), ensure_ascii=False, default=str), vector),
                )  # fmt: skip
            except sqlite3.IntegrityError as exc:
                msg = "is already in the index (ids must be unique)"
                raise InputError(doc.id, msg) from exc
            con.executemany("INSERT INTO grams (hash, doc) VALUES (?, ?)", ((h, n) for h in grams))
            n += 1
    return int(n - start)


def build(
    path: str | os.PathLike[str],
    documents: Iterable[Document],
    options: Options | None = None,
    semantic: bool = False,
) -> IndexStats:
    """Write a new index of `documents` at `path`, replacing any index there at once.

    Documents are analysed (and embedded) in `options.jobs` processes (0: one per core).
    """
    opts = options or Options()
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise OutputError(f"{target}: cannot write (folder {folder} does not exist)")
    if target.exists() and not target.is_file():
        raise OutputError(f"{target}: cannot write an index there (not a file)")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA synchronous = FULL")
            con.execute("BEGIN")
            for statement in _TABLES.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("schema", str(SCHEMA)), ("ngram", str(opts.ngram)),
                 ("semantic", "1" if semantic else "0")],
            )  # fmt: skip
            _insert(con, documents, opts.ngram, semantic, cores(opts.jobs))
            con.execute("COMMIT")
        finally:
            con.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return stats(target)


def add(path: str | os.PathLike[str], documents: Iterable[Document], jobs: int = 0) -> int:
    """Add documents to an index in one transaction; returns how many were added.

    They are analysed (and embedded) in `jobs` processes (0: one per core).
    """
    con = _connect(Path(path))
    try:
        settings = _meta(con)
        con.execute("BEGIN IMMEDIATE")
        try:
            semantic = settings["semantic"] == "1"
            added = _insert(con, documents, int(settings["ngram"]), semantic, cores(jobs))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return added


def stats(path: str | os.PathLike[str]) -> IndexStats:
    con = _connect(Path(path), readonly=True)
    try:
        settings = _meta(con)
        docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        grams = con.execute("SELECT COUNT(*) FROM grams").fetchone()[0]
    finally:
        con.close()
    return IndexStats(docs, grams, settings["semantic"] == "1", int(settings["ngram"]))


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for lo in range(0, len(values), size):
        yield values[lo : lo + size]


def _lexical(con: sqlite3.Connection, grams: list[int], opts: Options) -> dict[int, float]:
    holders: dict[int, list[int]] = {}
    for chunk in _chunks(grams, _BATCH_VARIABLES):
        marks = ",".join("?" * len(chunk))
        for h, doc in con.execute(f"SELECT hash, doc FROM grams WHERE hash IN ({marks})", chunk):
            holders.setdefault(h, []).append(doc)
    return document_votes(holders.values(), max_df=opts.max_df, min_shared=opts.min_shared)


def _semantic(con: sqlite3.Connection, query: Document, opts: Options) -> dict[int, float]:
    vector = _mean_vector(query)
    if vector is None:
        return {}
    rows = con.execute("SELECT n, vector FROM documents WHERE vector IS NOT NULL").fetchall()
    if not rows:
        return {}
    ids = np.asarray([n for n, _ in rows])
    matrix = np.frombuffer(b"".join(v for _, v in rows), dtype=np.float32).reshape(-1, _DIMENSIONS)
    sims = matrix @ np.frombuffer(vector, dtype=np.float32)
    best = np.argsort(-sims)[:_SEMANTIC_CANDIDATES]
    return {int(ids[k]): float(sims[k]) for k in best if sims[k] >= opts.similarity}


def query(path: str | os.PathLike[str], doc: Document, options: Options | None = None) -> Result:
    """The passages between `doc` and the documents of the index, aligned as by `compare`."""
    opts = options or Options()
    con = _connect(Path(path), readonly=True)
    try:
        settings = _meta(con)
        found = _lexical(con, _grams(doc, int(settings["ngram"])), opts)
        semantic = settings["semantic"] == "1" and opts.semantic is not False
        if semantic:
            for n, sim in _semantic(con, doc, opts).items():
                found.setdefault(n, sim)
        chosen = sorted(found, key=lambda n: (-found[n], n))[:_MAX_CANDIDATES]
        rows = [
            con.execute("SELECT id, text, meta FROM documents WHERE n = ?", (n,)).fetchone()
            for n in sorted(chosen)
        ]
    finally:
        con.close()
    others = [Document(i, text, json.loads(meta)) for i, text, meta in rows if i != doc.id]
    aligned = replace(opts, quotes=False, semantic=semantic)
    passages: list[Passage] = []
    for other in others:
        passages.extend(p for p in compare(doc, other, aligned).passages if not p.is_repetition)
    return Result((doc, *others), tuple(passages), aligned.resolved(scan=False))
