"""Newsroom paraphrase as data: synonyms that bridge wording, opposites that contradict it.

Reporters rarely reuse a release's words: "illegal entry" for "improper
entry", "memo" for "memorandum", "told" for "instructed". The lexicon
(``lexicon/paraphrases.yaml``, one entry a line, plus a database's own
``paraphrases``) lets the matcher credit such a word, at a lower weight
than the word itself, and lets the checker see a draft that writes "fell"
where the claim writes "increased".

The file is YAML of a fixed, simple shape, read line by line (``vocabulary``) so that a
run never pays for importing a YAML parser (a test checks both readings agree).
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import functools
import re
from collections.abc import Iterable
from itertools import pairwise

from factcheck.check.index import text_terms
from factcheck.check.vocabulary import LEXICON_DIR, read_sections
from factcheck.text.normalize import normalize, normalized_words, word_term
from factcheck.text.patterns import LazyPattern

LEXICON_FILE = LEXICON_DIR / "paraphrases.yaml"
# A paraphrase counts this much of the word it stands for.
SYNONYM_WEIGHT = 0.75

Phrase = tuple[str, ...]


class Lexicon:
    """Synonym groups (as index terms), pairs of opposite word lists, the words that
    deny, and contrasts: opposite actions whose denial is no paraphrase of the other.

    Built once per run (the shipped file and a database's lines); the
    lookups the checker makes for every sentence and candidate (which
    phrases a text holds, whether two terms are paraphrases) go through
    tables made here rather than a walk over every group.
    """

    __slots__ = (
        "_contracted",
        "_denying",
        "_groups_of",
        "_hedged",
        "_modal",
        "_opposite_phrases",
        "_pairs",
        "_pairs_by_word",
        "_phrases_by_first",
        "_unstated",
        "contrasts",
        "hedges",
        "modals",
        "negations",
        "opposites",
        "synonyms",
        "unstated",
    )

    def __init__(
        self,
        synonyms: tuple[tuple[Phrase, ...], ...],
        opposites: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
        negations: tuple[str, ...] = (),
        contrasts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (),
        unstated: tuple[str, ...] = (),
        hedges: tuple[str, ...] = (),
        modals: tuple[str, ...] = (),
    ) -> None:
        self.synonyms = synonyms
        self.opposites = opposites
        self.negations = negations
        self.contrasts = contrasts
        self.unstated = unstated
        self._unstated = tuple((w, f" {w} ") for w in unstated)
        self.hedges = hedges
        self.modals = modals
        # A modal and the word after it, an adverb or "be" between ("may soon instruct",
        # "will be confirmed"), as ``_spaced`` writes the draft; compiled for the first
        # draft that holds a modal (half a millisecond of every start, else).
        longest_first = sorted(map(re.escape, modals), key=len, reverse=True)
        self._modal = (
            LazyPattern(
                rf"\b((?:{'|'.join(longest_first)})"
                r"(?: (?:soon|also|now|then|likely|probably|not|never))?(?: be| have)?) ([a-z-]+)",
                tuple(modals),
            )
            if modals
            else None
        )
        self._hedged = (
            re.compile(rf"\b(?:{'|'.join(map(re.escape, hedges))}) (?:all|every|everyone)\b")
            if hedges
            else None
        )
        # Each phrase under its first term, in the groups' order, with its alternatives.
        self._phrases_by_first: dict[str, list[tuple[Phrase, tuple[Phrase, ...]]]] = {}
        # The groups each one-word phrase belongs to.
        self._groups_of: dict[str, set[int]] = {}
        # The pairs of opposites (and contrasts) in order; the pairs each one-word entry is
        # in; and per pair with longer entries, those as ``_spaced`` writes them. A draft
        # is read for the pairs its words are in, not each pair for the draft's words.
        self._pairs = (*opposites, *contrasts)
        self._pairs_by_word: dict[str, list[int]] = {}
        for number, (left, right) in enumerate(self._pairs):
            for word in dict.fromkeys(w for w in (*left, *right) if " " not in w):
                self._pairs_by_word.setdefault(word, []).append(number)
        self._opposite_phrases = tuple(
            (number, spaced)
            for number, (left, right) in enumerate(self._pairs)
            if (spaced := tuple(f" {w} " for w in (*left, *right) if " " in w))
        )
        # The denying words as ``_spaced`` writes them; "n't" is found inside a word.
        self._contracted = "n't" in negations
        self._denying = tuple((n, f" {n} ") for n in negations if n != "n't")
        for number, group in enumerate(synonyms):
            for phrase in group:
                alternatives = tuple(p for p in group if p != phrase)
                self._phrases_by_first.setdefault(phrase[0], []).append((phrase, alternatives))
                if len(phrase) == 1:
                    self._groups_of.setdefault(phrase[0], set()).add(number)

    def plain(self) -> tuple:
        """The lexicon as plain tuples, in the constructor's order (the cache keeps it)."""
        return (
            self.synonyms, self.opposites, self.negations, self.contrasts, self.unstated,
            self.hedges, self.modals,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and self.plain() == other.plain()

    def __hash__(self) -> int:
        return hash(self.plain())

    def __repr__(self) -> str:
        return f"Lexicon({len(self.synonyms)} synonym groups, {len(self.opposites)} opposites)"

    def extended(self, entries: Iterable[str]) -> "Lexicon":
        """This lexicon with more synonym lines (a database's ``paraphrases``)."""
        more = tuple(group for group in map(_synonym_group, entries) if len(group) > 1)
        if not more:
            return self
        return Lexicon(self.synonyms + more, *self.plain()[1:])

    def alternatives(self, query_terms: Iterable[str]) -> list[tuple[Phrase, tuple[Phrase, ...]]]:
        """For each synonym phrase a text holds whole: the phrase and its alternatives."""
        present = set(query_terms)
        found = []
        for term in sorted(present.intersection(self._phrases_by_first)):
            for phrase, alternatives in self._phrases_by_first[term]:
                if present.issuperset(phrase):
                    found.append((phrase, alternatives))
        return found

    def said_otherwise(self, terms: Iterable[str]) -> set[str]:
        """The terms of every paraphrase of a phrase that terms hold ("congregation" for
        "faith communities"): a text holding the phrase says those in other words."""
        return {t for _, phrases in self.alternatives(terms) for phrase in phrases for t in phrase}

    def _undo_litotes(self, draft: str, claim: str) -> str:
        """A draft with "not X" written as the claim's word when the claim has X's opposite.

        "even those that are not near a border" says what "including those
        far from the border" says: a denied word whose opposite the claim
        writes agrees with it.
        """
        for match in _NOT_WORD.finditer(draft):
            word = match.group(1)
            for left, right in self.opposites:
                for mine, theirs in ((left, right), (right, left)):
                    written = _first_in(theirs, claim) if word in mine else None
                    if written:
                        return draft.replace(match.group(0), f" {written}", 1)
        return draft

    def _said_alike(self, denying: str, draft: str, claim: str) -> bool:
        """Whether a denying verb, or a synonym phrase it opens, stands where the claim
        writes a paraphrase of it, before the same word: "to stop the deportations" for
        "to resist the deportation", "to stop using private prisons" for "to phase out
        the use of private prisons". Read as index terms, so a word's other form (a
        plural, "use" for "using") still follows it."""
        after = text_terms(draft.partition(f" {denying} ")[2])
        theirs = text_terms(claim)
        for phrase, alternatives in self._phrases_by_first.get(word_term(denying), ()):
            rest = len(phrase) - 1
            if after[:rest] != phrase[1:] or len(after) <= rest:
                continue
            follows = after[rest]  # the draft's first word past the phrase
            for alternative in alternatives:
                at = _run_at(theirs, alternative)
                end = at + len(alternative)
                if at >= 0 and follows in theirs[end : end + _FOLLOWING]:
                    return True
        return False

    def denies(self, text: str) -> bool:
        """Whether a text denies something ("We will not be intimidated")."""
        return self._denial(_spaced(text)) is not None

    def _denial(self, text: str) -> str | None:
        """The first denying word of a ``_spaced`` text ("n't" inside a contraction)."""
        if self._contracted and "n't " in text:
            return "n't"
        return next((n for n, spaced in self._denying if spaced in text), None)

    def same(self, term: str, other: str) -> bool:
        """Whether two index terms are one word or paraphrases of each other."""
        if term == other:
            return True
        groups = self._groups_of.get(term)
        return groups is not None and not groups.isdisjoint(self._groups_of.get(other, ()))

    def groups(self, terms: Iterable[str]) -> set[int]:
        """The synonym groups some one-word terms are in: two sets of terms have a
        paraphrase in common where theirs meet (one lookup a term, not a pair)."""
        return {number for term in terms for number in self._groups_of.get(term, ())}

    def paraphrase(self, text: str, other: str) -> bool:
        """Whether two phrases say one thing: the same terms, or one synonym line's
        ("DOJ" and "the Justice Department")."""
        mine, theirs = tuple(text_terms(text)), tuple(text_terms(other))
        if not mine or mine == theirs:
            return mine == theirs
        return any(
            phrase == mine and theirs in alternatives
            for phrase, alternatives in self._phrases_by_first.get(mine[0], ())
        )

    def substitution(
        self, draft: str, claim: str, names: frozenset[str] = frozenset()
    ) -> tuple[str, str] | None:
        """A modifier the draft puts where the claim has another, on the same noun.

        "drug cases" where the claim says "immigration prosecutions", a
        "Border Enforcement Coordinator" for a "Border Security Coordinator":
        the nouns agree (or are paraphrases), the telling words before them
        do not, and the draft has none of the claim's words for that noun.
        """
        from factcheck.check.termweights import ZIPF_FLOOR, background

        common = background()
        mine, theirs = set(text_terms(draft)), set(text_terms(claim))
        ours = _pairs(draft, names)
        modifiers: dict[str, set[str]] = {}
        for modifier, head in _pairs(claim, names):
            modifiers.setdefault(head, set()).add(modifier)
        # The claim's modifiers a phrase of the draft says in other words ("for-profit
        # prisons" for "private prisons").
        said = self.said_otherwise(mine)
        for head, written in modifiers.items():
            if any(_present(m, mine) or m in said for m in written):
                continue
            for other, noun in ours:
                if (
                    self.same(noun, head)
                    and not _present(other, theirs)
                    and not any(self.same(other, m) for m in written)
                    and common.get(other, ZIPF_FLOOR) <= MODIFIER_MAX_ZIPF
                    and any(common.get(m, ZIPF_FLOOR) <= MODIFIER_MAX_ZIPF for m in written)
                ):
                    return other, sorted(written)[0]
        return None

    def unstated_word(self, draft: str, claim: str) -> str | None:
        """A word of its own fact ("unanimously", "record") the draft writes and the
        claim's texts do not, in any form ("unanimous" for "unanimously" is the
        claim's): "Sessions was unanimously confirmed" adds a fact."""
        draft = _spaced(draft)
        found = [w for w, spaced in self._unstated if spaced in draft]
        if not found:
            return None
        spaced, stems = _spaced(claim), {term[:6] for term in text_terms(claim)}
        return next(
            (w for w in found if f" {w} " not in spaced and word_term(w)[:6] not in stems), None
        )

    def unrealized(self, draft: str, claim: str) -> tuple[str, str] | None:
        """A modal the draft writes before a verb the claim writes as done, and that
        verb as the claim writes it: "Sessions may soon instruct federal prosecutors …"
        (or "is expected to instruct") for "Sessions instructed …" says it has not
        happened yet. Done: the claim writes the verb with "-ed". "would" is left out of
        the lexicon's list: it reports a decision as often ("announced that the
        department would reverse …")."""
        if self._modal is None:
            return None
        spaced = _spaced(draft)
        if "'" in spaced:  # "Sessions'll": a contraction stands for "will"
            spaced = spaced.replace("'ll ", " will ")
        done = {w[:5]: w for w in _spaced(claim).split() if w.endswith("ed") and w.isalpha()}
        for found in self._modal.finditer(spaced):
            written = done.get(found[2][:5])
            # The same verb: "instruct" of "instructed", "reverse" of "reversed", "stop" of
            # "stopped", or the claim's word itself ("will be confirmed").
            if written and found[2] in (written, written[:-1], written[:-2], written[:-3]):
                return f"{found[1]} {found[2]}", written
        return None

    def unhedged(self, draft: str, claim: str) -> tuple[str, str] | None:
        """The claim's "almost all" that the draft writes as a plain "all" (or "every"), and
        both.

        "All of the migrants … were held in private prisons" for "almost all of
        them": the hedge is the fact. "of all" counts what a share is of ("52
        percent of all prosecutions"), which says nothing of how many.
        """
        if self._hedged is None:
            return None
        hedged = _hedge_in(self._hedged, claim)
        if hedged is None:
            return None
        draft = _spaced(draft)
        for found in _UNIVERSAL.finditer(draft):
            before = draft[: found.start()].rstrip().rsplit(" ", 1)[-1]
            if before not in self.hedges and before != "of":
                return found[1], hedged
        return None

    def contradiction(self, draft: str, claim: str) -> tuple[str, str] | None:
        """A word of the draft whose opposite the claim writes (and the draft does not),
        and that word; "" stands for the absence of a denial on one side.

        A denial counts as the opposite of no denial: "tells districts to
        stop prosecuting harboring" contradicts "instructs prosecutors to
        prioritize … harboring". A contrast after a comma or a dash denies
        something else ("applies to federal prosecutors, not state and local
        district attorneys"; "in all districts, not only those along the
        border"), not the claim: it is read without it.
        """
        draft, claim = _spaced(_without_contrasts(draft, claim)), _spaced(claim)
        draft = self._undo_litotes(draft, claim)
        denied, claimed = self._denial(draft), self._denial(claim)
        if denied and self._said_alike(denied, draft, claim):
            denied = None
        if bool(denied) != bool(claimed):
            return (denied, "") if denied else ("", claimed or "")
        by_word = self._pairs_by_word
        written_pairs = {n for w in by_word.keys() & draft.split() for n in by_word[w]}
        written_pairs.update(
            n for n, phrases in self._opposite_phrases if any(p in draft for p in phrases)
        )
        for number in sorted(written_pairs):  # the pairs the draft writes a side of, in order
            left, right = self._pairs[number]
            for mine, theirs in ((left, right), (right, left)):
                said = _first_in(mine, draft)
                if said and not _first_in(mine, claim):
                    written = _first_in(theirs, claim)
                    if written and (
                        not _first_in(theirs, draft) or _moved(said, written, draft, claim)
                    ):
                        return said, written
        return None


# How far past a claim's paraphrase its next words may be found ("phase out the use of
# private prisons" for "stop using private prisons": one word between).
_FOLLOWING = 2


def _run_at(terms: tuple[str, ...], run: tuple[str, ...]) -> int:
    """Where ``run`` starts in ``terms``, side by side (-1 where it does not)."""
    for at in range(len(terms) - len(run) + 1):
        if terms[at : at + len(run)] == run:
            return at
    return -1


@functools.lru_cache(maxsize=1024)
def _hedge_in(pattern: re.Pattern[str], claim: str) -> str | None:
    """A claim's hedged "all" ("almost all"), kept: a claim is asked for every sentence."""
    found = pattern.search(_spaced(claim))
    return found.group() if found else None


# ", not only those along the border", "— not state and local district attorneys": what a
# sentence sets its statement against, up to the next mark.
_CONTRAST = re.compile(
    r"[,—–(][ \u00a0]*(?:and[ \u00a0]+|but[ \u00a0]+)?not[ \u00a0]+([^,;:—–()\"“”]{1,120})"
)
_CAPITALIZED = re.compile(r"\b[A-Z][\w'’.-]*")
_NOT_ONLY = re.compile(r"(?:only|just|merely|simply)\b")


def _without_contrasts(draft: str, claim: str) -> str:
    """A draft without the contrasts that deny what its claim does not mention.

    ", not only X" grants X and more, so it is dropped whatever X is; ", not
    X" denies X, which is another thing than the claim's statement when none
    of X's words are the claim's (with one, "…, not in districts far from
    the border", the denial is the claim's, and kept). The claim's words are
    read without its names: "United States" tells nothing of a "state"
    district attorney.
    """
    if "not" not in draft:
        return draft
    terms = set(text_terms(_CAPITALIZED.sub(" ", claim)))
    for found in reversed(list(_CONTRAST.finditer(draft))):
        denied = found[1]
        if _NOT_ONLY.match(denied) or terms.isdisjoint(text_terms(denied)):
            draft = draft[: found.start()] + " " + draft[found.end() :]
    return draft


# "all", "every", "everyone" as ``_spaced`` writes them: what a hedge qualifies.
_UNIVERSAL = re.compile(r"(?<= )(all|every|everyone)(?= )")
_NOT_WORD = re.compile(r" (?:not|never|nowhere) ([\w-]+)")


# A modifier this common in English ("new", "top", "high", "state") is no telling detail.
MODIFIER_MAX_ZIPF = 5.5


_RAW_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\S")


def _present(term: str, bag: set[str]) -> bool:
    """Whether a text's terms hold a term, a hyphenated one by its parts ("re-entry")."""
    parts = [p for p in term.split("-") if p]
    return term in bag or ("-" in term and all(p in bag for p in parts))


# Verbs written like no verb ("told prosecutors", "sent agents"): never a modifier.
_IRREGULAR_VERBS = frozenset(
    "told tell sent send gave give made make took take put set led lead held hold brought "
    "bring sought seek found find left leave kept keep got get began begin wrote write "
    "spoke speak meant mean paid pay ran run saw see".split()
)

# Words that relate a phrase to the rest ("amid serious concerns", "despite serious
# concerns"): no modifier of the word after them.
_PREPOSITIONS = frozenset(
    "amid amidst despite during with within without against among amongst toward towards "
    "across through throughout about above after before behind below beneath beside besides "
    "between beyond inside outside since until upon versus via along around near onto over "
    "under unlike like except into from than".split()
)

# Words after which a word is a verb ("who commit crimes", "to prosecute cases").
_BEFORE_VERBS = frozenset(
    "who to will would can could may might must should shall they we you i".split()
)

_NUMBER_WORDS = frozenset(
    "hundred hundreds thousand thousands million millions billion billions trillion dozen "
    "dozens half halves quarter quarters third thirds percent".split()
)


def _alpha(word: str) -> bool:
    """Letters only, or hyphenated letters ("state-run")."""
    return word.replace("-", "").isalpha()


# A word's term, kept: the words of one draft's sentences and its claims recur.
_term = functools.lru_cache(maxsize=8192)(word_term)


@functools.lru_cache(maxsize=2048)
def _pairs(text: str, names: frozenset[str] = frozenset()) -> tuple[tuple[str, str], ...]:
    """Words side by side in a text (modifier, head), as index terms.

    Both are content words written next to each other ("drug cases"): the
    modifier lower-case, or both capitalized as in a title ("Border Security
    Coordinator"), and not written like a verb or a plural ("instructs
    prosecutors", "involved immigration"); people's ``names`` are
    attribution, not modifiers.
    """
    # Each word's tests once, not once as a modifier and again as a head.
    raw = [(word, _alpha(word), word.lower()) for word in _RAW_WORDS.findall(text)]
    if raw and raw[0][0].istitle():
        # The first word is capitalized by its place ("Drug offenses made up …"); a name
        # there is still a name (``names``), and a title's next word is capitalized too.
        raw[0] = (raw[0][2], raw[0][1], raw[0][2])
    found = []
    for at, ((first, alpha, lower), (second, second_alpha, second_lower)) in enumerate(
        pairwise(raw)
    ):
        if not (alpha and second_alpha):
            continue
        if not (first.islower() or (first.istitle() and second.istitle())):
            continue
        # A sentence opens with its subject, not a verb: a plural there modifies
        # ("Weapons offenses made up …").
        verb_endings = ("ed", "ing", "ly") if at == 0 else ("s", "ed", "ing", "ly")
        if (
            (first.endswith(verb_endings) and "-" not in first)
            or lower in _IRREGULAR_VERBS
            or lower in _PREPOSITIONS
            or (at and raw[at - 1][2] in _BEFORE_VERBS)
        ):
            continue  # a compound ("immigration-related") is an adjective, not a verb
        if lower in _NUMBER_WORDS or second_lower in _NUMBER_WORDS:
            continue  # "730 thousand" against "a million" is the figure check's
        modifier, head = _term(lower), _term(second_lower)
        if len(modifier) > 3 and len(head) > 3 and not {modifier, head} & names:
            found.append((modifier, head))
    return tuple(found)


# "called the memo a “dangerous escalation”", "described it as fear-mongering": what the
# sentence says something is, which the claim must say too.
# What a thing is called ends where a clause about it begins ("… that instructs …").
_CALLED_WHAT = r"(?:(?!\b(?:that|which|who|because)\b)[^,;.!?]){3,80}"
_CHARACTERIZED = LazyPattern(
    # "called for", "called on" ask for something; they call it nothing.
    r"\b(?:(?:called|calls|calling)(?![ \u00a0]+(?:for|on|upon)\b)|labeled|labelled|branded|"
    r"dubbed|termed)\b[ \u00a0]+(?:[\w’'-]+[ \u00a0]+){0,4}(?:as[ \u00a0]+)?"
    rf"(?:an?|the)[ \u00a0]+(?P<what>{_CALLED_WHAT})"
    # A description is what follows its "as" ("describing the April 11 memo as building on
    # …"; not "the April 11").
    r"|\bdescrib(?:ed|es|ing)\b[ \u00a0]+(?:[\w’'-]+,?[ \u00a0]+){0,6}?as[ \u00a0]+"
    rf"(?:(?:an?|the)[ \u00a0]+)?(?P<described>{_CALLED_WHAT})",
    ("call", "descri", "label", "brand", "dubbed", "termed"),
    re.IGNORECASE,
)


def characterization(text: str) -> str | None:
    """What a sentence calls something ("a dangerous escalation"), if it calls it anything."""
    match = _CHARACTERIZED.search(text)
    if match is None:
        return None
    return (match.group("what") or match.group("described")).strip(" “”\"'")


def _moved(said: str, written: str, draft: str, claim: str) -> bool:
    """Whether the draft puts its word on the noun the claim puts the other on, and the
    other elsewhere: "the federal courts and state prisons" for "the federal courts and
    federal prisons"; or after the auxiliary the claim puts the other after ("people have
    been deported … after federal prosecution" for "… have been prosecuted"). Both
    joined by "and" or "or" ("federal and state prisons") is not read so: there the
    draft writes the claim's word too."""
    slot = re.search(rf" ({_AUXILIARIES}) {re.escape(said)} ", draft)
    if slot and f" {slot[1]} {written} " in claim and f" {slot[1]} {written} " not in draft:
        return True  # the same verb's place: "have been deported" for "have been prosecuted"
    after = re.search(rf" {re.escape(said)} ([a-z]+)", draft)
    if not after:
        return False
    noun = after.group(1)[:5]
    on_noun = re.compile(rf" {re.escape(written)} {re.escape(noun)}")
    joined = re.compile(
        rf" (?:{re.escape(written)},? (?:and|or) {re.escape(said)}"
        rf"|{re.escape(said)},? (?:and|or) {re.escape(written)}) "
    )
    return bool(on_noun.search(claim)) and not on_noun.search(draft) and not joined.search(draft)


# Words a verb's participle follows ("have been prosecuted", "were incarcerated").
_AUXILIARIES = "been|was|were|is|are|be|being"


def _first_in(words: tuple[str, ...], text: str) -> str | None:
    """The first of ``words`` (in their order) that stands whole in ``text``, a text
    of words between single spaces (``_spaced``): no pattern to compile."""
    return next((w for w in words if f" {w} " in text), None)


_TOKENS = re.compile(r"[\w'-]+")


@functools.lru_cache(maxsize=2048)
def _spaced(text: str) -> str:
    """Normalized words of a text between single spaces, one space before and after
    (kept for the last texts: a claim's passage is asked about for many sentences)."""
    return f" {' '.join(_TOKENS.findall(normalize(text)))} "


def _synonym_group(line: str) -> tuple[Phrase, ...]:
    """A line's phrases as index terms. The line is normalized once, not phrase by
    phrase: the shipped lexicon is read at every start (a test checks the terms
    are ``text_terms``')."""
    phrases = (
        tuple(t for t in map(word_term, normalized_words(item)) if t)
        for item in normalize(line).split(",")
    )
    return tuple(dict.fromkeys(p for p in phrases if p))


def _opposite_pairs(line: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """A line's sides, two by two: "federal | state | local, county" is three
    kinds of which any two exclude each other."""
    sides = [tuple(_words(side)) for side in line.split("|")]
    return [(sides[i], other) for i in range(len(sides)) for other in sides[i + 1 :]]


def _words(side: str) -> list[str]:
    return [normalize(item) for item in side.split(",") if item.strip()]


def read_lexicon(text: str) -> Lexicon:
    """Parse the lexicon file: ``synonyms:``, ``opposites:``, ``contrasts:``,
    ``negations:``, ``unstated:``, ``hedges:`` and ``modals:``, each a list of lines."""
    sections = read_sections(
        text, ("synonyms", "opposites", "negations", "contrasts", "unstated", "hedges", "modals")
    )
    synonyms = tuple(g for g in map(_synonym_group, sections["synonyms"]) if len(g) > 1)
    opposites = tuple(pair for line in sections["opposites"] for pair in _opposite_pairs(line))
    negations = tuple(word for line in sections["negations"] for word in _words(line))
    contrasts = tuple(pair for line in sections["contrasts"] for pair in _opposite_pairs(line))
    unstated = tuple(word for line in sections["unstated"] for word in _words(line))
    hedges = tuple(word for line in sections["hedges"] for word in _words(line))
    modals = tuple(word for line in sections["modals"] for word in _words(line))
    return Lexicon(synonyms, opposites, negations, contrasts, unstated, hedges, modals)


_LEXICON: list[Lexicon] = []


def lexicon() -> Lexicon:
    """The shipped lexicon, read once."""
    if not _LEXICON:
        _LEXICON.append(read_lexicon(LEXICON_FILE.read_text(encoding="utf-8")))
    return _LEXICON[0]
