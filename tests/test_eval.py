"""The evaluation tasks of ../shared/eval, scored as the issues measure them.

These hold the figures the core, semantic and quotation issues ask for; they skip when ../shared is
absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT


def scores(shared: Path, task: str, versions: str | None = None) -> dict[str, dict[str, float]]:
    cmd = [sys.executable, str(shared / "eval" / "run_tasks.py"), "--timeout", "300"]
    if versions:
        cmd += ["--versions", versions]
    cmd.append(str(shared / "eval" / "tasks" / task))
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    record: dict[str, dict[str, float]] = json.loads(out.strip().splitlines()[-1])
    assert "error" not in record, record
    return record


@pytest.mark.parametrize(
    ("task", "versions", "plagdet", "fine_f1"),
    [
        ("ruth-kjv-asv", None, 0.97, 0.95),
        ("ruth-kjv-web", None, 0.95, 0.90),
        ("embedded", "KJV,ASV,WEB", 0.90, 0.85),
        ("seeds", None, 0.95, 0.97),
        ("ruth-kjv-bbe", None, 0.90, 0.85),
        ("mark-kjv-fr", None, 0.85, 0.80),
        ("embedded", None, 0.85, 0.80),
    ],
)
def test_core_figures(
    shared: Path, task: str, versions: str | None, plagdet: float, fine_f1: float
) -> None:
    result = scores(shared, task, versions)
    assert result["passage"]["plagdet"] >= plagdet
    assert result["fine"]["f1"] >= fine_f1


def pair_scores(
    shared: Path, folder: Path, book: str, version: str, *, lines: bool
) -> dict[str, dict[str, float]]:
    """A book in the KJV against `version` (benchmarks/tasks.py), scored by ../shared."""
    from benchmarks.tasks import pair_task  # noqa: PLC0415

    pair_task(folder, book, version, lines=lines)
    cmd = [sys.executable, str(shared / "eval" / "run_tasks.py"), str(folder)]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    record: dict[str, dict[str, float]] = json.loads(out.strip().splitlines()[-1])
    return record


def test_a_book_and_its_paraphrase_are_paired_verse_by_verse(shared: Path, tmp_path: Path) -> None:
    """Galatians in the KJV and the BBE (a task of our tuning half, benchmarks/tasks.py):
    the words the two share carry under half of the book's information, so the word path
    wanders; the sentence beads give the segments. Fine F1 0.99 (0.95 with the path's)."""
    record = pair_scores(shared, tmp_path / "galatians-kjv-bbe", "Galatians", "BBE", lines=True)
    assert record["passage"]["plagdet"] >= 0.99
    assert record["fine"]["f1"] >= 0.98


def test_verses_left_unmatched_between_two_lexical_passages_are_paired(
    shared: Path, tmp_path: Path
) -> None:
    """Psalms in the KJV and the BBE (2,461 verses): the word path matches stretches
    apart, and the sentence pairs between them, some only 0.57 to 0.69 alike, align what
    it left unmatched. Fine F1 0.630 while those verses had no segment, 0.874 with the
    holes of one lexical passage filled, 0.956 with the verses between two filled too."""
    record = pair_scores(shared, tmp_path / "psalms-kjv-bbe", "Psalms", "BBE", lines=False)
    assert record["passage"]["plagdet"] >= 0.99
    assert record["fine"]["f1"] >= 0.93


def test_verses_between_those_a_passage_is_extended_by_are_paired(
    shared: Path, tmp_path: Path
) -> None:
    """Titus in the KJV and the BBE (a task of the fresh3 set, measured only): the word
    path matches from 2:10 to the end alone, and the sentence pairs extend the passage to
    the first verse where they are 0.7 alike or more; the verses between, 0.51 to 0.68
    alike, had no segment. Fine F1 0.664 then, 0.947 with them paired."""
    record = pair_scores(shared, tmp_path / "titus-kjv-bbe", "Titus", "BBE", lines=True)
    assert record["passage"]["plagdet"] >= 0.99
    assert record["fine"]["f1"] >= 0.9


def test_the_seed_citations_are_found_and_carried_over(shared: Path, tmp_path: Path) -> None:
    seeds = shared / "corpus" / "seeds"
    out = tmp_path / "quotes.jsonl"
    cmd = [sys.executable, "-m", "variorum", "quotes", str(seeds / "martens-1995-en.txt")]
    cmd += [str(seeds / "martens-2019-retranslation-en.txt"), "--format", "jsonl", "-o", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True)
    scorer = [sys.executable, str(shared / "eval" / "score_quotes.py"), "citations"]
    scorer += [str(seeds / "quotations.gold.json"), str(out), "--json"]
    result = json.loads(subprocess.run(scorer, capture_output=True, text=True, check=True).stdout)
    assert result == {"a_cited": "6/6", "b_cited": "6/6"}


@pytest.mark.parametrize("novel", ["PrideAndPrejudice", "Emma", "OliverTwist"])
def test_dialogue_in_the_pdnc_novels(shared: Path, tmp_path: Path, novel: str) -> None:
    folder = shared / "corpus" / "pdnc" / novel
    out = tmp_path / "quotes.jsonl"
    cmd = [sys.executable, "-m", "variorum", "quotes", str(folder / "novel_text.txt")]
    cmd += ["--format", "jsonl", "-o", str(out)]  # as written by default
    subprocess.run(cmd, cwd=ROOT, check=True)
    scorer = [sys.executable, str(shared / "eval" / "score_quotes.py"), "pdnc", str(folder)]
    scorer += [str(out), "--json"]
    result = json.loads(subprocess.run(scorer, capture_output=True, text=True, check=True).stdout)
    assert result["span_f1"] >= 0.95
    assert result["quotes_found"] >= 0.95
    assert result["speaker_accuracy_by_type"]["Explicit"] >= 0.85


def test_parallels_counts_the_chapter_pairs_that_share_a_run_of_words(tmp_path: Path) -> None:
    """benchmarks/parallels.py: a document is a chapter where its words are Bible text (a
    novel excerpt is none, whatever it quotes), and two chapters that share a run of 10
    words are a pair at 10 words, none at 11."""
    from benchmarks.parallels import chapter_pairs  # noqa: PLC0415

    texts = {
        "a": "In the beginning the word was spoken over the waters of the deep and it was good.",
        "b": "And it came to pass that the word was spoken over the waters of the deep at night.",
        "c": "A chapter that shares nothing with the others at all, not one run of words.",
        "h": "Elizabeth walked to the window; the word was spoken over the waters of the deep.",
    }
    docs = tmp_path / "corpus" / "docs"
    docs.mkdir(parents=True)
    for name, text in texts.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    bible = " ".join(texts[k] for k in "abc").replace(".", "").replace(",", "").lower()
    assert chapter_pairs(tmp_path / "corpus", bible, 10) == (3, 1)
    assert chapter_pairs(tmp_path / "corpus", bible, 11) == (3, 0)


def test_the_gold_of_a_corpus_lists_its_chapters_own_parallels(tmp_path: Path) -> None:
    """benchmarks/tasks.py: two source chapters' verses that share a run of eight words
    are a parallel case of the gold; seven words in common are none, and a verse inserted
    in a host is paired with its source only."""
    from benchmarks.tasks import PARALLEL, Doc, _write_corpus  # noqa: PLC0415

    shared = "the word was spoken over the waters of"
    verses = {
        "a.txt": [f"In the beginning {shared} the deep.", "Nothing else here at all."],
        "b.txt": ["A verse apart from the others.", f"And it came to pass {shared} night."],
        "c.txt": ["Then the word was spoken over the waters, and no more."],
    }
    docs: dict[str, Doc] = {}
    for name, texts in verses.items():
        docs[name] = Doc()
        for n, text in enumerate(texts):
            docs[name].add(" " if n else "")
            docs[name].add(text, (1, n + 1))
    docs["h.txt"] = Doc()
    docs["h.txt"].add("Elizabeth read aloud: ")
    docs["h.txt"].add(verses["a.txt"][0], ("x", (1, 1)))
    a1, b2, h = docs["a.txt"].units[1, 1], docs["b.txt"].units[1, 2], docs["h.txt"].units
    inserted = {"a_doc": "a.txt", "a": list(a1), "b_doc": "h.txt", "b": list(h["x", (1, 1)])}
    passages = [dict(inserted)]
    sources = {("A", 1): "a.txt", ("B", 1): "b.txt", ("C", 1): "c.txt"}
    _write_corpus(tmp_path / "t", docs, (passages, [inserted | {"version": "KJV"}]), "x", sources)
    gold = json.loads((tmp_path / "t" / "gold.json").read_text(encoding="utf-8"))
    assert gold["passages"] == passages
    found = [c for c in gold["cases"] if c["version"] == PARALLEL]
    pairs = {(c["a_doc"], tuple(c["a"]), c["b_doc"], tuple(c["b"])) for c in found}
    assert pairs == {("a.txt", a1, "b.txt", b2)}


def test_no_two_sets_of_our_tasks_share_a_book_or_a_pair_of_editions() -> None:
    """benchmarks/tasks.py: a book or a pair of Darwin's editions is in one set only (the
    fresh embedded sets reuse the held half's books as their sources, and have no pairs),
    so that a set measured only is text no other set was tuned on."""
    from benchmarks.tasks import HALVES  # noqa: PLC0415

    seen: dict[object, str] = {}
    for half, spec in HALVES.items():
        mine = [book for book, _ in spec["books"]] + [frozenset(p) for p in spec["darwin"]]
        for item in mine:
            assert item not in seen, f"{item} is in {seen[item]} and {half}"
            seen[item] = half


def test_a_numbered_book_is_read_from_the_french_bible(shared: Path) -> None:
    """The French file writes a book's number in Roman numerals ("I Peter")."""
    from benchmarks.tasks import verses  # noqa: PLC0415

    for book in ("1_Peter", "1_John", "Philemon", "Revelation"):
        assert len(verses("FR", book)) == len(verses("KJV", book)) > 0, book


def test_a_twice_corpus_quotes_each_source_in_two_hosts_overlapping(
    shared: Path, tmp_path: Path
) -> None:
    """benchmarks/tasks.py's `twice_task`: each source chapter quoted in two hosts, in two
    versions, the two runs sharing a verse at least; the gold links each to the chapter."""
    from benchmarks.tasks import HALVES, PARALLEL, twice_task  # noqa: PLC0415

    twice_task(tmp_path / "twice", HALVES["tune"], 7)
    gold = json.loads((tmp_path / "twice" / "gold.json").read_text(encoding="utf-8"))
    by_source: dict[str, list[dict[str, Any]]] = {}
    for p in gold["passages"]:
        by_source.setdefault(p["a_doc"], []).append(p)
    assert len(by_source) == 15
    for source, (one, two) in by_source.items():
        assert one["b_doc"] != two["b_doc"]
        assert min(one["a"][1], two["a"][1]) > max(one["a"][0], two["a"][0])
        quoted = [c for c in gold["cases"] if c["a_doc"] == source]
        versions = {c["version"] for c in quoted if c["version"] != PARALLEL}
        assert len(versions) == 2


def test_the_speaker_baselines_keep_named_cues_and_guess_the_rest() -> None:
    """benchmarks/quotes.py: a speech named by its cue keeps its speaker; the others take
    the last speaker's, or by alternation the one before the last in a new paragraph (the
    last one's in the same paragraph), from what the baseline gave before."""
    from benchmarks.quotes import baseline  # noqa: PLC0415

    text = '"A," said Ann.\n\n"B," said Bob.\n\n"C."\n\n"D." "E."\n'

    def speech(start: int, speaker: str | None, by: str | None) -> dict[str, Any]:
        row = {"type": "quotation", "kind": "quotation", "start": start, "speaker": speaker}
        return row | {"speaker_by": by}

    rows = [
        {"type": "run"},
        speech(0, "Ann", "cue"),
        speech(16, "Bob", "cue"),
        speech(32, "Cid", "turn-taking"),
        speech(38, None, None),
        speech(43, "Ann", "pronoun"),
    ]
    last = [r.get("speaker") for r in baseline(rows, text, "last speaker")]
    assert last == [None, "Ann", "Bob", "Bob", "Bob", "Bob"]
    turns = [r.get("speaker") for r in baseline(rows, text, "alternation")]
    assert turns == [None, "Ann", "Bob", "Ann", "Bob", "Bob"]
    assert rows[3]["speaker"] == "Cid"  # the records given are left as they are


def test_offsets_into_a_text_with_dashes_map_back_to_its_hyphens(tmp_path: Path) -> None:
    """benchmarks/quotes.py reads each novel with "--" made one dash too: the records'
    offsets into that text are mapped back to the novel's, where each dash was two."""
    from benchmarks.quotes import with_hyphens  # noqa: PLC0415

    text = 'No--never. "Yes--no," said Ann--"maybe."\n'
    dashed = text.replace("--", "\u2014")
    ends = (dashed.index(" said"), len(dashed) - 1)
    spans = [(dashed.index('"Yes'), ends[0]), (dashed.index('"maybe'), ends[1])]
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "".join(json.dumps({"type": "quotation", "start": a, "end": b}) + "\n" for a, b in spans)
    )
    with_hyphens(pred, text)
    rows = [json.loads(line) for line in pred.read_text().splitlines()]
    assert [text[r["start"] : r["end"]] for r in rows] == ['"Yes--no,"', '"maybe."']


