"""Quotes: quotations, their speakers and citations, traced across versions."""

from __future__ import annotations

import bisect
import collections
import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from variorum.quotes.blocks import block_quotations
from variorum.quotes.citations import Notes, citation_after, resolve
from variorum.quotes.dialogue import (
    FALLBACK_REACH,
    NARRATOR,
    Cast,
    PronounCue,
    after_pronoun,
    by_pronoun,
    one_voice,
    same_noun,
    turn,
    two_sided,
)
from variorum.quotes.extract import DOUBLE_MARKS, Quote, is_letter, quotations
from variorum.quotes.layout import as_paragraphs
from variorum.quotes.speakers import (
    CAPITAL,
    OBJECT,
    STOP,
    first_person,
    is_title,
    placed,
    pronoun,
    speaker,
    speech_follows,
    vocatives,
)
from variorum.quotes.trust import confidence
from variorum.types import Document, Quotation

__all__ = ["find_quotations", "speech_spans"]

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# A chapter's heading: a line that opens with the word for a book's part and its number
# ("CHAPTER XVIII.", "Chapter 3", "BOOK THE SECOND", "Part One").
_HEADING = re.compile(
    r"^[ \t]*(?:CHAPTER|Chapter|BOOK|Book|PART|Part|VOLUME|Volume|STAVE|Stave)"
    r"[ \t]+(?:[IVXLCDM]+\b|\d+|THE\b|The\b|[A-Z][a-zA-Z]+\b)",
    re.MULTILINE,
)
# A name speeches call someone by is learnt from this many answers (see answering).
_ANSWERS = 3
# A stop and the word before it, where a sentence may end (see _new_sentence).
_SENTENCE_END = re.compile(r"(\w*)([.!?])\s+\w")
_SPOUSE = re.compile(r"\b(?:his\s+wife|his\s+lady|her\s+husband)\b")
_SPOUSE_REACH = 12  # characters before a spouse that OBJECT reads ("to", "towards")
# An epithet that is the spouse of another: "the undertaker's wife".
_OWNERS_SPOUSE = re.compile(r"(?P<owner>the [\w -]+)['\u2019]s (?:wife|lady|husband)")
# A cue that says the last speaker goes on: "she added", "he continued".
_GOES_ON = re.compile(
    r"\b(?:added|continued|went\s+on|resumed|pursued|persisted"
    r"|adds|continues|goes\s+on|resumes|pursues|persists)\b"  # told in the present tense
)
# The pronoun of a clause that leads into a speech, and the end of a sentence.
_SUBJECT = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
# What a speech calls a man or a woman it speaks to: "sir" (not "Sir William"), "madam".
_SIR_OR_MADAM = re.compile(r"\b(?:[Ss]ir(?!\s+[A-Z])|[Mm]adam|[Mm]a['\u2019]am)\b")
# Where a name the narration leading into a dialogue says is the subject of its clause
# (see _Reading.lead): after a stop, a comma or a conjunction ("When Jane and Elizabeth
# were alone"), or at a paragraph's start, and not the second object of a preposition
# ("towards Bingley and Jane"). The end of a line inside a paragraph is no stop: where a
# text is wrapped is no grammar ("…with\nMrs. Hill").
_LEADS = re.compile(
    r"(?:^|[.!?;:,(\u2014\u2013]|--|\n[ \t]*\n"
    r"|\b(?:[Aa]nd|[Bb]ut|or|[Ww]hen|[Ww]hile|[Ww]hilst|[Aa]s|that|[Tt]hough"
    r"|[Aa]lthough|[Ii]f|[Bb]ecause|[Tt]ill|[Uu]ntil|[Tt]hen|[Ss]o|[Yy]et))\s*$"
)
_NOT_LEADING = re.compile(
    r"\b(?:to|towards?|at|with|of|by|on|from|for|upon|into|about|after|before|than|like"
    rf"|between|among)\s+(?:{CAPITAL}[\w.]*\s+){{1,3}}and\s+$"
)
# A relation cue that describes its speaker ("said the gentleman"), with no pronoun.
_DESCRIBED = re.compile(r"(?!.*\b(?:[Hh]e|[Ss]he)\b).*\b[Tt]he\b", re.S)
_ELDER = re.compile(r"\b(?:mother|father|wife|husband|aunt|uncle)\b")
# A relation a cue or the narration calls someone by ("her mother", "their poor mother").
_KIN = re.compile(r"\b(?:[Hh]er|[Hh]is|[Tt]heir)\s+(?:[a-z]+\s+)?(mother|father|aunt|uncle)\b")
_KIN_VOTES = 3
# What a child calls a parent it speaks to ("Yes, papa.", "my dear mother!", "Mamma, …"),
# and the relation it is.
_KIN_WORDS = {
    "papa": "father",
    "father": "father",
    "mamma": "mother",
    "mama": "mother",
    "mother": "mother",
}
# Those words before a stop, a mark or a dash, scanned for as a first letter and an
# ending, which is quick ("pother" is not one of them: `_kin_calls` keeps the words).
_KIN_CALLED = re.compile(r"[PpMmFf](?:apa|amma|ama|ather|other)(?=\s*[,!?.;\u2014\"'\u201d-])")
# ... after a stop, a comma, a mark or a dash, or after "dear" ("my dear father,"), not
# after "my" ("my father, who …").
_KIN_AFTER = re.compile(r"(?:[.,!?;\u2014\u201c\"'-]|\bdear|\bdearest)\s*$")
# How far after a cue its listener may be named ("said Anna, turning to Ben,").
_TOLD_REACH = 40
# A cue told to its speaker's spouse: "said Mr. Bennet to his wife".
_TO_SPOUSE = re.compile(r"\bto\s+(?:his\s+wife|his\s+lady|her\s+husband)\b")
# A cue told to the narrator of a book told in the first person: "he said to me".
_TO_ME = re.compile(r"\b(?:to|at|towards)\s+me\b")
# A paragraph of narration that is one sentence in which someone answers without a word
# of speech: "He made no answer." / "Mr. Darcy bowed." / "She replied in the
# affirmative." (see _Reading.silent). It ends on its stop, not on a colon that
# introduces a speech ("… shook his head, and resumed:").
_SILENT = re.compile(
    rf"(?P<who>[Hh]e|[Ss]he|(?:(?:{CAPITAL}[\w'-]*\.?|of|de)\s+){{0,3}}{CAPITAL}[\w'-]*)"
    r"(?:\s+(?:only|merely|just|again|still|then|[a-z]+ly))?,?\s+"
    r"(?:bowed|nodded|smiled|laughed|curtsied|curtseyed|shrugged|sighed|coloured|colored"
    r"|blushed|hesitated|assented|agreed|shook\s+(?:his|her)\s+head|was\s+silent"
    r"|made\s+no\s+(?:answer|reply)|said\s+nothing"
    r"|(?:replied|answered)(?:\s+[a-z]+ly)*,?\s+(?:that|in\s+the)"
    # told in the present tense
    r"|bows|nods|smiles|laughs|curtsies|curtseys|shrugs|sighs|colours|colors|blushes"
    r"|hesitates|assents|agrees|shakes\s+(?:his|her)\s+head|is\s+silent"
    r"|makes\s+no\s+(?:answer|reply)|says\s+nothing"
    r"|(?:replies|answers)(?:\s+[a-z]+ly)*,?\s+(?:that|in\s+the))\b"
    r"[^.!?:;\n]*[.!]"
)
_SILENT_LENGTH = 300  # characters of such a paragraph, at most
_BLANK_OR_MARK = " \t\n'\u2018" + DOUBLE_MARKS


