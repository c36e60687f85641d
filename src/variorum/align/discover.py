"""Discovery by meaning in a collection: document pairs that share sentences in other words.

Every sentence of the collection needs a vector, and embedding is the expensive step
(about 700 sentences a second on one core). The lexical layer has already aligned much of
a collection word for word, so sentences it found alike ("twins": at least half of each
one's characters in matching words of one passage) share one vector: only one
sentence of each group of twins is embedded, the embedding runs in every process of the
pool, and text found twice is embedded once.

Nearest neighbours come from exact blocked matrix products, or past 20,000 sentences an
inverted-file index (index/neighbours.py), over the embedded sentences only. Two sentences
of different documents are linked when each is among the other's nearest neighbours
(mutual neighbours resist "hub" sentences close to everything) and their similarity clears
the bar; a link between two sentences is a link between their twins' documents too. A
document pair linked by enough sentences, and not already aligned end to end by the
lexical layer, is aligned by meaning.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from variorum.align.sentences import Units, together, unit_spans
from variorum.embed import encoder
from variorum.embed.encoder import Encoder, Vectors
from variorum.embed.language import two_languages
from variorum.index.neighbours import neighbours
from variorum.mapped import let_go, taken
from variorum.options import Options
from variorum.quotes import speech_spans
from variorum.text.tokenize import Analysed
from variorum.types import Passage, Progress, Span, covered
from variorum.work import SERIAL, Runner, chunked, context, enough, run

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MIN_WORDS = 5  # shorter sentences are formulae ("And he said unto them,")
NEIGHBOURS = 5
_MIN_LINKS = 2  # (one where the two sentences are in two languages: see _Lone)
# Words each sentence of a single link needs: for its language to be told, and for a
# single link in one language to be more than a commonplace.
LONE_WORDS = 8
# One link between two sentences of one language links their documents where the two are
# each other's nearest sentence in the whole collection, neither stands for more than its
# own document ("sole"), they are at least LONE_SAME alike, and they stand out of their
# documents' background by SOLE_MARGIN (see `background`; a run of sentences found by
# meaning that stands out so needs no more, see align/meaning.py). Two chapters of one
# chronicle are alike throughout (a background of 0.45 to 0.6), and a close pair of their
# sentences is their style; a verse quoted in a novel stands out of 0.2 to 0.35. The
# margin tells true from false: of the single pairs 0.7 to 0.8 alike in 14 embedded
# corpora drawn for tuning, 76 true and 6 false stood 0.45 above their background, 119
# true and 330 false did not. At 0.65, no more was found.
LONE_SAME = 0.7
SOLE_MARGIN = 0.45
# Such a link needs a sentence that is not a line of dialogue (inside a quotation, or a
# speech tag just after one): the turns of a novel's conversations ("Not a bit of it,"
# replied Sikes / "Yes, I do mean to tell you so," replied Sikes) are alike across any
# two of its chapters, as a law's formulas are across its chapters.
_TAG_GAP = 3  # characters, spaces and commas only, between a quotation and its tag
# Two sentences in two languages, one of them the other's nearest in the whole collection,
# are a sole link (and one sentence pair across languages is a passage in a scan only so:
# a verse of a Russian Ruth 1:2, a list of names, is 0.63 like a list of David's sons in 2
# Samuel 3, which are not its nearest, its source is). Each the other's nearest, neither
# standing for another document, they link their documents with this much less
# similarity than the discovery bar: a verse's translation may score 0.55 to 0.6
# against it (where the two versions cut or word it otherwise), while chance agreement
# across languages stays lower. Of such pairs of 8 words or more under the bar (0.6) in
# the 14 embedded corpora drawn for tuning, 20 were true and 1 false from 0.55 on, 7 true
# and 3 false under it.
TRANSLATED_RELIEF = 0.05
# A sentence linked to two adjacent ones (see _splits) is so where the two together are
# this much more alike than the nearer alone (as much as a two-sentence bead of the
# sentence aligner pays).
SPLIT_GAIN = 0.05
_BACKGROUND_ROWS = 512  # sentences of each document the background reads, at most
# ... and this confidence of the language identification, on both sides.
SURE = 0.5
# ... and this much similarity above the alignment threshold, summed over the links: two
# links that barely clear the bar never make a run of sentences worth a passage.
_MIN_WEIGHT = 0.3
_DISCOVERY_MARGIN = 0.1  # discovery asks for more similarity than alignment
_TWIN = 0.5  # share of a sentence's characters in matching words that makes it a twin
_ALIGNED = 0.9  # a pair whose passages cover this much of both documents is done
_GROUP_LIMIT = 64  # a sentence with more twins than this is boilerplate: no links
_SPAN_CHUNK = 256
EMBED_CHUNK = 512


@dataclass(frozen=True, slots=True)
class Discovery:
    """Document pairs (i < j) to align by meaning, and every document's sentence units.

    `leads` maps each pair to the pairs whose own sentences linked it: a link between
    two sentences counts for the documents of their twins too, and the pair of the
    sentences' own documents leads. Where a lead gives nothing new, neither do the
    pairs it stands for (their sentences are the same, give or take a few words).
    """

    pairs: list[tuple[int, int]]
    units: UnitTable
    embedded: int  # sentences actually embedded (the others are twins or repeats)
    sentences: int
    leads: dict[tuple[int, int], set[tuple[int, int]]]
    # Pairs of embedded rows (smaller first) that may stand alone as a passage: sole links
    # (see _linked and align/meaning.py).
    sole: frozenset[tuple[int, int]] = frozenset()
    # Sole links of one sentence to two adjacent ones (`_splits`): the one sentence's row,
    # with the two sentences' rows in their document's order.
    split: Mapping[int, frozenset[tuple[int, int]]] = field(default_factory=dict)


class UnitTable:
    """Every document's sentence units with their vectors, made when asked for.

    The vectors are kept once per embedded text (`vectors`, one row each) with the row of
    every unit (`row_of`); a document's Units, with its own copy of its rows, exist only
    while the caller holds them (twins and repeats would otherwise be stored many times).
    """

    def __init__(
        self,
        spans: Sequence[tuple[list[Span], list[int]]],
        first: IntArray,
        row_of: IntArray,
        vectors: Vectors,
    ) -> None:
        self._spans = spans
        self._first = first
        self._row_of = row_of
        self.vectors = vectors

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, d: int) -> Units:
        rows = self._row_of[self._first[d] : self._first[d + 1]]
        return Units(self._spans[d][0], self._spans[d][1], taken(self.vectors, rows), rows)


def discover(
    analysed: Sequence[Analysed],
    lexical: Sequence[Passage],
    opts: Options,
    *,
    runner: Runner = SERIAL,
    report: Progress | None = None,
    matrix: Callable[[int, int], Vectors] | None = None,
) -> Discovery:
    """Sentence units and vectors of every document, and the pairs linked by meaning.

    `matrix(rows, columns)` gives the array the vectors are kept in (default: one in
    memory; a scan out of core gives one mapped from a file, see variorum.mapped).
    """
    say = report or (lambda stage, done, total: None)
    spans: list[tuple[list[Span], list[int]]] = []
    docs = range(len(analysed))
    use = enough(runner, len(analysed), _SPAN_CHUNK)
    for chunk in run(use, _spans_chunk, chunked(docs, _SPAN_CHUNK), {"analysed": analysed}):
        spans.extend(chunk)
        say("sentences", len(spans), len(analysed))
    first = np.cumsum([0] + [len(s[0]) for s in spans]).astype(np.int64)
    total = int(first[-1])
    owner = np.repeat(np.arange(len(analysed), dtype=np.int64), np.diff(first))
    root = _twins(analysed, spans, first, lexical)
    say("twins", total, total)
    # Text (whitespace folded) of every representative; equal texts are embedded once.
    rows: dict[str, int] = {}
    row_of = np.zeros(total, dtype=np.int64)
    texts: list[str] = []
    for u in range(total):
        r = int(root[u])
        if r != u:
            continue
        d, k = int(owner[u]), u - int(first[owner[u]])
        text = folded(analysed[d].doc.text, spans[d][0][k])
        if text not in rows:
            rows[text] = len(texts)
            texts.append(text)
        row_of[u] = rows[text]
    row_of = row_of[root]
    words = np.array([w for s in spans for w in s[1]], dtype=np.int64)
    # The rows the neighbour search takes (those of long sentences) are laid out first, in
    # their order, so that it reads them as a view, not a copy; each text is embedded in
    # the same batch as before, so the vectors are the same to the last bit.
    present = np.unique(row_of[words >= MIN_WORDS])
    place = np.empty(len(texts), dtype=np.int64)
    place[present] = np.arange(len(present))
    rest = np.setdiff1d(np.arange(len(texts)), present)
    place[rest] = len(present) + np.arange(len(rest))
    vectors = _embed(texts, runner, say, place, matrix or _zeros)
    del texts, rows  # the texts are embedded: what follows needs their room
    row_of = place[row_of]
    units = UnitTable(spans, first, row_of, vectors)
    say("neighbours", 0, len(vectors))
    aligned = _lexical_spans(analysed, lexical)
    leads, sole, split = _linked(
        vectors,
        row_of,
        owner,
        words,
        opts,
        runner,
        _Lone(analysed, spans, first, row_of, owner),
        set(aligned),
    )
    done = _covered(analysed, aligned)
    pairs = [p for p in leads if p not in done]
    return Discovery(sorted(pairs), units, len(vectors), total, leads, sole, split)


class _Lone:
    """Whether one link between two embedded rows links their documents: sentences of
    `LONE_WORDS` words each, in two languages (chance agreement across languages is
    rare) or a sole link at least `LONE_SAME` alike (see align/meaning.py)."""

    def __init__(
        self,
        analysed: Sequence[Analysed],
        spans: Sequence[tuple[list[Span], list[int]]],
        first: IntArray,
        row_of: IntArray,
        owner: IntArray,
    ) -> None:
        self._analysed, self._spans, self._first = analysed, spans, first
        self._row_of, self._owner = row_of, owner
        # A unit of each row (the first), to read the row's text from.
        self._unit = np.full(int(row_of.max()) + 1 if len(row_of) else 0, -1, dtype=np.int64)
        self._unit[row_of[::-1]] = np.arange(len(row_of) - 1, -1, -1, dtype=np.int64)
        self._quoted: dict[int, tuple[list[int], list[int]]] = {}

    def _unit_of(self, row: int) -> tuple[int, int]:
        """The document and the position in it of the row's first unit."""
        u = int(self._unit[row])
        d = int(np.searchsorted(self._first, u, side="right")) - 1
        return d, u - int(self._first[d])

    def document(self, row: int) -> int:
        """The document of the row's (first) sentence."""
        return self._unit_of(row)[0]

    def words(self, row: int) -> int:
        """The words of the row's sentence."""
        d, k = self._unit_of(row)
        return self._spans[d][1][k]

    def long(self, row: int) -> bool:
        """Whether the row's sentence has `LONE_WORDS` words."""
        return self.words(row) >= LONE_WORDS

    def beside(self, row: int) -> list[tuple[int, int]]:
        """The rows of the sentences just before and after the row's (first) sentence in
        its document, each as the pair of the two rows in the document's order."""
        u = int(self._unit[row])
        return [
            (int(self._row_of[x]), int(self._row_of[y]))
            for x, y in ((u - 1, u), (u, u + 1))
            if x >= 0 and y < len(self._owner) and self._owner[x] == self._owner[y]
        ]

    def text(self, row: int) -> str:
        """The row's sentence, as embedded."""
        d, k = self._unit_of(row)
        return folded(self._analysed[d].doc.text, self._spans[d][0][k])

    def spoken(self, row: int) -> bool:
        """Whether the row's (first) sentence is a line of dialogue: it overlaps a
        quotation of its document (`speech_spans`), or only spaces and commas part it
        from the end of one (a speech tag: `"Stand still," cried the voice`)."""
        d, k = self._unit_of(row)
        span = self._spans[d][0][k]
        if d not in self._quoted:
            self._quoted[d] = speech_spans(self._analysed[d].doc.text)
        starts, ends = self._quoted[d]
        # The last outer quotation to start before the sentence ends (they do not cross).
        at = bisect.bisect_left(starts, span.end) - 1
        if at < 0:
            return False
        if ends[at] > span.start:
            return True
        gap = self._analysed[d].doc.text[ends[at] : span.start]
        return len(gap) <= _TAG_GAP and not gap.strip(" ,")

    def talk(self, u: int, v: int) -> bool:
        """Whether both rows' sentences are lines of dialogue (see `spoken`)."""
        return self.spoken(u) and self.spoken(v)

    def translated(self, u: int, v: int) -> bool:
        """Whether the rows' sentences are in two languages (each told SURE)."""
        return two_languages(self.text(u), self.text(v), SURE)

    def __call__(self, u: int, v: int, sole: bool) -> bool:
        if not (self.long(u) and self.long(v)):
            return False
        return sole or self.translated(u, v)


