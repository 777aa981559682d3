"""Wording: words that keep a matching sentence from stating its claim.

The words of a sentence can match a claim while its fact does not: it
contradicts a qualifier ("fell" for "increased", a denial), swaps a telling
modifier ("drug cases" for "immigration prosecutions"), calls something what
the claim never calls it, borrows a word of another claim's quotation, or
names another place or agent. Each makes the sentence ``unsupported``, never
``supported``; the checker asks here once it has a claim.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from factcheck.check.entities import (
    added_owner,
    changed_agent,
    changed_name,
    renamed,
    restated,
    states_in,
    swapped_roles,
)
from factcheck.check.framing import frame
from factcheck.check.index import text_terms
from factcheck.check.matcher import DEFAULT_THRESHOLD, Matcher
from factcheck.check.paraphrase import characterization
from factcheck.check.speakers import TITLE_WORDS, resolve
from factcheck.check.vocabulary import shipped_words
from factcheck.figures.numerals import CHANGE_AFTER, CHANGE_BEFORE, MONTHS, WEEKDAYS
from factcheck.figures.parse import parse_figures
from factcheck.memo import Memo
from factcheck.model import Borrowed, Claim, Evidence, Wording
from factcheck.text.normalize import WORD_PATTERN, normalize, word_term, words
from factcheck.text.patterns import LazyPattern

# A quotation's word this telling (term weight) is the quotation's own.
BORROWED_WEIGHT = 8.0
# How many claims holding such a word are asked whether it is in their quotation.
LENDERS = 5
# How many terms' holders a judge keeps (a draft's telling words are few; a huge one's, not).
_TERMS_KEPT = 10_000
# A replaced word this telling (term weight) changes what a fact is about.
TELLING_WEIGHT = 4.0
_LETTERS = re.compile("[a-z]+")
# A relative clause after a comma, to the next mark (``WordingJudge._added_clause``;
# compiled for the first sentence with a relative pronoun), and how many telling words
# of its own make it a fact of its own.
_RELATIVE = LazyPattern(
    r",[ \u00a0]+(?:which|who|whose|where)[ \u00a0]+(?P<what>[^,;:.!?()\"“”]+)",
    ("which", "who", "where"),
)
_ADDED_WORDS = 2
# Where a sentence's parts meet (``WordingJudge._denied_elsewhere``).
_PARTS = re.compile(r"[,;:—–()]")


@functools.lru_cache(maxsize=1024)
def _directions(text: str) -> frozenset[str]:
    """The words of a change's direction a text writes (kept: a claim's are asked for
    every sentence that states it): "up" and "down" only where they start from a
    figure or year ("down from 2015"), where they say which way a figure went."""
    lowered = text.lower()
    found = _DIRECTIONS.intersection(_LETTERS.findall(lowered))
    return found | frozenset(_UP_DOWN_FROM.findall(lowered)) if "from" in lowered else found


_UP_DOWN_FROM = re.compile(r"\b(up|down)[ \u00a0]+from\b")


# Words of a change's direction ("rose", "a decrease"): the one contradiction judged against
# every claim a sentence states, not only the one it states best ("52 percent …, a decrease
# from 2015" states the increase claim too). Comparatives ("more", "fewer", "higher") are
# left out: other claims' "even more resources" meet them by chance.
_DIRECTIONS = (CHANGE_BEFORE | CHANGE_AFTER) - frozenset(
    "more less fewer higher lower bigger smaller larger up down change cut cuts".split()
)


class WordingJudge:
    """The wording checks, with one matcher's term weights and lexicon."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.weights = matcher.weights
        self.lexicon = matcher.lexicon
        # Asked of the index once a term: a draft's telling words recur.
        self._holding = Memo(self._holders, _TERMS_KEPT).__getitem__
        self._own_terms: dict[str, _Own] = {}

    def problem(
        self, text: str, claim: Claim, others: tuple[Claim, ...]
    ) -> tuple[str, Evidence] | None:
        """Words that keep a matching sentence from stating its claim, if any.

        The sentence contradicts a qualifier ("fell" for "increased", a
        denial, "may soon instruct" for "instructed"), swaps a telling modifier
        ("drug cases" for "immigration prosecutions"), adds a word or a relative
        clause of a fact of its own ("unanimously", ", which donated to …"),
        borrows a word of another claim's quotation, or names another place or
        agent (another name in the claim's place, before its verb, in its
        possessive or before its noun; roles swapped around its verb). Each makes
        it ``unsupported``, never ``supported``: the words match, the fact does not.
        """
        lexicon = self.lexicon
        contradicted = self.contradiction(text, claim, others)
        if contradicted:
            return contradicted
        swapped = lexicon.substitution(frame(text), claim.claim, self.weights.names)
        # A word the claim's passage or context says is no swap ("the memo" for Libal's
        # "this action", which the context says is the memo).
        if swapped and swapped[0] not in self._claim_terms(claim).said:
            swapped = (_word_of(swapped[0], text), _word_of(swapped[1], claim.claim))
            message = f"the sentence says “{swapped[0]}” where the source says “{swapped[1]}”"
            return message, Evidence(contradicts=Wording(*swapped))
        added = self.added(frame(text), claim)
        if added:
            return added
        clause = self._added_clause(text, claim)
        if clause:
            return f"the source does not say “{clause}”", Evidence(characterized=clause)
        unlisted = self._unlisted(text, claim)
        if unlisted:
            return f"the source does not list “{unlisted}”", Evidence(characterized=unlisted)
        called = self._uncalled(text, claim)
        if called:
            return f"the source does not call it “{called}”", Evidence(characterized=called)
        titled = _retitled(text, claim)
        if titled:
            return f"the source does not give the title “{titled}”", Evidence(characterized=titled)
        replaced = self._replaced(text, claim)
        if replaced:
            message = f"the sentence says “{replaced[0]}” where the source says “{replaced[1]}”"
            return message, Evidence(contradicts=Wording(*replaced))
        borrowed = self._borrowed(text, claim, others)
        if borrowed:
            word, lender = borrowed
            message = (
                f"“{word}” is from a quotation of {lender.speaker.name}, "
                "which this claim does not carry"
            )
            return message, Evidence(borrowed=Borrowed(word, lender))
        moved = self.moved(text, claim)
        if moved:
            return moved
        framed, texts = frame(text), (claim.claim, claim.passage)
        changed = (
            changed_name(framed, texts, _names_of(claim, titled=False), lexicon.paraphrase)
            or changed_agent(framed, texts, _names_of(claim, titled=False), lexicon.paraphrase)
            or swapped_roles(framed, texts, lexicon.same)
            or added_owner(framed, texts, _names_of(claim))
        )
        if changed and not self._one(*changed):
            return _renaming(*changed), Evidence(renamed=Wording(*changed))
        narrowed = _narrowed(frame(text), claim)
        if narrowed:
            return _renaming(narrowed, ""), Evidence(renamed=Wording(narrowed, ""))
        return None

    def added(self, text: str, claim: Claim) -> tuple[str, Evidence] | None:
        """A word of a fact of its own that the claim's texts do not write ("unanimously",
        "the first"): the lexicon's ``unstated`` words."""
        added = self.lexicon.unstated_word(text, _own_text(claim))
        return (
            (f"the source does not say “{added}”", Evidence(characterized=added)) if added else None
        )

    def moved(self, text: str, claim: Claim) -> tuple[str, Evidence] | None:
        """A place or agent the sentence names where the claim's texts name another
        (``entities.renamed``): "Speaking in San Diego, Sessions said …" of remarks
        made in Nogales, Arizona."""
        maker = _maker(claim)
        made_by = f"by {maker}" if maker else ""
        texts = (claim.claim, claim.passage, claim.context or "", made_by)
        moved = restated(text, texts) or renamed(text, texts)
        # A document made by whom the sentence names, in other words, is not moved ("released
        # by the Justice Department" for the U.S. Department of Justice's memo).
        if not moved or (maker and self.lexicon.paraphrase(moved[0], maker)) or self._one(*moved):
            return None
        claim_text = " ".join((claim.claim, claim.passage, made_by))
        message = _renaming(_as_written(moved[0], text), _as_written(moved[1], claim_text))
        return message, Evidence(renamed=Wording(*moved))

    def contradiction(
        self, text: str, claim: Claim, others: tuple[Claim, ...] = ()
    ) -> tuple[str, Evidence] | None:
        """Words of the sentence that say the opposite of the claim's: an opposite (a
        denial), a change's direction reversed in another claim it states, or a plain
        "all" for a hedged one, an act put ahead of its time ("may soon instruct"). The
        checks that need no reading of phrases: a sentence's words around a right
        quotation are held to them (``Checker._around_quotes``)."""
        lexicon = self.lexicon
        contradiction = lexicon.contradiction(text, claim.claim) or self._reversed(
            text, claim, others
        )
        if contradiction and not contradiction[1] and self._denied_elsewhere(text, claim, others):
            contradiction = None
        if contradiction:
            said, written = contradiction
            if not written:
                message = f"the sentence denies (“{said}”) what the source states"
            elif not said:
                message = f"the source denies it (“{written}”); the sentence does not"
            else:
                message = f"the sentence says “{said}” where the source says “{written}”"
            return message, Evidence(contradicts=Wording(said, written))
        unrealized = lexicon.unrealized(frame(text), claim.claim)
        if unrealized:
            message = f"the sentence says “{unrealized[0]}” where the source says “{unrealized[1]}”"
            return message, Evidence(contradicts=Wording(*unrealized))
        # Of any claim the sentence states: "all" is an overstatement of a hedged one however
        # its other words match ("All of the migrants prosecuted for improper entry …").
        unhedged = next(
            (found for c in (claim, *others) if (found := lexicon.unhedged(frame(text), c.claim))),
            None,
        )
        if unhedged:
            message = f"the sentence says “{unhedged[0]}” where the source says “{unhedged[1]}”"
            return message, Evidence(contradicts=Wording(*unhedged))
        return None

    def _denied_elsewhere(self, text: str, claim: Claim, others: tuple[Claim, ...]) -> bool:
        """Whether the sentence's denial is another claim's that it states too ("… accused
        the administration of trying to intimidate …, and vowed they would not be
        intimidated"): a claim of ``others``, or of the part that holds the denial (a
        part between commas, however short: a clause of two terms is no clause to match
        alone, ``clauses``, but may be all of a claim)."""
        denies = self.lexicon.denies
        if any(denies(other.claim) for other in others):
            return True
        for part in _PARTS.split(frame(text)):
            if not denies(part):
                continue
            stated = self._stating(part)
            if stated is not None and stated.id != claim.id and denies(stated.claim):
                return True
        return False

    def _stating(self, text: str) -> Claim | None:
        """The claim a piece of a sentence states on its own (its best, at the threshold)."""
        found = self.matcher.match(text, top_k=1, floor=DEFAULT_THRESHOLD)
        return found[0].claim if found and found[0].score >= DEFAULT_THRESHOLD else None

    def _reversed(
        self, text: str, claim: Claim, others: tuple[Claim, ...]
    ) -> tuple[str, str] | None:
        """A change's direction the sentence reverses in another claim it states (the
        word it writes, and that claim's), when the claim judged has no such word."""
        said = _directions(text)
        if not others or not said:
            return None  # most sentences state no change: no claim to read
        written = claim.claim.lower()
        for other in others:
            if not _directions(other.claim):
                continue
            found = self.lexicon.contradiction(text, other.claim)
            if found and found[0] in said and found[1] in _DIRECTIONS and found[0] not in written:
                return found
        return None

    def _added_clause(self, text: str, claim: Claim) -> str | None:
        """A relative clause that adds a fact of its own: "the private prison corporations,
        which donated to Sessions’ Senate campaigns" says, in two or more telling words
        none of the claim's texts say, what no claim states (a clause that states one,
        "Sessions, who was confirmed in February", is that claim's)."""
        if "," not in text:
            return None
        for found in _RELATIVE.finditer(frame(text)):
            fresh = self._fresh(_phrase_words(found["what"]), claim)
            if len(fresh) >= _ADDED_WORDS and self._stating(found.group().lstrip(", ")) is None:
                return found["what"].strip()
        return None

    def _unlisted(self, text: str, claim: Claim) -> str | None:
        """An example the sentence gives of what the claim gives examples of, which is
        none of the claim's.

        "prioritize immigration crimes such as visa overstays and marriage fraud"
        against "immigration crimes, including unauthorized entry and re-entry …":
        the examples are the claim's fact, and none of them is one of its own (one
        that is, "illegal crossings or smuggling", gives the claim's list in other
        words). Examples of something the claim lists nothing of are left alone
        (a detail of the sentence's own, as a long report gives).
        """
        if not _EXAMPLES.search(text):
            return None
        listed = {}
        for found in _EXAMPLES.finditer(claim.claim):
            listed.setdefault(_head_term(found["head"]), set()).update(text_terms(found["items"]))
        same = self.lexicon.same
        for found in _EXAMPLES.finditer(text):
            head = _head_term(found["head"])
            given = next((terms for h, terms in listed.items() if head and same(head, h)), None)
            if not given:
                continue
            items = [item.strip() for item in _ITEMS.split(found["items"]) if text_terms(item)]
            if items and not any(same(t, g) for i in items for t in text_terms(i) for g in given):
                return items[0]
        return None

    def _uncalled(self, text: str, claim: Claim) -> str | None:
        """What the sentence calls something, when the claim's words do not say it.

        "The group called the memo a “dangerous escalation”": a characterization
        is the sentence's claim; most of its weight must be in the claim's own
        words (or their paraphrases).
        """
        called = characterization(text)
        if called is None:
            return None
        weights, lexicon = self.weights, self.lexicon
        own = set(text_terms(f"{claim.claim} {claim.passage} {claim.quote or ''}"))
        found = text_terms(called)
        total = sum(weights(t) for t in found)
        covered = sum(weights(t) for t in found if t in own or any(lexicon.same(t, o) for o in own))
        if not total or covered >= total / 2:
            return None
        # What another claim states ("describing the memo as building on historically high
        # rates …" of the announcement claim's words) is the source's, not the sentence's own.
        return None if self._stating(called) is not None else called

    def _replaced(self, text: str, claim: Claim) -> tuple[str, str] | None:
        """A noun phrase the sentence names where the claim, word for word around it,
        names another.

        "phase out the use of solitary confinement" for "… of private prisons",
        "officers at airports" for "officers in immigration proceedings",
        "Dozens of universities and school districts across the country" for
        "… of congregations and community organizations …": the sentence
        follows the claim's words up to the phrase its fact is about, then names
        something else there, telling words of its own and none of the claim's
        (nor their paraphrases). The claim's last phrase is asked wherever the
        sentence's ends; one inside, only where both texts go on alike after it
        and both sides are whole phrases (or lists of them): a swap in the
        middle of a sentence is as often a reworded verb ("lent" for "lends")
        as a changed fact.
        """
        mine, theirs = _phrase_words(frame(text)), _claim_phrase_words(claim.claim)
        fresh = self._fresh(mine, claim)
        if not fresh or not theirs:
            return None  # no telling word of the sentence's own: nothing it can swap in
        claimed = [w.term for w in theirs]
        aligned = self._aligned([w.term for w in mine], claimed)
        stems = _stems(aligned)
        if all(c[:5] in stems or not _telling(c, self.weights) for c in claimed):
            return None  # the sentence keeps every telling word of the claim: none swapped out
        blocks = difflib.SequenceMatcher(None, claimed, aligned, autojunk=False).get_opcodes()
        for at, (kind, i1, i2, j1, j2) in enumerate(blocks):
            if kind != "replace" or not at or blocks[at - 1][0] != "equal":
                continue
            if at + 1 == len(blocks):
                if not (_phrase(mine, j1, j2) or _phrase(theirs, i1, i2)):
                    j1, i1 = _object_of(mine, j1, j2), _object_of(theirs, i1, i2)
                ours = _phrase(mine, j1, j2) or _head(mine, j1, j2)
                theirs_swapped = _phrase(theirs, i1, i2) or _head(theirs, i1, i2)
                if not (ours and theirs_swapped == theirs[i1:i2]) or ours[-1].term in _GENERIC:
                    continue
            elif blocks[at + 1][0] == "equal" and (
                (_listed(mine, j1, j2) and _listed(theirs, i1, i2))
                or (_modifies(mine, j1, j2) and _modifies(theirs, i1, i2))
            ):
                ours = mine[j1:j2]
            else:
                continue
            if not (
                any(w.term in fresh for w in ours) and self._lost(theirs[i1:i2], aligned, stems)
            ) or (_figure_phrase(text, ours) and _figure_phrase(claim.claim, theirs[i1:i2])):
                continue
            if _listed(mine, j1, j2) or (
                _lower_case(text, ours) and _lower_case(claim.claim, theirs[i1:i2])
            ):
                return _written_phrase(text, ours), _written_phrase(claim.claim, theirs[i1:i2])
        return None

    def _aligned(self, terms: list[str], claimed: list[str]) -> list[str]:
        """A sentence's terms with each paraphrase of a claim's term written as the claim's
        (the first in the claim's order, of its synonym groups): the words the two texts
        share, for ``difflib`` to line up. Looked up by group, not asked of every pair."""
        groups = self.lexicon.groups
        first: dict[int, tuple[int, str]] = {}
        for at, term in enumerate(claimed):
            for group in groups((term,)):
                first.setdefault(group, (at, term))
        own = frozenset(claimed)
        return [
            term
            if term in own or not first
            else min((first[g] for g in groups((term,)) if g in first), default=(0, term))[1]
            for term in terms
        ]

    def unsaid(self, text: str, claim: Claim) -> str | None:
        """The first telling word of a sentence (as written) that none of a claim's texts
        and names say, in any form or paraphrase (``_fresh``)."""
        found = _phrase_words(frame(text))
        fresh = self._fresh(found, claim)
        first = next((w.term for w in found if w.term in fresh), None)
        return None if first is None else _word_of(first, text)

    def _fresh(self, words: Sequence[_Word], claim: Claim) -> set[str]:
        """The telling terms of a sentence's words that the claim's texts and names do
        not say (in any form or paraphrase), nor name a person: what a swap brings in."""
        weights, groups = self.weights, self.lexicon.groups
        own = self._claim_terms(claim)
        return {
            w.term
            for w in words
            if w.term not in own.said
            and w.term[:5] not in own.stems
            and _telling(w.term, weights)
            and w.term not in weights.names
            and own.groups.isdisjoint(groups((w.term,)))
        }

    def _lost(self, lost: Sequence[_Word], aligned: list[str], stems: frozenset[str]) -> bool:
        """Whether the claim's words a swap loses say something telling the sentence
        (its terms ``aligned``, their ``_stems``) does not, in any form or paraphrase."""
        said = self.lexicon.said_otherwise(aligned)
        return any(
            _telling(w.term, self.weights) and w.term[:5] not in stems and w.term not in said
            for w in lost
        )

    def _claim_terms(self, claim: Claim) -> _Own:
        """What a claim's texts and speaker's names say, kept by its id: asked for every
        sentence that states it."""
        kept = self._own_terms.get(claim.id)
        if kept is None:
            if len(self._own_terms) >= _TERMS_KEPT:
                self._own_terms.clear()
            own = text_terms(_own_text(claim, named=True))
            kept = self._own_terms[claim.id] = _Own(
                _stems(own),
                self.lexicon.groups(own),
                frozenset(own).union(self.lexicon.said_otherwise(own)),
            )
        return kept

    def _one(self, name: str, other: str) -> bool:
        """Whether two names stand for one speaker of the database ("Jeff Sessions" and
        "Attorney General Sessions"): no one renamed."""
        speakers = self.matcher.database.speakers
        found = resolve(name, speakers)
        return found is not None and found is resolve(other, speakers)

    def _borrowed(
        self, text: str, claim: Claim, others: tuple[Claim, ...]
    ) -> tuple[str, Claim] | None:
        """A telling word of another claim's quotation that a statement uses.

        "Sessions called illegal immigrants filth in his speech in Nogales"
        matches the claim about his remarks in Nogales, but "filth" is his
        quoted word about something else: the sentence puts a quotation's
        word to a new use, which the claim it matched does not back (nor
        does another quotation of his: "This is the Trump era" says no
        "filth"). The quotation is found through the index (the claims that
        hold the word), not only among the sentence's other candidates.
        """
        # A word that another claim of the sentence states, outside a quotation, is
        # that claim's ("impeding arrest" of the memo's priorities), not borrowed; so
        # is a word of the claim's own quotation ("Sessions called it the Trump era").
        stating = [c for c in (claim, *others) if c.quote is None or c is claim]
        own = {t for c in stating for t in text_terms(f"{c.claim} {c.passage}")}
        for term in dict.fromkeys(text_terms(text)):
            if term in own or self.weights(term) < BORROWED_WEIGHT:
                continue
            for other in (*others, *self._holding(term)):
                if other.quote is None or term not in text_terms(other.quote):
                    continue
                if any(other is stated for stated in others) and _cites(text, other.quote):
                    continue  # "the memo's provision on impeding officers": that claim's words
                if self._own_in_part(text, term):
                    break
                return term, other
        return None

    def _own_in_part(self, text: str, term: str) -> bool:
        """Whether the part of a sentence that holds a term states, on its own, a claim
        whose own words (no quotation) hold it: "an Austin-based national group that
        opposes prison profiteering and mass incarceration" states the group's mission,
        and its "incarceration" is no word borrowed from Libal's quotation."""
        for part in _PARTS.split(text):  # not framed: the appositive is the frame's
            if term in text_terms(part):
                stated = self._stating(part)
                if stated is not None and stated.quote is None:
                    return term in text_terms(f"{stated.claim} {stated.passage}")
        return False

    def _holders(self, term: str) -> tuple[Claim, ...]:
        """The claims with the most weight on a term (a telling term is in few)."""
        claims = self.matcher.database.claims
        return tuple(claims[n] for n, _ in self.matcher.index.search_terms([term], LENDERS))


