"""`variorum collate WITNESS...`: N versions of one text aligned word by word."""

from __future__ import annotations

import argparse
from typing import TextIO

from variorum.cli.options import add_input, add_output_file, output

_FORMATS = ("text", "csv", "json", "tei", "html", "graph", "dot", "graphml")


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "collate", help="collate versions of one text word by word (apparatus, table, TEI)",
        description="Align N witnesses of one text word by word against a base witness: "
        "the text they share, every variant location with its readings, and passages "
        "moved. Every reading keeps the witness's own text and offsets.",
    )  # fmt: skip
    p.add_argument(
        "paths", nargs="+", metavar="WITNESS",
        help="witness files, folders (each file a witness, in name order) or JSON Lines",
    )  # fmt: skip
    p.add_argument(
        "--sigla", metavar="A,B,...",
        help="the witnesses' sigla, in order (default: from the file names: what follows "
        "the last underscore, e.g. w1859 for Ch1-100_1859.txt)",
    )  # fmt: skip
    p.add_argument(
        "--base", metavar="SIGLUM",
        help="the base witness (default: the first); 'auto': the one that shares the most "
        "words with all the others",
    )  # fmt: skip
    p.add_argument(
        "--by-name", action="store_true",
        help="collate each set of witnesses whose file names share what precedes the last "
        "underscore (Ch1-100_1859.txt, Ch1-100_1860.txt, ...) on its own, in name order; "
        "text, csv, json or tei (a teiCorpus) output",
    )  # fmt: skip
    p.add_argument(
        "--normalise", choices=("words", "case", "none", "meaning"), default="words",
        help="which cells correspond: 'words' (default) compares words with case, accents "
        "and punctuation set aside; 'case' compares words with their punctuation, case "
        "set aside; 'none' compares them as written. The readings are always as written",
    )  # fmt: skip
    p.add_argument(
        "--format", choices=_FORMATS, default="text",
        help="text: an apparatus of the variant locations (default); csv: witnesses as rows, "
        "locations as columns; json: the collation with offsets; tei: TEI P5 parallel "
        "segmentation; html: a page with the apparatus and a witness picker; graph, dot, "
        "graphml: the variant graph as JSON, Graphviz or GraphML",
    )  # fmt: skip
    add_output_file(p)
    add_input(p)


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum.collation import collate, group_of, siglum  # noqa: PLC0415
    from variorum.collation.output import GROUP_FORMATS, write, write_groups  # noqa: PLC0415
    from variorum.errors import OptionError  # noqa: PLC0415
    from variorum.ingest import read_documents  # noqa: PLC0415
    from variorum.types import Document  # noqa: PLC0415

    read = list(read_documents(args.paths, args.input_format))
    if args.sigla is not None:
        sigla = [s.strip() for s in args.sigla.split(",")]
        if len(sigla) != len(read):
            msg = f"--sigla names {len(sigla)} witnesses, but {len(read)} were read"
            raise OptionError(msg)
    else:
        sigla = [siglum(d.id) for d in read]
    witnesses = [
        Document(s, d.text, {**d.meta, "source": d.id}) for s, d in zip(sigla, read, strict=True)
    ]
    if not args.by_name:
        collation = collate(witnesses, args.base, args.normalise)
        with output(args) as handle:
            write(collation, args.format, handle)
        return
    if args.format not in GROUP_FORMATS:
        msg = f"--by-name writes {', '.join(GROUP_FORMATS)}, not {args.format}"
        raise OptionError(msg)
    groups: dict[str, list[Document]] = {}
    for w, d in zip(witnesses, read, strict=True):
        groups.setdefault(group_of(d.id), []).append(w)
    done = [(name, collate(ws, args.base, args.normalise)) for name, ws in sorted(groups.items())]
    with output(args) as handle:
        write_groups(done, args.format, handle)