def test_addressees_are_scored_against_the_annotated_ones(tmp_path: Path) -> None:
    """benchmarks/quotes.py: of the annotated speeches with an addressee, the share whose
    most overlapping prediction names one, and of those the share named right (by an
    alias too)."""
    from benchmarks.quotes import addressees  # noqa: PLC0415

    novel = tmp_path / "novel"
    novel.mkdir()
    (novel / "character_info.csv").write_text(
        "Main Name,Aliases\nAnn,\"['Nan']\"\nBob,[]\n", encoding="utf-8"
    )
    (novel / "quotation_info.csv").write_text(
        "quoteByteSpans,speaker,addressees\n"
        '"[[0, 10]]",Ann,"[\'Bob\']"\n"[[20, 30]]",Bob,"[\'Ann\']"\n'
        '"[[40, 50]]",Ann,"[\'Bob\']"\n"[[60, 70]]",Bob,[]\n',
        encoding="utf-8",
    )
    pred = tmp_path / "pred.jsonl"
    rows = [
        {"type": "quotation", "start": 0, "end": 10, "addressee": "Bob"},
        {"type": "quotation", "start": 19, "end": 31, "addressee": "Nan"},
        {"type": "quotation", "start": 40, "end": 50, "addressee": "Ann"},
        {"type": "quotation", "start": 60, "end": 70, "addressee": None},
    ]
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert addressees(novel, pred) == {
        "addressee_named": 1.0,
        "addressee_right": 0.6667,
        "gold_with_addressee": 3,
    }
    rows[2]["addressee"] = None
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert addressees(novel, pred)["addressee_named"] == 0.6667


