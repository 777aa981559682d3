"""Places and agents: a sentence that moves a claim elsewhere, or gives it to
someone else, does not state it.

"Grassroots Leadership, based in Houston, works for …" shares every word of
the claim but its place; "The book Indefensible was written by the ACLU"
every word but who made it. A place is a capitalized name after "in", "at",
"from", "near" or "based in", or before "-based"; an agent a capitalized
name after "by". A sentence renames the claim's place (or agent) when both
name one and they have none in common.

A sentence that follows the claim's own words may also put another name in
a name's place ("Alejandro Caceres is executive director …" for Bob Libal),
or add one that narrows it ("prosecutions in Arizona" for the nation's):
``changed_name`` finds those by aligning the two word by word.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable

from factcheck.check.speakers import DAY_ASIDE, SAYING_WORDS, TITLE_WORDS
from factcheck.check.termweights import background
from factcheck.text.normalize import fold, word_term
from factcheck.text.patterns import LazyPattern

_NAME = r"[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){0,2}"
_PLACE = LazyPattern(
    rf"\b(?:in|at|from|near|outside|based[ \u00a0]in)[ \u00a0](?P<after>{_NAME})"
    r"(?:,[ \u00a0](?P<state>[A-Z][A-Za-z.]+(?:[ \u00a0][A-Z][a-z]+)?))?"
    rf"|\b(?P<before>{_NAME})(?:,[ \u00a0](?:{_NAME}|(?:[A-Z]\.){{1,3}}))?-based\b",
    re.compile(r"\b(?:in|at|from|near|outside)[ \u00a0][A-Z]|-based\b"),
)
_AGENT = LazyPattern(
    rf"\bby[ \u00a0](?:[Tt]he[ \u00a0])?(?P<after>(?:{_NAME}|[A-Z]{{2,}})"
    rf"(?:[ \u00a0](?:and|of)[ \u00a0](?:the[ \u00a0])?{_NAME})*)",
    ("by ",),
)
# Bodies named in one word: no place ("in Congress") and no name of a place, but who acts.
_BODIES = frozenset({"Congress", "Court"})
# Capitalized words after "in" that are times or bodies, not places.
_NOT_PLACES = _BODIES | frozenset(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow Tonight
    The A An This That His Her Their Its Our
    """.split()
)


@functools.lru_cache(maxsize=1024)
def named(text: str, pattern: LazyPattern = _PLACE) -> frozenset[str]:
    """The places a text names (or, with ``_AGENT``, its agents), lower-cased.

    Kept for the last texts: a claim's are asked about for every sentence it matches.
    """
    found = set()
    for match in pattern.finditer(text):
        name = match.group("after") or match.groupdict().get("before")
        first = name.split()[0]
        if first in _NOT_PLACES or (pattern is _PLACE and first.lower() in TITLE_WORDS):
            continue  # "from Attorney General Jeff Sessions": a person, not a place
        state = _state(match.groupdict().get("state") or "")
        found.add(f"{name.lower()}, {state}" if state else name.lower())
    return frozenset(found)


# U.S. states by name and by the AP's abbreviation: "Nogales, Ariz." is "Nogales, Arizona",
# and "Nogales, Texas" another place ("in Washington, Sessions said" names no state).
_STATE_LIST = """
alabama=ala, alaska, arizona=ariz, arkansas=ark, california=calif, colorado=colo,
connecticut=conn, delaware=del, florida=fla, georgia=ga, hawaii, idaho, illinois=ill,
indiana=ind, iowa, kansas=kan, kentucky=ky, louisiana=la, maine, maryland=md,
massachusetts=mass, michigan=mich, minnesota=minn, mississippi=miss, missouri=mo,
montana=mont, nebraska=neb, nevada=nev, new hampshire=n.h, new jersey=n.j, new mexico=n.m,
new york=n.y, north carolina=n.c, north dakota=n.d, ohio, oklahoma=okla, oregon=ore,
pennsylvania=pa, rhode island=r.i, south carolina=s.c, south dakota=s.d, tennessee=tenn,
texas=tex, utah, vermont=vt, virginia=va, washington=wash, west virginia=w.va,
wisconsin=wis, wyoming=wyo
"""
_STATES = {
    key: name
    for name, _, short in (item.strip().partition("=") for item in _STATE_LIST.split(","))
    for key in (name, short or name)
}


