"""`variorum quotes DOC...`: quotations, speakers, citations carried across versions."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TextIO

from variorum.cli.options import add_matching, add_output, options, output

KINDS = ("quotation", "letter", "scare")


def _kinds(value: str) -> frozenset[str]:
    if value.strip() == "all":
        return frozenset(KINDS)
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    unknown = kinds - set(KINDS)
    if unknown or not kinds:
        named = ", ".join(sorted(unknown)) or repr(value)
        msg = f"unknown kind {named}: choose from {', '.join(KINDS)}, or all"
        raise argparse.ArgumentTypeError(msg)
    return kinds


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "quotes", help="quotations, their speakers and citations, traced across versions",
        description="List the quotations of documents with their speaker and citation "
        "(Ibid. resolved); quoted letters and scare quotes with --kinds. With several "
        "documents, the same quotation is linked across them through their alignment, "
        "citations are carried over to versions that lack them, and drift in wording is "
        "shown.",
    )  # fmt: skip
    p.add_argument("docs", nargs="+", metavar="DOC", help="documents (files)")
    p.add_argument(
        "--kinds", type=_kinds, default=frozenset({"quotation"}), metavar="KIND[,KIND]",
        help="list these kinds: quotation (speech and quoted words), letter (a quoted "
        "document: a letter or note), scare (scare quotes), or all; default quotation "
        "(how many of the others were left out is said on stderr)",
    )  # fmt: skip
    add_matching(p)
    add_output(p)


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum.engine.plan import trace  # noqa: PLC0415
    from variorum.ingest import read_document  # noqa: PLC0415
    from variorum.report.quotes import write_quotes  # noqa: PLC0415

    docs = [read_document(path, args.input_format) for path in args.docs]
    found = trace(docs, options(args))
    quotes = [q for q in found if q.kind in args.kinds]
    left = Counter(q.kind for q in found if q.kind not in args.kinds)
    if left:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(left.items()))
        stderr.write(f"variorum: left out {counts} (--kinds all lists them)\n")
    with output(args) as handle:
        write_quotes(quotes, docs, args.format, handle)
