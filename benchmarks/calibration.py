"""What a passage's score and confidence mean: precision against each, by half.

Usage: python benchmarks/calibration.py [--svg docs/calibration.svg] [--fit]

Runs variorum on our own evaluation tasks (benchmarks/tasks.py, both halves) and on the
visible ones of ../shared/eval (`compare` for a pair, `scan` for a corpus), and scores
every passage it reports: its precision is the share of its characters, on both sides,
that lie inside a gold passage of the same two documents. A passage that touches one of
the Bible's own parallels that a built corpus's gold lists (`tasks.PARALLEL`) is left
out, as `make eval` leaves it out.

It prints, for the passages we tune on (the visible tasks and the tuning half), and for
the held half and the fresh sets apart: the Brier score (mean squared distance to the
precision) of the raw `score` and of `confidence` (variorum/confidence.py); mean
precision and confidence by confidence band, by kind and by length; and precision by
raw score. With --svg the
reliability curves are drawn (precision against confidence, one line a half). With
--fit the model is fitted again on the tuning passages: a ridge logistic regression,
its ridge chosen by leave-one-task-out, printed as the constants of confidence.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run_eval import touches  # noqa: E402
from benchmarks.tasks import MEASURED, PARALLEL, build  # noqa: E402
from variorum.confidence import KIND_WEIGHTS, WEIGHTS, features, probability  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "tasks"
VISIBLE = ["ruth-kjv-asv", "ruth-kjv-web", "ruth-kjv-bbe", "mark-kjv-fr", "seeds", "embedded"]
KINDS = ["verbatim", "edited", "paraphrase", "translation"]
LENGTHS = [(10, 20), (20, 50), (50, 200), (200, 10**9)]
BANDS = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01)]
RIDGES = [0.03, 0.1, 0.3, 1.0, 3.0]
Span = tuple[int, int]


def _run(folder: Path, out: Path) -> list[dict[str, Any]]:
    task = json.loads((folder / "task.json").read_text(encoding="utf-8"))
    cli = [sys.executable, "-m", "variorum"]
    if task["kind"] == "pair":
        docs = [str(folder / "docs" / task["a"]), str(folder / "docs" / task["b"])]
        cmd = [*cli, "compare", *docs]
    else:
        cmd = [*cli, "scan", str(folder / "docs")]
    subprocess.run([*cmd, "--format", "jsonl", "-o", str(out)], cwd=ROOT, check=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [r for r in records if r.get("type") == "passage" and r["a"]["doc"] != r["b"]["doc"]]


def _gold(folder: Path) -> dict[frozenset[str], list[tuple[str, Span, str, Span]]]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    out: dict[frozenset[str], list[tuple[str, Span, str, Span]]] = defaultdict(list)
    for p in gold["passages"]:
        a, b = p.get("a_doc", gold.get("a")), p.get("b_doc", gold.get("b"))
        out[frozenset((a, b))].append((a, tuple(p["a"]), b, tuple(p["b"])))
    return out


def _excused(folder: Path) -> list[dict[str, Any]]:
    """The gold's cases that are the Bible's own parallels (`tasks.PARALLEL`): a passage
    that touches one is left out, neither right nor wrong, as `make eval` leaves it."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return [c for c in gold.get("cases", []) if c.get("version") == PARALLEL]


def _inside(span: Span, spans: list[Span]) -> int:
    """Characters of `span` inside the union of `spans`."""
    covered, at = 0, span[0]
    for start, end in sorted(spans):
        lo, hi = max(start, at), min(end, span[1])
        if hi > lo:
            covered += hi - lo
            at = hi
    return covered


def precision(record: dict[str, Any], gold: dict[frozenset[str], Any]) -> float:
    """The share of the passage's characters, both sides, inside gold passages."""
    a, b = os.path.basename(record["a"]["doc"]), os.path.basename(record["b"]["doc"])
    sides = {a: [], b: []}  # type: dict[str, list[Span]]
    for doc_a, span_a, doc_b, span_b in gold.get(frozenset((a, b)), []):
        sides[doc_a].append(span_a)
        sides[doc_b].append(span_b)
    spans = [(d, (record[k]["start"], record[k]["end"])) for d, k in ((a, "a"), (b, "b"))]
    total = sum(s[1] - s[0] for _, s in spans)
    return sum(_inside(s, sides[d]) for d, s in spans) / total if total else 0.0


