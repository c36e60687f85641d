"""Bytes to text: byte-order marks, UTF-8, UTF-16 without BOM, legacy encodings, binary refusal."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from variorum.errors import InputError

# Signatures of common binary formats that may carry no NUL byte near their start.
_MAGIC = {
    b"%PDF-": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or DOCX/ODT/EPUB)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"SQLite format 3": "an SQLite database",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LEGACY = {
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r",
    "iso8859_5", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1257", "mac_roman",
    "shift_jis", "euc_jp", "gb2312", "gb18030", "big5", "euc_kr", "cp949",
}  # fmt: skip
_SAMPLE = 1 << 16
_CONTROL_SHARE = 0.10
_ACCENTED_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = max(1, len(head) // 2)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _western(data: bytes) -> bool:
    """Whether bytes read as cp1252 look like a Western European language.

    Such text is mostly ASCII letters with an accented one now and then; text in another
    script read as cp1252 turns into runs of accented letters.
    """
    try:
        text = data[: 4 * _SAMPLE].decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in text if ord(ch) > 0x7F and ch.isalpha())
    return accented <= _ACCENTED_SHARE * max(letters, 1)


def _legacy_encoding(data: bytes) -> str:
    if _western(data):
        return "cp1252"
    from charset_normalizer import from_bytes  # noqa: PLC0415  (heavy; only for non-UTF-8 input)

    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is not None and best.encoding in _LEGACY:
        return str(best.encoding)
    return "cp1252"


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode a file's bytes, or raise InputError naming `source` and the reason."""
    if not data.strip():
        raise InputError(source, "empty document")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    source, f"invalid {name} after its byte-order mark: {exc}"
                ) from exc
    head = data[:_SAMPLE]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(source, f"binary file ({what}), not text")
    if b"\x00" in head:
        name16 = _utf16_without_bom(head)
        if name16 is None:
            raise InputError(source, "binary file (contains NUL bytes), not text")
        try:
            return _checked(Decoded(data.decode(name16), name16), source)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"binary file, not text ({exc.reason})") from exc
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), source)
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    high = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
    if high >= 20 * replaced:
        # Valid UTF-8 with a few broken bytes: keep it UTF-8, mark the damage.
        return _checked(Decoded(lenient, "utf-8", replaced=replaced), source)
    name = _legacy_encoding(data)
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        name, text = "latin-1", data.decode("latin-1")
    return _checked(Decoded(text, name), source)


def _checked(decoded: Decoded, source: str) -> Decoded:
    sample = decoded.text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    if controls > _CONTROL_SHARE * len(sample):
        raise InputError(source, "binary file (mostly control characters), not text")
    if not decoded.text.strip():
        raise InputError(source, "empty document")
    return decoded
