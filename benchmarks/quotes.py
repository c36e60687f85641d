"""Quotations: the PDNC novels and the seeds' citations, scored, with time and memory.

Usage: python benchmarks/quotes.py [--fit]

Runs `variorum quotes` on each novel of ../shared/corpus/pdnc (dialogue in fiction) and on
the two seeds, and scores the output with ../shared/eval/score_quotes.py. PDNC annotates
speech only: each novel is scored on what `variorum quotes` writes by default (speech and
quoted words: quoted letters and scare quotes left out) and on every kind (`--kinds all`).

PDNC quotes with straight marks ("…") in hard-wrapped lines ending in \\n; a book the
engine has never seen may quote with curly ones, guillemets or low-nine marks, end its
lines in \\r\\n, put each paragraph on a line of its own, or indent paragraphs instead of
parting them by blank lines. Each novel is also rewritten so, character for character (so
the gold offsets hold; with \\r\\n, the offsets found are mapped back to the \\n file),
and scored again: every figure should be the straight one's, and `same` says what share of
the records is (span, kind and speaker) the same. And each is told again in the first
person by its main character: the cues that name that character after a speech ("…,"
said Elizabeth) say "I" instead ("…," said I), padded with spaces to the same length, and
the gold speaker stays hers.

Emma is held out from the speaker rules: after the novels, its accuracy by speech type
is set against the mean of the tuned novels', with a 90 % interval from a bootstrap over
runs of 25 speeches in a row (`held_out_gaps`).

Each speaker's `confidence` is the chance that it is right, by what found it
(`variorum/quotes/trust.py`): each novel's speeches are told by `speaker_by`, with the share
right and the mean confidence, and the Brier score of the confidence (`trusted`). `--fit`
fits that table again on the tuned novels and prints it (see `fit`).
"""

from __future__ import annotations

