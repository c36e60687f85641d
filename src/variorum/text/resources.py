"""Compiled patterns and tables shared by the text stage."""

from __future__ import annotations

import re

# A stretch normalisation may change: a run of non-ASCII characters (with the letter
# before it when the run opens with a combining mark, so that they compose), LaTeX quotes,
# or a word hyphenated across a line end.
SPECIAL = re.compile(
    r"(?P<hyphen>(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_]))"
    r"|(?P<latex>``|''|`)"
    r"|(?P<wide>(?:[^\W\d_](?=[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]))?"
    r"[^\x00-\x7f]+)",
)

# Words: letters and digits, with inner apostrophes ("Naomi's", "l'Évangile" split at the
# apostrophe only when the next letter is capital is not attempted: one token).
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

# Boundaries between tokens, by strength: 3 paragraph, 2 sentence, 1 clause or line. A
# line ends in \n, \r\n, \r (an old Macintosh file) or \r\r\n (a Windows file
# converted twice), as text/layout.py's BREAK, each whole (an atomic group: the \r of
# \r\n is no line end of its own); a blank line holds spaces alone.
# A full stop ends no sentence after a title ("Mr. Darcy", "M. Dupont"), an initial
# ("J. R. Smith"; not "I"), "i.e." or "e.g.", or inside a word ("U.S.A.", "3.5").
_TITLES = "Mr Mrs Ms Messrs Dr St Mme Mlle Mdlle Rev Capt Col Gen Lt Prof Hon Hr Fr viz cf vs"
_NOT_AN_END = "".join(rf"(?<!\b{t}\.)" for t in (*_TITLES.split(), "[A-HJ-Z]", r"e\.g", r"i\.e"))
BOUNDARY = re.compile(
    r"(?P<para>(?>\r\r?\n|\r|\n)[ \t\f\v]*(?>\r\r?\n|\r|\n))"
    rf"|(?P<sent>\.{_NOT_AN_END}(?![^\W_])|[!?\u3002\uff01\uff1f])"
    r"|(?P<clause>[;:\n\r])"
)
PARAGRAPH, SENTENCE, CLAUSE = 3, 2, 1

# Trailing punctuation that belongs to the word before it (closing quotes, stops, brackets).
TRAILING = re.compile(r"[^\s\w\(\[\{\u00ab\u201c\u2018\u201e]*")

QUOTES_DASHES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u02bc": "'", "\u00b4": "'", "\uff07": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2e3a": "-", "\u2e3b": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
        "\ufeff": None,
    }
)  # fmt: skip
