"""Score variorum on the evaluation tasks of ../shared/eval, as the issues measure it.

Usage: python benchmarks/run_eval.py [TASK ...] [--timeout S]

Runs ../shared/eval/run_tasks.py (which calls `variorum compare` or `variorum scan` and
scores the JSON Lines output with the PAN measures) on each task, and on `embedded` once
more restricted to the KJV, ASV and WEB inserts. Prints one line per task and the full
JSON records to benchmarks/out/eval.jsonl.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
TASKS = ["ruth-kjv-asv", "ruth-kjv-web", "ruth-kjv-bbe", "mark-kjv-fr", "seeds", "embedded"]
VERSIONED = {"embedded": "KJV,ASV,WEB"}


def run(task: str, versions: str | None, timeout: int) -> dict[str, object]:
    cmd = [sys.executable, str(EVAL / "run_tasks.py"), "--timeout", str(timeout)]
    if versions:
        cmd += ["--versions", versions]
    cmd.append(str(EVAL / "tasks" / task))
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    record: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    if versions:
        record["task"] = f"{task}[{versions}]"
    return record


def line(record: dict[str, object]) -> str:
    if "error" in record:
        return f"{record['task']:<28} error: {str(record['error'])[:100]}"
    p = record["passage"]
    f = record["fine"]
    assert isinstance(p, dict)
    assert isinstance(f, dict)
    return (
        f"{record['task']:<28} plagdet {p['plagdet']:.3f}  P {p['precision']:.3f}  "
        f"R {p['recall']:.3f}  gran {p['granularity']:.2f}  fine F1 {f['f1']:.3f}  "
        f"({record['seconds']} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", nargs="*", default=TASKS)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.stderr.write(f"{EVAL} not found: the evaluation needs ../shared beside the checkout\n")
        return 2
    out_dir = ROOT / "benchmarks" / "out"
    out_dir.mkdir(exist_ok=True)
    records = []
    for task in args.tasks:
        runs = [None, VERSIONED[task]] if task in VERSIONED else [None]
        for versions in runs:
            record = run(task, versions, args.timeout)
            records.append(record)
            print(line(record), flush=True)
    (out_dir / "eval.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
