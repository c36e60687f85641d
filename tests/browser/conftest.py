"""A real browser: Debian's Chromium driven by Playwright.

The browser is the system's (`apt-get install chromium`, done by `make test` where it
can); Playwright's own browser download cannot work without network. Outside CI the
tests skip when Chromium is missing; in CI they fail, so a lost browser cannot pass
unseen. With VARIORUM_SCREENSHOTS=DIR, each view is also saved as a PNG there.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import ROOT

CHROMIUM = Path(os.environ.get("VARIORUM_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: apt-get install chromium (make test does, as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """The messages of every alert, confirm or prompt the page opens (each dismissed)."""
    seen: list[str] = []

    def record(dialog: Dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return seen


def screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("VARIORUM_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name))


class Server:
    """`variorum serve` in a child process, on a free port of 127.0.0.1."""

    def __init__(self, *paths: str, extra: tuple[str, ...] = ()) -> None:
        cmd = [sys.executable, "-m", "variorum", "serve", *paths, "--port", "0", *extra]
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        # One thread reads everything the server says, line by line, so that a full pipe
        # never blocks it. (select() on the pipe next to a buffered readline() misses a
        # line that arrived in the same read as the one before: it waits in the buffer.)
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = self._address(timeout=180)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line)
        self._lines.put(None)  # the server closed its end: it ended

    def _address(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        seen = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            seen.append(line)
            found = re.search(r"at (http://\S+/)", line)
            if found:
                return found.group(1)
        self.close()
        raise AssertionError("serve did not start: " + "".join(seen))

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()