class _Own(NamedTuple):
    """What a claim's texts and names say, as ``_fresh`` asks it of each word."""

    stems: frozenset[str]  # its terms' ``_stems``
    groups: set[int]  # the synonym groups of its terms
    said: frozenset[str]  # the terms themselves, and those of their paraphrases


class _Word(NamedTuple):
    """A content word of a text, as ``_replaced`` reads it: its index term, how it is
    written, and whether a phrase opens right before it or closes right after it."""

    term: str
    word: str  # as written, lower-cased, with the links before it ("of a border")
    opens: bool
    closes: bool
    joined: bool  # no word between it and the content word before it but links
    listed: bool  # only "and" or "or" between them (", and"): the next of a list


@functools.lru_cache(maxsize=1024)
def _claim_phrase_words(text: str) -> tuple[_Word, ...]:
    """``_phrase_words`` of a claim's text, kept: read for every sentence that states it."""
    return _phrase_words(text)


def _phrase_words(text: str) -> tuple[_Word, ...]:
    """A text's content words with where its phrases open (after "of", "the", a
    possessive) and close (before punctuation, a conjunction or an opener that links
    nothing); a "to" or an auxiliary ("were") before a word marks a verb, which opens no
    phrase, and a name before a possessive opens one ("to Trump's deportation force")."""
    tokens = _TOKEN.findall(normalize(text))
    at_terms = [(at, word_term(t)) for at, t in enumerate(tokens) if t[0].isalnum()]
    content = [(at, term) for at, term in at_terms if term]
    found: list[_Word] = []
    for n, (at, term) in enumerate(content):
        before = tokens[at - 1] if at else "."
        after = tokens[at + 1] if at + 1 < len(tokens) else "."
        between = tokens[content[n - 1][0] + 1 : at] if n else ["."]
        # A preposition that is a content word ("across") opens the phrase after it.
        joined = tokens[at] not in _OPENERS and all(t in _LINKS for t in between)
        listed = [t for t in between if t != ","] in (["and"], ["or"])
        word = " ".join((*between, tokens[at])) if joined else tokens[at]
        opens = before in _OPENERS or after == "s"
        found.append(_Word(term, word, opens, False, joined, listed))
    for n, word in enumerate(found):
        if n + 1 == len(found) or not found[n + 1].joined:
            found[n] = word._replace(closes=True)
    return tuple(found)


