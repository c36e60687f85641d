"""The same scan on every executor, timed, and its output compared byte for byte.

Usage: python benchmarks/executors.py [--tasks T,T] [--bibles] [--no-spark] [-- scan options]

Each evaluation task of ../shared/eval (default: seeds, embedded, mark-kjv-fr,
ruth-kjv-bbe; a task folder, such as one of ours under benchmarks/out/tasks, is read
where a path is given), and with --bibles the four English Bibles of benchmarks/bibles.py, is
scanned by `variorum scan DOCS --format jsonl` (default options: --semantic --quotes
--clusters) in memory with two jobs, through a folder on disk (--stream) and on Spark
(local[2]). Prints one JSON line per run: the executor, wall time, peak memory of the
largest process and of the whole process tree, and whether the output is byte for byte
the in-memory one. Exits 1 when any output differs.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bibles import BIBLES, build  # noqa: E402
from benchmarks.tree import run_measured  # noqa: E402

TASKS = ROOT.parent / "shared" / "eval" / "tasks"
EXECUTORS = {
    "memory": ["--jobs", "2"],
    "disk": ["--jobs", "2", "--stream"],
    "spark": ["--engine", "spark", "--master", "local[2]"],
}
DEFAULT_OPTIONS = ["--semantic", "--quotes", "--clusters"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="seeds,embedded,mark-kjv-fr,ruth-kjv-bbe")
    parser.add_argument("--bibles", action="store_true", help="also the four Bibles")
    parser.add_argument("--no-spark", action="store_true", help="memory and disk only")
    parser.add_argument("scan_args", nargs="*", help="scan options (default: %(default)s)")
    args = parser.parse_args()
    if not TASKS.is_dir():
        sys.stderr.write(f"{TASKS} not found: this benchmark needs ../shared\n")
        return 2
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    # A task by its name in ../shared/eval/tasks, or by its folder (our own, `make eval`).
    inputs = {
        Path(t).name: (Path(t) if Path(t).is_dir() else TASKS / t) / "docs"
        for t in args.tasks.split(",")
        if t
    }
    if args.bibles and BIBLES.is_dir():
        inputs["bibles"] = out / "bibles.jsonl"
        build(inputs["bibles"])
    options = args.scan_args or DEFAULT_OPTIONS
    executors = [e for e in EXECUTORS if not (args.no_spark and e == "spark")]
    differ = False
    for name, source in inputs.items():
        reference = out / f"executors-{name}-memory.jsonl"
        for executor in executors:
            result = out / f"executors-{name}-{executor}.jsonl"
            cmd = [sys.executable, "-m", "variorum", "scan", str(source), "--format", "jsonl"]
            cmd += ["-o", str(result), *options, *EXECUTORS[executor]]
            wall, tree_peak, peak = run_measured(cmd)
            same = filecmp.cmp(result, reference, shallow=False)
            differ |= not same
            figures = {
                "input": name,
                "executor": executor,
                "seconds": round(wall, 1),
                "peak_memory_mb": round(peak / 2**20),
                "peak_tree_mb": round(tree_peak / 2**20),
                "records": sum(1 for _ in result.open(encoding="utf-8")),
                "same_as_memory": same,
            }
            print(json.dumps(figures), flush=True)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
