"""Passages by meaning for a document pair, merged with the lexical ones."""

from __future__ import annotations

from collections.abc import Sequence

from variorum.align.sentences import MAX_CELLS, MAX_UNITS, Units, align_units, unit_spans, units
from variorum.embed import encoder, language
from variorum.options import Options
from variorum.text.tokenize import Analysed
from variorum.types import Passage, Segment, Span

# A run of sentences needs this much score (similarity above the threshold, summed over
# its sentences) to be a passage: a single sentence that happens to agree is not.
_MIN_RUN_SCORE = 0.6


def _touched(span: Span, others: Sequence[Span]) -> bool:
    return any(min(span.end, o.end) > max(span.start, o.start) for o in others)


def align_meaning(
    a: Analysed,
    b: Analysed,
    opts: Options,
    lexical: Sequence[Passage],
    *,
    paraphrase_bar: float = 0.0,
) -> list[Passage]:
    """Passages of paraphrase or translation between `a` and `b` that the lexical ones miss.

    A paraphrase (both sides in one language) needs a mean sentence similarity of at
    least `paraphrase_bar`: in a collection, chapters that tell similar stories reach 0.7,
    while sentences in one language that say the same thing score 0.8 and more (across
    languages, translations score lower: 0.6 to 0.8).

    A run of sentences that overlaps a lexical passage on both sides is left to it: the
    lexical passage aligns to the word.
    """
    spans_a, spans_b = unit_spans(a), unit_spans(b)
    n, m = len(spans_a[0]), len(spans_b[0])
    if n * m > MAX_CELLS or max(n, m) > MAX_UNITS:
        return []  # too many sentences for the sentence alignment (see docs/cli.md)
    enc = encoder()
    ua, ub = units(a, enc, spans_a), units(b, enc, spans_b)
    runs = align_units(ua, ub, threshold=opts.similarity, min_score=_MIN_RUN_SCORE)
    if not runs:
        return []
    least = opts.passage_words
    found: list[Passage] = []
    for beads in runs:
        span_a = _span(ua, beads[0].a0, beads[-1].a1, a.doc.id)
        span_b = _span(ub, beads[0].b0, beads[-1].b1, b.doc.id)
        words_a = sum(ua.words[beads[0].a0 : beads[-1].a1])
        words_b = sum(ub.words[beads[0].b0 : beads[-1].b1])
        if min(words_a, words_b) < least:
            continue
        if any(_touched(span_a, [p.a]) and _touched(span_b, [p.b]) for p in lexical):
            continue
        similarity = round(sum(bead.similarity for bead in beads) / len(beads), 4)
        # Languages of the passage itself: an English novel may quote a French Bible.
        langs = (
            language(a.doc.text[span_a.start : span_a.end]),
            language(b.doc.text[span_b.start : span_b.end]),
        )
        kind = "translation" if None not in langs and langs[0] != langs[1] else "paraphrase"
        if kind == "paraphrase" and similarity < paraphrase_bar:
            continue
        found.append(
            Passage(
                a=span_a,
                b=span_b,
                kind=kind,  # type: ignore[arg-type]
                score=similarity,
                evidence=similarity,
                matched=0,
                words_a=words_a,
                words_b=words_b,
                segments=tuple(
                    Segment(
                        (ua.spans[bead.a0].start, ua.spans[bead.a1 - 1].end),
                        (ub.spans[bead.b0].start, ub.spans[bead.b1 - 1].end),
                    )
                    for bead in beads
                ),
                languages=langs,
            )
        )
    return found


def _span(u: Units, first: int, stop: int, doc: str) -> Span:
    return Span(doc, u.spans[first].start, u.spans[stop - 1].end)