def _figure_phrase(text: str, phrase: Sequence[_Word]) -> bool:
    """Whether a phrase is all words of a text's figures ("nearly half", "49 percent"): a
    figure written another way is the figure check's to judge, not a swapped phrase."""
    written = {w for quantity in parse_figures(text) for w in words(quantity.text)}
    return bool(written) and all(w.word.split()[-1] in written for w in phrase)


def _listed(content: Sequence[_Word], start: int, end: int) -> bool:
    """Whether ``content[start:end]`` is one whole noun phrase, or a list of them
    ("congregations and community organizations")."""
    words = content[start:end]
    return (
        bool(words)
        and words[0].opens
        and words[-1].closes
        and all(w.joined or w.listed for w in words[1:])
    )


def _narrowed(text: str, claim: Claim) -> str | None:
    """A state a statistic is placed in that none of the claim's texts name: "49 percent
    of all federal prosecutions in Texas" is another figure than the nation's."""
    if claim.type != "statistic":
        return None
    own = _own_text(claim).lower()
    source = (claim.source.place or "").lower()  # "in Austin, Texas": where it was said
    for place in states_in(text):
        lowered = place.lower()
        if lowered != source and lowered.rpartition(", ")[2] not in own:
            return f"in {place}"
    return None


def _retitled(text: str, claim: Claim) -> str | None:
    """A title the sentence gives where the claim says who someone is, which none of the
    claim's texts give: "Bob Libal is the founder of Grassroots Leadership" for its
    executive director. Only of a biography: elsewhere a title is who, not what is
    stated ("President Trump's fear-mongering")."""
    if claim.type != "biography":
        return None
    own = set(words(_own_text(claim, named=True)))
    # The sentence's own words, not its attribution's ("…, its director said").
    return next((w for w in words(frame(text)) if w in TITLE_WORDS and w not in own), None)


