"""Compare the figures a draft states with the figures of a claim.

Draft and claim figures are intervals (see ``factcheck.figures.numerals``); they agree
when the intervals intersect. A draft figure is paired with the claim figure
of the same role (percent, count, usd; changes only with changes) and judged
on its value, its year or span, and which part of a split figure it names.
Calendar dates ("March 11, 2017") are judged against the dates the claim
itself states.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import datetime as dt
import functools
import math
import re
from typing import NamedTuple

from factcheck.check.paraphrase import Lexicon
from factcheck.check.paraphrase import lexicon as shipped_lexicon
from factcheck.figures.dates import (
    YEAR_IN_TEXT,
    date_issues,
    relative_year,
    span_issues,
    year_issues,
)
from factcheck.figures.numerals import (
    CHANGE_AFTER,
    CHANGE_BEFORE,
    COUNT_STOP,
    DETERMINERS,
    IRREGULAR_PLURALS,
    QUALIFIERS,
    SHARE_WORDS,
    intersects,
    interval,
    is_plural,
)
from factcheck.figures.parse import Quantity, format_number, parse_figures, parse_number
from factcheck.memo import Memo
from factcheck.model import Claim, Figure
from factcheck.text.normalize import word_term

__all__ = ["FigureComparison", "FigureIssue", "counts_meet", "figure_comparison"]


class FigureIssue(NamedTuple):
    """A draft figure that contradicts the claim figure it was paired with."""

    expected: Figure
    found: Quantity
    reason: str


_CLAIM_CHANGE_WORDS = (CHANGE_BEFORE | CHANGE_AFTER) - {
    "more",
    "less",
    "fewer",
    "up",
    "down",
    "higher",
    "lower",
    "larger",
    "smaller",
    "bigger",
}
_GENERIC_COUNTS = {"people", "person", "individual", "case", "time", "all", "total", "number"}
_VAGUE_SPAN_YEARS = 3


class _Candidate(NamedTuple):
    """A claim figure (or one of its parts) ready for pairing."""

    figure: Figure
    role: str
    low: float
    high: float
    truth: float
    words: frozenset[str]
    from_parts: bool


# Nouns for people that reporters use interchangeably when counting them.
_PERSON_NOUNS = frozenset(
    "people person persons individual migrant immigrant noncitizen defendant resident "
    "men women adult".split()
)


def _stem(word: str) -> str:
    """Crude singular form so 'crimes' meets 'crime', and 'migrants' meets 'people'."""
    if word in _PERSON_NOUNS or (is_plural(word) and word[:-1] in _PERSON_NOUNS):
        return "people"
    if word in IRREGULAR_PLURALS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if is_plural(word):
        return word[:-1]
    return word


def _count_words(counts: str | None) -> frozenset[str]:
    """Singular content words of a counted phrase ('people', 'improper', 'entry')."""
    if not counts:
        return frozenset()
    words = {_stem(w) for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", counts.lower())}
    return frozenset(words - COUNT_STOP - DETERMINERS)


def _quantity_role(quantity: Quantity) -> str | None:
    """Which kind of claim figure a draft quantity can be checked against."""
    if quantity.unit in ("year", "date", "score"):
        return None
    base = "percent" if quantity.unit == "percentage point" else quantity.unit
    return f"{base}-change" if quantity.change else base


def _figure_role(figure: Figure) -> str | None:
    unit = figure.unit.lower().strip()
    if unit in ("year", "date", "score"):
        return None
    if unit in ("percentage point", "percentage points", "percent change", "change"):
        return "percent-change"
    base = {"%": "percent", "per cent": "percent", "dollars": "usd", "$": "usd"}.get(unit, unit)
    if base not in ("percent", "usd"):
        base = "count"
    words = set(re.findall(r"[a-z]+", f"{figure.text} {figure.counts or ''}".lower()))
    return f"{base}-change" if words & _CLAIM_CHANGE_WORDS else base


def _figure_interval(figure: Figure) -> tuple[float, float]:
    """The interval a claim figure allows, read from its own wording."""
    close = [
        q
        for q in parse_figures(figure.text)
        if q.unit not in ("year", "date", "score")
        and abs(q.value - figure.value) <= 1e-9 * max(1.0, abs(figure.value))
    ]
    if close and (figure.qualifier is None or close[0].qualifier is not None):
        return close[0].low, close[0].high
    tol = (close[0].high - close[0].low) / 2 if close and close[0].qualifier is None else 0.5
    qualifier = (figure.qualifier or "").lower().strip() or None
    if qualifier is not None and qualifier not in QUALIFIERS:
        qualifier = "about"
    return interval(figure.value, qualifier, tol)


def _candidates(claim: Claim) -> list[_Candidate]:
    """Claim figures plus their parts; a figure with parts is as true as their sum.

    Worked out once per claim's figures (many sentences meet the same claims).
    """
    return _CANDIDATES[claim.figures]


def _figure_candidates(figures: tuple[Figure, ...]) -> list[_Candidate]:
    result: list[_Candidate] = []
    # A part counts what its whole counts: '412,240' of 'people' is people too.
    inherited: dict[str, frozenset[str]] = {}
    for figure in figures:
        for text in figure.parts:
            words = inherited.get(text, frozenset())
            inherited[text] = words | _count_words(figure.counts)
    for figure in figures:
        role = _figure_role(figure)
        if role is None:
            continue
        words = _count_words(figure.counts) | inherited.get(figure.text, frozenset())
        parts = [(text, parse_number(text)) for text in figure.parts]
        values = [value for _, value in parts if value is not None]
        if parts and len(values) == len(parts):
            truth = math.fsum(values)
            result.append(_Candidate(figure, role, truth, truth, truth, words, True))
        else:
            low, high = _figure_interval(figure)
            result.append(_Candidate(figure, role, low, high, figure.value, words, False))
        for text, value in parts:
            if value is None or any(
                other.text == text or other.value == value for other in figures
            ):
                continue
            part = Figure(
                text=text,
                value=value,
                unit=figure.unit,
                counts=figure.counts,
                year=figure.year,
                span=figure.span,
            )
            low, high = _figure_interval(part)
            result.append(_Candidate(part, role, low, high, value, words, False))
    return result


def transposed(value: float, truth: float) -> bool:
    """Whether a figure is another with its digits in another order ("371,916" is
    317,916 mistyped)."""
    return value != truth and sorted(format_number(value)) == sorted(format_number(truth))


def _near(value: float, truth: float) -> int:
    """2 for a transposition (``transposed``: "371,916" is 317,916 mistyped, though
    412,240 is nearer), 1 within 10 %, else 0."""
    if transposed(value, truth):
        return 2
    return int(abs(value - truth) <= 0.1 * max(abs(truth), 1e-9))


def _pair_key(quantity: Quantity, candidate: _Candidate) -> tuple[bool, int, int, bool, float]:
    """Prefer the claim figure the value fits, then a transposed one, then a near one,
    then shared words."""
    fits = intersects((quantity.low, quantity.high), (candidate.low, candidate.high))
    shared = len((_count_words(quantity.counts) & candidate.words) - _GENERIC_COUNTS)
    figure = candidate.figure
    same_time = (quantity.year is not None and quantity.year == figure.year) or (
        quantity.span is not None and figure.span is not None and quantity.span[0] == figure.span[0]
    )
    distance = abs(quantity.value - candidate.truth) / max(abs(candidate.truth), 1e-9)
    return fits, _near(quantity.value, candidate.truth), shared, same_time, -distance


def _describe(value: float, unit: str) -> str:
    number = _readable(value)
    if unit == "percent":
        return f"{number} percent"
    if unit == "percentage point":
        return f"{number} percentage points"
    if unit == "usd":
        return f"${number}"
    return number


def _readable(value: float) -> str:
    """A number for a message: "two-thirds" is 66.67 percent, not 66.66666666666666."""
    text = format_number(value)
    if len(text.partition(".")[2]) <= 3 or round(value, 2) == 0:
        return text
    return format_number(round(value, 2))


def _span_text(span: tuple[int, int | None]) -> str:
    return f"since {span[0]}" if span[1] is None else f"{span[0]} to {span[1]}"


def _value_reason(quantity: Quantity, candidate: _Candidate) -> str | None:
    if intersects((quantity.low, quantity.high), (candidate.low, candidate.high)):
        return None
    figure = candidate.figure
    if quantity.qualifier or figure.qualifier or candidate.from_parts:
        truth = f" ({format_number(candidate.truth)})" if candidate.from_parts else ""
        return f"{quantity.text} does not fit {figure.text}{truth}"
    return (
        f"value {_describe(quantity.value, quantity.unit)}, "
        f"source says {_describe(figure.value, quantity.unit)}"
    )


def _time_reason(quantity: Quantity, figure: Figure, found: list[Quantity]) -> str | None:
    """Years must match; spans must start the same year (vague ones within 3).

    A single year against a span (or the reverse) is a mismatch: a cumulative
    figure is not one year's. Span ends are only compared when both are known,
    with a year of slack for 'through 2016' vs a release dated 2017.
    """
    if quantity.year is not None:
        if figure.year is not None and quantity.year != figure.year:
            if abs(quantity.year - figure.year) <= 1 and relative_year(quantity.year, found):
                return None  # "last year" in a draft of unknown date
            return f"year {quantity.year}, source gives {figure.year}"
        if figure.year is None and figure.span is not None:
            return f"year {quantity.year}, source gives {_span_text(figure.span)}"
        return None
    if quantity.span is None:
        return None
    phrase = next((q for q in found if q.unit == "year" and q.span == quantity.span), None)
    written = phrase.text if phrase is not None else _span_text(quantity.span)
    if figure.span is not None:
        vague = phrase is not None and not YEAR_IN_TEXT.search(phrase.text)
        slack = _VAGUE_SPAN_YEARS if vague else 0
        start_ok = abs(quantity.span[0] - figure.span[0]) <= slack
        stops = (quantity.span[1], figure.span[1])
        stop_ok = None in stops or abs((stops[0] or 0) - (stops[1] or 0)) <= 1
        if start_ok and stop_ok:
            return None
        return f"{written}, source gives {_span_text(figure.span)}"
    if figure.year is not None:
        return f"{written}, source gives {figure.year}"
    return None


# Dashes set a figure apart ("for re-entry since 2005 — 317,916 — is smaller than …").
# The dashes have a class of their own: one class mixing them with ASCII marks costs
# 0.15 ms to compile (see text/patterns).
_AFTER_STOP = re.compile(r"[,;:.!?]|[—–]|\b(?:and|but|while|whereas)\b")
_BEFORE_STOP = re.compile(r"[;.!?]|[—–]|\b(?:and|but|while|whereas)\b")


def _clause_words(text: str, quantity: Quantity, found: list[Quantity]) -> list[frozenset[str]]:
    """Words after a figure to the end of its clause, then words before it.

    "412,240 for improper entry and 317,916 for re-entry": what a number
    counts is usually written right after it, sometimes right before it
    ("re-entry prosecutions numbered 317,916"); neither side crosses another
    figure or a conjunction. A figure in parentheses counts only what is
    before it: "prosecutions for improper entry (412,240) outnumber those
    for re-entry".
    """
    figures = [q for q in found if q.unit not in ("year", "date")]
    bracketed = (
        text[quantity.start - 1 : quantity.start] == "("
        and text[quantity.end : quantity.end + 1] == ")"
    )
    after = min((q.start for q in figures if q.start >= quantity.end), default=len(text))
    stop = _AFTER_STOP.search(text, quantity.end, after)
    after = stop.start() if stop else after
    before = max((q.end for q in figures if q.end <= quantity.start), default=0)
    stops = list(_BEFORE_STOP.finditer(text, before, quantity.start))
    before = stops[-1].end() if stops else before
    words_before = _count_words(text[before : quantity.start])
    return [words_before] if bracketed else [_count_words(text[quantity.end : after]), words_before]


def _swap_reason(
    text: str,
    quantity: Quantity,
    found: list[Quantity],
    best: _Candidate,
    pool: list[_Candidate],
) -> str | None:
    """A part's number written against a sibling part's label (swapped parts).

    Only words that tell sibling parts apart count ("improper entry" against
    "re-entry"); a figure whose clause names neither is not judged.
    """
    parts = {text for c in pool for text in c.figure.parts}
    if best.figure.text not in parts or not best.figure.counts:
        return None
    siblings = [c for c in pool if c.figure.text in parts and c.figure.text != best.figure.text]
    own = _count_words(best.figure.counts)
    labels = {c.figure.counts: _count_words(c.figure.counts) - own for c in siblings}
    own_label = own - frozenset().union(*(_count_words(c.figure.counts) for c in siblings))
    # What the figure counts first ("317,916 for the former": the former's words), then
    # the words of its clause.
    for words in (_count_words(quantity.counts), *_clause_words(text, quantity, found)):
        if own_label & words:
            return None
        for counts, label in labels.items():
            if label and label <= words:
                return (
                    f"{quantity.text} is the source's figure for {best.figure.counts}, not {counts}"
                )
    return None


class FigureComparison(NamedTuple):
    """A draft's figures against one claim: paired and agreeing, contradicting, unpaired.

    ``unpaired`` are the draft's figures the claim has no figure of the same
    role and counted thing for: facts the claim does not back. ``dated``
    tells that a calendar date of the draft is one the claim states.
    """

    agreeing: list[tuple[Figure, Quantity]]
    issues: list[FigureIssue]
    unpaired: list[Quantity]
    dated: bool = False


def figure_comparison(
    text: str,
    claim: Claim,
    *,
    reference_date: dt.date | None = None,
    lexicon: Lexicon | None = None,
) -> FigureComparison:
    """Pair each draft figure with the claim figure of its role and judge it.

    A draft figure pairs only with claim figures of the same role (percent,
    count, usd; changes only with changes) whose counted thing does not
    conflict; one with no such figure is unpaired. Among those, the figure
    its value fits wins, then a near one (typos, transpositions), then the
    one sharing counted words, then the one with the same year.

    The checker asks this of one sentence and claim several times (to accept
    a match, to judge it, to look for unbacked figures): the last answers
    are kept, keyed by the claim's identity and its figures.
    """
    lexicon = lexicon or shipped_lexicon()
    key = (text, claim.id, claim.claim, claim.passage, claim.context, claim.figures, reference_date)
    known = _COMPARISONS.get((key, id(lexicon)))
    if known is None:
        if len(_COMPARISONS) > _COMPARISONS_KEPT:
            _COMPARISONS.clear()
        known = _COMPARISONS[key, id(lexicon)] = _compare(text, claim, reference_date, lexicon)
    return known


_COMPARISONS: dict[tuple[tuple, int], FigureComparison] = {}
_COMPARISONS_KEPT = 512
_CANDIDATES = Memo(_figure_candidates, _COMPARISONS_KEPT)  # by a claim's figures


def _compare(
    text: str, claim: Claim, reference_date: dt.date | None, lexicon: Lexicon
) -> FigureComparison:
    found = parse_figures(text, reference_date=reference_date)
    if not found:
        return FigureComparison([], [], [])  # each judgement below reads a draft's figure
    candidates = _candidates(claim)
    agreeing: list[tuple[Figure, Quantity]] = []
    issues: list[FigureIssue] = []
    unpaired: list[Quantity] = []
    for quantity in found:
        role = _quantity_role(quantity)
        if role is None:
            continue
        words = _count_words(quantity.counts)
        phrase = _noun_phrase(quantity.counts)
        if phrase and phrase[-1] in _UNCOUNTED:
            # "49 percent a year earlier" counts no year, "a 52-percent share" no share
            words, phrase = frozenset(), ()
        if reference_date is not None and (quantity.year or 0) > reference_date.year:
            unpaired.append(quantity)  # "60 percent by 2020": a forecast, no fact of the source's
            continue
        pool = [c for c in candidates if c.role == role and _compatible(words, phrase, c, lexicon)]
        if not pool:
            one = _one_named(quantity, phrase, claim)
            if one is None:
                unpaired.append(quantity)
            else:
                reason = f"{quantity.text} {quantity.counts}, source says {one.text}"
                issues.append(FigureIssue(one, quantity, reason))
            continue
        best = max(pool, key=lambda c: _pair_key(quantity, c))
        reasons = [
            reason
            for reason in (
                _value_reason(quantity, best),
                _time_reason(quantity, best.figure, found),
                _swap_reason(text, quantity, found, best, pool),
            )
            if reason
        ]
        if reasons:
            issues.append(FigureIssue(best.figure, quantity, "; ".join(reasons)))
        else:
            agreeing.append((best.figure, quantity))
    wrong_dates, dated = date_issues(found, claim, reference_date)
    if not wrong_dates and not dated and not claim.figures:
        wrong_dates = year_issues(found, claim, reference_date)
    if not wrong_dates and not dated:
        wrong_dates = span_issues(found, claim, reference_date)
    issues += [FigureIssue(*issue) for issue in wrong_dates]
    return FigureComparison(agreeing, issues, unpaired, dated)


def _one_named(quantity: Quantity, phrase: tuple[str, ...], claim: Claim) -> Figure | None:
    """The one thing a claim names where the draft counts a few of it.

    "Appoint two Border Security Coordinators" against "appoint a Border
    Security Coordinator": a small count (two to nine, which alone states no
    fact: see ``verdicts._casual``) of a noun the claim writes once, after "a",
    "an" or "one" and at most three words, and never in the plural. A claim
    that counts several ("coordinators") or none of it says nothing against
    the count.
    """
    if quantity.unit != "count" or quantity.change or not phrase or phrase[-1] == "people":
        return None
    if quantity.qualifier or quantity.value not in _FEW:
        return None
    head = phrase[-1]
    texts = [_WORDS.findall(text) for text in (claim.claim, claim.passage)]
    if any(_stem(w.lower()) == head != w.lower() for words in texts for w in words):
        return None  # the claim writes the noun in the plural too
    for words in texts:
        lower = [w.lower() for w in words]
        for start, word in enumerate(lower):
            if word not in ("a", "an", "one"):
                continue
            for end in range(start + 1, min(start + 5, len(lower))):
                if lower[end] == head:
                    counts = " ".join(words[start + 1 : end + 1])
                    return Figure(" ".join(words[start : end + 1]), 1.0, "count", counts)
                if lower[end] in _HEAD_STOP:
                    break
    return None


_WORDS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_FEW = frozenset(range(2, 10))

# Words after a figure that say when or what part it is, not what it counts.
_UNCOUNTED = SHARE_WORDS | frozenset(
    "year month week day decade earlier later ago part rate majority minority total".split()
)
# Words that end the counted noun phrase: "prosecutions involving …", "cases against …".
_HEAD_STOP = frozenset(
    "involving involved of for in that who which with by on from against to made accused "
    "were was are is had have brought charged related and or".split()
)


@functools.lru_cache(maxsize=4096)
def _noun_phrase(counts: str | None) -> tuple[str, ...]:
    """The counted noun phrase's words, singular, up to a preposition, a conjunction
    or a participle ("federal criminal prosecutions involving …"); its head is last."""
    if not counts:
        return ()
    found: list[str] = []
    for word in re.findall(r"[^\W_]+(?:-[^\W_]+)*", re.sub(r"\([^)]*\)", " ", counts.lower())):
        if word in _HEAD_STOP or (found and word.endswith(("ing", "ed"))):
            break  # a preposition, a conjunction or a participle ("willing", "prosecuted")
        found.append(_stem(word))
    return tuple(found)


def _loose(words: frozenset[str]) -> set[str]:
    """Words with their hyphenated parts: "improper-entry cases" counts improper entries."""
    return set(words).union(*(w.split("-") for w in words if "-" in w))


def _share_words(words: frozenset[str], others: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether two figures' counted words meet, themselves, by a hyphenated part, or as
    paraphrases ("412,240 prosecutions" and "people prosecuted")."""
    return bool(_loose(words) & _loose(others)) or any(
        lexicon.same(word_term(word), word_term(other)) for word in words for other in others
    )


