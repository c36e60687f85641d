"""How at home each side of a gold passage is in its document, by half.

Usage: python benchmarks/at_home.py

Attribution gives the link between two quotations of one chapter to the chapter where
its stretch is `_AT_HOME` times as much at home as either quotation's (align/attribute.py,
`at_home`). This measures the rule on the gold passages of our own embedded corpora
(benchmarks/tasks.py, both halves), each corpus's words weighed as a scan weighs them
(`WordCounts.spread`): the mean of each side, and how often the source's stretch is the
more at home, `_AT_HOME` times as much, or the quotation's `_AT_HOME` times as much
(the rule's wrong way). Passages with too little text around one side are left out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tasks import build  # noqa: E402
from variorum.align.attribute import _AT_HOME, at_home  # noqa: E402
from variorum.index.weights import WordCounts, counted  # noqa: E402
from variorum.text.tokenize import Analysed, analyse  # noqa: E402
from variorum.types import Document  # noqa: E402


def _counted(analysed: list[Analysed]) -> WordCounts:
    counts = WordCounts()
    counts.add(*counted([x.tokens.hashes for x in analysed]), len(analysed))
    return counts


def measured(task: Path) -> list[tuple[float, float]]:
    """Each gold passage's (source, quotation) at-home shares, where both are told."""
    docs = {
        path.name: analyse(Document(path.name, path.read_text(encoding="utf-8")))
        for path in sorted((task / "docs").iterdir())
    }
    weigh = _counted(list(docs.values())).spread().of
    out: list[tuple[float, float]] = []
    for gold in json.loads((task / "gold.json").read_text(encoding="utf-8"))["passages"]:
        (a_start, a_end), (b_start, b_end) = gold["a"], gold["b"]
        source = at_home(docs[gold["a_doc"]], a_start, a_end, weigh)
        quotation = at_home(docs[gold["b_doc"]], b_start, b_end, weigh)
        if source is not None and quotation is not None:
            out.append((source, quotation))
    return out


def main() -> int:
    tasks = build(ROOT / "benchmarks" / "out" / "tasks")
    for half in ("tune", "held"):
        pairs = [
            pair
            for task in tasks
            if task.parent.name == half and task.name.startswith("embedded")
            for pair in measured(task)
        ]
        source = np.array([s for s, _ in pairs])
        quotation = np.array([q for _, q in pairs])
        figures = {
            "half": half,
            "passages": len(pairs),
            "source_mean": float(source.mean()),
            "quotation_mean": float(quotation.mean()),
            "source_more": float(np.mean(source > quotation)),
            "source_by_rule": float(np.mean((source > 0) & (source >= _AT_HOME * quotation))),
            "quotation_by_rule": float(np.mean((quotation > 0) & (quotation >= _AT_HOME * source))),
        }
        print(
            json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()})
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
