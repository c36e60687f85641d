"""Who is quoted: cues before or after a quotation, or the author of its citation."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from variorum.quotes.extract import CLOSING_MARKS, DOUBLE_MARKS, last_visible


def _capitals() -> str:
    """A character class of the capital letters of the Latin, Greek and Cyrillic
    scripts (Greek with its accented capitals), as ranges ("A-Z", "À-Ö", …): a name opens
    with "Á" or "Ö" ("said Ántonia") as with "A"."""
    ranges: list[list[int]] = []
    for lo, hi in ((0x41, 0x250), (0x370, 0x530), (0x1E00, 0x2000)):
        for code in range(lo, hi):
            if chr(code).isupper():
                if ranges and code == ranges[-1][1] + 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


# A capital letter, of any of the scripts a name may be written in (see _capitals).
CAPITAL = _capitals()
# What a name's word goes on with: letters, apostrophes, a hyphen between letters, and the
# accents a text may write apart from their letters ("Ива́н", "E\u0301mile"); two hyphens
# are a dash, which ends it ("replied Emma--quite confirmed").
_LETTERS = r"(?:[\w'\u2019\u0300-\u036f]|-(?=[^\W\d_]))"
# Titles that tell a man's gender or a woman's ("Mr.", "Countess"), and those that tell
# neither ("Dr.", "Rev."); a name may open with any of them, two in a row ("Rev. Mr.
# Collins") being the name's last.
_TITLES_MALE = frozenset(
    (
        "Mr",
        "Sir",
        "Lord",
        "Colonel",
        "Captain",
        "Major",
        "General",
        "Master",
        "Uncle",
        "Monsieur",
        "Mister",
        "Count",
        "Baron",
        "Prince",
        "Duke",
        "Marquis",
        "Earl",
        "Lieutenant",
        "Sergeant",
        "Inspector",
        "Admiral",
        "Herr",
        "Signor",
        "Don",
    )
)
_TITLES_FEMALE = frozenset(
    (
        "Mrs",
        "Miss",
        "Ms",
        "Lady",
        "Madame",
        "Mme",
        "Mlle",
        "Aunt",
        "Countess",
        "Baroness",
        "Princess",
        "Duchess",
        "Frau",
        "Signora",
        "Signorina",
        "Mademoiselle",
        "Mistress",
        "Dame",
    )
)
_TITLES_OTHER = frozenset(
    ("Dr", "St", "Professor", "Prof", "Rev", "Reverend", "Hon", "Honourable", "Honorable")
)
_PREFIXES = "|".join(sorted(_TITLES_MALE | _TITLES_FEMALE | _TITLES_OTHER))
# The particles a surname may open with ("Mrs. van der Berg", "Ludwig von Ense").
_PARTICLE = "de|van|von|der|den|du|la|le|di|da|del|della|ten|ter"
_PARTICLES = rf"(?:(?:{_PARTICLE})\s+){{1,2}}"
# Initials before a name ("J. Smith", "Mr. J. P. Morgan"); "I." is the narrator's stop.
_INITIALS = rf"(?:(?!I\.){CAPITAL}\.\s?){{1,3}}"
# Space inside a paragraph, its lines wrapped: never a blank line. A title and its name
# never stand apart across one ("said the Inspector.\n\nI looked" names no "Inspector.
# I"), nor do a quotation and a cue after it (a cue in the next paragraph introduces the
# next speech).
_SPACE = r"(?:[ \t]|\n(?![ \t]*\n))"
_NAME = (
    # (a capital or a particle first, at a word's start: the pattern gives up at once on
    # any other word, and on "le" of "while")
    rf"(?P<name>(?<!\w)(?={CAPITAL}|(?:{_PARTICLE})\s)"
    rf"(?:(?:{_PREFIXES})\.?{_SPACE}+){{0,2}}(?:{_INITIALS}|{_PARTICLES})?"
    rf"{CAPITAL}{_LETTERS}*(?:\s+(?:{_PARTICLES})?{CAPITAL}{_LETTERS}*){{0,3}})"
)
_TWO_TITLES = re.compile(rf"\A(?:{_PREFIXES})\.?\s+(?=(?!St\b)(?:{_PREFIXES})\b)")
# Verbs of saying, past and present ("…," says Holmes / she answers), each a word or
# two; those that may lead to another verb are kept from it ("ventured to ask").
_SAYING_WORDS = (
    "said", "says", "wrote", "writes", "declared", "declares", "claimed", "claims",
    "stated", "states", "added", "adds", "replied", "replies", "asked", "asks", "answered",
    "answers", "continued", "continues", "cried", "cries", "exclaimed", "exclaims",
    "insisted", "insists", "argued", "argues", "explained", "explains", "remarked",
    "remarks", "observed", "observes", "noted", "announced", "announces", "warned", "warns",
    "proposed", "proposes", "returned", "returns", "rejoined", "rejoins", "resumed",
    "resumes", "repeated", "repeats", "interrupted", "interrupts", "whispered", "whispers",
    "muttered", "mutters", "shouted", "shouts", "called", "calls", "quoth", "began",
    "begins", "thought", "thinks", "sighed", "sighs", "laughed", "laughs", "responded",
    "responds", "retorted", "retorts", "inquired", "inquires", "enquired", "enquires",
    "demanded", "demands", "urged", "urges", "protested", "protests", "pleaded", "pleads",
    "suggested", "suggests", "admitted", "admits", "agreed", "concluded", "concludes",
    "murmured", "murmurs", "screamed", "screams", "groaned", "groans", "interposed",
    "interposes", "growled", "growls", "faltered", "falters", "stammered", "stammers",
    "sobbed", "sobs", "gasped", "gasps", "snapped", "snaps", "sneered", "sneers",
    "grumbled", "grumbles", "pursued", "pursues", "persisted", "persists", "ejaculated",
    "ejaculates", "remonstrated", "remonstrates", "expostulated", "expostulates", "bawled",
    "bawls", "roared", "roars", "shrieked", "shrieks", "panted", "pants", "echoed",
    "echoes", "hazarded", "hazards", "entreated", "entreats", "implored", "implores",
    "reasoned", "reasons", "mused", "muses", "objected", "objects", "conceded", "concedes",
    "cautioned", "cautions", "acquiesced", "acquiesces", "assented", "assents",
    "volunteered", "volunteers", "queried", "queries", "chuckled", "chuckles", "croaked",
    "croaks", "whimpered", "whimpers", "tittered", "titters", "giggled", "giggles",
    "drawled", "drawls", "hissed", "hisses", "snarled", "snarls", "bellowed", "bellows",
    "yelled", "yells", "mumbled", "mumbles", "stuttered", "stutters", "spluttered",
    "splutters", "sputtered", "sputters", "blurted", "blurts", "wailed", "wails", "moaned",
    "moans", "lamented", "laments", "thundered", "thunders", "addressed", "addresses",
)  # fmt: skip
_SAYING_PAIRS = (
    "put forward", "went on", "goes on", "broke in", "breaks in", "put in", "puts in",
    "struck in", "strikes in", "chimed in", "chimes in", "cut in", "cuts in", "called out",
    "calls out", "cried out", "cries out", "burst out", "bursts out",
)  # fmt: skip
_SAYING_LEADING = ("proceeded", "proceeds", "ventured", "ventures", "commenced", "commences")


def _one_of(words: Collection[str]) -> str:
    """A pattern that matches any of `words` (letters, and spaces that may be a line's
    end), their common starts read once: "sa(?:id|ys)", not "said|says", so that a
    long list costs little more than a short one wherever it is tried."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (f"{_SPACE}+" if ch == " " else re.escape(ch)) + pattern(node[ch])
            for ch in sorted(ch for ch in node if ch)
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


