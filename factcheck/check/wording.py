"""Wording: words that keep a matching sentence from stating its claim.

The words of a sentence can match a claim while its fact does not: it
contradicts a qualifier ("fell" for "increased", a denial), swaps a telling
modifier ("drug cases" for "immigration prosecutions"), calls something what
the claim never calls it, borrows a word of another claim's quotation, or
names another place or agent. Each makes the sentence ``unsupported``, never
``supported``; the checker asks here once it has a claim.
"""

from __future__ import annotations

import functools
import itertools
import re

from factcheck.check.entities import changed_name, renamed
from factcheck.check.framing import frame
from factcheck.check.index import text_terms
from factcheck.check.matcher import Matcher
from factcheck.check.paraphrase import characterization
from factcheck.figures.numerals import CHANGE_AFTER, CHANGE_BEFORE
from factcheck.memo import Memo
from factcheck.model import Borrowed, Claim, Evidence, Wording
from factcheck.text.normalize import words

# A quotation's word this telling (term weight) is the quotation's own.
BORROWED_WEIGHT = 8.0
# How many claims holding such a word are asked whether it is in their quotation.
LENDERS = 5
# How many terms' holders a judge keeps (a draft's telling words are few; a huge one's, not).
_TERMS_KEPT = 10_000
_LETTERS = re.compile("[a-z]+")


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

    def problem(
        self, text: str, claim: Claim, others: tuple[Claim, ...]
    ) -> tuple[str, Evidence] | None:
        """Words that keep a matching sentence from stating its claim, if any.

        The sentence contradicts a qualifier ("fell" for "increased", a
        denial), swaps a telling modifier ("drug cases" for "immigration
        prosecutions"), adds a word of a fact of its own ("unanimously"),
        borrows a word of another claim's quotation, or names another place
        or agent. Each makes it ``unsupported``, never
        ``supported``: the words match, the fact does not.
        """
        lexicon = self.lexicon
        contradiction = lexicon.contradiction(text, claim.claim) or self._reversed(
            text, claim, others
        )
        if contradiction:
            said, written = contradiction
            if not written:
                message = f"the sentence denies (“{said}”) what the source states"
            elif not said:
                message = f"the source denies it (“{written}”); the sentence does not"
            else:
                message = f"the sentence says “{said}” where the source says “{written}”"
            return message, Evidence(contradicts=Wording(said, written))
        # Of any claim the sentence states: "all" is an overstatement of a hedged one however
        # its other words match ("All of the migrants prosecuted for improper entry …").
        unhedged = next(
            (found for c in (claim, *others) if (found := lexicon.unhedged(frame(text), c.claim))),
            None,
        )
        if unhedged:
            message = f"the sentence says “{unhedged[0]}” where the source says “{unhedged[1]}”"
            return message, Evidence(contradicts=Wording(*unhedged))
        swapped = lexicon.substitution(frame(text), claim.claim, self.weights.names)
        if swapped:
            swapped = (_word_of(swapped[0], text), _word_of(swapped[1], claim.claim))
            message = f"the sentence says “{swapped[0]}” where the source says “{swapped[1]}”"
            return message, Evidence(contradicts=Wording(*swapped))
        added = lexicon.unstated_word(
            frame(text), " ".join((claim.claim, claim.passage, claim.context or ""))
        )
        if added:
            return f"the source does not say “{added}”", Evidence(characterized=added)
        unlisted = self._unlisted(text, claim)
        if unlisted:
            return f"the source does not list “{unlisted}”", Evidence(characterized=unlisted)
        called = self._uncalled(text, claim)
        if called:
            return f"the source does not call it “{called}”", Evidence(characterized=called)
        borrowed = self._borrowed(text, claim, others)
        if borrowed:
            word, lender = borrowed
            message = (
                f"“{word}” is from a quotation of {lender.speaker.name}, "
                "which this claim does not carry"
            )
            return message, Evidence(borrowed=Borrowed(word, lender))
        made_by = _made_by(claim)
        moved = renamed(text, (claim.claim, claim.passage, claim.context or "", made_by))
        if moved:
            claim_text = " ".join((claim.claim, claim.passage, made_by))
            message = _renaming(_as_written(moved[0], text), _as_written(moved[1], claim_text))
            return message, Evidence(renamed=Wording(*moved))
        changed = changed_name(
            frame(text), (claim.claim, claim.passage), _names_of(claim), lexicon.paraphrase
        )
        if changed:
            return _renaming(*changed), Evidence(renamed=Wording(*changed))
        return None

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
        return called if total and covered < total / 2 else None

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
                return term, other
        return None

    def _holders(self, term: str) -> tuple[Claim, ...]:
        """The claims with the most weight on a term (a telling term is in few)."""
        claims = self.matcher.database.claims
        return tuple(claims[n] for n, _ in self.matcher.index.search_terms([term], LENDERS))


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


def _made_by(claim: Claim) -> str:
    """Who made a document that speaks ("by Grassroots Leadership and Justice Strategies"
    for the book): its agent, though the claim's own words name none."""
    speaker = claim.speaker
    return f"by {speaker.affiliation}" if speaker.kind == "document" and speaker.affiliation else ""


def _names_of(claim: Claim) -> tuple[str, ...]:
    """Texts whose names belong to a claim beside its own words: who says it, in what
    role and for whom, the source, and the curator's context."""
    speaker, source = claim.speaker, claim.source
    texts = (*speaker.names, speaker.role, speaker.affiliation, source.title, source.publisher)
    return tuple(t for t in (*texts, source.place, claim.context) if t)