# A speaker guess: the name, the span of the cue that gave it, and how sure it is.
Guess = tuple[str | None, tuple[int, int] | None, float]


def find_quotations(doc: Document) -> list[Quotation]:
    """The quotations of a document with their kind, speaker and citation (Ibid. resolved).

    A text laid out otherwise than paragraphs and cues expect (lines that end in \\r\\n or
    \\r, a paragraph a line) is read through a view of it in that layout
    (`layout.as_paragraphs`), and the offsets mapped back to the text as it is.
    """
    view = as_paragraphs(doc.text)
    if view is None:
        return _quotations_of(doc.id, doc.text)
    back = view.back
    out = []
    for q in _quotations_of(doc.id, view.text):
        cue, cite = q.speaker_cue, q.citation
        out.append(
            replace(
                q,
                start=back(q.start),
                end=back(q.end),
                speaker_cue=(back(cue[0]), back(cue[1])) if cue is not None else None,
                citation=(
                    {**cite, "start": back(cite["start"]), "end": back(cite["end"])}
                    if cite is not None
                    else None
                ),
            )
        )
    return out


def speech_spans(text: str) -> tuple[list[int], list[int]]:
    """Where a text's outer quotations (scare quotes left out) start and end, in order,
    read as `find_quotations` reads them (through a view in the usual layout, offsets
    mapped back), without their speakers and citations."""
    view = as_paragraphs(text)
    found = sorted(
        (
            q
            for q in quotations(view.text if view is not None else text)
            if q.kind == "quotation" and q.depth == 0
        ),
        key=lambda q: q.start,
    )
    back = view.back if view is not None else int
    return [back(q.start) for q in found], [back(q.end) for q in found]


def _quotations_of(doc_id: str, text: str) -> list[Quotation]:
    """The quotations of `text`, whose lines end in \\n (see find_quotations), each
    speaker with the chance that it is right (`trust.confidence`)."""
    return [
        replace(q, confidence=confidence(q.speaker_by, q.confidence))
        for q in read_speakers(doc_id, text)
    ]


def read_speakers(doc_id: str, text: str) -> list[Quotation]:
    """The quotations of `text`, whose lines end in \\n, each `confidence` the level of
    the rule that found its speaker, not yet calibrated (see `trust`).

    Each speech's speaker comes from the strongest cue it has, in this order: a named cue
    or an epithet the book's dialogues taught, a citation's author, the cue of the
    speech it continues, a pronoun resolved by the narration and the dialogue, the last
    speaker where someone answered them without a word or the narration between names
    them last as its subject, the listener of the turn before, the dialogue's
    turn-taking, the subject the narration leading into it named last; then the
    turn-taking of each dialogue is read from both ends (`two_sided`), and a run of turns
    of more than two people read whole (`in_turns`).
    """
    found = quotations(text)
    found = sorted([*found, *block_quotations(text, found)], key=lambda q: (q.start, -q.end))
    notes = Notes(text)
    cites = resolve(
        [citation_after(text, q.end, notes) if q.kind == "quotation" else None for q in found]
    )
    reading = _Reading(text, found)
    out: list[Quotation] = []
    previous: Quotation | None = None
    for index, (q, cite) in enumerate(zip(found, cites, strict=True)):
        (name, cue, confidence), by = reading.named(index)
        kind = _kind(text, q, cite is not None, previous)
        if cite is not None and cite.author and (name is None or confidence < 0.9):
            (name, cue, confidence), by = (cite.author, (cite.start, cite.end), 0.9), "citation"
        para = reading.paras[index]
        # Whom the speech calls by name ("Jane, you ought…"): not its speaker.
        addressee = reading.cast.addressed(text, q) if kind == "quotation" else None
        if addressee is None and kind == "quotation":
            # "Yes, papa.": a guess from the relation cues, which a cue naming its speaker
            # outranks ("Yes, mamma," said Mrs. Hale, to her own mother)
            kin = reading.kin_called(q)
            addressee = None if by == "cue" and kin == name else kin
        reading.addressees.append(addressee)
        if addressee is not None and q.depth == 0:
            reading.called[para] = addressee
        if name is not None and name == addressee:
            # "Mrs. Mann, I am going to London." is not Mrs. Mann's, whatever cue or
            # epithet said so ("Rose, my dear!" said the elder lady): leave it to the rest
            (name, cue, confidence), by = (None, None, 0.0), None
        if (
            previous is not None
            and reading.continues(previous, q, para)
            and (
                name is None
                or confidence < previous.confidence
                or reading.between(previous, q, cue)
            )
        ):
            # The second half of a split quotation: "Well," said Emma, "you want…"
            name, cue, confidence = previous.speaker, previous.speaker_cue, previous.confidence
            by = "split"
        if kind == "quotation":
            if name is None or confidence < 0.8:
                resolved, found_by = reading.by_pronoun_cue(
                    index, (name, cue, confidence), addressee
                )
                if found_by is not None:
                    (name, cue, confidence), by = resolved, found_by
            if name is None:
                name, confidence, by = reading.unnamed(index, para, previous, addressee)
                # The clause that leads into the speech says "he" or "she": where the
                # turn-taking's guess is not known to be of that gender (or there is
                # none), the one of that gender the scene named last.
                gender = reading.clause_gender(index)
                if gender is not None and reading.gender_of.get(name or "") != gender:
                    guess = reading.cast.last_of(
                        text, gender, reading.gender_of, q.start, addressee
                    )
                    if guess is not None:
                        name, confidence, by = guess, 0.3, "narration"
            if name is None:
                # No cue, no turn in reach: the subject the narration leading into the
                # speech named last ("Charlotte … told the girls …, adding,").
                led = [n for n in reading.lead(index) if n != addressee]
                if led:
                    name, confidence, by = led[-1], 0.3, "narration"
            if name is not None:
                reading.took_turn(name, para, q.end)
            if cue is not None and q.depth == 0 and para not in reading.called:
                # "…," said Tom to Mary: the turn is told to her, who answers it
                listener = reading.cue_told(cue, reading.ahead(index), name)
                if listener is not None and listener != name:
                    reading.called[para] = listener
        quote = Quotation(
            doc=doc_id,
            start=q.start,
            end=q.end,
            kind=kind,
            speaker=name,
            speaker_cue=cue,
            confidence=confidence,
            citation=cite.fields() | {"start": cite.start, "end": cite.end} if cite else None,
            block=not q.marked,
            speaker_by=by if name is not None else None,
        )
        out.append(quote)
        if q.depth == 0:
            previous = quote
    return _as_spelled(text, reading.finished(out))


