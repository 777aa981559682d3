"""Find the figures a sentence states and compare them with a claim's figures.

Reporters restate numbers loosely ("nearly 750,000", "more than half", "dozens"),
so every figure is parsed into an *interval* of true values its wording allows,
and two figures agree when their intervals intersect. Years and date spans are
parsed too and attached to the figures they qualify, because the right number
with the wrong year is still a wrong figure.

The parser is a hand-written scanner over a flat token list: the only regular
expressions are simple tokenizers without nested quantifiers, so the work is
linear in the input even for hostile text (megabytes of digits or symbols).

Design decisions (see ``_interval`` and ``_tolerance`` for the numbers):

* An exact figure allows the rounding its writing implies: half a unit of the
  last written digit ("52 percent" -> [51.5, 52.5], "1.2 million" -> +-50,000).
  Counts with at most two significant digits and trailing zeros ("730,000",
  "a hundred") are read as rounded: half a unit of the last non-zero digit,
  capped at 5 % of the value. Fractions in words ("three quarters of a
  million", "half") are read as +-5 %, so bare "half" is [47.5, 52.5].
* Qualifiers: "nearly"/"almost" -> [0.9v, v]; "more than"/"over" -> (v, 1.3v];
  "at least" -> [v, 1.3v]; "about"/"roughly"/"some" -> v +- max(10 %, rounding);
  "less than"/"under" -> [0.7v, v); "up to"/"as many as" -> [0.7v, v];
  "more than half" -> (50, 66.7] percent; "a majority of" -> (50, 100] percent;
  "dozens" -> [24, 99], "hundreds" -> [200, 999], "thousands" -> [2000, 9999]...
  Open bounds use ``math.nextafter`` so "more than 700,000" excludes 700,000.
* A percent is a *change* when a change word governs it: "rose/fell/up/down N
  percent", "rose by N percent", "an increase of N percent", "a N percent
  increase", "N percent more/higher". "up from N percent" and "rose to N
  percent" state levels, not changes. "percentage points" are always changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from factcheck.model import Claim, Figure

__all__ = [
    "FigureIssue",
    "Quantity",
    "compare_figures",
    "format_number",
    "parse_figures",
    "parse_number",
]


@dataclass(frozen=True)
class Quantity:
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


@dataclass(frozen=True)
class FigureIssue:
    """A draft figure that contradicts the claim figure it was paired with."""

    expected: Figure
    found: Quantity
    reason: str


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "zero": 0,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_DIGIT_SCALES = {**_SCALES, "hundred": 1e2, "dozen": 12.0}
_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_FRACTION_SCALES = {**_SCALES, "dozen": 12.0}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
# Plural round numbers and the interval they allow (two of them, up to the next power).
_VAGUE: tuple[tuple[tuple[str, ...], float, float], ...] = (
    (("tens", "of", "thousands"), 2e4, 99_999.0),
    (("hundreds", "of", "thousands"), 2e5, 999_999.0),
    (("tens", "of", "millions"), 2e7, 99_999_999.0),
    (("hundreds", "of", "millions"), 2e8, 999_999_999.0),
    (("dozens",), 24.0, 99.0),
    (("hundreds",), 200.0, 999.0),
    (("thousands",), 2e3, 9_999.0),
    (("millions",), 2e6, 9_999_999.0),
    (("billions",), 2e9, 9_999_999_999.0),
    # Small vague counts: "a handful of congregations" is not "dozens".
    (("handful",), 2.0, 9.0),
    (("few",), 2.0, 9.0),
    (("several",), 3.0, 12.0),
    (("scores",), 40.0, 199.0),
)

# Qualifier wording -> the kind of interval it implies.
_QUALIFIERS = {
    "nearly": "below",
    "almost": "below",
    "close to": "below",
    "just under": "below",
    "just shy of": "below",
    "more than": "above",
    "over": "above",
    "just over": "above",
    "well over": "above",
    "upwards of": "above",
    "in excess of": "above",
    "greater than": "above",
    "above": "above",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "about": "about",
    "roughly": "about",
    "around": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "below": "under",
    "up to": "up to",
    "as many as": "up to",
    "at most": "up to",
    "no more than": "up to",
}
_QUALIFIER_WORDS = {tuple(key.split()): key for key in _QUALIFIERS}
_MAJORITY = {("a", "majority", "of"), ("the", "majority", "of"), ("a", "majority")}

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH_PREPOSITIONS = {
    "in",
    "since",
    "during",
    "until",
    "through",
    "by",
    "last",
    "this",
    "next",
    "early",
    "late",
    "mid",
    "of",
    "from",
    "before",
    "after",
}
_SPAN_CONNECTORS = {"to", "through", "until", "till", "-"}

_CHANGE_BEFORE = frozenset(
    "rose rise rises risen rising fell fall falls fallen falling increased increase "
    "increases increasing decreased decrease decreases decreasing grew grow grows grown "
    "growing growth jumped jump jumps dropped drop drops declined decline declines "
    "climbed climb climbs surged surge soared plunged plummeted slipped dipped gained "
    "gain gains shrank shrunk up down cut cuts reduced reduction spiked spike boost "
    "boosted hike hiked".split()
)
_CHANGE_AFTER = frozenset(
    "increase increases decrease decreases rise drop decline jump gain growth cut "
    "reduction more higher lower fewer less larger smaller bigger hike surge fall spike "
    "boost change uptick dip".split()
)
_PHRASAL_UP = frozenset("made make makes making took take takes taking end ended ends".split())
_CLAIM_CHANGE_WORDS = (_CHANGE_BEFORE | _CHANGE_AFTER) - {
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

_SHARE_FOLLOWERS = {"of", "the", "all", "its", "their", "those", "these", "them", "his", "her"}
_FRACTION_BLOCKERS = {
    "first",
    "second",
    "third",
    "fourth",
    "last",
    "latter",
    "final",
    "next",
    "previous",
    "the",
    "this",
    "that",
    "each",
    "per",
    "and",
    "an",
}
_ONE_BLOCKERS_BEFORE = {"no", "any", "every", "each", "the", "this", "that", "which", "some"}
_ONE_BLOCKERS_AFTER = {"of", "another", "or"}
_DETERMINERS = {"all", "the", "those", "these", "its", "their", "our", "his", "her", "a", "an"}
_DETERMINERS |= {"such", "of", "some"}
_COUNT_STOP = frozenset(
    "a an the and or but nor of for in on at to from by with as than that which who whom "
    "whose were was is are be been being have has had will would could should may might "
    "can did do does said says say more less fewer higher lower this these those their "
    "its his her our my your it they them he she we you i since over under about after "
    "before during per percent up down each not no only just also when where while while "
    "into between across".split()
)
_COUNTS_END = _COUNT_STOP | _CHANGE_BEFORE | _CHANGE_AFTER
_IRREGULAR_PLURALS = {"people", "children", "men", "women", "police", "staff", "personnel"}
_GENERIC_COUNTS = {"people", "person", "individual", "case", "time", "all", "total", "number"}
_AFTER_YEAR_BLOCKERS = {"percent", "pct", "per", "percentage", "dollars", "usd", *_DIGIT_SCALES}
_HYPHEN_PREFIXES = {"mid", "early", "late", "pre", "post"}

# Words at which a date, time phrase or figure can start; other tokens are skipped fast.
_START_WORDS = frozenset(
    {words[0] for words in _QUALIFIER_WORDS}
    | {words[0] for words in _MAJORITY}
    | {words[0] for words, _, _ in _VAGUE}
    | _UNITS.keys()
    | _TEENS.keys()
    | _TENS.keys()
    | _MONTHS.keys()
    | _MONTH_ABBREVIATIONS.keys()
    | _WEEKDAYS.keys()
    | set(
        "a half us since from between fiscal fy over in during for within throughout the "
        "last past previous this next".split()
    )
)
_QUALIFIER_FIRST = frozenset(words[0] for words in _QUALIFIER_WORDS)
_VAGUE_FIRST = frozenset(words[0] for words, _, _ in _VAGUE)
_NUMBER_FIRST = frozenset(
    {"a", "one", "half"} | _UNITS.keys() | _TEENS.keys() | _TENS.keys() | _VAGUE_FIRST
)
_RELATIVE_FIRST = frozenset(
    "over in during for within throughout the this next last past previous".split()
)
_CLAUSE_PENALTY = 5
_LINK_PENALTY = 2  # 'and', 'from', 'than': the figure after them is a new item
_LINK_WORDS = {"and", "but", "while", "whereas", "compared", "versus", "vs", "than", "from"}
_SENTENCE_PENALTY = 1000
_DATE_PENALTY = 10
_VAGUE_SPAN_YEARS = 3
_MAX_NUMERAL_CHARS = 40

# --------------------------------------------------------------------------
# Normalization and tokens
# --------------------------------------------------------------------------

_TRANSLATION = str.maketrans(
    {
        **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006", " "),
        **dict.fromkeys("\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        "\uff05": "%",
        "\uff04": "$",
    }
)
# A thin or narrow no-break space between digit groups is a thousands separator.
_THIN_GROUP = re.compile(r"(?<=[0-9])[\u2009\u202f](?=[0-9]{3}(?![0-9]))")
# A run of one repeated symbol is one token ('--', '%%%%'): hostile runs stay cheap.
_TOKEN = re.compile(r"([0-9]+(?:[.,][0-9]+)*)|([^\W\d_]+)|([^\s\w])\3*")
_NUMERAL = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_YEAR_IN_TEXT = re.compile(r"[0-9]{4}")


class _Tok(NamedTuple):
    kind: str  # "n" numeral, "w" word, "s" symbol, "x" unusable numeral
    text: str  # normalized: lowercased, unicode dashes/quotes/spaces folded
    start: int
    end: int


def _normalize(text: str) -> str:
    """Fold typography and case while keeping every offset valid.

    Each character maps to exactly one character, so token offsets in the
    normalized text are offsets in the original text too.
    """
    folded = _THIN_GROUP.sub(",", text).translate(_TRANSLATION)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def _numeral_tokens(text: str, start: int) -> list[_Tok]:
    """Split a digit run into numerals; malformed grouping is read as a list."""
    end = start + len(text)
    if len(text) > _MAX_NUMERAL_CHARS:
        return [_Tok("x", text, start, end)]
    if _NUMERAL.fullmatch(text):
        return [_Tok("n", text, start, end)]
    tokens: list[_Tok] = []
    offset = start
    for index, piece in enumerate(text.split(",")):
        if index:
            tokens.append(_Tok("s", ",", offset - 1, offset))
        kind = "n" if _NUMERAL.fullmatch(piece) else "x"
        tokens.append(_Tok(kind, piece, offset, offset + len(piece)))
        offset += len(piece) + 1
    return tokens


def _tokenize(normalized: str) -> list[_Tok]:
    """Numerals, words and single symbols; whitespace only separates them."""
    tokens: list[_Tok] = []
    for match in _TOKEN.finditer(normalized):
        group = match.lastindex
        if group == 1:
            tokens.extend(_numeral_tokens(match.group(), match.start()))
        else:
            kind = "w" if group == 2 else "s"
            tokens.append(_Tok(kind, match.group(), match.start(), match.end()))
    return tokens


# --------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Num:
    """A number phrase: its value, where it ends and how it was written."""

    value: float
    end: int  # token index after the phrase
    kind: str  # "digits" | "words" | "fraction" | "share" | "vague"
    written: str | None = None  # digits as written, without separators
    step: float = 1.0  # the value of one unit of ``written`` (1e6 in "1.2 million")
    low: float = 0.0  # vague phrases only
    high: float = 0.0
    label: str | None = None  # "dozens"


def _tolerance(num: _Num, unit: str) -> float:
    """Half a unit of the precision the writing implies (see module docstring)."""
    if num.kind in ("fraction", "share"):
        return 0.05 * abs(num.value)
    written = num.written if num.written is not None else str(int(num.value))
    step = num.step if num.written is not None else 1.0
    if "." in written:
        return 0.5 * step * 10.0 ** -len(written.split(".")[1])
    base = 0.5 * step
    if unit == "percent":
        return base
    digits = written.lstrip("0")
    significant = digits.rstrip("0")
    zeros = len(digits) - len(significant)
    if zeros and len(significant) <= 2:
        rounded = min(0.5 * step * 10.0**zeros, 0.05 * abs(num.value))
        return max(base, rounded)
    return base


def _interval(value: float, qualifier: str | None, tol: float) -> tuple[float, float]:
    """The true values a qualified figure allows."""
    kind = _QUALIFIERS.get(qualifier or "")
    up = math.inf
    down = -math.inf
    if kind == "below":
        factor = 0.95 if qualifier == "just under" else 0.9
        return value * factor, value
    if kind == "above":
        factor = {"well over": 2.0, "just over": 1.1}.get(qualifier or "", 1.3)
        return math.nextafter(value, up), value * factor
    if kind == "at least":
        return value, value * 1.3
    if kind == "about":
        width = max(0.1 * abs(value), tol)
        return value - width, value + width
    if kind == "under":
        return value * 0.7, math.nextafter(value, down)
    if kind == "up to":
        return value * 0.7, value
    # Rounding intervals are half-open, so "two" [1.5, 2.5) never meets "three".
    return value - tol, math.nextafter(value + tol, down)


def _intersects(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Closed-interval overlap; open bounds are already nudged by nextafter."""
    return a[0] <= b[1] and b[0] <= a[1]


