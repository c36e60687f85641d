"""Peak memory of a whole process tree (a command, its workers, a JVM it starts), on Linux.

`ru_maxrss` of the children tells the largest single process that has been waited for;
a Spark run's JVM and Python workers are not all among them. This samples /proc instead.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _parents() -> dict[int, int]:
    out: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses.
        out[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return out


def _rss(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> tuple[int, int]:
    """(sum, largest) resident bytes of `root` and all its descendants now."""
    parents = _parents()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    todo, sizes = [root], []
    while todo:
        pid = todo.pop()
        sizes.append(_rss(pid))
        todo.extend(children.get(pid, []))
    return sum(sizes), max(sizes, default=0)


def run_measured(cmd: Sequence[str], every: float = 0.25) -> tuple[float, int, int]:
    """Run `cmd` (check=True); (seconds, peak bytes of the tree, peak of one process)."""
    peaks = [0, 0]
    done = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)

    def sample() -> None:
        while not done.is_set():
            total, largest = tree_rss(proc.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            done.wait(every)

    watcher = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/statm").exists():
        watcher.start()
    code = proc.wait()
    wall = time.perf_counter() - start
    done.set()
    if watcher.is_alive():
        watcher.join()
    if code:
        raise subprocess.CalledProcessError(code, list(cmd))
    return wall, peaks[0], peaks[1]
