"""compare and scan over real and written texts, through the library API."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import edit, plant, sentence_words, vocabulary
from variorum import Document, InputError, OptionError, Options, compare, scan

VOCAB = vocabulary(random.Random(1))


def test_compare_the_examples() -> None:
    result = compare(EXAMPLES / "article.txt", EXAMPLES / "reprint.txt")
    shared = [p for p in result.passages if not p.is_repetition]
    assert len(shared) == 1
    p = shared[0]
    assert p.kind == "edited"
    article = result.documents[0].text
    assert "The long-promised bridge" in article[p.a.start : p.a.end][:120]
    ops = {(e.op, article[e.a[0] : e.a[1]]) for e in p.edits}
    assert ("replace", "persons") in ops


def test_scan_links_the_reprint_and_not_the_unrelated_text() -> None:
    result = scan([EXAMPLES])
    docs = {Path(d.id).name for d in result.documents}
    assert docs == {"article.txt", "reprint.txt", "unrelated.txt"}
    pairs = {(Path(p.a.doc).name, Path(p.b.doc).name) for p in result.passages}
    assert pairs == {("article.txt", "reprint.txt")}


def corpus(rng: random.Random) -> tuple[list[Document], list[str]]:
    """Six documents: a source, two edited copies of part of it, three unrelated."""
    source = sentence_words(rng, VOCAB, 400)
    passage = source[100:180]
    docs = [Document("source", " ".join(source))]
    for name in ("copy1", "copy2"):
        body = sentence_words(rng, VOCAB, 150) + edit(rng, passage, VOCAB, 0.05)
        docs.append(Document(name, " ".join(body + sentence_words(rng, VOCAB, 100))))
    docs += [Document(f"other{k}", " ".join(sentence_words(rng, VOCAB, 300))) for k in range(3)]
    return docs, ["source", "copy1", "copy2"]


def test_scan_finds_each_copy_and_attributes_it_to_the_source() -> None:
    docs, _ = corpus(random.Random(3))
    best = {(p.a.doc, p.b.doc) for p in scan(docs).passages}
    assert best == {("source", "copy1"), ("source", "copy2")}
    everything = {(p.a.doc, p.b.doc) for p in scan(docs, Options(all_links=True)).passages}
    assert everything == {("source", "copy1"), ("source", "copy2"), ("copy1", "copy2")}


def test_two_copies_of_overlapping_stretches_are_each_attributed_to_the_source() -> None:
    """Two texts quote overlapping stretches of a source (words 100 to 180 and 140 to
    220) in one revised wording, more alike to each other than to the source: only the
    source holds what both quote, and each is linked to it alone."""
    rng = random.Random(8)
    source = sentence_words(rng, VOCAB, 400)
    revised = edit(rng, source[100:220], VOCAB, 0.2)
    docs = [Document("source", " ".join(source))]
    for name, part in (("copy1", revised[: len(revised) * 2 // 3]), ("copy2", revised[40:])):
        body = sentence_words(rng, VOCAB, 150) + part + sentence_words(rng, VOCAB, 100)
        docs.append(Document(name, " ".join(body)))
    docs += [Document(f"other{k}", " ".join(sentence_words(rng, VOCAB, 300))) for k in range(2)]
    everything = {(p.a.doc, p.b.doc) for p in scan(docs, Options(all_links=True)).passages}
    assert everything == {("source", "copy1"), ("source", "copy2"), ("copy1", "copy2")}
    assert {(p.a.doc, p.b.doc) for p in scan(docs).passages} == {
        ("source", "copy1"),
        ("source", "copy2"),
    }


def test_a_quotation_inside_a_longer_copy_is_the_sources_though_its_edges_reach_out() -> None:
    """One text copies words 100 to 220 of a source, another quotes words 130 to 190
    revised; every text is 40 % common words that all of them use. The quotation's link
    to the source reaches a few words into its own text: those words, of one document,
    are no part of what the texts share and do not make it at home there. The two
    quotations' link is the source's."""
    rng = random.Random(1)
    common = vocabulary(random.Random(11), 12)
    books = [vocabulary(random.Random(20 + k), 60) for k in range(4)]

    def words(book: list[str], n: int) -> list[str]:
        return [rng.choice(common if rng.random() < 0.4 else book) for _ in range(n)]

    source = words(books[0], 400)
    copy = words(books[1], 150) + source[100:220] + words(books[1], 150)
    quote = words(books[2], 150) + edit(rng, source[130:190], books[2], 0.1)
    quote += words(books[2], 150)
    docs = [Document("source", " ".join(source))]
    docs += [Document("copy", " ".join(copy)), Document("quote", " ".join(quote))]
    docs += [Document(f"other{k}", " ".join(words(books[3], 300))) for k in range(2)]
    everything = {(p.a.doc, p.b.doc) for p in scan(docs, Options(all_links=True)).passages}
    assert everything == {("source", "copy"), ("source", "quote"), ("copy", "quote")}
    assert {(p.a.doc, p.b.doc) for p in scan(docs).passages} == {
        ("source", "copy"),
        ("source", "quote"),
    }


def test_scan_equals_compare_on_each_found_pair() -> None:
    docs, _ = corpus(random.Random(4))
    by_id = {d.id: d for d in docs}
    opts = Options(min_words=20, all_links=True, repetitions=False, semantic=False)
    for p in scan(docs, opts).passages:
        (q,) = compare(by_id[p.a.doc], by_id[p.b.doc], opts).passages
        # Evidence weighs words by their rarity in what was read: the collection in a
        # scan, the pair in a comparison. All else is the same.
        assert replace(q, evidence=0.0) == replace(p, evidence=0.0)


def test_scan_is_deterministic_and_order_independent_per_pair() -> None:
    docs, _ = corpus(random.Random(5))
    first = scan(docs)
    assert scan(docs) == first
    reordered = scan(list(reversed(docs)))
    key = sorted((tuple(sorted((p.a.doc, p.b.doc))), p.matched) for p in first.passages)
    assert key == sorted((tuple(sorted((p.a.doc, p.b.doc))), p.matched) for p in reordered.passages)


def test_duplicate_ids_and_same_document_are_refused() -> None:
    with pytest.raises(InputError, match="two documents have this id"):
        scan([Document("x", "one text"), Document("x", "another")])
    with pytest.raises(OptionError, match="two different documents"):
        compare(Document("x", "a text here"), Document("x", "a text here"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"ngram": 0},
        {"min_words": 1},
        {"max_df": 1},
        {"seed": 6, "ngram": 5},
        {"min_evidence": 1.5},
        {"jobs": -1},
    ],
)
def test_bad_options_say_what_is_wrong(kwargs: dict[str, int | float]) -> None:
    with pytest.raises(OptionError, match="must"):
        Options(**kwargs)  # type: ignore[arg-type]


def _short_corpus(
    rng: random.Random, planted: list[str], copied: list[str], *, formula: bool = False
) -> tuple[list[Document], tuple[int, int]]:
    """A source with `planted` in it, a host with `copied` in it, three unrelated texts;
    the span copied. With `formula`, the source says the planted words twice."""
    source = sentence_words(rng, VOCAB, 400)
    at = 200
    source[at : at + len(planted)] = planted
    if formula:
        source[300 : 300 + len(planted)] = planted
    text, start, end = plant(
        sentence_words(rng, VOCAB, 200), copied, sentence_words(rng, VOCAB, 200)
    )
    docs = [Document("source", " ".join(source)), Document("host", text)]
    docs += [Document(f"other{k}", " ".join(sentence_words(rng, VOCAB, 300))) for k in range(3)]
    return docs, (start, end)


def test_a_scan_finds_a_short_verbatim_insert_and_not_a_formula() -> None:
    """Fourteen words copied into an unrelated host: shorter than a scan's 20, found because
    they are word for word, rare enough, and said once in each text. Edited beyond
    near-verbatim, said twice in the source, or with min_words set otherwise: not found."""
    rng = random.Random(5)
    planted = [rng.choice(VOCAB) for _ in range(14)]
    opts = Options(semantic=False, repetitions=False)
    docs, (start, end) = _short_corpus(random.Random(6), planted, planted)
    (p,) = scan(docs, opts).passages
    host = p.b if p.b.doc == "host" else p.a
    assert (host.start, host.end) == (start, end)
    assert p.kind == "verbatim"
    edited = [*planted[:5], "lo", "mi", *planted[7:]]
    assert not scan(_short_corpus(random.Random(6), planted, edited)[0], opts).passages
    twice, _ = _short_corpus(random.Random(6), planted, planted, formula=True)
    assert not scan(twice, opts).passages
    assert not scan(docs, replace(opts, min_words=25)).passages
    assert Options(min_words=20).short_for(9.0).short_bits == 20 * 9.0 * 0.5
    assert Options(min_words=10).short_for(9.0).short_bits is None
