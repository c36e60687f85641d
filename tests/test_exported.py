"""The public API is what `variorum.__all__` lists, and every name there resolves."""

from __future__ import annotations

import subprocess
import sys

import variorum


def test_all_names_resolve() -> None:
    for name in variorum.__all__:
        assert getattr(variorum, name) is not None, name


def test_all_matches_the_lazy_loader_and_holds_the_entry_points() -> None:
    assert set(variorum.__all__) == set(variorum._WHERE) | {"__version__"}
    assert len(variorum.__all__) == len(set(variorum.__all__))
    for entry in ("compare", "scan", "Options", "Document", "Passage", "VariorumError"):
        assert entry in variorum.__all__


def test_importing_variorum_loads_no_heavy_module() -> None:
    code = (
        "import sys, variorum, variorum.cli; "
        "print(sorted(m for m in ('numpy', 'rapidfuzz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
