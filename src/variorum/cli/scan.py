"""`variorum scan PATH...`: every passage shared in a collection, here or on Spark."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from variorum.cli.options import (
    Progress,
    add_jobs,
    add_matching,
    add_output,
    options,
    output,
)

if TYPE_CHECKING:
    from variorum.errors import InputError
    from variorum.ingest import OnError
    from variorum.types import Document


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "scan", help="find all reuse in a collection",
        description="Find every passage shared between documents of a collection: files, "
        "folders (recursively), globs, JSON Lines corpora (id, text, other fields kept).",
    )  # fmt: skip
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, globs or .jsonl corpora"
    )
    add_jobs(p, None, "")
    p.add_argument(
        "--all-links", action="store_true",
        help="keep every link, also those explained by a stronger passage on the same text "
        "(by default each stretch keeps its best-matching partner)",
    )  # fmt: skip
    p.add_argument(
        "--clusters", action="store_true", default=False,
        help="also group the passages into reuse clusters (documents sharing a passage), "
        "with their earliest dated witness (JSON Lines field date) or a direction estimate",
    )  # fmt: skip
    p.add_argument(
        "--engine", choices=("local", "spark"), default="local",
        help="where the stages run: local processes (default) or Apache Spark (needs "
        "pip install 'variorum[spark]' and Java 17); the passages are the same",
    )  # fmt: skip
    p.add_argument(
        "--master", default=None, metavar="URL",
        help="the Spark master for --engine spark (default local[*]: every core here). "
        "With Spark, -o X.parquet writes Parquet and -o URL (hdfs://, s3a://, file://) with "
        "--format jsonl a folder of JSON Lines, both from the executors",
    )  # fmt: skip
    p.add_argument(
        "--stream", action="store_true",
        help="for collections larger than memory: keep the documents, their words and the "
        "n-gram index in a temporary folder on disk, not in memory (same passages, a little "
        "slower; local engine)",
    )  # fmt: skip
    p.add_argument(
        "--stream-dir", default=None, metavar="DIR",
        help="where --stream keeps its temporary folder (implies --stream; default: the "
        "system's temporary folder, TMPDIR)",
    )  # fmt: skip
    p.add_argument(
        "--on-error", choices=("fail", "skip"), default="fail",
        help="a document that cannot be read stops the scan (fail, default) "
        "or is skipped with a warning",
    )  # fmt: skip
    add_matching(p)
    add_output(p)


def _on_error(args: argparse.Namespace, stderr: TextIO) -> OnError:
    def skip(error: InputError) -> None:
        if args.on_error == "fail":
            raise error
        stderr.write(f"variorum: skipped {error}\n")

    return skip


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    from variorum.engine.local import scan  # noqa: PLC0415
    from variorum.ingest import read_documents  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415

    skip = _on_error(args, stderr)
    if args.engine == "spark":
        if args.stream or args.stream_dir is not None:
            from variorum.errors import OptionError  # noqa: PLC0415

            msg = "--stream is for the local engine (Spark keeps the collection itself)"
            raise OptionError(msg)
        _spark(args, skip, stderr)
        return
    result = scan(
        read_documents(args.paths, args.input_format, skip),
        options(args),
        Progress.of(args, stderr),
        stream=args.stream,
        stream_dir=args.stream_dir,
    )
    with output(args) as handle:
        write(result, args.format, handle)


def _spark(args: argparse.Namespace, skip: OnError, stderr: TextIO) -> None:
    from variorum.engine import spark  # noqa: PLC0415
    from variorum.ingest import read_documents  # noqa: PLC0415
    from variorum.ingest.spark import is_spark_input  # noqa: PLC0415
    from variorum.report import spark as spark_output  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415

    session = spark.session(args.master)
    sources: list[str] | list[Document]
    if args.input_format in ("auto", "jsonl") and all(map(is_spark_input, args.paths)):
        sources = list(args.paths)  # Spark reads them itself, from any path it reads
    else:
        sources = list(read_documents(args.paths, args.input_format, skip))
    path = args.output
    on_cluster = path and (
        path.lower().endswith(".parquet") or ("://" in path and args.format == "jsonl")
    )
    if on_cluster:
        spark_output.check_output(session, path)
    progress = Progress.of(args, stderr)
    result = spark.scan(sources, options(args), session, on_error=skip, progress=progress)
    if on_cluster:
        spark_output.save(result, path, session)  # by the executors
    else:
        with output(args) as handle:
            write(result, args.format, handle)