# --------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A quantity with the token range it covers (for attaching years)."""

    first: int
    end: int
    quantity: Quantity


class _Scanner:
    """Walks the tokens once, trying dates, time phrases and figures at each."""

    def __init__(self, text: str, reference_date: dt.date | None) -> None:
        self.text = text
        self.ref = reference_date
        self.toks = _tokenize(_normalize(text))
        self.n = len(self.toks)

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
            result = self.date(i) or self.time_phrase(i) or self.figure(i)
            if result is None:
                i += 1
                continue
            item, end = result
            if item is not None:
                found.append(item)
            i = max(end, i + 1)
        return found

    # -- dates ---------------------------------------------------------------

    def date(self, i: int) -> tuple[_Found | None, int] | None:
        """Month names and weekdays, capitalized as newsroom copy writes them."""
        tok = self.toks[i]
        if tok.kind != "w" or not self.text[tok.start].isupper():
            return None
        if tok.text in _WEEKDAYS:
            return self.weekday(i, _WEEKDAYS[tok.text]), i + 1
        month = _MONTHS.get(tok.text) or _MONTH_ABBREVIATIONS.get(tok.text)
        if month is None:
            return None
        k = i + 1
        if tok.text not in _MONTHS and self.sym(k) == "." and self.joined(k):
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
            if tok.text not in _MONTHS or before not in _MONTH_PREPOSITIONS:
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
            return None
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
        return self.relative(i)

    def since(self, i: int) -> tuple[_Found | None, int] | None:
        k = i + 1
        month = self.word(k)
        if month in _MONTHS and self.text[self.toks[k].start].isupper():
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
        if not (link == connector if connector else link in _SPAN_CONNECTORS):
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
        """'last year', 'this year', 'over the last decade', 'the past five years'."""
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
                if count is not None and self.word(count[1]) == "years":
                    years, end = count[0], count[1] + 1
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
        if self.toks[j].kind == "n":
            if not self.numeral_context_ok(j):
                return None
            if qualifier is None and not dollar:
                special = self.year_or_score(j)
                if special is not None:
                    return special, special.end
        num = self.phrase(j, qualified=qualifier is not None, standalone=False)
        if num is None:
            return None
        unit, k = self.unit(num, dollar)
        return self.build(i, k, num, unit, qualifier), k

    def build(self, i: int, k: int, num: _Num, unit: str, qualifier: str | None) -> _Found:
        """Attach the interval, counted noun phrase and change flag."""
        if num.kind == "vague":
            low, high = num.low, num.high
            qualifier = qualifier or num.label
        elif num.kind == "share" and num.value == 50 and qualifier in ("more than", "over"):
            qualifier = "more than half"
            low, high = math.nextafter(50.0, math.inf), 200 / 3
        else:
            low, high = _interval(num.value, qualifier, _tolerance(num, unit))
        change = unit == "percentage point" or self.is_change(i, k)
        return self.make(
            i,
            k,
            num.value,
            unit,
            qualifier=qualifier,
            low=low,
            high=high,
            counts=self.counts(k),
            change=change,
        )

    def majority(self, i: int) -> tuple[_Found | None, int] | None:
        for length in (3, 2):
            words = tuple(self.word(i + x) for x in range(length))
            if words in _MAJORITY:
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
            key = _QUALIFIER_WORDS.get(words)  # type: ignore[arg-type]
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
            return self.word(j - 2) in _HYPHEN_PREFIXES or self.word(j - 2) is None
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
            if self.sym(j + 1) == "%" or self.word(j + 1) in _AFTER_YEAR_BLOCKERS:
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
        return None

    def phrase(self, j: int, *, qualified: bool, standalone: bool) -> _Num | None:
        if self.toks[j].kind == "n":
            return self.digits(j)
        if self.toks[j].kind != "w" or self.toks[j].text not in _NUMBER_FIRST:
            return None
        return self.vague(j) or self.fraction(j, qualified, standalone) or self.cardinal(j)

    def digits(self, j: int) -> _Num | None:
        written = self.toks[j].text.replace(",", "")
        value = float(written)
        if not math.isfinite(value):
            return None
        k, step = j + 1, 1.0
        after = self.word(k)
        if after is not None and self.joined(k):
            if after in _SUFFIX_SCALES:
                step, k = _SUFFIX_SCALES[after], k + 1
            elif after not in ("percent", "pct"):
                return None  # ordinals ('3rd'), model names ('5G'), times ('10am')
        elif after in _DIGIT_SCALES:
            step, k = _DIGIT_SCALES[after], k + 1
        if not math.isfinite(value * step):
            return None
        return _Num(value * step, k, "digits", written=written, step=step)

    def vague(self, j: int) -> _Num | None:
        if self.toks[j].text not in _VAGUE_FIRST:
            return None
        for words, low, high in _VAGUE:
            if all(self.word(j + x) == w for x, w in enumerate(words)):
                label = " ".join(words)
                return _Num(low, j + len(words), "vague", low=low, high=high, label=label)
        return None

    def fraction(self, j: int, qualified: bool, standalone: bool) -> _Num | None:
        """'half', 'a quarter', 'two-thirds', 'three quarters of a million'."""
        k = j
        numerator: int | None = None
        first = self.word(k)
        if first in ("a", "one"):
            numerator, k = 1, k + 1
        elif first in _UNITS or (first in _TEENS and first != "zero"):
            numerator, k = _UNITS.get(first) or _TEENS[first], k + 1
        if numerator is not None and self.hyphen(k):
            k += 1
        denominator = self.word(k)
        if denominator not in _DENOMINATORS:
            return None
        if numerator is None:
            if denominator != "half":
                return None
            numerator = 1
        if self.hyphen(k + 1):
            return None  # 'half-hour', 'quarter-final'
        share = numerator / _DENOMINATORS[denominator]
        k += 1
        scale = self.fraction_scale(k)
        if scale is not None:
            return _Num(share * scale[0], scale[1], "fraction")
        if standalone:
            return _Num(share, k, "fraction")
        if self.word(j - 1) in _FRACTION_BLOCKERS and not qualified:
            return None
        if qualified or self.word(k) in _SHARE_FOLLOWERS:
            return _Num(100 * share, k, "share")
        return None

    def fraction_scale(self, k: int) -> tuple[float, int] | None:
        """'of a million', 'a million' (as in 'half a million'), 'million'."""
        if self.word(k) == "of" and self.word(k + 1) == "a":
            word = self.word(k + 2)
            return (_FRACTION_SCALES[word], k + 3) if word in _FRACTION_SCALES else None
        if self.word(k) == "a" and self.word(k + 1) in _FRACTION_SCALES:
            return _FRACTION_SCALES[self.word(k + 1) or ""], k + 2
        word = self.word(k)
        return (_FRACTION_SCALES[word], k + 1) if word in _FRACTION_SCALES else None

    def cardinal(self, j: int) -> _Num | None:
        """Number words: 'two', 'fifty-two', 'a hundred', 'two million', 'a dozen'."""
        total, chunk = 0.0, 0.0
        last: str | None = None
        seen_hundred = False
        previous_scale = math.inf
        k = end = j
        while k < self.n:
            word = self.word(k)
            if word is None:
                if last == "tens" and self.hyphen(k) and self.word(k + 1) in _UNITS:
                    k += 1
                    continue
                break
            if word in _UNITS and last in (None, "tens", "hundred", "scale", "and"):
                chunk, last = chunk + _UNITS[word], "unit"
            elif word in _TEENS and last in (None, "hundred", "scale", "and"):
                chunk, last = chunk + _TEENS[word], "teen"
                if word == "zero":
                    k, end = k + 1, k + 1
                    break
            elif word in _TENS and last in (None, "hundred", "scale", "and"):
                chunk, last = chunk + _TENS[word], "tens"
            elif word == "hundred" and last in ("unit", "teen", "a") and not seen_hundred:
                chunk, last, seen_hundred = (chunk or 1) * 100, "hundred", True
            elif (
                word in _SCALES
                and last in ("unit", "teen", "tens", "hundred", "a")
                and _SCALES[word] < previous_scale
            ):
                total += (chunk or 1) * _SCALES[word]
                chunk, last, seen_hundred = 0.0, "scale", False
                previous_scale = _SCALES[word]
            elif word == "dozen" and last in ("unit", "teen", "tens", "a") and not total:
                chunk, last = (chunk or 1) * 12, "dozen"
                k, end = k + 1, k + 1
                break
            elif word == "a" and last is None and self.word(k + 1) in _DIGIT_SCALES:
                last = "a"
            elif word == "and" and last in ("hundred", "scale"):
                if not ({self.word(k + 1)} & (_UNITS.keys() | _TEENS.keys() | _TENS.keys())):
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
        return _Num(value, end, "words")

    def plain_one(self, j: int) -> bool:
        """'one' is a pronoun in 'one of the', 'no one', 'which one'."""
        return (
            self.word(j - 1) not in _ONE_BLOCKERS_BEFORE
            and self.word(j + 1) not in _ONE_BLOCKERS_AFTER
        )

    def unit(self, num: _Num, dollar: bool) -> tuple[str, int]:
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
        if before == "up" and self.word(i - 2) in _PHRASAL_UP:
            return False  # 'made up 49 percent', 'took up 10 percent': levels
        if before in _CHANGE_BEFORE:
            return True
        if before in ("by", "of") and self.word(i - 2) in _CHANGE_BEFORE:
            return True
        return self.word(k) in _CHANGE_AFTER

    def counts(self, k: int) -> str | None:
        """The counted noun phrase: up to three words, stopping after a plural."""
        j = k
        if self.hyphen(j) and self.word(j + 1) is not None:
            j += 1
        if self.word(j) in ("of", "for"):
            j += 1
        for _ in range(3):
            if self.word(j) in _DETERMINERS:
                j += 1
        words: list[str] = []
        while len(words) < 3:
            word = self.word(j)
            if word is None:
                break
            end, hops = j + 1, 0
            while hops < 4 and self.hyphen(end) and self.word(end + 1) is not None:
                word = f"{word}-{self.word(end + 1)}"
                end, hops = end + 2, hops + 1
            if word in _COUNTS_END or word.endswith("ly") or (words and word.endswith("ed")):
                break
            words.append(word)
            j = end
            if _is_plural(word):
                break
        return " ".join(words) or None

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


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _attach_times(scanner: _Scanner, found: list[_Found]) -> list[Quantity]:
    """Give each figure the year or span of the nearest time phrase.

    Nearness counts tokens, with a penalty per clause boundary crossed and no
    attachment across sentences. Dates (when a statement was made) weigh less
    than explicit years. Sweeps in both directions keep this linear.
    """
    metric = scanner.metric()
    times = [f for f in found if _is_time(f.quantity)]
    if not times:
        return [f.quantity for f in found]
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
            if time.span is not None:
                result.append(replace(item.quantity, span=time.span))
            else:
                result.append(replace(item.quantity, year=time.year))
        else:
            result.append(item.quantity)
    return result


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
    return list(_parse_cached(text, reference_date))