def _as_spelled(text: str, quotes: list[Quotation]) -> list[Quotation]:
    """The quotations with each speaker that is an epithet no character was found for
    written as the text most often spells it in its cues, where it capitalises a word
    ("the Dodger", "the March Hare", "the Frenchman"): the cues give epithets lowercased
    ("said the Dodger", "The dodger said" alike), to compare them."""
    spellings: dict[str, collections.Counter[str]] = {}
    for q in quotes:
        if q.speaker_by != "epithet" or q.speaker is None or q.speaker_cue is None:
            continue
        owner, *words = q.speaker.split()
        if owner != "the" or not words:
            continue
        spelled = re.search(
            r"\b" + r"\s+".join(map(re.escape, words)) + r"\b",
            text[q.speaker_cue[0] : q.speaker_cue[1]],
            re.I,
        )
        if spelled is not None:
            tail = " ".join(spelled.group().split())
            spellings.setdefault(q.speaker, collections.Counter())[tail] += 1
    names = {
        said: f"the {tail}"
        for said, counts in spellings.items()
        for tail, _ in counts.most_common(1)
        if tail != tail.lower()
    }
    if not names:
        return quotes
    return [
        replace(
            q,
            speaker=names.get(q.speaker, q.speaker) if q.speaker is not None else None,
            addressee=names.get(q.addressee, q.addressee) if q.addressee is not None else None,
        )
        for q in quotes
    ]


def _found_by(before: list[Quotation], after: list[Quotation], by: str) -> list[Quotation]:
    """`after`, a step's quotations, each whose speaker the step changed from `before`
    found `by` that step (`Quotation.speaker_by`; None where it has no speaker now)."""
    return [
        replace(q, speaker_by=by if q.speaker is not None else None)
        if q.speaker != was.speaker
        else q
        for was, q in zip(before, after, strict=True)
    ]


def _kind(text: str, q: Quote, cited: bool, previous: Quotation | None) -> str:
    """A quotation's kind, with letters told from speech and short replies from scare
    quotes."""
    kind = q.kind
    after_letter = previous is not None and previous.kind == "letter"
    if q.depth == 0 and not cited and is_letter(text, q, after_letter):
        kind = "letter"  # a cited one is a quotation of a source, whatever its form
    if kind == "scare" and speech_follows(text, q.end):
        kind = "quotation"  # "Well," said Emma: a short reply, not scare quotes
    return kind


def _dominant(votes: collections.Counter[str], least: int) -> str | None:
    """The one `votes` name `least` times at least and twice as often as anyone else,
    if any."""
    ranked = votes.most_common(2)
    if not ranked:
        return None
    n, second = ranked[0][1], (ranked[1][1] if len(ranked) > 1 else 0)
    return ranked[0][0] if n >= least and n >= 2 * second else None


def _kin_calls(text: str, lo: int, hi: int) -> list[str]:
    """The relations ("father", "mother") text[lo:hi] calls someone by as a child calls
    a parent ("Yes, papa.", "Oh! mamma, …", "my dear father,"), in order."""
    return [
        _KIN_WORDS[word]
        for m in _KIN_CALLED.finditer(text, lo, hi)
        if (word := m.group().lower()) in _KIN_WORDS
        and _KIN_AFTER.search(text, max(lo, m.start() - 8), m.start())
    ]


def _neighbours(paras: Sequence[int]) -> tuple[list[int | None], list[int | None]]:
    """For each speech of a run in order (`paras`: their paragraphs), the position of the
    last speech of an earlier paragraph and of the first speech of a later one, if any:
    the speech it answers and the one that answers it, where those paragraphs are next
    to its own."""
    before: list[int | None] = [None] * len(paras)
    preceding: int | None = None
    for n in range(len(paras)):
        if n and paras[n - 1] != paras[n]:
            preceding = n - 1
        before[n] = preceding
    after: list[int | None] = [None] * len(paras)
    following: int | None = None
    for n in range(len(paras) - 1, -1, -1):
        if n + 1 < len(paras) and paras[n + 1] != paras[n]:
            following = n + 1
        after[n] = following
    return before, after