def _head(content: Sequence[_Word], start: int, end: int) -> Sequence[_Word]:
    """The head noun that ends a text, where its phrase opened before ``start`` (in words
    both texts share), with the modifiers before it: "in immigration detention centers"
    for "in federal private prisons", the shared "detention" a modifier of the head
    swapped; "the use of private immigration detention centers" for "… of private
    prisons"."""
    words = content[start:end]
    if end == len(content) and 0 < end - start <= _HEAD_WORDS and all(w.joined for w in words):
        return words
    return ()


def _modifies(content: Sequence[_Word], start: int, end: int) -> bool:
    """Whether ``content[start:end]`` are the modifiers of the word after them, one phrase
    with it ("drug trafficking and firearms offenses" for "immigration crimes": the same
    head, another kind of it). No word after the first opens a phrase: "gives the
    appearance" for "lends the appearance" is a reworded verb before its object."""
    return (
        end < len(content)
        and content[end].term[:1].isalpha()  # a head noun, not a figure ("412,240 plus")
        and all(
            not word.opens and (word.joined or word.listed) for word in content[start + 1 : end + 1]
        )
    )


def _lower_case(text: str, words: Sequence[_Word]) -> bool:
    """Whether a text writes words in lower case: kinds of a thing ("drug", "firearms"),
    not names, dates or abbreviations ("Obama-era Justice Department", "February",
    "Dept."), which say who or when in other words as often as another thing."""
    written = _written_words(text)
    return all(w.word.split()[-1] in written for w in words)