def _rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def _svg(curves: dict[str, list[tuple[float, float, int]]]) -> str:
    """Precision (y) against confidence (x), one polyline a half, points sized by count."""
    w, h, pad = 480, 320, 40
    colours = {
        "tune": "#d95f02",
        "held": "#1b9e77",
        "fresh": "#7570b3",
        "fresh2": "#e7298a",
        "fresh3": "#66a61e",
        "fresh4": "#e6ab02",
        "fresh5": "#a6761d",
        "fresh6": "#666666",
        "fresh7": "#1f78b4",
    }

    def x(v: float) -> float:
        return pad + v * (w - 2 * pad)

    def y(v: float) -> float:
        return h - pad - v * (h - 2 * pad)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-size="11" font-family="sans-serif">',  # noqa: E501
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(0)}" stroke="black"/>',
           f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(0)}" y2="{y(1)}" stroke="black"/>',
           f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#bbb" stroke-dasharray="4"/>']  # fmt: skip  # noqa: E501
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        out.append(f'<text x="{x(t)}" y="{h - pad + 14}" text-anchor="middle">{t:.2f}</text>')
        out.append(f'<text x="{pad - 6}" y="{y(t) + 4}" text-anchor="end">{t:.2f}</text>')
    out.append(f'<text x="{w / 2}" y="{h - 6}" text-anchor="middle">confidence</text>')
    turn = f"rotate(-90 12 {h / 2})"
    out.append(f'<text x="12" y="{h / 2}" transform="{turn}" text-anchor="middle">precision</text>')
    for n, (half, points) in enumerate(curves.items()):
        colour = colours.get(half, "black")
        line = " ".join(f"{x(c):.1f},{y(p):.1f}" for c, p, _ in points)
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for c, p, count in points:
            r = 2 + min(6, count**0.5 / 2)
            out.append(f'<circle cx="{x(c):.1f}" cy="{y(p):.1f}" r="{r:.1f}" fill="{colour}"/>')
        label = {"tune": "tuned on", "held": "held out"}.get(half, half)
        out.append(f'<text x="{pad + 10}" y="{pad + 14 * n}" fill="{colour}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Row:
    """One reported passage: where it came from, what variorum said, how true it was."""

    task: str
    half: str  # "tune" (the visible tasks and our tuning half), "held", or a fresh set
    kind: str
    score: float
    evidence: float
    words: int
    precision: float

    @property
    def confidence(self) -> float:
        return probability(self.kind, self.score, self.evidence, self.words)


def collect() -> list[Row]:
    """Every passage between two documents on every task, with its precision."""
    folders = [EVAL / t for t in VISIBLE] + build(ROOT / "benchmarks" / "out" / "tasks")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, folder in enumerate(folders):
            half = folder.parent.name if folder.parent.name in MEASURED else "tune"
            gold, excused = _gold(folder), _excused(folder)
            for r in _run(folder, Path(tmp) / f"{n}.jsonl"):
                if touches(r, excused):
                    continue
                words = min(r["words"])
                row = Row(f"{half}/{folder.name}", half, r["kind"], r["score"], r["evidence"],
                          words, precision(r, gold))  # fmt: skip
                rows.append(row)
    return rows


_KINDS_APART = list(KIND_WEIGHTS)  # verbatim and edited share the intercept
_NAMES = list(WEIGHTS)  # in the order of features()


def _design(rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    x = [
        [1.0, *features(r.score, r.evidence, r.words).values()]
        + [1.0 if r.kind == k else 0.0 for k in _KINDS_APART]
        for r in rows
    ]
    return np.array(x), np.array([r.precision for r in rows])


def _predict(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The model's probabilities for a design matrix (confidence.probability, on arrays)."""
    p: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
    return p


def fit(rows: list[Row], ridge: float) -> np.ndarray:
    """Logistic regression of precision (a share, used as a soft label) on the features,
    by Newton's method, the intercept not penalised."""
    x, y = _design(rows)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], ridge)
    penalty[0] = 0.0
    for _ in range(100):
        p = _predict(x, w)
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def _loto(rows: list[Row], ridge: float) -> float:
    """Brier score of the model fitted without each task, on that task."""
    errors: list[float] = []
    for task in sorted({r.task for r in rows}):
        w = fit([r for r in rows if r.task != task], ridge)
        x, y = _design([r for r in rows if r.task == task])
        p = _predict(x, w)
        errors.extend(((p - y) ** 2).tolist())
    return float(np.mean(errors))


def _refit(rows: list[Row]) -> None:
    tune = [r for r in rows if r.half == "tune"]
    scores = {ridge: _loto(tune, ridge) for ridge in RIDGES}
    for ridge, brier in scores.items():
        print(f"ridge {ridge}: leave-one-task-out Brier {brier:.4f}")
    ridge = min(scores, key=lambda k: scores[k])
    w = fit(tune, ridge)
    print(f"\n# Fitted by `python benchmarks/calibration.py --fit` (ridge {ridge}, "
          f"{len(tune)} passages)")  # fmt: skip
    print(f"INTERCEPT = {w[0]:.2f}")
    print(
        "WEIGHTS = {"
        + ", ".join(f'"{n}": {v:.2f}' for n, v in zip(_NAMES, w[1:4], strict=True))
        + "}"
    )
    print(
        "KIND_WEIGHTS = {"
        + ", ".join(f'"{n}": {v:.2f}' for n, v in zip(_KINDS_APART, w[4:], strict=True))
        + "}"
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _brier(rows: list[Row], of: str) -> float:
    return _mean([(getattr(r, of) - r.precision) ** 2 for r in rows])


def _table(title: str, groups: dict[tuple[str, str], list[Row]]) -> None:
    print(f"\n| half | {title} | passages | precision | confidence |\n|---|---|---|---|---|")
    for (half, label), rows in groups.items():
        prec, conf = _mean([r.precision for r in rows]), _mean([r.confidence for r in rows])
        print(f"| {half} | {label} | {len(rows)} | {prec:.3f} | {conf:.3f} |")


def report(rows: list[Row]) -> dict[str, list[tuple[float, float, int]]]:
    """Prints the tables; returns the reliability curves (confidence, precision, count)."""
    halves = {h: [r for r in rows if r.half == h] for h in ("tune", *MEASURED)}
    fresh = ", ".join(f"{len(halves[h])} {h}" for h in MEASURED if h != "held")
    print(
        f"{len(rows)} passages: {len(halves['tune'])} tuned on, {len(halves['held'])} held out, "
        f"{fresh}"
    )
    print("\n| half | Brier of score | Brier of confidence | mean precision |\n|---|---|---|---|")
    for half, some in halves.items():
        print(f"| {half} | {_brier(some, 'score'):.4f} | {_brier(some, 'confidence'):.4f} | "
              f"{_mean([r.precision for r in some]):.3f} |")  # fmt: skip
    curves: dict[str, list[tuple[float, float, int]]] = {}
    bands: dict[tuple[str, str], list[Row]] = {}
    kinds: dict[tuple[str, str], list[Row]] = {}
    lengths: dict[tuple[str, str], list[Row]] = {}
    for half, some in halves.items():
        for lo, hi in BANDS:
            inside = [r for r in some if lo <= r.confidence < hi]
            if inside:
                bands[half, f"{lo:.2f} to {min(hi, 1.0):.2f}"] = inside
                curves.setdefault(half, []).append(
                    (_mean([r.confidence for r in inside]), _mean([r.precision for r in inside]),
                     len(inside))
                )  # fmt: skip
        for kind in KINDS:
            if of_kind := [r for r in some if r.kind == kind]:
                kinds[half, kind] = of_kind
        for lo, hi in LENGTHS:
            if of_length := [r for r in some if lo <= r.words < hi]:
                lengths[half, f"{lo}+" if hi > 10**8 else f"{lo} to {hi - 1}"] = of_length
    _table("confidence", bands)
    _table("kind", kinds)
    _table("words", lengths)
    by_score: dict[tuple[str, float], list[float]] = defaultdict(list)
    for r in rows:
        by_score[r.kind, min(0.9, int(r.score * 10) / 10)].append(r.precision)
    print("\n| kind | score | passages | precision |\n|---|---|---|---|")
    for (kind, low), precs in sorted(by_score.items(), key=lambda kv: (_rank(kv[0][0]), kv[0][1])):
        print(f"| {kind} | {low:.1f} to {low + 0.1:.1f} | {len(precs)} | {_mean(precs):.3f} |")
    return curves


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--svg", help="write the reliability curves there")
    parser.add_argument("--fit", action="store_true", help="fit the model again and print it")
    args = parser.parse_args()
    rows = collect()
    if args.fit:
        _refit(rows)
        return 0
    curves = report(rows)
    if args.svg:
        Path(args.svg).write_text(_svg(curves), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
