"""Turn sentences and their matches into findings with verdicts.

The order of checks follows the cost of a wrong "supported": attribution
first, then the exact words of quotations, then figures. A sentence that
states a figure, a quotation or an attribution and matches no claim is
``unsupported``; other unmatched sentences are ``unchecked``.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from factcheck.check.clauses import MIN_CLAUSE_TERMS, clauses
from factcheck.check.framing import cites_document, frame, framing_spans
from factcheck.check.index import text_terms, unsigned
from factcheck.check.matcher import DEFAULT_THRESHOLD, Matcher
from factcheck.check.quotes import (
    QuoteSpan,
    describe,
    find_quotes,
)
from factcheck.check.speakers import (
    CAMPAIGNERS,
    GENERIC,
    Attribution,
    credits,
    find_attributions,
    has_pronoun_attribution,
    misdated,
    misdescribed,
    name_key,
    people_titles,
    resolve,
    titled_member,
)
from factcheck.check.wording import WordingJudge, says_when
from factcheck.figures.dates import claim_days, gives_day
from factcheck.figures.numerals import MONTHS, WEEKDAYS
from factcheck.figures.parse import parse_figures
from factcheck.figures.verdicts import FigureJudge, stated_figures
from factcheck.memo import Memo
from factcheck.model import (
    NO_EVIDENCE,
    PROBLEM_VERDICTS,
    SEVERITY_ORDER,
    Claim,
    Database,
    DiffOp,
    Evidence,
    Figure,
    FigureMismatch,
    Finding,
    Match,
    Misquote,
    Sentence,
    Speaker,
    SpeakerMismatch,
    Verdict,
    Wording,
)
from factcheck.text.document import Document, find_prose, input_format, segment
from factcheck.text.normalize import holds_words, normalize, words

if TYPE_CHECKING:
    from factcheck.check.quoting import QuoteJudge
    from factcheck.figures.parse import Quantity

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
# How far a claim the sentence's words state must lead the one its figure agrees with
# for the sentence to be read as the first with a wrong figure (``Checker._conflated``).
CONFLATION_MARGIN = 5.0
# Quoted words this short, inside a sentence, are a term, not a quotation.
QUOTED_TERM_WORDS = 5
# How many names' speakers a checker keeps (a draft's names are few; a huge one's, not).
_NAMES_KEPT = 10_000
# What parts a sentence: a date between two of them belongs to its part (``_dated_elsewhere``).
_PARTS = ",;()—–"
# A short fragment that goes on with the sentence before it ("Even districts far from the
# border."): no statement of its own to call thin (its figures are still checked).
_FRAGMENT = re.compile(
    r"^[ \u00a0]*(?:even|including|especially|particularly|notably|not just|not only)\b"
    r"(?:[^.!?]{0,80})[.!?…]?[ \u00a0]*$",
    re.IGNORECASE,
)
# "A Department of Homeland Security memo", "the DHS memo": a document and who made it.
_MADE_BY = re.compile(
    r"(?P<maker>(?:\b(?:[A-Z][\w.&'’-]*|of|for|and)[ \u00a0]+){1,7})"
    r"(?P<noun>memo|memorandum|book|report|study|letter|statement)\b"
)
_DETERMINER = re.compile(r"^(?:(?:A|An|The|This|That|Its|In|On|But|And)[ \u00a0]+)+")
_POSSESSIVE = re.compile(r"[’']s?$")
_WHEN_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | {"today", "yesterday"}
# "U.S." before a national body's name ("U.S. Department of Justice"), as ``name_key`` has it.
_NATIONAL = re.compile(r"^(?:us|united states) ")


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
        self.wording = WordingJudge(self.matcher)
        self._also_in_by_id: dict[str, tuple[Claim, ...]] | None = None
        self._known: str | None = None
        # The speaker each name stands for, asked once a name: a draft credits the same
        # few names sentence after sentence.
        self._speaker = Memo(self._resolve, _NAMES_KEPT).__getitem__
        # A claim's terms, of its statement and passage, but figures and dates (``_beyond_who``).
        self._claim_terms = Memo(_terms_of, _NAMES_KEPT).__getitem__

    @functools.cached_property
    def quoting(self) -> "QuoteJudge":
        """The quotation checks, imported and built for the first sentence that quotes."""
        from factcheck.check.quoting import QuoteJudge

        return QuoteJudge(self.matcher)

    def check_document(self, document: Document) -> DocumentResult:
        """Findings for every checkable sentence of a document, in order."""
        sentences = self.sentences(document)
        findings = self.check_sentences(document.path, sentences, range(len(sentences)))
        return DocumentResult(document.path, findings, len(sentences), not document.text.strip())

    def sentences(self, document: Document) -> list[Sentence]:
        """A document's sentences, its prose read as its format says."""
        fmt = input_format(document.path, self.options.input_format)
        return segment(document, find_prose(document.text, fmt, document.line_starts))

    def check_sentences(
        self, path: str, sentences: list[Sentence], numbers: range
    ) -> list[Finding]:
        """Findings for the checkable sentences of ``numbers`` among ``sentences``.

        A range, not the whole list: a long document's sentences are shared
        among a pool's workers (``batch.check_one``), each sentence still read
        with its neighbours on both sides.
        """
        findings = []
        for number in numbers:
            neighbours = (
                sentences[number - 1] if number else None,
                sentences[number + 1] if number + 1 < len(sentences) else None,
            )
            finding = self.check_sentence(path, sentences[number], neighbours)
            if finding.verdict != Verdict.UNCHECKED or self.options.include_unchecked:
                findings.append(finding)
        return findings

    def check_sentence(
        self, path: str, sentence: Sentence, neighbours: tuple[Sentence | None, Sentence | None]
    ) -> Finding:
        """The verdict on one sentence, with its best claim and details.

        A pasted post's signature says who posted it and when, none of what it
        states: the sentence is checked without it ("— Donald J. Trump
        (@realDonaldTrump) February 25, 2017" agrees with no claim's date), and
        its finding shows the sentence whole. So is a space that masked markup
        leaves before a comma or a period ("The group's book, *Indefensible*,
        co-published …" reads "Indefensible , co-published", which no appositive
        pattern reads as a name).
        """
        text = _SPACE_BEFORE_MARK.sub("", unsigned(sentence.text))
        if text == sentence.text:
            return self._verdict(path, sentence, neighbours)
        if not any(map(str.isalnum, text)):
            message = "a post's signature states nothing to check"
            return Finding(path, sentence, Verdict.UNCHECKED, 0.0, message)
        finding = self._verdict(path, sentence._replace(text=text), neighbours)
        return finding._replace(sentence=sentence)

    def _verdict(
        self, path: str, sentence: Sentence, neighbours: tuple[Sentence | None, Sentence | None]
    ) -> Finding:
        """``check_sentence`` of a sentence as its checks read it (no post's signature, no
        space left by masked markup before a mark)."""
        text = sentence.text
        if _tags_only(text):
            return Finding(path, sentence, Verdict.UNCHECKED, 0.0, "tags state nothing to check")
        quotes = find_quotes(text)
        attributions = _attributions(sentence, quotes, neighbours)
        matches = self._match(text)
        best = self._accepted(text, matches)
        conflated = None if best is None or quotes else self._conflated(text, matches, best)
        best = conflated or best
        if best is not None and not quotes and not conflated:
            best = self._contradicted(text, matches, best) or best
        if best is not None:
            matches = [best] + [m for m in matches if m is not best]
        if quotes:
            finding = self._check_quotes(path, sentence, quotes, attributions, best)
        elif best is None:
            # A question states nothing and credits no one ("Q: What did the group say?"):
            # only its figures are checked.
            asks = text.rstrip(" \u00a0”’\"')").endswith("?")
            near = (
                not asks
                and not _FRAGMENT.match(text)
                and bool(matches)
                and matches[0].score >= self.options.threshold
                and len(text_terms(frame(text))) >= NEAR_MIN_TERMS
            )
            checkable = bool(stated_figures(text)) or (bool(attributions) and not asks) or near
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
            others = () if conflated else self._others(matches)
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
        The checker reads no match under the threshold less ``WEAK_MARGIN`` but
        the closest, so no part asks for others: a match under that floor in
        one part lends nothing to the same claim's better match in another
        (the whole sentence, always asked, covers at least as much of a claim
        as any of its clauses).
        """
        framed = frame(text)
        parts = clauses(framed)
        floor = self.options.threshold - WEAK_MARGIN
        whole = self.matcher.match(framed, top_k=5, floor=floor)
        if whole and whole[0].score >= CLEAR_SCORE:
            return whole
        best = {match.claim.id: match for match in whole}
        for clause in parts[1:]:
            for match in self.matcher.match(clause, top_k=5, floor=floor):
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
        or the claim's calendar date); one at the threshold that covers little of
        its claim, when a figure is the claim's with its digits transposed (the
        claim misstated, which must not pass for "no claim"). Among accepted claims, the one
        more of whose figures agree wins: "more than half" of prosecutions in 2016 is the
        52-percent claim, not its neighbour on the increase.
        A sentence that shares only who the claim is about is never accepted
        (``_beyond_who``), nor a share claim by a sentence without a figure.
        """
        threshold = self.options.threshold
        chosen: tuple[int, float, Match] | None = None
        # A share claim is stated only with a figure, in digits or words: "Almost all of those
        # prosecuted for improper entry and re-entry were held in ICE detention centers" has
        # the words of the 49-percent claim, and none of its fact.
        figured = bool(parse_figures(text))
        for match in matches:
            if match.score < threshold - WEAK_MARGIN:
                break  # too weak, as every one after it
            if chosen is not None and chosen[0] >= _stated(text, chosen[2].claim):
                break  # every figure agrees with the chosen claim: none after it agrees more
            if not self._beyond_who(text, match.claim) or (not figured and _share(match.claim)):
                continue
            agrees = self.figures.agrees(text, match.claim)
            if agrees or (
                match.score >= threshold
                and (match.coverage >= MIN_COVERAGE or self.figures.transposes(text, match.claim))
            ):
                # Agreeing figures rank a claim only at the threshold: a weaker one accepted
                # for its figure alone ("Sessions, who was confirmed in February, instructed
                # …": February is the aside's) does not outrank what the sentence states.
                key = (agrees if match.score >= threshold else 0, match.score, match)
                if chosen is None or key[:2] > chosen[:2]:
                    chosen = key
        return chosen[2] if chosen else None

    def _beyond_who(self, text: str, claim: Claim) -> bool:
        """Whether a sentence shares with a claim more than who it is about, and when.

        "Attorney General Jeff Sessions was in El Paso, Texas, on Tuesday"
        has every word of "Jeff Sessions was confirmed as attorney general in
        February 2017" but what happened: people's names and titles are no
        statement, nor is a date ("Actor Andrew Lincoln died in a car crash in
        February 2017"). A claim that is nothing else ("Bob Libal is executive
        director at Grassroots Leadership") states who someone is, and is left
        to the other checks. One word alone in common is a topic ("Trump is
        unAmerican" of "This is the Trump era"; "Trump ordered missile strikes in
        April 2017" of "Sessions instructed federal prosecutors on April 11,
        2017"). The lexicon's paraphrases count as shared, a word each.
        """
        who = self._people_terms
        theirs = self._claim_terms((claim.claim, claim.passage))
        what = theirs - who
        if not what:
            return True
        mine = {t for t in text_terms(frame(text)) if not says_when(t)}
        groups = self.matcher.lexicon.groups
        if mine.isdisjoint(what) and groups(mine - who).isdisjoint(groups(what)):
            return False
        shared = mine & theirs
        if len(shared) > 1:
            return True
        reworded = groups(theirs - shared)
        return len(shared) + sum(not groups((t,)).isdisjoint(reworded) for t in mine - shared) > 1

    def _beyond_biography(self, text: str, claim: Claim) -> tuple[str, Evidence] | None:
        """What a sentence says of someone beyond who they are, where its claim says only
        that: "Libal, of Grassroots Leadership, robbed a bank" has every word of "Bob Libal
        is executive director at Grassroots Leadership" but its own fact (a telling word
        none of the claim's texts or names say)."""
        if claim.type != "biography" or self._claim_terms((claim.claim, claim.passage)) - (
            self._people_terms
        ):
            return None
        word = self.wording.unsaid(text, claim)
        if word is None:
            return None
        message = f"the source says only who this is, not “{word}”"
        return message, Evidence(characterized=word)

    @functools.cached_property
    def _people_terms(self) -> frozenset[str]:
        """The terms of people's names and titles (``_beyond_who``)."""
        return frozenset(
            term
            for speaker in self.database.speakers.values()
            if speaker.kind == "person"
            for text in (*speaker.names, speaker.role or "")
            for term in text_terms(text)
        )

    def _conflated(self, text: str, matches: list[Match], best: Match) -> Match | None:
        """The claim a sentence's words state, when its one figure is a weaker claim's.

        "Improper entry and re-entry alone accounted for 52 percent of federal
        prosecutions in 2016" is the words of the 49-percent claim with the
        figure of the 52-percent one: accepting the claim whose figure agrees
        would pass it. When the best-scoring claim leads by ``CONFLATION_MARGIN``,
        would be accepted on its words alone (the threshold, ``MIN_COVERAGE``)
        and has a figure the sentence's only figure contradicts, that claim is
        the one judged (and no other claim excuses its figure: one figure
        cannot state two claims' values).
        """
        top = matches[0]
        if top is best or top.score - best.score < CONFLATION_MARGIN or not top.claim.figures:
            return None
        if top.score < self.options.threshold or top.coverage < MIN_COVERAGE:
            return None
        if len(stated_figures(text)) != 1 or self.figures.mismatch(text, top.claim) is None:
            return None
        return top

    def _contradicted(self, text: str, matches: list[Match], best: Match) -> Match | None:
        """Another matched claim whose figure a figure the best claim does not back gets wrong.

        "… urging them to further prioritize immigration cases (which already
        comprise roughly 30 percent of all federal cases)" states the instruction
        claim, with a figure of the 52-percent one: "no claim backs roughly 30
        percent" hides what the source says. A claim matched at the floor, with
        ``MIN_COVERAGE``, whose figure of the same role and a counted thing in
        common the figure contradicts is the one judged (a figure mismatch, never a pass:
        the figure stays unbacked whichever claim is judged).
        """
        if len(matches) < 2 or not stated_figures(text):
            return None
        others = tuple(m.claim for m in matches if m is not best)
        extra = self.figures.unbacked(text, best.claim, others)
        if not extra:
            return None
        floor = self.options.threshold - WEAK_MARGIN
        for match in matches:
            if match is best or match.score < floor or match.coverage < MIN_COVERAGE:
                continue
            if self.figures.contradicts(text, match.claim, extra):
                return match
        return None

    def _misdated_frame(self, text: str) -> tuple[str, Evidence] | None:
        """A figure in the words that frame a sentence, wrong for the claim they state.

        "Indefensible, a book Grassroots Leadership and Justice Strategies
        published in 2014, found that …": the frame says who speaks, and is not
        matched with the rest (``framing``), yet its year is the book-released
        claim's, 2016. A frame with a numeral whose best claim it states at the
        threshold, with ``MIN_COVERAGE``, is judged on its figures against that
        claim; who is named is the speaker checks' to judge.
        """
        for start, end in framing_spans(text):
            part = text[start:end]
            if not any(map(str.isdigit, part)) or len(text_terms(part)) < MIN_CLAUSE_TERMS:
                continue
            stated = self._stated_by(part)
            wrong = self.figures.mismatch(part, stated) if stated is not None else None
            if wrong:
                return wrong
        return None

    def _stated_by(self, part: str) -> Claim | None:
        """The claim a part of a sentence (a frame, a clause, the words around a quotation)
        states on its own: its best, at the threshold, with ``MIN_COVERAGE``."""
        threshold = self.options.threshold
        found = self.matcher.match(part, top_k=1, floor=threshold)
        if found and found[0].score >= threshold and found[0].coverage >= MIN_COVERAGE:
            return found[0].claim
        return None

    def _misstated_clause(self, text: str, claim: Claim) -> tuple[str, Evidence] | None:
        """A figure wrong in a clause that states another claim than the sentence's.

        "Sessions — who was confirmed in January 2017 despite serious concerns …
        — also reversed …" states the reversal, whose year January 2017 fits,
        and in its aside the confirmation, which was in February: a clause with
        a figure whose best claim it states at the threshold, with
        ``MIN_COVERAGE``, is judged on the figures in it against that claim, read
        with the whole sentence (a span "Since 2005" in another clause still
        dates its count).
        """
        if not parse_figures(text):
            return None
        framed = frame(text)  # blanks its frames, so a clause's offsets are the text's
        for part in clauses(framed)[1:]:
            start = framed.find(part)
            if start < 0 or not parse_figures(part):
                continue
            stated = self._stated_by(part)
            if stated is None or stated.id == claim.id:
                continue
            wrong = self.figures.mismatch(text, stated, within=(start, start + len(part)))
            if wrong:
                return wrong
        return None

    def _campaigner(self, attribution: Attribution, speaker: Speaker) -> bool:
        """Whether "advocates" (activists, critics …) may stand for a speaker: an
        organization's voice, or its people's ("Advocates said the policy criminalizes
        an entire group of people" for Bob Libal of Grassroots Leadership), never a
        government's ("advocates said ‘This is the Trump era’" is no one's words).
        Advocates placed in a body ("organizers with Justice Strategies") are that
        body's: the speaker or the speaker's organization."""
        if not CAMPAIGNERS.match(normalize(attribution.name)):
            return False
        body = self._speaker(speaker.affiliation) if speaker.affiliation else None
        if attribution.org:
            named = self._speaker(attribution.org)
            return named is not None and named.id in {speaker.id, body.id if body else None}
        if speaker.kind == "organization":
            return True
        return speaker.kind == "person" and body is not None and body.kind == "organization"

    def _maker(self, name: str, speaker: Speaker) -> bool:
        """Whether a name is the body a document speaker comes from (its affiliation):
        "the Justice Department" for the memo of the "U.S. Department of Justice"."""
        if speaker.kind != "document" or not speaker.affiliation:
            return False
        key, made_by = name_key(name), name_key(speaker.affiliation)
        national = _NATIONAL.sub("", made_by)
        return key in (made_by, national) or self.matcher.lexicon.paraphrase(key, national)

    def _other_maker(self, text: str, speaker: Speaker) -> tuple[Verdict, str, Evidence] | None:
        """A document credited to another body than its own: "a Department of Homeland
        Security memo directs …" for the Justice Department's memo.

        The capitalized words right before the document's noun ("memo") name who
        made it; its own names, its maker and its authors will do, and so will an
        "administration" (which holds every department).
        """
        if speaker.kind != "document":
            return None
        noun = speaker.name.split()[-1].lower()
        if noun not in text.lower():
            return None
        for found in _MADE_BY.finditer(text):
            if found["noun"].lower() != noun:
                continue
            maker = _POSSESSIVE.sub("", _DETERMINER.sub("", found["maker"].strip(" \u00a0")))
            if not maker[:1].isupper() or maker.lower() in _WHEN_WORDS:
                continue  # "Tuesday's memo" says when, not who
            if maker.lower().endswith("administration"):
                continue
            named = self._speaker(maker) or self._speaker(f"{maker} {noun}")
            own = named is not None and named.id in {speaker.id, *speaker.authors}
            if own or self._maker(maker, speaker):
                continue
            details = Evidence(speaker=SpeakerMismatch(speaker, maker, named))
            message = f"attributed to {maker}; the source attributes it to {speaker.name}"
            return Verdict.MISATTRIBUTED, message, details
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
        *,
        quoted: bool = False,
    ) -> Finding:
        """The verdict on a sentence that states ``best``'s claim.

        ``others`` are further claims the sentence may state in another part:
        a figure one of them backs is not a mismatch of this one. ``quoted``: the
        sentence puts the claim's own passage in quotation marks.
        """
        claim = best.claim
        problems: dict[Verdict, tuple[str, Evidence]] = {}
        wrong = (
            self._wrong_speaker(attributions, claim, quoted=quoted)
            or self._misdescribed(sentence.text, attributions)
            or self._other_maker(sentence.text, claim.speaker)
        )
        if wrong:
            problems[wrong[0]] = wrong[1:]
        figure = (
            self.figures.mismatch(sentence.text, claim, others, self._dated_elsewhere)
            or self._misdated_frame(sentence.text)
            or self._misstated_clause(sentence.text, claim)
        )
        if figure:
            problems[Verdict.FIGURE_MISMATCH] = figure
        wording = self.wording.problem(sentence.text, claim, others) or self._beyond_biography(
            sentence.text, claim
        )
        if wording and Verdict.UNSUPPORTED not in problems:
            problems[Verdict.UNSUPPORTED] = wording
        extra = self.figures.unbacked(sentence.text, claim, others)
        if extra and not problems:
            # A fact the claim does not back: the worst part of the sentence wins (but a
            # claim's rating may be worse still: see _finding).
            rest = (
                "the closest claim states no figure"
                if not claim.figures
                else (f"the rest is supported by {claim.speaker.name}, {claim.source.title}")
            )
            problems[Verdict.UNSUPPORTED] = (
                f"no claim backs {', '.join(extra)}; {rest}",
                Evidence(unbacked=tuple(extra)),
            )
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
        described = self._misdescribed(sentence.text, attributions)
        credited = frozenset(
            speaker.id for a in attributions if (speaker := self._speaker(a.name)) is not None
        )
        for quote in quotes:
            match, ops, extra = self.quoting.claim_of(quote.text, credited)
            if match is None:
                unknown.append(quote.text)
                continue
            beyond += extra
            quoted_claim = quoted_claim or match
            if ops and Verdict.MISQUOTE not in problems:
                problems[Verdict.MISQUOTE] = _misquote(quote.text, match.claim, ops)
            wrong = self._wrong_speaker(attributions, match.claim, quoted=True) or described
            if wrong and wrong[0] not in problems:
                problems[wrong[0]] = wrong[1:]
        if unknown and quoted_claim is not None and Verdict.MISQUOTE not in problems:
            beyond += self._split_quotation(quotes, quoted_claim, unknown, problems)
        if quoted_claim is None:
            quoted_text = _quoted_terms(sentence, quotes) or cites_document(sentence.text)
            if (
                best is not None
                and best.claim.quote is None
                and (quoted_text or _in_passage(quotes, best.claim))
            ):
                # Scare quotes around a few words of a matched statement, or a
                # document's own words; the source's own sentence in quotation marks is
                # its words, credited as a quotation is (to the ACLU, misattributed).
                quoting = not quoted_text and _in_passage(quotes, best.claim)
                return self._check_statement(path, sentence, attributions, best, quoted=quoting)
            return Finding(
                path,
                sentence,
                Verdict.UNSUPPORTED,
                0.0,  # check_sentence gives the closest claim's
                "quotation not found in the claims database",
                details=Evidence(unknown_quotes=tuple(unknown)),
            )
        figure = self.figures.mismatch(
            sentence.text, quoted_claim.claim, dated_elsewhere=self._dated_elsewhere
        )
        if figure:
            problems[Verdict.FIGURE_MISMATCH] = figure
        if not problems:
            problems.update(self._around_quotes(sentence, quotes, quoted_claim, best))
        finding = self._finding(path, sentence, quoted_claim, problems)
        if beyond and finding.verdict == Verdict.SUPPORTED:
            shown = "; ".join(f"“{words}”" for words in beyond[:2])
            finding = finding._replace(
                message=f"{finding.message}; beyond the source's quotation: {shown}",
                details=finding.details._replace(beyond_source=tuple(beyond)),
            )
        return finding

    def _around_quotes(
        self, sentence: Sentence, quotes: list[QuoteSpan], quoted: Match, best: Match | None
    ) -> dict[Verdict, tuple[str, Evidence]]:
        """What the words around right quotations get wrong: their own statement.

        "The memo calls for each state attorney general's office … to appoint a
        “Border Security Coordinator”" quotes the memo's term rightly and
        changes who must appoint; "In late 2016, Sessions reversed …, a move
        that some senators said “lends the appearance …”" quotes the senators
        rightly and misdates the reversal. A claim whose quoted term the
        sentence writes, not a quotation of someone's words, is held to the
        whole sentence; another claim the words without the quotations state
        on their own, to those words, figures too. Only contradictions count
        (``WordingJudge.contradiction``), and of a reported quotation another place
        (``WordingJudge.moved``): a reporter's own framing of a quotation ("the
        sanctuary movement") is not a fact swapped.
        """
        text, claim = sentence.text, quoted.claim
        if best is not None and best.claim.id != claim.id:
            text, claim = _unquoted(text, quotes), best.claim
            stated = self._stated_by(text)
            if stated is None or stated.id != claim.id:
                return {}  # the words around the quotation state no claim of their own
            figure = self.figures.mismatch(text, claim, dated_elsewhere=self._dated_elsewhere)
            if figure:
                return {Verdict.FIGURE_MISMATCH: figure}
        elif claim.type == "quote" or not _quoted_terms(sentence, quotes):
            # The sentence reports the quotation: its words are the claim's, but where and
            # how it was said are the sentence's own ("Speaking in San Diego, Sessions said,
            # “…”"; "Senate Democrats unanimously said “…”").
            around = _unquoted(text, quotes)
            wrong = self.wording.moved(around, claim) or self.wording.added(around, claim)
            return {Verdict.UNSUPPORTED: wrong} if wrong else {}
        contradicted = self.wording.contradiction(text, claim)
        return {Verdict.UNSUPPORTED: contradicted} if contradicted else {}

    def _split_quotation(
        self,
        quotes: list[QuoteSpan],
        quoted: Match,
        unknown: list[str],
        problems: dict[Verdict, tuple[str, Evidence]],
    ) -> list[str]:
        """A quotation split by its attribution ("“The only winners …,” Libal said, “who
        stand to gain …”"), judged whole: a part no claim quotes may be the rest of the
        claim's quotation, reworded (a misquote, added to ``problems``), or words beyond
        the source's excerpt (returned, for the message)."""
        joined = " ".join(q.text.strip() for q in quotes)
        match, ops, extra = self.quoting.claim_of(joined)
        if match is None or match.claim.id != quoted.claim.id:
            return unknown  # the parts no claim quotes
        if ops:
            problems[Verdict.MISQUOTE] = _misquote(joined, match.claim, ops)
        return extra

    def _wrong_speaker(
        self, attributions: list[Attribution], claim: Claim, *, quoted: bool = False
    ) -> tuple[Verdict, str, Evidence] | None:
        """A misattribution, when the sentence credits someone else with the claim.

        The speaker's authors speak for a document ("Sessions directs every
        district" for the memo's words). For statements that report events
        ("Sessions instructed…") a name the passage itself mentions is a fair
        attribution; for a quotation, or a claim of what someone said, only
        the speaker will do. A statement credited to a
        party the database never mentions ("according to the ACLU") is not
        backed as attributed, but the source does not credit anyone known
        with it either: that is ``unsupported``, not a misattribution.
        """
        passage = _spaced_words(f"{claim.passage} {claim.claim}")
        resolved = [(a, self._speaker(a.name)) for a in attributions if credits(a, claim.claim)]
        # The claim's speaker, or the author of a document speaker (the memo is Sessions').
        rightful = {claim.speaker.id, *claim.speaker.authors}
        if any(speaker is not None and speaker.id in rightful for _, speaker in resolved):
            return None
        if not quoted and any(
            speaker is not None and name_key(speaker.name) == name_key(claim.source.publisher)
            for _, speaker in resolved
        ):
            return None  # the source's publisher does say what its release states
        if not quoted and any(self._maker(a.name, claim.speaker) for a, _ in resolved):
            return None  # "Justice Dept. tells prosecutors …": the memo's department
        for attribution, speaker in resolved:
            if speaker is None and GENERIC.match(normalize(attribution.name)):
                continue
            if speaker is None and self._campaigner(attribution, claim.speaker):
                continue
            if (
                speaker is None
                and attribution.org
                and CAMPAIGNERS.match(normalize(attribution.name))
            ):
                # "Organizers with Justice Strategies": the body is who is credited.
                speaker = self._speaker(attribution.org)
                attribution = attribution._replace(name=attribution.org)
            names = speaker.names if speaker else (attribution.name,)
            if not quoted and claim.type != "quote" and any(_mentions(passage, n) for n in names):
                continue  # a name of the passage may report its events, not another's words
            found = speaker.name if speaker else attribution.name
            details = Evidence(speaker=SpeakerMismatch(claim.speaker, found, speaker))
            if speaker is None and titled_member(attribution.name, claim.speaker):
                # "Senator Booker said" for "some senators said": maybe so, but the
                # source names none of them.
                message = (
                    f"the source does not name {found} among {claim.speaker.name}; "
                    f"it attributes it to {claim.speaker.name}"
                )
                return Verdict.UNSUPPORTED, message, details
            if speaker is None and not quoted and not self._known_name(attribution.name):
                message = (
                    f"the source does not credit {found} with this; "
                    f"it attributes it to {claim.speaker.name}"
                )
                return Verdict.UNSUPPORTED, message, details
            message = f"attributed to {found}; the source attributes it to {claim.speaker.name}"
            return Verdict.MISATTRIBUTED, message, details
        return None

    def _dated_elsewhere(self, text: str, date: "Quantity") -> bool:
        """Whether a date is another claim's: the part of the sentence around it, read
        alone, states a claim that gives that day ("Sessions, who was confirmed in
        February, said …" against the claim of what he said in April)."""
        start = max(text.rfind(mark, 0, date.start) for mark in _PARTS) + 1
        ends = [at for mark in _PARTS if (at := text.find(mark, date.end)) >= 0]
        part = text[start : min(ends, default=len(text))]
        if part.strip() == text.strip():
            return False  # the date is in the sentence's one part: the claim's own
        floor = self.options.threshold - WEAK_MARGIN
        return any(
            gives_day(claim_days(match.claim, match.claim.source.date), date)
            for match in self.matcher.match(part, top_k=3, floor=floor)
            if match.score >= floor
        )

    def _misdescribed(
        self, text: str, attributions: list[Attribution]
    ) -> tuple[Verdict, str, Evidence] | None:
        """A speaker the sentence gives another's title or organization (``misdescribed``):
        the words are theirs, what the sentence says of them is not the source's; or another
        year than its role gives (``misdated``: "Indefensible, a 2015 book"), a figure
        mismatch."""
        for attribution in attributions:
            speaker = self._speaker(attribution.name)
            if speaker is None or text[attribution.start : attribution.end] != attribution.name:
                continue  # nobody known, or named in the next sentence
            wrong = misdescribed(text, attribution, speaker, self._titles)
            if wrong:
                found, expected = wrong
                message = (
                    f"the sentence describes {speaker.name} as “{found}”; "
                    f"the source, as “{expected}”"
                )
                return Verdict.UNSUPPORTED, message, Evidence(contradicts=Wording(found, expected))
            dated = misdated(text, attribution, speaker)
            if dated:
                said, year = (Figure(str(y), float(y), unit="year") for y in dated)
                reason = f"year {said.text}, the source gives {year.text} ({speaker.role})"
                evidence = Evidence(figures=(FigureMismatch(year, said, reason),))
                return Verdict.FIGURE_MISMATCH, f"figure mismatch: {reason}", evidence
        return None

    @functools.cached_property
    def _titles(self) -> tuple[str, ...]:
        """The database's people's titles, for ``misdescribed``."""
        return people_titles(self.database.speakers.values())

    def _resolve(self, name: str) -> Speaker | None:
        """The database's speaker a name stands for (``resolve``)."""
        return resolve(name, self.database.speakers)

    def _known_name(self, name: str) -> bool:
        """Whether the database mentions a party at all (a speaker's name, role or affiliation).

        Whole words only: "ICE" is not the "ice" of "Justice Department".
        """
        if self._known is None:
            texts = (
                text
                for speaker in self.database.speakers.values()
                for text in (*speaker.names, speaker.role, speaker.affiliation)
                if text
            )
            self._known = " | ".join(" ".join(words(t)) for t in texts)
        return _mentions(self._known, name)

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
        rated = None
        reviewed = (claim.review, *(c.review for c in also_in))
        if any(review is not None for review in reviewed):
            from factcheck.check import reviews  # only a database of fact-checks needs it

            # The claim's review, or the severest of the reviews its linked claims carry.
            review = reviews.governing(reviewed)
            problems, rated = reviews.rate(review, problems)
        if not problems:
            return Finding(
                path,
                sentence,
                Verdict.SUPPORTED,
                match.score,
                rated or f"supported by {claim.speaker.name}, {claim.source.title}",
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


# Spaces before a comma, semicolon, colon or period that ends a word's sentence part.
_SPACE_BEFORE_MARK = re.compile(r"(?<=\w) +(?=[,;:]|\.(?!\.)(?:\s|$))")


def _share(claim: Claim) -> bool:
    """Whether a claim's fact is a share (a percent)."""
    return any(f.unit == "percent" for f in claim.figures)


def _terms_of(texts: tuple[str, ...]) -> frozenset[str]:
    """The terms of texts but their figures and dates (``_beyond_who``)."""
    return frozenset(t for t in text_terms(" ".join(texts)) if not says_when(t))


@functools.lru_cache(maxsize=1024)
def _spaced_words(text: str) -> str:
    """A text's ``words`` between single spaces, kept: a claim's passage is read for
    every sentence that credits someone with it."""
    return " ".join(words(text))


def _mentions(text: str, words_of: str) -> bool:
    """Whether a text (``words`` between single spaces) holds another's words whole: a
    name ("Al" is no word of "also"), or a quotation."""
    return holds_words(text, " ".join(words(words_of)))


def _tags_only(text: str) -> bool:
    """Whether a "sentence" is hashtags and handles (and links) only: the
    "#EndMassIncarceration" after a post's last sentence tags it, stating nothing."""
    words = text.split()
    return any(w[:1] in "#@" for w in words) and all(
        w[:1] in "#@" or w.startswith(("http://", "https://")) or not any(map(str.isalnum, w))
        for w in words
    )


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


def _misquote(quoted: str, claim: Claim, ops: list[DiffOp]) -> tuple[str, Evidence]:
    """A misquote's message and evidence: the sentence's words against the claim's quote."""
    message = f"misquote of {claim.speaker.name}: {describe(ops)}"
    return message, Evidence(misquote=Misquote(quoted, claim.quote or "", tuple(ops)))


def _stated(text: str, claim: Claim) -> int:
    """How many figures a sentence states, read as for ``claim`` (its source's date)."""
    return len(parse_figures(text, reference_date=claim.source.date))


def _unquoted(text: str, quotes: list[QuoteSpan]) -> str:
    """A sentence with its quotations left out (each an ellipsis), for the statement
    around them."""
    for quote in reversed(quotes):
        text = f"{text[: quote.start]}…{text[quote.end :]}"
    return text


def _in_passage(quotes: list[QuoteSpan], claim: Claim) -> bool:
    """Whether every quotation is words of the claim's passage, as written: a document's
    own words quoted ("the announcement “builds on the historically high rates …,” the
    group said"), checked as its statement (and so for who is credited with it)."""
    passage = _spaced_words(claim.passage)
    return all(_mentions(passage, q.text) for q in quotes)


def _inside(attribution: Attribution, quotes: list[QuoteSpan]) -> bool:
    return any(q.start <= attribution.start < q.end for q in quotes)


def _unsupported_message(text: str) -> str:
    figures = stated_figures(text)
    if figures:
        shown = ", ".join(q.text for q in figures[:3])
        return f"no claim in the database backs {shown}"
    return "attribution not backed by any claim in the database"


def fails_run(verdicts: Iterable[Verdict], *, strict: bool = False) -> bool:
    """Whether a ``verify`` run with these verdicts fails: any problem verdict, and
    with ``strict`` an unsupported sentence too."""
    failing = PROBLEM_VERDICTS | ({Verdict.UNSUPPORTED} if strict else set())
    return any(verdict in failing for verdict in verdicts)


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
