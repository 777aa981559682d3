"""Find the figures a sentence states: numbers, percentages, years and spans.

Every figure is parsed into the interval of true values its wording allows
(see ``factcheck.figures.numerals``). Years and date spans are parsed too and attached
to the figures they qualify, because the right number with the wrong year is
still a wrong figure.

The parser is a hand-written scanner over the flat token list of
``numerals.tokenize``, so the work is linear in the input even for hostile
text.

A percent is a *change* when a change word governs it: "rose/fell/up/down N
percent", "rose by N percent", "an increase of N percent", "a N percent
increase", "N percent more/higher". "up from N percent" and "rose to N
percent" state levels, not changes. "percentage points" are always changes.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import datetime as dt
import math
import re
from typing import NamedTuple

from factcheck.figures.numerals import (
    AFTER_YEAR_BLOCKERS,
    CHANGE_AFTER,
    CHANGE_BEFORE,
    COUNTS_END,
    DENOMINATORS,
    DETERMINERS,
    DIGIT_SCALES,
    FRACTION_BLOCKERS,
    FRACTION_SCALES,
    HYPHEN_PREFIXES,
    MAJORITY,
    MONTH_ABBREVIATIONS,
    MONTH_PREPOSITIONS,
    MONTHS,
    ONE_BLOCKERS_AFTER,
    ONE_BLOCKERS_BEFORE,
    PHRASAL_UP,
    QUALIFIER_WORDS,
    SCALES,
    SHARE_FOLLOWERS,
    SHARE_WORDS,
    SPAN_CONNECTORS,
    SUFFIX_SCALES,
    TEENS,
    TENS,
    UNITS,
    VAGUE,
    WEEKDAYS,
    NumberPhrase,
    holds_numeral_or,
    interval,
    is_plural,
    tokenize,
    tolerance,
)

__all__ = [
    "Quantity",
    "format_number",
    "parse_figures",
    "parse_number",
]


_VOTES = frozenset({"vote", "votes", "margin", "tally"})


class Quantity(NamedTuple):
    """A figure as a draft states it, with the interval its wording allows.

    ``low``/``high`` bound the true value; ``change`` marks a figure that
    describes a change ("rose 7 percent") rather than a level. For units
    "year"/"date" the value is the year (or a span's first year) and
    ``YYYYMMDD`` (unknown parts 0) respectively; for "score" ("52-47") it is
    the first number.
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None
    low: float
    high: float
    year: int | None = None
    span: tuple[int, int | None] | None = None
    counts: str | None = None
    change: bool = False


# --------------------------------------------------------------------------
# Scanner tuning
# --------------------------------------------------------------------------

# Changes by a multiple, as a percent change: "doubled" (100), "tripled" (200), and after
# "will", "to"…: "double", "halve". "Cut in half" is ``halved``'s (see ``_Scanner.multiple``).
_MULTIPLIED = {
    "doubled": 100.0, "doubling": 100.0, "doubles": 100.0, "tripled": 200.0, "tripling": 200.0,
    "triples": 200.0, "quadrupled": 300.0, "quadrupling": 300.0, "halved": 50.0,
    "halving": 50.0,
}  # fmt: skip
_MULTIPLY = {"double": 100.0, "triple": 200.0, "quadruple": 300.0, "halve": 50.0}
_MODALS = frozenset("will would could can may might must shall to".split())
# Verbs of a fall that "in half" or "by half" after them makes a halving.
_CUTS = frozenset(
    "cut cuts slash slashed slashes reduce reduced reduces fell fall falls drop dropped drops "
    "decline declined declines shrank shrink shrinks".split()
)

# Words at which a date, time phrase or figure can start; other tokens are skipped fast.
_START_WORDS = frozenset(
    {words[0] for words in QUALIFIER_WORDS}
    | {words[0] for words in MAJORITY}
    | {words[0] for words, _, _ in VAGUE}
    | UNITS.keys()
    | TEENS.keys()
    | TENS.keys()
    | MONTHS.keys()
    | MONTH_ABBREVIATIONS.keys()
    | WEEKDAYS.keys()
    | set(
        "a half us since from between fiscal fy over in during for within throughout the "
        "last past previous this next".split()
    )
    | _MULTIPLIED.keys()
    | _MULTIPLY.keys()
)
_QUALIFIER_FIRST = frozenset(words[0] for words in QUALIFIER_WORDS)
_VAGUE_FIRST = frozenset(words[0] for words, _, _ in VAGUE)
_NUMBER_FIRST = frozenset(
    {"a", "one", "half"} | UNITS.keys() | TEENS.keys() | TENS.keys() | _VAGUE_FIRST
)
_RELATIVE_FIRST = frozenset(
    "over in during for within throughout the this next last past previous".split()
)
# Words without one of which (or a numeral) the scanner finds nothing: each
# production reads digits, a number word (``cardinal``, ``fraction``, ``vague``),
# "majority", a month or weekday (``date``), or a year or decade (``relative``,
# ``years_ago``). The words that only start a production ("in", "the", "over")
# need one of these after them.
_FIGURE_WORDS = frozenset(
    UNITS.keys()
    | TEENS.keys()
    | TENS.keys()
    | DIGIT_SCALES.keys()
    | DENOMINATORS.keys()
    | _VAGUE_FIRST
    | MONTHS.keys()
    | MONTH_ABBREVIATIONS.keys()
    | WEEKDAYS.keys()
    | {"majority", "year", "years", "decade", "decades"}
    | _MULTIPLIED.keys()
    | _MULTIPLY.keys()
)
# Distances for attaching a time phrase to a figure, in tokens (see ``_attach_times``).
_CLAUSE_PENALTY = 5
_LINK_PENALTY = 2  # 'and', 'from', 'than': the figure after them is a new item
# "to" ends a change's "from": "from 49 percent in 2015 to 52 percent in 2016".
_LINK_WORDS = {"and", "but", "while", "whereas", "compared", "versus", "vs", "than", "from", "to"}
_SENTENCE_PENALTY = 1000
# How many tokens back a percent's share word ("the share of prosecutions … 52 percent",
# ``SHARE_WORDS``) is looked for.
_SHARE_REACH = 16
# How many tokens back "the former" looks for what it refers to (a bound: a figure a time).
_REFERENT_REACH = 40
_DATE_PENALTY = 10
# ``parse_number``'s fast path for plain numerals.
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


# --------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------


class _Found(NamedTuple):
    """A quantity with the token range it covers (for attaching years)."""

    first: int
    end: int
    quantity: Quantity


class _Scanner:
    """Walks the tokens once, trying dates, time phrases and figures at each."""

    def __init__(self, text: str, reference_date: dt.date | None) -> None:
        self.text = text
        self._ref = reference_date
        self.dated = False  # whether the walk read the reference date (see ``_parse``)
        self.toks = tokenize(text)
        self.n = len(self.toks)

    @property
    def ref(self) -> dt.date | None:
        self.dated = True
        return self._ref

    # -- token helpers -----------------------------------------------------

    def word(self, k: int) -> str | None:
        if 0 <= k < self.n and self.toks[k].kind == "w":
            return self.toks[k].text
        return None

    def sym(self, k: int) -> str | None:
        if 0 <= k < self.n and self.toks[k].kind == "s":
            return self.toks[k].text
        return None

    def joined(self, k: int) -> bool:
        """True when token k touches the token before it (no space between)."""
        return 0 < k < self.n and self.toks[k - 1].end == self.toks[k].start

    def hyphen(self, k: int) -> bool:
        """A '-' at k glued to both neighbours, as in "fifty-two"."""
        return self.sym(k) == "-" and self.joined(k) and self.joined(k + 1)

    def year_at(self, k: int) -> int | None:
        if 0 <= k < self.n and self.toks[k].kind == "n":
            text = self.toks[k].text
            if len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100:
                return int(text)
        return None

    def make(self, first: int, end: int, value: float, unit: str, **fields: object) -> _Found:
        start, stop = self.toks[first].start, self.toks[end - 1].end
        fields.setdefault("qualifier", None)
        fields.setdefault("low", value)
        fields.setdefault("high", value)
        quantity = Quantity(self.text[start:stop], start, stop, value, unit, **fields)  # type: ignore[arg-type]
        return _Found(first, end, quantity)

    # -- the walk ----------------------------------------------------------

    def scan(self) -> list[_Found]:
        found: list[_Found] = []
        i = 0
        toks = self.toks
        while i < self.n:
            tok = toks[i]
            if tok.text not in _START_WORDS and tok.kind != "n" and tok.text != "$":
                i += 1
                continue
            result = self.multiple(i) or self.date(i) or self.time_phrase(i) or self.figure(i)
            if result is None:
                i += 1
                continue
            item, end = result
            if item is not None:
                found.append(item)
            i = max(end, i + 1)
        return found

    def multiple(self, i: int) -> tuple[_Found | None, int] | None:
        """A change by a multiple ("doubled", "will triple", "cut … in half"): a percent
        change no claim states unless it says so, where a reader takes a figure."""
        word = self.word(i)
        if word in _MULTIPLIED:
            value, first = _MULTIPLIED[word], i
        elif word in _MULTIPLY and self.word(i - 1) in _MODALS:
            value, first = _MULTIPLY[word], i  # a verb: "will double", not "a double standard"
        elif word == "half" and self.word(i - 1) in ("in", "by") and self._cut_before(i - 1):
            value, first = 50.0, i - 1
        else:
            return None
        if self.word(i + 1) == "down":
            return None  # "doubled down on the memo": an idiom
        found = self.make(first, i + 1, value, "percent", counts=self.counts(i + 1), change=True)
        return found, i + 1

    def _cut_before(self, k: int) -> bool:
        """A verb of a fall among the few words before token ``k``, in its clause."""
        for back in range(k - 1, max(-1, k - 7), -1):
            if self.sym(back) in (",", ";", ":"):
                return False
            if self.word(back) in _CUTS:
                return True
        return False

    # -- dates ---------------------------------------------------------------

    def date(self, i: int) -> tuple[_Found | None, int] | None:
        """Month names and weekdays, capitalized as newsroom copy writes them."""
        tok = self.toks[i]
        if tok.kind != "w" or not self.text[tok.start].isupper():
            return None
        if tok.text in WEEKDAYS:
            return self.weekday(i, WEEKDAYS[tok.text]), i + 1
        month = MONTHS.get(tok.text) or MONTH_ABBREVIATIONS.get(tok.text)
        if month is None:
            return None
        k = i + 1
        if tok.text not in MONTHS and self.sym(k) == "." and self.joined(k):
            k += 1
        day = year = None
        if k < self.n and self.toks[k].kind == "n" and self.toks[k].text.isdigit():
            if len(self.toks[k].text) <= 2 and 1 <= int(self.toks[k].text) <= 31:
                day, k = int(self.toks[k].text), k + 1
                comma = 1 if self.sym(k) == "," else 0
                year = self.year_at(k + comma)
                if year is not None:
                    k += comma + 1
            elif (year := self.year_at(k)) is not None:
                k += 1
        if day is None and year is None:
            before = self.word(i - 1) or (self.word(i - 2) if self.sym(i - 1) == "-" else None)
            if tok.text not in MONTHS or before not in MONTH_PREPOSITIONS:
                return None
        if year is None and self.ref is not None:
            past = (month, day or 1) <= (self.ref.month, self.ref.day)
            year = self.ref.year if past else self.ref.year - 1
        value = (year or 0) * 10000 + month * 100 + (day or 0)
        return self.make(i, k, float(value), "date", year=year), k

    def weekday(self, i: int, weekday: int) -> _Found:
        """Resolve a weekday to the latest such day on or before the reference."""
        if self.ref is None:
            return self.make(i, i + 1, 0.0, "date")
        try:
            day = self.ref - dt.timedelta(days=(self.ref.weekday() - weekday) % 7)
        except OverflowError:
            return self.make(i, i + 1, 0.0, "date")
        value = float(day.year * 10000 + day.month * 100 + day.day)
        return self.make(i, i + 1, value, "date", year=day.year)

    # -- years and spans ---------------------------------------------------

    def span_item(self, first: int, end: int, start: int, stop: int | None) -> _Found:
        high = float(stop) if stop is not None else math.inf
        return self.make(
            first, end, float(start), "year", low=float(start), high=high, span=(start, stop)
        )

    def year_item(self, first: int, end: int, year: int) -> _Found:
        return self.make(first, end, float(year), "year", year=year)

    def time_phrase(self, i: int) -> tuple[_Found | None, int] | None:
        """'since 2005', 'from 2005 to 2016', 'between ... and', 'FY2016', 'last year'."""
        word = self.word(i)
        if word is None:
            return self.years_ago(i)  # "2 years ago"
        if word == "since":
            return self.since(i)
        if word in ("from", "between"):
            return self.between(i, "and" if word == "between" else None)
        if word == "fiscal":
            k = i + 2 if self.word(i + 1) == "year" else i + 1
            year = self.year_at(k)
            return (self.year_item(i, k + 1, year), k + 1) if year is not None else None
        if word == "fy":
            return self.fiscal_abbreviation(i)
        return self.years_ago(i) or self.relative(i)

    def years_ago(self, i: int) -> tuple[_Found | None, int] | None:
        """'two years ago', 'a year ago': a year counted back from the reference date."""
        counted = (1, i + 1) if self.word(i) in ("a", "one") else self.small_count(i)
        if counted is None:
            return None
        years, k = counted
        if self.word(k) not in ("year", "years") or self.word(k + 1) != "ago":
            return None
        if self.ref is None:
            return None, k + 2
        return self.year_item(i, k + 2, self.ref.year - years), k + 2

    def since(self, i: int) -> tuple[_Found | None, int] | None:
        k = i + 1
        month = self.word(k)
        if month in MONTHS and self.text[self.toks[k].start].isupper():
            k += 1
        start = self.year_at(k)
        if start is None:
            return None
        stop = self.ref.year if self.ref is not None else None
        return self.span_item(i, k + 1, start, stop), k + 1

    def between(self, i: int, connector: str | None) -> tuple[_Found | None, int] | None:
        start = self.year_at(i + 1)
        if start is None:
            return None
        link = self.word(i + 2) or self.sym(i + 2)
        if not (link == connector if connector else link in SPAN_CONNECTORS):
            return None
        stop = self.year_at(i + 3)
        if stop is None and link == "-" and i + 3 < self.n:
            stop = self.short_year(start, self.toks[i + 3].text)
        if stop is None or stop < start:
            return None
        return self.span_item(i, i + 4, start, stop), i + 4

    @staticmethod
    def short_year(start: int, text: str) -> int | None:
        """'2005-16' means 2016: the two digits replace the century's last two."""
        if len(text) != 2 or not text.isdigit():
            return None
        year = start // 100 * 100 + int(text)
        return year if year > start else None

    def fiscal_abbreviation(self, i: int) -> tuple[_Found | None, int] | None:
        k = i + 1
        if k >= self.n or self.toks[k].kind != "n":
            return None
        text = self.toks[k].text
        year = self.year_at(k)
        if year is None and len(text) == 2 and text.isdigit():
            year = 2000 + int(text)
        return (self.year_item(i, k + 1, year), k + 1) if year is not None else None

    def relative(self, i: int) -> tuple[_Found | None, int] | None:
        """'last year', 'this year', 'over the last decade', 'the past five years',
        'the last two decades'."""
        if self.toks[i].text not in _RELATIVE_FIRST:
            return None
        k = i
        if self.word(k) in ("over", "in", "during", "for", "within", "throughout"):
            k += 1
        has_the = self.word(k) == "the"
        if has_the:
            k += 1
        word = self.word(k)
        years: int | None = None
        point: int | None = None
        end = k + 2
        if word in ("this", "next") and k == i and self.word(k + 1) == "year":
            point = 0 if word == "this" else 1
        elif word in ("last", "past", "previous"):
            unit = self.word(k + 1)
            if unit == "decade":
                years = 10
            elif unit == "year":
                if word == "last" and k == i:
                    point = -1
                else:
                    years = 1
            else:
                count = self.small_count(k + 1)
                per = {"years": 1, "decades": 10}.get(self.word(count[1])) if count else None
                if count is not None and per is not None:
                    years, end = count[0] * per, count[1] + 1
        if years is None and point is None:
            return None
        if self.ref is None:
            return None, end
        if point is not None:
            return self.year_item(i, end, self.ref.year + point), end
        return self.span_item(i, end, self.ref.year - (years or 0), self.ref.year), end

    def small_count(self, k: int) -> tuple[int, int] | None:
        """A count of years written in digits or words ('five', '10')."""
        if 0 <= k < self.n and self.toks[k].kind == "n" and self.toks[k].text.isdigit():
            value = int(self.toks[k].text[-4:])
            return value, k + 1
        num = self.cardinal(k)
        if num is None:
            return None
        return int(num.value), num.end

    # -- figures -----------------------------------------------------------

    def figure(self, i: int) -> tuple[_Found | None, int] | None:
        """Qualifier? + '$'? + number phrase + unit, or a bare year/score."""
        tok = self.toks[i]
        if tok.kind == "x":
            return None
        if tok.text in ("a", "the") and self.word(i + 1) == "majority":
            return self.majority(i)
        j, qualifier = i, None
        if tok.kind == "w" and tok.text in _QUALIFIER_FIRST:
            matched = self.qualifier(i)
            if matched is not None:
                qualifier, j = matched
        dollar = False
        if self.sym(j) == "$":
            dollar, j = True, j + 1
        elif self.word(j) == "us" and self.sym(j + 1) == "$" and self.joined(j + 1):
            dollar, j = True, j + 2
        if j >= self.n:
            return None
        ratio = None if dollar else self.ratio(j)
        if ratio is not None:
            return self.build(i, ratio.end, ratio, "percent", qualifier), ratio.end
        if self.toks[j].kind == "n":
            if not self.numeral_context_ok(j):
                return None
            # "an increase over 2015": a year a change is measured from, not more than 2,015.
            if (qualifier is None or qualifier == "over") and not dollar:
                special = self.year_or_score(j)
                if special is not None and (qualifier is None or special.quantity.unit == "year"):
                    return special, special.end
        num = self.phrase(j, qualified=qualifier is not None, standalone=False)
        if num is None:
            return None
        unit, k = self.unit(num, dollar)
        return self.build(i, k, num, unit, qualifier), k

    def build(self, i: int, k: int, num: NumberPhrase, unit: str, qualifier: str | None) -> _Found:
        """Attach the interval, counted noun phrase and change flag."""
        if num.kind == "vague":
            low, high = num.low, num.high
            qualifier = qualifier or num.label
        elif num.kind == "share" and num.value == 50 and qualifier in ("more than", "over"):
            qualifier = "more than half"
            low, high = math.nextafter(50.0, math.inf), 200 / 3
        else:
            low, high = interval(num.value, qualifier, tolerance(num, unit))
        change = unit == "percentage point" or self.is_change(i, k)
        return self.make(
            i,
            k,
            num.value,
            unit,
            qualifier=qualifier,
            low=low,
            high=high,
            counts=self.counts(k) or (self.share_of(i) if unit == "percent" else None),
            change=change,
        )

    def majority(self, i: int) -> tuple[_Found | None, int] | None:
        for length in (3, 2):
            words = tuple(self.word(i + x) for x in range(length))
            if words in MAJORITY:
                end = i + length
                found = self.make(
                    i,
                    end,
                    50.0,
                    "percent",
                    qualifier="a majority of",
                    low=math.nextafter(50.0, math.inf),
                    high=100.0,
                    counts=self.counts(end),
                )
                return found, end
        return None

    def qualifier(self, i: int) -> tuple[str, int] | None:
        for length in (3, 2, 1):
            words = tuple(self.word(i + x) for x in range(length))
            key = QUALIFIER_WORDS.get(words)  # type: ignore[arg-type]
            if key is not None:
                return key, i + length
        return None

    def numeral_context_ok(self, j: int) -> bool:
        """Reject digits glued to words: 'H1B', 'COVID-19' (but not 'mid-2016')."""
        if not self.joined(j):
            return True
        before = self.word(j - 1)
        if before is not None:
            return before == "fy"
        if self.sym(j - 1) == "-" and self.joined(j - 1):
            return self.word(j - 2) in HYPHEN_PREFIXES or self.word(j - 2) is None
        return True

    def year_or_score(self, j: int) -> _Found | None:
        """Bare years ('in 2016'), decades ('1990s'), '2005-2016' and '52-47'."""
        text = self.toks[j].text
        if not text.isdigit():
            return None
        year = self.year_at(j)
        glued_hyphen = self.hyphen(j + 1) and j + 2 < self.n and self.toks[j + 2].kind == "n"
        if year is not None:
            if self.word(j + 1) == "s" and self.joined(j + 1) and year % 10 == 0:
                return self.span_item(j, j + 2, year, year + 9)
            if glued_hyphen:
                stop = self.year_at(j + 2) or self.short_year(year, self.toks[j + 2].text)
                if stop is not None and stop > year:
                    return self.span_item(j, j + 3, year, stop)
            if self.sym(j + 1) == "%" or self.word(j + 1) in AFTER_YEAR_BLOCKERS:
                return None
            if self.word(j + 1) is not None and self.joined(j + 1):
                return None
            return self.year_item(j, j + 1, year)
        if glued_hyphen:
            other = self.toks[j + 2].text
            if other.isdigit() and len(text) <= 3 and len(other) <= 3:
                after = self.word(j + 3)
                if self.sym(j + 3) != "%" and after not in ("percent", "pct"):
                    value = float(text)
                    return self.make(j, j + 3, value, "score")
        return self.tally(j)

    def tally(self, j: int) -> _Found | None:
        """A vote written out: "a vote of 52 to 47", "a 52 to 47 vote"."""
        text = self.toks[j].text
        if self.word(j + 1) != "to" or j + 2 >= self.n or len(text) > 3:
            return None
        other = self.toks[j + 2].text
        if not other.isdigit() or len(other) > 3:
            return None
        voted = (self.word(j - 1) == "of" and self.word(j - 2) in _VOTES) or self.word(
            j + 3
        ) in _VOTES
        return self.make(j, j + 3, float(text), "score") if voted else None

    def phrase(self, j: int, *, qualified: bool, standalone: bool) -> NumberPhrase | None:
        if self.toks[j].kind == "n":
            return self.digit_fraction(j, qualified) or self.digits(j)
        if self.toks[j].kind != "w" or self.toks[j].text not in _NUMBER_FIRST:
            return None
        return self.vague(j) or self.fraction(j, qualified, standalone) or self.cardinal(j)

    def digits(self, j: int) -> NumberPhrase | None:
        written = self.toks[j].text.replace(",", "")
        value = float(written)
        if not math.isfinite(value):
            return None
        k, step = j + 1, 1.0
        after = self.word(k)
        if after is not None and self.joined(k):
            if after in SUFFIX_SCALES:
                step, k = SUFFIX_SCALES[after], k + 1
            elif after not in ("percent", "pct"):
                return None  # ordinals ('3rd'), model names ('5G'), times ('10am')
        elif after in DIGIT_SCALES:
            step, k = DIGIT_SCALES[after], k + 1
        if not math.isfinite(value * step):
            return None
        return NumberPhrase(value * step, k, "digits", written=written, step=step)

    def vague(self, j: int) -> NumberPhrase | None:
        if self.toks[j].text not in _VAGUE_FIRST:
            return None
        for words, low, high in VAGUE:
            if all(self.word(j + x) == w for x, w in enumerate(words)):
                label = " ".join(words)
                return NumberPhrase(low, j + len(words), "vague", low=low, high=high, label=label)
        return None

    def ratio(self, j: int) -> NumberPhrase | None:
        """ "three in ten", "one in four", "6 out of 10": a share, as a percent ("nearly
        three in ten prosecutions" is a share of prosecutions, not two counts)."""
        top = self.small_number(j)
        if top is None:
            return None
        k = j + 1
        if self.word(k) == "in":
            k += 1
        elif self.word(k) == "out" and self.word(k + 1) == "of":
            k += 2
        else:
            return None
        bottom = self.small_number(k)
        if bottom is None or not 0 < top < bottom:
            return None
        return NumberPhrase(100 * top / bottom, k + 1, "share")

    def small_number(self, k: int) -> int | None:
        """A whole number from one to a hundred, in one token ("six", "10")."""
        word = self.word(k)
        if word is not None:
            return UNITS.get(word) or (TEENS.get(word) or None)
        if 0 <= k < self.n and self.toks[k].kind == "n" and self.toks[k].text.isdigit():
            value = int(self.toks[k].text)
            return value if 1 <= value <= 100 else None
        return None

    def fraction(self, j: int, qualified: bool, standalone: bool) -> NumberPhrase | None:
        """'half', 'a quarter', 'two-thirds', 'three quarters of a million'."""
        k = j
        numerator: int | None = None
        first = self.word(k)
        if first in ("a", "one"):
            numerator, k = 1, k + 1
        elif first in UNITS or (first in TEENS and first != "zero"):
            numerator, k = UNITS.get(first) or TEENS[first], k + 1
        if numerator is not None and self.hyphen(k):
            k += 1
        denominator = self.word(k)
        if denominator not in DENOMINATORS:
            return None
        if numerator is None:
            if denominator != "half":
                return None
            numerator = 1
        if self.hyphen(k + 1):
            return None  # 'half-hour', 'quarter-final'
        share = numerator / DENOMINATORS[denominator]
        k += 1
        scale = self.fraction_scale(k)
        if scale is not None:
            return NumberPhrase(share * scale[0], scale[1], "fraction")
        if standalone:
            return NumberPhrase(share, k, "fraction")
        if self.word(j - 1) in FRACTION_BLOCKERS and not qualified:
            return None
        if qualified or self.word(k) in SHARE_FOLLOWERS:
            return NumberPhrase(100 * share, k, "share")
        return None

    def digit_fraction(self, j: int, qualified: bool) -> NumberPhrase | None:
        """'3/4 of a million', 'nearly 1/2 of prosecutions': a fraction in digits, as its
        words would be read ('4/11/2017' is a date, '24/7' no fraction)."""
        if not (self.sym(j + 1) == "/" and self.joined(j + 1) and self.joined(j + 2)):
            return None
        if j + 2 >= self.n or self.toks[j + 2].kind != "n" or self.sym(j + 3) == "/":
            return None
        top, bottom = self.toks[j].text, self.toks[j + 2].text
        if not (top.isdigit() and bottom.isdigit() and 0 < int(top) < int(bottom) <= 10):
            return None
        share, k = int(top) / int(bottom), j + 3
        scale = self.fraction_scale(k)
        if scale is not None:
            return NumberPhrase(share * scale[0], scale[1], "fraction")
        if qualified or self.word(k) in SHARE_FOLLOWERS:
            return NumberPhrase(100 * share, k, "share")
        return None

    def fraction_scale(self, k: int) -> tuple[float, int] | None:
        """'of a million', 'a million' (as in 'half a million'), 'million'."""
        if self.word(k) == "of" and self.word(k + 1) == "a":
            word = self.word(k + 2)
            return (FRACTION_SCALES[word], k + 3) if word in FRACTION_SCALES else None
        if self.word(k) == "a" and self.word(k + 1) in FRACTION_SCALES:
            return FRACTION_SCALES[self.word(k + 1) or ""], k + 2
        word = self.word(k)
        return (FRACTION_SCALES[word], k + 1) if word in FRACTION_SCALES else None

    def cardinal(self, j: int) -> NumberPhrase | None:
        """Number words: 'two', 'fifty-two', 'a hundred', 'two million', 'a dozen'."""
        total, chunk = 0.0, 0.0
        last: str | None = None
        seen_hundred = False
        previous_scale = math.inf
        k = end = j
        while k < self.n:
            word = self.word(k)
            if word is None:
                if last == "tens" and self.hyphen(k) and self.word(k + 1) in UNITS:
                    k += 1
                    continue
                break
            if word in UNITS and last in (None, "tens", "hundred", "scale", "and"):
                chunk, last = chunk + UNITS[word], "unit"
            elif word in TEENS and last in (None, "hundred", "scale", "and"):
                chunk, last = chunk + TEENS[word], "teen"
                if word == "zero":
                    k, end = k + 1, k + 1
                    break
            elif word in TENS and last in (None, "hundred", "scale", "and"):
                chunk, last = chunk + TENS[word], "tens"
            elif word == "hundred" and last in ("unit", "teen", "a") and not seen_hundred:
                chunk, last, seen_hundred = (chunk or 1) * 100, "hundred", True
            elif (
                word in SCALES
                and last in ("unit", "teen", "tens", "hundred", "a")
                and SCALES[word] < previous_scale
            ):
                total += (chunk or 1) * SCALES[word]
                chunk, last, seen_hundred = 0.0, "scale", False
                previous_scale = SCALES[word]
            elif word == "dozen" and last in ("unit", "teen", "tens", "a") and not total:
                chunk, last = (chunk or 1) * 12, "dozen"
                k, end = k + 1, k + 1
                break
            elif word == "a" and last is None and self.word(k + 1) in DIGIT_SCALES:
                last = "a"
            elif word == "and" and last in ("hundred", "scale"):
                if not ({self.word(k + 1)} & (UNITS.keys() | TEENS.keys() | TENS.keys())):
                    break
                last = "and"
            else:
                break
            k += 1
            if last not in ("a", "and"):
                end = k
        if end == j:
            return None
        value = total + chunk
        if end == j + 1 and self.word(j) == "one" and not self.plain_one(j):
            return None
        return NumberPhrase(value, end, "words")

    def plain_one(self, j: int) -> bool:
        """'one' is a pronoun in 'one of the', 'no one', 'which one'."""
        return (
            self.word(j - 1) not in ONE_BLOCKERS_BEFORE
            and self.word(j + 1) not in ONE_BLOCKERS_AFTER
        )

    def unit(self, num: NumberPhrase, dollar: bool) -> tuple[str, int]:
        k = num.end
        if num.kind == "share":
            return "percent", k
        if self.sym(k) == "%":
            return "percent", k + 1
        if self.hyphen(k) and self.word(k + 1) in ("percent", "pct"):
            return "percent", k + 2
        word = self.word(k)
        if word in ("percent", "pct", "percentage"):
            if self.word(k + 1) in ("point", "points"):
                return "percentage point", k + 2
            if word != "percentage":
                return "percent", k + 1
        if word == "per" and self.word(k + 1) == "cent":
            return "percent", k + 2
        if word in ("dollars", "dollar", "usd"):
            return "usd", k + 1
        return ("usd" if dollar else "count"), k

    def is_change(self, i: int, k: int) -> bool:
        """A change word right before ('fell', 'rose by') or after ('increase')."""
        before = self.word(i - 1)
        if before == "up" and self.word(i - 2) in PHRASAL_UP:
            return False  # 'made up 49 percent', 'took up 10 percent': levels
        if before in CHANGE_BEFORE:
            return True
        if before in ("by", "of") and self.word(i - 2) in CHANGE_BEFORE:
            return True
        return self.word(k) in CHANGE_AFTER

    def initials(self, j: int) -> int:
        """The token after initials with periods ("U.S.", "D.C.") at ``j``, else ``j``."""
        end = j
        while (word := self.word(end)) is not None and len(word) == 1 and self.sym(end + 1) == ".":
            end += 2
        return end if end - j >= 4 else j

    def counts(self, k: int) -> str | None:
        """The counted noun phrase: up to three words, stopping after a plural."""
        j = k
        if self.hyphen(j) and self.word(j + 1) is not None:
            j += 1
        if self.word(j) in ("of", "for"):
            j += 1
        for _ in range(3):
            if self.word(j) in DETERMINERS:
                j += 1
        words: list[str] = []
        while len(words) < 3:
            word = self.word(j)
            if word is None:
                break
            end, hops = j + 1, 0
            if self.initials(j) > j:
                j = self.initials(j)  # "U.S." federal prosecutions: a modifier, skipped
                continue
            while hops < 4 and self.hyphen(end) and self.word(end + 1) is not None:
                word = f"{word}-{self.word(end + 1)}"
                end, hops = end + 2, hops + 1
            if word in COUNTS_END or word.endswith("ly") or (words and word.endswith("ed")):
                break
            words.append(word)
            j = end
            if is_plural(word):
                break
        if words in (["former"], ["latter"]):
            return self.referent(k, words[0] == "former")
        return " ".join(words) or None

    def referent(self, k: int, former: bool) -> str | None:
        """What "the former" or "the latter" counts: a side of the last "A and B" or "A or
        B" before the figure ("… for improper entry or re-entry — 412,240 for the former":
        improper entry), up to two words a side; None where there is none to read."""
        for j in range(k - 1, max(0, k - _REFERENT_REACH), -1):
            if self.word(j) not in ("and", "or") or self.numeral_near(j + 1):
                continue  # no "and" of the figures' own list ("412,240 … and 317,916 …")
            if not former:
                return self.counts(j + 1)
            found = [w for at in (j - 2, j - 1) if (w := self.word(at)) and w not in DETERMINERS]
            return " ".join(found) or None
        return None

    def numeral_near(self, j: int) -> bool:
        """Whether a numeral is at ``j`` or the token after it."""
        return any(0 <= at < self.n and self.toks[at].kind == "n" for at in (j, j + 1))

    def share_of(self, i: int) -> str | None:
        """What a percent that names nothing after it is a share of, named before it in
        its clause: "the immigration share of federal prosecutions rose to 58 percent"."""
        for j in range(i - 1, max(-1, i - _SHARE_REACH), -1):
            if self.toks[j].kind == "s" and self.clause_break(j):
                return None
            if self.word(j) in SHARE_WORDS and self.word(j + 1) == "of":
                return self.counts(j + 1)
        return None

    # -- attaching years ---------------------------------------------------

    def metric(self) -> list[int]:
        """Token positions stretched at clause and sentence boundaries."""
        metric: list[int] = []
        extra = 0
        for index, tok in enumerate(self.toks):
            metric.append(index + extra)
            if tok.kind == "w" and tok.text in _LINK_WORDS:
                extra += _LINK_PENALTY
            if tok.kind != "s":
                continue
            if self.clause_break(index):
                extra += _CLAUSE_PENALTY
            elif tok.text[0] in ".!?" and self.sentence_end(index):
                extra += _SENTENCE_PENALTY
        return metric

    def clause_break(self, index: int) -> bool:
        """Commas, colons, brackets, quotes and free-standing dashes end a clause."""
        first = self.toks[index].text[0]
        if first in ',;:()"':
            return True
        spaced = not (self.joined(index) or self.joined(index + 1))
        return first == "-" and (len(self.toks[index].text) > 1 or spaced)

    def sentence_end(self, index: int) -> bool:
        if index + 1 >= self.n:
            return True
        nxt = self.toks[index + 1]
        if nxt.start == self.toks[index].end:
            return False
        first = self.text[nxt.start]
        return first.isupper() or not first.isalpha()


def _attach_times(scanner: _Scanner, found: list[_Found]) -> list[Quantity]:
    """Give each figure the year or span of the nearest time phrase.

    Nearness counts tokens, with a penalty per clause boundary crossed and no
    attachment across sentences. Dates (when a statement was made) weigh less
    than explicit years. Sweeps in both directions keep this linear.
    """
    times = [f for f in found if _is_time(f.quantity)]
    if not times:
        return [f.quantity for f in found]
    baselines = [f for f in times if _baseline(scanner, f)]
    if baselines:  # "52 percent, up from 2015": 2015 is what it is compared with, kept apart
        attached = _attach_times(scanner, [f for f in found if f not in baselines])
        kept = attached + [f.quantity for f in baselines]
        return sorted(kept, key=lambda q: q.start)
    metric = scanner.metric()  # only distances to a time phrase need it
    best: dict[int, tuple[int, Quantity]] = {}
    for index, item in enumerate(found):
        if _is_time(item.quantity) or item.quantity.unit in ("year", "date", "score"):
            continue
        best[index] = (_SENTENCE_PENALTY, item.quantity)
    _sweep(found, metric, best, forward=True)
    _sweep(found, metric, best, forward=False)
    result: list[Quantity] = []
    for index, item in enumerate(found):
        if index in best and best[index][1] is not item.quantity:
            time = best[index][1]
            if time.span is not None and time.span[1] and _reached(scanner, item):
                result.append(item.quantity._replace(year=time.span[1]))
            elif time.span is not None:
                result.append(item.quantity._replace(span=time.span))
            else:
                result.append(item.quantity._replace(year=time.year))
        else:
            result.append(item.quantity)
    return result


def _reached(scanner: _Scanner, item: _Found) -> bool:
    """Whether a figure is where a change over a span ended ("climbed between 2015 and
    2016, reaching 52 percent"): the span's last year's figure, not the span's."""
    return scanner.word(item.first - 1) in _REACHING


# Words before a figure that a change over a span ended at.
_REACHING = frozenset({"reaching", "reached", "hitting", "hit"})


# Words before "from" that make the year after it a change's starting point: "52 percent,
# up from 2015" (not "an increase from 2015, when … 49 percent": that year is the 49's).
_CHANGED_FROM = frozenset({"up", "down"})


def _baseline(scanner: _Scanner, time: _Found) -> bool:
    """Whether a time phrase is a change's starting point ("up from 2015", "compared with
    2015"), not the time of the figure next to it. One a "when" clause follows is that
    clause's time too ("up from 2015, when … made up 49 percent"): not kept apart."""
    first = time.first
    if scanner.word(time.end) == "when" or (
        scanner.sym(time.end) == "," and scanner.word(time.end + 1) == "when"
    ):
        return False
    before = scanner.word(first - 1)
    if before == "from":
        return scanner.word(first - 2) in _CHANGED_FROM
    if before == "over":
        return True  # "an increase over 2015": what a change is measured from
    return before in ("with", "to") and scanner.word(first - 2) == "compared"


def _is_time(quantity: Quantity) -> bool:
    return quantity.unit in ("year", "date") and (
        quantity.year is not None or quantity.span is not None
    )


def _sweep(
    found: list[_Found],
    metric: list[int],
    best: dict[int, tuple[int, Quantity]],
    *,
    forward: bool,
) -> None:
    """Track the nearest year and nearest date on one side of each figure."""
    order = range(len(found)) if forward else range(len(found) - 1, -1, -1)
    nearest: dict[str, _Found] = {}
    for index in order:
        item = found[index]
        if _is_time(item.quantity):
            nearest[item.quantity.unit] = item
            continue
        if index not in best:
            continue
        for unit, time in nearest.items():
            if forward:
                cost = metric[item.first] - metric[time.end - 1]
            else:
                cost = metric[time.first] - metric[item.end - 1]
            cost += _DATE_PENALTY if unit == "date" else 0
            if cost < best[index][0]:
                best[index] = (cost, time.quantity)


# --------------------------------------------------------------------------
# Public parsing API
# --------------------------------------------------------------------------


def parse_figures(text: str, *, reference_date: dt.date | None = None) -> list[Quantity]:
    """Every figure, year and date in ``text``, in order of appearance.

    Relative time ("last year", "over the last decade") is resolved against
    ``reference_date``; without one it is recognized but not returned.
    """
    found = _PARSED.get(text)
    if found is None:
        found = _PARSED.get((text, reference_date))
        if found is None:
            found = _parse(text, reference_date)
    return list(found)


# Figures parsed already: by text alone when the reference date did not matter, else by
# text and date. At most ``_PARSED_KEPT`` are kept, then the table starts again.
_PARSED: dict[str | tuple[str, dt.date | None], tuple[Quantity, ...]] = {}
_PARSED_KEPT = 8192


def _parse(text: str, reference_date: dt.date | None) -> tuple[Quantity, ...]:
    """Parse a text and keep its figures.

    The checker asks about one sentence several times (is it checkable, do
    its figures agree with each claim), and each claim brings its source's
    date. A sentence whose walk never read the date (no bare month, weekday,
    "last year" or "since 2005") has the same figures whatever the date, so
    it is kept by its text and parsed once, not once a date. A sentence without
    a numeral or a figure word (most of a draft) is not scanned at all.
    """
    if len(_PARSED) > _PARSED_KEPT:
        _PARSED.clear()
    if not holds_numeral_or(text, _FIGURE_WORDS):
        _PARSED[text] = ()
        return ()
    scanner = _Scanner(text, reference_date)
    found = tuple(_elided(text, _ranges(text, _attach_times(scanner, scanner.scan()))))
    _PARSED[(text, reference_date) if scanner.dated else text] = found
    return found


_BETWEEN = re.compile(r"\bbetween[ \u00a0]+$", re.IGNORECASE)
# "…, up from 49 percent", "compared with 49 percent": a figure set against the one before.
_SET_AGAINST = re.compile(
    r"\b(?:from|than|compared[ \u00a0]+(?:with|to)|versus|vs\.?|against)[ \u00a0]+$", re.IGNORECASE
)


def _elided(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "52 percent of federal prosecutions in 2016, up from 39 percent in 2015": the
    second share counts what the first does, the words left out. A share or count set
    against the figure of its unit before it, naming nothing it counts, takes its counts."""
    result: list[Quantity] = []
    for quantity in found:
        before = next((q for q in reversed(result) if q.unit == quantity.unit), None)
        if (
            before is not None
            and quantity.counts is None
            and before.counts
            and quantity.unit in ("percent", "count")
            and _SET_AGAINST.search(text, max(0, quantity.start - 20), quantity.start)
        ):
            quantity = quantity._replace(counts=before.counts)
        result.append(quantity)
    return result


def _ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "between 50 and 55 percent" is one figure: an interval, not two numbers."""
    merged: list[Quantity] = []
    for quantity in found:
        first = merged[-1] if merged else None
        if (
            first is not None
            and first.unit in (quantity.unit, "count")
            and quantity.unit not in ("year", "date", "score")
            and text[first.end : quantity.start].strip().lower() == "and"
            and _BETWEEN.search(text, 0, first.start)
            and first.value < quantity.value
        ):
            merged[-1] = quantity._replace(
                text=text[first.start : quantity.end],
                start=first.start,
                value=(first.value + quantity.value) / 2,
                qualifier="between",
                low=first.value,
                high=quantity.value,
                year=quantity.year or first.year,
            )
            continue
        merged.append(quantity)
    return merged


def parse_number(words: str) -> float | None:
    """The value of a standalone number phrase, or None if it is not one.

    Accepts numerals ("412,240", "-3.5"), number words ("fifty-two"), scaled
    forms ("1.2 million", "three quarters of a million") and bare fractions
    ("half" -> 0.5); a leading "$" or trailing "percent" is tolerated.
    """
    stripped = words.strip()
    if _PLAIN_NUMBER.fullmatch(stripped):
        return float(stripped.replace(",", ""))
    scanner = _Scanner(stripped, None)
    j, sign = 0, 1.0
    if scanner.sym(j) == "-":
        j, sign = 1, -1.0
    if scanner.sym(j) == "$":
        j += 1
    if j >= scanner.n:
        return None
    num = scanner.phrase(j, qualified=False, standalone=True)
    if num is None:
        return None
    _, end = scanner.unit(num, dollar=False)
    return num.value * sign if end == scanner.n else None


def format_number(value: float) -> str:
    """Display form: thousands separators, no exponent, no trailing '.0'.

    Non-integers use the shortest repr digits, so ``parse_number`` reads the
    exact same float back.
    """
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    from decimal import Decimal  # rare: a figure with decimals in a report

    return f"{Decimal(repr(float(value))):,f}"
