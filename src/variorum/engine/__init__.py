"""Engines: run the stages over a pair or a collection."""

from variorum.engine.local import Progress, Result, compare, scan

__all__ = ["Progress", "Result", "compare", "scan"]
