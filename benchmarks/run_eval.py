"""Score variorum on the evaluation tasks of ../shared/eval, as the issues measure it.

Usage: python benchmarks/run_eval.py [TASK ...] [--timeout S] [--scan-args "ARGS"]

Runs ../shared/eval/run_tasks.py (which calls `variorum compare` or `variorum scan` and
scores the JSON Lines output with the PAN measures) on each task, and on `embedded` once
more restricted to the KJV, ASV and WEB inserts. Prints one line per task and the full
JSON records to benchmarks/out/eval.jsonl.

With --scan-args, corpus tasks are run here as `variorum scan DOCS --format jsonl ARGS`
and scored with the same scorer and version filter (run_tasks.py takes no options).
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tasks import MEASURED, PARALLEL  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
TASKS = ["ruth-kjv-asv", "ruth-kjv-web", "ruth-kjv-bbe", "mark-kjv-fr", "seeds", "embedded"]
VERSIONED = {"embedded": "KJV,ASV,WEB"}


def run_scan(task: str, versions: str | None, extra: list[str]) -> dict[str, object]:
    """A corpus task run with extra scan options, scored as run_tasks.py scores it."""
    sys.path.insert(0, str(EVAL))
    # The evaluation's own filter and scorer, from ../shared/eval (untyped scripts).
    run_tasks: Any = importlib.import_module("run_tasks")
    score_alignment: Any = importlib.import_module("score_alignment")

    folder = EVAL / "tasks" / task
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    out_dir = ROOT / "benchmarks" / "out"
    pred, gold_path = out_dir / f"{task}-pred.jsonl", out_dir / f"{task}-gold.json"
    cmd = [sys.executable, "-m", "variorum", "scan", str(folder / "docs"), "--format", "jsonl"]
    t0 = time.perf_counter()
    subprocess.run([*cmd, "-o", str(pred), *extra], cwd=ROOT, check=True)
    seconds = round(time.perf_counter() - t0, 2)
    if versions:
        gold, drop = run_tasks.filtered_gold(gold, set(versions.split(",")))
        kept = []
        for line in pred.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("type") == "passage" and touches(rec, drop):
                continue
            kept.append(line)
        pred.write_text("\n".join(kept) + "\n", encoding="utf-8")
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    result: dict[str, object] = score_alignment.score(str(gold_path), str(pred))
    name = f"{task}[{versions}]" if versions else task
    return {"task": f"{name} {' '.join(extra)}", "seconds": seconds, **result}


def touches(rec: dict[str, Any], drop: list[dict[str, Any]]) -> bool:
    """Whether a detection touches one of the gold cases `drop` (run_tasks.py's rule for
    an excluded insert: the same two documents, and a span of one overlapping a span of
    the other)."""
    ad, bd = Path(rec["a"]["doc"]).name, Path(rec["b"]["doc"]).name
    a, b = (rec["a"]["start"], rec["a"]["end"]), (rec["b"]["start"], rec["b"]["end"])
    return any(
        {ad, bd} == {c["a_doc"], c["b_doc"]}
        and any(max(x[0], y[0]) < min(x[1], y[1]) for x in (a, b) for y in (c["a"], c["b"]))
        for c in drop
    )


def run(folder: Path, versions: str | None, timeout: int) -> dict[str, object]:
    """A task folder run and scored by ../shared/eval/run_tasks.py."""
    cmd = [sys.executable, str(EVAL / "run_tasks.py"), "--timeout", str(timeout)]
    if versions:
        cmd += ["--versions", versions]
    cmd.append(str(folder))
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    record: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    if versions:
        record["task"] = f"{folder.name}[{versions}]"
    return record


def line(record: dict[str, object]) -> str:
    if "error" in record:
        return f"{record['task']:<30} error: {str(record['error'])[:100]}"
    p = record["passage"]
    f = record["fine"]
    assert isinstance(p, dict)
    assert isinstance(f, dict)
    return (
        f"{record['task']:<30} plagdet {p['plagdet']:.3f}  P {p['precision']:.3f}  "
        f"R {p['recall']:.3f}  gran {p['granularity']:.2f}  fine F1 {f['f1']:.3f} "
        f"(P {f['precision']:.3f} R {f['recall']:.3f})  ({record['seconds']} s)"
    )


def run_built(folder: Path, timeout: int) -> dict[str, object]:
    """One of our own tasks (benchmarks/tasks.py), run and scored by run_tasks.py. An
    embedded corpus is scored on its inserts' versions (`run_tasks.py --versions`), so
    that a detection of one of the Bible's own parallels that its gold lists (version
    `tasks.PARALLEL`) is dropped, neither rewarded nor punished."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    versions = {c["version"] for c in gold.get("cases", []) if "version" in c}
    scored = ",".join(sorted(versions - {PARALLEL})) if PARALLEL in versions else None
    record = run(folder, scored, timeout)
    record["half"] = folder.parent.name
    record["kind"] = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["kind"]
    return record


# The goals by kind of reuse: (least plagdet, least fine F1); granularity <= 1.05.
GOALS = {
    "edited": (0.95, 0.90),
    "paraphrase": (0.90, 0.80),
    "translation": (0.85, 0.80),
    "embedded": (0.85, 0.80),
}
MOST_GRANULARITY = 1.05


def misses(record: dict[str, object]) -> list[str]:
    """What a built task's figures fall short of (empty when it meets every goal)."""
    if "error" in record:
        return ["error"]
    p, f = record["passage"], record["fine"]
    assert isinstance(p, dict)
    assert isinstance(f, dict)
    plagdet, fine = GOALS[str(record["kind"])]
    out = []
    if p["plagdet"] < plagdet:
        out.append(f"plagdet < {plagdet}")
    if f["f1"] < fine:
        out.append(f"fine F1 < {fine}")
    if p["granularity"] > MOST_GRANULARITY:
        out.append(f"granularity > {MOST_GRANULARITY}")
    return out


