"""Docs kept honest: every command, subcommand, option and record type is documented,
and every documented record type is one variorum writes and `report` reads back."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from variorum.cli import build_parser, main
from variorum.report.load import load_results

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
FORMAT_DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(
    parser: argparse.ArgumentParser, prefix: str = "variorum"
) -> dict[str, argparse.ArgumentParser]:
    """Every command and subcommand by its full name ("variorum index build")."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[f"{prefix} {name}"] = sub
                found.update(_commands(sub, f"{prefix} {name}"))
    return found


COMMANDS = _commands(build_parser())
# The record types of docs/format.md: its `## \`type\`` headings.
RECORD_TYPES = re.findall(r"^## `(\w+)`", FORMAT_DOC, flags=re.MULTILINE)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_in_docs_cli(name: str) -> None:
    top = " ".join(name.split()[:2])
    assert f"## {top}" in CLI_DOC, top
    assert f"{name} " in CLI_DOC, f"no usage line for {name}"
    for action in COMMANDS[name]._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in CLI_DOC, f"{name} {flag}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*name.split()[1:], "--help"])
    assert exit_.value.code == 0
    assert f"usage: {name}" in capsys.readouterr().out


def test_the_record_types_are_the_documented_ones() -> None:
    assert set(RECORD_TYPES) == {"run", "passage", "repetition", "document", "cluster", "quotation"}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scan of the examples with every kind of record: passages, repetitions, clusters,
    quotations and documents."""
    folder = tmp_path_factory.mktemp("docs")
    refrain = (
        "The keeper of the lighthouse climbed the hundred and twelve steps every evening "
        "at dusk, trimmed the wick, wound the clockwork and watched the lamp turn. "
    )
    (folder / "refrain.txt").write_text(
        refrain + "Nothing else happened that week on the island. " + refrain, encoding="utf-8"
    )
    out = folder / "scan.jsonl"
    paths = [str(EXAMPLES), str(folder / "refrain.txt")]
    args = ["scan", *paths, "--clusters", "--quotes", "--format", "jsonl", "-o", str(out)]
    assert main(args) == 0
    return out


@pytest.mark.parametrize("kind", RECORD_TYPES)
def test_each_documented_record_is_written_with_its_documented_fields(
    kind: str, written: Path
) -> None:
    records = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    mine = [r for r in records if r["type"] == kind]
    assert mine, kind
    section = FORMAT_DOC.split(f"## `{kind}`", 1)[1].split("\n## ", 1)[0]
    # The fields of its table, else those of its example.
    documented = set(re.findall(r"^\| `(\w+)`", section, flags=re.MULTILINE))
    if not documented and "```json" in section:
        documented = set(re.findall(r'"(\w+)":', section.split("```json", 1)[1].split("```")[0]))
    for record in mine:
        assert documented <= set(record) | {"languages", "type"}, kind
    # And `variorum report` reads every one of them back.
    assert kind in {r["type"] for r in load_results(written)[0]}


def test_readme_opens_with_setup_demo_and_tests() -> None:
    first_commands = [line for line in README.splitlines() if line.startswith("make ")][:2]
    assert first_commands == ["make demo", "make test"]