def test_each_annotated_speech_is_right_or_wrong_as_the_scorer_reads_it(tmp_path: Path) -> None:
    """benchmarks/quotes.py: each annotated speech, in order, with its type and whether the
    prediction covering most of its letters names its speaker (by an alias too); one the
    predictions cover less than half of is left out."""
    from benchmarks.quotes import outcomes  # noqa: PLC0415

    novel = tmp_path / "novel"
    novel.mkdir()
    text = '"Yes, yes," said Ann. "No, no," said Bob. "Well, well." "Oh, oh, oh, oh."\n'
    (novel / "novel_text.txt").write_text(text, encoding="utf-8")
    (novel / "character_info.csv").write_text(
        "Main Name,Aliases\nAnn,\"['Nan']\"\nBob,[]\n", encoding="utf-8"
    )
    quotes = [m.span() for m in re.finditer(r'"[^"]*"', text)]
    (novel / "quotation_info.csv").write_text(
        "quoteByteSpans,speaker,quoteType\n"
        + "".join(
            f'"[[{a}, {b}]]",{who},{kind}\n'
            for (a, b), who, kind in zip(
                quotes,
                ["Ann", "Bob", "Ann", "Bob"],
                ["Explicit", "Explicit", "Implicit", "Implicit"],
                strict=True,
            )
        ),
        encoding="utf-8",
    )
    (a0, b0), (a1, b1), (a2, b2), (a3, _) = quotes
    rows = [
        {"type": "quotation", "start": a0, "end": b0, "speaker": "Nan"},
        {"type": "quotation", "start": a1, "end": b1, "speaker": "Ann"},
        {"type": "quotation", "start": a2, "end": b2, "speaker": "Ann"},
        {"type": "quotation", "start": a3, "end": a3 + 5, "speaker": "Bob"},  # "Oh, " only
    ]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert outcomes(novel, pred) == [("Explicit", True), ("Explicit", False), ("Implicit", True)]


