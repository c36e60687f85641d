"""Quotes: quotations, their speakers and citations, traced across versions."""

from __future__ import annotations

import bisect
import re

from variorum.quotes.blocks import block_quotations
from variorum.quotes.citations import citation_after, resolve
from variorum.quotes.dialogue import (
    FALLBACK_REACH,
    Cast,
    after_pronoun,
    by_pronoun,
    one_voice,
    same_noun,
    turn,
    two_sided,
)
from variorum.quotes.extract import is_letter, quotations
from variorum.quotes.speakers import epithet, pronoun, speaker, speech_follows
from variorum.types import Document, Quotation

__all__ = ["find_quotations"]

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# Quotations that start this far before a stretch of narration are taken not to cover it.
_LONG_QUOTE = 20_000
_NEW_SENTENCE = re.compile(r"[.!?]\s+\w")
_SPOUSE = re.compile(r"\b(?:his wife|her husband)\b")
# A cue that says the last speaker goes on: "she added", "he continued".
_GOES_ON = re.compile(r"\b(?:added|continued|went on|resumed|pursued|persisted)\b")
_ELDER = re.compile(r"\b(?:mother|father|wife|husband|aunt|uncle)\b")


def find_quotations(doc: Document) -> list[Quotation]:
    """The quotations of a document with their kind, speaker and citation (Ibid. resolved)."""
    text = doc.text
    found = quotations(text)
    found = sorted([*found, *block_quotations(text, found)], key=lambda q: (q.start, -q.end))
    cites = resolve([citation_after(text, q.end) if q.kind == "quotation" else None for q in found])
    cast = Cast(text, found)
    paragraphs = [m.start() for m in _PARAGRAPH.finditer(text)]
    paras = [bisect.bisect_right(paragraphs, q.start) for q in found]
    cues = [speaker(text, q.start, q.end, cast.names) for q in found]
    epithets = cast.epithets(text, found, cues, paras)
    gender_of = dict(cast.gender_of)
    out: list[Quotation] = []
    turns: list[tuple[str, int, int]] = []  # (speaker, paragraph, end) of earlier quotations
    previous: Quotation | None = None
    addressees: list[str | None] = []
    pronouns: dict[int, str] = {}  # the gender a pronoun cue gives ("said he"), by position
    starts = [q.start for q in found]
    for index, (q, cite) in enumerate(zip(found, cites, strict=True)):
        name, cue, confidence = cues[index]
        by_epithet = epithet(text, q.end) if name is None else None
        if by_epithet is not None and by_epithet[0] in epithets:
            name, cue, confidence = epithets[by_epithet[0]], by_epithet[1], 0.8
        elif by_epithet is not None and by_epithet[0].startswith("the "):
            # "said the turnkey": someone the book does not name, as the cue calls them
            name, cue, confidence = by_epithet[0], by_epithet[1], 0.7
            same = same_noun(
                epithets, by_epithet[0], text[max(0, q.start - FALLBACK_REACH) : q.start]
            )
            if same is not None:  # "said the gentleman", just after "the old gentleman"
                name, confidence = same, 0.8
        kind = q.kind
        after_letter = previous is not None and previous.kind == "letter"
        if q.depth == 0 and cite is None and is_letter(text, q, after_letter):
            kind = "letter"  # a cited one is a quotation of a source, whatever its form
        if kind == "scare" and speech_follows(text, q.end):
            kind = "quotation"  # "Well," said Emma: a short reply, not scare quotes
        if cite is not None and cite.author and (name is None or confidence < 0.9):
            name, cue, confidence = cite.author, (cite.start, cite.end), 0.9
        para = paras[index]
        # Whom the speech calls by name ("Jane, you ought…"): not its speaker.
        addressee = cast.addressed(text, q) if kind == "quotation" else None
        addressees.append(addressee)
        if (
            previous is not None
            and previous.speaker_cue is not None
            and previous.end <= previous.speaker_cue[0] < previous.speaker_cue[1] <= q.start
            and not _NEW_SENTENCE.search(text, previous.speaker_cue[1], q.start)
            and bisect.bisect_right(paragraphs, previous.start) == para
            and (name is None or confidence < previous.confidence)
        ):
            # The second half of a split quotation: "Well," said Emma, "you want…"
            name, cue, confidence = previous.speaker, previous.speaker_cue, previous.confidence
        if kind == "quotation" and (name is None or confidence < 0.8):
            cue_by_pronoun = pronoun(text, q.start, q.end)
            if cue_by_pronoun is not None and (name is None or cue_by_pronoun[1][0] >= q.end):
                # The paragraph of the cue: the one before the quotation where it ends
                # by introducing it ("…forcing a smile, she said,").
                stop = min(q.start, cue_by_pronoun[1][0])
                cue_para = bisect.bisect_right(paragraphs, stop)
                here = paragraphs[cue_para - 1] if cue_para > 0 else 0
                lo = max(0, q.start - FALLBACK_REACH)
                nearby = found[bisect.bisect_left(starts, lo - _LONG_QUOTE) : index]
                everyone = cast.narrated(text, lo, q.start, nearby)
                gender = cue_by_pronoun[0]
                narrated = (
                    everyone
                    if gender is None
                    else after_pronoun(text, everyone, here, stop, gender, nearby)
                )
                elder = _ELDER.search(text, *cue_by_pronoun[1]) is not None
                resolved, resolved_confidence = by_pronoun(
                    cue_by_pronoun[0],
                    turns,
                    para,
                    q.start,
                    narrated,
                    here,
                    gender_of,
                    cast.told(text, cue_by_pronoun[1]) or addressee,
                    elder,
                    cast.main.get(cue_by_pronoun[0] or ""),
                    _GOES_ON.search(text, *cue_by_pronoun[1]) is not None,
                )
                spouse = _SPOUSE.search(text, *cue_by_pronoun[1])
                if spouse is not None:
                    # "cried his wife": the wife of the man "his" is ("Mrs. Bennet" of "Mr.
                    # Bennet"), where the cast has her, even before she is named nearby.
                    his = "m" if spouse.group().startswith("his") else "f"
                    owner, _ = by_pronoun(his, turns, para, q.start, everyone, here, gender_of)
                    partner = cast.spouse(owner) if owner is not None else None
                    if partner is not None:
                        resolved, resolved_confidence = partner, 0.7
                if resolved is not None:
                    name, cue, confidence = resolved, cue_by_pronoun[1], resolved_confidence
                    if cue_by_pronoun[0] is not None:
                        # "said he" tells the gender of whoever it turned out to be.
                        gender_of.setdefault(resolved, cue_by_pronoun[0])
                        if not elder:  # "her mother" is a role, not whoever "she" is
                            pronouns[index] = cue_by_pronoun[0]
        if (
            name is None
            and kind == "quotation"
            and previous is not None
            and turns
            and turns[-1][1] != para
        ):
            # A reply to a speech that named its listener ("Lizzy, …"): the listener.
            listener = cast.addressed(text, previous)
            if listener is not None and listener != previous.speaker:
                name, confidence = listener, 0.5
        if name is None and kind == "quotation":
            name, confidence = turn(turns, para, q.start, addressee)
        if name is not None and kind == "quotation":
            if turns and turns[-1][1] == para:
                del turns[-1]  # one turn a paragraph: its last speaker
            turns.append((name, para, q.end))
            while q.end - turns[0][2] > FALLBACK_REACH:
                del turns[0]  # out of reach: the list stays short on any input
        quote = Quotation(
            doc=doc.id,
            start=q.start,
            end=q.end,
            kind=kind,
            speaker=name,
            speaker_cue=cue,
            confidence=confidence,
            citation=cite.fields() | {"start": cite.start, "end": cite.end} if cite else None,
            block=not q.marked,
        )
        out.append(quote)
        if q.depth == 0:
            previous = quote
    speeches = [k for k, q in enumerate(out) if q.kind == "quotation" and found[k].depth == 0]
    out = two_sided(out, {k: paras[k] for k in speeches}, addressees, pronouns, gender_of)
    return one_voice(out)
