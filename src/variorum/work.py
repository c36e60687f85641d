"""Work in chunks, and the interface between the stages and the executors that run them.

A stage that has much to do cuts it into chunks and hands them, with a module-level
function and a shared context, to a `Runner`. The runner decides where the chunks run
(here, or in worker processes) and gives the answers back in order; the stage never
knows which. The function reads the shared context through `context()`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The context of the current process: set by a worker's initializer, or by `Serial`.
_CONTEXT: dict[str, Any] = {}


def context() -> dict[str, Any]:
    """What the runner gave the chunks' function to share (empty outside a run)."""
    return _CONTEXT


def set_context(values: dict[str, Any]) -> None:
    """Make `values` this process's context (for runners, not stages)."""
    _CONTEXT.clear()
    _CONTEXT.update(values)


class Runner(Protocol):
    """Where chunks of work run: in this process, in worker processes, or on Spark."""

    # Whether it takes every piece of work, however small (else `enough` keeps small
    # work in this process, where shipping it would cost more than it saves).
    always: bool

    def paired(
        self,
        func: Callable[[Sequence[T]], R],
        chunks: Iterable[Sequence[T]],
        context: dict[str, Any],
    ) -> Iterator[tuple[Sequence[T], R]]:
        """(chunk, func(chunk)) for every chunk, in order; chunks drawn only as needed."""
        ...


class Serial:
    """The runner that does the work here, in this process."""

    always = False

    def paired(
        self,
        func: Callable[[Sequence[T]], R],
        chunks: Iterable[Sequence[T]],
        context: dict[str, Any],
    ) -> Iterator[tuple[Sequence[T], R]]:
        saved = dict(_CONTEXT)
        set_context(context)
        try:
            for chunk in chunks:
                yield chunk, func(chunk)
        finally:
            set_context(saved)


SERIAL = Serial()


def run(
    runner: Runner,
    func: Callable[[Sequence[T]], R],
    chunks: Iterable[Sequence[T]],
    context: dict[str, Any],
) -> Iterator[R]:
    """func(chunk) for every chunk, in order, where `runner` runs them."""
    for _, answer in runner.paired(func, chunks, context):
        yield answer


def enough(runner: Runner, items: int, least: int) -> Runner:
    """`runner`, or this process when `items` are fewer than `least` (not worth shipping),
    unless the runner takes all work."""
    return runner if runner.always or items >= least else SERIAL


def in_order(
    items: Iterable[T], submit: Callable[[T], Future[R]], ahead: int
) -> Iterator[tuple[T, R]]:
    """(item, answer) for every item, in order: each item submitted as it is drawn, at
    most `ahead` of them waiting for their answers (for runners that work elsewhere)."""
    pending: deque[tuple[T, Future[R]]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= ahead:
            done, answer = pending.popleft()
            yield done, answer.result()
    while pending:
        done, answer = pending.popleft()
        yield done, answer.result()


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """The items in slices of `size` (the last one shorter)."""
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