@functools.lru_cache(maxsize=1024)
def _written_words(text: str) -> frozenset[str]:
    """A text's words as written, case kept (a claim's are asked for many sentences)."""
    return frozenset(_WORDS.findall(text))


def _phrase(content: Sequence[_Word], start: int, end: int) -> Sequence[_Word]:
    """The noun phrase that starts at ``start`` (or a word before it in the same phrase,
    a modifier the texts share), to where it closes; empty where none starts there."""
    if not (content[start].opens or (start and content[start].joined and content[start - 1].opens)):
        return ()
    for at in range(start, end):
        if at > start and not content[at].joined:
            return ()  # a function word inside: more than one phrase
        if content[at].closes:
            return content[start : at + 1]
    return content[start:end]


def _object_of(content: Sequence[_Word], start: int, end: int) -> int:
    """Where the noun phrase of words that open with a verb starts ("to protest the
    expansion of private prisons" for "to resist the deportation of their neighbors":
    the phrases are the fact, the verbs are as often reworded); ``start`` where no
    phrase opens in them."""
    return next((at for at in range(start + 1, end) if content[at].opens), start)


def _written_phrase(text: str, phrase: Sequence[_Word]) -> str:
    """A phrase as the text writes it, case and apostrophes kept ("Trump’s border wall")."""
    first, *rest = phrase
    tokens = [first.word.split()[-1], *(t for w in rest for t in w.word.split())]
    # A list's "and" or "or" is read between its words ("drug trafficking and firearms").
    pattern = r"[\W_]+(?:(?:and|or)[\W_]+)?".join(re.escape(t) for t in tokens)
    found = re.search(pattern, text, re.IGNORECASE)
    return found.group() if found else " ".join(tokens)