def folded(text: str, span: Span) -> str:
    """A sentence unit's text as it is embedded: whitespace folded."""
    return " ".join(text[span.start : span.end].split())


def _spans_chunk(docs: Sequence[int]) -> list[tuple[list[Span], list[int]]]:
    analysed: Sequence[Analysed] = context()["analysed"]
    return [unit_spans(analysed[d], joins=True) for d in docs]


def embed_chunk(texts: Sequence[str]) -> Vectors:
    """Vectors of representative texts, in batches that depend on the chunk only (no
    cache): both engines cut the texts into the same chunks of EMBED_CHUNK."""
    return encoder().encode(list(texts), cache=False)


def _zeros(rows: int, columns: int) -> Vectors:
    return np.zeros((rows, columns), dtype=np.float32)


def _embed(
    texts: list[str],
    runner: Runner,
    say: Progress,
    place: IntArray,
    matrix: Callable[[int, int], Vectors],
) -> Vectors:
    """The texts' vectors, text k's in row place[k], in an array from `matrix`."""
    out = matrix(len(texts), Encoder.dimensions)
    done = 0
    use = enough(runner, len(texts), 4 * EMBED_CHUNK)
    for chunk in run(use, embed_chunk, chunked(texts, EMBED_CHUNK), {}):
        out[place[done : done + len(chunk)]] = chunk
        let_go(out)
        done += len(chunk)
        say("embed", done, len(texts))
    return out


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _twins(
    analysed: Sequence[Analysed],
    spans: Sequence[tuple[list[Span], list[int]]],
    first: IntArray,
    lexical: Sequence[Passage],
) -> IntArray:
    """The representative (smallest twin) of every sentence unit, by global unit number."""
    total = int(first[-1])
    parent = list(range(total))
    index = {x.doc.id: n for n, x in enumerate(analysed)}
    bounds = [unit_bounds(doc_spans) for doc_spans, _ in spans]
    for p in lexical:
        i, j = index[p.a.doc], index[p.b.doc]
        if i == j or not p.segments:
            continue
        side_a = twin_side([s.a for s in p.segments], [e.a for e in p.edits], bounds[i])
        side_b = twin_side([s.b for s in p.segments], [e.b for e in p.edits], bounds[j])
        for ua, ub in twins(side_a, side_b):
            x = _find(parent, int(first[i]) + ua)
            y = _find(parent, int(first[j]) + ub)
            if x != y:
                parent[max(x, y)] = min(x, y)
    return np.array([_find(parent, u) for u in range(total)], dtype=np.int64)