def test_the_trust_table_is_each_rules_share_right_drawn_toward_the_whole() -> None:
    """benchmarks/quotes.py: the table of variorum/quotes/trust.py weighs the tuned novels
    alike, and draws a rule's share right toward all speeches' and a level's toward its
    rule's by PRIOR speeches; `trusted` scores the confidence (Brier) and tells the
    speeches by what found their speakers."""
    from benchmarks.quotes import PRIOR, Judged, fit, trusted  # noqa: PLC0415

    big = [Judged("Implicit", k % 2 == 0, "turn-taking", 0.5) for k in range(100)]
    small = [Judged("Explicit", True, "cue", 0.9) for _ in range(10)]
    overall, rules, levels = fit({"big": big, "small": small})
    assert overall == 0.75  # each novel weighs as much: (0.5 + 1.0) / 2
    assert rules["cue"] == round((1000 + PRIOR * 0.75) / (1000 + PRIOR), 3)
    assert rules["turn-taking"] == round((500 + PRIOR * 0.75) / (1000 + PRIOR), 3) > 0.5
    assert levels[("turn-taking", 0.5)] == 0.5  # drawn toward 0.502, not toward 0.75
    assert set(levels) == {("turn-taking", 0.5), ("cue", 0.9)}
    scored = trusted(big[:2])
    assert scored["brier"] == round((0.5**2 + 0.5**2) / 2, 4)
    assert scored["by"]["turn-taking"] == {"speeches": 2, "right": 0.5, "confidence": 0.5}
    assert scored["bands"] == {"0.0 to 0.6": scored["by"]["turn-taking"]}
    assert list(trusted(small)["bands"]) == ["0.9 to 1.0"]