def renamed(sentence: str, claim_texts: tuple[str, ...]) -> tuple[str, str] | None:
    """A place (or agent) of the sentence where the claim names another, and that other.

    A place is compared by its city, and by its state where both give one
    ("Nogales, Texas" is not "Nogales, Arizona"; "Nogales" is either).
    """
    joined = " ".join(claim_texts)
    for pattern in (_PLACE, _AGENT):
        mine = named(sentence, pattern)
        theirs = named(joined, pattern)
        if not mine or not theirs:
            continue
        moved = next(
            ((m, t) for m in sorted(mine) for t in sorted(theirs) if _other_state(m, t)), None
        )
        if moved:
            return moved
        lowered = sentence.lower()
        if any(_city(name) in lowered for name in theirs):
            continue
        lowered_claim = joined.lower()
        new = sorted(name for name in mine if _city(name) not in lowered_claim)
        if new:
            return new[0], sorted(theirs)[0]
    return None


def restated(sentence: str, claim_texts: tuple[str, ...]) -> tuple[str, str] | None:
    """A city the sentence puts in another state than a claim text does, as both write
    it: "College Station, New Mexico" for "College Station, Texas" (a list of places
    with their states swapped)."""
    theirs = {
        city.lower(): (place, state)
        for text in claim_texts
        for place, city, state in _cities_in(text)
    }
    for place, city, state in _cities_in(sentence):
        known = theirs.get(city.lower())
        if known and _state(known[1]) != _state(state):
            return place, known[0]
    return None


def _cities_in(text: str) -> list[tuple[str, str, str]]:
    """Each "City, State" a text writes (the state by name or abbreviation): the place
    as written, its city and its state."""
    if "," not in text:
        return []
    return [
        (f"{match['city']}, {match['state']}", match["city"], match["state"])
        for match in _CITY_STATE.finditer(text)
        if _state(match["state"])
    ]


# Read at every capitalized word (a lookahead: "Philadelphia, College Station, Texas" holds
# "College Station, Texas" after "Philadelphia, College Station"); compiled for the first
# text with a comma and a space (start-up).
_CITY_STATE = LazyPattern(
    r"(?<![\w.])(?=(?P<city>[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){0,2}),[ \u00a0]"
    r"(?P<state>[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)?(?![\w])|[A-Z][a-z]{0,4}\.))",
    (", ", ",\u00a0"),
)


def states_in(text: str) -> list[str]:
    """The places in U.S. states a text puts something in, as written: "Texas" of
    "prosecutions in Texas", "Austin, Texas" of "said in Austin, Texas"."""
    found = []
    for match in _PLACE.finditer(text):
        if match.group("after") is None:
            continue  # "Austin-based": who, not where a figure is
        place, state = match.group("after"), (match.group("state") or "").rstrip(".")
        if _state(state):
            found.append(f"{place}, {state}")
        elif _state(place):
            found.append(place)
    return found


def _state(name: str) -> str | None:
    """The U.S. state a name is, by its name or its AP abbreviation."""
    return _STATES.get(name.lower().rstrip("."))


def _city(place: str) -> str:
    """A place without its state ("nogales, arizona": "nogales")."""
    return place.partition(",")[0]


def _other_state(place: str, other: str) -> bool:
    """Whether two places are one city in two states."""
    return "," in place and "," in other and place != other and _city(place) == _city(other)


# Words as written, with "U.S." and "re-entry" whole; a possessive "'s" is no part of a name.
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s$")
# Capitalized words that are no names: articles, pronouns, months, weekdays, and the
# small words a title-cased phrase writes.
_NOT_NAMES = _NOT_PLACES | frozenset("Of And Or But In On At By For From To".split())
# Small words that go with a name ("the ACLU", "Department of Justice").
_WITH_NAME = frozenset({"the", "of", "and"})
# A name a sentence adds comes after one of these ("in Arizona").
_BEFORE_ADDED = _WITH_NAME | frozenset({"in", "at", "from", "near", "by", "for", "to", "on"})
# A changed name is at most this many words, on either side.
_NAME_WORDS = 4
# The claim's words that must go on on both sides of an added name (of a changed one: one).
_AROUND = 2
# A capitalized word this common in English, opening a sentence, is no name ("Nearly").
_COMMON_ZIPF = 4.5


