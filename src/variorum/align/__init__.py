"""Align: from seed matches to maximal passages, aligned down to the word."""

from variorum.align.pair import align_pair, align_self

__all__ = ["align_pair", "align_self"]
