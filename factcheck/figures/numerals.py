"""The vocabulary and tokens of numbers, and the intervals their wording allows.

Reporters restate numbers loosely ("nearly 750,000", "more than half", "dozens"),
so every figure is read as an *interval* of true values its wording allows;
two figures agree when their intervals intersect. This module holds the words
(number words, scales, fractions, qualifiers, months, change words), the
tokenizer and the interval arithmetic; ``factcheck.figures.parse`` scans tokens for
figures and ``factcheck.figures.compare`` compares them with a claim's.

The only regular expressions are simple tokenizers without nested
quantifiers, so tokenizing is linear in the input even for hostile text
(megabytes of digits or symbols).

Design decisions (see ``interval`` and ``tolerance`` for the numbers):

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
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import math
import re
from typing import NamedTuple

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

UNITS = {
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
TEENS = {
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
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
DIGIT_SCALES = {**SCALES, "hundred": 1e2, "dozen": 12.0}
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
FRACTION_SCALES = {**SCALES, "dozen": 12.0}
DENOMINATORS = {
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
VAGUE: tuple[tuple[tuple[str, ...], float, float], ...] = (
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
QUALIFIERS = {
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
QUALIFIER_WORDS = {tuple(key.split()): key for key in QUALIFIERS}
MAJORITY = {("a", "majority", "of"), ("the", "majority", "of"), ("a", "majority")}

MONTHS = {
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
MONTH_ABBREVIATIONS = {
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
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# A bare month name is a date only after one of these ('in March', 'since May').
MONTH_PREPOSITIONS = {
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
# 'from 2005 to 2016', '2005-2016'.
SPAN_CONNECTORS = {"to", "through", "until", "till", "-"}

CHANGE_BEFORE = frozenset(
    "rose rise rises risen rising fell fall falls fallen falling increased increase "
    "increases increasing decreased decrease decreases decreasing grew grow grows grown "
    "growing growth jumped jump jumps dropped drop drops declined decline declines "
    "climbed climb climbs surged surge soared plunged plummeted slipped dipped gained "
    "gain gains shrank shrunk up down cut cuts reduced reduction spiked spike boost "
    "boosted hike hiked".split()
)
CHANGE_AFTER = frozenset(
    "increase increases decrease decreases rise drop decline jump gain growth cut "
    "reduction more higher lower fewer less larger smaller bigger hike surge fall spike "
    "boost change uptick dip".split()
)
# 'up' after these is not a change: 'made up 49 percent', 'took up 10 percent'.
PHRASAL_UP = frozenset("made make makes making took take takes taking end ended ends".split())

# Words that name a share, not a counted thing: 'the share of prosecutions … 52 percent'
# (what it is a share of follows), '49 percent, a share' (it counts nothing itself).
SHARE_WORDS = frozenset({"share", "portion", "proportion", "percentage", "fraction"})
# A bare fraction followed by one of these is a share: 'half of', 'a third of the'.
SHARE_FOLLOWERS = {"of", "the", "all", "its", "their", "those", "these", "them", "his", "her"}
# A fraction after these is a period or a part, not a share: 'the first half'.
FRACTION_BLOCKERS = {
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
# 'one' next to these is a pronoun: 'no one', 'one of the', 'one or'.
ONE_BLOCKERS_BEFORE = {"no", "any", "every", "each", "the", "this", "that", "which", "some"}
ONE_BLOCKERS_AFTER = {"of", "another", "or"}
# Skipped before a counted noun: '730,000 of the people'.
DETERMINERS = {"all", "the", "those", "these", "its", "their", "our", "his", "her", "a", "an"}
DETERMINERS |= {"such", "of", "some"}
# Function words: never part of what a figure counts.
COUNT_STOP = frozenset(
    "a an the and or but nor of for in on at to from by with as than that which who whom "
    "whose were was is are be been being have has had will would could should may might "
    "can did do does said says say more less fewer higher lower this these those their "
    "its his her our my your it they them he she we you i since over under about after "
    "before during per percent up down each not no only just also when where while while "
    "into between across plus minus times".split()
)
# Where a counted noun phrase ends.
COUNTS_END = COUNT_STOP | CHANGE_BEFORE | CHANGE_AFTER
IRREGULAR_PLURALS = {"people", "children", "men", "women", "police", "staff", "personnel"}
# A four-digit number before these is an amount, not a year: '2000 percent'.
AFTER_YEAR_BLOCKERS = {"percent", "pct", "per", "percentage", "dollars", "usd", *DIGIT_SCALES}
# Glued to a year by a hyphen without making it a code: 'mid-2016'.
HYPHEN_PREFIXES = {"mid", "early", "late", "pre", "post"}

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
# Longer digit runs are not figures (hashes, ids, hostile input).
_MAX_NUMERAL_CHARS = 40


class Token(NamedTuple):
    """One token of a sentence, with its offsets in the original text."""

    kind: str  # "n" numeral, "w" word, "s" symbol, "x" unusable numeral
    text: str  # normalized: lowercased, unicode dashes/quotes/spaces folded
    start: int
    end: int


def _normalize(text: str) -> str:
    """Fold typography and case while keeping every offset valid.

    Each character maps to exactly one character, so token offsets in the
    normalized text are offsets in the original text too.
    """
    folded = _fold(_THIN_GROUP.sub(",", text)) if not text.isascii() else text
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def _fold(text: str) -> str:
    """``text.translate(_TRANSLATION)``, as a replacement per character of the table the
    text holds: a translation reads a text with curly quotes a character at a time
    through the table, and the table's characters become ASCII, which it does not map."""
    for char in _FOLDED.intersection(text):
        text = text.replace(char, _TRANSLATION[ord(char)])
    return text