def changed_name(
    sentence: str,
    claim_texts: Iterable[str],
    known: Iterable[str],
    synonymous: Callable[[str, str], bool],
) -> tuple[str, str] | None:
    """A name the sentence writes where a claim text, word for word around it,
    writes another ("" when the claim writes none there), and that other.

    ``known`` are texts whose names belong to the claim anyway (its speaker's
    names, role and affiliation, its source, its context): "Attorney General
    Sessions" for "Jeff Sessions" changes no one. Only a sentence whose
    words are half the claim text's (or half its own) is read so, not one
    that tells it in its own words. A replaced name needs the claim's words on
    both sides (or the start, or the end, of both); an added one ``_AROUND``
    words on both sides. Names the lexicon makes paraphrases ("DOJ", "the
    Justice Department") are the same name.
    """
    mine, keys, _ = _words(_WHEN_ASIDE.sub(" ", sentence))
    claim_texts = tuple(text for text in claim_texts if text)
    known = tuple(known)
    known_keys = _keys_of((*claim_texts, *known))
    opener = bool(mine) and _capitalized(mine[0]) and not _known(mine[0], known_keys)
    if not opener and not any(
        _capitalized(w) and not _known(w, known_keys) and (at or _rare(w))
        for at, w in enumerate(mine)
    ):
        return None  # no name the claim does not know: nothing to align
    for text in claim_texts:
        theirs, their_keys, _ = _words(text)
        for start, end, their_start, their_end in _changed_spans(keys, their_keys):
            added = their_start == their_end
            name = [(at, w) for at, w in enumerate(mine[start:end], start) if _key(w) not in
                    (_BEFORE_ADDED if added else _WITH_NAME)]  # fmt: skip
            surely = _a_name(name)
            # A common word opening the sentence ("Obama") is a name only in a name's place.
            maybe = not added and len(name) == 1 and name[0][0] == 0 and _capitalized(name[0][1])
            if not (surely or maybe) or any(_known(w, known_keys) for _, w in name):
                continue
            found = " ".join(mine[start:end]).rstrip(".")
            if added and all(_key(w) in TITLE_WORDS for _, w in name):
                continue  # a title before a name the claim writes ("President Trump's")
            if added:
                return found, ""
            other = [w for w in theirs[their_start:their_end] if _key(w) not in _WITH_NAME]
            if not other or not all(map(_capitalized, other)):
                continue
            if not surely and not all(_known(w, _keys_of(known)) for w in other):
                continue  # the claim's words there are no name of its speaker's
            expected = " ".join(theirs[their_start:their_end]).rstrip(".")
            if any(_key(w) in keys for w in other) or synonymous(found, expected):
                continue
            if _state(found) and _state(found) == _state(expected):
                continue  # "Tex." for "Texas", "N.M." for "New Mexico"
            if _initials_of(found, expected) or _abbreviates(found, expected):
                continue  # "A.G." or "Atty. Gen." for "Attorney General"
            return found, expected
    return None