def _new_sentence(text: str, lo: int, hi: int) -> bool:
    """Whether a sentence ends in text[lo:hi]: the stop after a title ("Mrs. Reed") ends
    none."""
    return any(
        not (stop.group(2) == "." and is_title(stop.group(1)))
        for stop in _SENTENCE_END.finditer(text, lo, hi)
    )


class _Reading:
    """What reading a document's quotations in order knows: its cast and the epithets
    its dialogues teach, the paragraphs, the turns taken so far, and what each speech
    told (whom it calls by name, the gender its pronoun cue gives)."""

    def __init__(self, text: str, found: list[Quote]) -> None:
        self.text, self.found = text, found
        self.cast = Cast(text, found)
        self.paragraphs = [m.start() for m in _PARAGRAPH.finditer(text)]
        self.paras = [bisect.bisect_right(self.paragraphs, q.start) for q in found]
        self.headings = [m.start() for m in _HEADING.finditer(text)]
        # Each cue's speaker under the one name the cast knows them by (`Cast.one`).
        self.cues = [
            (self.cast.one(name) if name is not None else None, cue, confidence)
            for name, cue, confidence in (
                speaker(text, q.start, q.end, self.cast.names, self.cast.quoted) for q in found
            )
        ]
        # The narrator's own cues ("said I"), in the narration of a speech of its own.
        quoted = self.cast.quoted
        self.first: list[tuple[int, int] | None] = []
        for q in found:
            cue = first_person(text, q.start, q.end) if q.depth == 0 else None
            self.first.append(cue if cue is not None and not quoted(cue[0]) else None)
        # Told in the first person: the narration says "said I" of someone.
        self.told_by_i = any(self.first)
        self.narrator = (
            self.cast.narrator(text, found, self.first, self.paras) if self.told_by_i else NARRATOR
        )
        self.epithets = self.cast.epithets(text, found, self.cues, self.paras)
        self.gender_of = dict(self.cast.gender_of)
        self.turns: list[tuple[str, int, int]] = []  # (speaker, paragraph, end) so far
        self.addressees: list[str | None] = []  # by position
        # Whom each paragraph's turn is told to: the last one called by name, the one a
        # named cue says ("said Tom to Mary", "to his wife"), or the one a relation cue
        # names ("cried his wife": him), by paragraph.
        self.called: dict[int, str] = {}
        self.pronouns: dict[int, str] = {}  # the gender a pronoun cue gives, by position
        # ... where no one of that gender was in reach, by position (see impossible)
        self.unresolved: dict[int, str] = {}
        self.wordless: dict[int, str] = {}  # who answered without a word (see silent), by paragraph
        # Whom each relation cue ("cried her mother") was resolved to so far, by relation.
        self.relations: dict[str, collections.Counter[str]] = {}

    def named(self, index: int) -> tuple[Guess, str | None]:
        """The speaker a cue names, or an epithet stands for ("said the Jew": Fagin; "said
        the turnkey": someone the book does not name, as the cue calls them), with what
        found them (`Quotation.speaker_by`: "cue", "narrator" or "epithet")."""
        q = self.found[index]
        name, cue, confidence = self.cues[index]
        mine = self.first[index]
        if mine is not None and (
            name is None or confidence < 0.9 or (cue is not None and cue[0] < mine[0] < q.start)
        ):
            # "…," said I / I answered, "…": the narrator, unless a named cue stands
            # nearer the speech ("Holmes looked up, and I asked," is mine).
            return (self.narrator, mine, 0.9), "narrator"
        by_epithet = self.cast.epithet(self.text, q.end) if name is None else None
        if by_epithet is None:
            if name is None:
                return (None, cue, confidence), None
            return (self.cast.one(self.cast.spelled(self.text, name)), cue, confidence), "cue"
        words, span = by_epithet
        owner = _OWNERS_SPOUSE.fullmatch(words)
        if owner is not None and owner["owner"] in self.epithets:
            # "said the undertaker's wife": the wife of the one "the undertaker" is
            husband = self.cast.epithet_at(
                self.text, owner["owner"], self.epithets[owner["owner"]], q.start
            )
            wife = self.cast.spouse(husband) if husband is not None else None
            if wife is not None:
                return (wife, span, 0.8), "epithet"
        if words in self.epithets:
            who = self.cast.epithet_at(self.text, words, self.epithets[words], q.start)
            if who is not None:
                return (who, span, 0.8), "epithet"
        if not words.startswith("the ") or words.rsplit(maxsplit=1)[-1] in ("voice", "voices"):
            # "said the voice": someone unseen, whom the dialogue may tell
            return (name, cue, confidence), None
        before = self.text[max(0, q.start - FALLBACK_REACH) : q.start]
        same = same_noun(self.epithets, words, before)
        if same is not None:  # "said the gentleman", just after "the old gentleman": that one
            return (same, span, 0.8), "epithet"
        # "the gentleman in the white waistcoat" names someone as the book does; "the
        # gentleman" alone is anyone of the scene (see by_pronoun_cue)
        return (words, span, 0.8 if placed(words) else 0.7), "epithet"

    def continues(self, previous: Quotation, q: Quote, para: int) -> bool:
        """Whether `q` is the second half of the speech `previous`, split by its cue in
        one sentence of one paragraph."""
        cue = previous.speaker_cue
        return (
            cue is not None
            and previous.end <= cue[0] < cue[1] <= q.start
            and not _new_sentence(self.text, cue[1], q.start)
            and bisect.bisect_right(self.paragraphs, previous.start) == para
        )

    @staticmethod
    def between(previous: Quotation, q: Quote, cue: tuple[int, int] | None) -> bool:
        """Whether the cue of `q` stands after the cue of the speech `previous`, between
        the halves of a speech that one splits: "…," said Tom, when Mrs. Reed returned,
        "…" is Tom's, and Mrs. Reed returned."""
        return (
            cue is not None
            and previous.speaker_cue is not None
            and previous.speaker_cue[1] <= cue[0] < q.start
        )

    def by_pronoun_cue(
        self, index: int, guess: Guess, addressee: str | None
    ) -> tuple[Guess, str | None]:
        """The speaker a pronoun or relation cue stands for ("said she", "cried his wife"),
        where the speech has one (after it, where the guess has a name already), with
        what found them (`Quotation.speaker_by`): "pronoun", or "description" for a cue
        that describes its speaker ("said the man": the one of the scene who fits); else
        `guess` and None."""
        q, text = self.found[index], self.text
        found = pronoun(text, q.start, q.end, self.cast.quoted)
        if found is None or (guess[0] is not None and found[1][0] < q.end):
            return guess, None
        gender, span = found
        described = _DESCRIBED.match(text[span[0] : span[1]]) is not None
        # The paragraph of the cue: the one before the quotation where it ends by
        # introducing it ("…forcing a smile, she said,").
        stop = min(q.start, span[0])
        cue_para = bisect.bisect_right(self.paragraphs, stop)
        here = self.paragraphs[cue_para - 1] if cue_para > 0 else 0
        lo = max(0, q.start - FALLBACK_REACH)
        everyone = self.mentioned(lo, q.start)
        turns = self.turns
        if self.told_by_i:
            # Told in the first person, the narration calls its narrator "I", never "he"
            # or "she": "…," he said to me is someone else's.
            everyone = [m for m in everyone if m[1] != self.narrator]
            turns = [t for t in turns if t[0] != self.narrator]
        narrated = (
            everyone
            if gender is None
            else after_pronoun(text, everyone, here, stop, gender, self.cast.quoted)
        )
        elder = _ELDER.search(text, *span) is not None
        para = self.paras[index]
        listener = self.cue_told(span, self.ahead(index)) or addressee
        resolved, confidence = by_pronoun(
            PronounCue(
                gender,
                listener=listener,
                elder=elder,
                main=self.cast.main.get(gender or ""),
                # "she added", or a cue in the paragraph of the turn before that leads
                # into this speech ("…," he replied, biting his lips. … but he soon
                # afterwards said,)
                goes_on=_GOES_ON.search(text, *span) is not None
                or (cue_para != self.paras[index] and bool(turns) and turns[-1][1] == cue_para),
                described=described,
            ),
            turns,
            para,
            q.start,
            narrated,
            here,
            self.gender_of,
        )
        spouse = next(
            (
                m
                for m in _SPOUSE.finditer(text, *span)
                # "hurrying … to her husband, called out": he is whom she calls
                if not OBJECT.search(text, max(span[0], m.start() - _SPOUSE_REACH), m.start())
            ),
            None,
        )
        if spouse is not None:
            # "cried his wife": the wife of the man "his" is ("Mrs. Bennet" of "Mr.
            # Bennet"), where the cast has her, even before she is named nearby.
            his = "m" if spouse.group().startswith("his") else "f"
            owner, _ = by_pronoun(
                PronounCue(his), turns, para, q.start, everyone, here, self.gender_of
            )
            if (
                listener is not None
                and self.gender_of.get(listener) == his
                and (owner is None or self.gender_of.get(owner) != his)
            ):
                # "My dear Mr. Bennet," said his lady to him: the man she calls, where no
                # one known to be a man is in reach.
                owner = listener
            partner = self.cast.spouse(owner) if owner is not None else None
            if owner is not None and partner is not None:
                resolved, confidence = partner, 0.7
                # "cried his wife": he is there, and hers is a turn he answers
                self.called.setdefault(para, owner)
        if resolved is None and gender is not None:
            # No one of the gender in reach: the one the scene named last.
            resolved = self.cast.last_of(text, gender, self.gender_of, q.start, listener)
            confidence = 0.4
        if resolved is None:
            if gender is not None and not elder:
                self.unresolved[index] = gender
            return guess, None
        relation = _KIN.search(text, *span)
        if relation is not None:
            self.relations.setdefault(relation.group(1), collections.Counter())[resolved] += 1
        if gender is not None:
            # "said he" tells the gender of whoever it turned out to be.
            self.gender_of.setdefault(resolved, gender)
            if not elder:  # "her mother" is a role, not whoever "she" is
                self.pronouns[index] = gender
        return (resolved, span, confidence), "description" if described else "pronoun"

    def possible(self, out: list[Quotation]) -> list[Quotation]:
        """The quotations, with no speaker where the dialogue gave one its pronoun cue
        rules out (`impossible`), nor for the speeches after it in its paragraph that took
        that speaker without a cue of their own (the later halves of a speech split by
        its cue): better none than one the text says it is not."""
        out = list(out)
        cleared: tuple[int, str] | None = None  # the paragraph and the speaker taken away
        for k, q in enumerate(out):
            para = self.paras[k]
            if self.impossible(k, q.speaker):
                cleared = (para, q.speaker or "")
            elif cleared != (para, q.speaker) or (
                q.speaker_by != "split" and q.speaker_cue is not None
            ):
                continue
            out[k] = replace(q, speaker=None, speaker_by=None, speaker_cue=None, confidence=0.0)
        return out

    def impossible(self, index: int, name: str | None) -> bool:
        """Whether the speech at `index` cannot be `name`'s: its cue says "she" (or "he")
        of someone no one in reach was, and `name` is known to be of the other gender, or
        is the narrator of a book told in the first person, whom the narration calls
        "I"."""
        said = self.unresolved.get(index)
        if said is None or name is None:
            return False
        known = self.gender_of.get(name)
        return (known is not None and known != said) or (name == self.narrator and self.told_by_i)

    def mentioned(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """The characters the narration of text[lo:hi] names in full (`Cast.narrated`)
        and calls by a relation the relation cues resolve (`kin`), with positions, in
        order."""
        named = self.cast.narrated(self.text, lo, hi, self.cast.quoted)
        kin = self.kin(lo, hi)
        return sorted(named + kin) if kin else named

    def kin(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """Where the narration of text[lo:hi] calls someone by a relation the relation
        cues so far resolved mostly to one character ("her mother", "their affectionate
        mother": Mrs. Bennet, where "cried her mother" was her `_KIN_VOTES` times and
        twice as often as anyone else), with that character."""
        out: list[tuple[int, str]] = []
        if not self.relations:
            return out
        for m in _KIN.finditer(self.text, lo, hi):
            who = self.relative(m.group(1))
            if who is not None and not self.cast.quoted(m.start()):
                out.append((m.start(), who))
        return out

    def relative(self, relation: str) -> str | None:
        """The character the relation cues so far resolved `relation` ("mother") to,
        `_KIN_VOTES` times at least and twice as often as anyone else, if any."""
        votes = self.relations.get(relation)
        return _dominant(votes, _KIN_VOTES) if votes is not None else None

    def kin_called(self, q: Quote) -> str | None:
        """The parent a speech calls by what a child calls them ("Yes, papa.", "What is
        the matter mamma?"), where the relation cues so far resolved that relation mostly
        to one character ("said her father": Mr. Bennet; see `kin`). Where they did not,
        the answers to such speeches may tell (`answering`)."""
        return next(
            (who for r in _kin_calls(self.text, q.start, q.end) if (who := self.relative(r))),
            None,
        )

    def clause_gender(self, index: int) -> str | None:
        """The gender of the "he" or "she" of the clause that leads into a speech
        ("He took the letter, turned to the window, and smiled, "…"); None where the
        narration between the last quotation, or the paragraph before, and the speech
        has no such clause."""
        q, text = self.found[index], self.text
        floor = max(0, q.start - FALLBACK_REACH)
        if index > 0:
            before = self.found[index - 1]
            if before.end > q.start:
                return None  # inside another quotation: no narration leads into it
            floor = max(floor, before.end)
        para = self.paras[index]
        lo = self.paragraphs[para - 1] if para > 0 else 0
        if lo >= floor and para > 1 and not text[lo : q.start].strip():
            lo = self.paragraphs[para - 2]  # the speech opens its paragraph
        lo = max(lo, floor)
        said = collections.deque(_SUBJECT.finditer(text, lo, q.start), maxlen=1)
        if not said or STOP.search(text, said[0].end(), q.start):
            return None
        return "m" if said[0].group().lower() == "he" else "f"

    def unnamed(
        self, index: int, para: int, previous: Quotation | None, addressee: str | None
    ) -> tuple[str | None, float, str]:
        """The speaker of a speech no cue tells (the one at `index`): the one who spoke
        before, where a paragraph of narration between says that someone else answered
        without a word (`silent`), or names them last as its subject (they go on); the
        listener of the turn before (the one a speech of it calls by name, "Lizzy, …", or
        the husband of "cried his wife"), in a new paragraph; else the dialogue's
        turn-taking; with what found them (`Quotation.speaker_by`)."""
        q = self.found[index]
        answered = self.silent(q, para, previous)
        if answered is not None and answered != addressee:
            return answered, 0.5, "turn-taking"
        if (
            previous is not None
            and previous.speaker not in (None, addressee)
            and self.turns
            and self.turns[-1][1] == para - 2
            and self.lead(index)[-1:] == [previous.speaker]
        ):
            # "Every body was surprised; and Darcy … turned silently away. Mrs. Bennet,
            # who fancied she had gained a complete victory over him, continued her
            # triumph." / "I cannot see that London…": hers again, not the other side's
            return previous.speaker, 0.5, "narration"
        if previous is not None and self.turns and self.turns[-1][1] != para:
            # any speech of the turn before: "Is this a hint to me, Lizzy," said her
            # father, "to send for the horses?" calls her in its first half
            listener = self.called.get(bisect.bisect_right(self.paragraphs, previous.start))
            if listener is not None and listener not in (previous.speaker, addressee):
                return listener, 0.5, "addressed"
        return (*turn(self.turns, para, q.start, addressee), "turn-taking")

    def silent(self, q: Quote, para: int, previous: Quotation | None) -> str | None:
        """The speaker of the turn before a speech that opens its paragraph, where the
        one paragraph between them is someone else answering without a word (`_SILENT`):
        that was their turn, which is taken (`took_turn`), and the one who spoke before
        goes on ("How can you contrive to write so even?" / He was silent. / "Tell your
        sister…", all hers). Someone else is another character, by name or by an
        epithet the book resolves, or "he" or "she" where the last speaker is known to
        be of the other gender: then the one the speech before calls by name, else the
        book's main character of that gender where the scene has named them, else the
        one of that gender the narration named last."""
        if previous is None or previous.speaker is None or para < 2:
            return None
        lo, hi = self.paragraphs[para - 2], self.paragraphs[para - 1]
        if (
            bisect.bisect_right(self.paragraphs, previous.start) != para - 2
            or previous.end > lo
            or hi - lo > _SILENT_LENGTH
            or self.text[hi : q.start].strip(_BLANK_OR_MARK)  # narration opens its paragraph
        ):
            return None
        raw = self.text[lo:hi]
        body = " ".join(raw.split())  # its lines joined
        found = _SILENT.fullmatch(body)
        if found is None:
            return None
        who, last = found["who"], previous.speaker
        pronominal = who.lower() in ("he", "she")
        other: str | None
        if pronominal:
            gender = "m" if who.lower() == "he" else "f"
            if self.gender_of.get(last) in (gender, None):
                return None
            called = self.called.get(para - 2)
            main = self.cast.main.get(gender)
            if called is not None and self.gender_of.get(called) == gender:
                other = called
            elif main is not None and self.cast.last_named(self.text, main, lo) >= 0:
                other = main
            else:
                other = self.cast.last_of(self.text, gender, self.gender_of, lo, last)
        else:
            at = lo + len(raw) - len(raw.lstrip()) + found.start("who")
            other = next(
                (
                    self.cast.one(n)
                    for start, _, n in self.cast.mentions(self.text, at, at + len(who))
                    if start == at
                ),
                self.epithets.get(" ".join(who.lower().split())),
            )
        if other is None or other == last:
            return None
        self.took_turn(other, para - 1, hi)
        if not pronominal:
            # a turn of the dialogue read from both ends (two_sided), where it is named:
            # whom "she" stands for is a guess, which would anchor the dialogue's sides
            self.wordless[para - 1] = other
        return last

    def took_turn(self, name: str, para: int, end: int) -> None:
        """`name` spoke in paragraph `para`: one turn a paragraph, its last speaker."""
        if self.turns and self.turns[-1][1] == para:
            del self.turns[-1]
        self.turns.append((name, para, end))
        while end - self.turns[0][2] > FALLBACK_REACH:
            del self.turns[0]  # out of reach: the list stays short on any input

    def finished(self, out: list[Quotation]) -> list[Quotation]:
        """The quotations with the turn-taking of each dialogue read from both ends, and
        the halves of split speeches given one speaker."""
        speeches = [
            k for k, q in enumerate(out) if q.kind == "quotation" and self.found[k].depth == 0
        ]
        paras = {k: self.paras[k] for k in speeches}
        out = _found_by(out, self.answering(out, speeches), "addressed")
        out = _found_by(
            out,
            two_sided(
                out,
                paras,
                [  # whom each speech calls by name, else whom its turn is told to
                    a if a is not None else self.called.get(self.paras[k])
                    for k, a in enumerate(self.addressees)
                ],
                self.pronouns,
                self.gender_of,
                self.lead,
                self.wordless,
                mentioned=self.named_before,
                chapter=self.chapter,
            ),
            "turn-taking",
        )
        out = _found_by(out, self.sir_or_madam(out, speeches), "turn-taking")
        out = _found_by(out, self.called_sir(out, speeches), "turn-taking")
        out = self.possible(out)
        # every name is the cast's one name for its character already (`Cast.one`)
        return self.told_to(_found_by(out, one_voice(out), "split"), speeches)

    def ahead(self, index: int) -> int:
        """Where the quotation after the one at `index` starts (the text's end after the
        last): how far the words after a cue may be read (see `cue_told`)."""
        return self.found[index + 1].start if index + 1 < len(self.found) else len(self.text)

    def cue_told(self, cue: tuple[int, int], ahead: int, speaker: str | None = None) -> str | None:
        """The character the cue `cue` says its speech is told to ("said Anna to Ben"),
        read in the words just after it too, up to the end of the sentence, `ahead` (the
        next quotation's start) and `_TOLD_REACH` characters ("said Anna, turning to
        Ben,"); in a book told in the first person, "to me" is the narrator; "to his
        wife" or "to her husband" is the spouse of its `speaker` where the cast has them
        ("said Mr. Bennet to his wife": Mrs. Bennet)."""
        lo, hi = cue
        hi = max(hi, min(hi + _TOLD_REACH, ahead))
        stop = STOP.search(self.text, cue[1], hi)
        hi = stop.start() if stop else hi
        if self.told_by_i and any(
            not self.cast.quoted(me.start()) for me in _TO_ME.finditer(self.text, lo, hi)
        ):
            return self.narrator
        told = self.cast.told(self.text, (lo, hi))
        if told is None and speaker is not None and _TO_SPOUSE.search(self.text, lo, hi):
            told = self.cast.spouse(speaker)
        return told

    def told_to(self, out: list[Quotation], speeches: list[int]) -> list[Quotation]:
        """The quotations, each speech with whom it is told to: the one it calls by name
        ("Lizzy, …", learnt or not), else the one its cue says ("said … to Elizabeth",
        "said Anna, turning to Ben,"), else, in a dialogue, the speaker of the speech it
        answers (the last of the paragraph before) or, where none, of the one that
        answers it (the first of the paragraph after); never its own speaker."""
        out = list(out)
        text = self.text
        paras = [self.paras[k] for k in speeches]
        before, after = _neighbours(paras)
        for n, k in enumerate(speeches):
            q = out[k]
            listener = self.addressees[k]
            if listener is None and q.speaker_cue is not None:
                ahead = out[speeches[n + 1]].start if n + 1 < len(speeches) else len(text)
                listener = self.cue_told(q.speaker_cue, ahead, q.speaker)
            answered, answer = before[n], after[n]
            if listener is None and answered is not None and paras[answered] == paras[n] - 1:
                listener = out[speeches[answered]].speaker
                if listener == q.speaker:
                    listener = None
            if listener is None and answer is not None and paras[answer] == paras[n] + 1:
                listener = out[speeches[answer]].speaker
            if listener is not None and listener != q.speaker:
                out[k] = replace(q, addressee=listener)
        return out

    def sir_or_madam(self, out: list[Quotation], speeches: list[int]) -> list[Quotation]:
        """The quotations, where a turn's speeches call its listener "sir" or "madam", with
        the answer, in the next paragraph, given to someone of the gender called where it
        was not (`of_gender_called`: "Does she live near you, sir?" is answered by a
        man)."""
        out = list(out)
        called: set[str] = set()  # what the speeches of the paragraph so far call
        for n, (k, j) in enumerate(itertools.pairwise(speeches)):
            called |= self.sir_called(out[k])
            if self.paras[j] == self.paras[k]:
                continue
            if self.paras[j] != self.paras[k] + 1:
                called = set()
                continue
            said, called = called, set()
            answer = self.of_gender_called(out, speeches, n + 1, out[j], said, out[k].speaker)
            if answer is not None:
                out[j] = answer
        return out

    def called_sir(self, out: list[Quotation], speeches: list[int]) -> list[Quotation]:
        """The quotations, where a turn calls its listener "sir" or "madam", with the turn
        it answers (the paragraph before) given to someone of the gender called where it
        was not (`of_gender_called`: "Is your master much at Pemberley?" / "Not so much as
        I could wish, Sir;": a man asked). `sir_or_madam` reads the same calls forward."""
        out = list(out)
        for n in range(1, len(speeches)):
            k, j = speeches[n - 1], speeches[n]
            if self.paras[j] != self.paras[k] + 1:
                continue  # not the first speech of the turn after
            said = self.sir_called(out[j])
            asked = self.of_gender_called(out, speeches, n - 1, out[k], said, out[j].speaker)
            if asked is not None:
                out[k] = asked
        return out

    def sir_called(self, quote: Quotation) -> set[str]:
        """The genders a speech calls its listener by: "m" for "sir", "f" for "madam"."""
        return {
            "m" if m.group().lower() == "sir" else "f"
            for m in _SIR_OR_MADAM.finditer(self.text, quote.start, quote.end)
        }

    def of_gender_called(
        self,
        out: list[Quotation],
        speeches: list[int],
        upto: int,
        quote: Quotation,
        said: set[str],
        caller: str | None,
    ) -> Quotation | None:
        """`quote`, a turn whose listener the turn beside it calls "sir" or "madam" (`said`:
        one gender), with no cue and given to someone known to be of the other gender:
        given instead to the last speaker of the gender called among the first `upto` of
        `speeches` (positions in `out`, in order) in reach of it, other than the one who
        called (`caller`), else to the one of that gender the scene named last. None where
        it stays as it is."""
        if len(said) != 1 or quote.speaker_cue is not None or quote.confidence >= 0.8:
            return None
        (gender,) = said
        if self.gender_of.get(quote.speaker or "") in (None, gender):
            return None
        for n in range(upto - 1, -1, -1):
            before = out[speeches[n]]
            if quote.start - before.end >= FALLBACK_REACH:
                break
            if before.speaker != caller and self.gender_of.get(before.speaker or "") == gender:
                return replace(quote, speaker=before.speaker, confidence=0.4)
        who = self.cast.last_of(self.text, gender, self.gender_of, quote.start, caller)
        return replace(quote, speaker=who, confidence=0.4) if who is not None else None

    def named_before(self, index: int) -> list[str]:
        """Every character the narration leading into a speech names, subject or not, in
        order (see `leading_in`)."""
        return [name for _, name in self.leading_in(index)]

    def leading_in(self, index: int) -> list[tuple[int, str]]:
        """The characters the narration leading into a speech names (`mentioned`), with
        positions: between the quotation before it and the speech, `FALLBACK_REACH` at
        most, and not before its chapter's heading (`chapter`): the last chapter's last
        sentence leads into nothing of the next."""
        q = self.found[index]
        lo = max(0, q.start - FALLBACK_REACH, self.chapter(index))
        if index > 0:
            lo = max(lo, min(q.start, self.found[index - 1].end))
        return self.mentioned(lo, q.start)

    def chapter(self, index: int) -> int:
        """Where the chapter of the speech at `index` starts: its heading (`_HEADING`),
        0 where none comes before it."""
        at = bisect.bisect_right(self.headings, self.found[index].start)
        return self.headings[at - 1] if at else 0

    def lead(self, index: int) -> list[str]:
        """The characters the narration leading into a speech names as the subject of
        their clause (`_LEADS`), in order (where `leading_in` reads). A relation the
        relation cues resolve to one character (`kin`: "Her mother came in") names them
        too."""
        text = self.text
        return [
            name
            for at, name in self.leading_in(index)
            if _LEADS.search(text, max(0, at - 40), at) is not None
            and _NOT_LEADING.search(text, max(0, at - 40), at) is None
        ]

    def answering(self, out: list[Quotation], speeches: list[int]) -> list[Quotation]:
        """The quotations, where a speech calls someone by a name the cast does not have
        ("…, Lizzy?") or by what a child calls a parent ("Yes, papa.", where the relation
        cues did not tell whom: `kin_called`), that name learnt from who answers it: the
        speaker of the first speech of the next paragraph, found `_ANSWERS` times at
        least and twice as often as anyone else ("Lizzy" is Elizabeth). The speech's
        listener is then that character, and so is the speaker of an answer no cue
        names."""
        text = self.text
        # Each speech that calls someone so, with its answer where the next paragraph has it.
        called: list[tuple[int, int | None, list[str]]] = []
        votes: dict[str, collections.Counter[str]] = {}
        # The first speech of the paragraph after each speech's, where that follows it.
        paras = [self.paras[k] for k in speeches]
        answers = [
            speeches[a] if a is not None and paras[a] == paras[n] + 1 else None
            for n, a in enumerate(_neighbours(paras)[1])
        ]
        for k, answer in zip(speeches, answers, strict=True):
            if self.addressees[k] is not None:
                continue
            names = [
                n
                for n in vocatives(text, out[k].start, out[k].end)
                if n not in self.cast.names and n.lower() not in _KIN_WORDS
            ]
            names += _kin_calls(text, out[k].start, out[k].end)
            if not names:
                continue
            called.append((k, answer, names))
            by = out[answer].speaker if answer is not None else None
            if by is not None and by != out[k].speaker:
                for name in names:
                    votes.setdefault(name, collections.Counter())[by] += 1
        known = {
            name: who
            for name, counter in votes.items()
            if (who := _dominant(counter, _ANSWERS)) is not None
        }
        out = list(out)
        # Whom each of those speeches calls: the answer to one is never whom it calls too.
        calls = {k: {known[n] for n in names if n in known} for k, _, names in called}
        for k, answer, names in called:
            listener = next((known[n] for n in names if n in known), None)
            if listener is None:
                continue
            self.addressees[k] = listener
            if (
                answer is not None
                and out[answer].speaker_cue is None
                and out[answer].confidence <= 0.5
                and listener not in calls.get(answer, ())
            ):
                out[answer] = replace(out[answer], speaker=listener, confidence=0.5)
        return out
