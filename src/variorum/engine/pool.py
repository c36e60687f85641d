"""A process pool for the stages: same results in any number of processes, in input order.

Workers are forked where the platform allows, so that they share the collection (the
analysed documents and word weights) with the parent, copy-on-write, instead of receiving
it through pipes; elsewhere the context is sent once to each worker at start.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The context of the current worker process, set once by its initializer.
_CONTEXT: dict[str, Any] = {}


def _init(context: dict[str, Any]) -> None:
    _CONTEXT.clear()
    _CONTEXT.update(context)


def _init_worker(context: dict[str, Any]) -> None:
    """A worker's start: its context, and one BLAS thread (the pool is the parallelism).

    Without the limit each worker's BLAS starts a thread per core, and on a machine as
    busy as the pool makes it those threads spin against each other: embedding ran four
    times slower in two workers than in one.
    """
    from threadpoolctl import threadpool_limits  # noqa: PLC0415  (workers only)

    threadpool_limits(limits=1)
    _init(context)


def worker_context() -> dict[str, Any]:
    """What the pool's initializer gave this worker (empty in the parent process)."""
    return _CONTEXT


def cores(jobs: int) -> int:
    """The number of processes `jobs` asks for: 0 means one per available core."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]


def run_chunks(
    func: Callable[[Sequence[T]], R],
    chunks: Iterable[Sequence[T]],
    *,
    processes: int,
    context: dict[str, Any],
) -> Iterator[R]:
    """func(chunk) for every chunk, in order; in `processes` workers when more than one.

    `func` must be a module-level function; it reads the shared context through
    worker_context(). With one process everything runs here, with the same context.
    """
    if processes <= 1:
        saved = dict(_CONTEXT)
        _init(context)
        try:
            for chunk in chunks:
                yield func(chunk)
        finally:
            _init(saved)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=processes, mp_context=ctx, initializer=_init_worker, initargs=(context,)
    ) as pool:
        yield from pool.map(func, chunks)