def changed_agent(
    sentence: str,
    claim_texts: Iterable[str],
    known: Iterable[str],
    synonymous: Callable[[str, str], bool],
) -> tuple[str, str] | None:
    """A name the sentence gives as who did what a claim text says another did, and that
    other: "Congress reversed the Justice Department's plan …" for "Sessions also
    reversed a previous decision …", the same word right after each name (a verb, or the
    noun a name modifies: "the Obama era" for "the Trump era"), wherever the rest of the
    sentence goes (``changed_name`` aligns only a sentence that keeps the claim's
    words). A verb that credits words ("said") is the attribution checks'; a name the
    claim's texts or ``known`` hold, or a paraphrase of the claim's, changes no one.
    """
    mine = _agents(sentence)
    if not mine:
        return None
    claim_texts = tuple(text for text in claim_texts if text)
    known_keys = _keys_of((*claim_texts, *known))
    for text in claim_texts:
        for word, expected in _agents(text).items():
            found = mine.get(word)
            if found is None or found == expected:
                continue
            # A title is no one's name: "Deputy Attorney General Rod Rosenstein" is not
            # Attorney General Sessions, though the claim knows the title.
            named = [w for w in found.split() if _key(w) not in TITLE_WORDS] or found.split()
            if any(_known(w, known_keys) for w in named) or synonymous(found, expected):
                continue
            return found, expected
    return None


def added_owner(
    sentence: str, claim_texts: Iterable[str], known: Iterable[str]
) -> tuple[str, str] | None:
    """A name the sentence puts between an article (or a possessive pronoun) and a noun
    that a claim text writes with it alone ("" for the claim's name there): "the Obama
    administration" for "the administration" says whose it is, which the claim does
    not. A name the claim's texts or ``known`` hold is the claim's own ("the Trump
    administration" of a claim that names Trump)."""
    written, keys, owned = _words(sentence)
    claim_texts = tuple(text for text in claim_texts if text)
    pairs = {pair for text in claim_texts for pair in itertools.pairwise(_words(text)[1])}
    known_keys = None
    for at in range(len(keys) - 2):
        if keys[at] not in _ARTICLES:
            continue
        end = at + 1
        while end < len(keys) and end - at <= _NAME_WORDS and _capitalized(written[end]):
            end += 1
        if end == at + 1 or end >= len(keys) or (keys[at], keys[end]) not in pairs:
            continue
        name = written[at + 1 : end]
        if all(_key(w) in TITLE_WORDS for w in name) or not written[end].islower():
            continue
        if owned[end - 1]:
            continue  # "the AG's memo": whose, its author (``speakers.resolve`` reads it)
        known_keys = known_keys or _keys_of((*claim_texts, *known))
        if not any(_known(w, known_keys) for w in name):
            return " ".join(name), ""
    return None


def swapped_roles(
    sentence: str, claim_texts: Iterable[str], same: Callable[[str, str], bool]
) -> tuple[str, str] | None:
    """Who the sentence makes the doer where a claim text makes them the one done to, and
    the claim's doer: "Federal prosecutors urged Attorney General Jeff Sessions to put
    even more … resources" for "Sessions instructed federal prosecutors to put …": the
    claim's doer is after the same verb (or its paraphrase, ``same`` of two index
    terms), and not before it. A passive ("were instructed by Sessions") keeps the roles.
    Only a verb the claim writes in the past ("-ed") is read, and only a word of the
    sentence no article makes a noun ("the instruction from Sessions").
    """
    tokens = _tokens(fold(sentence))
    keys = [_key(t) for t in tokens]
    for text in claim_texts:
        for word, agent in _agents(text).items() if text else ():
            if not word.endswith("ed"):
                continue  # "the Trump era": a name's noun, no act
            doer = _key(agent.split()[-1])
            term = word_term(word)
            for at, token in enumerate(tokens):
                if not token.islower() or not same(word_term(token), term):
                    continue
                if at and keys[at - 1] in _ARTICLES:
                    continue
                before, after = keys[:at], keys[at + 1 : at + 1 + _AFTER_VERB]
                if doer in before or doer not in after or (at and keys[at - 1] in _PASSIVE):
                    continue
                if "by" in after[: after.index(doer)]:
                    continue
                subject = _subject(tokens, at)
                if subject:
                    return subject, agent
    return None


def _subject(tokens: list[str], at: int) -> str:
    """The words right before a verb, back to punctuation or the text's start (at most
    ``_NAME_WORDS``): who the sentence has do it."""
    start = at
    while start and at - start < _NAME_WORDS and tokens[start - 1][:1].isalnum():
        start -= 1
    return " ".join(tokens[start:at])