def test_the_held_out_gap_is_the_held_novel_against_the_others_mean() -> None:
    """benchmarks/quotes.py: by type, the held-out novel's accuracy minus the mean of the
    others', with a bootstrap interval around it; none where the novels score alike."""
    from benchmarks.quotes import held_out_gaps  # noqa: PLC0415

    mixed = [("Implicit", k % 4 != 0) for k in range(200)]  # three right in four
    alike = held_out_gaps({"A": mixed, "B": mixed, "C": mixed}, "C", rounds=200)
    assert alike["Implicit"]["gap"] == 0.0
    assert alike["Implicit"]["low"] < 0.0 < alike["Implicit"]["high"]
    wrong = [("Implicit", False)] * 200
    worse = held_out_gaps({"A": mixed, "B": [("Implicit", True)] * 200, "C": wrong}, "C")
    assert worse["Implicit"]["gap"] == -0.875  # 0 against (0.75 + 1.0) / 2
    assert -0.95 < worse["Implicit"]["low"] <= -0.875 <= worse["Implicit"]["high"] < -0.8


def test_a_speech_stands_where_its_dialogue_puts_it() -> None:
    """benchmarks/quotes.py: the speeches of a run's first paragraph open it; the others
    answer in a run of one, two, or three or more people; a paragraph with no speech ends
    a run; `at_the_mix` weighs the held-out novel's places by the tuned novels' shares."""
    from benchmarks.quotes import Judged, at_the_mix, by_place, places  # noqa: PLC0415

    paragraphs = ['"A."', '"B."', '"A2."', "Narration.", '"C."', '"D."', '"E."', "Then.", '"F."']
    text = "\n\n".join(paragraphs)
    starts = [text.index(p) for p in paragraphs]
    who = {0: "Ann", 1: "Bob", 2: "Ann", 4: "Cy", 5: "Dot", 6: "Eve", 8: "Fay"}
    said = [Judged("Implicit", k != 1, "turn-taking", 0.5, starts[k], w) for k, w in who.items()]
    assert places(text, said) == [
        "opening",
        "two people",
        "two people",
        "opening",
        "three or more",
        "three or more",
        "opening",
    ]
    placed = by_place(text, said)["Implicit"]
    assert placed["two people"] == {"speeches": 2, "right": 0.5}
    assert placed["opening"] == {"speeches": 3, "right": 1.0}
    assert "one person" not in placed
    held = {"opening": {"speeches": 10, "right": 0.2}, "two people": {"speeches": 10, "right": 0.8}}
    tuned = {"opening": {"speeches": 1, "right": 1.0}, "two people": {"speeches": 3, "right": 1.0}}
    assert at_the_mix(held, [tuned]) == 0.25 * 0.2 + 0.75 * 0.8


