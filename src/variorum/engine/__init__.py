"""Engines: run the stages over a pair or a collection."""

from variorum.engine.local import scan
from variorum.engine.plan import compare
from variorum.types import Progress, Result

__all__ = ["Progress", "Result", "compare", "scan"]
