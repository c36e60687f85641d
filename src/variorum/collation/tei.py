"""A collation as TEI P5 parallel segmentation, and the witnesses' texts read back from it.

The text every witness shares is written as it is; each variant location is an `<app>`
with one `<rdg wit="#SIGLUM ...">` per distinct reading (an empty one where witnesses omit
what others read). Read in witness order, the shared text and a witness's readings are
its text exactly: `witness_texts` does that, and the tests check it on every witness.
Moves are listed after the text as `<listTranspose>`, each `<transpose>` pointing at the
two variant locations (by `xml:id`) where the moved passage stands.

Carriage returns are written as character references (an XML parser would turn them into
line feeds). Characters XML 1.0 cannot carry at all (most control characters, lone
surrogates) cannot be written: `OutputError` names the witness and the place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from variorum import __version__
from variorum.errors import InputError, OutputError
from variorum.ingest.books import parse_xml
from variorum.types import Collation

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str, where: str) -> str:
    bad = NOT_XML.search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        msg = f"{where}: character {code} cannot be written in XML (TEI); use --format json"
        raise OutputError(msg)
    return escape(value).replace("\r", "&#13;")


def tei(collation: Collation, group: str | None = None) -> Iterator[str]:
    """The TEI document, in pieces to write one after the other. With `group` (a name),
    the document is one of a corpus (see `tei_corpus`): no XML declaration, its `n` the
    group, and every identifier it declares prefixed with `GROUP.` (unique in the corpus)."""
    pre = f"{group}." if group is not None else ""
    if group is None:
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        yield f'<TEI xmlns="{TEI}">\n<teiHeader>\n<fileDesc>\n'
    else:
        yield f"<TEI n={quoteattr(group)}>\n<teiHeader>\n<fileDesc>\n"
    n = len(collation.witnesses)
    yield f"<titleStmt><title>Collation of {n} witnesses</title></titleStmt>\n"
    yield f"<publicationStmt><p>Made by variorum {escape(__version__)}.</p></publicationStmt>\n"
    yield "<sourceDesc><listWit>\n"
    for w in collation.witnesses:
        source = str(w.meta.get("source", w.id))
        yield f"<witness xml:id={quoteattr(pre + w.id)}>{_text(source, w.id)}</witness>\n"
    yield "</listWit></sourceDesc>\n</fileDesc>\n<encodingDesc>\n"
    yield '<variantEncoding method="parallel-segmentation" location="internal"/>\n'
    yield (
        f"<p>Collated by variorum against the base witness {escape(collation.base)}, "
        f"cells compared by normalisation {collation.normalisation!r}; every reading is "
        "the witness's text as it stands.</p>\n"
    )
    yield "</encodingDesc>\n</teiHeader>\n<text><body>\n<p>"
    ids: dict[int, list[str]] = {}
    for k, location in enumerate(collation.locations):
        where = f"{location.readings[0].spans[0].doc}:{location.readings[0].spans[0].start}"
        if not location.varies:
            yield _text(location.readings[0].text, where)
            continue
        name = f"{pre}app{k + 1}"
        for m in location.moves:
            ids.setdefault(m, []).append(name)
        mark = f' xml:id="{name}" type="transposition"' if location.moves else ""
        yield f"<app{mark}>"
        for r in location.readings:
            wit = quoteattr(" ".join(f"#{pre}{w}" for w in r.witnesses))
            body = _text(r.text, f"{r.spans[0].doc}:{r.spans[0].start}")
            yield f"<rdg wit={wit}>{body}</rdg>" if body else f"<rdg wit={wit}/>"
        yield "</app>"
    yield "</p>\n"
    if collation.moves:
        yield "<listTranspose>\n"
        for m, move in enumerate(collation.moves):
            targets = ids.get(m, [])
            ptrs = "".join(f'<ptr target="#{t}"/>' for t in targets)
            yield (
                f'<transpose xml:id="{pre}move{m + 1}" n="{move.words}">{ptrs}'
                f"<note>{_text(move.witness.doc, 'move')}: {move.words} words from "
                f"{move.base.doc} {move.base.start}-{move.base.end} to "
                f"{move.witness.start}-{move.witness.end}</note></transpose>\n"
            )
        yield "</listTranspose>\n"
    yield "</body></text>\n</TEI>\n"


def tei_corpus(groups: Sequence[tuple[str, Collation]]) -> Iterator[str]:
    """Several collations as one `<teiCorpus>`, each a `<TEI n="GROUP">` (see `tei`)."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<teiCorpus xmlns="{TEI}">\n<teiHeader>\n<fileDesc>\n'
    yield f"<titleStmt><title>{len(groups)} collations</title></titleStmt>\n"
    yield f"<publicationStmt><p>Made by variorum {escape(__version__)}.</p></publicationStmt>\n"
    yield "<sourceDesc><p>The files named in each collation.</p></sourceDesc>\n"
    yield "</fileDesc>\n</teiHeader>\n"
    for name, collation in groups:
        yield from tei(collation, name)
    yield "</teiCorpus>\n"


def witness_texts(source: str, document: str) -> dict[str, str]:
    """Each witness's text, read back from a TEI parallel-segmentation document (the
    first `<p>` of its body that holds the collation): shared text for all, each `<rdg>`
    for the witnesses it names. `source` names the file in errors."""
    return _texts(parse_xml(document.encode("utf-8"), source), source, "")


def corpus_texts(source: str, document: str) -> dict[str, dict[str, str]]:
    """Each collation's witnesses' texts (by group, then siglum), read back from a
    `<teiCorpus>` written by `tei_corpus`."""
    root = parse_xml(document.encode("utf-8"), source)
    out = {}
    for el in root.findall(f"{{{TEI}}}TEI"):
        group = el.get("n", "")
        out[group] = _texts(el, source, f"{group}.")
    return out


def _texts(root: ET.Element, source: str, prefix: str) -> dict[str, str]:
    sigla = [w.get(f"{{{XML}}}id", "") for w in root.iter(f"{{{TEI}}}witness")]
    body = root.find(f".//{{{TEI}}}body/{{{TEI}}}p")
    if body is None or not sigla:
        raise InputError(source, "no witness list or no text: not a TEI collation")
    parts: dict[str, list[str]] = {s: [body.text or ""] for s in sigla}
    for app in body:
        for rdg in app.iter(f"{{{TEI}}}rdg"):
            for w in (rdg.get("wit") or "").split():
                if w.lstrip("#") in parts:
                    parts[w.lstrip("#")].append("".join(rdg.itertext()))
        for s in sigla:
            parts[s].append(app.tail or "")
    return {s.removeprefix(prefix): "".join(p) for s, p in parts.items()}
