"""Attribution: who a sentence says is speaking, and which speaker that is.

Patterns cover news style: "X said", "said X", "X says", "according to X",
"X told …", "X wrote", "X, the executive director of …, said", and "X said
in a statement". Names are matched to the database by name, alias or role.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from factcheck.check.vocabulary import shipped_words
from factcheck.figures.numerals import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from factcheck.model import Speaker
from factcheck.text.normalize import holds_words, normalize, straight_quotes
from factcheck.text.patterns import LazyPattern

if TYPE_CHECKING:
    from factcheck.figures.parse import Quantity

# The shipped words of who speaks (``lexicon/speakers.yaml``), read once at import.
_WORDS = shipped_words(
    "speakers.yaml",
    ("verbs", "roles", "campaigners", "offices", "generic references", "generic organizations",
     "titles", "shared titles", "not names"),
)  # fmt: skip


def _alternatives(entries: Iterable[str]) -> str:
    """Entries as a pattern's alternatives, spelled as written; a phrase's spaces match
    any space a draft writes."""
    return "|".join(re.escape(entry).replace(r"\ ", "[ \u00a0]") for entry in entries)


_VERBS = _alternatives(_WORDS["verbs"])
# A name as ``normalize`` writes it that names no one in particular ("the release", "the
# group's statement"; not "the ACLU's report": a possessive names someone unless generic).
_GENERIC_WORDS = _alternatives((*_WORDS["generic references"], *_WORDS["generic organizations"]))
GENERIC = re.compile(
    rf"^(?:the|a|an|its) (?:[\w-]+ |(?:{_GENERIC_WORDS})'s ){{0,3}}"
    rf"(?:{_alternatives(_WORDS['generic references'])})$"
)
# People who campaign, unnamed ("advocates", "immigrant-rights activists", "critics").
CAMPAIGNERS = re.compile(rf"^(?:[\w-]+ ){{0,2}}(?:{_alternatives(_WORDS['campaigners'])})$")
# A name: capitalized words (initials, "U.S.", hyphens, apostrophes), or a role
# phrase ("the attorney general", "some senators", "the memo").
# Lower-case particles ("de", "van") only as whole words: "da" must not match "data".
# "Austin-based" describes who is named after it ("the Austin-based organization"): no name.
_CAP_WORD = r"(?:(?![\w'.-]*-based\b)[A-Z][\w'.-]*|U\.S\.|(?:de|da|van|von)(?=[ \u00a0])|al-)"
# "Bureau of Justice Statistics", "Center for Immigration Studies": "of"/"for" join capitals.
_NAME = rf"{_CAP_WORD}(?:[ \u00a0](?:(?:of|for)[ \u00a0](?:the[ \u00a0])?)?{_CAP_WORD}){{0,5}}"
_ROLE = (
    r"(?:[Tt]he|[Aa]n?|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree)[ \u00a0]"
    # Modifiers only: a relative clause ("a move that some senators") names no one.
    r"(?:(?!(?:that|which|who|whom|whose|some|the|a|an)\b)[\w'.-]+[ \u00a0]){0,4}?"
    rf"(?:{_alternatives(_WORDS['roles'] + _WORDS['campaigners'] + _WORDS['offices'])})"
    r"(?![\w'])"
)
_WHO = rf"(?P<who>{_NAME}|{_ROLE})"
# ", executive director of Grassroots Leadership," or ", Ph.D., of Acme Inc." before the verb.
_APPOSITIVE = (
    # "Raúl M. Grijalva (D-AZ) said": a party and state, or another short aside.
    r"(?:[ \u00a0]\([^()\"]{1,30}\))?"
    r"(?:(?:,[ \u00a0][^,\"]{1,120}){1,3},)?"
    # "of Acme Inc." (capitalized words, without another copy of _NAME to compile), "of
    # @GrassrootsLead" (a handle)
    r"(?:[ \u00a0](?:of|at|from|with)[ \u00a0](?:the[ \u00a0])?(?P<org>@\w+|[A-Z][\w.&'-]*"
    r"(?:[ \u00a0][A-Z][\w.&'-]*){0,4}))?"
)
_MONTH = _alternatives(m.title() for m in (*MONTHS, *MONTH_ABBREVIATIONS))
# A day as a story writes it between who and what ("Libal on Tuesday said", "Sessions on
# April 11, 2017, told"): read past by attribution and by name alignment (``entities``).
DAY_ASIDE = (
    rf"(?:on[ \u00a0])?(?:today|yesterday|(?:{_alternatives(d.title() for d in WEEKDAYS)})"
    rf"(?:,[ \u00a0](?:{_MONTH})\.?[ \u00a0][0-9]{{1,2}})?|(?:{_MONTH})\.?[ \u00a0][0-9]{{1,2}})"
    r"(?:,[ \u00a0][0-9]{4})?"
)
_WHEN = rf"(?:,?[ \u00a0]{DAY_ASIDE},?)?"
# Two patterns, not three: each copy of _WHO costs about 2.5 ms to compile at start-up.
_PATTERNS = [
    # "according to X", and inverted attribution only after a quote or a comma,
    # or opening the sentence: "…people,” said Bob Libal" — but not "Sessions
    # said Grassroots Leadership…".
    re.compile(
        rf"(?:\b(?i:according)[ \u00a0]to(?:[ \u00a0]the(?=[ \u00a0][A-Z]))?"
        rf"|(?:^|[,\"'][ \u00a0]*|\b(?i:so)[ \u00a0])(?:{_VERBS}))"
        # "said organizer Alejandro Caceres": a title in lower case before the name; "said in
        # Nogales Attorney General Jeff Sessions": where, before who.
        r"[ \u00a0](?:(?:in|at|from)[ \u00a0][A-Z][\w.'-]*[ \u00a0](?=[A-Z]))?"
        rf"(?:(?:{_alternatives(_WORDS['titles'])})[ \u00a0]){{0,2}}{_WHO}"
    ),
    re.compile(
        rf"{_WHO}{_APPOSITIVE}{_WHEN}(?:,?[ \u00a0](?:(?:has|had|also|himself|herself|themselves|"
        rf"itself|later|then|once|again|previously)[ \u00a0]){{0,2}}(?:{_VERBS})\b"
        # "Caceres: “The only winners …”" (headlines, transcripts); "Caceres was blunt: “…”";
        # "Caceres: Sessions Memo 'Criminalizes …'" (a headline's quotation after its subject);
        # "Sessions in prepared remarks: “…”" (where or when, before the colon)
        rf"|(?:[ \u00a0](?:was|is|were|are)[ \u00a0][a-z]+(?:[ \u00a0][a-z]+)?"
        r"|[ \u00a0](?:in|at|during|on|to)[ \u00a0][^:\",;]{1,40})?:"
        rf"(?=[ \u00a0]*\"|[^\"'.]{{1,60}}(?<![\w])[\"'])"
        rf")"
    ),
]
# A role followed by the name it stands for.
_NAMED_AFTER = LazyPattern(rf",[ \u00a0](?P<who>{_NAME})(?=[,.;]|$)", (",",))
# "Grassroots Leadership's executive director, Bob Libal,": a body's role, then the person.
_ROLE_OF_NAMED = LazyPattern(
    rf"(?<=['’]s)[ \u00a0](?:[a-z][\w-]*[ \u00a0]){{0,3}}[a-z][\w-]*,[ \u00a0](?P<who>{_NAME})"
    r"(?=[,.;]|$)",
    ("'s", "’s"),
)
# A name right after a preposition is an object ("by Sessions", "in Nogales"), and so is
# the next of the makers a "by" lists ("published by Grassroots Leadership and Justice
# Strategies, found"; not "leaders of the group and Bob Libal said", two speakers).
_OBJECT_OF = re.compile(
    r"\b(?:(?i:in|at|by|from|of|to|for|on|with|near|into)[ \u00a0](?:(?i:the)[ \u00a0])?"
    r"|(?i:by)[ \u00a0](?:(?i:the)[ \u00a0])?(?:[A-Z][\w.&'’-]*[ \u00a0]){1,5}"
    r"(?:,[ \u00a0])?(?:and|&|&amp;)[ \u00a0](?:the[ \u00a0])?)$"
)
# How far before a name ``_OBJECT_OF`` looks: a preposition and a list's first name.
_OBJECT_REACH = 60
# Capitalized words that start sentences or name places, not speakers.
# "released Tuesday tells …": a day, no speaker.
_NOT_NAMES = frozenset(_WORDS["not names"]) | {day.title() for day in WEEKDAYS}
# Words that open a role, capitalized where a sentence opens ("The group's director, Bob
# Libal, said"): the name after the role is who speaks.
_DETERMINERS = frozenset("The A An Its Their His Her Our".split())
_PRONOUNS = re.compile(r"\b(?:he|she|they)[ \u00a0](?:said|says|added|told|wrote)\b", re.I)


# "TUCSON –", "WASHINGTON (Reuters) -", "AUSTIN, TX, April 11, 2017—": where and when a
# story is filed, not who speaks ("NOGALES, Ariz. (Reuters) - Sessions … said").
_DATELINE = LazyPattern(
    r"^[ \u00a0]*[A-Z]{2,}[A-Z .'-]{0,30}"
    r"(?:,[ \u00a0]*[A-Z][A-Za-z.]{0,20}(?:[ \u00a0]+[0-9]{1,2})?){0,3}"
    r"(?:,[ \u00a0]*[0-9]{4})?[ \u00a0]*(?:\([^()]{1,40}\)[ \u00a0]*)?[—–-]+[ \u00a0]*",
    ("—", "–", "-"),
)


def dateline(text: str) -> re.Match[str] | None:
    """The dateline opening a sentence (straight quotes or curly: it holds none)."""
    return _DATELINE.match(text) if text.lstrip()[:2].isupper() else None


class Attribution(NamedTuple):
    """A name the text credits with the words, with its offsets.

    ``directive`` marks one that tells someone to do something ("Sessions
    told prosecutors to put …"): it credits the order, not the rest of the
    sentence's words. ``org`` is the body an appositive places the name in
    ("organizers with Justice Strategies said"), if any.
    """

    name: str
    start: int
    end: int
    directive: bool = False
    org: str = ""


@lru_cache(maxsize=256)
def _matches(text: str) -> tuple[tuple[bool, re.Match[str]], ...]:
    """Attribution matches that name a subject, with whether the name comes first.

    ``text`` has straight quotes (``straight_quotes``). A name right after a
    preposition is an object ("remarks by Sessions in Nogales, Arizona,
    tells…"); "Name: “…”" only opens a line ("… into the U.S.: “This …”").
    Kept for the last sentences: the checker asks who speaks and the matcher
    what frames the sentence, of one text.
    """
    if ":" not in text and SAYING_WORDS.isdisjoint(_LETTERS.findall(text.lower())):
        return ()  # each pattern needs a verb, "according" or a colon: skip the costly scan
    found = []
    for pattern in _PATTERNS:
        name_first = pattern is _PATTERNS[-1]
        for match in pattern.finditer(text):
            who = match.start("who")
            if name_first and _OBJECT_OF.search(text, max(0, who - _OBJECT_REACH), who):
                continue
            if match.group().endswith(":") and text[:who].strip():
                continue
            found.append((name_first, match))
    # "The group's director, Bob Libal, said the memo “…”": a verb with its subject before
    # it credits no one after it (the comma closed an appositive, not a quotation).
    ends = {match.end() for name_first, match in found if name_first}
    return tuple(
        (name_first, match)
        for name_first, match in found
        if name_first or not any(match.start() <= end < match.start("who") for end in ends)
    )


# "told prosecutors to put even more resources …": who is told to do what, not what is
# said (a quotation right after "to" is the speaker's words: "told them to “stand”").
_DIRECTIVE = re.compile(r"[ \u00a0]+(?:[\w'.-]{1,40}[ \u00a0]+){1,6}?to[ \u00a0]+(?=[^\W\d_])")
# A claim that some party orders or asks something ("instructs prosecutors to …").
_ORDERS = re.compile(
    r"\b(?:instruct|order|direct|tell|told|urge|ask|require|call(?:s|ed)?[ \u00a0]for)", re.I
)


def credits(attribution: Attribution, claim_text: str) -> bool:
    """Whether an attribution credits a claim: an order only a claim of an order."""
    return not attribution.directive or bool(_ORDERS.search(claim_text))


# The first words of the verbs that credit words to someone ("said", "according").
SAYING_WORDS = frozenset(verb.split()[0] for verb in _WORDS["verbs"]) | {"according"}
_LETTERS = re.compile("[a-z]+")


def find_attributions(text: str) -> list[Attribution]:
    """Who the sentence attributes its words or figures to, in order."""
    found: dict[int, Attribution] = {}
    straight = straight_quotes(text)
    opening = dateline(straight)
    if opening:  # the dateline's city is no speaker: read the sentence after it
        straight = " " * opening.end() + straight[opening.end() :]
    for _, match in _matches(straight):
        name = _clean(text[match.start("who") : match.end("who")])
        if not name or name in _NOT_NAMES:
            continue
        start = _start_of(name, text, match.start("who"))
        paired = _TITLED_PAIR.search(text, max(0, start - 60), start)
        if paired:  # "Sens. Cory Booker and Chris Van Hollen": the title is both names'
            name, start = text[paired.start() : start + len(name)], paired.start()
        named = (
            # A name, not a role ("the group's executive director") naming one after it; but
            # a body's role is a person ("Grassroots Leadership's executive director, Bob Libal").
            _ROLE_OF_NAMED.compiled().match(straight, match.end("who"))
            if name[:1].isupper() and name.split()[0] not in _DETERMINERS
            else _NAMED_AFTER.compiled().match(straight, match.end("who"))
        )
        if named:
            name = _clean(text[named.start("who") : named.end("who")])
            start = _start_of(name, text, named.start("who"))
        directive = match.group().endswith(("told", "tells")) and bool(
            _DIRECTIVE.match(straight, match.end())
        )
        org = match.groupdict().get("org") or ""
        found.setdefault(start, Attribution(name, start, start + len(name), directive, org))
    return [found[k] for k in sorted(found)]


# "Sens. Cory Booker and ": a title shared by the name that follows.
_TITLED_PAIR = re.compile(
    rf"\b(?:{_alternatives(_WORDS['shared titles'])})[ \u00a0]+[A-Z][\w.'’-]*"
    r"(?:[ \u00a0]+[A-Z][\w.'’-]*){0,3},?[ \u00a0]+and[ \u00a0]+$"
)


def _start_of(name: str, text: str, at: int) -> int:
    """Where a cleaned name starts in ``text``, from the start of the words it was
    cleaned from ("Grassroots Leadership's Bob Libal", "As Sessions")."""
    found = text.find(name, at)
    return at if found < 0 else found


def attribution_frames(text: str) -> list[tuple[int, int]]:
    """Spans of the words that attribute ("Sessions said that", "according to the ACLU").

    These say who, not what: the matcher reads the sentence without them,
    and the checker judges the names on their own. An inverted attribution
    at the end of a sentence takes its appositive along ("…,” said Bob
    Libal, executive director at Grassroots Leadership, a civil rights group").
    """
    spans = []
    text = straight_quotes(text)
    for name_first, match in _matches(text):
        start, end = match.span()
        that = _THAT.match(text, end)
        if that:
            end = that.end()
        elif not name_first and text.startswith(",", end) and text[start] in _MARKS:
            tail = _TAIL.match(text, end)
            end = tail.end() if tail else end
        spans.append((match.start("who") if name_first else start, end))
    spans += [m.span() for m in _PRONOUN_FRAME.finditer(text)]
    return spans


_MARKS = ",\"'"
_THAT = re.compile(r"[ \u00a0]+that\b")
# The rest of a sentence after an inverted attribution, when it only describes the speaker.
_TAIL = re.compile(r",[^\"]{0,300}$")
_PRONOUN_FRAME = LazyPattern(
    rf"\b(?i:he|she|they|it)[ \u00a0](?:also[ \u00a0])?(?:{_VERBS})\b(?:[ \u00a0]+that\b)?",
    re.compile(r"\b(?i:he|she|they|it)[ \u00a0]"),
)


def has_pronoun_attribution(text: str) -> bool:
    """ "he said": the speaker is named elsewhere (an earlier or later sentence)."""
    return bool(_PRONOUNS.search(text))


_OPENING = re.compile(r"^(?:As|But|And|So|Then|When|While|If|Because|After|Before|Yet)[ \u00a0]+")


def _clean(name: str) -> str:
    """Trim possessives and trailing punctuation from a matched name."""
    name = name.strip(" \u00a0.,;:")
    # "As Sessions put it": a capitalized word that opens a clause is no part of the name.
    name = _OPENING.sub("", name)
    # "Grassroots Leadership's Bob Libal": the person, not the group's possessive.
    name = re.sub(r"^.*[’']s[ \u00a0]+(?=[A-Z])", "", name)
    return re.sub(r"[’']s$", "", name)


def resolve(name: str, speakers: dict[str, Speaker]) -> Speaker | None:
    """The speaker a name stands for: by full name or alias, then by surname.

    "the attorney general" resolves through an alias; a bare surname
    ("Libal") through the last word of a speaker's names. Ambiguous
    surnames resolve to nobody rather than to a guess.
    """
    key = name_key(name)
    if not key:
        return None
    found = _resolve_key(key, speakers) or _by_handle(name, speakers)
    parts = _AFFILIATED.split(key, maxsplit=1)
    if found is None and len(parts) == 2:
        # "Alejandro Caceres of Grassroots Leadership": the person (``misdescribed`` judges
        # where they work); a role is no person ("the attorney general of Texas").
        found = _resolve_key(parts[0], speakers)
        if found is not None and found.kind == "person" and parts[0] not in _roles(found):
            return found
        return None
    if found is None:
        found = _by_title(key, speakers) or _by_author(key, speakers) or _untitled(key, speakers)
    return found


# Words of a title written before a name ("Organizer Alejandro Caceres"), as ``name_key``
# writes them.
TITLE_WORDS = frozenset(_WORDS["titles"])


def _untitled(key: str, speakers: dict[str, Speaker]) -> Speaker | None:
    """The speaker a name stands for once the title before it is read off: a person
    ("Organizer Alejandro Caceres" is Caceres, whatever his title is)."""
    words = key.split()
    at = 0
    while at < min(3, len(words) - 1) and words[at] in TITLE_WORDS:
        at += 1
    found = _resolve_key(" ".join(words[at:]), speakers) if at else None
    return found if found is not None and found.kind == "person" else None


# "the group's executive director", "Grassroots Leadership's organizer": a title in an
# organization (``name_key`` form; the article is gone).
_TITLE_IN = re.compile(r"^(?P<org>[\w .&-]{2,60}?)'s (?P<title>[\w -]{3,60})$")
# Words that stand for the organization a release comes from, unnamed.
_GENERIC_ORGS = frozenset(_WORDS["generic organizations"])


def _by_title(key: str, speakers: dict[str, Speaker]) -> Speaker | None:
    """The one person an organization's title names ("the group's organizer" is
    Alejandro Caceres, "organizer at Grassroots Leadership"): a generic organization
    ("the group") or a speaker one, and every word of the title in the person's role.
    Two such people resolve to nobody rather than to a guess."""
    found = _TITLE_IN.match(key)
    if found is None:
        return None
    org, title = found["org"], found["title"].split()
    known, named = _owner(org, speakers)
    if not known:
        return None
    people = [
        speaker
        for speaker in speakers.values()
        if speaker.kind == "person"
        and speaker.affiliation
        and (named is None or name_key(speaker.affiliation) == name_key(named.name))
        and set(title) <= set(name_key(_TITLE_END.sub("", speaker.role or "")).split())
    ]
    return people[0] if len(people) == 1 else None


def _owner(name: str, speakers: dict[str, Speaker]) -> tuple[bool, Speaker | None]:
    """Who a possessive names (``name_key`` form): (True, None) for an organization
    left unnamed ("the group's"), (True, the speaker) for one the database knows,
    (False, None) for nobody it knows."""
    if name.split()[-1] in _GENERIC_ORGS:
        return True, None
    found = _resolve_key(name, speakers)
    return found is not None, found


# "the attorney general's memo", "Sessions' memo" (``name_key`` form).
_OWNED = re.compile(r"^(?P<owner>[\w .&-]{2,60}?)(?:'s|(?<=s)') (?P<thing>[\w -]{3,60})$")


def _by_author(key: str, speakers: dict[str, Speaker]) -> Speaker | None:
    """The one document its author and its kind name: "the attorney general's memo" is
    the Justice Department memo, which Sessions wrote; "the group's 2016 book" is the
    book (a generic organization, "the group", is any author). The kind is the last
    word, among the document's names and role."""
    found = _OWNED.match(key)
    if found is None:
        return None
    known, author = _owner(name_key(found["owner"]), speakers)
    if not known:
        return None
    noun = found["thing"].split()[-1]
    documents = [
        speaker
        for speaker in speakers.values()
        if speaker.kind == "document"
        and (author.id in speaker.authors if author else speaker.authors)
        and noun in name_key(" ".join((*speaker.names, speaker.role or ""))).split()
    ]
    return documents[0] if len(documents) == 1 else None


def _by_handle(name: str, speakers: dict[str, Speaker]) -> Speaker | None:
    """The speaker a social-media handle spells ("@GrassrootsLead", "GrassrootsLead"):
    its capitalized parts, two or more, begin a name's words in order. One such
    speaker, or nobody."""
    parts = _CAMEL.findall(name.lstrip("@.")) if " " not in name.strip() else []
    if len(parts) < 2 or "".join(parts) != name.lstrip("@."):
        return None
    lowered = [p.lower() for p in parts]
    found = [
        speaker
        for speaker in speakers.values()
        if any(
            len(words := name_key(n).split()) >= len(lowered)
            and all(w.startswith(p) for w, p in zip(words, lowered, strict=False))
            for n in speaker.names
        )
    ]
    return found[0] if len(found) == 1 else None


_CAMEL = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def _roles(speaker: Speaker) -> set[str]:
    """A speaker's names that are titles, not names ("the attorney general")."""
    title = name_key(_TITLE_END.sub("", normalize(speaker.role or "")))
    return {key for key in map(name_key, speaker.names) if title and key == title}


# A name joined to an organization: "… of Grassroots Leadership", "… with the ACLU".
_AFFILIATED = re.compile(r" (?:of|for|at|with|from) ")


def _resolve_key(key: str, speakers: dict[str, Speaker]) -> Speaker | None:
    """``resolve`` of a name's ``name_key``."""
    by_surname = []
    for speaker in speakers.values():
        keys = {name_key(n) for n in speaker.names}
        if key in keys:
            return speaker
        # A surname ("Libal"); a group by its noun, however described ("two Democratic
        # senators" are of "some senators", whom the release leaves unnamed).
        # Not a document's or an organization's last word: that is its kind ("the ACLU's
        # memo" is no memo of the database's; ``_by_author`` reads whose it is).
        short = (len(key.split()) <= 2 and speaker.kind == "person") or speaker.kind == "group"
        if short and any(k.split()[-1] == key.split()[-1] for k in keys if k):
            by_surname.append(speaker)
    return by_surname[0] if len(by_surname) == 1 else None


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """What decides that two spellings are the same name ("J. Smith", "J Smith").

    Typography, case, periods, spacing, a leading article and the abbreviations news
    style writes ("Dept." for "Department") do not count.
    Validation (one spelling per speaker) and resolution both use it, so a
    name the database accepts for two speakers cannot exist. Cached: every
    attribution compares against every speaker's names.
    """
    words = normalize(name).replace(".", "").split()
    key = " ".join(_ABBREVIATED.get(word, word) for word in words)
    return re.sub(r"^(?:the|a|an) ", "", key)


# Abbreviations news style writes in names ("Justice Dept.", "Sen. Grijalva"), as words.
_ABBREVIATED = {
    "dept": "department", "sen": "senator", "rep": "representative", "gov": "governor",
    "atty": "attorney", "gen": "general", "assn": "association", "natl": "national",
    "ag": "attorney general",
}  # fmt: skip


def titled_member(name: str, group: Speaker) -> bool:
    """Whether a name is given the title a group's members share: "Sens. Cory Booker and
    Chris Van Hollen" (or "Senator Booker") for "some senators". The source names no
    member, and crediting some of them contradicts nothing it says."""
    if group.kind != "group":
        return False
    members = name_key(group.name).split()[-1].removesuffix("s")
    title = (name_key(name).split() or [""])[0]
    title = _ABBREVIATED.get(title.removesuffix("s"), title).removesuffix("s")
    return bool(members) and title == members


# What a sentence says of a speaker beside the name: ", executive director at X," after
# it, or "the group's organizer, " before it (up to a comma, a quote or the sentence's end).
_DESCRIBED_AFTER = re.compile(r"[ \u00a0]*,[ \u00a0]*(?P<what>[^,.;:\"“”()]{2,100})")
_DESCRIBED_BEFORE = re.compile(
    r"(?:^|[,:;\"“”][ \u00a0]*)(?P<what>[^,.;:\"“”()]{2,100}),[ \u00a0]*$"
)
# A clause about what a speaker did, not what they are: "who once worked as …", "speaking at".
_NOT_A_DESCRIPTION = re.compile(r"(?:who|which|whose|when|where)\b|\w+ing\b", re.IGNORECASE)
# The organization a description names: "at Grassroots Leadership", "of the ACLU".
_WORKS_FOR = re.compile(
    r"\b(?:at|of|with|for)[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?P<org>[A-Z][\w&.'-]*+(?:[ \u00a0]+(?:(?:of|for)[ \u00a0]+)?[A-Z][\w&.'-]*+){0,5}+)"
    # Not a modifier of a common noun ("the Austin-based group"): a name ends there.
    r"(?![ \u00a0]+(?!(?:in|and|or|since|who|which|on|at|of|for|with|to|from)\b)[a-z])"
)
# A role's title ends where its organization begins: "executive director at …".
_TITLE_END = re.compile(r"[ \u00a0]+(?:at|of|with|for)[ \u00a0]+.*$", re.S)


def misdescribed(
    text: str, attribution: Attribution, speaker: Speaker, titles: tuple[str, ...]
) -> tuple[str, str] | None:
    """What the sentence says a speaker is, when it gives another's title or an
    organization not theirs, and what the database says ("Alejandro Caceres,
    executive director at …" for an organizer; "Bob Libal, executive director
    at Justice Strategies").

    Only what the database knows is judged: another person's title (``titles``,
    see ``people_titles``), or an organization that is not the speaker's own
    (nor in its role). A description the database has no word for ("a
    longtime activist") is left alone.
    """
    own_role = normalize(speaker.role or "")
    own_title = _TITLE_END.sub("", own_role)
    known = speaker.role or speaker.affiliation or ""
    for described in descriptions(text, attribution):
        said = normalize(described)
        other_title = any(
            title != own_title and holds_words(said, title) and not holds_words(said, own_title)
            for title in titles
        )
        if other_title or _other_organization(described, speaker, own_role):
            return described, known
    return None


def descriptions(text: str, attribution: Attribution) -> list[str]:
    """What a sentence says its credited name is: an appositive after it or a phrase
    before it ("Bob Libal, executive director at …"; "the group's organizer, …"), or
    the body its name joins ("Bob Libal of Justice Strategies"); not what the speaker
    did or does ("who spoke from Austin", "speaking at")."""
    after = _DESCRIBED_AFTER.match(text, attribution.end)
    before = _DESCRIBED_BEFORE.search(text, 0, attribution.start)
    joined = _AFFILIATED.search(attribution.name)
    found = [m.group("what").strip() for m in (after, before) if m]
    if joined:
        found.append(attribution.name[joined.start() + 1 :])
    return [described for described in found if not _NOT_A_DESCRIPTION.match(described)]


def misdated(text: str, attribution: Attribution, speaker: Speaker) -> tuple[int, int] | None:
    """A year the sentence's name or description of a speaker gives, where the speaker's
    role gives another (the year it says, and the role's): "Indefensible, a 2015 book
    by …" for the "book released in 2016", "The 2016 memo" for the memo of April 2017."""
    years = _years(speaker.role or "")
    if not years:
        return None
    for described in (attribution.name, *descriptions(text, attribution)):
        said = _years(described)
        if said and not set(said) & set(years):
            return said[0], years[0]
    return None


def _years(text: str) -> list[int]:
    """The years a text writes, alone or in a date, as the figure parser reads them."""
    from factcheck.figures.parse import parse_figures

    found = parse_figures(text)
    return [int(q.value) if q.unit == "year" else q.year for q in found if _dated(q)]


def _dated(quantity: "Quantity") -> bool:
    """A year alone ("2016"), or a date's ("April 11, 2017"); not a span's."""
    if quantity.unit == "year":
        return quantity.span is None
    return quantity.unit == "date" and quantity.year is not None


def _other_organization(described: str, speaker: Speaker, own_role: str) -> bool:
    """Whether a description puts a speaker at an organization not its own
    ("at Justice Strategies" for Grassroots Leadership's director)."""
    works = _WORKS_FOR.search(described)
    if works is None or not speaker.affiliation:
        return False
    org = normalize(_clean(works.group("org")))
    owned = [normalize(n) for n in (speaker.affiliation, *speaker.names)]
    return not any(o in org or org in o for o in owned) and not holds_words(own_role, org)


def people_titles(speakers: Iterable[Speaker]) -> tuple[str, ...]:
    """People's titles in a database ("executive director", "organizer"), longest first."""
    found = {
        _TITLE_END.sub("", normalize(s.role)) for s in speakers if s.kind == "person" and s.role
    }
    return tuple(sorted((t for t in found if t), key=lambda t: (-len(t), t)))
