"""Collation: N witnesses of one text aligned word by word into variant locations.

Every witness is aligned with the base witness (the first, or the one chosen) cell by
cell (`collation.align`); the base's cells and the gaps between them are the columns, and
each witness reads, at a base cell, the cell aligned with it (or nothing) and, in a gap,
the cells it has there that the base lacks. Runs of columns where every witness reads
the same text are the text all share; the runs between them are variant locations, with
one reading per distinct text. Each witness's readings, in order, are its text exactly:
nothing is normalised away, normalisation only decides which cells correspond.

A passage one witness has in another order than the base is a move: both places are
variant locations, and `Collation.moves` pairs them.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Sequence

from variorum.collation.align import Cells, cells, matches, moves
from variorum.errors import OptionError
from variorum.types import Collation, Document, Location, Move, Normalisation, Reading, Span

__all__ = ["collate", "group_of", "siglum", "texts"]

NORMALISATIONS: tuple[Normalisation, ...] = ("words", "case", "none", "meaning")


def siglum(path: str) -> str:
    """A witness's siglum from its file name: what follows the stem's last underscore
    (`Ch1-100_1859.txt` -> `w1859`), else the stem; made an XML name (`w` before a
    leading digit, other characters as `-`)."""
    return _xml_name(_name_parts(path)[1], "w")


def group_of(path: str) -> str:
    """The text a witness file is of, from its name: what precedes the stem's last
    underscore (`Ch1-100_1859.txt` -> `Ch1-100`), else the stem; made an XML name."""
    return _xml_name(_name_parts(path)[0], "t")


def _name_parts(path: str) -> tuple[str, str]:
    """A file name's stem cut at its last underscore: what precedes and what follows it,
    each the whole stem where it would be empty."""
    stem = os.path.splitext(os.path.basename(path.rstrip("/\\")))[0]
    text, _, witness = stem.rpartition("_")
    return text or stem, witness or stem


def _xml_name(name: str, lead: str) -> str:
    """`name` as an XML name: other characters as `-`, `lead` before a leading digit."""
    name = re.sub(r"[^\w.-]", "-", name)
    return name if re.match(r"[^\W\d]", name) else f"{lead}{name}"


def collate(
    witnesses: Sequence[Document],
    base: str | None = None,
    normalisation: Normalisation = "words",
) -> Collation:
    """The collation of `witnesses` (their ids are the sigla) against `base`: an id, or
    "auto", the witness that shares the most words with all the others (the one nearest
    to every other, by the same alignment; at sentence level, the first); default: the
    first witness."""
    ids = [w.id for w in witnesses]
    if len(witnesses) < 2:
        msg = "collate needs at least two witnesses"
        raise OptionError(msg)
    if len(set(ids)) < len(ids):
        twice = sorted({d for d in ids if ids.count(d) > 1})
        msg = f"two witnesses have the siglum {twice[0]!r}: give --sigla"
        raise OptionError(msg)
    if normalisation not in NORMALISATIONS:
        msg = f"normalisation {normalisation!r}: choose one of {', '.join(NORMALISATIONS)}"
        raise OptionError(msg)
    if base == AUTO_BASE and AUTO_BASE not in ids:
        base = _central(witnesses, normalisation)
    base = base if base is not None else ids[0]
    if base not in ids:
        msg = f"--base {base!r} is none of the witnesses ({', '.join(ids)})"
        raise OptionError(msg)
    order = [ids.index(base)] + [k for k in range(len(ids)) if ids[k] != base]
    docs = [witnesses[k] for k in order]
    together: list[bool] | None = None
    moved: list[tuple[Move, tuple[int, range, range]]] = []
    if normalisation == "meaning":
        from variorum.collation.sentences import beads, sentence_cells  # noqa: PLC0415  (a model)

        cut = [sentence_cells(d) for d in docs]
        found = [beads(docs[0], cut[0], d, c) for d, c in zip(docs[1:], cut[1:], strict=True)]
        columns = _columns(cut, [[(b[0], b[2]) for b in bs] for bs in found])
        together = _in_beads(columns, found)
        locations = _locations(docs, cut, columns, moved, together)
    else:
        locations, moved = _by_words(docs, normalisation, with_moves=True)
        locations = _refined(locations, [d.id for d in docs], normalisation)
    return Collation(
        tuple(witnesses), base, normalisation, tuple(locations), tuple(m for m, _ in moved)
    )


def _by_words(
    docs: Sequence[Document], normalisation: Normalisation, *, with_moves: bool
) -> tuple[list[Location], list[tuple[Move, tuple[int, range, range]]]]:
    """The locations (and moves) of witnesses aligned word by word with the first."""
    cut = [cells(d.text, normalisation) for d in docs]
    pairs = [matches(cut[0].keys, c.keys) for c in cut[1:]]
    columns = _columns(cut, pairs)
    moved = _moves(docs, cut, pairs) if with_moves else []
    return _locations(docs, cut, columns, moved, None), moved


def _refined(
    locations: list[Location], order: Sequence[str], normalisation: Normalisation
) -> list[Location]:
    """Each variant location's readings aligned with each other, word by word, the longest
    first (the base's alignment saw each only against the base): where some witnesses
    agree against others inside it, it splits into finer locations, themselves refined
    the same way. Shared runs that then meet are one."""
    rank = {w: k for k, w in enumerate(order)}
    out: list[Location] = []
    for loc in locations:
        parts = _split(loc, rank, normalisation) if loc.varies and len(loc.readings) > 2 else [loc]
        for part in parts:
            if out and not part.varies and not out[-1].varies:
                out[-1] = _joined(out[-1], part)
            else:
                out.append(part)
    return out


def _split(loc: Location, rank: dict[str, int], normalisation: Normalisation) -> list[Location]:
    by_length = sorted(range(len(loc.readings)), key=lambda k: -len(loc.readings[k].text))
    docs = [Document(str(k), loc.readings[k].text) for k in by_length]
    sub, _ = _by_words(docs, normalisation, with_moves=False)
    if len(sub) > 1:  # each part is shorter than the whole: the recursion ends
        sub = _refined(sub, [d.id for d in docs], normalisation)
    if len(sub) < 2:
        return [loc]
    out = []
    for part in sub:
        readings = []
        for r in part.readings:
            held = sorted(
                (
                    (w, Span(w, outer.start + span.start, outer.start + span.end))
                    for rid, span in zip(r.witnesses, r.spans, strict=True)
                    for w, outer in zip(
                        loc.readings[int(rid)].witnesses, loc.readings[int(rid)].spans, strict=True
                    )
                ),
                key=lambda ws: rank[ws[0]],
            )
            readings.append(Reading(tuple(w for w, _ in held), r.text, tuple(s for _, s in held)))
        readings.sort(key=lambda r: rank[r.witnesses[0]])
        out.append(Location(tuple(readings), part.varies, loc.moves))
    return out


def _joined(x: Location, y: Location) -> Location:
    """Two shared runs that meet, as one."""
    rx, ry = x.readings[0], y.readings[0]
    spans = tuple(Span(a.doc, a.start, b.end) for a, b in zip(rx.spans, ry.spans, strict=True))
    moves = tuple(sorted(set(x.moves) | set(y.moves)))
    return Location((Reading(rx.witnesses, rx.text + ry.text, spans),), False, moves)


AUTO_BASE = "auto"


def _central(witnesses: Sequence[Document], normalisation: Normalisation) -> str:
    """The witness with the most cells matched against all the others (the first of
    those tied); at sentence level, the first witness."""
    if normalisation == "meaning":
        return witnesses[0].id
    cut = [cells(w.text, normalisation).keys for w in witnesses]
    shared = [0] * len(witnesses)
    for x in range(len(witnesses)):
        for y in range(x + 1, len(witnesses)):
            common = len(matches(cut[x], cut[y]))
            shared[x] += common
            shared[y] += common
    return witnesses[shared.index(max(shared))].id


# A column: for each witness (in base-first order), the range of its cells read there.
Column = list[tuple[int, int]]


def _columns(cut: Sequence[Cells], pairs: Sequence[Sequence[tuple[int, int]]]) -> list[Column]:
    """Gap 0, base cell 0, gap 1, ..., base cell n - 1, gap n: each witness's cells there,
    from the pairs (base cell, witness cell) that correspond, increasing in both."""
    n = len(cut[0])
    columns: list[Column] = [[(0, 0)] * len(cut) for _ in range(2 * n + 1)]
    for k in range(n + 1):
        columns[2 * k][0] = (k, k)  # the base reads nothing in a gap
        if k < n:
            columns[2 * k + 1][0] = (k, k + 1)
    for w in range(1, len(cut)):
        # Witness cells after the last base cell matched before them go to its gap.
        j = 0
        last = -1
        for i, jm in [*pairs[w - 1], (n, len(cut[w]))]:
            columns[2 * (last + 1)][w] = (j, jm)
            if i < n:
                columns[2 * i + 1][w] = (jm, jm + 1)
            last, j = i, jm + 1
        # Where an empty column lies between filled ones, its empty range sits where the
        # witness is at that point.
        at = 0
        for col in columns:
            lo, hi = col[w]
            col[w] = (lo, hi) if hi > lo else (at, at)
            at = max(at, hi)
    return columns


def _moves(
    docs: Sequence[Document], cut: Sequence[Cells], pairs: Sequence[Sequence[tuple[int, int]]]
) -> list[tuple[Move, tuple[int, range, range]]]:
    """The moves of every witness: each with (witness, base cells, witness cells)."""
    moved = []
    b = cut[0].bounds
    for w in range(1, len(docs)):
        c = cut[w].bounds
        for i, jw, size_a, size_b in moves(cut[0].keys, cut[w].keys, pairs[w - 1]):
            move = Move(
                Span(docs[0].id, b[i], b[i + size_a]),
                Span(docs[w].id, c[jw], c[jw + size_b]),
                max(size_a, size_b),
            )
            moved.append((move, (w, range(i, i + size_a), range(jw, jw + size_b))))
    return moved


def _in_beads(
    columns: list[Column], found: Sequence[Sequence[tuple[int, int, int, int]]]
) -> list[bool]:
    """For each column, whether it belongs to the location of the column before: a base
    sentence past the first of a bead, or a gap holding only a bead's further sentences."""
    inside_base: set[int] = set()
    inside: list[set[int]] = [set()]
    for bs in found:
        mine: set[int] = set()
        for i0, i1, j0, j1 in bs:
            inside_base.update(range(i0 + 1, i1))
            mine.update(range(j0 + 1, j1))
        inside.append(mine)
    out = []
    for c, col in enumerate(columns):
        if c % 2:  # base sentence c // 2
            out.append(c // 2 in inside_base)
        else:
            filled = [(w, lo, hi) for w, (lo, hi) in enumerate(col) if hi > lo]
            out.append(c > 0 and all(set(range(lo, hi)) <= inside[w] for w, lo, hi in filled))
    return out


def _locations(
    docs: Sequence[Document],
    cut: Sequence[Cells],
    columns: list[Column],
    moved: list[tuple[Move, tuple[int, range, range]]],
    together: list[bool] | None,
) -> list[Location]:
    """Runs of columns where every witness reads the same text, and the variant runs
    between them (a run as long as the witnesses divide the same way); or, where
    `together` says which column joins the one before (sentence level), one location a
    run so joined."""
    texts = [d.text for d in docs]

    def read(w: int, lo: int, hi: int) -> tuple[int, int]:
        return cut[w].bounds[lo], cut[w].bounds[hi]

    def pattern(col: Column) -> tuple[int, ...]:
        """Which witnesses read alike here: for each, the first witness reading as it does
        (all 0: every witness reads the same)."""
        spans = [read(w, lo, hi) for w, (lo, hi) in enumerate(col)]
        seen: dict[str, int] = {}
        return tuple(seen.setdefault(texts[w][s:e], w) for w, (s, e) in enumerate(spans))

    index = _Moves(moved, len(docs))
    out: list[Location] = []
    run: list[Column] = []
    varies = False
    last: tuple[int, ...] = ()
    for c, col in enumerate(columns):
        if all(hi == lo for lo, hi in col):
            continue  # a gap no witness fills
        groups = pattern(col)
        agrees = not any(groups)
        if together is not None:
            if run and not together[c]:
                out.append(_location(docs, cut, run, varies, index))
                run, varies = [], False
            run.append(col)
            varies = varies or not agrees
            continue
        # A variant location goes on while the witnesses divide the same way: "look to"
        # against "compare" is one; "much more" / "more" / (nothing) is two.
        if run and (agrees == varies or (not agrees and groups != last)):
            out.append(_location(docs, cut, run, varies, index))
            run = []
        run.append(col)
        varies, last = not agrees, groups
    if run:
        out.append(_location(docs, cut, run, varies, index))
    return out


def _location(
    docs: Sequence[Document],
    cut: Sequence[Cells],
    run: list[Column],
    varies: bool,
    moved: _Moves,
) -> Location:
    spans: list[Span] = []
    for w, doc in enumerate(docs):
        lo, hi = run[0][w][0], run[-1][w][1]
        spans.append(Span(doc.id, cut[w].bounds[lo], cut[w].bounds[hi]))
    by_text: dict[str, list[int]] = {}
    for w, s in enumerate(spans):
        by_text.setdefault(docs[w].text[s.start : s.end], []).append(w)
    readings = tuple(
        Reading(tuple(docs[w].id for w in ws), text, tuple(spans[w] for w in ws))
        for text, ws in by_text.items()
    )
    involved = tuple(
        sorted({m for w in range(len(docs)) for m in moved.meeting(w, run[0][w][0], run[-1][w][1])})
    )
    return Location(readings, varies, involved)


class _Moves:
    """The moves' cell ranges in each witness (0: the base side), for lookups by range."""

    def __init__(self, moved: list[tuple[Move, tuple[int, range, range]]], count: int) -> None:
        self.ranges: list[list[tuple[int, int, int]]] = [[] for _ in range(count)]
        for m, (_, (w, in_base, in_witness)) in enumerate(moved):
            self.ranges[0].append((in_base.start, in_base.stop, m))
            self.ranges[w].append((in_witness.start, in_witness.stop, m))
        for r in self.ranges:
            r.sort()
        self.starts = [[start for start, _, _ in r] for r in self.ranges]
        self.longest = [max((stop - start for start, stop, _ in r), default=0) for r in self.ranges]

    def meeting(self, w: int, lo: int, hi: int) -> set[int]:
        """The moves with cells in witness w's cells lo:hi."""
        starts, ranges = self.starts[w], self.ranges[w]
        first = bisect_left(starts, lo - self.longest[w])
        return {m for start, stop, m in ranges[first : bisect_left(starts, hi)] if stop > lo}


def texts(collation: Collation) -> dict[str, str]:
    """Each witness's text, put together from the collation's readings in order."""
    parts: dict[str, list[str]] = {w.id: [] for w in collation.witnesses}
    for location in collation.locations:
        for reading in location.readings:
            for w in reading.witnesses:
                parts[w].append(reading.text)
    return {w: "".join(p) for w, p in parts.items()}
