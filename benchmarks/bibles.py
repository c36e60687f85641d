"""Scan the four English Bibles, one document per chapter, and measure it.

Usage: python benchmarks/bibles.py [--copies N] [-- extra scan options]

Builds ../shared/corpus/bible/en (KJV, ASV, WEB, BBE) into a JSON Lines corpus of one
document per chapter (4,756 documents, 16.5 MB; with --copies N, N times that: N-1 noisy
copies, each with a vocabulary of its own), runs `variorum scan` on it in a child
process, and reports wall time, peak memory (the largest process, and the whole process
tree: workers, and Spark's JVM, summed), and for ASV, WEB and BBE the
share of KJV chapters linked to the same chapter in that version. passim 2.0 on Spark
(local, 2 cores) took 302 s and 6.5 GB on this corpus, finding 0.998, 0.995 and 0.865.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tree import run_measured  # noqa: E402

BIBLES = ROOT.parent / "shared" / "corpus" / "bible" / "en"
VERSIONS = ("KJV", "ASV", "WEB", "BBE")
_VERSE = re.compile(r"^\[(\d+):(\d+)\]\s*(.*)$")


def chapters(version: str) -> dict[str, str]:
    """Chapter id ("Genesis/1") -> the chapter's verses joined by spaces."""
    out: dict[str, list[str]] = defaultdict(list)
    for path in sorted((BIBLES / version).glob("*.txt")):
        book = path.stem.split("_", 1)[1]
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _VERSE.match(line)
            if m and m.group(3).strip():
                out[f"{book}/{m.group(1)}"].append(m.group(3).strip())
    return {k: " ".join(v) for k, v in out.items()}


def noisy(text: str, copy: int, rng: random.Random) -> str:
    """Copy `copy` of a text: its own vocabulary (every word tagged), with OCR-like slips.

    The tag keeps copies from matching each other, so that the corpus grows with more
    of the same kind of reuse (four versions of each chapter), not with duplicates of
    one text; one character in fifty is replaced, as a scanner would.
    """
    tag = "".join(chr(ord("q") + int(d)) for d in str(copy))
    words = []
    for word in text.split():
        chars = list(word)
        for k in range(len(chars)):
            if chars[k].isalpha() and rng.random() < 0.02:
                chars[k] = rng.choice("abcdefghijklmnopqrstuvwxyz")
        words.append(tag + "".join(chars))
    return " ".join(words)


def build(target: Path, copies: int = 1) -> int:
    count = 0
    rng = random.Random(11)
    texts = {v: chapters(v) for v in VERSIONS}
    with target.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for version in VERSIONS:
                name = version if copy == 0 else f"{version}~{copy}"
                for chapter, text in texts[version].items():
                    body = text if copy == 0 else noisy(text, copy, rng)
                    out.write(json.dumps({"id": f"{name}/{chapter}", "text": body}) + "\n")
                    count += 1
    return count


def pairs_found(result: Path) -> dict[str, float]:
    linked: dict[str, set[str]] = {v: set() for v in VERSIONS[1:]}
    kjv: set[str] = set()
    with result.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["type"] == "document" and rec["doc"].startswith("KJV/"):
                kjv.add(rec["doc"].split("/", 1)[1])
            if rec["type"] != "passage":
                continue
            (va, ca), (vb, cb) = (rec[s]["doc"].split("/", 1) for s in ("a", "b"))
            if ca == cb and "KJV" in (va, vb) and va != vb and va in VERSIONS and vb in VERSIONS:
                linked[vb if va == "KJV" else va].add(ca)
    return {v: round(len(found & kjv) / len(kjv), 4) for v, found in linked.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--copies", type=int, default=1, metavar="N",
        help="the corpus N times: N-1 noisy copies, each with its own vocabulary",
    )  # fmt: skip
    parser.add_argument("scan_args", nargs="*", help="extra options for variorum scan")
    args = parser.parse_args()
    if not BIBLES.is_dir():
        sys.stderr.write(f"{BIBLES} not found: this benchmark needs ../shared\n")
        return 2
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    corpus, result = out / "bibles.jsonl", out / "bibles-result.jsonl"
    docs = build(corpus, args.copies)
    cmd = [sys.executable, "-m", "variorum", "scan", str(corpus), "--format", "jsonl"]
    cmd += ["-o", str(result), *args.scan_args]
    wall, tree_peak, _ = run_measured(cmd)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {
        "benchmark": "bibles",
        "copies": args.copies,
        "documents": docs,
        "megabytes": round(corpus.stat().st_size / 1e6, 1),
        "scan_args": args.scan_args,
        "seconds": round(wall, 1),
        "peak_memory_mb": round(peak_mb),
        "peak_tree_mb": round(tree_peak / 2**20),
        "same_chapter_found": pairs_found(result),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
