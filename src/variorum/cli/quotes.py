"""`variorum quotes DOC...`: quotations, speakers, citations carried across versions."""

from __future__ import annotations

import argparse
from typing import TextIO

from variorum.cli.options import add_matching, add_output, options, output

KINDS = ("quotation", "letter", "scare")


def _kinds(value: str) -> frozenset[str]:
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    unknown = kinds - set(KINDS)
    if unknown or not kinds:
        named = ", ".join(sorted(unknown)) or repr(value)
        msg = f"unknown kind {named}: choose from {', '.join(KINDS)}"
        raise argparse.ArgumentTypeError(msg)
    return kinds


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "quotes", help="quotations, their speakers and citations, traced across versions",
        description="List the quotations of documents with their kind (quotation or scare "
        "quotes), speaker and citation (Ibid. resolved). With several documents, the same "
        "quotation is linked across them through their alignment, citations are carried "
        "over to versions that lack them, and drift in wording is shown.",
    )  # fmt: skip
    p.add_argument("docs", nargs="+", metavar="DOC", help="documents (files)")
    p.add_argument(
        "--kinds", type=_kinds, default=None, metavar="KIND[,KIND]",
        help="list only these kinds: quotation (speech and quoted words), letter (a quoted "
        "document: a letter or note), scare (scare quotes); default all",
    )  # fmt: skip
    add_matching(p)
    add_output(p)


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum.engine.plan import trace  # noqa: PLC0415
    from variorum.ingest import read_document  # noqa: PLC0415
    from variorum.report.quotes import write_quotes  # noqa: PLC0415

    docs = [read_document(path, args.input_format) for path in args.docs]
    quotes = trace(docs, options(args))
    if args.kinds is not None:
        quotes = [q for q in quotes if q.kind in args.kinds]
    with output(args) as handle:
        write_quotes(quotes, docs, args.format, handle)
