"""`variorum query INDEX DOC`: where else a new document's text appears."""

from __future__ import annotations

import argparse
from typing import TextIO

from variorum.cli.options import add_matching, add_output, options, output


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "query", help="where else a new document's text appears in an indexed collection",
        description="Align a new document with the documents of an index that share rare "
        "word n-grams with it, or (for an index built with --semantic) say the same thing "
        "in any language; writes the passages as compare does.",
    )  # fmt: skip
    p.add_argument("index", metavar="INDEX", help="the index file")
    p.add_argument("doc", metavar="DOC", help="the new document")
    add_matching(p)
    add_output(p)


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum.ingest import read_document  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415
    from variorum.store import query  # noqa: PLC0415

    found = query(args.index, read_document(args.doc, args.input_format), options(args))
    with output(args) as handle:
        write(found, args.format, handle)
