"""The plain records that flow between variorum's stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from variorum.options import Options

# The version of the records variorum writes (docs/format.md), in every run record.
SCHEMA_VERSION = 2

PassageKind = Literal["verbatim", "edited", "paraphrase", "translation"]
EditOp = Literal["insert", "delete", "replace"]

_FLIP: dict[EditOp, EditOp] = {"insert": "delete", "delete": "insert", "replace": "replace"}


@dataclass(frozen=True, slots=True)
class Document:
    """A text as variorum read it: every offset variorum reports points into `text`.

    `meta` holds what came with it (a JSON Lines record's other fields, a page title, the
    encoding); treat it as read-only.
    """

    id: str
    text: str
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `start:end` (code points, end exclusive) of document `doc`."""

    doc: str
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def __reduce__(self) -> tuple[type[Span], tuple[str, int, int]]:
        return Span, (self.doc, self.start, self.end)  # see Passage.__reduce__


def covered(spans: Iterable[tuple[int, int]]) -> int:
    """How many positions the (start, end) spans cover together, overlaps counted once."""
    total, end = 0, -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence- or clause-level pair inside a passage: `a` in one document, `b` in the other."""

    a: tuple[int, int]
    b: tuple[int, int]

    def __reduce__(self) -> tuple[type[Segment], tuple[tuple[int, int], tuple[int, int]]]:
        return Segment, (self.a, self.b)  # see Passage.__reduce__


@dataclass(frozen=True, slots=True)
class Edit:
    """A word-level difference inside a passage.

    `insert` has an empty `a` span at the insertion point, `delete` an empty `b` span.
    """

    op: EditOp
    a: tuple[int, int]
    b: tuple[int, int]

    def __reduce__(self) -> tuple[type[Edit], tuple[EditOp, tuple[int, int], tuple[int, int]]]:
        return Edit, (self.op, self.a, self.b)  # see Passage.__reduce__


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of text shared by two documents (or twice by one), aligned to the word.

    `score` is the share of words that match after normalisation (0 to 1); `matched`
    counts those words. `evidence` is the share of the passage's information carried by
    matching words, each word weighted by its rarity in the collection (0 to 1): matches
    on names and content words count more than matches on "and the". When
    `a.doc == b.doc` the passage is a repetition inside one document.
    """

    a: Span
    b: Span
    kind: PassageKind
    score: float
    evidence: float
    matched: int
    words_a: int
    words_b: int
    segments: tuple[Segment, ...] = ()
    edits: tuple[Edit, ...] = ()
    languages: tuple[str | None, str | None] | None = None

    @property
    def is_repetition(self) -> bool:
        return self.a.doc == self.b.doc

    def __reduce__(self) -> tuple[type[Passage], tuple[Any, ...]]:
        """Pickled as a call of the constructor: workers hand passages back pickled, and
        the generic state of a frozen dataclass with slots took twice as long to load
        (8.6 s for the four Bibles' lexical scan, in the parent)."""
        return Passage, (
            self.a,
            self.b,
            self.kind,
            self.score,
            self.evidence,
            self.matched,
            self.words_a,
            self.words_b,
            self.segments,
            self.edits,
            self.languages,
        )

    def swapped(self) -> Passage:
        """The same passage seen from the other document."""
        return Passage(
            a=self.b,
            b=self.a,
            kind=self.kind,
            score=self.score,
            evidence=self.evidence,
            matched=self.matched,
            words_a=self.words_b,
            words_b=self.words_a,
            segments=tuple(Segment(s.b, s.a) for s in self.segments),
            edits=tuple(Edit(_FLIP[e.op], e.b, e.a) for e in self.edits),
            languages=(self.languages[1], self.languages[0]) if self.languages else None,
        )


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation in a document, with who said it and where it comes from.

    `kind` is "quotation", "letter" (a quoted document: a letter or note, set off as a
    block or introduced as one) or "scare" (a few quoted words inside a sentence). `speaker` is
    found from a cue ("X said", "according to X", "X:") or the citation's author, or
    else from the dialogue; `speaker_by` names what found it (see `SPEAKER_BY`),
    `speaker_cue` is the cue's span and `confidence` how sure that is (0 to 1).
    `addressee` is whom a speech is told to, where the text says it (a name the speech
    calls someone by, "said … to X") or the dialogue gives it (the one it answers).
    `citation` holds the parsed fields; `citation_from`, when the citation was carried
    over from another version of the text, is the span of the citation it came from.
    `sources` are the spans of the same quotation in other documents; `drift` the word
    changes from the first of them to this one; `flags` say what to look at: "unsourced"
    (no citation, none carried), "carried" (citation taken from another version),
    "drift" (the wording changed), "speaker-conflict" (another speaker named there).
    """

    doc: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_cue: tuple[int, int] | None = None
    confidence: float = 0.0
    citation: Mapping[str, Any] | None = None
    citation_from: Span | None = None
    sources: tuple[Span, ...] = ()
    drift: tuple[Edit, ...] = ()
    flags: tuple[str, ...] = ()
    block: bool = False
    addressee: str | None = None
    speaker_by: str | None = None


# What may find a quotation's speaker (`Quotation.speaker_by`; docs/format.md).
SPEAKER_BY = (
    "cue",  # a cue names them: "said Elizabeth", "Elizabeth said", "Elizabeth:"
    "narrator",  # the narrator's own cue: "said I"
    "citation",  # the author of the quotation's citation
    "epithet",  # a cue calls them by an epithet: "said the Jew", "said the turnkey"
    "description",  # a cue describes them, and the scene has one who fits: "said the man"
    "split",  # the cue of the speech this one continues: "Well," said Emma, "you want…"
    "pronoun",  # a pronoun or relation cue: "said she", "cried his wife"
    "addressed",  # the one the speech before called by name: "Lizzy, …" / "…"
    "turn-taking",  # the turns of the dialogue
    "narration",  # the narration leading into the speech: its "he" or "she", its subject
)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents sharing a passage: their spans, and how many passages join them."""

    members: tuple[Span, ...]
    passages: int
    earliest: Span | None = None  # the member of the earliest dated document
    earliest_date: str | None = None
    source: Span | None = None  # without dates: the fuller text the others excerpt

    @property
    def documents(self) -> int:
        return len({m.doc for m in self.members})