def counts_meet(quantity: Quantity, figure: Figure, lexicon: Lexicon) -> bool:
    """Whether a draft figure and a claim figure name a counted thing in common
    ("all federal cases" and "federal criminal prosecutions …"), not only no conflict.

    People of any kind are no thing in common: "190,000 people" in prison and
    "two crimes migrants are prosecuted for" meet in nothing but that.
    """
    words, others = (_count_words(c) - {"people"} for c in (quantity.counts, figure.counts))
    return _share_words(words, others, lexicon)


def _compatible(
    words: frozenset[str], phrase: tuple[str, ...], candidate: _Candidate, lexicon: Lexicon
) -> bool:
    """Whether a draft figure and a claim figure count the same kind of thing.

    A share of arrests is not a share of prosecutions though both are
    "federal": one side's head noun must stand in the other's noun phrase,
    itself or as a paraphrase (``check.paraphrase``); generic heads ("people",
    "total") defer to shared words.
    """
    theirs = _noun_phrase(candidate.figure.counts)
    overlap = not (words and candidate.words and not _share_words(words, candidate.words, lexicon))
    if not phrase or not theirs:
        return overlap
    if words and words <= candidate.words:
        return True  # every word of the draft's is the claim's ("49 percent for entry and …")
    if any(
        lexicon.same(head, word)
        for head, others in ((phrase[-1], theirs), (theirs[-1], phrase))
        for word in others
    ):
        return True
    generic = phrase[-1] in _GENERIC_COUNTS or theirs[-1] in _GENERIC_COUNTS
    return overlap and generic
