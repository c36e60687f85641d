"""Bytes to text: encodings are detected, binary and empty input refused with the file named."""

from __future__ import annotations

import codecs

import pytest

from variorum.errors import InputError
from variorum.ingest.decode import decode_bytes

TEXT = "Le café “naïf” – déjà vu… Straße"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_cp1252_is_detected() -> None:
    data = ("Le café “naïf” est déjà là, à côté de l’église. " * 5).encode("cp1252")
    decoded = decode_bytes(data, "x.txt")
    assert "café “naïf”" in decoded.text
    assert decoded.encoding in {"cp1252", "latin_1", "iso8859_15"}


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    data = ("Ceci est évidemment du français. " * 40).encode("utf-8") + b"\xff fin."
    decoded = decode_bytes(data, "x.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 1
    assert "évidemment" in decoded.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + b"abc", "binary"),
    ],
)
def test_bad_input_is_refused_with_the_source_named(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data, "some/file.txt")
    assert err.value.source == "some/file.txt"
    assert reason in str(err.value)


def test_cyrillic_cp1251_is_not_read_as_western() -> None:
    data = ("Товарищи, это текст на русском языке, написанный давно. " * 8).encode("cp1251")
    decoded = decode_bytes(data, "x.txt")
    assert "русском" in decoded.text
