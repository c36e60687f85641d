"""The option groups that several commands share, declared once, and what they give."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from variorum.options import Options

FORMATS = ("text", "jsonl", "json", "csv", "html")
INPUT_FORMATS = ("auto", "text", "html", "markdown", "jsonl")
# The matching flags that map one to one onto Options fields.
_ENGINE_FLAGS = (
    "min_words", "min_evidence", "ngram", "seed", "max_df", "min_shared", "max_gap",
    "merge_gap", "jobs", "similarity", "semantic", "quotes",
)  # fmt: skip


def add_output(p: argparse.ArgumentParser) -> None:
    """--format and -o: what to write, and where."""
    out = p.add_argument_group("output")
    out.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text summary)"
    )
    add_output_file(out)


def add_output_file(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE",
        help="write to FILE (atomically) instead of standard output ('-': standard output)",
    )  # fmt: skip


def add_input(p: argparse.ArgumentParser) -> None:
    """--input-format: how to read the inputs."""
    p.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="how to read inputs (default: by file suffix)",
    )


def add_jobs(p: argparse.ArgumentParser, default: int | None, what: str) -> None:
    """--jobs: worker processes."""
    p.add_argument(
        "--jobs", type=int, default=default, metavar="N",
        help=f"worker processes{what} (default: 0, one per core); the output does not "
        "depend on it",
    )  # fmt: skip


def add_matching(p: argparse.ArgumentParser) -> None:
    """The matching options (each one an Options field), --input-format and --progress."""
    d = Options()
    eng = p.add_argument_group("matching")

    def number(flag: str, kind: type, metavar: str, text: str) -> None:
        default = getattr(d, flag[2:].replace("-", "_"))
        shown = "10 for compare, 20 for scan" if default is None else default
        eng.add_argument(
            flag, type=kind, default=None, metavar=metavar, help=f"{text} (default: {shown})"
        )

    number("--min-words", int, "N", "words a passage spans on each side")
    number(
        "--min-evidence",
        float,
        "X",
        "share of a passage's information (rare words weigh more) in matching words",
    )
    number("--ngram", int, "N", "n-gram length of the candidate index")
    number("--seed", int, "K", "k-gram length of seed matches in a pair")
    number("--max-df", int, "N", "ignore n-grams found in more than N documents")
    number(
        "--min-shared",
        float,
        "X",
        "shared n-grams a pair needs to be aligned, each counted 1/(documents holding it - 1)",
    )
    number("--max-gap", int, "N", "unmatched words bridged inside a chain")
    number("--merge-gap", int, "N", "unmatched words bridged between chains")
    number(
        "--similarity",
        float,
        "X",
        "sentence similarity above which two sentences say the same thing",
    )
    eng.add_argument(
        "--semantic", action=argparse.BooleanOptionalAction, default=None,
        help="also align sentences by meaning: paraphrase, re-translation, translation "
        "(default: on for compare, and for a scan of up to 2 million words)",
    )  # fmt: skip
    eng.add_argument(
        "--repetitions", action=argparse.BooleanOptionalAction, default=True,
        help="also report text repeated inside one document (default: on)",
    )  # fmt: skip
    eng.add_argument(
        "--formulas", action=argparse.BooleanOptionalAction, default=False,
        help="also report formulas told of other people or numbers (\"Asa slept with his "
        "fathers\" against \"Jehoshaphat slept with his fathers\"), and the turns of "
        "phrase two documents of one idiom share (default: off)",
    )  # fmt: skip
    eng.add_argument(
        "--quotes", action=argparse.BooleanOptionalAction, default=None,
        help="also list the documents' quotations, linked through the passages found, "
        "citations carried over (default: on for compare, off for scan)",
    )  # fmt: skip
    add_input(p)
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress on stderr (default: on a terminal)",
    )


def options(args: argparse.Namespace) -> Options:
    """Options from the flags the user gave; the rest keep the library's defaults."""
    given = {
        name: getattr(args, name) for name in _ENGINE_FLAGS if getattr(args, name, None) is not None
    }
    return Options(
        repetitions=args.repetitions,
        formulas=args.formulas,
        all_links=getattr(args, "all_links", False),
        clusters=getattr(args, "clusters", False),
        **given,
    )


class Progress:
    """Progress lines on stderr: rewritten in place on a terminal, sparse otherwise."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.tty = stream.isatty()
        self.last = 0.0
        self.t0 = time.perf_counter()

    @classmethod
    def of(cls, args: argparse.Namespace, stream: TextIO) -> Progress:
        """As --progress asks (by default: on a terminal)."""
        return cls(stream, stream.isatty() if args.progress is None else args.progress)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        final = done == total
        if not final and now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        count = f"{done}/{total}" if total else f"{done}"
        line = f"variorum: {stage} {count} ({now - self.t0:.1f} s)"
        if self.tty:
            self.stream.write(f"\r\033[K{line}" + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


@contextmanager
def output(args: argparse.Namespace) -> Iterator[TextIO]:
    """The stream -o names, written atomically (whole or not at all), else (no -o, or
    "-o -") standard output."""
    if not args.output or args.output == "-":
        yield sys.stdout
        return
    from variorum.report.writers import atomic  # noqa: PLC0415

    with atomic(args.output) as handle:
        yield handle