def _telling(term: str, weights) -> bool:
    """Whether a term says what a fact is about: no figure (the figure check's), and
    as telling as a topic's words are."""
    return not says_when(term) and weights(term) >= TELLING_WEIGHT


def says_when(term: str) -> bool:
    """Whether an index term is a figure (a year, a count) or a month's or weekday's name:
    the figure check's, and no word of what a fact is about."""
    return term[:1].isdigit() or term in _WHEN_WORDS


def _stems(terms: Iterable[str]) -> frozenset[str]:
    """Terms' first five letters: a word in another form has its stem among them
    ("racis" of "racism" and "racist")."""
    return frozenset(t[:5] for t in terms)


# The most words of a swapped head with its modifiers (``_head``).
_HEAD_WORDS = 3
# Months and weekdays are dates, the figure check's (as stems: "february", "tuesday").
_WHEN_WORDS = frozenset(map(word_term, (*MONTHS, *WEEKDAYS)))
_TOKEN = re.compile(rf"{WORD_PATTERN}|[,;:!?()\"]|(?<![a-z0-9])[.-](?![a-z0-9])")
# Where phrases open and read on (``lexicon/phrases.yaml``), read once at import.
_PHRASE_WORDS = {
    name: frozenset(words)
    for name, words in shipped_words("phrases.yaml", ("openers", "links", "generic")).items()
}
_OPENERS, _LINKS = _PHRASE_WORDS["openers"], _PHRASE_WORDS["links"]
_GENERIC = frozenset(map(word_term, _PHRASE_WORDS["generic"]))


