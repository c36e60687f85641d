"""The HTML report and the viewer's search, timed.

Usage: python benchmarks/report.py

1. `variorum compare --format html` of the two seeds (goal: 5 s).
2. The report of two 1 MB documents (the first books of KJV and ASV, lexical only):
   time to write it, its size, and in Chromium the time to load it and, inside the
   page, from a click to the painted frame with the counterpart in view and lit.
3. `variorum serve`'s search over the embedded task: the collection loaded once, then
   every inserted passage searched; time per search (goal: 1 s) and the share whose
   source document is listed.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "benchmarks" / "out"
CHROMIUM = Path("/usr/bin/chromium")
sys.path.insert(0, str(ROOT))

from benchmarks.bibles import chapters  # noqa: E402


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.perf_counter() - t0


def seeds_report() -> dict[str, object]:
    seeds = SHARED / "corpus" / "seeds"
    out = OUT / "report-seeds.html"
    seconds = timed(
        [
            sys.executable, "-m", "variorum", "compare", str(seeds / "martens-1995-en.txt"),
            str(seeds / "martens-2019-retranslation-en.txt"), "--format", "html", "-o", str(out),
        ]
    )  # fmt: skip
    return {"report": "seeds", "seconds": round(seconds, 2), "bytes": out.stat().st_size}


def big_pair(chars: int = 1_000_000) -> tuple[Path, Path]:
    paths = []
    for version in ("KJV", "ASV"):
        text: list[str] = []
        size = 0
        for chapter_id, verses in chapters(version).items():
            text.append(f"{chapter_id}\n\n{verses}\n\n")
            size += len(text[-1])
            if size >= chars:
                break
        path = OUT / f"big-{version}.txt"
        path.write_text("".join(text), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def big_report() -> dict[str, object]:
    a, b = big_pair()
    out = OUT / "report-big.html"
    seconds = timed(
        [
            sys.executable, "-m", "variorum", "compare", str(a), str(b), "--no-semantic",
            "--format", "html", "-o", str(out),
        ]
    )  # fmt: skip
    result: dict[str, object] = {
        "report": "1 MB pair",
        "chars": [len(a.read_text(encoding="utf-8")), len(b.read_text(encoding="utf-8"))],
        "seconds": round(seconds, 2),
        "bytes": out.stat().st_size,
    }
    if CHROMIUM.exists():
        result |= in_browser(out)
    return result


def in_browser(page_path: Path) -> dict[str, object]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        t0 = time.perf_counter()
        page.goto(page_path.as_uri(), wait_until="load")
        loaded = time.perf_counter() - t0
        # Timed inside the page: from the click to the next painted frame, with the
        # counterpart scrolled into view and highlighted.
        clicked = page.evaluate(
            """() => {
                const marks = document.querySelectorAll('#side-b mark[data-s]');
                const target = marks[Math.floor(marks.length / 2)];
                const t0 = performance.now();
                target.click();
                return new Promise(done => requestAnimationFrame(() =>
                    requestAnimationFrame(() => done(performance.now() - t0))));
            }"""
        )
        lit = page.locator("#side-a mark.seg-focus").count()
        browser.close()
    return {
        "browser_load_s": round(loaded, 2),
        "click_to_painted_ms": round(clicked),
        "counterpart_lit": lit > 0,
    }


def search() -> dict[str, object]:
    from variorum.ingest import read_documents  # noqa: PLC0415
    from variorum.serve.collection import Collection  # noqa: PLC0415

    task = SHARED / "eval" / "tasks" / "embedded"
    gold = json.loads((task / "gold.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    collection = Collection(read_documents([str(task / "docs")]))
    loaded = time.perf_counter() - t0
    times, found = [], 0
    for passage in gold["passages"]:
        text = (task / "docs" / passage["b_doc"]).read_text(encoding="utf-8")
        query = text[passage["b"][0] : passage["b"][1]]
        t0 = time.perf_counter()
        hits = collection.search(query)
        times.append(time.perf_counter() - t0)
        found += any(Path(h.doc).name == passage["a_doc"] for h in hits)
    return {
        "search": "embedded",
        "documents": len(collection.documents),
        "load_s": round(loaded, 2),
        "queries": len(times),
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "source_listed": round(found / len(times), 3),
    }


def main() -> int:
    if not SHARED.is_dir():
        sys.stderr.write(f"{SHARED} not found: this benchmark needs ../shared\n")
        return 2
    OUT.mkdir(exist_ok=True)
    for run in (seeds_report, big_report, search):
        print(json.dumps(run()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
