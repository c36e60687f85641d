"""The exceptions variorum raises, as a small hierarchy.

    VariorumError
    ├── InputError      a document cannot be read: missing, binary, empty, undecodable
    ├── OptionError     an option value is out of range or options conflict
    └── OutputError     a result cannot be written

The command line turns each into a one-line message and a non-zero exit code;
library callers can catch the class they care about.
"""

from __future__ import annotations


class VariorumError(Exception):
    """Base class of every error variorum raises on purpose."""


class InputError(VariorumError):
    """A document could not be read; names the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class OptionError(VariorumError):
    """An option value is invalid, or two options conflict."""


class OutputError(VariorumError):
    """A result could not be written."""
