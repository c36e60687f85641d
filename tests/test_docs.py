"""Docs kept honest: every command and every option is documented."""

from __future__ import annotations

import argparse

from tests.conftest import ROOT
from variorum.cli import build_parser

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_and_option_is_in_docs_cli() -> None:
    for name, parser in commands().items():
        assert f"## variorum {name}" in CLI_DOC, name
        for action in parser._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert f"`{flag}" in CLI_DOC, f"{name} {flag}"


def test_readme_opens_with_setup_demo_and_tests() -> None:
    first_commands = [line for line in README.splitlines() if line.startswith("make ")][:2]
    assert first_commands == ["make demo", "make test"]