@dataclass(frozen=True, slots=True)
class Result:
    """What a comparison or scan found: the documents read and the passages between them.

    `documents` and `passages` are tuples, or sequences read back from disk after a
    streamed scan (see `ids_of`, `by_id` and `light`, which read no more than they need).
    """

    documents: Sequence[Document]
    passages: Sequence[Passage]
    options: Options
    quotations: tuple[Quotation, ...] = ()
    clusters: tuple[Cluster, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a searched passage appears: the span in the document and in the query."""

    doc: str
    start: int
    end: int
    query_start: int
    query_end: int
    kind: str
    score: float


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What a persistent index holds."""

    documents: int
    grams: int
    semantic: bool
    ngram: int


# progress(stage, done, total): called now and then during long runs.
Progress = Callable[[str, int, int], None]


def ids_of(docs: Sequence[Document]) -> Sequence[str]:
    """The documents' ids, without reading the texts of a collection kept on disk.

    A collection kept on disk (the streamed scan's) holds its ids as `ids`.
    """
    ids: Sequence[str] | None = getattr(docs, "ids", None)
    return ids if ids is not None else [d.id for d in docs]


def by_id(docs: Sequence[Document]) -> Mapping[str, Document]:
    """The documents by id; a collection kept on disk reads each one when it is asked for."""
    kept: Mapping[str, Document] | None = getattr(docs, "by_id", None)
    return kept if kept is not None else {d.id: d for d in docs}


def light(passages: Sequence[Passage]) -> Sequence[Passage]:
    """The passages, without segments and edits where they are kept on disk (cheaper)."""
    kept: Sequence[Passage] | None = getattr(passages, "light", None)
    return kept if kept is not None else passages


# Collation (variorum.collation; variorum.collate).

Normalisation = Literal["words", "case", "none", "meaning"]


@dataclass(frozen=True, slots=True)
class Reading:
    """What some witnesses read at one place of a collation: `text` exactly as each of
    them has it, at `spans[k]` in witness `witnesses[k]` (its siglum)."""

    witnesses: tuple[str, ...]
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """One place of a collation, in order: where every witness reads the same text
    (`varies` False, one reading), or a variant location, one reading per distinct text
    (an empty text: the witnesses that omit it). `moves` names the moves (by number in
    `Collation.moves`) that a reading here takes part in."""

    readings: tuple[Reading, ...]
    varies: bool
    moves: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Move:
    """A passage in one order in `base` and elsewhere in `witness` (a transposition):
    where it stands in each, as character spans."""

    base: Span
    witness: Span
    words: int


@dataclass(frozen=True, slots=True)
class Collation:
    """N witnesses of one text aligned word by word: `locations` in the base witness's
    order, every witness's text the concatenation of its readings in order."""

    witnesses: tuple[Document, ...]  # ids are the sigla
    base: str
    normalisation: Normalisation
    locations: tuple[Location, ...]
    moves: tuple[Move, ...]