def test_a_text_told_in_the_present_keeps_its_length() -> None:
    """benchmarks/quotes.py: the cues' verbs of saying in the present tense, padded to
    their length, so that the annotations' offsets hold; other words as they were."""
    from benchmarks.quotes import present_tense  # noqa: PLC0415

    text = '"Yes," said Anna. "No," Tom replied, and he answered the door; Anna exclaimed.'
    told = present_tense(text)
    assert len(told) == len(text)
    assert told == (
        '"Yes," says Anna. "No," Tom replies, and he answers  the door; Anna exclaims .'
    )


def test_a_text_quoted_as_british_books_quote() -> None:
    """benchmarks/quotes.py: double marks single, single ones inside double, apostrophes
    the curly apostrophe, the text the same length."""
    from benchmarks.quotes import british  # noqa: PLC0415

    text = """"It said 'Lately, George Wickham,' and all on 'em don't," said he."""
    told = british(text)
    assert len(told) == len(text)
    assert told == (
        "\u2018It said \u201cLately, George Wickham,\u201d and all on \u2019em"
        " don\u2019t,\u2019 said he."
    )


def _record(half: str, recall: float) -> dict[str, object]:
    figures = {"plagdet": 0.95, "precision": 0.97, "recall": recall, "granularity": 1.0}
    fine = {"f1": 0.94, "precision": 0.95, "recall": 0.93}
    return {"half": half, "kind": "embedded", "passage": figures, "fine": fine}


def test_a_gap_is_reported_with_its_interval_by_resampling_the_tasks() -> None:
    """benchmarks/run_eval.py: the difference of two sets' means, with the interval that
    resampling their tasks gives; sets that agree task for task have none."""
    from benchmarks.run_eval import gap_interval  # noqa: PLC0415

    assert gap_interval([0.9] * 7, [0.9] * 7) == (0.0, 0.0)
    low, high = gap_interval([0.90, 0.94, 0.92, 0.96] * 5, [0.86, 0.90, 0.88, 0.92] * 2)
    assert low < -0.04 < high < 0.0
    low, high = gap_interval([0.80, 1.0] * 10, [0.75, 0.95] * 4)
    assert low < -0.05 < 0.0 < high  # as spread as the gap: not sure


def test_the_summary_pools_the_fresh_sets_and_names_the_largest_gap() -> None:
    """benchmarks/run_eval.py: the fresh sets' tasks together (`fresh*`), and each of the
    held half's and the pooled sets' gaps to the tune half by its largest figure."""
    from benchmarks.run_eval import FRESH, summary  # noqa: PLC0415

    first, second = FRESH[:2]
    records = [_record("tune", r) for r in (0.94, 0.96)] + [_record("held", 0.95)]
    records += [_record(first, 0.90), _record(second, 0.92), _record(second, 0.94)]
    rows = summary(records)
    pooled = next(r for r in rows if r.split()[:2] == ["embedded", "fresh*"])
    assert pooled.split()[2:6] == ["3", "0.950", "0.970", "0.920"]
    gaps = [r for r in rows if " gap " in r]
    assert "held vs tune: 0.000" in gaps[0]
    assert "fresh* vs tune: 0.030 (R -0.030" in gaps[1]
