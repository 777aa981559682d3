"""Normalization shared by matching, quotes and speakers.

Drafts and sources differ in typography that carries no meaning: curly and
straight quotes, dash styles, non-breaking and repeated spaces, case. Every
comparison goes through :func:`normalize` so that only words count.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from factcheck.memo import Memo

_TYPOGRAPHY = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "`": "'",
        "—": " - ",
        "–": "-",
        "‒": "-",
        "―": " - ",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u200b": "",
        "\ufeff": "",
        "…": "...",
    }
)
_SPACES = re.compile(r"\s+")
# Possessive (Python 3.11): nothing after a run of letters or digits could take one back,
# and not keeping the places to go back to makes the match a tenth faster.
WORD_PATTERN = r"[a-z0-9]++(?:[.,][0-9]++)*+"
_WORD = re.compile(WORD_PATTERN)

STOPWORDS = frozenset(
    """
    a an the of to in on at by for from with and or but as is are was were be been being
    that this these those it its their there they them he she his her we our you your i has
    have had do does did not no so than then into over under about after before said says
    say also which who whom what when where while will would can could may might just all
    any each some such very
    """.split()
)


def normalize(text: str) -> str:
    """Lower-case text with typography folded and whitespace collapsed.

    The checker normalizes a sentence, its clauses and a claim's texts
    several times each (three calls in four repeat one): short texts are
    remembered, long ones (a whole document) are not kept.
    """
    if len(text) > _KEPT_LENGTH:
        return _normalize(text)
    return _normalize_kept(text)


_KEPT_LENGTH = 2000


def _normalize(text: str) -> str:
    return _SPACES.sub(" ", fold(text)).strip().lower()


def fold(text: str) -> str:
    """NFKC with typography folded, case and spacing kept: the part of
    ``normalize`` that works character by character, so that texts joined
    by a line break fold as each would alone (index building folds 100,000
    claims in one call)."""
    if text.isascii():  # NFKC leaves ASCII as it is; of the typography, only ` is ASCII
        return text.replace("`", "'") if "`" in text else text
    return unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)


_normalize_kept = functools.lru_cache(maxsize=4096)(_normalize)


def straight_quotes(text: str) -> str:
    """The text with curly quotes made straight, character for character.

    Patterns that run on many sentences are written for straight quotes:
    a character class mixing ASCII with "’" or "”" costs about 0.15 ms to
    compile (see ``text.patterns``). The offsets of the result are the text's own.
    Four replacements, not a translation: ``str.translate`` reads a text with
    curly quotes a character at a time through its table (30 times slower).
    """
    return text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')


def words(text: str) -> list[str]:
    """Every word of normalized text, numbers kept whole ("412,240" → "412240")."""
    return normalized_words(normalize(text))


def holds_words(text: str, phrase: str) -> bool:
    """Whether a phrase stands in a text as whole words, both normalized (one space
    between words): "ICE" is not the "ice" of "justice"; an empty phrase stands nowhere."""
    return bool(phrase) and f" {phrase} " in f" {text} "


def normalized_words(text: str) -> list[str]:
    """``words`` of a text ``normalize`` has made already (saves doing it twice)."""
    return [w.replace(",", "") for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "prosecution" with "prosecutions".

    Deliberately crude and fast; it only has to map a draft's word and a
    source's word to the same key, not produce a linguistic stem.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


def terms(text: str) -> list[str]:
    """Index terms: stemmed words without stopwords."""
    return [t for t in map(word_term, words(text)) if t]


def _word_term(word: str) -> str:
    """The term of one word of ``words``' output, or "" for a stopword."""
    return stem(word) if word not in STOPWORDS and (len(word) > 1 or word.isdigit()) else ""


# ``word_term(word)``: kept by word, as a draft's words recur (a dict's lookup, in C, where
# the stemmer's suffixes are tried in Python).
word_term = Memo(_word_term, 200_000).__getitem__
