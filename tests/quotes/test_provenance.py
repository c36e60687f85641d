"""Quotations traced across versions: linked, citation carried over, drift flagged."""

from __future__ import annotations

from variorum.engine.plan import trace
from variorum.types import Document

ORIGINAL = (
    "The flood of that spring is still remembered in the valley. The mayor, who had lost "
    "his own mill, wrote to the governor in April and described the state of the town.\n\n"
    "`The water came in the night and took the bridge, the mill and half of the market. "
    "We have no bread for more than a week, and the roads to the north are closed.'\n\n\n"
    "Marsh,  Letters from the Valley, p. 41.\n\n"
    "The governor did not answer the letter until the summer, when the roads opened again "
    "and the first carts of grain arrived from the coast.\n"
)
VERSION = (
    "A note on this edition: the letters are quoted from the town archive.\n\n"
    "The flood of that spring is still remembered in the valley. The mayor, who had lost "
    "his own mill, wrote to the governor in April and described the state of the town: "
    "“The water came at night and carried away the bridge, the mill and half the market. "
    "We have no bread for more than a week, and the northern roads are closed.”\n\n"
    "The governor did not answer the letter until the summer, when the roads opened again "
    "and the first carts of grain arrived from the coast.\n"
)


def test_a_citation_is_carried_to_the_version_that_lacks_it() -> None:
    original, version = Document("1921.txt", ORIGINAL), Document("2019.txt", VERSION)
    quotes = {q.doc: q for q in trace([original, version]) if q.kind == "quotation"}
    source, copy = quotes["1921.txt"], quotes["2019.txt"]
    assert source.citation is not None
    assert (source.citation["author"], source.citation["title"], source.citation["pages"]) == (
        "Marsh", "Letters from the Valley", "41",
    )  # fmt: skip
    assert copy.citation is not None
    assert copy.citation["title"] == "Letters from the Valley"
    assert copy.citation["carried"] is True
    assert copy.citation_from is not None
    assert ORIGINAL[copy.citation_from.start : copy.citation_from.end].startswith("Marsh,")
    assert [(s.doc, s.start) for s in copy.sources] == [("1921.txt", source.start)]
    assert "carried" in copy.flags
    assert "drift" in copy.flags
    changed = {(VERSION[e.b[0] : e.b[1]]) for e in copy.drift}
    assert "northern" in changed
    assert "unsourced" not in copy.flags


def test_a_quotation_alone_is_unsourced() -> None:
    doc = Document(
        "a.txt",
        "He said: “We have no bread for more than a week, and the roads are closed.” Then he left.",
    )
    (q,) = [q for q in trace([doc]) if q.kind == "quotation"]
    assert q.flags == ("unsourced",)
    assert q.speaker is None or q.speaker == "He"


def test_compare_and_scan_carry_quotation_records() -> None:
    from variorum import Options, compare, scan  # noqa: PLC0415
    from variorum.report.records import records  # noqa: PLC0415

    original, version = Document("1921.txt", ORIGINAL), Document("2019.txt", VERSION)
    result = compare(original, version)
    kinds = [r["type"] for r in records(result)]
    assert kinds.count("quotation") == 2
    carried = [q for q in result.quotations if q.citation_from is not None]
    assert [q.doc for q in carried] == ["2019.txt"]
    assert compare(original, version, Options(quotes=False)).quotations == ()
    assert scan([original, version]).quotations == ()
    assert len(scan([original, version], Options(quotes=True, min_words=10)).quotations) == 2