def _cites(text: str, quote: str) -> bool:
    """Whether a text writes two words of a quotation side by side ("impeding officers"
    of "assaulting, resisting, or impeding officers"): it names what was quoted."""
    said = f" {' '.join(words(text))} "
    quoted = words(quote)
    return any(f" {a} {b} " in said for a, b in itertools.pairwise(quoted))


def _renaming(found: str, expected: str) -> str:
    """The message of a name the sentence puts where the source has another ("" for
    none there: a name it adds)."""
    if not expected:
        return f"the sentence adds “{found}”, which the source does not say"
    return f"the sentence names {found} where the source names {expected}"


def _as_written(name: str, text: str) -> str:
    """A lower-cased name as a text writes it ("the ACLU", not "Aclu"), or title-cased
    where the text writes it otherwise ("Ariz." for the state's name)."""
    at = text.lower().find(name)
    return text[at : at + len(name)] if at >= 0 else name.title()


# "crimes, including unauthorized entry and re-entry …", "places such as Philadelphia": a
# noun and the examples given of it, to the end of the clause.
_EXAMPLES = re.compile(
    r"\b(?P<head>[^\W\d_][\w'’-]*),?[ \u00a0]+(?:such[ \u00a0]+as|including|among[ \u00a0]+them)"
    r"[ \u00a0]+(?P<items>[^.;:!?—–()\"“”]{2,300})",
    re.IGNORECASE,
)
# Between examples: commas, "and", "or".
_ITEMS = re.compile(r",[ \u00a0]*(?:(?:and|or)[ \u00a0]+)?|[ \u00a0]+(?:and|or)[ \u00a0]+")


