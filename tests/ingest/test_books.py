"""TEI, EPUB and PDF read into Documents: the text, what is left out, and refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from variorum.collation import collate
from variorum.collation.tei import tei
from variorum.errors import InputError
from variorum.ingest import read_document, read_documents
from variorum.types import Document

TEI_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Header title, left out</title></titleStmt>
  </fileDesc></teiHeader>
  <text><body>
    <head>The Lighthouse</head>
    <p>The keeper climbed the
       stairs<note>A later hand adds: ninety-nine.</note> every evening.</p>
    <p>He trimmed the <app><lem>wick</lem><rdg wit="#B">lamp</rdg></app> and
       wound the clock.<lb/>Then he slept.</p>
  </body></text>
</TEI>
"""


def test_tei_body_text_with_notes_and_readings_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "light.xml"
    path.write_text(TEI_DOC, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == (
        "The Lighthouse\n\nThe keeper climbed the stairs every evening.\n\n"
        "He trimmed the wick and wound the clock.\nThen he slept."
    )
    assert doc.meta["notes"] == ["A later hand adds: ninety-nine."]
    assert doc.meta["readings"] == ["lamp"]
    assert doc.meta["format"] == "tei"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<html><body>x</body></html>", "not a TEI document"),
        ("<TEI><text><p>unclosed</text></TEI>", "not well-formed XML"),
        (
            '<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<TEI><text><p>&b;</p></text></TEI>",
            "entity declarations is refused",
        ),
        ("<TEI><teiHeader/></TEI>", "without <text>"),
        ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body/></text></TEI>', "empty document"),
    ],
)
def test_bad_tei_is_refused_by_name(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as error:
        read_document(path)
    assert error.value.source == str(path)


def test_a_collation_read_back_as_tei_is_the_base_text(tmp_path: Path) -> None:
    docs = [Document("A", "One two three four five."), Document("B", "One two 3 four six.")]
    path = tmp_path / "c.xml"
    path.write_text("".join(tei(collate(docs))), encoding="utf-8")
    assert read_document(path).text == "One two three four five."


def _epub(path: Path, chapters: list[str]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{k}" href="c{k}.xhtml" media-type="application/xhtml+xml"/>'
            for k in range(len(chapters))
        )
        # The spine lists the chapters in reverse of the manifest: the spine decides.
        spine = "".join(f'<itemref idref="c{k}"/>' for k in reversed(range(len(chapters))))
        z.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A Book</dc:title>'
            f"</metadata><manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for k, text in enumerate(chapters):
            z.writestr(f"OEBPS/c{k}.xhtml", f"<html><body><p>{text}</p></body></html>")


def test_epub_text_in_spine_order(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    _epub(path, ["Second chapter here.", "First chapter here."])
    doc = read_document(path)
    assert doc.text == "First chapter here.\n\nSecond chapter here."
    assert doc.meta["title"] == "A Book"
    broken = tmp_path / "broken.epub"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a readable EPUB"):
        read_document(broken)


def _pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF showing `lines` (ASCII), with a correct cross-reference table."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({t}) Tj T*" for t in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("ascii")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path.write_bytes(out)


def test_pdf_text(tmp_path: Path) -> None:
    path = tmp_path / "p.pdf"
    _pdf(path, ["The keeper climbed the stairs", "every evening at dusk."])
    doc = read_document(path)
    assert "The keeper climbed the stairs" in doc.text
    assert "every evening at dusk." in doc.text
    assert doc.meta["pages"] == 1
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    with pytest.raises(InputError, match="not a readable PDF"):
        read_document(bad)


def test_compare_and_folders_read_the_new_formats(tmp_path: Path) -> None:
    text = (
        "The keeper climbed the hundred and twelve steps every evening at dusk and wound the clock"
    )
    (tmp_path / "a.xml").write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{text}.</p></body></text></TEI>',
        encoding="utf-8",
    )
    _epub(tmp_path / "b.epub", [f"Copied: {text}!"])
    assert sorted(Path(d.id).name for d in read_documents([str(tmp_path)])) == ["a.xml", "b.epub"]
    done = run_cli(
        "compare", str(tmp_path / "a.xml"), str(tmp_path / "b.epub"), "--format", "jsonl"
    )
    assert done.returncode == 0, done.stderr
    assert '"type":"passage"' in done.stdout
