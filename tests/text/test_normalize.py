"""Matching-side normalisation: a table of awkward cases, and the offset map's promises."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from variorum.text import normalize

CASES = [
    ("Hello World", "hello world"),
    ("“Curly” ‘quotes’ „low“ «guillemets»", '"curly" \'quotes\' "low" "guillemets"'),
    ("en–dash em—dash minus−", "en-dash em-dash minus-"),
    ("wait… what", "wait... what"),
    ("non\u00a0breaking\u202fspaces", "non breaking spaces"),
    ("``LaTeX'' and `single'", "\"latex\" and 'single'"),
    ("régime naïve Œuvre", "regime naive œuvre"),
    ("e\u0301te\u0301", "ete"),
    ("ﬁne ﬂour", "fine flour"),
    ("Straße", "strasse"),
    ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
    ("hyphen-\nated and line-\r\n  broken", "hyphenated and linebroken"),
    ("keep - spaced and well-known", "keep - spaced and well-known"),
    ("ＦＵＬＬ ｗｉｄｔｈ", "full width"),
    ("Сказалъ Богъ: да будетъ свѣтъ", "сказал бог: да будет свет"),
    ("Царствіе, Ѳома, подъѣздъ", "царствие, фома, подъезд"),
    ("ſo ſaith", "so saith"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalisation_table(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_offsets_of_a_changed_stretch_cover_it() -> None:
    raw = "a ﬁne… end"
    norm = normalize(raw)
    start = norm.text.index("fine")
    s = int(norm.offsets.starts(np.array([start]))[0])
    e = int(norm.offsets.ends(np.array([start + 4]))[0])
    assert raw[s:e] == "ﬁne"


@given(st.text(max_size=300))
def test_offsets_stay_in_bounds_and_in_order(raw: str) -> None:
    norm = normalize(raw)
    positions = np.arange(len(norm.text) + 1, dtype=np.int64)
    starts = norm.offsets.starts(positions)
    ends = norm.offsets.ends(positions)
    assert starts.min(initial=0) >= 0
    assert ends.max(initial=0) <= len(raw)
    assert bool(np.all(np.diff(starts) >= 0))
    assert bool(np.all(np.diff(ends) >= 0))
    assert bool(np.all(starts <= ends))
    if norm.text:
        assert int(ends[-1]) == len(raw)
