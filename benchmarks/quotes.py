"""Quotations: the PDNC novels and the seeds' citations, scored, with time and memory.

Usage: python benchmarks/quotes.py

Runs `variorum quotes` on each novel of ../shared/corpus/pdnc (dialogue in fiction) and on
the two seeds, and scores the output with ../shared/eval/score_quotes.py. PDNC annotates
speech only: each novel is scored on what `variorum quotes` writes by default (speech and
quoted words: quoted letters and scare quotes left out) and on every kind (`--kinds all`).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run(args: list[str], out: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "variorum", "quotes", *args, "--format", "jsonl", "-o", str(out)]
    subprocess.run(cmd, check=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": round(time.perf_counter() - t0, 2), "peak_memory_mb_so_far": round(peak)}


def score(kind: str, gold: Path, pred: Path) -> dict[str, object]:
    cmd = [
        sys.executable,
        str(SHARED / "eval" / "score_quotes.py"),
        kind,
        str(gold),
        str(pred),
        "--json",
    ]
    result: dict[str, object] = json.loads(
        subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    )
    return result


def main() -> int:
    if not SHARED.is_dir():
        sys.stderr.write(f"{SHARED} not found: this benchmark needs ../shared\n")
        return 2
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    for novel in sorted((SHARED / "corpus" / "pdnc").iterdir()):
        # PDNC annotates speech: the default output (speech and quoted words), as the
        # issue scores it, and every kind (letters and scare quotes too) for reference.
        for label, extra in (("default", []), ("all kinds", ["--kinds", "all"])):
            pred = out / f"quotes-{novel.name}{'-all' if extra else ''}.jsonl"
            timing = run([str(novel / "novel_text.txt"), *extra], pred)
            scores = score("pdnc", novel, pred)
            print(json.dumps({"novel": novel.name, "records": label, **timing, **scores}))
    seeds = SHARED / "corpus" / "seeds"
    pred = out / "quotes-seeds.jsonl"
    timing = run(
        [str(seeds / "martens-1995-en.txt"), str(seeds / "martens-2019-retranslation-en.txt")], pred
    )
    print(
        json.dumps(
            {"seeds": True, **timing, **score("citations", seeds / "quotations.gold.json", pred)}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
