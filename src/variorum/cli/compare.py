"""`variorum compare A B`: two versions, which passages correspond, what changed."""

from __future__ import annotations

import argparse
from typing import TextIO

from variorum.cli.options import add_matching, add_output, options, output


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="align two documents: every passage they share",
        description="Align two documents (text, Markdown or HTML): every passage they share, "
        "verbatim or edited, with sentence pairs and word-level changes.",
    )  # fmt: skip
    p.add_argument("a", metavar="A", help="first document")
    p.add_argument("b", metavar="B", help="second document")
    add_matching(p)
    add_output(p)


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum.engine.plan import compare  # noqa: PLC0415
    from variorum.ingest import read_document  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415

    a = read_document(args.a, args.input_format)
    b = read_document(args.b, args.input_format)
    result = compare(a, b, options(args))
    with output(args) as handle:
        write(result, args.format, handle)