import ast
import bisect
import csv
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run(args: list[str], out: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "variorum", "quotes", *args, "--format", "jsonl", "-o", str(out)]
    subprocess.run(cmd, check=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": round(time.perf_counter() - t0, 2), "peak_memory_mb_so_far": round(peak)}


def score(kind: str, gold: Path, pred: Path) -> dict[str, object]:
    cmd = [
        sys.executable,
        str(SHARED / "eval" / "score_quotes.py"),
        kind,
        str(gold),
        str(pred),
        "--json",
    ]
    result: dict[str, object] = json.loads(
        subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    )
    return result


# Quoting styles a book may use: its name, the double marks that open and close, and the
# single ones (None: straight single marks and apostrophes left as they are).
STYLES = (
    ("curly", "\u201c", "\u201d", ("\u2018", "\u2019")),
    ("guillemets", "\u00ab", "\u00bb", None),
    ("low-nine", "\u201e", "\u201c", None),
    ("danish", "\u00bb", "\u00ab", None),
)


def restyled(text: str, opening: str, closing: str, single: tuple[str, str] | None) -> str:
    """`text` with its straight marks in another style, character for character: a mark
    opens where a word follows it and a space, a bracket or another mark comes before it
    (or a dash, before a word: "replied--"indeed"), and closes elsewhere; a straight
    single mark that opens so is the style's single opening mark, any other its closing
    one, which is the apostrophe too."""
    out = []
    for k, ch in enumerate(text):
        if ch not in "\"'" or (ch == "'" and single is None):
            out.append(ch)
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        opens = not after.isspace() and (
            before.isspace()
            or before in "([\"'"
            or (before in "-\u2014" and (after.isalnum() or after in "'_"))
        )
        if ch == '"':
            out.append(opening if opens else closing)
        elif single is not None:
            out.append(single[0] if opens and (after.isalnum() or after == "_") else single[1])
    return "".join(out)


# Words a straight single mark before them elides the start of ("'em", "'tis"): the mark
# is an apostrophe there, not one that opens a quotation.
_LOWER = re.compile(r"[a-z]+")
_ELISIONS = frozenset(
    ["em", "tis", "twas", "twill", "twere", "un", "ee", "cause", "till", "ere", "bout"]
)


def british(text: str) -> str:
    """`text` quoted as British books quote, character for character: each double mark a
    single curly one (as `restyled`); a straight single mark that opens a quotation
    inside one (a space or a mark before it; a capital, a mark or a word not elided,
    `_ELISIONS`, after) a double opening mark, and the next one that can close it (not
    inside a word, before a space or a stop) a double closing mark; every other one the
    curly apostrophe ("don't", "'em")."""
    out = []
    inside = False  # a quotation inside another is open
    for k, ch in enumerate(text):
        if ch == '"':
            inside = False  # the quotation around it closes or opens
        if ch != "'":
            out.append(ch)
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        found = _LOWER.match(text, k + 1)
        word = found.group() if found else ""
        if (before.isspace() or before in '(["-\u2014') and (
            after.isupper() or after == '"' or (word and word not in _ELISIONS)
        ):
            out.append("\u201c")
            inside = True
        elif inside and not (before.isalpha() and after.isalpha()) and not after.isalnum():
            out.append("\u201d")
            inside = False
        else:
            out.append("\u2019")
    return restyled("".join(out), "\u2018", "\u2019", None)


# The novel no speaker rule is tuned on (see docs/benchmarks.md).
HELD = "Emma"
# The main character of each novel, who tells it in the first person.
NARRATORS = {"PrideAndPrejudice": "Elizabeth", "Emma": "Emma", "OliverTwist": "Oliver"}


def _padded(old: str, new: str) -> str:
    """`new` in the place of `old`, padded with spaces to its length: a rewritten text
    keeps its length, so the annotations' offsets hold."""
    return new + " " * (len(old) - len(new))


def first_person(text: str, name: str, novel: Path) -> str:
    """`text` told by `name`: each cue right after a closing mark that names `name` ("…,"
    said Elizabeth / Elizabeth replied) says "I" instead, and so does each pronoun cue
    right after or before a speech the annotations of `novel` give to `name` ("…," said
    she / she replied, "…"), as a book told in the first person says it; padded with
    spaces to its length. The narration that names them otherwise is left as it is."""
    from variorum.quotes.speakers import SAYING  # noqa: PLC0415

    after = re.compile(rf'("[ ,]*)((?P<verb>{SAYING}) {re.escape(name)})\b')
    before = re.compile(rf'("[ ,]*)({re.escape(name)} (?P<verb>{SAYING}))\b')
    text = after.sub(lambda m: m[1] + _padded(m[2], m["verb"] + " I"), text)
    text = before.sub(lambda m: m[1] + _padded(m[2], "I " + m["verb"]), text)
    hers = re.compile(rf'"?[ ,]*(?:(?:{SAYING}) (?P<p>s?he)|(?P<q>[Ss]?[Hh]e) (?:{SAYING}))\b')
    leads = re.compile(rf'(?:[.!?,]\s+|\b(?:and|then) )(?P<q>[Ss]?[Hh]e) (?:{SAYING})[ ,:]*"?$')
    mine = {_words(name)}
    out = list(text)
    for names in _names(novel).values():
        if _words(name) in names:
            mine = names
    with (novel / "quotation_info.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if _words(row["speaker"]) not in mine:
                continue
            parts = ast.literal_eval(row["quoteByteSpans"])
            found = [hers.match(text, end) for _, end in parts]
            found += [leads.search(text, max(0, start - 60), start) for start, _ in parts]
            for cue in found:
                if cue is None:
                    continue
                group = "p" if cue.groupdict().get("p") is not None else "q"
                a, b = cue.span(group)
                out[a:b] = _padded(text[a:b], "I")
    return "".join(out)


# Verbs of saying in the past tense and in the present, the present no longer, so that a
# text told in the present keeps its length and the annotations' offsets hold.
PRESENT = {
    "said": "says",
    "replied": "replies",
    "asked": "asks",
    "answered": "answers",
    "continued": "continues",
    "cried": "cries",
    "exclaimed": "exclaims",
    "returned": "returns",
    "rejoined": "rejoins",
    "whispered": "whispers",
    "observed": "observes",
    "added": "adds",
    "inquired": "inquires",
    "remarked": "remarks",
    "repeated": "repeats",
    "resumed": "resumes",
    "retorted": "retorts",
    "demanded": "demands",
    "interposed": "interposes",
    "muttered": "mutters",
    "growled": "growls",
    "urged": "urges",
    "pursued": "pursues",
}
_PAST = re.compile(
    r"""((?:["\u201d][ \t]*,?[ \t]*)|\b(?:he|she|[A-Z][a-z]+)[ \t])(""" + "|".join(PRESENT) + r")\b"
)


def present_tense(text: str) -> str:
    """`text` told in the present tense where its speakers are told: each verb of
    `PRESENT` right after a closing mark ("…," said Anna) or after a name, "he" or
    "she" ("Anna replied") in the present ("says Anna", "Anna replies"), padded with
    spaces to its length."""
    return _PAST.sub(lambda m: m[1] + _padded(m[2], PRESENT[m[2]]), text)


def without_cr(pred: Path, text: str) -> None:
    """Rewrite the quotation records of `pred`, offsets into `text` with its line ends
    as \\r\\n, with offsets into `text` as it is (\\n)."""
    # Where each \r stands in the text as written: before each \n, shifted by those before.
    returns = [k + n for n, k in enumerate(k for k, ch in enumerate(text) if ch == "\n")]
    _mapped_back(pred, lambda at: at - bisect.bisect_left(returns, at))


def with_hyphens(pred: Path, text: str) -> None:
    """Rewrite the quotation records of `pred`, offsets into `text` with each "--" made
    one dash (\u2014), with offsets into `text` as it is."""
    # Where each dash stands in the text as rewritten: each "--" before it is one shorter.
    dashes = [m.start() - n for n, m in enumerate(re.finditer("--", text))]
    _mapped_back(pred, lambda at: at + bisect.bisect_left(dashes, at))


def _mapped_back(pred: Path, back: Callable[[int], int]) -> None:
    """Rewrite the quotation records of `pred` with their offsets as `back` maps them."""
    with pred.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    with pred.open("w", encoding="utf-8") as fh:
        for row in rows:
            if row.get("type") == "quotation":
                row["start"], row["end"] = back(row["start"]), back(row["end"])
            fh.write(json.dumps(row) + "\n")


def variant(novel: Path, label: str, text: str, out: Path) -> tuple[Path, Path]:
    """Run `variorum quotes` on `text`, a rewriting of `novel`, written beside the
    novel's annotations (in out/quote-styles/NOVEL-LABEL) as the scorer reads them: that
    folder, and the predictions' path."""
    folder = out / "quote-styles" / f"{novel.name}-{label}"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "novel_text.txt").open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    for name in ("quotation_info.csv", "character_info.csv"):
        shutil.copyfile(novel / name, folder / name)
    pred = out / f"quotes-{novel.name}-{label.replace(' ', '-')}.jsonl"
    run([str(folder / "novel_text.txt")], pred)
    return folder, pred


def by_lines(text: str) -> str:
    """`text` with each paragraph on a line of its own and no blank line between, as long
    as it is: a line break inside a paragraph becomes a space, a blank line spaces and one
    line break."""
    return re.sub(
        r"\n[ \t]*\n|\n",
        lambda m: " " * (len(m.group()) - 1) + "\n" if len(m.group()) > 1 else " ",
        text,
    )


def _words(name: object) -> str:
    """A name as the scorer compares names: lower case, word characters only."""
    return " ".join(re.findall(r"\w+", str(name or "").lower()))


def _names(novel: Path) -> dict[str, set[str]]:
    """Each character of a PDNC novel by main name, with the names it may be called by
    (main name and aliases) as the scorer compares them."""
    names: dict[str, set[str]] = {}
    with (novel / "character_info.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            aliases = {row["Main Name"], *ast.literal_eval(row["Aliases"] or "[]")}
            names[row["Main Name"]] = {_words(a) for a in aliases}
    return names


def _quotations(pred: Path) -> tuple[list[tuple[int, int, dict[str, Any]]], list[int]]:
    """The quotation records of `pred` as (start, end, record), in order of their
    starts, and the starts alone (to find them by bisection)."""
    with pred.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    spans = sorted(
        ((r["start"], r["end"], r) for r in rows if r.get("type") == "quotation"),
        key=lambda span: (span[0], span[1]),
    )
    return spans, [s for s, _, _ in spans]


class Judged(NamedTuple):
    """An annotated speech as `judged` reads it: its type, whether its speaker is right,
    and what found that speaker and how sure it is (`speaker_by`, `confidence`)."""

    kind: str
    right: bool
    by: str | None
    confidence: float
    at: int = 0  # where the speech starts
    speaker: str = ""  # its annotated speaker


def outcomes(novel: Path, pred: Path) -> list[tuple[str, bool]]:
    """The annotated speeches of a PDNC novel in order, each with its type ("Explicit",
    "Anaphoric", "Implicit") and whether `pred` gives its speaker (see `judged`)."""
    return [(j.kind, j.right) for j in judged(novel, pred)]


def judged(novel: Path, pred: Path) -> list[Judged]:
    """The annotated speeches of a PDNC novel in order, each with its type, whether
    `pred` gives its speaker, and the `speaker_by` and `confidence` of the record that
    does, read as `score_quotes.py` reads them: the prediction that covers most of the
    speech's letters and digits names the annotated speaker or one of its aliases. A
    speech the predictions cover less than half of is not found, and left out."""
    text = (novel / "novel_text.txt").read_text(encoding="utf-8")
    alnum = [0]  # how many letters and digits come before each position
    for ch in text:
        alnum.append(alnum[-1] + ch.isalnum())
    names = _names(novel)
    spans, starts = _quotations(pred)
    out: list[tuple[int, Judged]] = []
    with (novel / "quotation_info.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            parts = [(a, b) for a, b in ast.literal_eval(row["quoteByteSpans"])]
            size = sum(alnum[b] - alnum[a] for a, b in parts)
            if not size:
                continue
            lo, hi = min(a for a, _ in parts), max(b for _, b in parts)
            k = bisect.bisect_right(starts, hi)
            best: dict[str, Any] = {}
            most, covered = 0, []
            for start, end, record in spans[max(0, k - 50) : k]:
                pieces = [
                    (max(a, start), min(b, end)) for a, b in parts if max(a, start) < min(b, end)
                ]
                mine = sum(alnum[b] - alnum[a] for a, b in pieces)
                covered += pieces
                if mine > most:
                    best, most = record, mine
            union, reach = 0, -1
            for a, b in sorted(covered):  # the letters and digits any prediction covers
                first = max(a, reach)
                if b > first:
                    union += alnum[b] - alnum[first]
                    reach = b
            if most and 2 * union >= size:
                who = _words(best.get("speaker"))
                right = who in names.get(row["speaker"], {_words(row["speaker"])})
                by, sure = best.get("speaker_by"), float(best.get("confidence") or 0.0)
                out.append((lo, Judged(row["quoteType"], right, by, sure, lo, row["speaker"])))
    return [j for _, j in sorted(out, key=lambda o: o[0])]


def held_out_gaps(
    results: dict[str, list[tuple[str, bool]]],
    held: str,
    rounds: int = 1000,
    block: int = 25,
    seed: int = 0,
) -> dict[str, dict[str, float]]:
    """By speech type: how far the accuracy of the `held` novel is from the mean of the
    others' (`gap`, held minus mean: negative where the held-out novel scores lower), with
    a 90 % interval (`low`, `high`) from a block bootstrap. Each novel's speeches
    (`outcomes`) are cut into runs of `block` in a row, and each round draws as many runs
    of each novel with replacement: a dialogue's speeches are right or wrong together,
    so single speeches drawn alone would make the interval too narrow."""
    rng = random.Random(seed)
    runs = {
        novel: [said[k : k + block] for k in range(0, len(said), block)]
        for novel, said in results.items()
    }
    kinds = sorted({kind for said in results.values() for kind, _ in said})

    def gaps(drawn: dict[str, list[list[tuple[str, bool]]]]) -> dict[str, float]:
        out: dict[str, float] = {}
        for kind in kinds:
            accuracy: dict[str, float] = {}
            for novel, chosen in drawn.items():
                marks = [right for run in chosen for k, right in run if k == kind]
                accuracy[novel] = sum(marks) / len(marks) if marks else 0.0
            others = [a for novel, a in accuracy.items() if novel != held]
            out[kind] = accuracy[held] - sum(others) / len(others)
        return out

    point = gaps(runs)
    drawn = [
        gaps({novel: rng.choices(chosen, k=len(chosen)) for novel, chosen in runs.items()})
        for _ in range(rounds)
    ]
    out: dict[str, dict[str, float]] = {}
    for kind in kinds:
        values = sorted(d[kind] for d in drawn)
        out[kind] = {
            "gap": round(point[kind], 4),
            "low": round(values[int(0.05 * (rounds - 1))], 4),
            "high": round(values[int(0.95 * (rounds - 1))], 4),
        }
    return out


PLACES = ("opening", "one person", "two people", "three or more")


def places(text: str, said: list[Judged]) -> list[str]:
    """Where each speech of `said` (in order) stands in its dialogue: a run of paragraphs
    in a row that each hold a speech. The speeches of a run's first paragraph open it
    ("opening": no turn before tells who speaks); the others answer, in a run of one, two,
    or three or more people (by the annotated speakers of the run)."""
    breaks = [m.end() for m in re.finditer(r"\n[ \t]*\n", text)]
    paras = [bisect.bisect_right(breaks, j.at) for j in said]
    runs: list[list[int]] = []  # positions in `said`, by run
    for k, para in enumerate(paras):
        if runs and paras[runs[-1][-1]] in (para, para - 1):
            runs[-1].append(k)
        else:
            runs.append([k])
    out = [""] * len(said)
    for run in runs:
        people = len({said[k].speaker for k in run})
        for k in run:
            if paras[k] == paras[run[0]]:
                out[k] = "opening"
            else:
                out[k] = PLACES[min(people, 3)]
    return out


def by_place(text: str, said: list[Judged]) -> dict[str, dict[str, dict[str, float]]]:
    """By speech type and by where the speech stands in its dialogue (`places`): how many
    speeches and the share whose speaker is right."""
    tally: dict[str, dict[str, list[bool]]] = {}
    for j, place in zip(said, places(text, said), strict=True):
        tally.setdefault(j.kind, {}).setdefault(place, []).append(j.right)
    return {
        kind: {
            place: {"speeches": len(marks), "right": round(sum(marks) / len(marks), 4)}
            for place in PLACES
            if (marks := tallied.get(place))
        }
        for kind, tallied in sorted(tally.items())
    }


def at_the_mix(
    held: dict[str, dict[str, float]], tuned: list[dict[str, dict[str, float]]]
) -> float:
    """The held-out novel's accuracy for one speech type as it would be if its speeches
    stood where the tuned novels' do (`by_place` of each, for that type): its accuracy at
    each place, weighed by the mean of the tuned novels' shares of that place. The gap it
    leaves is what the held-out novel's turn-taking loses at the same places; the rest of
    the gap is where its speeches stand."""
    shares: dict[str, float] = {}
    for novel in tuned:
        total = sum(p["speeches"] for p in novel.values())
        for place, p in novel.items():
            shares[place] = shares.get(place, 0.0) + p["speeches"] / total / len(tuned)
    weight = sum(w for place, w in shares.items() if place in held)
    return sum(w * held[place]["right"] for place, w in shares.items() if place in held) / weight


def addressees(novel: Path, pred: Path) -> dict[str, object]:
    """How the addressees of `pred` (variorum's quotation records of a PDNC novel) match
    the annotated ones. Of the annotated speeches with an addressee, the prediction that
    overlaps most is compared: `addressee_named`, the share that names one; and
    `addressee_right`, of those named, the share that is one of the annotated
    addressees (by its main name or an alias)."""
    names = _names(novel)
    spans, starts = _quotations(pred)
    asked = named = right = 0
    with (novel / "quotation_info.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold = ast.literal_eval(row["addressees"] or "[]")
            if not gold:
                continue
            parts = ast.literal_eval(row["quoteByteSpans"])
            lo, hi = parts[0][0], parts[-1][1]
            k = bisect.bisect_right(starts, hi)
            best, overlap = None, 0
            for start, end, record in spans[max(0, k - 20) : k]:
                if min(end, hi) - max(start, lo) > overlap:
                    best, overlap = record.get("addressee"), min(end, hi) - max(start, lo)
            asked += 1
            if best is None:
                continue
            named += 1
            right += any(_words(best) in names.get(g, {_words(g)}) for g in gold)
    return {
        "addressee_named": round(named / asked, 4) if asked else 0.0,
        "addressee_right": round(right / named, 4) if named else 0.0,
        "gold_with_addressee": asked,
    }


# What finds a speaker named by its cue ("said Elizabeth", "…," said I, a citation's
# author): the baselines keep it, and guess every other one.
NAMED = frozenset(("cue", "narrator", "citation"))
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def baseline(rows: list[dict[str, Any]], text: str, rule: str) -> list[dict[str, Any]]:
    """The quotation records `rows` of `text` (in order) with the speaker of every speech
    not named by its cue given by a baseline, from the speakers before it as the baseline
    gave them: `rule` "last speaker", the speaker of the speech before; "alternation",
    in a new paragraph the last speaker before that one other than it (in the same
    paragraph, the speech before's)."""
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    out: list[dict[str, Any]] = []
    said: list[tuple[str, int]] = []  # (speaker, paragraph) of the speeches so far
    for original in rows:
        row = dict(original)
        out.append(row)
        if row.get("type") != "quotation" or row.get("kind") != "quotation":
            continue
        para = bisect.bisect_right(breaks, row["start"])
        if row.get("speaker_by") not in NAMED:
            guess = said[-1][0] if said else None
            if rule == "alternation" and said and said[-1][1] != para:
                guess = next((s for s, _ in reversed(said) if s != said[-1][0]), guess)
            row["speaker"] = guess
        if row["speaker"] is not None:
            said.append((row["speaker"], para))
    return out


def same_share(a: Path, b: Path) -> float:
    """The share of the quotation records of `a` that `b` has alike: span, kind, speaker."""

    def records(path: Path) -> set[tuple[object, ...]]:
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        return {
            (r["start"], r["end"], r["kind"], r.get("speaker"))
            for r in rows
            if r.get("type") == "quotation"
        }

    first, second = records(a), records(b)
    return round(len(first & second) / max(1, len(first)), 4)


# The bands of confidence `trusted` tells the speeches by (the last holds 1.0 too).
BANDS = ((0.0, 0.6), (0.6, 0.75), (0.75, 0.9), (0.9, 1.0))


def trusted(said: list[Judged]) -> dict[str, Any]:
    """How the speakers' `confidence` holds on a novel's speeches (`judged`): its Brier
    score (the mean squared distance from 1 where the speaker is right, from 0 where it
    is wrong; lower is better), and, by what found the speaker (`speaker_by`) and by
    band of confidence (`BANDS`), the speeches, the share right and the mean confidence."""
    brier = sum((j.confidence - j.right) ** 2 for j in said) / len(said) if said else 0.0
    by: dict[str, list[Judged]] = {}
    bands: dict[str, list[Judged]] = {}
    for j in said:
        by.setdefault(j.by or "none", []).append(j)
        band = next(f"{lo} to {hi}" for lo, hi in BANDS if j.confidence < hi or hi == 1.0)
        bands.setdefault(band, []).append(j)

    def told(these: list[Judged]) -> dict[str, float]:
        return {
            "speeches": len(these),
            "right": round(sum(j.right for j in these) / len(these), 3),
            "confidence": round(sum(j.confidence for j in these) / len(these), 3),
        }

    return {
        "brier": round(brier, 4),
        "by": {rule: told(these) for rule, these in sorted(by.items())},
        "bands": {band: told(these) for band, these in sorted(bands.items())},
    }


# How many speeches' weight draws a rule's share right toward all speeches', and a
# level's toward its rule's (see fit).
PRIOR = 10.0


def fit(said: dict[str, list[Judged]]) -> tuple[float, dict[str, float], dict[Any, float]]:
    """The table of `variorum/quotes/trust.py` from the speeches of the tuned novels
    (`judged`, their `confidence` the rules' levels): the share right of all speeches,
    of each rule, and of each rule at each level, the novels weighed alike (each as a
    thousand speeches), a rule drawn toward all speeches and a level toward its rule by
    `PRIOR` speeches' weight."""
    total: dict[Any, float] = {}
    right: dict[Any, float] = {}
    for judgments in said.values():
        found = [j for j in judgments if j.by is not None]
        if not found:
            continue
        weight = 1000 / len(found)
        for j in found:
            for key in ("all", j.by, (j.by, round(j.confidence, 1))):
                total[key] = total.get(key, 0.0) + weight
                right[key] = right.get(key, 0.0) + weight * j.right
    overall = right["all"] / total["all"]
    rules = {
        k: round((right[k] + PRIOR * overall) / (total[k] + PRIOR), 3)
        for k in total
        if isinstance(k, str) and k != "all"
    }
    levels = {
        k: round((right[k] + PRIOR * rules[k[0]]) / (total[k] + PRIOR), 3)
        for k in total
        if isinstance(k, tuple)
    }
    return round(overall, 3), rules, levels


def _refit(novels: list[Path], out: Path) -> None:
    """Read the tuned novels' speakers at the rules' levels, fit the table and print it."""
    from variorum.quotes import read_speakers  # noqa: PLC0415
    from variorum.report.quotes import write_quotes  # noqa: PLC0415

    said: dict[str, list[Judged]] = {}
    for novel in novels:
        text = (novel / "novel_text.txt").read_text(encoding="utf-8")
        pred = out / f"quotes-{novel.name}-levels.jsonl"
        with pred.open("w", encoding="utf-8") as fh:
            write_quotes(read_speakers(novel.name, text), [], "jsonl", fh)
        said[novel.name] = judged(novel, pred)
    overall, rules, levels = fit(said)
    names = ", ".join(n.name for n in novels)
    print(f"# Fitted by `python benchmarks/quotes.py --fit` on {names} (all speeches: {overall}).")
    print("BY_RULE: dict[str, float] = {")
    for rule, share in sorted(rules.items()):
        print(f"    {json.dumps(rule)}: {share},")
    print("}")
    print("BY_LEVEL: dict[tuple[str, float], float] = {")
    for (rule, level), share in sorted(levels.items()):
        print(f"    ({json.dumps(rule)}, {level}): {share},")
    print("}")


def main() -> int:
    if not SHARED.is_dir():
        sys.stderr.write(f"{SHARED} not found: this benchmark needs ../shared\n")
        return 2
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    novels = sorted((SHARED / "corpus" / "pdnc").iterdir())
    if "--fit" in sys.argv[1:]:
        _refit([n for n in novels if n.name != HELD], out)
        return 0
    results: dict[str, list[tuple[str, bool]]] = {}
    placed: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    for novel in novels:
        # PDNC annotates speech: the default output (speech and quoted words), as the
        # issue scores it, and every kind (letters and scare quotes too) for reference.
        for label, extra in (("default", []), ("all kinds", ["--kinds", "all"])):
            pred = out / f"quotes-{novel.name}{'-all' if extra else ''}.jsonl"
            timing = run([str(novel / "novel_text.txt"), *extra], pred)
            scores = score("pdnc", novel, pred) | addressees(novel, pred)
            print(json.dumps({"novel": novel.name, "records": label, **timing, **scores}))
        straight = out / f"quotes-{novel.name}.jsonl"
        said = judged(novel, straight)
        results[novel.name] = [(j.kind, j.right) for j in said]
        text = (novel / "novel_text.txt").read_text(encoding="utf-8")
        # where the speeches stand in their dialogues, and how often each place is right
        placed[novel.name] = by_place(text, said)
        print(json.dumps({"novel": novel.name, "speakers": "by place", **placed[novel.name]}))
        # how far to trust each speaker: the confidence against the speaker being right
        print(json.dumps({"novel": novel.name, "speakers": "trusted", **trusted(said)}))
        # The baselines the turn-taking should beat: the speakers named by their cues
        # kept, every other speech given to the last speaker, or by alternation.
        with straight.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        for rule in ("last speaker", "alternation"):
            pred = out / f"quotes-{novel.name}-{rule.replace(' ', '-')}.jsonl"
            with pred.open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(row) + "\n" for row in baseline(rows, text, rule))
            print(json.dumps({"novel": novel.name, "baseline": rule, **score("pdnc", novel, pred)}))
        rewritten = [
            (style, restyled(text, opening, closing, single))
            for style, opening, closing, single in STYLES
        ]
        # Lines ended as Windows and Project Gutenberg end them (\r\n), a paragraph on each
        # line (as e-books export them), no blank lines but the first line of each
        # paragraph indented (with a tab, as long as the blank line was), and each "--"
        # one dash, as typeset books write it.
        indented = re.sub(r"\n[ \t]*\n", lambda m: "\n" + "\t" * (len(m.group()) - 1), text)
        rewritten += [
            ("british", british(text)),
            ("crlf", text.replace("\n", "\r\n")),
            ("a paragraph a line", by_lines(text)),
            ("indented", indented),
            ("dashes", text.replace("--", "\u2014")),
        ]
        for style, styled in rewritten:
            folder, pred = variant(novel, style, styled, out)
            if style == "crlf":  # the scorer reads the file with \n: offsets mapped back
                without_cr(pred, text)
            if style == "dashes":  # offsets mapped back, scored on the novel as it is
                with_hyphens(pred, text)
                folder = novel
            scores = score("pdnc", folder, pred)
            same = same_share(straight, pred)
            print(json.dumps({"novel": novel.name, "style": style, "same": same, **scores}))
        if novel.name in NARRATORS:
            narrator = NARRATORS[novel.name]
            folder, pred = variant(novel, "first-person", first_person(text, narrator, novel), out)
            scores = score("pdnc", folder, pred)
            print(json.dumps({"novel": novel.name, "told by": narrator, **scores}))
        folder, pred = variant(novel, "present-tense", present_tense(text), out)
        print(
            json.dumps({"novel": novel.name, "told in": "present", **score("pdnc", folder, pred)})
        )
    if HELD in results and len(results) > 1:
        # The held-out novel against the mean of the tuned ones, by speech type, with how
        # sure that gap is (default records).
        for kind, gap in held_out_gaps(results, HELD).items():
            print(json.dumps({"held_out": HELD, "type": kind, **gap, "interval": "90 %"}))
        # The same gap with the held-out novel's speeches standing where the tuned
        # novels' do: how much of it is the places, how much the turn-taking at them.
        tuned = [placed[n] for n in placed if n != HELD]
        for kind, held in placed[HELD].items():
            mine = at_the_mix(held, [t[kind] for t in tuned if kind in t])
            mean = sum(
                sum(p["speeches"] * p["right"] for p in t[kind].values())
                / sum(p["speeches"] for p in t[kind].values())
                for t in tuned
            ) / len(tuned)
            print(
                json.dumps(
                    {
                        "held_out": HELD,
                        "type": kind,
                        "at the tuned places": round(mine, 4),
                        "gap": round(mine - mean, 4),
                    }
                )
            )
    seeds = SHARED / "corpus" / "seeds"
    pred = out / "quotes-seeds.jsonl"
    timing = run(
        [str(seeds / "martens-1995-en.txt"), str(seeds / "martens-2019-retranslation-en.txt")], pred
    )
    print(
        json.dumps(
            {"seeds": True, **timing, **score("citations", seeds / "quotations.gold.json", pred)}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
