"""A collation written out: an apparatus to read, a table (CSV), JSON, TEI."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from variorum.collation.graph import write_graph
from variorum.collation.html import page
from variorum.collation.tei import tei, tei_corpus
from variorum.report.escape import cell, visible
from variorum.types import SCHEMA_VERSION, Collation, Location

FORMATS = ("text", "csv", "json", "tei", "html", "graph", "dot", "graphml")


def write(collation: Collation, fmt: str, out: TextIO) -> None:
    """The collation in format `fmt` (one of FORMATS) to `out`."""
    if fmt in ("graph", "dot", "graphml"):
        write_graph(collation, fmt, out)
    elif fmt == "html":
        for piece in page(collation):
            out.write(piece)
    elif fmt == "tei":
        for piece in tei(collation):
            out.write(piece)
    elif fmt == "json":
        json.dump(record(collation), out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        _table(collation, out)
    else:
        for line in apparatus(collation):
            out.write(line + "\n")


GROUP_FORMATS = ("text", "csv", "json", "tei")


def write_groups(groups: Sequence[tuple[str, Collation]], fmt: str, out: TextIO) -> None:
    """Several collations (each with its group's name) in format `fmt`, one of
    GROUP_FORMATS: apparatuses one after the other, a table with the group in the first
    column, a JSON record of records, a TEI corpus."""
    if fmt == "tei":
        for piece in tei_corpus(groups):
            out.write(piece)
    elif fmt == "json":
        records = [{"name": name, **record(c)} for name, c in groups]
        json.dump({"type": "collations", "groups": records}, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        for name, c in groups:
            for w in c.witnesses:
                readings = (cell(_reading_of(loc, w.id)) for loc in c.locations)
                writer.writerow([cell(name), cell(w.id), *readings])
    else:
        for k, (name, c) in enumerate(groups):
            if k:
                out.write("\n")
            out.write(f"== {visible(name)} ==\n")
            for line in apparatus(c):
                out.write(line + "\n")


def record(collation: Collation) -> dict[str, Any]:
    """The collation as one JSON record (docs/format.md)."""
    return {
        "type": "collation",
        "schema": SCHEMA_VERSION,
        "base": collation.base,
        "normalisation": collation.normalisation,
        "witnesses": [
            {"siglum": w.id, "source": str(w.meta.get("source", w.id)), "chars": len(w.text)}
            for w in collation.witnesses
        ],
        "locations": [
            {
                "varies": loc.varies,
                "moves": list(loc.moves),
                "readings": [
                    {
                        "witnesses": list(r.witnesses),
                        "text": r.text,
                        "spans": {s.doc: [s.start, s.end] for s in r.spans},
                    }
                    for r in loc.readings
                ],
            }
            for loc in collation.locations
        ],
        "moves": [
            {
                "witness": m.witness.doc,
                "words": m.words,
                "base": [m.base.start, m.base.end],
                "at": [m.witness.start, m.witness.end],
            }
            for m in collation.moves
        ],
    }


def _table(collation: Collation, out: TextIO) -> None:
    """Witnesses as rows, the locations as columns (each cell the witness's reading)."""
    sigla = [w.id for w in collation.witnesses]
    writer = csv.writer(out)
    writer.writerow(["witness", *(f"{k + 1}{'*' if loc.varies else ''}" for k, loc in
                                  enumerate(collation.locations))])  # fmt: skip
    for s in sigla:
        writer.writerow([cell(s), *(cell(_reading_of(loc, s)) for loc in collation.locations)])


def _reading_of(location: Location, siglum: str) -> str:
    for r in location.readings:
        if siglum in r.witnesses:
            return r.text
    return ""


def apparatus(collation: Collation) -> Iterator[str]:
    """The base text's variant locations, numbered, each with its readings and the
    witnesses that read them (`om.` where they read nothing)."""
    n = len(collation.witnesses)
    variants = [(k, loc) for k, loc in enumerate(collation.locations) if loc.varies]
    yield (
        f"Collation of {n} witnesses ({', '.join(visible(w.id) for w in collation.witnesses)})"
        f" against {visible(collation.base)}, normalisation {collation.normalisation}: "
        f"{len(variants)} variant locations, {len(collation.moves)} moves"
    )
    for number, (_, loc) in enumerate(variants, 1):
        yield ""
        moved = f"  [move {', '.join(str(m + 1) for m in loc.moves)}]" if loc.moves else ""
        yield f"{number}.{moved}"
        shown = [" ".join(r.text.split()) for r in loc.readings]
        if len(set(shown)) < len(shown):  # they differ in spacing alone: shown as it is
            shown = [r.text for r in loc.readings]
        for r, text in zip(loc.readings, shown, strict=True):
            yield f"  {' '.join(visible(w) for w in r.witnesses)}: {visible(text) or 'om.'}"
    for m, move in enumerate(collation.moves):
        yield ""
        yield (
            f"move {m + 1}: {visible(move.witness.doc)} has {move.words} words of "
            f"{visible(move.base.doc)} {move.base.start}-{move.base.end} "
            f"at {move.witness.start}-{move.witness.end}"
        )