Bounds = tuple[list[int], list[int]]
# One segment of a passage on one side: its sentence unit (-1 for none), the characters of
# the segment in matching words, and the unit's size in characters.
SideUnit = tuple[int, int, int]


def unit_bounds(spans: Sequence[Span]) -> Bounds:
    """A document's sentence units as a list of starts and a list of ends."""
    return [s.start for s in spans], [s.end for s in spans]


def twin_side(
    segments: Sequence[tuple[int, int]], edits: Sequence[tuple[int, int]], bounds: Bounds
) -> list[SideUnit]:
    """Each segment of one side of a passage: the unit its middle falls in, its characters
    in matching words (those outside the edits) and that unit's size."""
    starts, ends = bounds
    cuts = _cuts(edits)
    out: list[SideUnit] = []
    for lo, hi in segments:
        k = bisect.bisect_right(starts, (lo + hi - 1) // 2) - 1
        unit = k if k >= 0 and (lo + hi - 1) // 2 < ends[k] else -1
        size = ends[unit] - starts[unit] if unit >= 0 else 0
        out.append((unit, (hi - lo) - _inside(cuts, (lo, hi)), size))
    return out


def twins(side_a: Sequence[SideUnit], side_b: Sequence[SideUnit]) -> list[tuple[int, int]]:
    """The pairs of units (a, b) one passage makes twins, from its two sides (twin_side):
    at least half of each unit's characters in matching words of the passage."""
    same: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for (ua, chars_a, size_a), (ub, chars_b, size_b) in zip(side_a, side_b, strict=True):
        if ua < 0 or ub < 0:
            continue
        had_a, had_b, _, _ = same.get((ua, ub), (0, 0, 0, 0))
        same[(ua, ub)] = (had_a + chars_a, had_b + chars_b, size_a, size_b)
    return [
        units
        for units, (chars_a, chars_b, size_a, size_b) in same.items()
        if chars_a >= _TWIN * size_a and chars_b >= _TWIN * size_b
    ]


def _cuts(ranges: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Non-empty edit ranges, sorted, as a list of starts and a list of ends."""
    kept = sorted(r for r in ranges if r[1] > r[0])
    return [r[0] for r in kept], [r[1] for r in kept]


def _inside(cuts: tuple[list[int], list[int]], span: tuple[int, int]) -> int:
    """Characters of the edit ranges inside `span`."""
    starts, ends = cuts
    lo = bisect.bisect_left(ends, span[0] + 1)
    chars = 0
    for k in range(lo, len(starts)):
        if starts[k] >= span[1]:
            break
        chars += max(0, min(ends[k], span[1]) - max(starts[k], span[0]))
    return chars


def _linked(
    vectors: Vectors,
    row_of: IntArray,
    owner: IntArray,
    words: IntArray,
    opts: Options,
    runner: Runner,
    lone: _Lone,
    direct: set[tuple[int, int]],
) -> tuple[
    dict[tuple[int, int], set[tuple[int, int]]],
    frozenset[tuple[int, int]],
    dict[int, frozenset[tuple[int, int]]],
]:
    """Document pairs linked by at least two mutually nearest sentences (or by one link
    that is enough `lone`), with their leads, the sole links (Discovery.sole) and those of
    one sentence to two (Discovery.split, see `_splits`).

    Sentences of two documents that are twins only through a third (a KJV verse twin of
    its ASV copy, the ASV one of its BBE paraphrase) share one row and so never link each
    other: each such sentence votes for their pair, unless the lexical layer aligned the
    two documents `direct`ly."""
    long = words >= MIN_WORDS
    # The documents each embedded row stands for (its twins and repeats).
    order = np.argsort(row_of[long], kind="stable")
    rows_sorted = row_of[long][order]
    owners_sorted = owner[long][order]
    present, starts = np.unique(rows_sorted, return_index=True)
    if len(present) < 2:
        return {}, frozenset(), {}
    bounds = np.r_[starts, len(rows_sorted)]
    members = [
        np.unique(owners_sorted[bounds[k] : bounds[k + 1]]).tolist() for k in range(len(present))
    ]
    # A row's neighbours must come from documents it does not stand for: its lowest
    # owner stands for the group (a repeat inside the other documents is rare).
    groups = np.array([m[0] for m in members], dtype=np.int64)
    # The present rows come first (see discover): a view of them, else a copy.
    laid_out = present[-1] == len(present) - 1
    base = vectors[: len(present)] if laid_out else taken(vectors, present)
    nearest, best = neighbours(base, groups, NEIGHBOURS, runner=runner)
    rows = np.repeat(np.arange(len(present), dtype=np.int64), nearest.shape[1])
    near, sims = nearest.ravel(), best.ravel()
    bar = discovery_bar(opts)
    # near == -1 (none) fails rows < near
    keep = (rows < near) & (sims >= bar - TRANSLATED_RELIEF)
    rows, near, sims = rows[keep], near[keep], sims[keep]
    # Each row's nearest neighbour. A link where one row is the other's nearest is sole
    # where it is in two languages and clears the bar; where the two are each the
    # other's nearest and each stands for its own document only, in two languages down
    # to TRANSLATED_RELIEF under the bar, in one language LONE_SAME alike and standing
    # out of its documents' background.
    first = nearest[np.arange(len(nearest)), best.argmax(axis=1)]
    single = np.array([len(m) == 1 for m in members], dtype=bool)
    nearest_both = (first[rows] == near) & (first[near] == rows)
    alone = nearest_both & single[rows] & single[near]
    nearest_one = (first[rows] == near) | (first[near] == rows)
    of_doc = _rows_of_documents(present, row_of[long], owner[long])
    sole: set[tuple[int, int]] = set()
    for u, v, sim, by_itself in zip(
        rows[nearest_one].tolist(),
        near[nearest_one].tolist(),
        sims[nearest_one].tolist(),
        alone[nearest_one].tolist(),
        strict=True,
    ):
        x, y = int(present[u]), int(present[v])
        if not (lone.long(x) and lone.long(y)):
            continue
        if (sim >= bar or by_itself) and lone.translated(x, y):
            sole.add((x, y))
        elif by_itself and sim >= max(bar, LONE_SAME) and not lone.talk(x, y):
            standing = _margin(base, of_doc[groups[u]], of_doc[groups[v]], u, v)
            if standing >= SOLE_MARGIN:
                sole.add((x, y))
    split = _splits(
        vectors, base, present, first, best.max(axis=1), single, bar, lone, sole, groups, of_doc
    )
    # Under the bar, only the sole links across languages vote.
    keep = sims >= bar
    for k in np.flatnonzero(~keep & alone).tolist():
        keep[k] = (int(present[rows[k]]), int(present[near[k]])) in sole
    rows, near, sims = rows[keep], near[keep], sims[keep]
    mutual = (nearest[near] == rows[:, None]).any(axis=1)
    # Every (pair, lead, weight) a link votes for, in flat typed arrays: a dictionary of
    # lists and sets by pair held about 100 MB for the four Bibles' 258,545 votes.
    n = int(owner.max()) + 1  # documents: a pair (x, y) is the key x * n + y
    pair_keys, lead_keys, weights = array("q"), array("q"), array("d")
    link_u, link_v = array("q"), array("q")  # each vote's two rows
    for u, m in enumerate(members):
        if len(m) < 2 or len(m) * len(m) > _GROUP_LIMIT:
            continue
        for x, y in itertools.combinations(m, 2):
            if (x, y) not in direct:
                pair_keys.append(x * n + y)
                lead_keys.append(x * n + y)
                weights.append(1.0 - opts.similarity)
                link_u.append(int(present[u]))
                link_v.append(int(present[u]))
    for u, v, sim in zip(
        rows[mutual].tolist(), near[mutual].tolist(), sims[mutual].tolist(), strict=True
    ):
        for (x, y), (lx, ly) in link_pairs(members[u], members[v]):
            pair_keys.append(x * n + y)
            lead_keys.append(lx * n + ly)
            weights.append(sim - opts.similarity)
            link_u.append(int(present[u]))
            link_v.append(int(present[v]))
    alone_links = set()
    for (x, y, _), similarity in split.items():
        dx, dy = lone.document(x), lone.document(y)
        pair_keys.append(min(dx, dy) * n + max(dx, dy))
        lead_keys.append(min(dx, dy) * n + max(dx, dy))
        weights.append(similarity - opts.similarity)
        link_u.append(x)
        link_v.append(y)
        alone_links.add((x, y))
    keys = np.array(pair_keys, dtype=np.int64)
    order = np.argsort(keys, kind="stable")  # each pair's votes in the order they came
    ordered = keys[order]
    bounds = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1], True])
    found: list[tuple[int, tuple[int, int], set[tuple[int, int]]]] = []
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        votes = order[lo:hi].tolist()
        if pair_linked(
            [weights[k] for k in votes],
            ((link_u[k], link_v[k]) for k in votes),
            lambda u, v: (u, v) in alone_links or lone(u, v, (u, v) in sole),
        ):
            key = pair_keys[votes[0]]
            led = {divmod(lead_keys[k], n) for k in votes}
            found.append((votes[0], divmod(key, n), led))
    found.sort()  # in the order each pair was first voted for
    by_row: dict[int, set[tuple[int, int]]] = {}
    for x, y, z in split:
        by_row.setdefault(x, set()).add((y, z))
    return (
        {pair: led for _, pair, led in found},
        frozenset(sole),
        {x: frozenset(two) for x, two in by_row.items()},
    )


def _splits(
    vectors: Vectors,
    base: Vectors,
    present: IntArray,
    nearest_of: IntArray,
    top: npt.NDArray[np.float32],
    single: BoolArray,
    bar: float,
    lone: _Lone,
    sole: set[tuple[int, int]],
    groups: IntArray,
    of_doc: dict[int, IntArray],
) -> dict[tuple[int, int, int], float]:
    """Sole links of one sentence to two adjacent sentences of another document, each
    with the similarity of the two taken together (as a bead of the sentence aligner
    reads them: the sum of their vectors): a verse in one sentence that a version says
    in two ("They cried unto thee, and were delivered: they trusted in thee, and were
    not confounded." against "They cried to you, and were delivered. They trusted in
    you, and were not disappointed.", 0.61 and 0.67 alike, 0.83 together).

    The one sentence's nearest is one of the two, and that one's or the other's nearest
    is it; each stands for its own document only; the two together are at least
    SPLIT_GAIN more alike than the nearest alone; and they link as one sentence would
    (see _Lone): across languages over the bar less TRANSLATED_RELIEF, in one language
    LONE_SAME alike and standing out of the documents' background by SOLE_MARGIN."""
    out: dict[tuple[int, int, int], float] = {}
    # Only sentences whose nearest is this alike are read: a cheap cut, since the two
    # together must clear the bar less TRANSLATED_RELIEF and the nearer gain SPLIT_GAIN
    # on it (a nearer one a little under this cut, with a second half as alike, is left).
    for u in np.flatnonzero(single & (top >= bar - TRANSLATED_RELIEF - SPLIT_GAIN)).tolist():
        v = int(nearest_of[u])
        if v < 0 or not single[v]:
            continue
        x, y = int(present[u]), int(present[v])
        if (min(x, y), max(x, y)) in sole or not lone.long(x):
            continue
        alone = float(top[u])
        for first, second in lone.beside(y):
            other = second if first == y else first
            pos = int(np.searchsorted(present, other))  # the other's place, if it has one
            back = pos < len(present) and present[pos] == other and nearest_of[pos] == u
            if other == x or not (nearest_of[v] == u or back):
                continue
            if lone.words(first) + lone.words(second) < LONE_WORDS:
                continue
            near = taken(vectors, np.array([x, y, other], dtype=np.int64))
            both = float(near[0] @ together(near[1], near[2]))
            if both < alone + SPLIT_GAIN:
                continue
            if two_languages(lone.text(x), f"{lone.text(first)} {lone.text(second)}", SURE):
                if both < bar - TRANSLATED_RELIEF:
                    continue
            elif (
                both < max(bar, LONE_SAME)
                or lone.talk(x, first)
                or _margin(base, of_doc[int(groups[u])], of_doc[int(groups[v])], u, v)
                + both
                - alone
                < SOLE_MARGIN
            ):
                continue
            out[(x, first, second)] = round(both, 4)
    return out


def _rows_of_documents(present: IntArray, rows: IntArray, owners: IntArray) -> dict[int, IntArray]:
    """The positions in `present` of each document's rows (of its long sentences)."""
    place = np.searchsorted(present, rows)
    order = np.lexsort((place, owners))
    docs, starts = np.unique(owners[order], return_index=True)
    bounds = np.r_[starts, len(order)]
    return {
        int(d): np.unique(place[order[bounds[k] : bounds[k + 1]]])
        for k, d in enumerate(docs.tolist())
    }


def background(
    sims: npt.NDArray[np.float32], rest_x: BoolArray, rest_y: BoolArray, apart: bool = False
) -> float | None:
    """How alike two documents are apart from what links them: over the sentences of each
    outside the link (`rest_x`, the rows of `sims`; `rest_y`, its columns), the mean of
    their best similarity to any sentence of the other. None where nothing is outside.

    `apart`: to any sentence of the other outside the link (where both sides have some).
    A run of verses paraphrased in a novel is like the verses around it in its chapter,
    which tell the same story: read against the run, they would raise the background of
    the chapter and the novel by as much as 0.1 (Ezekiel 16:37-44 in Basic English in an
    excerpt of Emma, 0.36 against 0.25 read apart)."""
    if apart and rest_x.any() and rest_y.any():
        sims = sims[rest_x][:, rest_y]
        return float(np.concatenate([sims.max(axis=1), sims.max(axis=0)]).mean())
    best = [sims[rest_x].max(axis=1)] if rest_x.any() and sims.shape[1] else []
    if rest_y.any() and sims.shape[0]:
        best.append(sims[:, rest_y].max(axis=0))
    return float(np.concatenate(best).mean()) if best else None


def _margin(vectors: Vectors, rows_x: IntArray, rows_y: IntArray, u: int, v: int) -> float:
    """How far the link of rows u and v stands above its documents' background (up to
    _BACKGROUND_ROWS rows of each, evenly spaced, with u and v)."""
    xs = np.r_[u, _spread(rows_x[rows_x != u])]
    ys = np.r_[v, _spread(rows_y[rows_y != v])]
    sims = taken(vectors, xs) @ taken(vectors, ys).T
    rest_x, rest_y = np.arange(len(xs)) > 0, np.arange(len(ys)) > 0
    return float(sims[0, 0]) - (background(sims, rest_x, rest_y) or 0.0)


def _spread(rows: IntArray) -> IntArray:
    if len(rows) <= _BACKGROUND_ROWS:
        return rows
    return rows[np.linspace(0, len(rows) - 1, _BACKGROUND_ROWS).astype(np.int64)]


def discovery_bar(opts: Options) -> float:
    """The similarity two sentences need to link their documents."""
    return opts.similarity + _DISCOVERY_MARGIN


def link_pairs(
    members_u: Sequence[int], members_v: Sequence[int]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The document pairs (x < y) one link between two embedded sentences votes for, each
    with its lead (the pair of the sentences' lowest documents), from the sorted documents
    each sentence stands for. None where the groups make more pairs than boilerplate does."""
    if len(members_u) * len(members_v) > _GROUP_LIMIT:
        return []
    lead = (min(members_u[0], members_v[0]), max(members_u[0], members_v[0]))
    return [((min(x, y), max(x, y)), lead) for x in members_u for y in members_v if x != y]


def linked_enough(weights: Sequence[float]) -> bool:
    """Whether the links of a document pair, each its similarity above the alignment
    threshold (in the order of the linked rows, then of their neighbours), link it."""
    return len(weights) >= _MIN_LINKS and sum(weights) >= _MIN_WEIGHT


def pair_linked(
    weights: Sequence[float], links: Iterable[tuple[int, int]], alone: Callable[[int, int], bool]
) -> bool:
    """Whether the links of a document pair (each a pair of embedded rows, with its weight)
    link it: enough of them (`linked_enough`), or any one that is enough `alone` (see
    _Lone; `links` are read only then). Two links in two languages, each 0.63 alike, link
    their documents as one does."""
    return linked_enough(weights) or any(alone(u, v) for u, v in links)


_PairSpans = dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]]]]


def _lexical_spans(analysed: Sequence[Analysed], lexical: Sequence[Passage]) -> _PairSpans:
    """The spans of the lexical passages of each pair of documents (i < j), side by side."""
    index = {x.doc.id: n for n, x in enumerate(analysed)}
    spans: _PairSpans = {}
    for p in lexical:
        i, j = index[p.a.doc], index[p.b.doc]
        if i == j:
            continue
        a, b = (p.a, p.b) if i < j else (p.b, p.a)
        sides = spans.setdefault((min(i, j), max(i, j)), ([], []))
        sides[0].append((a.start, a.end))
        sides[1].append((b.start, b.end))
    return spans


def _covered(analysed: Sequence[Analysed], spans: _PairSpans) -> set[tuple[int, int]]:
    """Pairs (i < j) whose lexical passages (`_lexical_spans`) cover both documents
    almost entirely."""
    return {
        (i, j)
        for (i, j), (a, b) in spans.items()
        if aligned_through(a, b, len(analysed[i].doc.text), len(analysed[j].doc.text))
    }


def aligned_through(
    spans_a: Sequence[tuple[int, int]],
    spans_b: Sequence[tuple[int, int]],
    chars_a: int,
    chars_b: int,
) -> bool:
    """Whether a pair's lexical passages (their spans on each side) cover both documents
    almost entirely: such a pair is not aligned again by meaning."""
    return covered(spans_a) >= _ALIGNED * chars_a and covered(spans_b) >= _ALIGNED * chars_b
