"""Quotations as reporters write them: which claim's quotation a quoted span is.

A quoted span may join sentences the source quotes apart, run longer than
the source's excerpt, or leave words out at an ellipsis. The judge finds the
claim whose quotation the span is, the word diff against it, and the words
beyond the source's excerpt (unverifiable, not misquoted).
"""

from __future__ import annotations

import functools
import re

from factcheck.check.matcher import Matcher
from factcheck.check.quotes import DiffOp, beyond_source, diff_quote, quote_words
from factcheck.model import Claim, Match
from factcheck.text.normalize import normalize

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
        beyond the source, not misquoted; one quotation's sentences
        reordered are a misquote. A quotation like none, credited to speakers
        (``credited``, their ids), is judged against theirs at ``SENTENCE_SIMILARITY``:
        "We will not be silenced," Caceres said, misquotes "We will not be intimidated".
        """
        match, ops = self._piece(quote)
        if match is None and credited:
            match, ops = self._piece(quote, SENTENCE_SIMILARITY, set(credited))
        ops, beyond = beyond_source(ops)
        if match is not None and not ops:
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
        found = [(m, beyond_source(o)) for _, m, o in results if m is not None]
        claims = {m.claim.id for m, _ in found}
        exact = all(not o for _, (o, _) in found)
        if match is not None and exact and len(claims) == 1 and len(found) == len(pieces):
            return match, ops, beyond  # the same quotation's sentences, reordered
        piece_ops = [op for _, (o, _) in found for op in o]
        extra = [p for p, m, _ in results if m is None] + [w for _, (_, b) in found for w in b]
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
