"""Turn sentences and their matches into findings with verdicts.

The order of checks follows the cost of a wrong "supported": attribution
first, then the exact words of quotations, then figures. A sentence that
states a figure, a quotation or an attribution and matches no claim is
``unsupported``; other unmatched sentences are ``unchecked``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from factcheck.check.clauses import clauses
from factcheck.check.entities import renamed
from factcheck.check.framing import cites_document, frame
from factcheck.check.index import text_terms
from factcheck.check.matcher import DEFAULT_THRESHOLD, Matcher
from factcheck.check.paraphrase import characterization
from factcheck.check.quotes import (
    DiffOp,
    QuoteSpan,
    beyond_source,
    describe,
    diff_quote,
    find_quotes,
    quote_words,
)
from factcheck.check.speakers import (
    Attribution,
    find_attributions,
    has_pronoun_attribution,
    resolve,
)
from factcheck.figures.verdicts import FigureJudge, stated_figures
from factcheck.model import (
    NO_EVIDENCE,
    PROBLEM_VERDICTS,
    SEVERITY_ORDER,
    Borrowed,
    Claim,
    Database,
    Evidence,
    Finding,
    Match,
    Misquote,
    Sentence,
    SpeakerMismatch,
    Verdict,
    Wording,
)
from factcheck.text.document import Document, find_prose, input_format, segment
from factcheck.text.normalize import normalize

# A quoted span this similar to a claim's quote is that quote, said right or wrong.
QUOTE_SIMILARITY = 72.0
# A quotation's word this telling (term weight) is the quotation's own.
BORROWED_WEIGHT = 8.0
# The least share of a claim's words (by weight) a sentence must have to state it
# without an independent check: under it the shared words are a name and a topic.
MIN_COVERAGE = 0.3
# A sentence this short that shares words with a claim says too little to report
# ("The release is clear.").
NEAR_MIN_TERMS = 3
# A whole sentence scoring this is not matched clause by clause as well.
CLEAR_SCORE = 85.0
# How far under the threshold a match may score and still be accepted when an
# independent check (a figure, a date) agrees with it.
WEAK_MARGIN = 15.0
# A quotation's sentences: split after . ! ? : ; before the next capital.
_QUOTE_SENTENCE = re.compile(r"(?<=[.!?:;])\s+(?=[“\"‘']?[A-Z])")
# A source quotation this long can be found inside a longer quote of the draft.
MIN_SOURCE_WORDS = 5
# Quoted words this short, inside a sentence, are a term, not a quotation.
QUOTED_TERM_WORDS = 5
# Generic references that name no one in particular ("the release said").
_GENERIC = re.compile(
    r"^(?:the|a|an|its) (?:[\w-]+ ){0,3}(?:release|statement|group|organization|report|memo)$"
)


class CheckOptions(NamedTuple):
    """Knobs of a check run."""

    threshold: float = DEFAULT_THRESHOLD
    include_unchecked: bool = False
    input_format: str = "auto"


class DocumentResult(NamedTuple):
    """The findings on one document, how many sentences it had, and if it was blank."""

    path: str
    findings: list[Finding]
    sentences: int
    blank: bool = False


class Checker:
    """Checks documents against one database (the matcher is built once)."""

    def __init__(
        self,
        database: Database,
        options: CheckOptions = CheckOptions(),
        matcher: Matcher | None = None,
    ) -> None:
        self.database = database
        self.options = options
        self.matcher = Matcher(database) if matcher is None else matcher
        self.figures = FigureJudge(self.matcher.lexicon)
        self._also_in_by_id: dict[str, tuple[Claim, ...]] | None = None
        self._known: str | None = None

    def check_document(self, document: Document) -> DocumentResult:
        """Findings for every checkable sentence of a document, in order."""
        fmt = input_format(document.path, self.options.input_format)
        prose = find_prose(document.text, fmt, document.line_starts)
        sentences = segment(document, prose)
        findings = []
        for number, sentence in enumerate(sentences):
            neighbours = (
                sentences[number - 1] if number else None,
                sentences[number + 1] if number + 1 < len(sentences) else None,
            )
            finding = self.check_sentence(document.path, sentence, neighbours)
            if finding.verdict != Verdict.UNCHECKED or self.options.include_unchecked:
                findings.append(finding)
        return DocumentResult(document.path, findings, len(sentences), not document.text.strip())

    def check_documents(self, documents: Iterable[Document]) -> DocumentResult:
        """Check the chunks of one input as they are read (see ``text.read_input``)."""
        findings: list[Finding] = []
        sentences = 0
        blank = True
        path = "<text>"
        for document in documents:
            path = document.path
            result = self.check_document(document)
            findings.extend(result.findings)
            sentences += result.sentences
            blank = blank and result.blank
        return DocumentResult(path, findings, sentences, blank)

    def check_sentence(
        self, path: str, sentence: Sentence, neighbours: tuple[Sentence | None, Sentence | None]
    ) -> Finding:
        """The verdict on one sentence, with its best claim and details."""
        text = sentence.text
        quotes = find_quotes(text)
        attributions = _attributions(sentence, quotes, neighbours)
        matches = self._match(text)
        best = self._accepted(text, matches)
        if best is not None:
            matches = [best] + [m for m in matches if m is not best]
        if quotes:
            finding = self._check_quotes(path, sentence, quotes, attributions, best)
        elif best is None:
            near = (
                bool(matches)
                and matches[0].score >= self.options.threshold
                and len(text_terms(frame(text))) >= NEAR_MIN_TERMS
            )
            checkable = bool(stated_figures(text)) or bool(attributions) or near
            verdict = Verdict.UNSUPPORTED if checkable else Verdict.UNCHECKED
            if not checkable:
                message = "no claim matches"
            elif near and not stated_figures(text):
                # The words of a claim, little of its content: say so, never pass.
                message = "shares words with a claim but states little of it"
            else:
                message = _unsupported_message(text)
            finding = Finding(path, sentence, verdict, 0.0, message)
        else:
            others = self._others(matches)
            finding = self._check_statement(path, sentence, attributions, best, others)
        if finding.claim is None and matches:
            # No claim backs the sentence: say which came closest, and its score
            # (lint's FC005 names it; an editor starts there).
            details = finding.details._replace(closest=matches[0])
            finding = finding._replace(score=matches[0].score, details=details)
        return finding

    def _match(self, text: str) -> list[Match]:
        """Claims for a sentence read without its framing, each scored by its best clause.

        A sentence that states a claim outright (``CLEAR_SCORE``) is not split.
        """
        framed = frame(text)
        whole = self.matcher.match(framed, top_k=5)
        if whole and whole[0].score >= CLEAR_SCORE:
            return whole
        best = {match.claim.id: match for match in whole}
        for clause in clauses(framed)[1:]:
            for match in self.matcher.match(clause, top_k=5):
                known = best.get(match.claim.id)
                if known is None:
                    best[match.claim.id] = match
                elif match.score > known.score:
                    # The whole sentence covers at least as much of the claim as a clause.
                    best[match.claim.id] = match._replace(
                        coverage=max(match.coverage, known.coverage)
                    )
        return sorted(best.values(), key=lambda m: (-m.score, m.claim.id))[:5]

    def _accepted(self, text: str, matches: list[Match]) -> Match | None:
        """The claim a sentence states, if any.

        A match at the threshold is accepted; a weaker one only when an
        independent check agrees (a figure of the same kind, value and year,
        or the claim's calendar date). Among accepted claims, one whose
        figure agrees beats one without: "more than half" of prosecutions
        in 2016 is the 52-percent claim, not its neighbour on the increase.
        """
        threshold = self.options.threshold
        chosen: tuple[bool, float, Match] | None = None
        for match in matches:
            if match.score < threshold - WEAK_MARGIN:
                break
            agrees = self.figures.agrees(text, match.claim)
            if (match.score >= threshold and match.coverage >= MIN_COVERAGE) or agrees:
                key = (agrees, match.score, match)
                if chosen is None or key[:2] > chosen[:2]:
                    chosen = key
        return chosen[2] if chosen else None

    def _wording_problem(
        self, text: str, claim: Claim, others: tuple[Claim, ...]
    ) -> tuple[str, Evidence] | None:
        """Words that keep a matching sentence from stating its claim, if any.

        The sentence contradicts a qualifier ("fell" for "increased", a
        denial), swaps a telling modifier ("drug cases" for "immigration
        prosecutions"), borrows a word of another claim's quotation, or names
        another place or agent. Each makes it ``unsupported``, never
        ``supported``: the words match, the fact does not.
        """
        lexicon = self.matcher.lexicon
        contradiction = lexicon.contradiction(text, claim.claim)
        if contradiction:
            said, written = contradiction
            if not written:
                message = f"the sentence denies (“{said}”) what the source states"
            elif not said:
                message = f"the source denies it (“{written}”); the sentence does not"
            else:
                message = f"the sentence says “{said}” where the source says “{written}”"
            return message, Evidence(contradicts=Wording(said, written))
        swapped = lexicon.substitution(frame(text), claim.claim, self.matcher.weights.names)
        if swapped:
            message = f"the sentence says “{swapped[0]}” where the source says “{swapped[1]}”"
            return message, Evidence(contradicts=Wording(*swapped))
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
        moved = renamed(text, (claim.claim, claim.passage, claim.context or ""))
        if moved:
            message = (
                f"the sentence names {moved[0].title()} where the source names {moved[1].title()}"
            )
            return message, Evidence(renamed=Wording(*moved))
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
        weights, lexicon = self.matcher.weights, self.matcher.lexicon
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
        word to a new use, which the claim it matched does not back.
        """
        if claim.quote is not None:
            return None
        weights = self.matcher.weights
        own = set(text_terms(f"{claim.claim} {claim.passage}"))
        mine = set(text_terms(text)) - own
        for other in others:
            if other.quote is None:
                continue
            for term in text_terms(other.quote):
                if term in mine and weights(term) >= BORROWED_WEIGHT:
                    return term, other
        return None

    def _others(self, matches: list[Match]) -> tuple[Claim, ...]:
        """The claims after the first that a sentence may also state (in another part)."""
        floor = self.options.threshold - WEAK_MARGIN
        return tuple(m.claim for m in matches[1:] if m.score >= floor)

    def _check_statement(
        self,
        path: str,
        sentence: Sentence,
        attributions: list[Attribution],
        best: Match,
        others: tuple[Claim, ...] = (),
    ) -> Finding:
        """The verdict on a sentence that states ``best``'s claim.

        ``others`` are further claims the sentence may state in another part:
        a figure one of them backs is not a mismatch of this one.
        """
        claim = best.claim
        problems: dict[Verdict, tuple[str, Evidence]] = {}
        wrong = self._wrong_speaker(attributions, claim)
        if wrong:
            problems[wrong[0]] = wrong[1:]
        figure = self.figures.mismatch(sentence.text, claim, others)
        if figure:
            problems[Verdict.FIGURE_MISMATCH] = figure
        wording = self._wording_problem(sentence.text, claim, others)
        if wording and Verdict.UNSUPPORTED not in problems:
            problems[Verdict.UNSUPPORTED] = wording
        extra = self.figures.unbacked(sentence.text, claim, others)
        if extra and not problems:
            # A fact the claim does not back: the worst part of the sentence wins.
            rest = (
                "the closest claim states no figure"
                if not claim.figures
                else (f"the rest is supported by {claim.speaker.name}, {claim.source.title}")
            )
            return Finding(path, sentence, Verdict.UNSUPPORTED, best.score,
                           f"no claim backs {', '.join(extra)}; {rest}",
                           claim, Evidence(unbacked=tuple(extra)))  # fmt: skip
        return self._finding(path, sentence, best, problems)

    def _check_quotes(
        self,
        path: str,
        sentence: Sentence,
        quotes: list[QuoteSpan],
        attributions: list[Attribution],
        best: Match | None,
    ) -> Finding:
        problems: dict[Verdict, tuple[str, Evidence]] = {}
        quoted_claim: Match | None = None
        unknown: list[str] = []
        beyond: list[str] = []
        for quote in quotes:
            match, ops, extra = self._quote_claim(quote.text)
            if match is None:
                unknown.append(quote.text)
                continue
            beyond += extra
            quoted_claim = quoted_claim or match
            if ops and Verdict.MISQUOTE not in problems:
                problems[Verdict.MISQUOTE] = (
                    f"misquote of {match.claim.speaker.name}: {describe(ops)}",
                    Evidence(misquote=Misquote(quote.text, match.claim.quote or "", tuple(ops))),
                )
            wrong = self._wrong_speaker(attributions, match.claim, quoted=True)
            if wrong and wrong[0] not in problems:
                problems[wrong[0]] = wrong[1:]
        if quoted_claim is None:
            quoted_text = _quoted_terms(sentence, quotes) or cites_document(sentence.text)
            if best is not None and best.claim.quote is None and quoted_text:
                # Scare quotes around a few words of a matched statement, or a
                # document's own words.
                return self._check_statement(path, sentence, attributions, best)
            return Finding(
                path,
                sentence,
                Verdict.UNSUPPORTED,
                0.0,  # check_sentence gives the closest claim's
                "quotation not found in the claims database",
                details=Evidence(unknown_quotes=tuple(unknown)),
            )
        figure = self.figures.mismatch(sentence.text, quoted_claim.claim)
        if figure:
            problems[Verdict.FIGURE_MISMATCH] = figure
        finding = self._finding(path, sentence, quoted_claim, problems)
        if beyond and finding.verdict == Verdict.SUPPORTED:
            shown = "; ".join(f"“{words}”" for words in beyond[:2])
            finding = finding._replace(
                message=f"{finding.message}; beyond the source's quotation: {shown}",
                details=finding.details._replace(beyond_source=tuple(beyond)),
            )
        return finding

    def _quote_claim(self, quote: str) -> tuple[Match | None, list[DiffOp], list[str]]:
        """The claim whose quotation this is, the word diff, and words beyond the source.

        A quoted span may join sentences the source quotes apart, or run
        longer than the source's excerpt ("For those …, be forewarned: This
        is a new era"): when no single quote takes it whole, each of its
        sentences is judged on its own. Sentences found in no claim are
        beyond the source, not misquoted; one quotation's sentences
        reordered are a misquote.
        """
        match, ops = self._quote_piece(quote)
        ops, beyond = beyond_source(ops)
        if match is not None and not ops:
            return match, ops, beyond
        pieces = [p for p in _QUOTE_SENTENCE.split(quote) if len(quote_words(p)) >= 2]
        if len(pieces) < 2:
            return match, ops, beyond
        results = [(piece, *self._quote_piece(piece)) for piece in pieces]
        found = [(m, beyond_source(o)) for _, m, o in results if m is not None]
        if not found:
            return match, ops, beyond
        claims = {m.claim.id for m, _ in found}
        exact = all(not o for _, (o, _) in found)
        if match is not None and exact and len(claims) == 1 and len(found) == len(pieces):
            return match, ops, beyond  # the same quotation's sentences, reordered
        piece_ops = [op for _, (o, _) in found for op in o]
        extra = [p for p, m, _ in results if m is None] + [w for _, (_, b) in found for w in b]
        return found[0][0], piece_ops, extra

    def _quote_piece(self, quote: str) -> tuple[Match | None, list[DiffOp]]:
        """The claim quotation most like ``quote``, and the word diff against it."""
        from rapidfuzz import fuzz

        norm = normalize(quote)
        best: tuple[float, Match | None, list[DiffOp]] = (0.0, None, [])
        for match in self.matcher.match(quote, top_k=8):
            expected = match.claim.quote
            if not expected:
                continue
            source = normalize(expected)
            # partial_ratio either way: a partial quote, or one longer than the
            # source's excerpt; token_sort_ratio: a reordered one.
            if len(norm) <= len(source) or len(quote_words(source)) >= MIN_SOURCE_WORDS:
                partial = fuzz.partial_ratio(norm, source)
            else:
                partial = fuzz.ratio(norm, source)
            similarity = max(partial, fuzz.token_sort_ratio(norm, source))
            if similarity < QUOTE_SIMILARITY or similarity <= best[0]:
                continue
            ops = diff_quote(quote, expected)
            best = (similarity, match, ops)
            if not ops:
                break
        return best[1], best[2]

    def _wrong_speaker(
        self, attributions: list[Attribution], claim: Claim, *, quoted: bool = False
    ) -> tuple[Verdict, str, Evidence] | None:
        """A misattribution, when the sentence credits someone else with the claim.

        The speaker's authors speak for a document ("Sessions directs every
        district" for the memo's words). For statements that report events
        ("Sessions instructed…") a name the passage itself mentions is a fair
        attribution; for a quotation the
        sentence quotes only the speaker will do. A statement credited to a
        party the database never mentions ("according to the ACLU") is not
        backed as attributed, but the source does not credit anyone known
        with it either: that is ``unsupported``, not a misattribution.
        """
        passage = normalize(claim.passage + " " + claim.claim)
        resolved = [(a, resolve(a.name, self.database.speakers)) for a in attributions]
        # The claim's speaker, or the author of a document speaker (the memo is Sessions').
        rightful = {claim.speaker.id, *claim.speaker.authors}
        if any(speaker is not None and speaker.id in rightful for _, speaker in resolved):
            return None
        for attribution, speaker in resolved:
            if speaker is None and _GENERIC.match(normalize(attribution.name)):
                continue
            names = speaker.names if speaker else (attribution.name,)
            if not quoted and any(normalize(n) in passage for n in names):
                continue
            found = speaker.name if speaker else attribution.name
            details = Evidence(speaker=SpeakerMismatch(claim.speaker, found, speaker))
            if speaker is None and not quoted and not self._known_name(attribution.name):
                message = (
                    f"the source does not credit {found} with this; "
                    f"it attributes it to {claim.speaker.name}"
                )
                return Verdict.UNSUPPORTED, message, details
            message = f"attributed to {found}; the source attributes it to {claim.speaker.name}"
            return Verdict.MISATTRIBUTED, message, details
        return None

    def _known_name(self, name: str) -> bool:
        """Whether the database mentions a party at all (a speaker's name, role or affiliation)."""
        if self._known is None:
            texts = (
                text
                for speaker in self.database.speakers.values()
                for text in (*speaker.names, speaker.role, speaker.affiliation)
                if text
            )
            self._known = " | ".join(normalize(t) for t in texts)
        key = normalize(name)
        return bool(key) and key in self._known

    def _also_in(self, claim: Claim) -> tuple[Claim, ...]:
        """The same fact in other sources (``same_as``), asked of the database once."""
        if self._also_in_by_id is None:
            self._also_in_by_id = self.database.also_in()
        return self._also_in_by_id.get(claim.id, ())

    def _finding(
        self,
        path: str,
        sentence: Sentence,
        match: Match,
        problems: dict[Verdict, tuple[str, Evidence]],
    ) -> Finding:
        claim = match.claim
        also_in = self._also_in(claim)
        if not problems:
            return Finding(
                path,
                sentence,
                Verdict.SUPPORTED,
                match.score,
                f"supported by {claim.speaker.name}, {claim.source.title}",
                claim,
                NO_EVIDENCE,
                also_in,
            )
        verdict = next(v for v in SEVERITY_ORDER if v in problems)
        message, details = problems[verdict]
        also = tuple(v for v in SEVERITY_ORDER if v in problems and v != verdict)
        if also:
            # Each problem fills its own field of the evidence: together they are one record.
            fields = {k: v for other in also for k, v in problems[other][1]._asdict().items() if v}
            details = details._replace(also=also, **fields)
        return Finding(path, sentence, verdict, match.score, message, claim, details, also_in)


def _attributions(
    sentence: Sentence, quotes: list[QuoteSpan], neighbours: tuple[Sentence | None, Sentence | None]
) -> list[Attribution]:
    """Attributions of a sentence, looking next door for a quote's speaker.

    News style names the speaker of a quotation that stands alone in the next
    sentence of the same paragraph ("“We will not be intimidated.” Caceres,
    an organizer, said the group…") or in the one before ("he said"). A
    sentence that only quotes a term ("a “Border Security Coordinator”") is
    not a quotation standing alone.
    """
    text = sentence.text
    found = [a for a in find_attributions(text) if not _inside(a, quotes)]
    if found or not quotes:
        return found
    previous, following = neighbours
    standalone = text.lstrip()[:1] in '“"«„'
    same_paragraph = following is not None and following.line <= sentence.end_line + 1
    if standalone and same_paragraph and not find_quotes(following.text):
        found = find_attributions(following.text)
    if not found and previous is not None and has_pronoun_attribution(text):
        found = find_attributions(previous.text)
    return found


def _quoted_terms(sentence: Sentence, quotes: list[QuoteSpan]) -> bool:
    """Whether every quotation is a short quoted term inside the sentence.

    “bringing in and harboring” in a sentence of the reporter's own words is
    a term; "We will fight this memo in court," said Libal is a quotation
    that the database must hold.
    """
    text = sentence.text.lstrip()
    standalone = text[:1] in '“"«„'
    return not standalone and all(q.word_count <= QUOTED_TERM_WORDS for q in quotes)


def _inside(attribution: Attribution, quotes: list[QuoteSpan]) -> bool:
    return any(q.start <= attribution.start < q.end for q in quotes)


def _unsupported_message(text: str) -> str:
    figures = stated_figures(text)
    if figures:
        shown = ", ".join(q.text for q in figures[:3])
        return f"no claim in the database backs {shown}"
    return "attribution not backed by any claim in the database"


def fails_run(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """Whether findings fail a ``verify`` run: any problem verdict, and with
    ``strict`` an unsupported sentence too."""
    failing = PROBLEM_VERDICTS | ({Verdict.UNSUPPORTED} if strict else set())
    return any(f.verdict in failing for f in findings)


def check_text(
    text: str,
    database: Database | None = None,
    *,
    path: str = "<text>",
    options: CheckOptions | None = None,
) -> list[Finding]:
    """Check a text against a database (the bundled one by default)."""
    if database is None:
        from factcheck.db.database import load_database

        database = load_database()
    checker = Checker(database, options or CheckOptions())
    return checker.check_document(Document.from_text(path, text)).findings
