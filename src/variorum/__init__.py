"""variorum: find where texts repeat each other and align the shared passages to the word.

The names below are imported on first use, so that `variorum --help` and light imports
stay fast (numpy and the aligner load only when work starts).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from variorum.collation import collate
    from variorum.engine.local import scan
    from variorum.engine.plan import compare
    from variorum.errors import InputError, OptionError, OutputError, VariorumError
    from variorum.ingest import read_document, read_documents, text_document
    from variorum.options import Options
    from variorum.types import Collation, Document, Edit, Passage, Result, Segment, Span

_WHERE = {
    "Result": "variorum.types",
    "collate": "variorum.collation",
    "Collation": "variorum.types",
    "compare": "variorum.engine.plan",
    "scan": "variorum.engine.local",
    "InputError": "variorum.errors",
    "OptionError": "variorum.errors",
    "OutputError": "variorum.errors",
    "VariorumError": "variorum.errors",
    "read_document": "variorum.ingest",
    "read_documents": "variorum.ingest",
    "text_document": "variorum.ingest",
    "Options": "variorum.options",
    "Document": "variorum.types",
    "Edit": "variorum.types",
    "Passage": "variorum.types",
    "Segment": "variorum.types",
    "Span": "variorum.types",
}

__all__ = [
    "Collation",
    "Document",
    "Edit",
    "InputError",
    "OptionError",
    "Options",
    "OutputError",
    "Passage",
    "Result",
    "Segment",
    "Span",
    "VariorumError",
    "__version__",
    "collate",
    "compare",
    "read_document",
    "read_documents",
    "scan",
    "text_document",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    msg = f"module 'variorum' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(__all__)
