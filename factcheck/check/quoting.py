"""Quotations as reporters write them: which claim's quotation a quoted span is.

A quoted span may join sentences the source quotes apart, run longer than
the source's excerpt, or leave words out at an ellipsis. The judge finds the
claim whose quotation the span is, the word diff against it, and the words
beyond the source's excerpt (unverifiable, not misquoted: the finding names them), or
added to a quotation whose marks the source closes (a misquote).
"""

from __future__ import annotations

import functools
import re

from factcheck.check.index import text_terms
from factcheck.check.matcher import Matcher
from factcheck.check.quotes import DiffOp, beyond_source, diff_quote, quote_words
from factcheck.model import Claim, Match
from factcheck.text.normalize import holds_words, normalize
from factcheck.text.normalize import words as text_words

# A quoted span this similar to a claim's quote is that quote, said right or wrong.
QUOTE_SIMILARITY = 72.0
# A quoted sentence this similar to a quotation of the speaker whose words the rest of the
# span quotes is that quotation misquoted ("This is the America First era" beside "This is
# a new era"), not words beyond the source's excerpt.
SENTENCE_SIMILARITY = 60.0
# A source quotation this long can be found inside a longer quote of the draft.
MIN_SOURCE_WORDS = 5
# A quotation's sentences: split after . ! ? : ; before the next capital.
# Where a quotation's sentences meet, an ellipsis between them or not ("filth. … This is").
_QUOTE_SENTENCE = re.compile(r"(?<=[.!?:;…])\s+(?=(?:(?:…|\.\.\.)\s*)?[“\"‘']?[A-Z])")


def _one_change(ops: list[DiffOp]) -> bool:
    """A diff of one of the source's words changed (to one word or two), the rest of the
    quotation as the source has it ("silenced" for "intimidated", "America First" for
    "Trump"): a misquote of that quotation, where more ("back down" for "be
    intimidated") is another quotation altogether."""
    changed = [op for op in ops if op.op != "beyond"]
    return len(changed) <= 1 and all(
        len(op.found.split()) <= 2 and len(op.expected.split()) <= 1 for op in changed
    )


class QuoteJudge:
    """Finds quotations among one matcher's claims."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    @functools.cached_property
    def _quoted_by(self) -> dict[str, list[Claim]]:
        """Each speaker's claims that carry a quotation: those a quotation credited to
        them and like no other is judged against (built for the first one)."""
        found: dict[str, list[Claim]] = {}
        for claim in self.matcher.database.claims:
            if claim.quote:
                found.setdefault(claim.speaker.id, []).append(claim)
        return found

    def claim_of(
        self, quote: str, credited: frozenset[str] = frozenset()
    ) -> tuple[Match | None, list[DiffOp], list[str]]:
        """The claim whose quotation this is, the word diff, and words beyond the source.

        A quoted span may join sentences the source quotes apart, or run
        longer than the source's excerpt ("For those …, be forewarned: This
        is a new era"): when no single quote takes it whole, each of its
        sentences is judged on its own. Sentences found in no claim are
        beyond the source, unverifiable; words that go on with a quotation
        whose marks the source closes are added to it (``_added``); one quotation's
        sentences reordered are a misquote. A quotation like none, credited to speakers
        (``credited``, their ids), is judged against theirs at ``SENTENCE_SIMILARITY``:
        "We will not be silenced," Caceres said, misquotes "We will not be intimidated".
        """
        match, ops = self._piece(quote)
        if match is None and credited:
            match, ops = self._piece(quote, SENTENCE_SIMILARITY, set(credited))
        ops, beyond = _added(quote, match, ops)
        if match is not None and not ops and not beyond:
            return match, ops, beyond
        pieces = [p for p in _QUOTE_SENTENCE.split(quote) if len(quote_words(p)) >= 2]
        if len(pieces) < 2:
            return match, ops, beyond
        results = [(piece, *self._piece(piece)) for piece in pieces]
        speakers = {m.claim.speaker.id for _, m, _ in results if m is not None}
        if not speakers:
            return match, ops, beyond
        results = [
            (piece, *self._piece(piece, SENTENCE_SIMILARITY, speakers))
            if m is None
            else (piece, m, o)
            for piece, m, o in results
        ]
        found = [(m, _added(piece, m, o)) for piece, m, o in results if m is not None]
        unfound = [piece for piece, m, _ in results if m is None]
        if match is not None and ops and _reworded(match.claim, pieces, unfound):
            return match, ops, beyond  # a sentence of the quotation reworded: the whole diff
        claims = {m.claim.id for m, _ in found}
        exact = all(not o for _, (o, _) in found)
        if match is not None and exact and len(claims) == 1 and len(found) == len(pieces):
            return match, ops, []  # the same quotation's sentences, reordered
        piece_ops = [op for _, (o, _) in found for op in o]
        extra = [p.strip(" ,;:\u00a0") for p, m, _ in results if m is None]
        extra += [w for _, (_, b) in found for w in b]
        return found[0][0], piece_ops, extra

    def _piece(
        self, quote: str, floor: float = QUOTE_SIMILARITY, speakers: set[str] | None = None
    ) -> tuple[Match | None, list[DiffOp]]:
        """The claim quotation most like ``quote`` (at least ``floor`` alike), and the
        word diff against it: among the claims the matcher finds for it, or, given
        ``speakers``, among every quotation of theirs (a short quotation's words may
        find nothing in the index: "We will not be silenced")."""
        from rapidfuzz import fuzz

        norm = normalize(quote)
        best: tuple[float, Match | None, list[DiffOp]] = (0.0, None, [])
        candidates = (
            self.matcher.match(quote, top_k=8, quoted=True)
            if speakers is None
            else [Match(c, 0.0, 0.0) for s in sorted(speakers) for c in self._quoted_by.get(s, ())]
        )
        for match in candidates:
            expected = match.claim.quote or ""
            source = normalize(expected)
            # partial_ratio either way: a partial quote, or one longer than the
            # source's excerpt; token_sort_ratio: a reordered one.
            if len(norm) <= len(source) or len(quote_words(source)) >= MIN_SOURCE_WORDS:
                partial = fuzz.partial_ratio(norm, source)
            else:
                partial = fuzz.ratio(norm, source)
            similarity = max(partial, fuzz.token_sort_ratio(norm, source))
            if similarity < floor or similarity <= best[0]:
                continue
            ops = diff_quote(quote, expected)
            if speakers is not None and not _one_change(ops):
                continue  # like in form only ("We will not back down"): another quotation
            # A quotation found by its speaker, not the index, scores as alike as it is.
            best = (
                similarity,
                match if speakers is None else match._replace(score=similarity),
                ops,
            )
            if not ops:
                break
        return best[1], best[2]


def _reworded(claim: Claim, pieces: list[str], unfound: list[str]) -> bool:
    """Whether a sentence of the claim's quotation is in none of the draft's, and one the
    source quotes nowhere holds most of its telling words: "This is the end of the Obama
    era" where the source quotes "This is the Trump era" is that sentence reworded (a
    misquote), not words beyond the source's excerpt."""
    said = [" ".join(quote_words(piece)) for piece in pieces]
    others = [set(text_terms(piece)) for piece in unfound]
    for sentence in _QUOTE_SENTENCE.split(claim.quote or ""):
        terms = set(text_terms(sentence))
        if not terms or any(holds_words(s, " ".join(quote_words(sentence))) for s in said):
            continue
        if any(len(terms & other) * 2 >= len(terms) for other in others):
            return True
    return False


