"""The knobs of the engine, validated once at the boundary."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from variorum.errors import OptionError

COMPARE_MIN_WORDS = 10
SCAN_MIN_WORDS = 20
# A scan aligns by meaning by default up to this many words in the collection (about
# 12 MB of English): the semantic layer then costs seconds to a minute on a laptop.
AUTO_SEMANTIC_WORDS = 2_000_000


@dataclass(frozen=True, slots=True)
class Options:
    """Engine settings; every stage reads the ones it needs.

    ngram: word n-gram length of the collection index (candidate pairs).
    seed: word k-gram length of the seed matches inside one pair.
    min_words: a passage spans at least this many words on each side. None: 10 for a
        comparison of two documents, 20 for a scan, where many more pairs are tried and
        short chance matches of stock phrases pile up.
    min_evidence: a passage of up to 50 words needs this share of its information in
        matching words (words weighted by rarity; see Passage.evidence); longer ones need
        less, as (50 / words) ** 0.25 of it.
    max_df: n-grams found in more documents than this are boilerplate, not evidence.
    short_bits: a passage shorter than `min_words` (down to 10 words) is kept where it is
        near-verbatim and its matching words carry this many bits of information. None:
        no shorter passage. A scan with `min_words` at its default (20) sets it from its
        collection (`short_for`).
    min_shared: a document pair needs this many shared n-grams to be aligned, each
        weighted 1/(df - 1): an n-gram found only in the two documents counts 1, one
        found in 11 documents counts 0.1.
    max_gap: most unmatched words between two seed runs of one chain.
    merge_gap: most unmatched words between two chains joined into one passage.
    occurrence_cap: a k-gram whose occurrences in the two documents multiply to more
        than this seeds nothing (it recurs all over both: a formula, not evidence).
    repetitions: also report text repeated inside one document.
    formulas: also report formulas told of other people or numbers ("And Asa slept with
        his fathers" against "And Jehoshaphat slept with his fathers"; see
        align/formula.py), and passages that are a small part of what their two documents
        match (turns of their shared idiom; see align/pair.py `_idiom`): a
        shared template or style, not a shared text, left out by default.
    all_links: keep every link between documents, also those a stronger passage on the
        same stretch of text explains (two texts quoting one source match each other).
    jobs: worker processes for the alignment stage (0: one per core).
    semantic: also align sentences by meaning (paraphrase, re-translation, translation).
        None: on for a comparison, and for a scan of up to AUTO_SEMANTIC_WORDS words;
        off for larger scans, where it would cost most of the time (`semantic_for`).
    similarity: sentence similarity (cosine of multilingual sentence vectors) above which
        two sentences count as saying the same thing.
    quotes: also list the quotations of the documents, linked through the passages
        found. None: on for a comparison, off for a scan.
    clusters: also group the passages into reuse clusters (documents sharing a passage),
        with their earliest dated witness or a direction estimate.
    """

    ngram: int = 5
    seed: int = 3
    min_words: int | None = None
    min_evidence: float = 0.5
    short_bits: float | None = None
    max_df: int = 100
    min_shared: float = 2.5
    max_gap: int = 40
    merge_gap: int = 160
    occurrence_cap: int = 32
    repetitions: bool = True
    formulas: bool = False
    all_links: bool = False
    jobs: int = 0
    semantic: bool | None = None
    similarity: float = 0.5
    quotes: bool | None = None
    clusters: bool = False

    def __post_init__(self) -> None:
        bounds = {
            "ngram": (1, 32),
            "seed": (1, 16),
            "min_words": (2, 1_000_000),
            "max_df": (2, 1_000_000_000),
            "max_gap": (0, 10_000),
            "merge_gap": (0, 100_000),
            "occurrence_cap": (1, 1_000_000),
            "jobs": (0, 1024),
        }
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "min_words" and value is None:
                continue
            if f.name in bounds:
                low, high = bounds[f.name]
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int)
                    or not low <= value <= high
                ):
                    msg = f"{f.name} must be an integer in [{low}, {high}], not {value!r}"
                    raise OptionError(msg)
        if (
            isinstance(self.min_evidence, bool)
            or not isinstance(self.min_evidence, (int, float))
            or not 0.0 <= self.min_evidence <= 1.0
        ):
            msg = f"min_evidence must be a number in [0.0, 1.0], not {self.min_evidence!r}"
            raise OptionError(msg)
        if (
            not isinstance(self.min_shared, (int, float))
            or isinstance(self.min_shared, bool)
            or self.min_shared <= 0
        ):
            msg = f"min_shared must be a positive number, not {self.min_shared!r}"
            raise OptionError(msg)
        if (
            isinstance(self.similarity, bool)
            or not isinstance(self.similarity, (int, float))
            or not 0.0 < self.similarity < 1.0
        ):
            msg = f"similarity must be a number in (0.0, 1.0), not {self.similarity!r}"
            raise OptionError(msg)
        if self.seed > self.ngram:
            msg = f"seed ({self.seed}) must not exceed ngram ({self.ngram})"
            raise OptionError(msg)

    def resolved(self, *, scan: bool) -> Options:
        """These options with the defaults that depend on the job filled in."""
        out = self
        if out.min_words is None:
            out = replace(out, min_words=SCAN_MIN_WORDS if scan else COMPARE_MIN_WORDS)
        if out.semantic is None and not scan:
            out = replace(out, semantic=True)
        if out.quotes is None:
            out = replace(out, quotes=not scan)
        return out

    def semantic_for(self, words: int) -> Options:
        """These options with `semantic` decided for a collection of `words` words."""
        if self.semantic is not None:
            return self
        return replace(self, semantic=words <= AUTO_SEMANTIC_WORDS)

    def short_for(self, mean_bits: float) -> Options:
        """These options with `short_bits` set for a collection whose words carry
        `mean_bits` on average, where `min_words` is the scan's default: a short passage
        must match as much information as the least a passage of `min_words` average
        words must (`min_evidence` of it)."""
        if self.short_bits is not None or self.min_words != SCAN_MIN_WORDS:
            return self
        return replace(self, short_bits=self.passage_words * mean_bits * self.min_evidence)

    @property
    def shortest(self) -> int:
        """The fewest words a passage may span on each side."""
        return COMPARE_MIN_WORDS if self.short_bits is not None else self.passage_words

    @property
    def passage_words(self) -> int:
        return self.min_words if self.min_words is not None else COMPARE_MIN_WORDS
