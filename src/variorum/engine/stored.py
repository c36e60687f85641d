"""Documents and passages kept on disk: a streamed scan's, read back one at a time.

A streamed scan writes every document, with its tokens, into a temporary SQLite file as
it reads them, and keeps only their ids in memory. `StoredDocuments` is that collection
as a sequence of Documents (what a Result holds); `StoredAnalysed` is the same
collection as analysed documents, for the stages. Either can be handed to worker
processes: each process opens the file for itself and keeps its recently used
documents in a small cache. `PassageWriter` and `StoredPassages` do the same for the
passages found, whose segments and edits outweigh everything else a scan keeps.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar, overload

import numpy as np

from variorum import scratch
from variorum.text.tokenize import Analysed, Tokens
from variorum.types import Document, Passage

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE doc (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    text BLOB NOT NULL,
    meta TEXT NOT NULL,
    starts BLOB NOT NULL,
    ends BLOB NOT NULL,
    hashes BLOB NOT NULL,
    breaks BLOB NOT NULL
)
"""
# A process keeps its recently read documents up to this many tokens (about 40 bytes
# each with their text): a pair's second document is often one of a recent pair's.
_CACHED_TOKENS = 1_000_000


def _scratch(path: str, schema: str) -> sqlite3.Connection:
    """A new store file, deleted after the scan: no journal, no syncing."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(schema)
    return db


def _encode(text: str) -> bytes:
    # Lone surrogates (from text read with errors escaped) survive the round trip.
    return text.encode("utf-8", "surrogatepass")


class DocumentWriter:
    """Appends analysed documents to a new store file, numbered from 0 in order."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._db = _scratch(path, _SCHEMA)
        self.count = 0

    def add(self, analysed: Sequence[Analysed]) -> None:
        rows = [
            (
                self.count + k,
                x.doc.id,
                _encode(x.doc.text),
                json.dumps(dict(x.doc.meta), ensure_ascii=True, default=str),
                x.tokens.starts.tobytes(),
                x.tokens.ends.tobytes(),
                x.tokens.hashes.tobytes(),
                x.tokens.breaks.tobytes(),
            )
            for k, x in enumerate(analysed)
        ]
        self._db.executemany("INSERT INTO doc VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._db.commit()
        self.count += len(rows)

    def close(self) -> None:
        self._db.close()


class _Reader:
    """One process's connection to a store, with its recently analysed documents."""

    def __init__(self, path: str) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self._recent: OrderedDict[int, Analysed] = OrderedDict()
        self._tokens = 0

    def close(self) -> None:
        self._db.close()

    def _row(self, query: str, n: int) -> tuple[Any, ...]:
        row: tuple[Any, ...] | None = self._db.execute(query, (n,)).fetchone()
        if row is None:
            raise IndexError(n)
        return row

    def passage(self, n: int) -> Passage:
        found: Passage = pickle.loads(self._row("SELECT body FROM passage WHERE n = ?", n)[0])
        return found  # from a file this scan wrote itself

    def document(self, n: int) -> Document:
        return _document(self._row("SELECT id, text, meta FROM doc WHERE n = ?", n))

    def documents(self) -> Iterator[Document]:
        for row in self._db.execute("SELECT id, text, meta FROM doc ORDER BY n"):
            yield _document(row)

    def analysed(self, n: int) -> Analysed:
        if n in self._recent:
            self._recent.move_to_end(n)
            return self._recent[n]
        row = self._row(
            "SELECT id, text, meta, starts, ends, hashes, breaks FROM doc WHERE n = ?", n
        )
        tokens = Tokens(
            np.frombuffer(row[3], dtype=np.int64),
            np.frombuffer(row[4], dtype=np.int64),
            np.frombuffer(row[5], dtype=np.uint64),
            np.frombuffer(row[6], dtype=np.int8),
        )
        found = Analysed(_document(row[:3]), tokens)
        self._recent[n] = found
        self._tokens += len(tokens)
        while self._tokens > _CACHED_TOKENS and len(self._recent) > 1:
            self._tokens -= len(self._recent.popitem(last=False)[1].tokens)
        return found


def _document(row: tuple[Any, ...]) -> Document:
    return Document(row[0], row[1].decode("utf-8", "surrogatepass"), json.loads(row[2]))


# Readers by (store, process): a connection never crosses a fork.
_READERS: dict[tuple[str, int], _Reader] = {}


def remove_folder(folder: str) -> None:
    """Close this process's connections to the stores in a folder, and delete it."""
    pid = os.getpid()
    for key in [k for k in _READERS if k[1] == pid and k[0].startswith(folder + os.sep)]:
        _READERS.pop(key).close()
    scratch.remove(folder)


def _reader(path: str) -> _Reader:
    key = (path, os.getpid())
    if key not in _READERS:
        _READERS[key] = _Reader(path)
    return _READERS[key]


class _ReadByNumber(Sequence[T]):
    """A sequence whose items are read one at a time: `_read(n)` for 0 <= n < len."""

    def _read(self, n: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, n: int) -> T: ...
    @overload
    def __getitem__(self, n: slice) -> Sequence[T]: ...
    def __getitem__(self, n: int | slice) -> T | Sequence[T]:
        if isinstance(n, slice):
            return [self._read(k) for k in range(*n.indices(len(self)))]
        if not -len(self) <= n < len(self):
            raise IndexError(n)
        return self._read(n % len(self))


class StoredAnalysed(_ReadByNumber[Analysed]):
    """The analysed documents of a store, by number (picklable: a path and a length)."""

    def __init__(self, path: str, size: int) -> None:
        self.path = path
        self.size = size

    def __len__(self) -> int:
        return self.size

    def _read(self, n: int) -> Analysed:
        return _reader(self.path).analysed(n)


class StoredDocuments(_ReadByNumber[Document]):
    """A collection kept in a temporary store: Documents read back on demand.

    The ids stay in memory; texts are read from the file when asked for. The store is
    deleted with this object (or at exit).
    """

    def __init__(self, folder: str, path: str, ids: list[str]):
        self.path = path
        self.ids = ids
        self.number = {d: n for n, d in enumerate(ids)}
        self.close = weakref.finalize(self, remove_folder, folder)
        """Delete the store now (the Documents already read stay usable)."""

    def __len__(self) -> int:
        return len(self.ids)

    def _read(self, n: int) -> Document:
        return _reader(self.path).document(n)

    def __iter__(self) -> Iterator[Document]:
        return _reader(self.path).documents()

    @property
    def analysed(self) -> StoredAnalysed:
        return StoredAnalysed(self.path, len(self))

    @property
    def by_id(self) -> Mapping[str, Document]:
        return _ById(self)


class _ById(Mapping[str, Document]):
    def __init__(self, docs: StoredDocuments) -> None:
        self._docs = docs

    def __getitem__(self, key: str) -> Document:
        return self._docs[self._docs.number[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs.ids)

    def __len__(self) -> int:
        return len(self._docs)


class PassageWriter:
    """Appends passages to a store file, numbered from 0 in order, and keeps them light.

    `light` holds the passages without their segments and edits (all that attribution,
    ordering and clustering look at), each remembered by identity to find its number.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._db = _scratch(
            path, "CREATE TABLE passage (n INTEGER PRIMARY KEY, body BLOB NOT NULL)"
        )
        self._number: dict[int, int] = {}
        # The passages so far, light, in the order they were added.
        self.light: list[Passage] = []

    def add(self, packed: Sequence[tuple[Passage, bytes]]) -> None:
        """Add passages packed by `pack` (in the worker that found them)."""
        base = len(self.light)
        self._db.executemany(
            "INSERT INTO passage VALUES (?, ?)", ((base + k, b) for k, (_, b) in enumerate(packed))
        )
        self._db.commit()
        for k, (p, _) in enumerate(packed):
            self._number[id(p)] = base + k
            self.light.append(p)

    def stored(self, chosen: Sequence[Passage], owner: object) -> StoredPassages:
        """The full passages of these light ones (from `light`), in their order.

        `owner` keeps the store's folder alive as long as the passages are.
        """
        numbers = [self._number[id(p)] for p in chosen]
        return StoredPassages(self.path, numbers, list(chosen), owner)


def pack(passages: Sequence[Passage]) -> list[tuple[Passage, bytes]]:
    """Each passage light (no segments, no edits) and whole, pickled, for a PassageWriter."""
    return [
        (replace(p, segments=(), edits=()), pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL))
        for p in passages
    ]


class StoredPassages(_ReadByNumber[Passage]):
    """Passages kept in a store, read back on demand in a chosen order.

    `light` has the same passages without their segments and edits, in memory.
    """

    def __init__(self, path: str, numbers: list[int], light: list[Passage], owner: object) -> None:
        self.path = path
        self.light = light
        self._numbers = numbers
        self._owner = owner

    def __len__(self) -> int:
        return len(self._numbers)

    def _read(self, n: int) -> Passage:
        return _reader(self.path).passage(self._numbers[n])

    def __iter__(self) -> Iterator[Passage]:
        reader = _reader(self.path)
        for n in self._numbers:
            yield reader.passage(n)
