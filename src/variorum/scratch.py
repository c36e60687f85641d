"""Scratch folders that outlive no one: a scan's temporary files, removed even when it dies.

A scan out of core keeps its stores, posting and vote files and vectors in a new folder
(`make_folder`). The folder holds a lock on its file OWNER while its process lives; the
system drops the lock when the process ends, however it ends (SIGKILL included), and the
next scan in the same place removes the folders nobody holds (`sweep`). `remove` deletes
a folder and lets its claim go.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover  (Windows: dead scans' folders are not swept)
    fcntl = None  # type: ignore[assignment]

FOLDER_PREFIX = "variorum-scan-"
OWNER = ".owner"
_CLAIMS: dict[str, IO[bytes]] = {}


def make_folder(parent: str | None) -> str:
    """A new scan folder under `parent` (default: the system's temporary folder), claimed
    by this process; first, the folders of scans that died there are removed."""
    sweep(parent if parent is not None else tempfile.gettempdir())
    folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=parent)
    if fcntl is not None:
        # Locked before it takes its name, so that a sweep never sees it unlocked.
        handle = open(os.path.join(folder, OWNER + ".new"), "wb")  # noqa: SIM115
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.replace(handle.name, os.path.join(folder, OWNER))
        _CLAIMS[folder] = handle
    return folder


_UNCLAIMED_SECONDS = 3600


def _older(path: str, seconds: float) -> bool:
    try:
        return time.time() - os.stat(path).st_mtime > seconds
    except OSError:
        return False


def sweep(parent: str) -> list[str]:
    """Remove the scan folders under `parent` whose scan has died; the removed folders.

    A folder counts as dead where its lock file can be locked, or where it has none and
    is older than an hour (its scan died as it began): the folder of a live scan, of a
    scan starting now, or of another kind is left alone.
    """
    if fcntl is None:
        return []
    try:
        names = [n for n in os.listdir(parent) if n.startswith(FOLDER_PREFIX)]
    except OSError:
        return []
    removed = []
    for name in names:
        folder = os.path.join(parent, name)
        try:
            handle = open(os.path.join(folder, OWNER), "rb")  # noqa: SIM115
        except FileNotFoundError:
            if _older(folder, _UNCLAIMED_SECONDS):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            continue
        except OSError:
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # its scan is alive
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextmanager
def stops_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM that come during the block arrive as it ends: what the block
    made (a folder) is by then known to whoever removes it.

    The signals' handlers are swapped for one that notes them, and the first one noted
    is raised again once they are back. Blocking the signals would not do: the system may
    hand a signal to any thread that does not block it, and Python runs its handler in
    the main thread all the same. Outside the main thread, where handlers cannot be
    set, or where one was not set from Python (and could not be put back), the block
    runs as it is.
    """
    stops = (signal.SIGINT, signal.SIGTERM)
    if threading.current_thread() is not threading.main_thread() or any(
        signal.getsignal(stop) is None for stop in stops
    ):
        yield
        return
    came: list[int] = []
    previous = {stop: signal.signal(stop, lambda signum, _: came.append(signum)) for stop in stops}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
        if came:
            signal.raise_signal(came[0])


def remove(folder: str) -> None:
    """Delete a folder made by `make_folder`, and let its claim go."""
    claim = _CLAIMS.pop(folder, None)
    shutil.rmtree(folder, ignore_errors=True)
    if claim is not None:
        claim.close()
