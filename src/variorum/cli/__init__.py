"""The command line: one module per command, the shared option groups in `options`.

Each command module has `add(sub)`, which declares its parser, and `run(args, stderr)`,
which does the work (importing what it needs only then, so that `--help` stays fast).
`main` parses, dispatches by the table below, and turns errors into messages and exit
codes.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import ModuleType

from variorum import __version__
from variorum.cli import collate, compare, index, query, quotes, report, scan, serve

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# The commands, in the order `variorum --help` lists them.
COMMANDS: dict[str, ModuleType] = {
    "compare": compare,
    "scan": scan,
    "quotes": quotes,
    "collate": collate,
    "serve": serve,
    "index": index,
    "query": query,
    "report": report,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="variorum",
        description="Find where texts repeat each other and align the shared passages "
        "down to the word.",
        epilog="Run 'variorum COMMAND --help' for the options of a command. Documentation: docs/.",
    )
    parser.add_argument("--version", action="version", version=f"variorum {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS.values():
        command.add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from variorum.errors import VariorumError  # noqa: PLC0415

    # SIGTERM unwinds as Ctrl-C does, so that temporary files and folders go.
    previous = (
        signal.signal(signal.SIGTERM, _terminated)
        if threading.current_thread() is threading.main_thread()
        else None
    )
    try:
        COMMANDS[args.command].run(args, sys.stderr)
    except VariorumError as exc:
        sys.stderr.write(f"variorum: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("variorum: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
