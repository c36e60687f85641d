"""Who speaks in a dialogue: the cast of characters, turn-taking, pronouns resolved."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from variorum.quotes.extract import DOUBLE_MARKS, OPENING_MARKS, Quote
from variorum.quotes.speakers import (
    WORD,
    apposed,
    epithet,
    genders,
    is_title,
    speaker,
    vocatives,
)
from variorum.types import Quotation

# Earlier speakers stand in for a quotation without a cue this close to them.
FALLBACK_REACH = 2000
# An epithet stands for a character with this many votes (see Cast.epithets).
_EPITHET_VOTES = 3
# ... and a vote for every this many of its speeches at least: "the man" of Oliver Twist,
# said of a dozen men in fifty speeches, has six votes for one of them.
_EPITHET_SHARE = 6
# A description the text calls someone by this often is a name ("the gentleman in the
# white waistcoat"; see Cast.recurs).
_RECURS = 3
_DESCRIPTIONS = 64  # descriptions looked for in one document, at most
# A name's word the text says this often at most is a misspelling of a character's
# name that it says this often at least, a letter away (see Cast.spelled).
_MISSPELT = 2
_SPELT = 20
# About a chapter of a novel (3,500 words): a character the text has not named for this
# long has left the scene (see Cast.epithet_at).
_SCENE = 20_000
# What stands before the listener a cue names: "…said very stiffly to Elizabeth", or a
# verb of telling or asking after a pronoun ("he asked Fagin"; in "asked Oliver" the
# name is the speaker).
_TO = re.compile(
    r"(?:\bto|\b(?:he|she|I|we|they)\s+(?:asked|told|answered|assured|informed|reminded"
    r"|warned|begged|entreated|implored|besought|bade|thanked|questioned|urged|addressed"
    r"|interrupted|asks|tells|answers|assures|informs|reminds|warns|begs|entreats|implores"
    r"|beseeches|bids|thanks|questions|urges|addresses|interrupts))\s+$",
    re.IGNORECASE,
)
_TO_REACH = 24  # characters before a name that _TO reads
# What stands after a name a speech calls someone by ("Lizzy, …", "…, Mr. Darcy?").
_AFTER_CALLED = frozenset(",!?;.\u2014-" + DOUBLE_MARKS)
_BLANK = re.compile(r"\s*")
# A dash between a word and the name ("Yes,--Jane, do come", "Yes,—Jane"), any dash
# alike, but not after a word the name goes on from ("are you speaking of--Mr.
# Knightley?").
_DASHED_CALL = re.compile(
    r"(?<![\w-])(?!(?:of|to|for|with|at|on|by|from|about|and|or|but|the|a|an|my|your|his|her"
    r"|our|their|upon|in|than|as|like)\b)\w+[.!?;,]?\s*(?:--|\u2014|\u2013)\s*$",
    re.IGNORECASE,
)
# Who "I" is, where the speeches next to the narrator's call no one by name often enough
# (see Cast.narrator), and how often the name they call most must be called.
NARRATOR = "the narrator"
_NARRATOR_VOTES = 3
# The letters two given names of one surname share at the start where one person has
# both ("Charles", "Charley"; see _given_variants).
_GIVEN_STEM = 5
_VARIANTS = 16  # names of one surname and gender alike in three letters, at most
# A run that is not a dialogue of two is read whole (see `in_turns`): what each thing
# weighs for the person of a turn no cue tells. The turn-by-turn guess names them; the
# turn before called them by name (the listener answers); they spoke the turn before
# last (a dialogue alternates). Against: the same person two turns in a row, and a
# third person in the run.
_GUESSED = 1.0
_ANSWERED = 1.0
_ALTERNATED = 1.0
_AGAIN = 3.0
_THIRD = 1.5
_PEOPLE = 6  # the people a run is read with, at most
_NAMED_MOST = 4  # the most people a run read whole may name
_LONGEST = 100  # the longest run read whole, in turns: longer ones keep their guesses
# A speaker this sure (a named cue) anchors the turns of a dialogue (see two_sided).
_ANCHOR = 0.8
# A pronoun resolved to someone named in its cue's paragraph: only named cues outrank it.
_NAMED_NEARBY = 0.7
# How narration refers to someone of each gender it has already named.
_PRONOUNS = {
    "m": re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b"),
    "f": re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]erself)\b"),
}


def turn(
    turns: list[tuple[str, int, int]], para: int, start: int, listener: str | None = None
) -> tuple[str | None, float]:
    """The likely speaker of a quotation without a cue, from the turns before it.

    In the same paragraph as the last quotation, the same speaker goes on; in a new one,
    a dialogue alternates, so the last speaker other than the last one speaks again,
    however many turns the last one took in a row (or the last speaker, where no one
    else spoke: an author quoted at length). The
    `listener` the speech calls by name ("Jane, you ought…") is not its speaker: the
    last speaker other than the listener speaks instead.
    """
    recent = [t for t in turns if start - t[2] < FALLBACK_REACH]
    if not recent:
        return None, 0.0
    last = recent[-1]
    if last[1] == para:
        return last[0], 0.6
    guess, confidence = last[0], 0.5
    other = next((t[0] for t in reversed(recent) if t[0] != last[0]), None)
    if other is not None:
        guess, confidence = other, 0.4
    if guess == listener:
        other = next((t[0] for t in reversed(recent) if t[0] != listener), None)
        return (other, 0.4) if other is not None else (None, 0.0)
    return guess, confidence


def two_sided(
    quotes: list[Quotation],
    speeches: Mapping[int, int],
    addressees: Sequence[str | None],
    pronouns: Mapping[int, str],
    gender_of: Mapping[str, str],
    lead: Callable[[int], Sequence[str]] | None = None,
    wordless: Mapping[int, str] | None = None,
    *,
    mentioned: Callable[[int], Sequence[str]] | None = None,
    chapter: Callable[[int], int] | None = None,
) -> list[Quotation]:
    """The quotations, the turn-taking of their dialogues checked from both ends.

    `speeches` maps the speeches among `quotes` (by position) to their paragraphs; one
    paragraph is one turn, and the speeches of consecutive paragraphs are a dialogue.
    Turn-taking guesses forward, from the turns before a speech; the named cues after
    it tell too, and so do the people the speeches call by name or their cues say they
    are told to (`addressees`: "Lizzy, …", "said Tom to Mary"): they take part.

    Where the named speakers (named cues) alternate between two people (the same one at
    every other turn, the two never at turns an odd distance apart, the person a speech
    calls by name at the turn after it: the listener answers), it is a dialogue of two:
    a turn without a cue is the person at its parity, if any, unless the speech calls
    that person by name. So is a turn whose pronoun fits that person's gender: "said he"
    is the man of the two.

    Where only one side is named, the other is the subject the narration leading into
    the dialogue named last (`lead`: the names the narration leading into a speech says
    as subjects, read before the first speech of each turn up to the first named one;
    see `_led_in`); it takes the turns of its side no cue tells, not those a pronoun cue
    resolved, except one resolved to the person named at the other side's turns ("When
    Jane and Elizabeth were alone, the former … / "…," said she. / "…," replied
    Elizabeth.": Jane, not Elizabeth). Where the narration names no such subject, and no
    one the turn-by-turn guesses give that side spoke before the dialogue in its chapter
    (`chapter`: where the chapter of a speech starts), the other is the one the
    narration leading into the first turn names last at all (`mentioned`), subject or
    not: "she wanted Mr. Darcy to account for …", after a chapter heading whose last
    speaker was her father.

    A paragraph of narration in which a character named there answered without a word
    (`wordless`: the character, by paragraph; "Mr. Darcy bowed.") is a named turn of
    the dialogue it stands in.

    A run that is not a dialogue of two (a third person named, or one person on both
    sides), or that names no one (no turn named, no one called by name), is read whole
    (`in_turns`): its turns no cue tells take the people that fit its named turns, its
    listeners and its turn-by-turn guesses best, except a speech given to the one the
    turn before called by name, which keeps them.
    """
    turns: dict[int, list[int]] = {}
    for k, para in speeches.items():
        turns.setdefault(para, []).append(k)
    wordless = wordless or {}
    runs: list[list[int]] = []
    for para in sorted(set(turns) | set(wordless)):
        if runs and runs[-1][-1] == para - 1:
            runs[-1].append(para)
        else:
            runs.append([para])
    out = list(quotes)
    order = sorted(speeches)
    for run in runs:
        sides: tuple[set[str], set[str]] = (set(), set())
        named: set[int] = set()
        for i, para in enumerate(run):
            if para in wordless:  # a turn without a word, by whom it names
                sides[i % 2].add(wordless[para])
                named.add(i)
                continue
            who, _ = _turn_speaker(turns[para], out)
            if who is not None:
                sides[i % 2].add(who)
                named.add(i)
            for k in turns[para]:
                listener = addressees[k]
                if listener is not None:  # the listener answers
                    sides[(i + 1) % 2].add(listener)
        if any(len(side) > 1 for side in sides) or sides[0] & sides[1] or not sides[0] | sides[1]:
            # not a dialogue of two, or one that names no one: read whole
            _read_whole(run, turns, out, addressees, wordless, lead, order)
            continue
        guessed = -1  # the side the narration leading in gave, not a cue
        if lead is not None and bool(sides[0]) != bool(sides[1]):
            empty = 0 if not sides[0] else 1
            first = min(named) if named else len(run) - 1
            led = [
                name for para in run[: first + 1] if para in turns for name in lead(turns[para][0])
            ]
            said = {
                pronouns[k]
                for i, para in enumerate(run)
                if i % 2 == empty
                for k in turns.get(para, ())
                if k in pronouns
            }
            other = _led_in(led, sides[1 - empty], said, gender_of)
            if other is None and mentioned is not None and run[0] in turns:
                # no subject: the one the narration leading in names at all, where the
                # turn-by-turn guesses for that side are no one who spoke before in
                # the chapter ("she wanted Mr. Darcy to account for …")
                start = turns[run[0]][0]
                floor = chapter(start) if chapter is not None else 0
                spoke = _spoke_before(start, out, order, floor)
                guesses = {
                    out[k].speaker
                    for i, para in enumerate(run)
                    if i % 2 == empty
                    for k in turns.get(para, ())
                    if out[k].speaker is not None
                }
                if not guesses & set(spoke):
                    other = _led_in(mentioned(start), sides[1 - empty], said, gender_of)
            if other is not None:
                sides[empty].add(other)
                guessed = empty
        for i, para in enumerate(run):
            if i in named or not sides[i % 2]:
                continue
            name = next(iter(sides[i % 2]))
            for k in turns.get(para, ()):
                q = out[k]
                loose = q.speaker_cue is None and q.confidence < _ANCHOR
                fits = (
                    k in pronouns
                    and gender_of.get(name) == pronouns[k]
                    and (i % 2 != guessed or q.speaker in sides[1 - i % 2])
                )
                if (loose or fits) and addressees[k] != name:
                    out[k] = replace(q, speaker=name, confidence=0.6 if fits else 0.5)
    return out


def _turn_speaker(
    speeches: Sequence[int], out: Sequence[Quotation]
) -> tuple[str | None, str | None]:
    """The speaker of a turn, its surest speech's (`speeches` by position in `out`): as
    (named, None) where a named cue tells it (`_ANCHOR`), else (None, the guess)."""
    best = out[max(speeches, key=lambda k: out[k].confidence)]
    if best.speaker is not None and best.confidence >= _ANCHOR:
        return best.speaker, None
    return None, best.speaker


def _read_whole(
    run: Sequence[int],
    turns: Mapping[int, list[int]],
    out: list[Quotation],
    addressees: Sequence[str | None],
    wordless: Mapping[int, str],
    lead: Callable[[int], Sequence[str]] | None,
    order: list[int],
) -> None:
    """A run's turns no cue tells given the people `in_turns` reads for them, in `out`;
    a speech given to the listener of the turn before (`addressed`), who answers it,
    keeps them."""
    first = next((turns[para][0] for para in run if para in turns), None)
    if first is None:
        return  # turns without a word only
    led = list(reversed(lead(first)[-2:])) if lead is not None else []
    read = in_turns(run, turns, out, addressees, wordless, led, _spoke_before(first, out, order))
    for para, who in zip(run, read, strict=True):
        for k in turns.get(para, ()) if who is not None else ():
            q = out[k]
            if (
                q.speaker_cue is None
                and q.confidence < _ANCHOR
                and q.speaker != who
                and q.speaker_by != "addressed"
            ):
                out[k] = replace(q, speaker=who, confidence=0.5)


def _spoke_before(
    first: int, out: Sequence[Quotation], order: list[int], floor: int = 0
) -> list[str]:
    """The last two people who spoke before the speech at `first` (of the last six
    speeches, `order` being the speeches by position), the last first, `FALLBACK_REACH`
    before it at most, and after `floor`."""
    start, found = out[first].start, []
    at = bisect.bisect_left(order, first)
    for k in reversed(order[max(0, at - 6) : at]):
        who = out[k].speaker
        if out[k].start < floor:
            break
        if who is not None and who not in found and start - out[k].end < FALLBACK_REACH:
            found.append(who)
    return found[:2]


def in_turns(
    run: Sequence[int],
    turns: Mapping[int, list[int]],
    out: Sequence[Quotation],
    addressees: Sequence[str | None],
    wordless: Mapping[int, str],
    led: Sequence[str] = (),
    before: Sequence[str] = (),
) -> list[str | None]:
    """Who speaks at each turn of a run that is not a dialogue of two (three people
    named, or one on both sides) or names no one, read whole: the people of one, two or
    three that score best (the four it names, where it names four), and each turn's
    person among them (a Viterbi pass over pairs of turns).

    The turns a named cue tells (or a turn without a word, `wordless`) are fixed; a turn
    is never the person its speech calls by name. A turn no cue tells gains where its
    turn-by-turn guess (its speaker in `out`) names the person (`_GUESSED`), where the
    turn before called them (`_ANSWERED`), and where they spoke the turn before last
    (`_ALTERNATED`); it loses where they spoke the turn before (`_AGAIN`), and the run
    loses for a third person (`_THIRD`). The people tried are those named at its turns,
    those its speeches call, the subjects the narration leading in named last (`led`),
    the turn-by-turn guesses and the last to speak before the run (`before`),
    `_PEOPLE` at most. None for each turn where the run is longer than `_LONGEST` turns,
    names more than `_NAMED_MOST` people, or has no one to try."""
    n = len(run)
    fixed: list[str | None] = [None] * n
    guess: list[str | None] = [None] * n
    calls: list[set[str]] = [set() for _ in range(n)]
    for i, para in enumerate(run):
        if para in wordless:
            fixed[i] = wordless[para]
            continue
        fixed[i], guess[i] = _turn_speaker(turns[para], out)
        calls[i] = {c for k in turns[para] if (c := addressees[k]) is not None}
    named = {f for f in fixed if f is not None}
    people = list(
        dict.fromkeys(
            [*(f for f in fixed if f is not None)]
            + [c for called in calls for c in sorted(called)]
            + list(led)
            + [g for g in guess if g is not None]
            + list(before)
        )
    )[:_PEOPLE]
    if n > _LONGEST or len(named) > _NAMED_MOST or not named <= set(people) or not people:
        return [None] * n

    def weight(i: int, who: str) -> float | None:
        """What turn `i` gains by `who`, or None where it cannot be theirs."""
        if fixed[i] is not None:
            return 0.0 if who == fixed[i] else None
        if who in calls[i]:
            return None
        return _GUESSED * (guess[i] == who) + _ANSWERED * (i > 0 and who in calls[i - 1])

    gains = {who: [weight(i, who) for i in range(n)] for who in people}  # once a person
    best_turns: list[str | None] = [None] * n
    best_score = float("-inf")
    # one, two or three people; the four named, where four are
    for size in (1, 2, 3) if len(named) <= 3 else (len(named),):
        for chosen in itertools.combinations(people, size):
            if not named <= set(chosen):
                continue
            found = _best_turns([gains[who] for who in chosen])
            if found is None:
                continue
            score = found[0] - _THIRD * max(0, size - 2)
            if score > best_score:
                best_score, best_turns = score, [chosen[j] for j in found[1]]
    return best_turns


def _best_turns(gains: Sequence[Sequence[float | None]]) -> tuple[float, list[int]] | None:
    """The best score of a run's turns among some people and each turn's person (by
    position in `gains`, each person's gain at each turn, None where the turn cannot be
    theirs): Viterbi over (person of the turn before, person of the turn)."""
    n = len(gains[0])
    scores: dict[tuple[int, int], float] = {
        (-1, b): g[0] for b, g in enumerate(gains) if g[0] is not None
    }
    back: list[dict[tuple[int, int], tuple[int, int]]] = []
    for i in range(1, n):
        now: dict[tuple[int, int], float] = {}
        came: dict[tuple[int, int], tuple[int, int]] = {}
        for (a, b), score in scores.items():
            for c, person in enumerate(gains):
                gain = person[i]
                if gain is None:
                    continue
                value = score + gain - _AGAIN * (c == b) + _ALTERNATED * (c == a != b)
                if value > now.get((b, c), float("-inf")):
                    now[(b, c)], came[(b, c)] = value, (a, b)
        scores = now
        back.append(came)
    if not scores:
        return None
    state = max(scores, key=lambda key: scores[key])  # the first of equals
    total, path = scores[state], [state[1]]
    for came in reversed(back):
        state = came[state]
        path.append(state[1])
    return total, path[::-1]


def _led_in(
    lead: Sequence[str], known: set[str], said: set[str], gender_of: Mapping[str, str]
) -> str | None:
    """The other speaker of a dialogue of two where only `known` is named at its turns:
    the subject the narration leading into it named last (`lead`: the names it says as
    subjects, in order), other than `known`, of the gender the pronoun cues of that side
    say (`said`), where they agree ("Mrs. Bennet … answered most readily," after "Mr.
    Collins was punctual": Mr. Collins answers her)."""
    if len(said) > 1:
        return None
    for name in reversed(lead):
        if name not in known and (not said or gender_of.get(name) in said):
            return name
    return None


def same_noun(epithets: Mapping[str, str], words: str, before: str) -> str | None:
    """The character a cue's epithet that the book does not resolve ("said the gentleman")
    stands for where the text `before` it last called someone by a resolved epithet with
    the same noun ("… the old gentleman was dragged into the circle": Mr. Brownlow)."""
    noun = words.rsplit(maxsplit=1)[-1]
    lowered = " ".join(before.lower().split())  # "the old\ngentleman" as one epithet
    at, found = -1, None
    for other, character in epithets.items():
        if other.startswith("the ") and other.rsplit(maxsplit=1)[-1] == noun:
            where = lowered.rfind(other)
            if where > at:
                at, found = where, character
    return found


def one_voice(quotes: list[Quotation]) -> list[Quotation]:
    """The quotations, those that share a speaker cue given the speaker of the first.

    The halves of a split speech share its cue ("Well," cried her mother, "it is all
    very right"); the turn-taking of the dialogue (`two_sided`) reads the first half, the
    one the cue follows, so the later halves take the speaker it gave.
    """
    out = list(quotes)
    first: dict[tuple[int, int], int] = {}
    for k, q in enumerate(out):
        if q.speaker_cue is None or q.kind != "quotation":
            continue
        j = first.setdefault(q.speaker_cue, k)
        if out[j].speaker != q.speaker:
            out[k] = replace(q, speaker=out[j].speaker, confidence=out[j].confidence)
    return out


class Quoted:
    """Where a document's quotations stand, overlapping ones merged: whether a position
    is inside one is a binary search, however many quotations the text has."""

    def __init__(self, quotes: Iterable[Quote]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for q in sorted(quotes, key=lambda q: q.start):
            if ends and q.start <= ends[-1]:
                ends[-1] = max(ends[-1], q.end)
            else:
                starts.append(q.start)
                ends.append(q.end)
        self._starts, self._ends = starts, ends

    def __call__(self, at: int) -> bool:
        k = bisect.bisect_right(self._starts, at) - 1
        return k >= 0 and at < self._ends[k]


def after_pronoun(
    text: str,
    narrated: list[tuple[int, str]],
    lo: int,
    hi: int,
    gender: str,
    quoted: Quoted,
) -> list[tuple[int, str]]:
    """`narrated` without the names that follow a pronoun of `gender` in the narration of
    text[lo:hi] (a paragraph, up to a pronoun cue): "She was engaged in re-perusing
    Jane's last letter, … she said": the pronoun that comes first goes on from before
    the paragraph, and a name of the same gender after it is someone else (`quoted`:
    where the document's quotations stand)."""
    first = next(
        (m.start() for m in _PRONOUNS[gender].finditer(text, lo, hi) if not quoted(m.start())),
        None,
    )
    if first is None:
        return narrated
    return [(pos, name) for pos, name in narrated if not lo <= first < pos]


@dataclass(frozen=True, slots=True)
class PronounCue:
    """What a pronoun or relation cue says of its speaker ("she added", "cried his wife")."""

    gender: str | None
    listener: str | None = None  # whom the speech calls by name: never its speaker
    elder: bool = False  # "her mother", "his wife": a parent, a spouse, an aunt or uncle
    main: str | None = None  # the book's main character of the cue's gender
    goes_on: bool = False  # "she added", "he continued": the last speaker goes on
    described: bool = False  # "said the gentleman": someone the book does not call by name


def by_pronoun(
    cue: PronounCue,
    turns: list[tuple[str, int, int]],
    para: int,
    start: int,
    narrated: list[tuple[int, str]],
    here: int,
    gender_of: dict[str, str],
) -> tuple[str | None, float]:
    """Who "he" or "his wife" is: someone just named in the narration, else the dialogue.

    A person of the right gender named in the narration of the cue's paragraph (from
    `here`) comes first. Otherwise the people of the last speeches and of the
    narration before them, most recent first; in a new paragraph a dialogue
    alternates, so the last speaker comes last. Known genders are tried before unknown;
    the listener the speech calls by name is never its speaker. An elder ("her
    mother", "his wife") is one named with a title ("Mrs. Bennet") where there is one:
    the untitled name nearby is more often the daughter than the mother. Of several
    people of the gender in the cue's paragraph, the book's main character of that
    gender, if one, is the likeliest. A cue that goes on ("she added", "he continued")
    is the last speaker's before anyone else's, and before the main character's where
    its paragraph names both ("Persuaded as Miss Bingley was that Darcy admired
    Elizabeth, … she continued," goes on with Miss Bingley). A cue that describes its
    speaker ("said the gentleman", "the young man replied") is never the main
    character: the book calls its protagonist by name.
    """
    gender, listener, elder, main = cue.gender, cue.listener, cue.elder, cue.main
    narrated = [m for m in narrated if m[1] != listener]
    if cue.described and main is not None:
        narrated = [m for m in narrated if m[1] != main]
        turns = [t for t in turns if t[0] != main]
        main = None
    if cue.goes_on and turns and turns[-1][1] >= para - 2:
        went_on = turns[-1][0]  # the last speaker, named in the cue's paragraph too
        if (
            went_on != listener
            and (gender is None or gender_of.get(went_on) == gender)
            and any(at >= here and name == went_on for at, name in narrated)
        ):
            return went_on, _NAMED_NEARBY
    if main is not None and not elder and any(p >= here and n == main for p, n in narrated):
        return main, _NAMED_NEARBY
    for pos, name in reversed(narrated):
        same = pos >= here and gender is not None and gender_of.get(name) == gender
        if same and (not elder or is_title(name.split()[0])):
            return name, _NAMED_NEARBY
    recent = [(end, name) for name, _, end in turns if start - end < FALLBACK_REACH]
    last = recent[-1][1] if recent and turns[-1][1] == para - 1 else None
    people = sorted(recent + [m for m in narrated if start - m[0] < FALLBACK_REACH])
    order = [name for _, name in reversed(people) if name not in (last, listener)]
    if last is not None and last != listener:
        order.insert(0 if cue.goes_on else len(order), last)
    if elder:  # "said her mother", "cried his wife": a parent or spouse, named with a title
        order = [n for n in order if is_title(n.split()[0])] + [
            n for n in order if not is_title(n.split()[0])
        ]
    for strict in (True, False):
        for name in order:
            known = gender_of.get(name)
            if gender is None or known == gender or (not strict and known is None):
                return name, 0.6 if name != last else 0.5
    return None, 0.0


def _less_one_letter(word: str) -> Iterator[str]:
    """`word` with each of its letters left out in turn."""
    return (word[:k] + word[k + 1 :] for k in range(len(word)))


def _aliases(names: Collection[str], gender_of: Mapping[str, str]) -> dict[str, str]:
    """Each name of `names` without a title that is part of one other name only, with
    that name: "Sikes" of "Mr. Sikes", "Harry" of "Harry Maylie". The gender its
    pronouns say (`gender_of`) must not contradict the other name's, and picks one of
    two ("Bumble", a man, is Mr. Bumble, not Mrs. Bumble). A name with a title is its
    own: "Mr. Knightley" is not his brother "Mr. John Knightley"."""
    plain = {n: {w for w in n.split() if not is_title(w)} for n in names}
    titled = {n: is_title(n.split()[0]) for n in names}
    out: dict[str, str] = {}
    for short in names:
        if titled[short] or not plain[short]:
            continue
        owners = [
            n
            for n in names
            if n != short
            and plain[short] <= plain[n]
            and (len(plain[short]) < len(plain[n]) or titled[n])
        ]
        said = gender_of.get(short)
        if said is not None:
            owners = [n for n in owners if gender_of.get(n) in (said, None)]
            if len(owners) > 1:  # "Bumble", a man, is Mr. Bumble, not Mrs. Bumble
                owners = [n for n in owners if gender_of.get(n) == said]
        if len(owners) == 1:
            out[short] = owners[0]
    return out


def _given_variants(
    counts: Mapping[str, int], names: Collection[str], gender_of: Mapping[str, str]
) -> dict[str, str]:
    """Each name of `names` that is another's with a variant of its given name, with the
    one of those the cues name most often, where it is named more often than this one:
    "Master Charles Bates" is "Charley Bates". The two share the surname, their given
    names the first `_GIVEN_STEM` letters (or one, of three letters at least, is the
    other's start: "Fred", "Frederick"), and their genders are known and the same
    ("Charlotte Lucas" is not "Charles Lucas"). Only names alike in their first three
    letters are compared, and not in a group of more than `_VARIANTS` (a list of names,
    not a book's cast): the pairs stay few on any input."""
    groups: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for name in names:
        words = [w for w in name.split() if not is_title(w)]
        gender = gender_of.get(name)
        if len(words) == 2 and gender is not None and len(words[0]) >= 3:
            given = words[0].lower()
            groups.setdefault((words[1], gender, given[:3]), []).append((given, name))
    out: dict[str, str] = {}
    for group in groups.values():
        if len(group) > _VARIANTS:
            continue
        for given, name in group:
            alike = [(counts[o], o) for g, o in group if g != given and _one_given(given, g)]
            best = max(alike, default=(0, ""))
            if best > (counts[name], name):
                out[name] = best[1]
    return out


def _one_given(a: str, b: str) -> bool:
    """Whether the given names `a` and `b` (lowercased, three letters at least) may be one
    person's: they share their first `_GIVEN_STEM` letters, or one starts the other."""
    short, long = sorted((a, b), key=len)
    return a[:_GIVEN_STEM] == b[:_GIVEN_STEM] or long.startswith(short)


class Cast:
    """The characters of a document: the names its strong cues give ("said Emma").

    Each name is found in the text by itself or by a part of it that belongs to no
    one else ("Tom" for "Tom Reed", "Darcy" for "Mr. Darcy"), with its gender where
    titles or pronouns tell it.
    """

    def __init__(self, text: str, found: list[Quote]) -> None:
        self.quoted = Quoted(found)
        counts: dict[str, int] = {}
        for q in found:
            name, _, confidence = speaker(text, q.start, q.end, quoted=self.quoted)
            if name is not None and confidence >= 0.9:
                counts[name] = counts.get(name, 0) + 1
        self.names = frozenset(name for name, n in counts.items() if n >= 2)
        self.gender_of = genders(text, self.names)
        self.alias = _given_variants(counts, self.names, self.gender_of) | _aliases(
            self.names, self.gender_of
        )
        # The main character of each gender: the one most often named by strong cues,
        # under any of their names ("said Darcy" and "said Mr. Darcy" are his).
        cued: Counter[str] = Counter()
        for name in self.names:
            cued[self.one(name)] += counts[name]
        self.main: dict[str, str] = {}
        for name in sorted(cued, key=lambda n: (-cued[n], n)):
            gender = self.gender_of.get(name)
            if gender is not None:
                self.main.setdefault(gender, name)
        parts: dict[str, set[str]] = {}
        for name in self.names:
            words = name.split()
            for word in words[1:] if len(words) > 1 else ():
                parts.setdefault(word, set()).add(name)
            if len(words) > 1 and not is_title(words[0]):
                parts.setdefault(words[0], set()).add(name)
        self._canonical = {n: n for n in self.names} | {
            part: next(iter(owners))
            for part, owners in parts.items()
            if len(owners) == 1 and part not in self.names and not is_title(part)
        }
        alternatives = sorted(self._canonical, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"\b(?:"
                + "|".join(r"\s+".join(map(re.escape, n.split())) for n in alternatives)
                + r")\b"
            )
            if alternatives
            else None
        )
        self._votes: dict[str, Counter[str]] = {}  # each epithet's votes (see epithets)
        self._named_at: dict[str, list[int]] | None = None  # where each name stands
        self._told_at: dict[str, list[int]] | None = None  # ... in the narration
        self._recurring: dict[str, bool] = {}  # see recurs
        self._words: Counter[str] | None = None  # how often the text says each word
        self._spelled: dict[str, str] = {}  # see spelled
        self._near: dict[tuple[str, str], list[str]] | None = None  # see _spelling

    def one(self, name: str) -> str:
        """The one name the cast knows the character of `name` by ("Darcy", "said Darcy":
        "Mr. Darcy"; see `alias`): the reading compares speakers, listeners and the people
        its narration names under it, so that a dialogue of "Darcy" and "Mr. Darcy" is no
        dialogue of two."""
        return self.alias.get(name, name)

    def epithets(
        self,
        text: str,
        found: list[Quote],
        cues: list[tuple[str | None, tuple[int, int] | None, float]],
        paras: list[int],
    ) -> dict[str, str]:
        """The character each epithet of the book's speech cues stands for ("said the
        Jew": Fagin; "the doctor": Mr. Losberne), learnt from the book's dialogues. A
        dialogue alternates: the speakers named two or four turns (paragraphs) away from
        an epithet's speeches vote for it, those one or three away against it; it is
        the character with at least `_EPITHET_VOTES` votes, twice the next one's, as
        many as all the others have together, and one for every `_EPITHET_SHARE` of the
        epithet's speeches ("the man" of Oliver Twist, whose votes are spread over a
        dozen men, is no one's).
        `cues` are the quotations' speaker cues (`speaker`, with this cast's names) and
        `paras` their paragraphs' numbers."""
        turns: list[tuple[int, str | None, str | None]] = []  # paragraph, named, epithet
        for q, (name, _, confidence), para in zip(found, cues, paras, strict=True):
            if q.depth:
                continue
            cue = self.epithet(text, q.end) if name is None else None
            named, words = (name if confidence >= 0.9 else None), (cue[0] if cue else None)
            if turns and turns[-1][0] == para:
                _, before, said = turns[-1]
                turns[-1] = (para, before or named, said or words)
            else:
                turns.append((para, named, words))
        votes = self._votes
        uses: Counter[str] = Counter()
        for k, (para, _, words) in enumerate(turns):
            if words is None:
                continue
            uses[words] += 1
            for d in (-4, -3, -2, -1, 1, 2, 3, 4):
                j = k + d
                # Turns in a row: at most one paragraph of narration between two.
                if 0 <= j < len(turns) and abs(turns[j][0] - para) <= 2 * abs(d):
                    other = turns[j][1]
                    if other is not None:
                        votes.setdefault(words, Counter())[other] += 1 if d % 2 == 0 else -1
        out: dict[str, str] = {}
        for words, counts in votes.items():
            ranked = counts.most_common(2)
            best, n = ranked[0]
            second = ranked[1][1] if len(ranked) > 1 else 0
            others = sum(v for v in counts.values() if v > 0) - n
            if (
                n >= _EPITHET_VOTES
                and n >= 2 * max(second, 0)
                and n >= others
                and n * _EPITHET_SHARE >= uses[words]
            ):
                out[words] = best
        return out

    def spelled(self, text: str, name: str) -> str:
        """`name` as the cast spells it, where the text misspells a character's name
        once or twice ("Mr. Browlow" for Mr. Brownlow, "Mrs. Maylies" for Mrs. Maylie):
        a name (two misspellings make one of the cast too) one word of which is a letter
        away from the same word of another name of the cast, the rest the same, a word
        the text says `_MISSPELT` times at most where it says the other `_SPELT` times or
        more. Titles are never misspellings ("Mr." is not "Mrs.")."""
        known_as = self._spelled.get(name)
        if known_as is None:
            known_as = self._spelled[name] = self._spelling(text, name)
        return known_as

    def _spelling(self, text: str, name: str) -> str:
        if self._near is None:
            # Each known name under each of its words, that word left as it is or less
            # one letter, and the rest of the name: a name with a word a letter away
            # shares a key with it, so a name is checked only against the names it may
            # misspell, however large the cast; the text's words are counted only for
            # such a pair (most books have none).
            self._near = {}
            for known in self._canonical:
                other = known.split()
                for k, word in enumerate(other):
                    if len(word) >= 5 and not is_title(word):
                        lowered = word.lower()
                        rest = " ".join([*other[:k], "", *other[k + 1 :]])
                        for less in {lowered, *_less_one_letter(lowered)}:
                            self._near.setdefault((rest, less), []).append(known)
        words = name.split()
        for k, typo in enumerate(words):
            if is_title(typo):
                continue
            lowered = typo.lower()
            rest = " ".join([*words[:k], "", *words[k + 1 :]])
            for less in (lowered, *_less_one_letter(lowered)):
                for known in self._near.get((rest, less), ()):
                    right = known.split()[k].lower()
                    if Levenshtein.distance(lowered, right, score_cutoff=1) == 1:
                        said = self._word_counts(text)
                        if said[lowered] <= _MISSPELT and said[right] >= _SPELT:
                            return self._canonical[known]
        return name

    def _word_counts(self, text: str) -> Counter[str]:
        """How often the text says each word (lowercased), counted once a document."""
        if self._words is None:
            self._words = Counter(WORD.findall(text.lower()))
        return self._words

    def epithet(self, text: str, end: int) -> tuple[str, tuple[int, int]] | None:
        """The epithet cue after a quotation ending at `end` (`speakers.epithet`), with
        the descriptions this text recurs to (`recurs`)."""
        return epithet(text, end, lambda words: self.recurs(text, words))

    def recurs(self, text: str, words: str) -> bool:
        """Whether the text calls someone by the epithet `words` (lowercased, one space
        apart) `_RECURS` times or more, however its lines are wrapped.

        Only a description whose last word the text says that often is looked for, and
        only `_DESCRIPTIONS` of them a document: each is a pass over the whole text, and
        twenty thousand speeches each "said the man in the" something else took two
        minutes where they take two seconds."""
        known = self._recurring.get(words)
        if known is None:
            last = words.rsplit(maxsplit=1)[-1]
            if self._word_counts(text)[last] < _RECURS or len(self._recurring) >= _DESCRIPTIONS:
                return False
            pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words.split())) + r"\b", re.I)
            count = 0
            for _ in pattern.finditer(text):
                count += 1
                if count >= _RECURS:
                    break
            known = self._recurring[words] = count >= _RECURS
        return known

    def epithet_at(self, text: str, words: str, character: str, start: int) -> str | None:
        """Whom the epithet `words`, which the book resolves to `character`, stands for
        in a cue at `start`: `character`, unless the text (narration or speech) has not
        named them in the `_SCENE` characters before. Then it is another of the same
        gender who has votes for the epithet too, named there (the last so named; the
        votes are those `epithets` counted), or else no one the cast knows (None): "the
        old lady" is Mrs. Maylie in most of Oliver Twist, and Mrs. Bedwin in the
        chapters before Mrs. Maylie appears; "the doctor" of a chapter without Mr.
        Losberne is another doctor. One whose gender is unknown is `character`."""
        gender = self.gender_of.get(character)
        if gender is None:
            return character
        if self.last_named(text, character, start) >= 0:
            return character
        here = [
            (at, name)
            for name, votes in self._votes.get(words, Counter()).items()
            if votes > 0 and name != character and self.gender_of.get(name) == gender
            for at in [self.last_named(text, name, start)]
            if at >= 0
        ]
        return max(here)[1] if here else None

    def last_named(self, text: str, name: str, start: int) -> int:
        """Where the text (narration or speech) last named `name` in the `_SCENE`
        characters before `start`; -1 where it did not."""
        places = self._places(text).get(name, [])
        k = bisect.bisect_left(places, start)
        return places[k - 1] if k and places[k - 1] >= start - _SCENE else -1

    def _places(self, text: str) -> dict[str, list[int]]:
        """Where the text (narration or speech) names each character, in order."""
        if self._named_at is None:
            self._named_at = {}
            for at, _, name in self.mentions(text, 0, len(text)):
                self._named_at.setdefault(self.one(name), []).append(at)
        return self._named_at

    def _narration_places(self, text: str) -> dict[str, list[int]]:
        """Where the narration (outside every quotation) names each character, in order."""
        if self._told_at is None:
            self._told_at = {
                name: [at for at in places if not self.quoted(at)]
                for name, places in self._places(text).items()
            }
        return self._told_at

    def last_of(
        self, text: str, gender: str, gender_of: Mapping[str, str], start: int, but: str | None
    ) -> str | None:
        """The character of `gender` the narration named last in the `_SCENE` characters
        before `start`, other than `but`: whom a "said he" no one nearer fits stands for.
        A name in a speech is as often someone talked of as someone there ("you were Mr.
        Weston's son")."""
        best, at = None, start - _SCENE
        for name, places in self._narration_places(text).items():
            if name == but or gender_of.get(name) != gender:
                continue
            k = bisect.bisect_left(places, start)
            if k and places[k - 1] >= at:
                best, at = name, places[k - 1]
        return best

    def narrator(
        self,
        text: str,
        found: list[Quote],
        first: Sequence[tuple[int, int] | None],
        paras: Sequence[int],
    ) -> str:
        """Who "I" is in a book told in the first person: the name that the speeches just
        before and after the narrator's own (those with a first-person cue: `first`, by
        position), in other paragraphs, call someone by most, `_NARRATOR_VOTES` times at
        least and more often than any other, or as often as one with a title only (whoever
        speaks to the narrator calls them so: "Sit down, Watson"; a narrator has several
        names, "Emma" 6 times and "Miss Woodhouse" 4 where Emma tells her story), as the
        cast knows it; `NARRATOR` where no name is so called."""
        speeches = [k for k, q in enumerate(found) if q.depth == 0 and q.kind == "quotation"]
        votes: Counter[str] = Counter()
        for pos, k in enumerate(speeches):
            if first[k] is None:
                continue
            for near in (pos - 1, pos + 1):
                j = speeches[near] if 0 <= near < len(speeches) else -1
                if j >= 0 and first[j] is None and paras[j] != paras[k]:
                    called = vocatives(text, found[j].inner_start, found[j].inner_end)
                    votes.update({self.one(self._canonical.get(name, name)) for name in called})

        def standing(vote: tuple[str, int]) -> tuple[int, bool]:
            # Of two names called as often, a given name before a title and surname:
            # "Miss Bennet" may be any of the sisters, "Lizzy" is one.
            return -vote[1], is_title(vote[0].split()[0])

        ranked = sorted(votes.items(), key=lambda vote: (*standing(vote), vote[0]))[:2]
        if (
            ranked
            and ranked[0][1] >= _NARRATOR_VOTES
            and (len(ranked) == 1 or standing(ranked[0]) < standing(ranked[1]))
        ):
            return ranked[0][0]
        return NARRATOR

    def spouse(self, name: str) -> str | None:
        """The character "Mrs. Bennet" for "Mr. Bennet" and the other way round, if any."""
        title, _, rest = name.partition(" ")
        other = {"Mr.": "Mrs.", "Mrs.": "Mr.", "Mr": "Mrs", "Mrs": "Mr"}.get(title)
        partner = f"{other} {rest}" if other and rest else None
        return self.one(partner) if partner in self.names else None

    def mentions(self, text: str, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
        """(start, end, name) of every mention of a character in text[lo:hi], a name the
        line wraps too ("Mr.\nDarcy")."""
        if self._pattern is None or lo >= hi:
            return
        for m in self._pattern.finditer(text, lo, hi):
            yield m.start(), m.end(), self._canonical[" ".join(m.group().split())]

    def narrated(self, text: str, lo: int, hi: int, quoted: Quoted) -> list[tuple[int, str]]:
        """The characters named in full in text[lo:hi] outside quotation marks (`quoted`:
        where the document's quotations stand), with positions.

        Parts of names are left out here: in narration they too often stand for someone
        else of the family ("Bennet", "William").
        """
        return [
            (start, self.one(name))
            for start, end, name in self.mentions(text, lo, hi)
            if " ".join(text[start:end].split()) == name and not quoted(start)
        ]

    def told(self, text: str, cue: tuple[int, int]) -> str | None:
        """The character a cue says the speech was told to ("she said very stiffly to
        Elizabeth", "he asked Fagin"), if any: its listener, not its speaker."""
        for start, _, name in self.mentions(text, *cue):
            if _TO.search(text, max(0, start - _TO_REACH), start) and not self.quoted(start):
                return self.one(name)
        return None

    def addressed(self, text: str, quote: Quotation | Quote) -> str | None:
        """The character a speech calls by name ("Lizzy, …", "…, Mr. Darcy?"), if any: not
        a speech that is the name alone ("Fagin," cried the girl, recoiling), nor a name
        that says who a relation is ("…united to my nephew, my own nephew, Mr. Darcy.":
        `speakers.apposed`)."""
        for start, end, name in self.mentions(text, quote.start, quote.end):
            rest = text[quote.start : start] + text[end : quote.end]
            if not any(c.isalpha() for c in rest):
                continue
            # "My dear\nIsabella": where the line wraps is no punctuation
            before = re.sub(r"\s", " ", text[max(quote.start, start - 8) : start])
            after = text[end : end + 1]
            if (
                after in _AFTER_CALLED
                and (
                    before.endswith((", ", "dear ", "! ", "? "))
                    # the name opens the speech, after its own mark of any style ('Lizzy,
                    # …' as British books quote), not after a mark of a quotation inside
                    # it, whatever its marks ("'Anna,' said she" inside a speech, or
                    # '"Anna," said she' in British marks, only speaks of her), nor after
                    # a dash, which opens an interruption ('"--Mrs. Weston, I suppose,"
                    # interrupted Mrs. Elton')
                    or (
                        text[quote.start] in OPENING_MARKS
                        and _BLANK.fullmatch(text, quote.start + 1, start) is not None
                    )
                    or _DASHED_CALL.search(text, max(quote.start, start - 24), start) is not None
                )
                and not apposed(text, quote.start, start)
            ):
                return self.one(name)
        return None
