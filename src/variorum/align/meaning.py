"""Passages by meaning for a document pair, merged with the lexical ones.

The sentence layer finds runs of corresponding sentences; where a run meets lexical
passages (on both sides), the two become one passage: the lexical part keeps its
word-level segments and edits, the sentence beads beyond it extend it. One reused region
gives one passage.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import replace
from itertools import islice

import numpy as np

from variorum.align.discover import (
    LONE_WORDS,
    MIN_WORDS,
    SOLE_MARGIN,
    SPLIT_GAIN,
    SURE,
    background,
    discovery_bar,
)
from variorum.align.formula import formulaic
from variorum.align.join import consolidated, meets, words_in
from variorum.align.sentences import (
    MAX_CELLS,
    MAX_UNITS,
    Bead,
    Units,
    align_units,
    clause_cuts,
    together,
    unit_spans,
    units,
)
from variorum.embed import encoder, language
from variorum.embed.encoder import Vectors
from variorum.embed.language import two_languages
from variorum.options import Options
from variorum.text.resources import CLAUSE, SENTENCE
from variorum.text.tokenize import Analysed, capitalised, comma_before, trailing_end
from variorum.types import Passage, Segment, Span

# A run of sentences needs this much score (similarity above the threshold, summed over
# its sentences) to be a passage: a single sentence that happens to agree is not.
_MIN_RUN_SCORE = 0.6
_SAME_LANGUAGE = 0.2
# A paraphrase that runs through most of both documents needs less mean similarity than
# the scan's bar: chance resemblance between sibling texts gives short runs, while the
# paraphrase of a whole chapter in plainer words (poetry, above all) scores 0.65 to 0.8.
_WHOLE = 0.5
_WHOLE_BAR = 0.65
_WHOLE_BEADS = 3
# A long run needs less mean similarity than a short one: chance agreement of the mean
# falls with the run's length. The bar falls by this much times (1 - 2 / beads): nothing
# for two beads, 0.05 for four, 0.083 for twelve, towards 0.1.
_LONG_RUN = 0.1
# A run of sentence pairs found by meaning alone, under the paraphrase bar, stands out of
# its documents' background by this much (`_stands_out`): less than the SOLE_MARGIN a
# single pair needs, since the run's pairs, each over the aligner's threshold, agree in
# order. Of the 43 runs that came to this test in the 20 embedded corpora drawn for
# tuning, all 10 that stood 0.45 out were true; from 0.40 to 0.45, 3 true and 1 false
# (a genealogy of one Bible chapter against another's); from 0.35 to 0.40, 1 true and
# 2 false. With the background read apart from the run (see `_background`), of the 42
# that came, the 14 that stood 0.43 out were true but one (two excerpts that quote one
# chapter, a link the gold leaves out); none from 0.40 to 0.43; two from 0.35 to 0.40,
# both false; under, none true.
_RUN_MARGIN = SOLE_MARGIN - 0.05


def align_meaning(
    a: Analysed,
    b: Analysed,
    opts: Options,
    lexical: Sequence[Passage],
    *,
    paraphrase_bar: float = 0.0,
    embedded: tuple[Units, Units] | None = None,
    sole: Container[tuple[int, int]] = frozenset(),
    split: Mapping[int, Container[tuple[int, int]]] | None = None,
) -> list[Passage]:
    """All passages between `a` and `b`: the lexical ones, extended or joined by meaning.

    `lexical` are the pair's passages from the lexical layer (`a` side in `a`); the
    result replaces them. A paraphrase (both sides in one language) needs a mean sentence
    similarity of at least `paraphrase_bar`: in a collection, chapters that tell similar
    stories reach 0.7, while sentences in one language that say the same thing score 0.8
    and more (across languages, translations score lower: 0.6 to 0.8); a longer run
    needs less (`_relief`: 0.72 for twelve sentence pairs), a run through at least
    half of both documents only 0.65, and a run that stands out of the rest of both
    documents (`_stands_out`: a verse run paraphrased in a novel) no more. `embedded` are
    the two documents' units with their vectors where the caller has them already, and
    `sole` the pairs of their rows that discovery found alone alike (Discovery.sole), and
    `split` its links of one sentence to two (Discovery.split).
    """
    # Two documents on their own are aligned clause by clause where a sentence is long
    # (unit_spans); a collection's units are the sentences its discovery searched by: a
    # clause is a vaguer search key (with clause units there the visible `embedded`
    # corpus lost 0.025 of precision to chance neighbours).
    spans_a, spans_b = (
        ((embedded[0].spans, embedded[0].words), (embedded[1].spans, embedded[1].words))
        if embedded
        else (unit_spans(a, clauses=True), unit_spans(b, clauses=True))
    )
    n, m = len(spans_a[0]), len(spans_b[0])
    if n * m > MAX_CELLS or max(n, m) > MAX_UNITS:
        return list(lexical)  # too many sentences for the sentence alignment (docs/cli.md)
    if embedded:
        ua, ub = embedded
    else:
        enc = encoder()
        ua, ub = units(a, enc, spans_a), units(b, enc, spans_b)
    runs = align_units(ua, ub, threshold=opts.similarity, min_score=_MIN_RUN_SCORE)
    sims = ua.vectors @ ub.vectors.T  # every sentence pair's similarity, read below
    remaining = list(lexical)
    found: list[Passage] = []
    for beads in runs:
        span_a = _span(ua, beads[0].a0, beads[-1].a1, a.doc.id)
        span_b = _span(ub, beads[0].b0, beads[-1].b1, b.doc.id)
        met = [p for p in remaining if meets(span_a, p.a) and meets(span_b, p.b)]
        similarity = round(sum(bead.similarity for bead in beads) / len(beads), 4)
        # Languages of the passage itself: an English novel may quote a French Bible.
        text_a = a.doc.text[span_a.start : span_a.end]
        text_b = b.doc.text[span_b.start : span_b.end]
        langs = (language(text_a), language(text_b))
        kind = "translation" if two_languages(text_a, text_b) else "paraphrase"
        if not met and kind == "paraphrase" and similarity < paraphrase_bar - _relief(beads):
            whole = (
                len(beads) >= _WHOLE_BEADS
                and similarity >= _WHOLE_BAR
                and beads[-1].a1 - beads[0].a0 >= _WHOLE * n
                and beads[-1].b1 - beads[0].b0 >= _WHOLE * m
            )
            if not whole and not _stands_out(beads, similarity, ua, ub, sims):
                continue
        # Sentences in one language resemble each other more than across languages: to
        # extend a passage there, a sentence pair must say the same thing more clearly.
        # Between the lexical passages the run meets, its beads align what the word path
        # left unmatched, however alike (Psalms against its paraphrase in Basic English:
        # verses 0.57 to 0.69 alike between two matched ones).
        bar = opts.similarity + (_SAME_LANGUAGE if kind == "paraphrase" else 0.0)
        hull = _hull(met) if met else None
        extra = [
            bead
            for bead in beads
            if not _covered(bead, ua, ub, met)
            and (hull is None or bead.similarity >= bar or _within(bead, ua, ub, hull))
        ]
        if hull is not None and extra:
            # ... and the beads between those taken, however alike: the passage spans
            # them anyway (Titus against its paraphrase in Basic English, whose lexical
            # passage runs from 2:10 to the end: the verses before it 0.51 to 0.68 alike
            # between verses taken at 0.7 and more had no segment).
            sides = [_sides(bead, ua, ub) for bead in extra]
            (lo_a, hi_a), (lo_b, hi_b) = hull
            wider = (
                (min(lo_a, *(x.start for x, _ in sides)), max(hi_a, *(x.end for x, _ in sides))),
                (min(lo_b, *(y.start for _, y in sides)), max(hi_b, *(y.end for _, y in sides))),
            )
            extra = [
                bead
                for bead in beads
                if not _covered(bead, ua, ub, met) and _within(bead, ua, ub, wider)
            ]
        if met:
            # The sentence pairs beside what the passage takes of the run that stand out of
            # the background, as a run found alone takes them (`_stepped`): a paraphrase's
            # edge verses, 0.45 to 0.6 alike, under what extends a lexical passage.
            kept = set(extra)
            taken = [x for x in beads if x in kept or _covered(x, ua, ub, met)]
            if taken:
                rest = _background(beads, ua, ub, sims) or 0.0
                others = [p for p in [*remaining, *found] if all(p is not q for q in met)]
                fits = _in_languages(langs, ua, ub, a, b)
                around = _stepped(taken, ua, ub, sims, rest, others, fits)
                known = set(taken)
                extra += [x for x in around if x not in known and not _covered(x, ua, ub, met)]
            pieces = _bead_pieces(beads, ua, ub, a, b)
            loose = all(p.evidence < opts.min_evidence for p in met)
            refined = {id(p): pieces.resegmented(p, loose=loose) for p in met}
            remaining = [refined.get(id(p), p) for p in remaining]
            if not extra:
                continue
            merged = {id(p) for p in refined.values()}
            remaining = [p for p in remaining if id(p) not in merged]
            remaining.append(_merge(list(refined.values()), extra, ua, ub, a, b))
            continue
        words_a = sum(ua.words[beads[0].a0 : beads[-1].a1])
        words_b = sum(ub.words[beads[0].b0 : beads[-1].b1])
        if min(words_a, words_b) < opts.passage_words:
            continue
        # Its edge sentences, under the aligner's threshold, as a lone pair's run takes them.
        rest = _background(beads, ua, ub, sims) or 0.0
        stepped = _stepped(
            beads, ua, ub, sims, rest, [*remaining, *found], _in_languages(langs, ua, ub, a, b)
        )
        found.append(_passage(stepped, kind, langs, ua, ub, a, b))
    remaining = [_to_edges(p, remaining, ua, ub, sims, opts, a, b) for p in remaining]
    found.extend(_lone_sentences(ua, ub, sims, a, b, opts, [*remaining, *found], sole, split or {}))
    if not opts.formulas:  # found by meaning, a formula told of others says the same too
        found = [p for p in found if not formulaic(p, a, b)]
    return consolidated(remaining + [_cut_up(p, a, b) for p in found], a, b)


def _cut_up(p: Passage, a: Analysed, b: Analysed) -> Passage:
    """A passage found by meaning with each of its segments cut in step."""
    return replace(p, segments=tuple(x for seg in p.segments for x in _cut_in_step(seg, a, b)))


def to_sentence_edges(
    a: Analysed,
    b: Analysed,
    opts: Options,
    lexical: Sequence[Passage],
    embedded: tuple[Units, Units],
) -> list[Passage]:
    """The lexical passages of a pair that discovery did not align by meaning, each run on
    to the edges of the sentences it starts or ends inside where those say the same thing
    (`_to_edges`, as `align_meaning` runs them on): a verse quoted in two versions, whose
    last words the versions word otherwise ("and say, For Jehovah and for Gideon" against
    "and say, The sword of the LORD, and of Gideon"). `embedded` are the two documents'
    sentence units with their vectors (a collection's, see align/discover.py)."""
    ua, ub = embedded
    if not ua.spans or not ub.spans:
        return list(lexical)
    sims = ua.vectors @ ub.vectors.T
    out = [_to_edges(p, lexical, ua, ub, sims, opts, a, b) for p in lexical]
    if all(x is p for x, p in zip(out, lexical, strict=True)):
        return list(lexical)
    return consolidated(out, a, b)


def _unit_at(u: Units, at: int) -> int:
    """The unit holding character `at` (-1 where none does)."""
    k = bisect.bisect_right([s.start for s in u.spans], at) - 1
    return k if k >= 0 and u.spans[k].start <= at < u.spans[k].end else -1


def _to_edges(
    p: Passage,
    others: Sequence[Passage],
    ua: Units,
    ub: Units,
    sims: Vectors,
    opts: Options,
    a: Analysed,
    b: Analysed,
) -> Passage:
    """A passage with matching words, run on to the edges of the sentences it starts or
    ends inside on both sides, where those two sentences are each other's nearest and
    alike as a paraphrase must be (a rewording at a verse's start or end: "He causeth
    the vapours to ascend from the ends of the earth" against "Who causes the clouds to
    rise from the ends of the earth"; the word path stops at "from"). A piece that
    meets another of the pair's passages (`others`) is left to it: two passages either
    side of a rewording would overlap."""
    if not p.matched:
        return p
    bar = opts.similarity + _SAME_LANGUAGE
    (start_a, end_a), (start_b, end_b) = (p.a.start, p.a.end), (p.b.start, p.b.end)
    added: list[Segment] = []
    for starts, at_a, at_b in ((True, p.a.start, p.b.start), (False, p.a.end - 1, p.b.end - 1)):
        i, j = _unit_at(ua, at_a), _unit_at(ub, at_b)
        if i < 0 or j < 0 or sims[i, j] < bar:
            continue
        if int(sims[i].argmax()) != j or int(sims[:, j].argmax()) != i:
            continue
        x, y = ua.spans[i], ub.spans[j]
        piece_a, piece_b = (
            (Span(p.a.doc, x.start, p.a.start), Span(p.b.doc, y.start, p.b.start))
            if starts
            else (Span(p.a.doc, p.a.end, x.end), Span(p.b.doc, p.b.end, y.end))
        )
        if not (piece_a and piece_b) or any(
            q is not p and (meets(piece_a, q.a) or meets(piece_b, q.b)) for q in others
        ):
            continue
        if starts:
            start_a, start_b = piece_a.start, piece_b.start
        else:
            end_a, end_b = piece_a.end, piece_b.end
        added.append(Segment((piece_a.start, piece_a.end), (piece_b.start, piece_b.end)))
    if not added:
        return p
    return replace(
        p,
        a=Span(p.a.doc, start_a, end_a),
        b=Span(p.b.doc, start_b, end_b),
        words_a=words_in(a.tokens, start_a, end_a),
        words_b=words_in(b.tokens, start_b, end_b),
        segments=tuple(sorted([*p.segments, *added], key=lambda s: (s.a, s.b))),
    )


def _stands_out(
    beads: Sequence[Bead], similarity: float, ua: Units, ub: Units, sims: Vectors
) -> bool:
    """Whether a run of beads stands `_RUN_MARGIN` above its documents' background (see
    discover.background; sentences of MIN_WORDS words or more; `sims` every sentence
    pair's similarity): a verse run paraphrased in a novel stands out of a background of
    0.2 to 0.3, two chapters that tell alike stories are alike outside their run too."""
    rest = _background(beads, ua, ub, sims)
    return rest is not None and similarity - rest >= _RUN_MARGIN


def _background(beads: Sequence[Bead], ua: Units, ub: Units, sims: Vectors) -> float | None:
    """The background of two documents outside a run of beads (discover.background, over
    their sentences of MIN_WORDS words or more), read apart from a run of two beads or
    more. Of a single pair, the margins are those of discovery's sole links, which read
    the rest against the whole other document (read apart, a pair of lines of two
    excerpts of one novel 0.76 alike stood out of the tune half's corpora)."""
    long_a = np.asarray(ua.words) >= MIN_WORDS
    long_b = np.asarray(ub.words) >= MIN_WORDS
    inside_a, inside_b = np.zeros(len(long_a), bool), np.zeros(len(long_b), bool)
    inside_a[beads[0].a0 : beads[-1].a1] = True
    inside_b[beads[0].b0 : beads[-1].b1] = True
    rest_a, rest_b = ~inside_a[long_a], ~inside_b[long_b]
    return background(sims[long_a][:, long_b], rest_a, rest_b, apart=len(beads) > 1)


def _relief(beads: Sequence[Bead]) -> float:
    """How much less than the paraphrase bar a run of these beads needs (`_LONG_RUN`)."""
    return _LONG_RUN * (1 - 2 / max(2, len(beads)))


def _passage(
    beads: Sequence[Bead],
    kind: str,
    langs: tuple[str | None, str | None],
    ua: Units,
    ub: Units,
    a: Analysed,
    b: Analysed,
) -> Passage:
    """The passage of a run of beads found by meaning alone."""
    similarity = round(sum(bead.similarity for bead in beads) / len(beads), 4)
    return Passage(
        a=_span(ua, beads[0].a0, beads[-1].a1, a.doc.id),
        b=_span(ub, beads[0].b0, beads[-1].b1, b.doc.id),
        kind=kind,  # type: ignore[arg-type]
        score=similarity,
        evidence=similarity,
        matched=0,
        words_a=sum(ua.words[beads[0].a0 : beads[-1].a1]),
        words_b=sum(ub.words[beads[0].b0 : beads[-1].b1]),
        # Whole beads: a formula is weighed by its sentence pairs; `_cut_up` cuts them.
        segments=tuple(seg for bead in beads for seg in _segments(bead, ua, ub, a, b, step=False)),
        languages=langs,
    )


def _lone_sentences(
    ua: Units,
    ub: Units,
    sims: Vectors,
    a: Analysed,
    b: Analysed,
    opts: Options,
    passages: Sequence[Passage],
    sole: Container[tuple[int, int]],
    split: Mapping[int, Container[tuple[int, int]]],
) -> list[Passage]:
    """Single sentences that say the same thing outside every passage: a verse
    of a French Bible, or of another English version, quoted in an English novel
    (`sims`: every sentence pair's similarity).

    A single sentence pair counts where the two are each other's nearest sentence, have
    `LONE_WORDS` words each (language identification needs them, and shorter sentences
    agree by chance: "Darcy was fixed in astonishment.") and the words of a passage
    (`opts.shortest`) on each side in one language, twice those on the two sides together
    in two (a translation says in 9 words what its source says in 11: Lamentations 1:1's
    first sentence in German), and either are in two different
    languages and clear the discovery bar (chance agreement across languages is rare), or
    come within discover.TRANSLATED_RELIEF of it where they are a sole link, or are in
    one language a sole link of the collection (`sole`, see discover.SOLE_MARGIN): in one
    language, sentences agree up to 0.85 by chance, a sentence nearer to another document
    than to this one, or found in several, is a commonplace ("If any man have ears to
    hear, let him hear.") or the neighbour verse of a source elsewhere, and a close pair
    in two documents alike throughout is their common style. Neither sentence may lie in
    a passage of the pair already (`_touched`: a refrain aligned in its place is alike to
    its other occurrences too). A pair so taken grows into the run of sentence pairs
    around it that stands out with it (`_grown`). In a scan, one sentence and two
    adjacent ones that discovery linked so (`split`) are such a pair too.
    """
    if not ua.spans or not ub.spans:
        return []
    best_b, best_a = sims.argmax(axis=1), sims.argmax(axis=0)
    bar = discovery_bar(opts)
    # Every pair that may stand alone, with the run it grows into: those that grow
    # further are taken first (a refrain said four times in a psalm, translated once in a
    # novel, is alike to each; the one in its place grows with its neighbours).
    seeds: list[tuple[int, float, int, Bead, list[Bead], str, tuple[str | None, str | None]]]
    seeds = []
    candidates: list[tuple[Bead, bool]] = []
    for i, j in enumerate(best_b.tolist()):
        if best_a[j] != i:
            continue
        rows = (
            (min(int(ua.rows[i]), int(ub.rows[j])), max(int(ua.rows[i]), int(ub.rows[j])))
            if ua.rows is not None and ub.rows is not None
            else None
        )
        # In a scan, only a sole link of the collection (a translation's, down to
        # discover.TRANSLATED_RELIEF under the bar); between two documents, over the bar.
        similarity = float(sims[i, j])
        if (rows is None and similarity < bar) or (rows is not None and rows not in sole):
            continue
        candidates.append((Bead(i, i + 1, j, j + 1, similarity), rows is not None))
    candidates.extend((bead, True) for bead in _split_beads(ua, ub, split))
    shortest = max(LONE_WORDS, opts.shortest)
    for bead, linked in candidates:
        words_a = sum(ua.words[bead.a0 : bead.a1])
        words_b = sum(ub.words[bead.b0 : bead.b1])
        # A passage's words counted on its two sides together (a translation is longer or
        # shorter than its source), on each side in one language (below).
        if min(words_a, words_b) < LONE_WORDS or words_a + words_b < 2 * shortest:
            continue
        if _touched(bead, ua, ub, passages):
            continue  # a sentence this pair aligns already is no lone one (an echo)
        text_a, text_b = _texts(bead, ua, ub, a, b)
        langs = (language(text_a, SURE), language(text_b, SURE))
        if two_languages(text_a, text_b, SURE):
            kind = "translation"
        elif linked and bead.similarity >= bar and min(words_a, words_b) >= shortest:
            kind = "paraphrase"
        else:
            continue
        beads = _grown(bead, ua, ub, sims, opts, passages, _in_languages(langs, ua, ub, a, b))
        seeds.append((-len(beads), -bead.similarity, bead.a0, bead, beads, kind, langs))
    out: list[Passage] = []
    for _, _, _, bead, grown, kind, langs in sorted(seeds):
        taken = [*passages, *out]
        if _touched(bead, ua, ub, taken):
            continue
        # Grown again only with passages taken since (none before the first).
        beads = (
            _grown(bead, ua, ub, sims, opts, taken, _in_languages(langs, ua, ub, a, b))
            if out
            else grown
        )
        out.append(_passage(beads, kind, langs, ua, ub, a, b))
    return out


def _split_beads(
    ua: Units, ub: Units, split: Mapping[int, Container[tuple[int, int]]]
) -> list[Bead]:
    """The beads of one sentence of either document and two adjacent ones of the other
    that discovery linked as one (`split`, by the one sentence's row), with the
    similarity of the two taken together (a bead's)."""
    if ua.rows is None or ub.rows is None or not split:
        return []
    out: list[Bead] = []
    rows_a, rows_b = ua.rows.tolist(), ub.rows.tolist()
    for rows_one, rows_two, two_in_a in ((rows_a, rows_b, False), (rows_b, rows_a, True)):
        for i, row in enumerate(rows_one):
            linked = split.get(row)
            if not linked:
                continue
            for j in range(len(rows_two) - 1):
                if (rows_two[j], rows_two[j + 1]) in linked:
                    out.append(_one_and_two(ua, ub, i, j, two_in_a))
    return out


def _one_and_two(ua: Units, ub: Units, i: int, j: int, two_in_a: bool) -> Bead:
    """Sentence i of one document and sentences j and j + 1 of the other (of a where
    `two_in_a`) as one bead, with the similarity of the two taken together."""
    one, two = (ub, ua) if two_in_a else (ua, ub)
    similarity = float(one.vectors[i] @ together(two.vectors[j], two.vectors[j + 1]))
    return (
        Bead(j, j + 2, i, i + 1, similarity) if two_in_a else Bead(i, i + 1, j, j + 2, similarity)
    )


def _texts(bead: Bead, ua: Units, ub: Units, a: Analysed, b: Analysed) -> tuple[str, str]:
    """The text of a bead's sentences on each side."""
    span_a, span_b = _sides(bead, ua, ub)
    return a.doc.text[span_a.start : span_a.end], b.doc.text[span_b.start : span_b.end]


# A sentence pair found alone (see _lone_sentences) grows into the run of sentence pairs
# around it, within _GROW sentences each way (the sentence aligner on that window, runs of
# any positive score), where the grown run stands _GROWN_MARGIN above its documents'
# background on average and each added pair _GROWN_BEAD above it: a verse translated in a
# novel is often one of a few, the others less alike (0.45 to 0.6) than the one found.
_GROW = 6
_GROWN_SCORE = 0.05
_GROWN_MARGIN = 0.25
_GROWN_BEAD = 0.1


def _grown(
    seed: Bead,
    ua: Units,
    ub: Units,
    sims: Vectors,
    opts: Options,
    passages: Sequence[Passage],
    fits: Callable[[Bead], bool] = lambda bead: True,
) -> list[Bead]:
    """The beads of the run of sentence pairs around a lone pair `seed` (see _GROW), as far
    as each stands out and meets none of the `passages`; the seed alone where none does;
    then the sentence pairs next to it that stand out and `fit` (see _stepped). A seed that
    grows into no run is first `_widened`."""
    lo_a, hi_a = max(0, seed.a0 - _GROW), min(len(ua.spans), seed.a1 + _GROW)
    lo_b, hi_b = max(0, seed.b0 - _GROW), min(len(ub.spans), seed.b1 + _GROW)
    window_a = Units(ua.spans[lo_a:hi_a], ua.words[lo_a:hi_a], ua.vectors[lo_a:hi_a])
    window_b = Units(ub.spans[lo_b:hi_b], ub.words[lo_b:hi_b], ub.vectors[lo_b:hi_b])
    runs = align_units(window_a, window_b, threshold=opts.similarity, min_score=_GROWN_SCORE)
    found = _through(runs, seed, lo_a, lo_b)
    if found is None:
        rest = _background([seed], ua, ub, sims) or 0.0
        return _stepped(
            [_widened(seed, ua, ub, sims, passages, fits)], ua, ub, sims, rest, passages, fits
        )
    beads, at = found
    rest = _background(beads, ua, ub, sims) or 0.0

    def adds(bead: Bead) -> bool:
        return bead.similarity - rest >= _GROWN_BEAD and not _covered(bead, ua, ub, passages)

    first, last = at, at
    while first > 0 and adds(beads[first - 1]):
        first -= 1
    while last < len(beads) - 1 and adds(beads[last + 1]):
        last += 1
    kept = beads[first : last + 1]
    if not (len(kept) > 1 and sum(x.similarity for x in kept) / len(kept) - rest >= _GROWN_MARGIN):
        kept = [_widened(seed, ua, ub, sims, passages, fits)]
    return _stepped(kept, ua, ub, sims, rest, passages, fits)


def _widened(
    seed: Bead,
    ua: Units,
    ub: Units,
    sims: Vectors,
    passages: Sequence[Passage],
    fits: Callable[[Bead], bool],
) -> Bead:
    """A lone pair of one sentence a side, or the bead of it and a sentence beside it on
    either side read together, where the two together are SPLIT_GAIN more alike than the
    one alone (the best such bead), the added sentence has the other side's sentence for
    its nearest within _GROW, and the bead touches none of the `passages` and `fit`s.

    Where a version says two verses in one sentence, the other's sentence of one verse is
    its nearest (Psalm 105:10 "And confirmed the same unto Jacob for a law, and to Israel
    for an everlasting covenant:" against Segond's verses 10 and 11 in one sentence, 0.60
    alike, 0.77 with verse 11): the pair alone holds one of the two verses, and a run
    stepped on from it would pair the next verse with the sentence that says the second.
    A sentence whose nearest is another (the translation of the verse before) is no part
    of the pair, however the two read together; `_grown` widens only a seed that grows
    into no run (in a run, that verse is a bead of its own: Matthew 21:17-18 in French)."""
    if seed.a1 - seed.a0 != 1 or seed.b1 - seed.b0 != 1:
        return seed
    i, j = seed.a0, seed.b0
    tried = []  # the two sentences are k and k + 1, the one added is the one not in the seed
    for k in (j - 1, j):
        added = j + 1 if k == j else k
        if 0 <= k < len(ub.spans) - 1 and _nearest_in_a(sims, i, added):
            tried.append(_one_and_two(ua, ub, i, k, False))
    for k in (i - 1, i):
        added = i + 1 if k == i else k
        if 0 <= k < len(ua.spans) - 1 and _nearest_in_b(sims, added, j):
            tried.append(_one_and_two(ua, ub, j, k, True))
    wider = [
        x
        for x in tried
        if x.similarity >= seed.similarity + SPLIT_GAIN
        and not _touched(x, ua, ub, passages)
        and fits(x)
    ]
    return max(wider, key=lambda x: x.similarity, default=seed)


def _nearest_in_a(sims: Vectors, i: int, j: int) -> bool:
    """Whether sentence i of a is the nearest to sentence j of b within _GROW of i."""
    return bool(sims[i, j] >= sims[max(0, i - _GROW) : i + _GROW + 1, j].max())


def _nearest_in_b(sims: Vectors, i: int, j: int) -> bool:
    """Whether sentence j of b is the nearest to sentence i of a within _GROW of j."""
    return bool(sims[i, j] >= sims[i, max(0, j - _GROW) : j + _GROW + 1].max())


# A grown run (or a lone pair that grew into none), and a run the sentence aligner found
# on its own, takes the next sentence of both documents at either end, one by one, where
# the two stand _STEP over the documents' background and each is the other's nearest
# within _GROW sentences: a run's edge verse translated or paraphrased 0.4 to 0.5 alike,
# under what the sentence aligner takes, where the rest of the two documents stays near
# 0.2 ("Du machst die Menschen wie die Fische im Meer" found, "Er holt sie alle mit der
# Angel herauf", 0.47, beside it). Where one side says in two sentences what the other
# says in one, the two are read together as a two-sentence bead is, SPLIT_GAIN more alike
# than the nearer alone. A short sentence (under LONE_WORDS words, like nothing: "Sieh,
# HERR, wie bange mir ist!" before the verse's next sentence) between the run and such a
# pair goes with the pair: the German Lamentations 1:20 so stays with its source, not
# with Psalm 55:4, which its next sentence is like too (embedded-de-2, tuning half).
_STEP = 0.15


def _stepped(
    beads: list[Bead],
    ua: Units,
    ub: Units,
    sims: Vectors,
    rest: float,
    passages: Sequence[Passage],
    fits: Callable[[Bead], bool],
) -> list[Bead]:
    """A run of beads with the sentence pairs beside it that stand out (see _STEP), meet
    none of the `passages` and `fit`, taken at each end as far as they go."""
    rows, cols = sims.shape

    def nearest(i: int, j: int) -> bool:
        """Whether sentences i and j are each other's nearest within _GROW."""
        return _nearest_in_a(sims, i, j) and _nearest_in_b(sims, i, j)

    def one(i: int, j: int) -> Bead | None:
        if not (0 <= i < rows and 0 <= j < cols):
            return None
        s = float(sims[i, j])
        return Bead(i, i + 1, j, j + 1, s) if s - rest >= _STEP and nearest(i, j) else None

    def split(i: int, j: int, two_in_a: bool) -> Bead | None:
        """Sentence i of one document against sentences j and j + 1 of the other (of a
        where `two_in_a`)."""
        n_one, n_two = (cols, rows) if two_in_a else (rows, cols)
        if not (0 <= i < n_one and 0 <= j < n_two - 1):
            return None
        bead = _one_and_two(ua, ub, i, j, two_in_a)
        cells = [(j, i), (j + 1, i)] if two_in_a else [(i, j), (i, j + 1)]
        x, y = max(cells, key=lambda c: float(sims[c]))
        if bead.similarity - rest < _STEP or bead.similarity < sims[x, y] + SPLIT_GAIN:
            return None
        return bead if nearest(x, y) else None

    def skipped(i: int, j: int, back: bool) -> Bead | None:
        """The pair one sentence further on at one side, where the sentence passed over
        there (i of a or j of b) is short: it goes with the bead (see _STEP)."""
        if not (0 <= i < rows and 0 <= j < cols):
            return None
        on = -1 if back else 1
        tried = []
        for di, dj in ((0, on), (on, 0)):
            passed = ub.words[j] if dj else ua.words[i]
            cell = one(i + di, j + dj) if passed < LONE_WORDS else None
            if cell is not None:
                tried.append(
                    Bead(
                        min(i, i + di),
                        max(i, i + di) + 1,
                        min(j, j + dj),
                        max(j, j + dj) + 1,
                        cell.similarity,
                    )
                )
        return max(tried, key=lambda x: x.similarity, default=None)

    def step(i: int, j: int, back: bool) -> Bead | None:
        """The bead that continues a run with sentences i of a and j of b (`back`: before
        the run, where a two-sentence side ends at them)."""
        found = one(i, j)
        if found is None:
            shift = 1 if back else 0  # the two-sentence side starts one earlier
            tried = (split(j, i - shift, True), split(i, j - shift, False))
            found = max((x for x in tried if x), key=lambda x: x.similarity, default=None)
        if found is None:
            found = skipped(i, j, back)
        if found is None or _covered(found, ua, ub, passages) or not fits(found):
            return None
        return found

    out = list(beads)
    while (after := step(out[-1].a1, out[-1].b1, False)) is not None:
        out.append(after)
    while (before := step(out[0].a0 - 1, out[0].b0 - 1, True)) is not None:
        out.insert(0, before)
    return out


def _in_languages(
    langs: tuple[str | None, str | None], ua: Units, ub: Units, a: Analysed, b: Analysed
) -> Callable[[Bead], bool]:
    """Whether a bead added to a run in languages `langs` (one a side, None where not
    told) is in them: a sentence of an article translated inside a letter ends where the
    letter's own language starts again, however alike its next sentence ("He spoke of
    wolves, and of a bridge that was carried away by the spring floods", 0.36 like the
    article's next sentence, on the ford the new bridge replaced)."""

    def fits(bead: Bead) -> bool:
        for text, known in zip(_texts(bead, ua, ub, a, b), langs, strict=True):
            told = language(text, SURE)
            if known is not None and told is not None and told != known:
                return False
        return True

    return fits


def _through(
    runs: Sequence[Sequence[Bead]], seed: Bead, lo_a: int, lo_b: int
) -> tuple[list[Bead], int] | None:
    """The run (of a window starting at sentences lo_a and lo_b) that holds the seed's
    sentences, in the documents' numbering, and the seed's place in it."""
    for run in runs:
        beads = [
            Bead(x.a0 + lo_a, x.a1 + lo_a, x.b0 + lo_b, x.b1 + lo_b, x.similarity) for x in run
        ]
        for at, x in enumerate(beads):
            if x.a0 <= seed.a0 < x.a1 and x.b0 <= seed.b0 < x.b1:
                return beads, at
    return None


def _span(u: Units, first: int, stop: int, doc: str) -> Span:
    return Span(doc, u.spans[first].start, u.spans[stop - 1].end)


def _bead_pieces(beads: Sequence[Bead], ua: Units, ub: Units, a: Analysed, b: Analysed) -> _Pieces:
    """The segments of a run of beads, the pieces of a bead cut in step (`_in_step`) one
    unit, as the bead whole was before them, where a segment is weighed by how many it
    spans (`_COARSE`)."""
    groups: list[list[Segment]] = []
    for bead in beads:
        mine = _segments(bead, ua, ub, a, b, step=False)
        # a bead left whole is cut in step into one unit; clause or sentence pairs are each one
        groups.extend([_cut_in_step(mine[0], a, b)] if len(mine) == 1 else [[s] for s in mine])
    return _Pieces(
        [seg for group in groups for seg in group],
        [unit for unit, group in enumerate(groups) for _ in group],
    )


def _segments(
    bead: Bead, ua: Units, ub: Units, a: Analysed, b: Analysed, *, step: bool = True
) -> list[Segment]:
    """A bead's segments: its two sides paired clause by clause where both have as many
    clauses (cut at ; : and line ends, a clause of fewer than _CLAUSE_WORDS words kept
    with the one before: translations keep the clause structure more often than not),
    else sentence by sentence where both have as many sentences, else, with `step`, at
    the marks of the two sides that fall in step (`_in_step`), else the bead whole."""
    span_a = (ua.spans[bead.a0].start, ua.spans[bead.a1 - 1].end)
    span_b = (ub.spans[bead.b0].start, ub.spans[bead.b1 - 1].end)
    for level in (CLAUSE, SENTENCE):
        pieces_a, pieces_b = _clauses(a, *span_a, level), _clauses(b, *span_b, level)
        if len(pieces_a) == len(pieces_b) > 1:
            return [Segment(x, y) for x, y in zip(pieces_a, pieces_b, strict=True)]
    whole = Segment(span_a, span_b)
    return _cut_in_step(whole, a, b) if step else [whole]


def _cut_in_step(segment: Segment, a: Analysed, b: Analysed) -> list[Segment]:
    """A segment cut where the marks of its two sides fall in step (`_in_step`)."""
    (start_a, end_a), (start_b, end_b) = segment.a, segment.b
    cuts = _in_step(_marks(a, start_a, end_a), _marks(b, start_b, end_b))
    pieces: list[Segment] = []
    lo_a, lo_b = start_a, start_b
    for k_a, k_b in [*cuts, (len(a.tokens.starts), len(b.tokens.starts))]:
        pieces.append(Segment((lo_a, _cut_end(a, k_a, end_a)), (lo_b, _cut_end(b, k_b, end_b))))
        if k_a < len(a.tokens.starts):
            lo_a, lo_b = int(a.tokens.starts[k_a]), int(b.tokens.starts[k_b])
    return pieces


_CLAUSE_WORDS = 4
# Where the two sides of a bead have as many clauses as no level gives, a clause or
# sentence mark of one side is paired with a mark or a comma of the other that falls at
# about the same share of the bead's length (within _SHARE): a translation that ends a
# verse with a comma where the original has a colon ("…and one convert him; Let him
# know" against "…et qu'un autre le ramène, qu'il sache") still ends it there.
_SHARE = 0.1
# The chain search is quadratic in the candidate pairs: past this many (a bead with a mark
# every few words over some hundred words a side, as hostile text has) it is left whole.
_MAX_OPTIONS = 300


def _marks(x: Analysed, start: int, end: int) -> list[tuple[int, float, bool]]:
    """Where characters start:end of a document may be cut, each piece of `_CLAUSE_WORDS`
    words or more: (the token after the cut, the share of start:end before it, whether
    a clause or sentence mark stands there, or a comma before a word set with a capital,
    rather than a comma alone). The KJV, run on in a paragraph, ends a verse with a comma
    and starts the next with a capital ("and Heth, And the Jebusite"), and so does the
    Basic English: the two sides pair there as at two clause marks."""
    toks = x.tokens
    first = int(np.searchsorted(toks.starts, start))
    stop = int(np.searchsorted(toks.starts, end))
    marks: list[tuple[int, float, bool]] = []
    for k in range(first + _CLAUSE_WORDS, stop - _CLAUSE_WORDS + 1):
        strong = int(toks.breaks[k - 1]) >= CLAUSE
        if strong or comma_before(x, k):
            # A comma before a word set with a capital marks a unit as a clause mark does.
            strong = strong or capitalised(x.doc.text, int(toks.starts[k]))
            marks.append((k, (int(toks.starts[k]) - start) / (end - start), strong))
    return marks


def _in_step(
    marks_a: Sequence[tuple[int, float, bool]], marks_b: Sequence[tuple[int, float, bool]]
) -> list[tuple[int, int]]:
    """The cuts (token of a, token of b) that pair marks of the two sides in order, each
    pair within `_SHARE` of each other and a clause mark on one side at least: the chain
    that pairs the most clause marks on both sides, then the most on one, the nearest."""
    options = [
        (i, j, (2.0 if sa and sb else 1.0) - abs(ra - rb) / _SHARE)
        for i, (_, ra, sa) in enumerate(marks_a)
        for j, (_, rb, sb) in enumerate(marks_b)
        if (sa or sb) and abs(ra - rb) <= _SHARE
    ]
    if len(options) > _MAX_OPTIONS:
        return []
    best: list[tuple[float, int]] = []  # per option: the chain's gain, the option before
    for n, (i, j, gain) in enumerate(options):
        before = max(
            (
                (best[m][0], m)
                for m, (i0, j0, _) in enumerate(islice(options, n))
                if marks_a[i][0] - marks_a[i0][0] >= _CLAUSE_WORDS
                and marks_b[j][0] - marks_b[j0][0] >= _CLAUSE_WORDS
            ),
            default=(0.0, -1),
        )
        best.append((before[0] + gain, before[1]))
    if not best:
        return []
    n = max(range(len(best)), key=lambda m: best[m][0])
    chain: list[tuple[int, int]] = []
    while n >= 0:
        i, j, _ = options[n]
        chain.append((marks_a[i][0], marks_b[j][0]))
        n = best[n][1]
    return chain[::-1]


def _cut_end(x: Analysed, k: int, end: int) -> int:
    """Where a piece ending before token k (or at `end`, past the last) ends, with the
    punctuation glued to its last word."""
    toks = x.tokens
    if k >= len(toks.starts) or int(toks.starts[k]) >= end:
        return end
    return trailing_end(x.doc.text, int(toks.ends[k - 1]), int(toks.starts[k]))


def _clauses(x: Analysed, start: int, end: int, level: int = CLAUSE) -> list[tuple[int, int]]:
    """The clauses (or, at level SENTENCE, sentences) of characters start:end of a
    document, covering them end to end, each of `_CLAUSE_WORDS` words or more."""
    toks = x.tokens
    first = int(np.searchsorted(toks.starts, start))
    stop = int(np.searchsorted(toks.starts, end))
    pieces: list[tuple[int, int]] = []
    lo = start
    for k in clause_cuts(toks.breaks, first, stop, _CLAUSE_WORDS, level):
        cut = int(toks.starts[k])
        pieces.append((lo, trailing_end(x.doc.text, int(toks.ends[k - 1]), cut)))
        lo = cut
    pieces.append((lo, end))
    return pieces


# A segment of the word path that spans this many of a run's sentence pieces (or more)
# on one side is too coarse: the pieces replace it (a citation line one side lacks, two
# paragraphs that the other side joins, and the path never meets a boundary on both).
_COARSE = 3


class _Pieces:
    """The segments of a run of sentence beads, in order on both sides, and where the
    segments of a lexical passage that the run meets give way to them."""

    def __init__(self, pieces: Sequence[Segment], units: Sequence[int] | None = None) -> None:
        self.pieces = list(pieces)
        # Which unit each piece is of, for `_COARSE` (the pieces of a bead cut in step
        # are one).
        self.units = list(range(len(pieces))) if units is None else list(units)
        self._sides = [
            ([s.a[0] for s in pieces], [s.a[1] for s in pieces]),
            ([s.b[0] for s in pieces], [s.b[1] for s in pieces]),
        ]

    def _overlapping(self, span: tuple[int, int], side: int) -> range:
        starts, ends = self._sides[side]
        return range(bisect.bisect_right(ends, span[0]), bisect.bisect_left(starts, span[1]))

    def _units_met(self, span: tuple[int, int], side: int) -> int:
        return len({self.units[k] for k in self._overlapping(span, side)})

    def _met(self, segment: Segment) -> set[int]:
        return {*self._overlapping(segment.a, 0), *self._overlapping(segment.b, 1)}

    def resegmented(self, passage: Passage, *, loose: bool) -> Passage:
        """`passage` with the pieces as its segments where its own are not to be trusted:
        wherever they meet, if `loose` (its matching words carry under `min_evidence`
        of its information: a paraphrase, where the word path wanders), else where one
        of its segments spans `_COARSE` pieces or more on one side; and wherever its own
        say nothing, the pieces inside it that meet none of its segments (a lexical
        passage has no segment where no word matched: Genesis against its paraphrase in
        Basic English is one passage whose segments leave out a quarter of the verses)."""
        own = list(passage.segments)
        if loose:
            dropped = [s for s in own if self._met(s)]
        else:
            dropped = [
                s for s in own if max(self._units_met(s.a, 0), self._units_met(s.b, 1)) >= _COARSE
            ]
        inside = set(self._overlapping((passage.a.start, passage.a.end), 0))
        inside &= set(self._overlapping((passage.b.start, passage.b.end), 1))
        theirs = _Pieces(own)
        holes = {k for k in inside if not theirs._met(self.pieces[k])}
        if not dropped and not holes:
            return passage
        # The pieces the dropped segments meet replace them, and every segment of its own
        # that those pieces meet, with the pieces that one meets in turn: a segment that
        # gives way to a piece leaves no words of its own without a segment.
        taken = {k for s in dropped for k in self._met(s)} | holes
        gone = set(dropped)
        while True:
            added = _Pieces([self.pieces[k] for k in sorted(taken)])
            gone |= {s for s in own if added._met(s)}
            more = {k for s in gone for k in self._met(s)} - taken
            if not more:
                break
            taken |= more
        kept = [s for s in own if s not in gone]
        segments = sorted([*kept, *added.pieces], key=lambda s: (s.a, s.b))
        span_a, span_b = _around(segments, passage.a.doc, passage.b.doc)
        return replace(passage, a=span_a, b=span_b, segments=tuple(segments))


def _around(segments: Sequence[Segment], doc_a: str, doc_b: str) -> tuple[Span, Span]:
    """The spans of the two documents that the segments cover, end to end."""
    return (
        Span(doc_a, min(s.a[0] for s in segments), max(s.a[1] for s in segments)),
        Span(doc_b, min(s.b[0] for s in segments), max(s.b[1] for s in segments)),
    )


def _hull(passages: Sequence[Passage]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The stretches of the two documents from the first passage to the last."""
    return (
        (min(p.a.start for p in passages), max(p.a.end for p in passages)),
        (min(p.b.start for p in passages), max(p.b.end for p in passages)),
    )


def _sides(bead: Bead, ua: Units, ub: Units) -> tuple[Span, Span]:
    """The characters of the bead's sentences in each document."""
    return _span(ua, bead.a0, bead.a1, ""), _span(ub, bead.b0, bead.b1, "")


def _within(
    bead: Bead, ua: Units, ub: Units, hull: tuple[tuple[int, int], tuple[int, int]]
) -> bool:
    """Whether the bead's sentences lie inside the `hull` (see `_hull`) on both sides."""
    (lo_a, hi_a), (lo_b, hi_b) = hull
    a, b = _sides(bead, ua, ub)
    return lo_a <= a.start and a.end <= hi_a and lo_b <= b.start and b.end <= hi_b


def _touched(bead: Bead, ua: Units, ub: Units, passages: Sequence[Passage]) -> bool:
    """Whether the bead's sentences meet a passage on either side: a refrain of a psalm,
    aligned in its place, matches its other occurrences as well."""
    a, b = _sides(bead, ua, ub)
    return any(meets(a, p.a) or meets(b, p.b) for p in passages)


def _covered(bead: Bead, ua: Units, ub: Units, passages: Sequence[Passage]) -> bool:
    """Whether the bead's sentences meet a passage on both sides (it aligns them already)."""
    a, b = _sides(bead, ua, ub)
    return any(meets(a, p.a) and meets(b, p.b) for p in passages)


def _merge(
    met: Sequence[Passage], extra: Sequence[Bead], ua: Units, ub: Units, a: Analysed, b: Analysed
) -> Passage:
    """Lexical passages and the sentence beads around them, as one passage."""
    doc_a, doc_b = a.doc.id, b.doc.id
    beads = [seg for bead in extra for seg in _segments(bead, ua, ub, a, b)]
    bead_words_a = sum(sum(ua.words[bead.a0 : bead.a1]) for bead in extra)
    bead_words_b = sum(sum(ub.words[bead.b0 : bead.b1]) for bead in extra)
    bead_sim = sum(bead.similarity for bead in extra) / len(extra)
    words_a = sum(p.words_a for p in met) + bead_words_a
    words_b = sum(p.words_b for p in met) + bead_words_b
    lexical_words = sum(p.words_a + p.words_b for p in met)
    meaning_words = bead_words_a + bead_words_b
    total = max(1, lexical_words + meaning_words)
    main = max(met, key=lambda p: p.words_a + p.words_b)
    kind = "edited" if lexical_words >= meaning_words else "paraphrase"
    segments = sorted([*(s for p in met for s in p.segments), *beads], key=lambda s: (s.a, s.b))
    span_a, span_b = _around(segments, doc_a, doc_b)
    return Passage(
        a=span_a,
        b=span_b,
        kind=kind,  # type: ignore[arg-type]
        score=round(
            (sum(p.score * (p.words_a + p.words_b) for p in met) + bead_sim * meaning_words)
            / total,
            4,
        ),
        evidence=round(
            (sum(p.evidence * (p.words_a + p.words_b) for p in met) + bead_sim * meaning_words)
            / total,
            4,
        ),
        matched=sum(p.matched for p in met),
        words_a=words_a,
        words_b=words_b,
        segments=tuple(segments),
        edits=tuple(sorted((e for p in met for e in p.edits), key=lambda e: (e.a, e.b))),
        languages=main.languages,
    )
