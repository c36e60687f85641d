"""`variorum report RESULTS.jsonl`: the HTML report of results written earlier."""

from __future__ import annotations

import argparse
from typing import TextIO

from variorum.cli.options import add_input, add_output_file, output


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report", help="an HTML report of results written earlier with --format jsonl",
        description="Draw the side-by-side HTML report (as `compare --format html` does) from "
        "JSON Lines results. The documents are read again from the paths the results name "
        "(or from --docs) and must be the ones the results were computed on.",
    )  # fmt: skip
    p.add_argument("results", metavar="RESULTS.jsonl", help="results of compare or scan")
    p.add_argument(
        "--docs", nargs="+", metavar="PATH", default=None,
        help="read the documents from these files, folders or JSON Lines collections "
        "instead of the paths named in the results",
    )  # fmt: skip
    p.add_argument(
        "--pair", nargs=2, metavar=("A", "B"), default=None,
        help="the two documents to show (default: the only two, or the two sharing most)",
    )  # fmt: skip
    add_input(p)
    add_output_file(p)


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum.errors import InputError  # noqa: PLC0415
    from variorum.report.html import report  # noqa: PLC0415
    from variorum.report.load import load_results  # noqa: PLC0415

    records, texts = load_results(args.results, args.docs, args.input_format)
    pair = (args.pair[0], args.pair[1]) if args.pair else None
    if pair is not None:
        missing = [doc for doc in pair if doc not in texts]
        if missing:
            raise InputError(args.results, f"no document {missing[0]!r} in these results")
    page = report(records, texts, pair)
    with output(args) as handle:
        handle.write(page)
