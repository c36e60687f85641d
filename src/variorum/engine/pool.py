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
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from variorum.work import SERIAL, Runner, in_order, set_context

T = TypeVar("T")
R = TypeVar("R")


def _init_worker(context: dict[str, Any], parent: int) -> None:
    """A worker's start: its context, and one BLAS thread (the pool is the parallelism).

    Without the limit each worker's BLAS starts a thread per core, and on a machine as
    busy as the pool makes it those threads spin against each other: embedding ran four
    times slower in two workers than in one.
    """
    from threadpoolctl import threadpool_limits  # noqa: PLC0415  (workers only)

    threadpool_limits(limits=1)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command line's handler
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them back
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    set_context(context)
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


def cores(jobs: int) -> int:
    """The number of processes `jobs` asks for: 0 means one per available core."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def runner(processes: int) -> Runner:
    """The runner for `processes` processes: this one alone, or a pool of workers."""
    return SERIAL if processes <= 1 else Pool(processes)


class Pool:
    """Worker processes, forked where the platform allows (see the module's doc).

    Chunks are drawn only a few ahead of the answers read (unlike Executor.map, which
    draws them all at once), so a stream of chunks stays a stream.
    """

    always = False

    def __init__(self, processes: int) -> None:
        self.processes = processes

    def paired(
        self,
        func: Callable[[Sequence[T]], R],
        chunks: Iterable[Sequence[T]],
        context: dict[str, Any],
    ) -> Iterator[tuple[Sequence[T], R]]:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        pool = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(context, os.getpid()),
        )
        try:
            yield from in_order(chunks, lambda c: _submit(pool, func, c), _AHEAD * self.processes)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _submit(
    pool: ProcessPoolExecutor, func: Callable[[Sequence[T]], R], chunk: Sequence[T]
) -> Future[R]:
    """pool.submit, with Ctrl-C and SIGTERM held back for its duration.

    A submit may start workers and the pool's manager thread (the first one does);
    interrupted in between, the pool could not be shut down (its thread cannot be
    joined) and the interruption would end in a RuntimeError. Held back, the signal
    arrives just after, with the pool whole. Workers forked meanwhile let the signals
    through again.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover  (Windows)
        return pool.submit(func, chunk)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        return pool.submit(func, chunk)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


_WATCH_SECONDS = 0.5
# Chunks submitted per worker ahead of the answers read: enough to keep workers busy.
_AHEAD = 3
