"""A process pool for the stages: same results in any number of processes, in input order.

Workers are forked where the platform allows, so that they share the collection (the
analysed documents and word weights) with the parent, copy-on-write, instead of receiving
it through pipes; elsewhere the context is sent once to each worker at start.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The context of the current worker process, set once by its initializer.
_CONTEXT: dict[str, Any] = {}


def _init(context: dict[str, Any]) -> None:
    _CONTEXT.clear()
    _CONTEXT.update(context)


def _init_worker(context: dict[str, Any], parent: int) -> None:
    """A worker's start: its context, and one BLAS thread (the pool is the parallelism).

    Without the limit each worker's BLAS starts a thread per core, and on a machine as
    busy as the pool makes it those threads spin against each other: embedding ran four
    times slower in two workers than in one.
    """
    from threadpoolctl import threadpool_limits  # noqa: PLC0415  (workers only)

    threadpool_limits(limits=1)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command line's handler
    _init(context)
    # The parent's pid comes from the parent: one killed before this worker got here
    # would otherwise leave it watching its new parent (init) forever.
    threading.Thread(target=_orphaned, args=(parent,), daemon=True).start()


def _orphaned(parent: int) -> None:
    """End this worker once its parent is gone (killed, say, with SIGKILL).

    A forked worker holds both ends of the pool's task queue, so it would otherwise
    wait on it forever.
    """
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


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


def chunked_stream(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """The items in lists of `size` (the last one shorter), drawn as they are needed."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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
    Chunks are drawn from `chunks` only a few ahead of the answers read (unlike
    Executor.map, which draws them all at once), so a stream of chunks stays a stream.
    """
    for _, answer in run_paired(func, chunks, processes=processes, context=context):
        yield answer


def run_paired(
    func: Callable[[Sequence[T]], R],
    chunks: Iterable[Sequence[T]],
    *,
    processes: int,
    context: dict[str, Any],
) -> Iterator[tuple[Sequence[T], R]]:
    """(chunk, func(chunk)) for every chunk, in order, as run_chunks computes them.

    For a caller that writes each chunk with its answer, and must not keep the chunks
    of a stream itself.
    """
    if processes <= 1:
        saved = dict(_CONTEXT)
        _init(context)
        try:
            for chunk in chunks:
                yield chunk, func(chunk)
        finally:
            _init(saved)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=processes,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(context, os.getpid()),
    ) as pool:
        ahead = _AHEAD * processes
        pending: deque[tuple[Sequence[T], Future[R]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(func, chunk)))
            if len(pending) >= ahead:
                done, answer = pending.popleft()
                yield done, answer.result()
        while pending:
            done, answer = pending.popleft()
            yield done, answer.result()


_WATCH_SECONDS = 0.5
# Chunks submitted per worker ahead of the answers read: enough to keep workers busy.
_AHEAD = 3