def _head_term(word: str) -> str:
    """A noun's index term ("" for a word that is no term, as "those")."""
    terms = text_terms(word)
    return terms[0] if terms else ""


def _word_of(term: str, text: str) -> str:
    """The word of a text an index term stands for ("immigration-related" for the term
    "immigration-relat"), lower-cased; the term where the text has no such word."""
    return next((w for w in _WORDS.findall(text.lower()) if w.startswith(term)), term)


_WORDS = re.compile(r"[\w'’-]+")


def _maker(claim: Claim) -> str:
    """Who made a document that speaks ("Grassroots Leadership and Justice Strategies"
    for the book): its agent, though the claim's own words name none."""
    speaker = claim.speaker
    return speaker.affiliation if speaker.kind == "document" and speaker.affiliation else ""


def _own_text(claim: Claim, *, named: bool = False) -> str:
    """A claim's statement, passage and context as one text, and with ``named`` the
    names that belong to it (``_names_of``): what a sentence's words are held to."""
    names = _names_of(claim) if named else ()
    return " ".join((claim.claim, claim.passage, claim.context or "", *names))


def _names_of(claim: Claim, *, titled: bool = True) -> tuple[str, ...]:
    """Texts whose names belong to a claim beside its own words: who says it, in what
    role and for whom, the source, and the curator's context. Without the source's
    title where a name is compared in its place: a release's title names everyone in it
    ("Sessions memo orders …" is no name of Libal's words about Trump)."""
    speaker, source = claim.speaker, claim.source
    title = source.title if titled else None
    texts = (*speaker.names, speaker.role, speaker.affiliation, title, source.publisher)
    return tuple(t for t in (*texts, source.place, claim.context) if t)
