"""Collation speed and memory: Darwin's chapter 1 in six editions, and six long witnesses.

Usage: python benchmarks/collate.py [--words N]

1. Darwin (../shared/corpus/darwin): every paragraph's witnesses collated by
   `variorum collate --format tei` (one run each, then all in one run with --by-name), the
   TEI read back and checked against every witness; and the whole chapter, each edition's
   paragraphs joined, as six witnesses.
2. Six witnesses of N words (default 100,000), made from Emma followed by Pride and
   Prejudice (../shared/corpus/pdnc): the first as it is, each other with 2 % of its
   words replaced, deleted or inserted and 20 passages of 20 to 200 words moved
   elsewhere; collated at N/4, N/2, N and 2N words, to see how time grows with length.
Prints one JSON line per run: seconds, peak memory (largest process), and what was checked.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tree import run_measured  # noqa: E402
from variorum.collation import siglum  # noqa: E402
from variorum.collation.tei import corpus_texts, witness_texts  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
DARWIN = SHARED / "darwin" / "witnesses"
HOSTS = [SHARED / "pdnc" / name / "novel_text.txt" for name in ("Emma", "PrideAndPrejudice")]


def _collate(files: list[Path], out: Path) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "variorum", "collate", *map(str, files), "--format", "tei"]
    wall, _, peak = run_measured([*cmd, "-o", str(out)])
    return wall, peak


def _rebuilt(files: list[Path], tei: Path) -> bool:
    texts = witness_texts(str(tei), tei.read_text(encoding="utf-8"))
    return texts == {siglum(str(f)): f.read_text(encoding="utf-8") for f in files}


def darwin(work: Path) -> None:
    names = sorted({f.name.rsplit("_", 1)[0] for f in DARWIN.glob("*.txt")})
    total, largest, exact = 0.0, 0, True
    for name in names:
        files = sorted(DARWIN.glob(f"{name}_*.txt"))
        out = work / f"{name}.xml"
        wall, peak = _collate(files, out)
        total, largest = total + wall, max(largest, peak)
        exact &= _rebuilt(files, out)
    figures = {"run": "darwin paragraphs", "paragraphs": len(names), "seconds": round(total, 1)}
    print(json.dumps({**figures, "peak_mb": largest >> 20, "every_witness_rebuilt": exact}))
    out = work / "by-name.xml"
    cmd = [sys.executable, "-m", "variorum", "collate", str(DARWIN), "--by-name"]
    wall, _, peak = run_measured([*cmd, "--format", "tei", "-o", str(out)])
    rebuilt = corpus_texts(str(out), out.read_text(encoding="utf-8"))
    exact = all(
        rebuilt[f.stem.rsplit("_", 1)[0]][siglum(str(f))] == f.read_text(encoding="utf-8")
        for f in DARWIN.glob("*.txt")
    )
    figures = {"run": "darwin paragraphs, one run (--by-name)", "seconds": round(wall, 2)}
    print(json.dumps({**figures, "peak_mb": peak >> 20, "every_witness_rebuilt": exact}))
    years = sorted({f.stem.rsplit("_", 1)[1] for f in DARWIN.glob("*.txt")})
    chapter = []
    for year in years:
        parts = [
            (DARWIN / f"{n}_{year}.txt").read_text(encoding="utf-8")
            for n in sorted(names, key=lambda n: int(n.split("-")[1]))
            if (DARWIN / f"{n}_{year}.txt").exists()
        ]
        path = work / f"chapter1_{year}.txt"
        path.write_text("\n\n".join(parts), encoding="utf-8")
        chapter.append(path)
    out = work / "chapter1.xml"
    wall, peak = _collate(chapter, out)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in chapter)
    figures = {"run": "darwin chapter", "witnesses": len(chapter), "words": words}
    print(json.dumps({**figures, "seconds": round(wall, 1), "peak_mb": peak >> 20,
                      "every_witness_rebuilt": _rebuilt(chapter, out)}))  # fmt: skip


def _witness(words: list[str], rng: random.Random) -> list[str]:
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < 0.007:
            continue  # deleted
        out.append(rng.choice(words) if r < 0.014 else w)
        if r > 0.993:
            out.append(rng.choice(words))  # inserted
    for _ in range(20):
        size = rng.randrange(20, 200)
        at = rng.randrange(len(out) - size)
        block = out[at : at + size]
        del out[at : at + size]
        to = rng.randrange(len(out))
        out[to:to] = block
    return out


def long_witnesses(work: Path, words: int) -> None:
    host = [w for h in HOSTS for w in h.read_text(encoding="utf-8").split()]
    previous = None
    for n in (words // 4, words // 2, words, 2 * words):
        rng = random.Random(n)
        base = host[:n]
        files = []
        for k in range(6):
            text = base if k == 0 else _witness(base, rng)
            path = work / f"long{n}_{k}.txt"
            path.write_text(" ".join(text), encoding="utf-8")
            files.append(path)
        out = work / f"long{n}.xml"
        wall, peak = _collate(files, out)
        growth = round(wall / previous, 2) if previous else None
        previous = wall
        figures = {"run": "six long witnesses", "words": n, "seconds": round(wall, 1)}
        moves = out.read_text(encoding="utf-8").count("<transpose ")
        print(json.dumps({**figures, "peak_mb": peak >> 20, "growth_per_doubling": growth,
                          "moves": moves, "moved_blocks_made": 100,
                          "every_witness_rebuilt": _rebuilt(files, out)}), flush=True)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    if not DARWIN.is_dir() or not all(h.is_file() for h in HOSTS):
        sys.stderr.write(f"{SHARED} not found: this benchmark needs ../shared\n")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        darwin(Path(folder))
        long_witnesses(Path(folder), args.words)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
