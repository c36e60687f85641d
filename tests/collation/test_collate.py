"""Collation: every witness rebuilt exactly from its readings and from the TEI, the
alignment an exact longest common subsequence on small inputs, moves found as moves."""

from __future__ import annotations

import io
import itertools
import json
import random
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from variorum.collation import collate, siglum, texts
from variorum.collation.align import MOVE_WORDS, cells, matches
from variorum.collation.graph import graph
from variorum.collation.output import write
from variorum.collation.tei import corpus_texts, tei, witness_texts
from variorum.errors import OptionError, OutputError
from variorum.text.tokenize import tokenize
from variorum.types import Collation, Document

WORDS = ["the", "a", "plant", "animal", "varies", "under", "nature,", "Nature", "we", "see."]


def _edited(words: list[str], rng: random.Random) -> list[str]:
    """A witness: words inserted, deleted, replaced, punctuation and case changed."""
    out = list(words)
    for _ in range(rng.randrange(0, 6)):
        op = rng.choice("idrp")
        k = rng.randrange(len(out) + 1)
        if op == "i":
            out.insert(k, rng.choice(WORDS))
        elif out and k < len(out):
            if op == "d":
                del out[k]
            elif op == "r":
                out[k] = rng.choice(WORDS)
            else:
                out[k] = out[k].upper() + ";"
    return out


def _text(words: list[str], rng: random.Random) -> str:
    gaps = [rng.choice([" ", " ", "\n", "  ", "\r\n"]) for _ in words]
    return rng.choice(["", " ", "— "]) + "".join(w + g for w, g in zip(words, gaps, strict=True))


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 10**9), n=st.integers(2, 5), size=st.integers(0, 30))
def test_every_witness_is_rebuilt_from_its_readings_and_from_the_tei(
    seed: int, n: int, size: int
) -> None:
    rng = random.Random(seed)
    base = [rng.choice(WORDS) for _ in range(size)]
    docs = [Document(f"w{k}", _text(_edited(base, rng), rng)) for k in range(n)]
    for normalisation in ("words", "case", "none"):
        collation = collate(docs, normalisation=normalisation)
        assert texts(collation) == {d.id: d.text for d in docs}
        assert witness_texts("t.xml", "".join(tei(collation))) == {d.id: d.text for d in docs}
        for location in collation.locations:
            for reading in location.readings:
                by_id = {d.id: d.text for d in docs}
                assert all(by_id[s.doc][s.start : s.end] == reading.text for s in reading.spans)
            if not location.varies:
                assert [len(r.witnesses) for r in location.readings] == [n]