_VERBS = "|".join(
    (
        _one_of([*_SAYING_WORDS, *_SAYING_PAIRS]),
        # "as he put it", not "he put it down"
        rf"put{_SPACE}+it(?!{_SPACE}+(?:down|up|away|on|off|in|out|back|aside|into|by|there)\b)",
        *(rf"{verb}(?!\s+to\b)" for verb in _SAYING_LEADING),  # "ventured to ask"
    )
)
SAYING = _VERBS  # verbs that introduce what someone said or wrote
_ING = (
    r"saying|adding|replying|answering|crying|exclaiming|continuing|observing|asking|"
    r"returning|repeating|whispering|calling|beginning|declaring|writing|insisting"
)
# Adverbs of a cue ("said Tom quietly"), lowercase: "said Emily Brown" is Emily Brown's.
_ADVERBS = r"(?:\s+[a-z]\w*ly|\s+then|\s+thus|\s+at last|\s+again){0,2}"
# Inside one sentence: no stop, and line breaks only where a paragraph is wrapped.
# A title's stop ends no sentence: "Mr. Darcy" (the same read as "Mr Darcy").
_ABBREVIATED = ("Mr", "Mrs", "Ms", "Dr", "St", "Messrs", "Mme", "Mlle", "Capt", "Col", "Rev")
# (one look behind for the titles of each length: a look behind has one width)
_BY_LENGTH = sorted({len(w) for w in _ABBREVIATED})
_TITLES_OF = ["|".join(w for w in _ABBREVIATED if len(w) == n) for n in _BY_LENGTH]
_TITLE_STOP = "|".join(rf"(?<=\b(?:{words}))\." for words in _TITLES_OF)
_NOT_TITLE = "".join(rf"(?<!\b(?:{words}))" for words in _TITLES_OF)
# The end of a sentence: a stop not a title's, or a question or exclamation mark.
STOP = re.compile(rf"{_NOT_TITLE}\.|[!?]")
_CLAUSE = rf"(?:[^.!?\n]|{_TITLE_STOP}|\n(?![ \t]*\n))*?"
_END = r"[:,.]?[ \t]*(?:-+|\u2014|\u2013)?\s*$"
# Between a quotation and a cue after it: space inside its paragraph, a comma, a dash.
_GAP = rf"{_SPACE}*[,;]?{_SPACE}*(?:-+|\u2014)?{_SPACE}*"
# A verb right after a quotation, before its subject ("…!" blubbered Noah / "…!"
# suddenly cried Sikes): in that order any verb in -ed is one of saying.
_INVERTED = rf"(?:[a-z]+ly\s+)?(?:{_VERBS}|[a-z]{{2,}}ed)"
# The verb of such a cue: one of saying, or another (see `spoken`).
_INVERTED_VERB = re.compile(
    rf"{_GAP}(?:[a-z]+ly\s+)?(?:(?P<saying>(?:{_VERBS})\b)|(?P<other>[a-z]+))"
)
# How a speech ends before its closing mark, or after it: a stop, a comma, a dash.
_SPEECH_ENDS = frozenset(",.!?;:-\u2014\u2013\u2026")
# A sentence that tells what someone said, ended, and so introduces no quotation:
# "Elizabeth replied that it was."
_TOLD_THAT = re.compile(rf"\s+that\b(?:[^.!?\n]|{_TITLE_STOP}|\n(?![ \t]*\n))*\.\s*$")
_REPORTED = re.compile(rf".*?\b(?:{_VERBS}){_TOLD_THAT.pattern}")


