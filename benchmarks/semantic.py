"""Speed of the semantic layer: embedding rate, and end-to-end runs that use it.

Usage: python benchmarks/semantic.py

- sentences embedded per second (one core, the KJV and French texts of mark-kjv-fr);
- `variorum compare` of the two seeds, end to end in a fresh process, model load included;
- `variorum scan --semantic` of the `embedded` task (80 documents);
each with wall time and the child's peak memory.
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


def timed(args: list[str]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "variorum", *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"seconds": round(wall, 2), "peak_memory_mb": round(peak / 1024)}


def embedding_rate() -> dict[str, float]:
    from variorum.align.sentences import unit_spans  # noqa: PLC0415
    from variorum.embed.encoder import encoder  # noqa: PLC0415
    from variorum.ingest import read_document  # noqa: PLC0415
    from variorum.text import analyse  # noqa: PLC0415

    t0 = time.perf_counter()
    enc = encoder()
    enc.encode(["warm up"])
    load = time.perf_counter() - t0
    texts = []
    for name in ("mark-kjv.txt", "mark-fr-synodale.txt"):
        doc = analyse(read_document(SHARED / "eval" / "tasks" / "mark-kjv-fr" / "docs" / name))
        spans, _ = unit_spans(doc)
        texts += [doc.doc.text[s.start : s.end] for s in spans]
    t0 = time.perf_counter()
    enc.encode(texts)
    seconds = time.perf_counter() - t0
    return {
        "model_load_s": round(load, 2),
        "sentences": len(texts),
        "per_second": round(len(texts) / seconds),
    }


def main() -> int:
    if not SHARED.is_dir():
        sys.stderr.write(f"{SHARED} not found: this benchmark needs ../shared\n")
        return 2
    seeds = SHARED / "corpus" / "seeds"
    figures = {
        "embedding": embedding_rate(),
        "compare_seeds": timed(
            [
                "compare",
                str(seeds / "martens-1995-en.txt"),
                str(seeds / "martens-2019-retranslation-en.txt"),
            ]
        ),
        "scan_embedded_semantic": timed(
            [
                "scan",
                str(SHARED / "eval" / "tasks" / "embedded" / "docs"),
                "--semantic",
                "--jobs",
                "2",
            ]
        ),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