# How far after a verb its object is read; words before a verb that make it a passive.
_AFTER_VERB = 6
_PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "being", "get", "got"})
# Words that make the word after them a noun ("the instruction"), or open a name's place
# before one ("the Obama administration").
_ARTICLES = frozenset({"the", "a", "an", "its", "his", "her", "their"})


@functools.lru_cache(maxsize=1024)
def _agents(text: str) -> dict[str, str]:
    """Each lower-case word right after a name (its capitalized words, "also" between
    them), with the name: who does what, or whose it is, in a text (kept: a claim's
    texts are read for every sentence that states it)."""
    tokens = _tokens(fold(text))
    found: dict[str, str] = {}
    for at, token in enumerate(tokens):
        if not token.isalpha() or not token.islower() or token in SAYING_WORDS:
            continue
        if not word_term(token):
            continue  # a stop word ("is", "to", "also"): no act, no thing
        end = at - 1 if at and tokens[at - 1] == "also" else at
        start = end
        while start and end - start < _NAME_WORDS and _acting(tokens[start - 1]):
            start -= 1
        name = tokens[start:end]
        if name and not all(_key(w) in TITLE_WORDS for w in name) and not _owns(tokens[end - 1]):
            found.setdefault(token, " ".join(name))
    return found


def _acting(word: str) -> bool:
    """Whether a word may be part of a name that acts: capitalized and no date, pronoun or
    small word (but a body: "Congress reversed …")."""
    return word in _BODIES or _capitalized(word)


def _owns(word: str, after: str = "") -> bool:
    """Whether a word is a possessive ("Trump's", "Sessions'"; ``after``: the character
    after it, where the word was read without its apostrophe): whose, which the words
    around it say as often as who."""
    return word.endswith(("'", "’", "'s", "’s")) or after in ("'", "’")


def _tokens(text: str) -> list[str]:
    """A text's words and single marks of punctuation, a possessive kept with its word
    ("Sessions'")."""
    return _token_pattern().findall(text)


@functools.cache
def _token_pattern() -> re.Pattern[str]:
    """``_tokens``' pattern, compiled for the first text read for who does what: half a
    millisecond of every start otherwise."""
    return re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*['’]?|\S")


# "John Kelly on April 11, 2017, instructed …": when, between who and what, is the figure
# check's; the names are aligned without it.
_WHEN_ASIDE = re.compile(rf"(?<=[\w.])[ \u00a0]*(?:,[ \u00a0]*)?{DAY_ASIDE},?(?=[ \u00a0]+[a-z])")


def _initials_of(short: str, name: str) -> bool:
    """Whether a short form spells a name's initials ("A.G.", "AG" for "Attorney
    General"; "DHS" for "Department of Homeland Security", its "of" left out)."""
    letters = short.replace(".", "").replace(" ", "")
    if not 2 <= len(letters) <= 6 or not letters.isalpha():
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in _JOINERS]
    return len(words) >= 2 and "".join(w[0] for w in words).lower() == letters.lower()


_JOINERS = frozenset("of for and the on".split())


def _abbreviates(short: str, name: str) -> bool:
    """Whether a short form abbreviates a name word for word ("Atty. Gen." for "Attorney
    General", "Dept." for "Department"): each word's letters, in order, in the name's
    word in its place, from its first letter on."""
    mine, theirs = short.replace(".", " ").split(), name.split()
    if not mine or len(mine) != len(theirs) or short.replace(" ", "") == name.replace(" ", ""):
        return False
    return all(_letters_in(a.lower(), b.lower()) for a, b in zip(mine, theirs, strict=True))


def _letters_in(short: str, word: str) -> bool:
    """Whether ``short`` is ``word``'s first letter and then some of its letters, in order."""
    if not short or short[0] != word[:1] or len(short) >= len(word):
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in short[1:])