def _added(quote: str, match: Match | None, ops: list[DiffOp]) -> tuple[list[DiffOp], list[str]]:
    """A diff's real differences, with the words beyond the source's excerpt that go on
    with its quotation as added words; and the rest of those beyond it.

    "We will not be intimidated by this administration": the release's
    quotation closes after "intimidated", so words that run on in the draft's
    sentence put in the speaker's mouth what the source does not (a misquote),
    unless they are the passage's own words (a quotation mark moved: “…
    impeding officers in immigration proceedings”). A quotation that runs
    on in a sentence of its own ("For those …, be forewarned: This is a new
    era") is only beyond the source's excerpt: unverifiable, not misquoted.
    """
    ops, beyond = beyond_source(ops)
    if match is None or not beyond:
        return ops, beyond
    claim = match.claim
    opens, closes = _quotation_bounds(claim)
    sentences = [quote_words(piece) for piece in _QUOTE_SENTENCE.split(quote)]
    added: list[DiffOp] = []
    rest: list[str] = []
    for words in beyond:
        if _goes_on(words.split(), sentences, opens, closes) and not _in_source_text(words, claim):
            added.append(DiffOp("insert", words, ""))
        else:
            rest.append(words)
    return ops + added, rest


def _goes_on(words: list[str], sentences: list[list[str]], opens: bool, closes: bool) -> bool:
    """Whether words beyond the source run in the draft's sentence of the source's
    quoted words, on a side where the source's quotation marks close it."""
    size = len(words)
    return any(
        sentence[at : at + size] == words
        and ((closes and at > 0) or (opens and at + size < len(sentence)))
        for sentence in sentences
        for at in range(len(sentence) - size + 1)
    )


def _quotation_bounds(claim: Claim) -> tuple[bool, bool]:
    """Whether the passage's quotation marks open right before the claim's quotation
    and close right after it (“We will not be intimidated.”; “…group of people,”
    said), rather than quoting more around it: where the passage does not hold the
    quotation as written, neither."""
    quote, passage = claim.quote or "", claim.passage
    at = passage.find(quote) if quote else -1
    if at < 0:
        return False, False
    before = passage[:at].rstrip(" \u00a0")
    after = passage[at + len(quote) :].lstrip(".,!?…")
    return before[-1:] in _OPENING_MARKS and bool(before), not after or after[0] in _CLOSING_MARKS


def _in_source_text(words: str, claim: Claim) -> bool:
    """Whether quoted words beyond a claim's quotation are the source's own, in its
    passage or context (the release's words around the excerpt)."""
    return any(
        holds_words(" ".join(text_words(text)), " ".join(text_words(words)))
        for text in (claim.passage, claim.context or "")
    )


_OPENING_MARKS = "“\"‘'"
_CLOSING_MARKS = "”\"’'"
