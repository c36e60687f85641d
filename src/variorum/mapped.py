"""Arrays kept in a file and mapped into memory, their pages let go of once read.

A scan out of core (`--stream`) keeps its sentence vectors, one row of 2 KB a sentence,
in a file of its temporary folder rather than in memory. Every process maps the file;
what a process reads of it becomes part of its resident memory until it lets go
(`let_go`): the pages stay in the file and in the system's cache, and come back when
read again. Stages read such an array through `taken`, which copies the rows asked for
and lets go at once, so that a process holds only the rows it works on. An array in
memory passes through both unchanged.
"""

from __future__ import annotations

import mmap
from typing import Any

import numpy as np
import numpy.typing as npt


def mapped(path: str, shape: tuple[int, int], dtype: npt.DTypeLike) -> npt.NDArray[Any]:
    """A new array of zeros of `shape`, kept in a new file at `path` and mapped shared."""
    kind = np.dtype(dtype)
    size = shape[0] * shape[1] * kind.itemsize
    if size == 0:  # an empty file cannot be mapped
        return np.zeros(shape, dtype=kind)
    with open(path, "w+b") as f:
        f.truncate(size)
        buffer = mmap.mmap(f.fileno(), size)
    return np.frombuffer(buffer, dtype=kind).reshape(shape)


def _mapping(array: npt.NDArray[Any]) -> mmap.mmap | None:
    base: object = array
    while isinstance(base, np.ndarray):
        base = base.base
    if isinstance(base, memoryview):  # np.frombuffer's view of the mapping
        base = base.obj
    return base if isinstance(base, mmap.mmap) else None


def is_mapped(array: npt.NDArray[Any]) -> bool:
    """Whether the array (or the array it views) is kept in a mapped file."""
    return _mapping(array) is not None


def let_go(array: npt.NDArray[Any]) -> None:
    """Let the pages this process holds of a mapped array go (its data stays in the file);
    nothing for an array in memory, or where the system cannot be told."""
    mapping = _mapping(array)
    if mapping is not None and not mapping.closed and hasattr(mmap, "MADV_DONTNEED"):
        mapping.madvise(mmap.MADV_DONTNEED)


def taken(array: npt.NDArray[Any], index: Any) -> npt.NDArray[Any]:
    """`array[index]` (rows by slice or by numbers); of a mapped array, a copy in memory,
    the pages read let go."""
    if _mapping(array) is None:
        rows: npt.NDArray[Any] = array[index]
        return rows
    out = np.array(array[index])
    let_go(array)
    return out