def _changed_spans(
    keys: tuple[str, ...], their_keys: tuple[str, ...]
) -> Iterable[tuple[int, int, int, int]]:
    """Spans of a sentence's words (``keys``) written in place of a claim text's, or
    added to it, where the claim's words go on around them: (start, end, their start,
    their end), the claim's span empty for an added one."""
    import difflib  # only a sentence that matched a claim is aligned

    ops = difflib.SequenceMatcher(None, keys, their_keys, autojunk=False).get_opcodes()
    shared = sum(end - start for tag, start, end, _, _ in ops if tag == "equal")
    if 2 * shared < min(len(keys), len(their_keys)):
        return  # the sentence says it in its own words: no word stands for one of the claim's
    for number, (tag, start, end, their_start, their_end) in enumerate(ops):
        if tag not in ("replace", "delete"):  # "delete": words only the sentence has
            continue
        opens = start == 0 and their_start == 0
        if opens and tag == "replace" and end - start > _NAME_WORDS:
            # "Homeland Security Secretary John Kelly instructed …" for "Sessions
            # instructed …": a title runs before the name, which ends where the claim goes on.
            start = end - _NAME_WORDS
        if end - start > _NAME_WORDS or their_end - their_start > _NAME_WORDS:
            continue
        before = ops[number - 1] if number else None
        after = ops[number + 1] if number + 1 < len(ops) else None
        closes = end == len(keys) and their_end == len(their_keys)
        if _follows(before, after, opens, closes, added=tag == "delete"):
            yield start, end, their_start, their_end


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
    """A text's words as written and as compared (``_key``), and which are possessives
    (``_owns``), kept for the last texts: a claim's are read for every sentence that
    matches it. "own" after a possessive is read with it: "Sessions’ own fear-mongering"
    names whose as "Trump's fear-mongering" does."""
    folded = fold(text)
    found = list(_WORD.finditer(folded))
    owned = [_owns(m.group(), folded[m.end() : m.end() + 1]) for m in found]
    kept = [at for at, m in enumerate(found) if not (m.group() == "own" and at and owned[at - 1])]
    written = tuple(_POSSESSIVE.sub("", found[at].group()) for at in kept)
    return written, tuple(map(_key, written)), tuple(owned[at] for at in kept)


@functools.lru_cache(maxsize=256)
def _keys_of(texts: tuple[str, ...]) -> frozenset[str]:
    """Every compared word of some texts (a claim's, kept as ``_words``)."""
    return frozenset(key for text in texts for key in _words(text)[1])


def _key(word: str) -> str:
    """A word as the alignment compares it: lower-case, without a closing period."""
    return word.lower().rstrip(".")


def _follows(
    before: tuple | None, after: tuple | None, opens: bool, closes: bool, added: bool
) -> bool:
    """Whether the claim's words go on around a changed span (``difflib`` opcodes
    ``before`` and ``after`` it; ``opens`` and ``closes``: it starts, or ends, both texts)."""
    around = _AROUND if added else 1
    went_on = closes if after is None else after[0] == "equal" and after[2] - after[1] >= around
    if before is None:
        return went_on and opens and not added
    return went_on and before[0] == "equal" and before[2] - before[1] >= around


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and word not in _NOT_NAMES


def _a_name(words: list[tuple[int, str]]) -> bool:
    """Capitalized words, one of them surely a name: a word that opens the sentence
    may be capitalized for that alone ("Nearly all …"), unless English seldom uses it."""
    if not words or not all(_capitalized(w) for _, w in words):
        return False
    return any(at or _rare(w) for at, w in words)


def _rare(word: str) -> bool:
    """Whether English seldom uses a word (it is a name even where a sentence opens):
    a part of it, for a hyphenated one ("Obama-era", not "Fifty-two"); a stop word
    ("About", "It") has no term and is the commonest of all."""
    terms = [word_term(part) for part in _key(word).split("-") if part]
    return any(term and background().get(term, 0.0) < _COMMON_ZIPF for term in terms)


def _known(word: str, known_keys: frozenset[str]) -> bool:
    """Whether the claim's texts hold a word, or each of its parts ("Austin-based"), or
    the state it abbreviates ("Tex." where the passage writes "Texas")."""
    key = _key(word)
    parts = [p for p in key.split("-") if p]
    if key in known_keys or all(p in known_keys or p == "based" for p in parts):
        return True
    state = _state(word)
    return state is not None and all(part in known_keys for part in state.split())
