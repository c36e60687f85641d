"""Text from TEI P5, EPUB and PDF files; offsets are into the text extracted here.

- **TEI**: the text of `<text>` (front, body, back), its blocks (paragraphs, heads,
  verse lines, speeches, divisions) separated by blank lines, `<lb/>` a line break.
  `<teiHeader>` is left out; so are notes (`<note>`, kept in the document's metadata as
  `notes`) and an apparatus's other readings (`<app>` reads as its `<lem>`, else its first
  `<rdg>`; the others are kept as `readings`). Entity declarations are refused (an XML
  bomb expands them), as is an XML file that is not TEI.
- **EPUB**: the documents of the spine, in reading order (from the package file named by
  `META-INF/container.xml`), each read as HTML, separated by blank lines.
- **PDF**: the text of each page (pypdf, `pip install 'variorum[pdf]'`), pages separated by
  blank lines.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from variorum.errors import InputError
from variorum.ingest.html import blocks, html_to_text

TEI_NS = "http://www.tei-c.org/ns/1.0"
_BLOCKS = frozenset(
    {"p", "head", "l", "lg", "ab", "div", "sp", "speaker", "item", "list", "quote", "table",
     "row", "cell", "opener", "closer", "trailer", "byline", "docTitle", "titlePart", "stage"}
)  # fmt: skip
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n]+")


def parse_xml(data: bytes, source: str) -> ET.Element:
    """An XML document's root; InputError where it declares entities or is not XML."""
    if _ENTITY.search(data):
        raise InputError(
            source, "XML with entity declarations is refused (they can expand without end)"
        )
    try:
        return ET.fromstring(data)  # no entity declarations: see above
    except ET.ParseError as exc:
        raise InputError(source, f"not well-formed XML ({exc})") from exc


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def tei_to_text(data: bytes, source: str) -> tuple[str, dict[str, object]]:
    """The text of a TEI document, and what was left out of it (notes, other readings)."""
    root = parse_xml(data, source)
    if _local(root.tag) not in ("TEI", "teiCorpus"):
        raise InputError(source, f"XML whose root is <{_local(root.tag)}>, not a TEI document")
    texts = [e for e in root.iter() if _local(e.tag) == "text"]
    if not texts:
        raise InputError(source, "a TEI document without <text>")
    parts: list[str] = []
    notes: list[str] = []
    readings: list[str] = []

    def walk(e: ET.Element) -> None:
        name = _local(e.tag)
        if name == "teiHeader":
            return
        if name == "note":
            notes.append(_SPACES.sub(" ", "".join(e.itertext())).strip())
            parts.append(_tail(e))
            return
        if name == "app":
            kept = next((c for c in e if _local(c.tag) == "lem"), None)
            kept = (
                kept if kept is not None else next((c for c in e if _local(c.tag) == "rdg"), None)
            )
            for c in e:
                if c is not kept and _local(c.tag) in ("rdg", "lem"):
                    readings.append(_SPACES.sub(" ", "".join(c.itertext())).strip())
            if kept is not None:
                parts.append(_SPACES.sub(" ", kept.text or ""))
                for c in kept:
                    walk(c)
            parts.append(_tail(e))
            return
        block = name in _BLOCKS
        if block:
            parts.append("\n\n")
        if name == "lb":
            parts.append("\n")
        parts.append(_SPACES.sub(" ", e.text or ""))
        for c in e:
            walk(c)
        if block:
            parts.append("\n\n")
        parts.append(_tail(e))

    for t in texts[:1] if _local(root.tag) == "TEI" else texts:
        walk(t)
        parts.append("\n\n")
    text = blocks("".join(parts))
    meta: dict[str, object] = {}
    if notes:
        meta["notes"] = notes
    if readings:
        meta["readings"] = readings
    return text, meta


def _tail(e: ET.Element) -> str:
    return _SPACES.sub(" ", e.tail or "")


def epub_to_text(data: bytes, source: str) -> tuple[str, dict[str, object]]:
    """The text of an EPUB's spine documents, in reading order."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        container = parse_xml(book.read("META-INF/container.xml"), source)
        rootfile = next(e for e in container.iter() if _local(e.tag) == "rootfile")
        opf_path = rootfile.get("full-path", "")
        opf = parse_xml(book.read(opf_path), source)
        items = {e.get("id"): e.get("href", "") for e in opf.iter() if _local(e.tag) == "item"}
        spine = [e.get("idref") for e in opf.iter() if _local(e.tag) == "itemref"]
        folder = posixpath.dirname(opf_path)
        texts: list[str] = []
        title = next((e.text for e in opf.iter() if _local(e.tag) == "title" and e.text), None)
        for ref in spine:
            href = items.get(ref)
            if not href:
                continue
            name = posixpath.normpath(posixpath.join(folder, href))
            markup = book.read(name).decode("utf-8", errors="replace")
            text, _ = html_to_text(markup)
            if text:
                texts.append(text)
    except (zipfile.BadZipFile, KeyError, StopIteration, OSError) as exc:
        raise InputError(source, f"not a readable EPUB ({exc.__class__.__name__}: {exc})") from exc
    meta: dict[str, object] = {"title": title} if title else {}
    return "\n\n".join(texts), meta


def pdf_to_text(data: bytes, source: str) -> tuple[str, dict[str, object]]:
    """The text of a PDF's pages, in order (needs pypdf)."""
    try:
        from pypdf import PdfReader  # noqa: PLC0415
        from pypdf.errors import PdfReadError  # noqa: PLC0415
    except ImportError as exc:
        raise InputError(source, "reading PDF needs pypdf: pip install 'variorum[pdf]'") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(source, f"not a readable PDF ({exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    return text, {"pages": len(pages)}
