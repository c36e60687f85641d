"""Text: normalisation with offset maps, tokens, sentences and paragraphs."""

from variorum.text.normalize import Normalized, OffsetMap, normalize
from variorum.text.tokenize import Analysed, Tokens, analyse, paragraphs, sentences, tokenize

__all__ = [
    "Analysed",
    "Normalized",
    "OffsetMap",
    "Tokens",
    "analyse",
    "normalize",
    "paragraphs",
    "sentences",
    "tokenize",
]