_STOP = re.compile(rf"{STOP.pattern}|\n[ \t]*\n")


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence going on at `at` ends (after its full stop, or at its
    paragraph's end), read `_WINDOW` characters on at most."""
    limit = min(len(text), at + _WINDOW)
    stop = _STOP.search(text, at, limit)
    return stop.end() if stop else limit


_BEFORE = re.compile(rf"{_NAME}{_ADVERBS}\s+(?:{_VERBS}|{_ING})\b{_CLAUSE}{_END}")
# The cue between the two halves of a split quotation: "…," cried Mr. Elton; "it would…"
_BETWEEN = re.compile(
    rf"[{CLOSING_MARKS}]\s*,?\s*(?:{_VERBS}){_ADVERBS}\s+(?:the\s+\w+\s+)?{_NAME}\s*[,;:.]?\s*"
    r"(?:--|\u2014|\u2013)?\s*$"
)
_ACCORDING = re.compile(rf"according{_SPACE}+to{_SPACE}+{_NAME}{_CLAUSE}{_END}")
_COLON = re.compile(rf"(?:^|\n|[.!?]\s+){_NAME}\s*:\s*$")
# What may stand before the name in a cue: "…?" inquired poor Oliver.
_FOND = r"poor|little|old|young|good|dear|honest|worthy"
# Words between a cue's article and the name are an epithet ("said the Jew Fagin") or a
# voice ("replied the voice of the Dodger"), never another preposition: "replied the
# landlord of the Cripples" names a place, not a speaker.
_NOT_BEFORE_NAME = r"to|towards|with|at|upon|in|from|for|on|by|near|(?<!voice\s)of"
_AFTER_VERB = re.compile(
    rf"{_GAP}{_INVERTED}{_ADVERBS}\s+(?:the(?:\s+(?!(?:{_NOT_BEFORE_NAME})\b)[a-z][\w-]*){{1,3}}?\s+"
    rf"|(?:{_FOND})\s+|the\s+(?=(?:{_PREFIXES})\b))?{_NAME}"
)
# "…" was Mr. Woodhouse's first exclamation. / "…," were Colonel Fitzwilliam's words.
_AFTER_WAS = re.compile(rf"{_GAP}(?:was|were)\s+{_NAME}(?:'s|\u2019s)\b")
# "…," was the firm reply of Mr. Limbkins.
_AFTER_REPLY_OF = re.compile(
    rf"{_GAP}(?:was|were)\s+the\s+(?:\w+\s+){{0,2}}?"
    rf"(?:reply|replies|answer|rejoinder|response|remark|exclamation|question|words|cry)"
    rf"\s+of\s+{_NAME}"
)
# Mr. Weston immediately accosted her with, "…" / Harriet thus began again-- "…"
_INTRO_VERBS = (
    rf"{_VERBS}|{_ING}|answer|accosted|began|begin|speak|spoke|exclamation|reply|remark|say|add"
)
_BEFORE_LOOSE = re.compile(
    rf"{_NAME}(?:'s|\u2019s|,)?(?:\s+(?!(?:he|she|they)\b)[\w'\u2019-]+[,;]?){{0,16}}?\s+(?:{_INTRO_VERBS})\b"
    rf"{_CLAUSE}{_END}"
)
# A speech told in the passive: "…when thus accosted by Miss Bingley, "…"
_BY = re.compile(
    rf"\b(?:{_VERBS}|accosted|addressed|greeted|answered|saluted|met|stopped)\s+by\s+{_NAME}"
    rf"{_CLAUSE}{_END}"
)
# Harriet's was-- "…"
_POSSESSIVE_WAS = re.compile(rf"{_NAME}(?:'s|\u2019s)(?:\s+\w+)?\s+was\s*(?:-+|\u2014|:)?\s*$")
_AFTER_NAME = re.compile(rf"{_SPACE}*,?{_SPACE}*{_NAME}{_ADVERBS}\s+(?:{_VERBS})\b")
# "…," said the Jew / asked the old gentleman / the doctor replied / cried her mother: a
# character by an epithet of the book's own ("the Jew" is Fagin, "her mother" in Pride and
# Prejudice Mrs. Bennet), resolved by the cast (dialogue.Cast.epithets).
_NOT_EPITHET = (
    r"then|again|at|in|to|with|and|but|as|for|of|on|other|one|former|latter|same|first|"
    r"second|last|who|whom|whose|which|that|what|when|where|while|from|through|without|"
    r"after|before|outside|inside|aloud|soon|very|so|too|quite|rather|enough|now|still|"
    r"here|there|close|once|half|not|up|down|out|back|into|by|over|under"
)
_EPITHET_WORD = rf"(?!(?:\w+ly|\w+ing|\w\w+ed|{_NOT_EPITHET})\b)[A-Za-z][a-z-]+"
# A word before the last of an epithet may be a possessive: "the apothecary's deputy"
# (not "the apothecary"), "the Jew's friend" (not Fagin).
_OWNS = r"(?:['\u2019]s)?"
# An epithet has up to four words. The first may be an adjective in -ly or -ing ("a
# grinning countryman", "the surly beadle"), which after the epithet is an adverb or a
# participle ("said the man carelessly", "said the Jew, grinning"); one in the middle may
# end in -ly ("a great lubberly fellow"), not in -ing ("the doctor supporting her"); the
# last ends in neither, nor in -ed ("the person addressed").
_EPITHET_FIRST = rf"(?!(?:{_NOT_EPITHET})\b)[A-Za-z][a-z-]+{_OWNS}"
_EPITHET_MID = rf"(?!(?:\w+ing|{_NOT_EPITHET})\b)[A-Za-z][a-z-]+{_OWNS}"
_OWNER = r"the|his|her|their|an|a"
_AFTER_EPITHET = re.compile(
    rf"{_GAP}(?:{_INVERTED}{_ADVERBS}\s+(?P<o1>{_OWNER})\s+"
    rf"(?P<e1>(?:{_EPITHET_FIRST}\s+(?:{_EPITHET_MID}\s+){{0,2}})?{_EPITHET_WORD})\b"
    rf"|(?P<o2>[Tt]he|[Hh]is|[Hh]er|[Tt]heir|A|An)\s+(?P<e2>(?:{_EPITHET_FIRST}\s+)?{_EPITHET_WORD})"
    rf"{_ADVERBS}\s+(?:{_VERBS})\b)"
)

# The rest of a voice an epithet stops short of at a comma or "and" ("cried a loud, hoarse
# voice", "a faint and feeble voice").
_VOICE = re.compile(
    r"(?:\s*,\s*|\s+and\s+)"
    r"(?:(?!(?:\w+ing|his|her|its|their|my|your|our|the|an?)\b)[a-z-]+(?:\s*,\s*|\s+and\s+|\s+)){0,2}"
    r"voices?\b"
)
# A word of lowercased text.
WORD = re.compile(r"[a-z][a-z-]*")
# What may follow an epithet and belong to it: "the gentleman in the white waistcoat".
_EPITHET_PLACE = re.compile(rf"\s+(?:in|of)\s+the\s+(?:{_EPITHET_WORD}\s+)?{_EPITHET_WORD}\b")


def spoken(text: str, end: int) -> bool:
    """Whether a cue with its verb first right after the quotation ending at `end` reads
    as one: its verb is one of saying, or the quotation ends as speech ends, on a stop, a
    comma or a dash inside its marks or after them ("…!" blubbered Noah). "This ‘people’
    defended the collectivization" tells what the ‘people’ did: a verb in -ed after
    quoted words that run on is no cue."""
    verb = _INVERTED_VERB.match(text, end, min(len(text), end + _WINDOW))
    if verb is None or verb["saying"] is not None:
        return True
    inside = last_visible(text, end)  # back over the closing marks, nested ones too
    while inside >= 0 and text[inside] in CLOSING_MARKS:
        inside = last_visible(text, inside)
    between = text[end : verb.start("other")]
    return (inside >= 0 and text[inside] in _SPEECH_ENDS) or any(
        ch in _SPEECH_ENDS for ch in between
    )


def placed(words: str) -> bool:
    """Whether an epithet `epithet` gave carries the place or garment after it ("the
    gentleman in the white waistcoat"): an epithet's own words are never "in" or "of"."""
    return " in the " in words or " of the " in words


def epithet(
    text: str, end: int, recurs: Callable[[str], bool] = lambda words: False
) -> tuple[str, tuple[int, int]] | None:
    """An epithet cue right after a quotation ("said the Jew", "cried her mother"): the
    epithet with its article or possessive, lowercased, its words one space apart however
    the lines were wrapped ("the old\ngentleman": "the old gentleman"), and the cue's span.

    One introduced by an indefinite article ("said a stout man") is "the stout man", as
    the scene calls them from then on. A place or garment after the epithet ("said the
    gentleman in the white waistcoat") is part of it where the text `recurs` to the whole
    (a character the book names so); otherwise it is the epithet alone.
    """
    found = _AFTER_EPITHET.match(text, end, min(len(text), end + _WINDOW))
    if found is None or (found.group("e1") and not spoken(text, end)):
        return None
    owner = (found.group("o1") or found.group("o2")).lower()
    if owner in ("a", "an"):
        owner = "the"
    words = f"{owner} {' '.join((found.group('e1') or found.group('e2')).lower().split())}"
    voice = _VOICE.match(text, found.end()) if found.group("e1") else None
    if voice is not None:  # "cried a loud, hoarse voice": not "the loud"
        return f"{words} {' '.join(WORD.findall(voice.group().lower()))}", (
            found.start(),
            voice.end(),
        )
    if found.group("e1"):
        place = _EPITHET_PLACE.match(text, found.end())
        if place is not None:
            whole = f"{words} {' '.join(place.group().lower().split())}"
            if recurs(whole):
                return whole, (found.start(), place.end())
    return words, (found.start(), found.end())


_WINDOW = 240
_GENDER_OF_WORD: dict[str, str] = dict.fromkeys(
    (
        "he",
        "his",
        "him",
        "himself",
        "husband",
        "father",
        "brother",
        "son",
        "uncle",
        "nephew",
        "gentleman",
        "man",
        "boy",
        "lord",
        "master",
        "sir",
        "grandfather",
    ),
    "m",
) | dict.fromkeys(
    (
        "she",
        "her",
        "hers",
        "herself",
        "wife",
        "mother",
        "sister",
        "daughter",
        "aunt",
        "niece",
        "lady",
        "girl",
        "woman",
        "mistress",
        "madam",
        "grandmother",
    ),
    "f",
)
_RELATION = "|".join(w for w in _GENDER_OF_WORD if not w.startswith(("h", "s"))) + (
    "|husband|father|brother|son|sister|friend|companion|cousin|host|hostess|guest|visitor"
)
_AFTER_PRONOUN = re.compile(
    rf"{_GAP}(?:{_INVERTED}{_ADVERBS}\s+(?P<p1>he|she)\b"
    rf"|(?P<p2>he|she){_ADVERBS}\s+(?:{_VERBS})\b"
    rf"|{_INVERTED}{_ADVERBS}\s+(?:his|her|their|the)\s+(?:[\w-]+\s+)?(?P<rel>{_RELATION})\b)"
)
_BEFORE_PRONOUN = re.compile(
    rf"(?:(?:^|[.;!?]\s+)(?:(?!(?:[Hh]e|[Ss]he)\b)[A-Za-z]+\s+){{0,3}}|,\s+|\b(?:and|but|then|when|as|while)\s+)"
    rf"(?P<p>[Hh]e|[Ss]he)\b{_ADVERBS}"
    rf"(?:\s+(?!(?:he|she)\b)[\w\u2014\u2013-]+[,;]?){{0,6}}?\s+(?:{_VERBS}|{_ING}|answer|reply|speak|spoke)\b{_CLAUSE}{_END}"
)
# Capitalised words that open sentences but name no one.
_NOT_NAMES = frozenset(
    [
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "Here",
        "There",
        "But",
        "And",
        "Or",
        "Nor",
        "So",
        "Yet",
        "After",
        "Before",
        "When",
        "While",
        "Whilst",
        "Then",
        "Now",
        "As",
        "If",
        "Though",
        "Although",
        "Still",
        "Instead",
        "Once",
        "Upon",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "Without",
        "Within",
        "To",
        "Into",
        "Of",
        "Oh",
        "Ah",
        "Well",
        "Yes",
        "No",
        "Not",
        "Nay",
        "Why",
        "What",
        "How",
        "Who",
        "Whom",
        "Whose",
        "Which",
        "Where",
        "Such",
        "Some",
        "Every",
        "Each",
        "All",
        "Both",
        "Neither",
        "Either",
        "Nothing",
        "Nobody",
        "Somebody",
        "Everybody",
        "One",
        "Another",
        "Perhaps",
        "Indeed",
        "Poor",
        "Dear",
        "My",
        "His",
        "Her",
        "Their",
        "Our",
        "Your",
        "Its",
        "The",
        "A",
        "An",
        "Chapter",
        "Book",
        "Volume",
        "Part",
        "Letter",
    ]
)


_SPEECH_VERB_AFTER = re.compile(
    rf"{_GAP}(?:(?:he|she|they|I|we)\s+)?(?:[a-z]+ly\s+)?(?:{_VERBS}|{_ING})\b"
)


def speech_follows(text: str, end: int) -> bool:
    """Whether a verb of saying follows the quotation ending at `end` ("…," replied the boy)."""
    return _SPEECH_VERB_AFTER.match(text, end, min(len(text), end + 40)) is not None


def _clean(name: str) -> str:
    """A name on one line, without a possessive or the dashes or stops glued to its end."""
    name = " ".join(name.split())
    name = re.sub(r"['\u2019]s$", "", name)
    name = _TWO_TITLES.sub("", name)
    return name.rstrip("-\u2014\u2013.,;:'\u2019")


def is_title(word: str) -> bool:
    """Whether a word is a title ("Mr.", "Miss"), which names no one by itself."""
    word = word.rstrip(".")
    return word in _TITLES_MALE or word in _TITLES_FEMALE


def _is_name(name: str) -> bool:
    words = name.split()
    first = words[0].rstrip(".")
    return first not in _NOT_NAMES and not (
        len(words) == 1 and (first in _TITLES_MALE or first in _TITLES_FEMALE)
    )


# What comes before a name that opens a clause: "…, and Lydia", "; but Tom", "till X".
_OPENS_CLAUSE = re.compile(r"(?:[,;]\s*(?:and|but)(?:\s+[a-z]+){0,2}|;|\b(?:till|until|when))\s+$")
# What comes before a name that is the object of a clause, not its subject: "turned to
# Elizabeth", "talked with Jane".
OBJECT = re.compile(r"\b(?:to|towards|with|at|upon|on)\s+$")


def _search(
    pattern: re.Pattern[str],
    text: str,
    known: Collection[str],
    quoted: Callable[[int], bool] = lambda at: False,
) -> re.Match[str] | None:
    """The first match of `pattern` that names someone; where `known` speakers are given
    (for a loose cue), one of them, the last that opens a clause if any does ("Mrs.
    Smith protested, and Lydia, always unguarded, exclaimed"): a loose cue's capitalised
    word is often no one ("Did you speak," said she).

    A match whose name is not a name ("After a silence, Harriet began") is retried from
    its next word, so the name nearer the verb is found.
    """
    pos = 0
    chosen: re.Match[str] | None = None
    while (found := pattern.search(text, pos)) is not None:
        name = found.group("name")
        if _is_name(name) and not quoted(found.start("name")):
            if not known:
                return found
            if (
                _clean(name) in known
                and not OBJECT.search(text, 0, found.start("name"))
                and (chosen is None or _OPENS_CLAUSE.search(text, 0, found.start("name")))
            ):
                chosen = found
        pos = found.start("name") + len(name.split()[0])
    return chosen


# A paragraph that ends by saying that someone speaks ("…till Sir William thus began.").
_INTRODUCES = re.compile(rf"\b(?:{_VERBS})(?:\s+(?:again|thus|then))?\.\s*$")


_WORD_MOST = 40  # characters of one word at most, where the window may cut it


def _before(text: str, start: int) -> tuple[int, str]:
    """The text of the paragraph before a quotation (with its offset), where cues stand."""
    offset = max(0, start - _WINDOW)
    paragraph = text.rfind("\n\n", offset, start)
    last = last_visible(text, paragraph) if paragraph >= 0 else -1
    if (
        paragraph >= 0
        and not text[paragraph:start].strip()
        and (
            (last >= 0 and text[last] in (":", ",", "-", "\u2014", "\u2013"))
            or _INTRODUCES.search(text, max(0, paragraph - 40), paragraph) is not None
        )
    ):
        # The quotation opens its paragraph, and the paragraph before ends on an
        # introducing sentence ("…than Emma exclaimed,"): its cue belongs here.
        paragraph = text.rfind("\n\n", offset, paragraph)
    if paragraph >= 0:
        offset = paragraph + 2
    elif offset > 0:
        # the window starts inside its paragraph, maybe inside a word: back to the
        # word's start ("S|he spoke" is not "he spoke"), a long word's length at most
        floor = max(0, offset - _WORD_MOST)
        while offset > floor and (text[offset - 1].isalnum() or text[offset - 1] == "-"):
            offset -= 1
    return offset, text[offset:start].rstrip()


def pronoun(
    text: str, start: int, end: int, quoted: Callable[[int], bool] = lambda at: False
) -> tuple[str | None, tuple[int, int]] | None:
    """A cue that names the speaker by a pronoun or a relation: its gender and span.

    "…," said he / she replied / cried his wife / Elizabeth's mother: "m", "f", or None
    where the word says nothing of gender ("said his friend"). None without such a cue.
    A pronoun before the quotation is one of the narration, not of a speech (`quoted`),
    and of several such clauses the one nearest the quotation ("…but he said nothing,
    and she continued," is hers).
    """
    after = _AFTER_PRONOUN.match(text, end, min(len(text), end + _WINDOW))
    if after and (after.group("p2") or spoken(text, end)):
        word = next(w for w in after.group("p1", "p2", "rel") if w)
        return _GENDER_OF_WORD.get(word.lower()), (after.start(), after.end())
    offset, before = _before(text, start)
    found, at = None, 0
    while (m := _BEFORE_PRONOUN.search(before, at)) is not None:
        if not quoted(offset + m.start("p")):
            found = m
        at = m.start("p") + 1
    if found:
        return _GENDER_OF_WORD[found.group("p").lower()], (
            offset + found.start(),
            offset + found.end(),
        )
    return None


# The narrator's own cues in a book told in the first person: "…," said I / I replied,
# "…" / and then I asked: "…".
_AFTER_I = re.compile(rf"{_GAP}(?:(?:{_VERBS}){_ADVERBS}\s+I|I{_ADVERBS}\s+(?:{_VERBS}))\b")
_BEFORE_I = re.compile(
    rf"(?:^|[.;!?]\s+|,\s+|\b(?:and|but|then|when|as|so)\s+)I\b{_ADVERBS}"
    rf"(?:\s+(?!I\b)[\w-]+[,;]?){{0,6}}?\s+(?:{_VERBS}|{_ING}|answer|reply|speak|spoke)\b"
    rf"{_CLAUSE}{_END}"
)


def first_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a cue by which the narrator says the quotation text[start:end] ("…,"
    said I / I answered, "…"), where it has one: a cue after it first, as for names."""
    after = _AFTER_I.match(text, end, min(len(text), end + _WINDOW))
    if after:
        return after.start(), after.end()
    offset, before = _before(text, start)
    found = _BEFORE_I.search(before)
    if found:
        return offset + found.start(), offset + found.end()
    return None


# A relation a name after it says who is ("my own nephew, Mr. Darcy."): not a name the
# speech calls someone by (see apposed).
_APPOSED = re.compile(
    r"\b(?:[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir)\s+(?:[a-z]+\s+){0,2}"
    r"(?:nephew|niece|son|daughter|brother|sister|father|mother|cousin|husband|wife|uncle"
    r"|aunt|friend|master|mistress|servant|neighbour|neighbor)s?,\s+$"
)


def apposed(text: str, lo: int, at: int) -> bool:
    """Whether the name at `at` says who the relation just before it is ("…united to my
    own nephew, Mr. Darcy."), reading text[lo:at] at most: who he is, not whom a speech
    calls (see vocatives, dialogue.Cast.addressed)."""
    return _APPOSED.search(text, max(lo, at - 40), at) is not None


# A name a speech calls someone by: at its start ("Watson, come here", "Oh, Jake!") or
# after a comma ("…, my dear Watson.", "…, Hastings?"), before a mark that ends a clause.
_VOCATIVE = re.compile(
    rf"(?:^\W*(?:(?:[Oo]h|O|[Aa]h|[Ww]ell|[Nn]ow|[Cc]ome|[Ww]hy|[Yy]es|[Nn]o)[,!]?\s+)?"
    rf"|,\s+)(?:my\s+(?:dear\s+|good\s+)?)?{_NAME}\s*(?=[,!?.;]|[{DOUBLE_MARKS}]|$)"
)


def vocatives(text: str, start: int, end: int) -> list[str]:
    """The names a quotation text[start:end] calls someone by ("Watson, come!"): not a
    title alone ("Sir"), not a word that opens sentences ("Well"), not a name that says
    who a relation is ("my own nephew, Mr. Darcy.": `apposed`)."""
    out = []
    for found in _VOCATIVE.finditer(text, start, end):
        name = _clean(found.group("name"))
        if (
            name
            and name != "I"
            and _is_name(name)
            and not apposed(text, start, found.start("name"))
        ):
            out.append(name)
    return out


# What follows a name up to the end of its clause or a quotation mark, 80 characters at
# most: the pronouns there tell the name's gender.
_NAME_CLAUSE = re.compile(rf"[^.!?;{DOUBLE_MARKS}]{{0,80}}")
_GENDERED = re.compile(r"\b(?:he|his|him|himself|she|her|hers|herself)\b")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _after_each(text: str, name: str) -> list[str]:
    """What follows each occurrence of `name` as a whole word (`_NAME_CLAUSE`), the
    occurrences read one after another as a regular expression reads them (one inside
    what follows the one before is not read). Found with str.find, which skips to the
    name's next occurrence, where a regular expression that opens on a word boundary
    tries every position: 0.40 s against 0.02 s for the 54 names of Oliver Twist."""
    out: list[str] = []
    first, last = _is_word(name[0]), _is_word(name[-1])
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        before = at > 0 and _is_word(text[at - 1])
        after = end < len(text) and _is_word(text[end])
        if before == first or after == last:  # not a whole word here
            at = text.find(name, at + 1)
            continue
        following = _NAME_CLAUSE.match(text, end)
        tail = following.group() if following else ""
        out.append(tail)
        at = text.find(name, end + len(tail))
    return out


# Given names common in English fiction of the last three centuries whose gender they
# tell, for a name the pronouns after it do not decide ("Charlotte", "Nancy", "Tom").
_GIVEN_FEMALE = (
    "Agnes", "Alice", "Amelia", "Amy", "Ann", "Anna", "Anne", "Annie", "Arabella",
    "Barbara", "Beatrice", "Betsy", "Betty", "Bridget", "Caroline", "Catherine", "Cecilia",
    "Charlotte", "Clara", "Dorothy", "Edith", "Eleanor", "Elinor", "Eliza", "Elizabeth",
    "Ellen", "Emily", "Emma", "Esther", "Fanny", "Frances", "Georgiana", "Grace", "Hannah",
    "Harriet", "Helen", "Isabella", "Jane", "Janet", "Jemima", "Jenny", "Joan", "Julia",
    "Kate", "Kitty", "Laura", "Louisa", "Lucy", "Lydia", "Margaret", "Maria", "Marianne",
    "Martha", "Mary", "Matilda", "Meg", "Nancy", "Nell", "Nelly", "Olivia", "Penelope",
    "Phoebe", "Polly", "Rachel", "Rebecca", "Rose", "Ruth", "Sally", "Sarah", "Sophia",
    "Sophy", "Susan", "Susannah", "Victoria",
)  # fmt: skip
_GIVEN_MALE = (
    "Albert", "Alfred", "Andrew", "Anthony", "Arthur", "Benjamin", "Bill", "Charles",
    "Charley", "Dick", "Edmund", "Edward", "Frank", "Frederick", "George", "Gilbert",
    "Harry", "Henry", "Herbert", "Hugh", "Jack", "James", "Jem", "Jim", "Joe", "John",
    "Jonathan", "Joseph", "Ned", "Nicholas", "Noah", "Oliver", "Patrick", "Peter", "Philip",
    "Ralph", "Richard", "Robert", "Samuel", "Thomas", "Tim", "Tom", "Walter", "William",
    "Will",
)  # fmt: skip
_GIVEN_GENDER = dict.fromkeys(_GIVEN_FEMALE, "f") | dict.fromkeys(_GIVEN_MALE, "m")


def genders(text: str, names: Collection[str]) -> dict[str, str]:
    """The gender ("m" or "f") of each name: by its title, or by the pronouns after it,
    else by a given name whose gender it tells (`_GIVEN_GENDER`)."""
    out: dict[str, str] = {}
    for name in names:
        first = name.split()[0].rstrip(".")  # a title, or a given name
        if first in _TITLES_MALE or first in _TITLES_FEMALE:
            out[name] = "m" if first in _TITLES_MALE else "f"
            continue
        counts = {"m": 0, "f": 0}
        for following in _after_each(text, name):
            for word in _GENDERED.findall(following):
                counts[_GENDER_OF_WORD[word]] += 1
        if counts["m"] > 1.5 * counts["f"] + 1:
            out[name] = "m"
        elif counts["f"] > 1.5 * counts["m"] + 1:
            out[name] = "f"
        elif first in _GIVEN_GENDER:
            out[name] = _GIVEN_GENDER[first]
    return out


def speaker(
    text: str,
    start: int,
    end: int,
    known: Collection[str] = (),
    quoted: Callable[[int], bool] = lambda at: False,
) -> tuple[str | None, tuple[int, int] | None, float]:
    """The speaker of the quotation text[start:end] from nearby cues, its cue, confidence.

    A cue right after the quotation ("…," said Elizabeth) comes first; then one before
    it in the same paragraph ("Trotsky wrote:", "according to X", "X:"). A loose cue
    ("Mr. Darcy, drawing near Elizabeth, said to her") names one of the `known`
    speakers, where they are given, or no one. A cue after the quotation stands in its
    paragraph: one after a blank line introduces the next speech. A name a cue before
    the quotation reads is in the narration, not in an earlier speech of the paragraph
    (`quoted`: whether a position is inside a quotation).
    """
    for pattern in (_AFTER_VERB, _AFTER_NAME, _AFTER_WAS, _AFTER_REPLY_OF):
        after = pattern.match(text, end, min(len(text), end + _WINDOW))
        if after and pattern is _AFTER_VERB and not spoken(text, end):
            continue
        if (
            after
            and pattern is _AFTER_NAME
            and _TOLD_THAT.match(text, after.end(), _sentence_end(text, after.end()))
        ):
            # '"Is it true?" Elizabeth replied that it was.': her answer, told (not
            # '"…" said he that night.', whose verb comes first)
            continue
        if after and _is_name(after.group("name")):
            return _clean(after.group("name")), (after.start(), after.end()), 0.9
    offset, before = _before(text, start)
    for pattern, confidence in (
        (_BETWEEN, 0.9), (_COLON, 0.8), (_BEFORE, 0.9), (_ACCORDING, 0.9),
        (_POSSESSIVE_WAS, 0.8), (_BY, 0.8), (_BEFORE_LOOSE, 0.7),
    ):  # fmt: skip
        found = _search(
            pattern, before, known if confidence < 0.9 else (), lambda at: quoted(offset + at)
        )
        if found and _REPORTED.match(found.group()):
            continue  # "Elizabeth replied that it was.": her answer told, no cue for this
        if found and pattern is _BETWEEN and "\n\n" in text[offset + found.end() : start]:
            # '"…," said the gallant Mr. Elton--' and a new paragraph: he was cut short,
            # and the speech is another's
            continue
        if found:
            return (
                _clean(found.group("name")),
                (offset + found.start(), offset + found.end()),
                confidence,
            )
    return None, None, 0.0