@functools.lru_cache(maxsize=512)
def _parse_cached(text: str, reference_date: dt.date | None) -> tuple[Quantity, ...]:
    """The checker asks about one sentence several times (is it checkable, do
    its figures agree): parse each sentence once."""
    scanner = _Scanner(text, reference_date)
    return tuple(_attach_times(scanner, scanner.scan()))


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
    return f"{Decimal(repr(float(value))):,f}"


# --------------------------------------------------------------------------
# Comparing with a claim
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
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
    if word in _PERSON_NOUNS or (_is_plural(word) and word[:-1] in _PERSON_NOUNS):
        return "people"
    if word in _IRREGULAR_PLURALS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if _is_plural(word):
        return word[:-1]
    return word


def _count_words(counts: str | None) -> frozenset[str]:
    """Singular content words of a counted phrase ('people', 'improper', 'entry')."""
    if not counts:
        return frozenset()
    words = {_stem(w) for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", counts.lower())}
    return frozenset(words - _COUNT_STOP - _DETERMINERS)


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
    if qualifier is not None and qualifier not in _QUALIFIERS:
        qualifier = "about"
    return _interval(figure.value, qualifier, tol)


def _candidates(claim: Claim) -> list[_Candidate]:
    """Claim figures plus their parts; a figure with parts is as true as their sum."""
    result: list[_Candidate] = []
    # A part counts what its whole counts: '412,240' of 'people' is people too.
    inherited: dict[str, frozenset[str]] = {}
    for figure in claim.figures:
        for text in figure.parts:
            words = inherited.get(text, frozenset())
            inherited[text] = words | _count_words(figure.counts)
    for figure in claim.figures:
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
                other.text == text or other.value == value for other in claim.figures
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


def _near(value: float, truth: float) -> bool:
    """Within 10 %, or the same digits in another order (a transposition)."""
    if abs(value - truth) <= 0.1 * max(abs(truth), 1e-9):
        return True
    return sorted(format_number(value)) == sorted(format_number(truth))


def _pair_key(quantity: Quantity, candidate: _Candidate) -> tuple[bool, bool, int, bool, float]:
    """Prefer the claim figure the value fits, then a near one, then shared words."""
    fits = _intersects((quantity.low, quantity.high), (candidate.low, candidate.high))
    shared = len((_count_words(quantity.counts) & candidate.words) - _GENERIC_COUNTS)
    figure = candidate.figure
    same_time = (quantity.year is not None and quantity.year == figure.year) or (
        quantity.span is not None and figure.span is not None and quantity.span[0] == figure.span[0]
    )
    distance = abs(quantity.value - candidate.truth) / max(abs(candidate.truth), 1e-9)
    return fits, _near(quantity.value, candidate.truth), shared, same_time, -distance


def _describe(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{format_number(value)} percent"
    if unit == "percentage point":
        return f"{format_number(value)} percentage points"
    if unit == "usd":
        return f"${format_number(value)}"
    return format_number(value)


def _span_text(span: tuple[int, int | None]) -> str:
    return f"since {span[0]}" if span[1] is None else f"{span[0]} to {span[1]}"


def _value_reason(quantity: Quantity, candidate: _Candidate) -> str | None:
    if _intersects((quantity.low, quantity.high), (candidate.low, candidate.high)):
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
            return f"year {quantity.year}, source gives {figure.year}"
        if figure.year is None and figure.span is not None:
            return f"year {quantity.year}, source gives {_span_text(figure.span)}"
        return None
    if quantity.span is None:
        return None
    phrase = next((q for q in found if q.unit == "year" and q.span == quantity.span), None)
    written = phrase.text if phrase is not None else _span_text(quantity.span)
    if figure.span is not None:
        vague = phrase is not None and not _YEAR_IN_TEXT.search(phrase.text)
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


_AFTER_STOP = re.compile(r"[,;:.!?]|\b(?:and|but|while|whereas)\b")
_BEFORE_STOP = re.compile(r"[;.!?]|\b(?:and|but|while|whereas)\b")


def _clause_words(text: str, quantity: Quantity, found: list[Quantity]) -> list[frozenset[str]]:
    """Words after a figure to the end of its clause, then words before it.

    "412,240 for improper entry and 317,916 for re-entry": what a number
    counts is usually written right after it, sometimes right before it
    ("re-entry prosecutions numbered 317,916"); neither side crosses another
    figure or a conjunction.
    """
    figures = [q for q in found if q.unit not in ("year", "date")]
    after = min((q.start for q in figures if q.start >= quantity.end), default=len(text))
    stop = _AFTER_STOP.search(text, quantity.end, after)
    after = stop.start() if stop else after
    before = max((q.end for q in figures if q.end <= quantity.start), default=0)
    stops = list(_BEFORE_STOP.finditer(text, before, quantity.start))
    before = stops[-1].end() if stops else before
    return [
        _count_words(text[quantity.end : after]),
        _count_words(text[before : quantity.start]),
    ]


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
    for words in _clause_words(text, quantity, found):
        if own_label & words:
            return None
        for counts, label in labels.items():
            if label and label <= words:
                return (
                    f"{quantity.text} is the source's figure for {best.figure.counts}, not {counts}"
                )
    return None


def compare_figures(
    text: str, claim: Claim, *, reference_date: dt.date | None = None
) -> tuple[list[tuple[Figure, Quantity]], list[FigureIssue]]:
    """Pair each draft figure with the claim figure of its role and judge it.

    A draft figure pairs only with claim figures of the same role (percent,
    count, usd; changes only with changes) whose counted thing does not
    conflict; one with no such figure is unrelated and ignored. Among those,
    the figure its value fits wins, then a near one (typos, transpositions),
    then the one sharing counted words, then the one with the same year.
    """
    found = parse_figures(text, reference_date=reference_date)
    candidates = _candidates(claim)
    agreeing: list[tuple[Figure, Quantity]] = []
    issues: list[FigureIssue] = []
    for quantity in found:
        role = _quantity_role(quantity)
        if role is None:
            continue
        words = _count_words(quantity.counts)
        pool = [
            c
            for c in candidates
            if c.role == role and not (words and c.words and not words & c.words)
        ]
        if not pool:
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
    return agreeing, issues
