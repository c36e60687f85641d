"""Nearest neighbours: the inverted-file index finds what exact search finds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from variorum.engine.pool import runner
from variorum.index.neighbours import neighbours
from variorum.mapped import mapped


def clustered(n: int, seed: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(40, 64))
    v = centres[rng.integers(0, 40, size=n)] + 0.5 * rng.normal(size=(n, 64))
    v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
    return v, rng.integers(0, n // 10, size=n).astype(np.int64)


def test_exact_search_skips_the_own_group_and_sorts_nothing_away() -> None:
    v, g = clustered(500, 1)
    idx, sims = neighbours(v, g, 5, exact=True)
    assert idx.shape == (500, 5)
    assert bool(np.all(g[idx] != g[:, None]))
    brute = v @ v.T
    brute[g[:, None] == g[None, :]] = -1
    assert np.allclose(np.sort(sims, axis=1)[:, -1], brute.max(axis=1), atol=1e-5)


def test_the_inverted_index_recalls_the_nearest_neighbour() -> None:
    v, g = clustered(4000, 2)
    exact_i, _ = neighbours(v, g, 1, exact=True)
    approx_i, _ = neighbours(v, g, 1, exact=False)
    assert float(np.mean(exact_i[:, 0] == approx_i[:, 0])) >= 0.9
    again, _ = neighbours(v, g, 1, exact=False)
    assert bool(np.array_equal(again, approx_i))


def test_the_inverted_index_gives_the_same_answer_in_two_processes() -> None:
    v, g = clustered(3000, 3)
    one = neighbours(v, g, 3, exact=False, runner=runner(1))
    two = neighbours(v, g, 3, exact=False, runner=runner(2))
    assert bool(np.array_equal(one[0], two[0]))
    assert bool(np.array_equal(one[1], two[1]))


@pytest.mark.parametrize("exact", [True, False])
def test_vectors_mapped_from_a_file_give_the_same_answer(tmp_path: Path, exact: bool) -> None:
    v, g = clustered(3000, 4)
    kept = mapped(str(tmp_path / "vectors.f32"), v.shape, np.float32)
    kept[:] = v
    in_memory = neighbours(v, g, 3, exact=exact, runner=runner(2))
    from_file = neighbours(kept, g, 3, exact=exact, runner=runner(2))
    assert bool(np.array_equal(in_memory[0], from_file[0]))
    assert bool(np.array_equal(in_memory[1], from_file[1]))
