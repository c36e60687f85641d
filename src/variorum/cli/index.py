"""`variorum index build|add`: a persistent index of a collection."""

from __future__ import annotations

import argparse
from typing import TextIO

from variorum.cli.options import add_input, add_jobs


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "index", help="a persistent index of a collection: build it, add to it",
        description="Keep a collection in one index file (SQLite) that `variorum query` "
        "searches in a second. `build` writes a new index atomically; `add` appends "
        "documents in one transaction. A build or add killed at any moment leaves the "
        "last committed index readable and complete.",
    )  # fmt: skip
    actions = p.add_subparsers(dest="index_command", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="index a collection into a new file")
    build.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, JSONL")
    build.add_argument("-o", "--output", required=True, metavar="INDEX", help="the index file")
    build.add_argument(
        "--semantic", action="store_true", default=False,
        help="also store each document's mean sentence vector, so that queries find "
        "paraphrases and translations (slower to build: every sentence is embedded)",
    )  # fmt: skip
    build.add_argument(
        "--ngram", type=int, default=None, metavar="N",
        help="words per indexed n-gram (default: that of scan, 5)",
    )  # fmt: skip
    more = actions.add_parser("add", help="add documents to an index, all or nothing")
    more.add_argument("index", metavar="INDEX", help="the index file")
    more.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, JSONL")
    for action in (build, more):
        add_input(action)
        add_jobs(action, 0, " that analyse and embed the documents")


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum import store  # noqa: PLC0415
    from variorum.ingest import read_documents  # noqa: PLC0415
    from variorum.options import Options  # noqa: PLC0415

    docs = read_documents(args.paths, args.input_format)
    if args.index_command == "build":
        opts = Options(ngram=args.ngram or Options().ngram, jobs=args.jobs)
        built = store.build(args.output, docs, opts, semantic=args.semantic)
        stderr.write(
            f"variorum: indexed {built.documents} documents ({built.grams} n-grams"
            f"{', with vectors' if built.semantic else ''}) in {args.output}\n"
        )
    else:
        added = store.add(args.index, docs, args.jobs)
        total = store.stats(args.index).documents
        stderr.write(f"variorum: added {added} documents to {args.index} ({total} in all)\n")