FIGURES = ("plagdet", "P", "R", "gran", "fine F1", "fine P", "fine R")
# The sets never tuned on besides the held half (benchmarks/tasks.py), pooled in the
# summary: one set of seven corpora is as spread as one drawn corpus is uncertain.
FRESH = tuple(half for half in MEASURED if half != "held")
POOLED = "fresh*"
_DRAWS = 2000  # resamplings of the tasks behind a gap's interval


def _figures(record: dict[str, object]) -> list[float]:
    passage, fine = record["passage"], record["fine"]
    assert isinstance(passage, dict)
    assert isinstance(fine, dict)
    return [float(passage[m]) for m in ("plagdet", "precision", "recall", "granularity")] + [
        float(fine[m]) for m in ("f1", "precision", "recall")
    ]


def _mean(rows: list[list[float]]) -> list[float]:
    return [sum(col) / len(col) for col in zip(*rows, strict=True)]


def gap_interval(
    tune: list[float], measured: list[float], draws: int = _DRAWS
) -> tuple[float, float]:
    """The 95 % interval of the difference of two sets' means of one figure (measured
    less tune), by resampling each set's tasks with replacement (seeded: the same
    interval on every run). A set of seven corpora drawn alike has a recall as spread as
    0.05 from one draw to the next: a gap is only as sure as its interval."""
    rng = random.Random(0)
    diffs = sorted(
        sum(rng.choices(measured, k=len(measured))) / len(measured)
        - sum(rng.choices(tune, k=len(tune))) / len(tune)
        for _ in range(draws)
    )
    return diffs[int(0.025 * draws)], diffs[int(0.975 * draws) - 1]


def _gap_row(kind: str, name: str, tune: list[list[float]], other: list[list[float]]) -> str:
    """The largest difference of the means of `other` and `tune`, by figure, with its
    interval."""
    mine, theirs = _mean(other), _mean(tune)
    k = max(range(len(FIGURES)), key=lambda f: abs(mine[f] - theirs[f]))
    low, high = gap_interval([r[k] for r in tune], [r[k] for r in other])
    return (
        f"{kind:<12} gap   largest difference {name} vs tune: {abs(mine[k] - theirs[k]):.3f}"
        f" ({FIGURES[k]} {mine[k] - theirs[k]:+.3f}, 95 % by resampling the tasks:"
        f" {low:+.3f} to {high:+.3f})"
    )


def summary(records: list[dict[str, object]]) -> list[str]:
    """Each kind's mean figures in each set, the fresh sets pooled (`fresh*`), and the
    gaps of the held half and of the pooled fresh sets to the tune half."""
    rows = [
        "",
        f"{'kind':<12} {'half':<7} tasks  plagdet  P      R      gran   fine F1  fine P "
        " fine R  met",
    ]
    for kind in GOALS:
        scored: dict[str, list[list[float]]] = {}
        for half in ("tune", *MEASURED, POOLED):
            fresh = half == POOLED
            mine = [
                r
                for r in records
                if r.get("kind") == kind and r.get("half") in (FRESH if fresh else (half,))
            ]
            if not mine or (fresh and len({r.get("half") for r in mine}) < 2):
                continue
            figures = [_figures(r) for r in mine if "error" not in r]
            scored[half] = figures
            met = sum(1 for r in mine if not misses(r))
            cols = "  ".join(f"{x:.3f}" for x in _mean(figures)) if figures else ""
            rows.append(f"{kind:<12} {half:<7} {len(mine):>5}  {cols}   {met}/{len(mine)}")
        for half in ("held", POOLED):
            if scored.get("tune") and scored.get(half):
                rows.append(_gap_row(kind, half, scored["tune"], scored[half]))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", nargs="*", default=TASKS)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--scan-args", default="", help="extra options for corpus tasks")
    parser.add_argument("--no-built", action="store_true", help="the visible tasks only")
    parser.add_argument("--built-only", action="store_true", help="our own tasks only")
    parser.add_argument("--half", choices=("tune", *MEASURED), help="one half of our own tasks")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.stderr.write(f"{EVAL} not found: the evaluation needs ../shared beside the checkout\n")
        return 2
    out_dir = ROOT / "benchmarks" / "out"
    out_dir.mkdir(exist_ok=True)
    records = []
    for task in [] if args.built_only else args.tasks:
        runs = [None, VERSIONED[task]] if task in VERSIONED else [None]
        for versions in runs:
            corpus = (
                json.loads((EVAL / "tasks" / task / "task.json").read_text())["kind"] == "corpus"
            )
            if args.scan_args and corpus:
                record = run_scan(task, versions, args.scan_args.split())
            else:
                record = run(EVAL / "tasks" / task, versions, args.timeout)
            records.append(record)
            print(line(record), flush=True)
    if not args.no_built:
        from benchmarks.tasks import build  # noqa: PLC0415  (writes the tasks)

        built = []
        for folder in build(out_dir / "tasks"):
            if args.half in (None, folder.parent.name):
                record = run_built(folder, args.timeout)
                record["task"] = f"{folder.parent.name}/{folder.name}"
                built.append(record)
                short = misses(record)
                print(line(record) + (f"  MISSES {', '.join(short)}" if short else ""), flush=True)
        records.extend(built)
        print("\n".join(summary(built)))
    (out_dir / "eval.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