def _lcs_length(a: list[object], b: list[object]) -> int:
    """The naive reference: the length of a longest common subsequence, by recursion."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a)):
        for j in range(len(b)):
            if a[i] == b[j]:
                table[i + 1][j + 1] = table[i][j] + 1
            else:
                table[i + 1][j + 1] = max(table[i][j + 1], table[i + 1][j])
    return table[len(a)][len(b)]


@settings(max_examples=200, deadline=None)
@given(
    a=st.lists(st.integers(0, 6), max_size=40),
    b=st.lists(st.integers(0, 6), max_size=40),
)
def test_the_correspondence_is_a_longest_common_subsequence(a: list[int], b: list[int]) -> None:
    found = matches(a, b)
    assert all(a[i] == b[j] for i, j in found)
    assert all(i0 < i1 and j0 < j1 for (i0, j0), (i1, j1) in itertools.pairwise(found))
    assert len(found) == _lcs_length(list(a), list(b))


def test_long_witnesses_are_aligned_through_anchors() -> None:
    """Past the exact limit, unique words anchor the alignment: long texts with scattered
    edits keep every unedited word matched."""
    rng = random.Random(3)
    base = [f"w{k}" for k in range(5000)]
    edited = list(base)
    for k in sorted(rng.sample(range(5000), 50), reverse=True):
        edited[k] = "changed"
    found = matches(base, edited)
    assert len(found) == 4950


def test_a_moved_passage_is_a_move() -> None:
    first = " ".join(f"a{k}" for k in range(30)) + " "
    moved = " ".join(f"m{k}" for k in range(8)) + " "
    last = " ".join(f"z{k}" for k in range(30)) + " "
    docs = [Document("A", first + moved + last), Document("B", first + last + moved)]
    collation = collate(docs)
    assert len(collation.moves) == 1
    move = collation.moves[0]
    assert move.words == 8
    assert docs[0].text[move.base.start : move.base.end] == moved
    assert docs[1].text[move.witness.start : move.witness.end] == moved
    assert sum(1 for loc in collation.locations if loc.moves) == 2
    tei_text = "".join(tei(collation))
    assert "<listTranspose>" in tei_text
    assert witness_texts("t", tei_text) == {"A": docs[0].text, "B": docs[1].text}
    # Shorter than MOVE_WORDS: a deletion and an insertion.
    short = " ".join(f"m{k}" for k in range(MOVE_WORDS - 1)) + " "
    assert not collate(
        [Document("A", first + short + last), Document("B", first + last + short)]
    ).moves


def test_normalisation_decides_correspondence_never_the_readings() -> None:
    docs = [Document("A", "The Plant, varies."), Document("B", "the plant varies")]
    assert cells(docs[0].text, "words").keys == cells(docs[1].text, "words").keys
    assert cells(docs[0].text, "case").keys != cells(docs[1].text, "case").keys
    for normalisation in ("words", "case", "none"):
        collation = collate(docs, normalisation=normalisation)
        assert texts(collation) == {"A": docs[0].text, "B": docs[1].text}


def test_sigla_and_bad_options() -> None:
    assert siglum("witnesses/Ch1-100_1859.txt") == "w1859"
    assert siglum("A.txt") == "A"
    assert siglum("odd name!.txt") == "odd-name-"
    one = Document("A", "x")
    with pytest.raises(OptionError, match="at least two"):
        collate([one])
    with pytest.raises(OptionError, match="siglum 'A'"):
        collate([one, Document("A", "y")])
    with pytest.raises(OptionError, match="--base 'C'"):
        collate([one, Document("B", "y")], base="C")


def test_hostile_text_is_escaped_or_refused_by_name() -> None:
    docs = [Document("A", "<script>alert(1)</script> a b"), Document("B", "a \x1b[31m b")]
    collation = collate(docs)
    out = io.StringIO()
    write(collation, "text", out)
    assert "\x1b" not in out.getvalue()
    xml = "".join(tei(collate([docs[0], Document("B", "<script>x</script> a b")])))
    assert "<script>" not in xml.split("<body>")[1]
    with pytest.raises(OutputError, match="U\\+001B cannot be written in XML"):
        "".join(tei(collation))


DARWIN = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "darwin" / "witnesses"


def _paragraph(name: str) -> list[Document]:
    files = sorted(DARWIN.glob(f"{name}_*.txt"))
    return [Document(siglum(str(f)), f.read_text(encoding="utf-8")) for f in files]


@pytest.mark.usefixtures("shared")
def test_darwin_every_paragraph_rebuilt_from_the_tei() -> None:
    names = sorted({f.name.rsplit("_", 1)[0] for f in DARWIN.glob("*.txt")})
    assert len(names) >= 40
    for name in names:
        docs = _paragraph(name)
        rebuilt = witness_texts(name, "".join(tei(collate(docs))))
        assert rebuilt == {d.id: d.text for d in docs}, name


@pytest.mark.usefixtures("shared")
def test_darwin_known_changes_are_variants() -> None:
    """Read in the editions: 1866 adds the heading 'Causes of Variability.'; 1869 has
    'compare' where 1859 has 'look to'; 1869 moves 'with the wild rock-pigeon'."""
    collation = collate(_paragraph("Ch1-100"))
    readings = {
        tuple(sorted((r.witnesses, r.text) for r in loc.readings))
        for loc in collation.locations
        if loc.varies
    }
    assert (
        (("w1859", "w1860", "w1861"), ""),
        (("w1866", "w1869", "w1872"), "Causes of Variability. "),
    ) in readings
    assert (
        (("w1859", "w1860", "w1861", "w1866"), "look to "),
        (("w1869", "w1872"), "compare "),
    ) in readings
    pigeon = collate(_paragraph("Ch1-2200"))
    moved = {(m.witness.doc, m.words) for m in pigeon.moves}
    assert ("w1869", 5) in moved


@pytest.mark.usefixtures("shared")
def test_the_command_line_writes_tei_json_and_csv(tmp_path: Path) -> None:
    files = [str(f) for f in sorted(DARWIN.glob("Ch1-100_*.txt"))]
    out = tmp_path / "c.xml"
    done = run_cli("collate", *files, "--format", "tei", "-o", str(out))
    assert done.returncode == 0, done.stderr
    rebuilt = witness_texts(str(out), out.read_text(encoding="utf-8"))
    assert rebuilt == {siglum(f): Path(f).read_text(encoding="utf-8") for f in files}
    data = json.loads(run_cli("collate", *files, "--format", "json", "--base", "w1872").stdout)
    assert data["base"] == "w1872"
    texts_by = {siglum(f): Path(f).read_text(encoding="utf-8") for f in files}
    for loc in data["locations"]:
        for r in loc["readings"]:
            for w, (s, e) in r["spans"].items():
                assert texts_by[w][s:e] == r["text"]
    table = run_cli("collate", *files, "--format", "csv").stdout.splitlines()
    assert [row.split(",")[0] for row in table[1:]] == [siglum(f) for f in files]
    bad = run_cli("collate", *files, "--sigla", "A,B")
    assert bad.returncode == 1
    assert "--sigla names 2 witnesses, but 6 were read" in bad.stderr


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**9), n=st.integers(2, 4), size=st.integers(0, 25))
def test_each_witness_is_a_path_through_the_variant_graph(seed: int, n: int, size: int) -> None:
    rng = random.Random(seed)
    base = [rng.choice(WORDS) for _ in range(size)]
    docs = [Document(f"w{k}", _text(_edited(base, rng), rng)) for k in range(n)]
    g = graph(collate(docs))
    text = {node["id"]: node["text"] for node in g.nodes}
    end = g.nodes[-1]["id"]
    for d in docs:
        after = {e["source"]: e["target"] for e in g.edges if d.id in e["witnesses"]}
        at, parts = 0, []
        while at != end:
            at = after[at]
            parts.append(text[at])
        assert "".join(parts) == d.text


def test_the_graph_formats_are_well_formed() -> None:
    docs = [Document("A", 'one "two" <three> \x01 four'), Document("B", "one two four five")]
    collation = collate(docs)
    out = io.StringIO()
    write(collation, "graphml", out)
    root = ET.fromstring(out.getvalue())
    assert len(root.findall(".//{http://graphml.graphdrawing.org/xmlns}node")) >= 4
    out = io.StringIO()
    write(collation, "dot", out)
    assert '\\"two\\"' in out.getvalue()
    assert "\x01" not in out.getvalue()
    out = io.StringIO()
    write(collation, "graph", out)
    assert json.loads(out.getvalue())["type"] == "variant-graph"


@pytest.mark.usefixtures("shared")
def test_a_retranslation_collated_by_meaning_sentence_by_sentence() -> None:
    """The 1995 chapter against its 2019 re-translation through Russian: the 2019 preface is
    one addition, and the chapter's paragraphs (the gold cases) correspond sentence by
    sentence, each witness still rebuilt exactly."""
    seeds = DARWIN.parents[1] / "seeds"
    gold = json.loads((seeds / "alignment.gold.json").read_text(encoding="utf-8"))
    docs = [
        Document("e1995", (seeds / gold["a"]).read_text(encoding="utf-8")),
        Document("e2019", (seeds / gold["b"]).read_text(encoding="utf-8")),
    ]
    collation = collate(docs, normalisation="meaning")
    assert texts(collation) == {d.id: d.text for d in docs}
    first = collation.locations[0]
    added = next(r for r in first.readings if r.witnesses == ("e2019",))
    assert next(r for r in first.readings if r.witnesses == ("e1995",)).text == ""
    start = gold["passages"][0]["b"][0]
    assert added.spans[0].start == 0
    assert added.spans[0].end >= 0.95 * start  # the preface, as one addition
    # Each gold paragraph pair: most of its 1995 sentences stand in a location whose 2019
    # reading lies in the paired 2019 paragraph.
    paired = 0
    for case in gold["cases"]:
        a0, a1 = case["a"]
        b0, b1 = case["b"]
        for loc in collation.locations:
            spans = {s.doc: s for r in loc.readings for s in r.spans}
            a, b = spans["e1995"], spans["e2019"]
            if a0 <= a.start < a1 and a.end > a.start and b.end > b.start:
                paired += b0 - 50 <= b.start < b1
                break
    assert paired >= 0.85 * len(gold["cases"])


def test_a_million_repeats_neither_hang_nor_lose_text() -> None:
    """One phrase repeated 250,000 times against the same shifted by a word: no unique
    word to anchor on, every n-gram everywhere; it still ends at once and rebuilds."""
    phrase = "the cat sat on "
    docs = [Document("A", phrase * 250_000), Document("B", "so " + phrase * 249_999 + "the cat ")]
    collation = collate(docs)
    assert texts(collation) == {"A": docs[0].text, "B": docs[1].text}


def test_a_moved_passage_edited_inside_is_one_move() -> None:
    first = " ".join(f"a{k}" for k in range(30)) + " "
    moved = [f"m{k}" for k in range(12)]
    last = " ".join(f"z{k}" for k in range(30)) + " "
    edited = [*moved[:6], "changed", *moved[7:]]
    docs = [
        Document("A", first + " ".join(moved) + " " + last),
        Document("B", first + last + " ".join(edited) + " "),
    ]
    (move,) = collate(docs).moves
    assert move.words == 12
    assert docs[0].text[move.base.start : move.base.end].split() == moved
    assert docs[1].text[move.witness.start : move.witness.end].split() == edited


@pytest.mark.usefixtures("shared")
def test_a_folder_collated_text_by_text_into_a_tei_corpus(tmp_path: Path) -> None:
    """--by-name: each paragraph's editions collated on their own, in one run; every
    witness of every paragraph rebuilt from the teiCorpus."""
    out = tmp_path / "chapter.xml"
    done = run_cli("collate", str(DARWIN), "--by-name", "--format", "tei", "-o", str(out))
    assert done.returncode == 0, done.stderr
    rebuilt = corpus_texts(str(out), out.read_text(encoding="utf-8"))
    files = sorted(DARWIN.glob("*.txt"))
    assert sum(len(texts) for texts in rebuilt.values()) == len(files)
    for f in files:
        group, year = f.stem.rsplit("_", 1)
        assert rebuilt[group][f"w{year}"] == f.read_text(encoding="utf-8")
    refused = run_cli("collate", str(DARWIN), "--by-name", "--format", "html")
    assert refused.returncode == 1
    assert "--by-name writes text, csv, json, tei, not html" in refused.stderr


def test_an_automatic_base_is_the_witness_nearest_to_all() -> None:
    """A first draft, its revision and a revision of the revision: the middle one shares
    the most words with the other two, and becomes the base."""
    words = [f"w{k}" for k in range(60)]
    draft = " ".join(words)
    revised = " ".join([*words[:20], "new", *words[20:40], "newer", *words[40:]])
    again = " ".join([*words[:20], "new", *words[20:30], *words[35:40], "newer", "last"])
    docs = [Document("A", draft), Document("B", revised), Document("C", again)]
    collation = collate(docs, base="auto")
    assert collation.base == "B"
    assert texts(collation) == {d.id: d.text for d in docs}
    # A witness named "auto" is a witness, not the rule.
    named = collate([Document("auto", draft), Document("B", revised)], base="auto")
    assert named.base == "auto"


def test_witnesses_are_aligned_with_each_other_inside_a_variant() -> None:
    """Two witnesses add overlapping words where the base has none: their readings are
    aligned with each other too, so the words they share are one reading."""
    docs = [
        Document("A", "one two five six "),
        Document("B", "one two three big four five six "),
        Document("C", "one two three four five six "),
        Document("D", "one two seven five six "),
    ]
    collation = collate(docs)
    assert texts(collation) == {d.id: d.text for d in docs}
    variants = [
        {r.witnesses: r.text for r in loc.readings} for loc in collation.locations if loc.varies
    ]
    assert {("A", "D"): "", ("B", "C"): "three "} in variants
    assert {("A", "C", "D"): "", ("B",): "big "} in variants
    assert {("A", "D"): "", ("B", "C"): "four "} in variants


@pytest.mark.usefixtures("shared")
def test_darwin_a_variant_ends_where_the_witnesses_divide_otherwise() -> None:
    """1859 'much more', 1860-1866 and 1872 'more', 1869 neither: two variants."""
    collation = collate(_paragraph("Ch1-100"))
    variants = [
        {r.witnesses: r.text for r in loc.readings} for loc in collation.locations if loc.varies
    ]
    assert {("w1859",): "much ", ("w1860", "w1861", "w1866", "w1869", "w1872"): ""} in variants
    assert {("w1859", "w1860", "w1861", "w1866", "w1872"): "more ", ("w1869",): ""} in variants


def _moved(words: list[str], rng: random.Random) -> list[str]:
    """A witness: edited (as `_edited`), and maybe a run of words moved elsewhere."""
    out = _edited(words, rng)
    if len(out) > 2 and rng.random() < 0.6:
        lo = rng.randrange(len(out) - 1)
        hi = rng.randrange(lo + 1, min(len(out), lo + 8) + 1)
        run, rest = out[lo:hi], out[:lo] + out[hi:]
        at = rng.randrange(len(rest) + 1)
        out = rest[:at] + run + rest[at:]
    return out


def _agreement(collation: Collation, x: str, y: str) -> int:
    """How many words witnesses x and y read together: the words of the readings they
    share, location by location."""
    return sum(
        len(r.text.split())
        for loc in collation.locations
        for r in loc.readings
        if x in r.witnesses and y in r.witnesses
    )


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10**9), n=st.integers(2, 5), size=st.integers(0, 24))
def test_the_collation_against_a_naive_reference(seed: int, n: int, size: int) -> None:
    """Random edits, insertions, deletions and moves, compared with a naive N-way reference
    (every pair of witnesses aligned by the full dynamic-programming table): each witness
    reads with the base exactly as many words as their longest common subsequence, no two
    witnesses read together more than theirs, every witness is rebuilt, and every move
    joins two spans of equal words that the base alignment left out."""
    rng = random.Random(seed)
    start = [rng.choice(WORDS).strip(".,") + str(rng.randrange(4)) for _ in range(size)]
    words = [_moved(start, rng) for _ in range(n)]
    # One space after every word: equal cells are equal texts, readings compare as words.
    docs = [Document(f"w{k}", "".join(w + " " for w in ws)) for k, ws in enumerate(words)]
    collation = collate(docs, normalisation="none")
    assert texts(collation) == {d.id: d.text for d in docs}
    for x, y in itertools.combinations(range(n), 2):
        reference = _lcs_length(list(words[x]), list(words[y]))
        found = _agreement(collation, f"w{x}", f"w{y}")
        assert found == reference if x == 0 else found <= reference
    by_id = {d.id: d.text for d in docs}
    for move in collation.moves:
        base_words = by_id["w0"][move.base.start : move.base.end].split()
        moved_words = by_id[move.witness.doc][move.witness.start : move.witness.end].split()
        assert min(len(base_words), len(moved_words)) >= MOVE_WORDS
        assert base_words[:MOVE_WORDS] == moved_words[:MOVE_WORDS]


@pytest.mark.usefixtures("shared")
def test_darwin_a_transposition_and_a_moved_sentence_are_moves() -> None:
    """Read in the editions: 1860 has domestic races ranked 'by competent judges as mere
    varieties, and by other competent judges as the descendants of aboriginally distinct
    species'; 1861 turns the two round. No sentence of chapter 1 moves between editions, so
    one is moved here: the second sentence of 1872's paragraph put last."""
    transposed = collate(_paragraph("Ch1-1200"))
    turned = [m for m in transposed.moves if m.witness.doc == "w1861"]
    by_id = {w.id: w.text for w in transposed.witnesses}
    # Against 1859 (the base), the piece 1861 reads out of order is the one that ends the
    # sentence now: "competent judges as mere varieties."
    assert [by_id["w1861"][m.witness.start : m.witness.end] for m in turned] == [
        "competent judges as mere varieties.   "
    ]
    text = by_id["w1872"]
    sentences = re.split(r"(?<=[.;])(?=   )", text)
    assert len(sentences) > 4
    moved_sentence = sentences[2]
    moved = "".join(sentences[:2] + sentences[3:]) + moved_sentence
    collation = collate([Document("w1872", text), Document("moved", moved)])
    assert texts(collation) == {"w1872": text, "moved": moved}
    (move,) = collation.moves
    assert move.words == len(tokenize(moved_sentence))
    assert moved[move.witness.start : move.witness.end].strip() == moved_sentence.strip()
    assert text[move.base.start : move.base.end].strip() == moved_sentence.strip()


def test_segments_cut_inside_a_sentence_make_one_bead_of_their_sentences() -> None:
    """Two segments that share a sentence on one side (a clause of it against a sentence
    of the other, then the rest of it against the next) are one bead of two sentences a
    side; beads apart stay apart."""
    from variorum.collation.sentences import _joined_where_they_share  # noqa: PLC0415

    assert _joined_where_they_share([(0, 1, 0, 1), (0, 1, 1, 2)]) == [(0, 1, 0, 2)]
    assert _joined_where_they_share([(0, 1, 0, 1), (1, 2, 0, 2), (2, 3, 2, 3)]) == [
        (0, 2, 0, 2),
        (2, 3, 2, 3),
    ]
    assert _joined_where_they_share([(0, 1, 0, 1), (1, 2, 1, 2)]) == [(0, 1, 0, 1), (1, 2, 1, 2)]
