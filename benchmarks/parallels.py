"""Parallels between the Bible chapters of each embedded corpus, counted from the texts alone.

Usage: python benchmarks/parallels.py [--tasks DIR] [--words N [N ...]]

The embedded corpora of benchmarks/tasks.py put 40 KJV chapters (sources and decoys) beside
the novel excerpts. Chapters that share text (Genesis 10 and 1 Chronicles 1, a psalm's
refrain, a law told twice, the gospels) are reuse that a scan finds; the gold lists their
verse pairs that share eight words as parallels (`tasks.PARALLEL`), which `make eval`
neither rewards nor punishes. This counts, in each corpus, the pairs of its chapters that
share a run of N words word for word (lower case, punctuation dropped), without running
variorum: how much such reuse each half holds. Run it after `make eval` (which writes the
tasks) or with --tasks.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tasks import books, sharing, verses, words  # noqa: E402


def kjv_text() -> str:
    """Every verse of the KJV, in order, as lower-case words between single spaces."""
    return " ".join(
        " ".join(words(text)) for book in books() for _, text in sorted(verses("KJV", book).items())
    )


def chapter_pairs(corpus: Path, kjv: str, run: int) -> tuple[int, int]:
    """The chapters of a corpus (documents that are KJV text only) and how many pairs of
    them share a run of `run` words."""
    chapters: list[list[str]] = []
    padded = f" {kjv} "  # a run of words is in it as " words "
    for doc in sorted((corpus / "docs").glob("*.txt")):
        tokens = words(doc.read_text(encoding="utf-8"))
        if tokens and f" {' '.join(tokens)} " in padded:
            chapters.append(tokens)
    return len(chapters), len(sharing(chapters, run))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=Path, default=ROOT / "benchmarks" / "out" / "tasks")
    parser.add_argument("--words", type=int, nargs="+", default=[8, 12, 20])
    args = parser.parse_args()
    kjv = kjv_text()
    for half in ("tune", "held"):
        corpora = sorted((args.tasks / half).glob("embedded-*"))
        if not corpora:
            print(f"{args.tasks / half}: no embedded corpora (run make eval)", file=sys.stderr)
            return 1
        for run in args.words:
            found = {c.name: chapter_pairs(c, kjv, run) for c in corpora}
            line = {
                "half": half,
                "words": run,
                "corpora": len(corpora),
                "chapters": round(statistics.mean(n for n, _ in found.values()), 1),
                "pairs": round(statistics.mean(p for _, p in found.values()), 2),
                "median": statistics.median(p for _, p in found.values()),
                "by_corpus": {name: p for name, (_, p) in found.items()},
            }
            print(json.dumps(line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
