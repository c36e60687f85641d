"""Shared fixtures: paths to the project's examples and to ../shared when it is there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples on every run (a red CI then means a change broke
# something); local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The shared corpus and evaluation folder; tests using it skip when it is absent."""
    if not (SHARED / "eval" / "tasks").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


def run_cli(*args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m variorum ARGS` from the project root, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "variorum", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