_FOLDED = frozenset(map(chr, _TRANSLATION))


def _numeral_tokens(text: str, start: int) -> list[Token]:
    """Split a digit run into numerals; malformed grouping is read as a list."""
    end = start + len(text)
    if len(text) > _MAX_NUMERAL_CHARS:
        return [Token("x", text, start, end)]
    if _NUMERAL.fullmatch(text):
        return [Token("n", text, start, end)]
    tokens: list[Token] = []
    offset = start
    for index, piece in enumerate(text.split(",")):
        if index:
            tokens.append(Token("s", ",", offset - 1, offset))
        kind = "n" if _NUMERAL.fullmatch(piece) else "x"
        tokens.append(Token(kind, piece, offset, offset + len(piece)))
        offset += len(piece) + 1
    return tokens


def tokenize(text: str) -> list[Token]:
    """Numerals, words and single symbols of ``text``, with offsets into it.

    The text is normalized first (see ``_normalize``); whitespace only
    separates tokens.
    """
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(_normalize(text)):
        group = match.lastindex
        if group == 1:
            tokens.extend(_numeral_tokens(match.group(), match.start()))
        else:
            start, end = match.span()
            # tuple.__new__ as Token._make does, without its Python frame: a sentence
            # has dozens of tokens and the checker parses every sentence.
            append(_new(Token, ("w" if group == 2 else "s", match.group(), start, end)))
    return tokens


_new = tuple.__new__
_DIGIT = re.compile(r"[0-9]")
_LETTERS = re.compile(r"[^\W\d_]+")


def holds_numeral_or(text: str, words: frozenset[str]) -> bool:
    """Whether ``tokenize(text)`` has a numeral or one of ``words``, told without tokenizing.

    Its word tokens are the text's runs of letters, normalized: a regular
    expression finds them cheaper than the token list is made, and most
    sentences of a draft state no figure.
    """
    normalized = _normalize(text)
    return bool(_DIGIT.search(normalized)) or not words.isdisjoint(_LETTERS.findall(normalized))


# --------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------


class NumberPhrase(NamedTuple):
    """A number phrase: its value, where it ends and how it was written."""

    value: float
    end: int  # token index after the phrase
    kind: str  # "digits" | "words" | "fraction" | "share" | "vague"
    written: str | None = None  # digits as written, without separators
    step: float = 1.0  # the value of one unit of ``written`` (1e6 in "1.2 million")
    low: float = 0.0  # vague phrases only
    high: float = 0.0
    label: str | None = None  # "dozens"


def tolerance(num: NumberPhrase, unit: str) -> float:
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


# How far "about" reaches, by the significant digits of the number it qualifies: a round
# "about 400,000" or "about half" is loose, "some 440,000" means 430,000 to 450,000 or so,
# and "some 421,240" its own digits (it is not 412,240).
_ABOUT = {1: 0.10, 2: 0.05}


def _rounding(value: float) -> float:
    """Half the unit a whole number's trailing zeros round to (412,000: 500)."""
    whole = int(abs(value))
    if whole != abs(value) or whole < 10:
        return 0.0
    digits = str(whole)
    return 0.5 * 10.0 ** (len(digits) - len(digits.rstrip("0")))


def _significant(value: float) -> int:
    """Significant digits of a number as written plainly ("440000" two, "52.5" three)."""
    digits = f"{abs(value):.6f}".rstrip("0").rstrip(".").replace(".", "").lstrip("0")
    return max(1, len(digits.rstrip("0")))


def interval(value: float, qualifier: str | None, tol: float) -> tuple[float, float]:
    """The true values a qualified figure allows."""
    kind = QUALIFIERS.get(qualifier or "")
    up = math.inf
    down = -math.inf
    if kind == "below":
        factor = 0.95 if qualifier == "just under" else 0.9
        # "almost 730,000" for 730,156: the rounding its zeros imply counts where it is
        # small (a hundredth at most: "nearly half" and "nearly 400,000" are under).
        slack = max(tol, _rounding(value))
        return value * factor, value + (slack if slack <= 0.01 * abs(value) else 0.0)
    if kind == "above":
        factor = {"well over": 2.0, "just over": 1.1}.get(qualifier or "", 1.3)
        return math.nextafter(value, up), value * factor
    if kind == "at least":
        return value, value * 1.3
    if kind == "about":
        width = max(_ABOUT.get(_significant(value), 0.01) * abs(value), tol)
        return value - width, value + width
    if kind == "under":
        return value * 0.7, math.nextafter(value, down)
    if kind == "up to":
        return value * 0.7, value
    # Rounding intervals are half-open, so "two" [1.5, 2.5) never meets "three".
    return value - tol, math.nextafter(value + tol, down)


def intersects(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Closed-interval overlap; open bounds are already nudged by nextafter."""
    return a[0] <= b[1] and b[0] <= a[1]


def is_plural(word: str) -> bool:
    """A crude plural test: a counted phrase ends at its plural noun, and stems drop it."""
    if word in IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
