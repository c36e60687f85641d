"""The persistent index over the four English Bibles: build time, size, query time.

Usage: python benchmarks/index.py

Builds an index of the 4,756 chapters of ../shared/corpus/bible/en (lexical), then
queries it with new documents: chapters of each version with every tenth word dropped
(an edited copy that is in no index), and reports the time of each query (goal: 1 s)
and whether the same chapter of every version is found.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bibles import BIBLES, VERSIONS, chapters  # noqa: E402
from variorum.index import store  # noqa: E402
from variorum.types import Document  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
SAMPLES = ("Genesis/1", "Ruth/1", "Psalms/23", "Isaiah/40", "Mark/4", "John/1", "Acts/2")


def main() -> int:
    if not BIBLES.is_dir():
        sys.stderr.write(f"{BIBLES} not found: this benchmark needs ../shared\n")
        return 2
    OUT.mkdir(exist_ok=True)
    by_version = {v: chapters(v) for v in VERSIONS}
    docs = [Document(f"{v}/{c}", t) for v in VERSIONS for c, t in by_version[v].items()]
    index = OUT / "bibles.vdx"
    t0 = time.perf_counter()
    built = store.build(index, docs)
    print(
        json.dumps(
            {
                "build_s": round(time.perf_counter() - t0, 1),
                "documents": built.documents,
                "ngrams": built.grams,
                "mb": round(index.stat().st_size / 1e6, 1),
            }
        )
    )
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
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "same_chapter_found": {v: f"{n}/{queries}" for v, n in found.items()},
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
