"""The persistent index over the four English Bibles: build time, size, query time.

Usage: python benchmarks/index.py [--semantic] [--jobs N]

Builds an index of the 4,756 chapters of ../shared/corpus/bible/en (lexical, or with
each chapter's mean sentence vector), in N processes (default 2), then
queries it with new documents: chapters of each version with every tenth word dropped
(an edited copy that is in no index), and reports the time of each query (goal: 1 s)
and whether the same chapter of every version is found. Peak memory is that of this
process and of its workers, the largest of each.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bibles import BIBLES, VERSIONS, chapters  # noqa: E402
from variorum import store  # noqa: E402
from variorum.options import Options  # noqa: E402
from variorum.types import Document  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
SAMPLES = ("Genesis/1", "Ruth/1", "Psalms/23", "Isaiah/40", "Mark/4", "John/1", "Acts/2")


def _peak_mb(who: int) -> int:
    return resource.getrusage(who).ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semantic", action="store_true", help="store sentence vectors too")
    parser.add_argument("--jobs", type=int, default=2, help="build processes (default 2)")
    args = parser.parse_args()
    if not BIBLES.is_dir():
        sys.stderr.write(f"{BIBLES} not found: this benchmark needs ../shared\n")
        return 2
    OUT.mkdir(exist_ok=True)
    by_version = {v: chapters(v) for v in VERSIONS}
    docs = [Document(f"{v}/{c}", t) for v in VERSIONS for c, t in by_version[v].items()]
    index = OUT / ("bibles-semantic.vdx" if args.semantic else "bibles.vdx")
    t0 = time.perf_counter()
    built = store.build(index, docs, Options(jobs=args.jobs), semantic=args.semantic)
    print(
        json.dumps(
            {
                "semantic": args.semantic,
                "jobs": args.jobs,
                "build_s": round(time.perf_counter() - t0, 1),
                "peak_mb_builder": _peak_mb(resource.RUSAGE_SELF),
                "peak_mb_worker": _peak_mb(resource.RUSAGE_CHILDREN),
                "documents": built.documents,
                "ngrams": built.grams,
                "mb": round(index.stat().st_size / 1e6, 1),
            }
        )
    )
    # The first query of a semantic index loads the model: measured, and reported apart.
    times = []
    found = dict.fromkeys(VERSIONS, 0)
    queries = 0
    for version in ("KJV", "WEB"):
        for chapter in SAMPLES:
            words = by_version[version][chapter].split()
            edited = " ".join(w for k, w in enumerate(words) if k % 10 != 9)
            t0 = time.perf_counter()
            result = store.query(index, Document(f"new/{version}/{chapter}", edited))
            times.append(time.perf_counter() - t0)
            queries += 1
            linked = {p.b.doc for p in result.passages}
            for v in VERSIONS:
                found[v] += f"{v}/{chapter}" in linked
    print(
        json.dumps(
            {
                "queries": queries,
                "first_s": round(times[0], 3),
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "same_chapter_found": {v: f"{n}/{queries}" for v, n in found.items()},
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
