"""What a passage's score means: precision against score, by kind and by length.

Usage: python benchmarks/calibration.py [--svg docs/calibration.svg]

Runs variorum on our own evaluation tasks (benchmarks/tasks.py, both halves) and on the
visible ones of ../shared/eval (`compare` for a pair, `scan` for a corpus), and scores
every passage it reports: its precision is the share of its characters, on both sides,
that lie inside a gold passage of the same two documents. Passages are grouped by score
(tenths), by kind and by length; each group prints its passages and its mean precision,
and with --svg the curves are drawn (precision against score, one line a kind).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tasks import build  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "tasks"
VISIBLE = ["ruth-kjv-asv", "ruth-kjv-web", "ruth-kjv-bbe", "mark-kjv-fr", "seeds", "embedded"]
KINDS = ["verbatim", "edited", "paraphrase", "translation"]
LENGTHS = [(10, 20), (20, 50), (50, 200), (200, 10**9)]
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
    """Precision (y) against score (x), one polyline a kind, points sized by count."""
    w, h, pad = 480, 320, 40
    colours = {"verbatim": "#1b9e77", "edited": "#d95f02", "paraphrase": "#7570b3",
               "translation": "#e7298a"}  # fmt: skip

    def x(v: float) -> float:
        return pad + (v - 0.3) / 0.7 * (w - 2 * pad)

    def y(v: float) -> float:
        return h - pad - v * (h - 2 * pad)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-size="11" font-family="sans-serif">',  # noqa: E501
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<line x1="{x(0.3)}" y1="{y(0)}" x2="{x(1)}" y2="{y(0)}" stroke="black"/>',
           f'<line x1="{x(0.3)}" y1="{y(0)}" x2="{x(0.3)}" y2="{y(1)}" stroke="black"/>',
           f'<line x1="{x(0.3)}" y1="{y(0.3)}" x2="{x(1)}" y2="{y(1)}" stroke="#bbb" stroke-dasharray="4"/>']  # fmt: skip  # noqa: E501
    for t in (0.3, 0.5, 0.7, 0.9, 1.0):
        out.append(f'<text x="{x(t)}" y="{h - pad + 14}" text-anchor="middle">{t:.1f}</text>')
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        out.append(f'<text x="{pad - 6}" y="{y(t) + 4}" text-anchor="end">{t:.2f}</text>')
    out.append(f'<text x="{w / 2}" y="{h - 6}" text-anchor="middle">score</text>')
    turn = f"rotate(-90 12 {h / 2})"
    out.append(f'<text x="12" y="{h / 2}" transform="{turn}" text-anchor="middle">precision</text>')
    for n, (kind, points) in enumerate(curves.items()):
        colour = colours.get(kind, "black")
        line = " ".join(f"{x(s):.1f},{y(p):.1f}" for s, p, _ in points)
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for s, p, count in points:
            r = 2 + min(6, count**0.5 / 2)
            out.append(f'<circle cx="{x(s):.1f}" cy="{y(p):.1f}" r="{r:.1f}" fill="{colour}"/>')
        out.append(f'<text x="{w - pad - 90}" y="{pad + 14 * n}" fill="{colour}">{kind}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--svg", help="write the curves there")
    args = parser.parse_args()
    folders = [EVAL / t for t in VISIBLE] + build(ROOT / "benchmarks" / "out" / "tasks")
    rows: list[tuple[str, float, int, float]] = []  # kind, score, words, precision
    with tempfile.TemporaryDirectory() as tmp:
        for n, folder in enumerate(folders):
            gold = _gold(folder)
            for r in _run(folder, Path(tmp) / f"{n}.jsonl"):
                words = min(r["words"]) if isinstance(r.get("words"), list) else 0
                rows.append((r["kind"], r["score"], words, precision(r, gold)))
    by_score: dict[tuple[str, float], list[float]] = defaultdict(list)
    by_length: dict[tuple[str, Span], list[float]] = defaultdict(list)
    for kind, score, words, prec in rows:
        by_score[kind, min(0.9, int(score * 10) / 10)].append(prec)
        for lo, hi in LENGTHS:
            if lo <= words < hi:
                by_length[kind, (lo, hi)].append(prec)
    print(f"{len(rows)} passages from {len(folders)} tasks")
    print("| kind | score | passages | precision |\n|---|---|---|---|")
    curves: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for (kind, low), precs in sorted(by_score.items(), key=lambda kv: (_rank(kv[0][0]), kv[0][1])):
        mean = sum(precs) / len(precs)
        print(f"| {kind} | {low:.1f} to {low + 0.1:.1f} | {len(precs)} | {mean:.3f} |")
        curves[kind].append((low + 0.05, mean, len(precs)))
    print("\n| kind | words | passages | precision |\n|---|---|---|---|")
    for (kind, (lo, hi)), precs in sorted(
        by_length.items(), key=lambda kv: (_rank(kv[0][0]), kv[0][1])
    ):
        shown = f"{lo}+" if hi > 10**8 else f"{lo} to {hi - 1}"
        print(f"| {kind} | {shown} | {len(precs)} | {sum(precs) / len(precs):.3f} |")
    if args.svg:
        Path(args.svg).write_text(_svg(curves), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
