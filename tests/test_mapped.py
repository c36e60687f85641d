"""Arrays mapped from a file: their data stays, the pages a process read are let go."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from variorum.mapped import is_mapped, let_go, mapped, taken


def _resident() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1])


def test_a_mapped_array_keeps_what_is_written_after_its_pages_go(tmp_path: Path) -> None:
    kept = mapped(str(tmp_path / "m.f32"), (1000, 16), np.float32)
    assert is_mapped(kept)
    assert is_mapped(kept[10:20])
    kept[7] = 7.0
    let_go(kept)
    rows = taken(kept, [7, 8])
    assert not is_mapped(rows)
    assert rows.tolist() == [[7.0] * 16, [0.0] * 16]
    assert np.fromfile(tmp_path / "m.f32", dtype=np.float32).reshape(1000, 16)[7, 0] == 7.0


def test_an_array_in_memory_passes_through() -> None:
    plain = np.arange(12, dtype=np.float32).reshape(4, 3)
    assert not is_mapped(plain)
    let_go(plain)
    assert np.shares_memory(taken(plain, slice(1, 3)), plain)
    assert mapped("unused", (0, 3), np.float32).shape == (0, 3)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pages_read_are_let_go(tmp_path: Path) -> None:
    kept = mapped(str(tmp_path / "big.f32"), (16_384, 512), np.float32)  # 32 MB
    kept[:] = 1.0
    held = _resident()
    assert float(taken(kept, slice(0, 4096)).sum()) == 4096 * 512
    pages = (32 << 20) // 4096
    assert _resident() < held - pages // 2  # the rows written and read are gone
