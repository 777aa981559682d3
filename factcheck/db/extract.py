"""Draft candidate claims from a new source text, for a curator to review.

One candidate per checkable sentence, split further where a sentence holds
several things to check: each sentence of a quotation (with its speaker), an
attributed quote inside narration ("some senators said “…”"),
the appositive that gives a speaker's role ("Bob Libal, executive director at
Grassroots Leadership"), and statistic clauses ("…, when … 49 percent …").
Every passage is an exact substring of the source, so the draft loads and
validates as it is; the curator's work is to trim, retype and tag.

Sentences come from ``factcheck.text.document``, quotations from ``factcheck.check.quotes``,
attributions from ``factcheck.check.speakers``, figures from ``factcheck.figures.parse``;
this module only decides what makes a candidate and who said it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from factcheck.check.quotes import find_quotes
from factcheck.check.speakers import find_attributions, name_key
from factcheck.db.write import UniqueIds, slug
from factcheck.errors import UsageError
from factcheck.figures.parse import Quantity, parse_figures
from factcheck.model import Claim, Figure, Source, Speaker, long_date
from factcheck.text.document import Document, find_prose, input_format, segment, split_block
from factcheck.text.normalize import STOPWORDS, words
from factcheck.text.word import is_docx

_TIME_UNITS = frozenset({"year", "date"})
# Closing punctuation a passage leaves out (the claims.yaml convention), unless
# it sits inside a closing quotation mark.
_TRAILING = ".,;: \u00a0"
_CLOSE = '”"’'
_DASH_DATELINE = re.compile(r"(?P<line>[A-Z][A-Z.'’ -]{1,40}\b[^—–\n]{0,60}?)\s*(?:—|–|--)\s*")
_APPOSITIVE = re.compile(
    r",[ \u00a0](?P<role>(?:an?[ \u00a0]|the[ \u00a0])?[a-z][\w’'. -]{1,60}?"
    r"(?:[ \u00a0](?:at|of|for|with)[ \u00a0](?:the[ \u00a0])?(?P<org>[A-Z][\w’'.&-]*"
    r"(?:[ \u00a0](?:of[ \u00a0]the|of|and|for)?[ \u00a0]?[A-Z][\w’'.&-]*)*))?)"
    r"(?=[,;]|\.(?:\s|$)|$)"
)
_TITLES = frozenset(
    """
    general director mayor governor gov. senator sen. rep. representative president secretary
    chief commissioner spokesperson spokeswoman spokesman manager chair chairman chairwoman
    officer superintendent councilmember councilwoman councilman administrator attorney judge
    """.split()
)
_ORG_WORDS = frozenset(
    """
    department office leadership council committee association coalition agency city county
    inc corporation university institute center foundation union bureau commission board
    strategies group ministry service services administration
    """.split()
)
_DOCUMENTS = frozenset({"memo", "report", "statement", "release", "book", "study", "letter"})
_POLICY = re.compile(r"\b(?:calls? for|instructs?|orders?|directs?|requires?|bans?|prohibits?)\b")
_EVENT = re.compile(
    r"\b(?:announced|released|approved|voted|signed|confirmed|reversed|launched|began|"
    r"will begin|appointed|filed|opened|closed|today|yesterday)\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"@\w|\(\d{3}\)|\b\d{3}[-.]\d{3}[-.]\d{4}\b|^#+$|^-\d+-$|^contact\b", re.I)
_CLAUSE = re.compile(r",[ \u00a0](?=(?:an?|when|which|while|whereas|compared|up|down)\b)")
# A quoted sentence this short reads with the next one ("This is a new era.").
_SHORT_QUOTE_WORDS = 6
_MIN_WORDS = 5
# Words between a clause's comma and an attribution that only connect them.
_CONNECTIVE_WORDS = 4


@dataclass(frozen=True)
class Draft:
    """What ``extract`` proposes: one source, its speakers and candidate claims."""

    source: Source
    speakers: tuple[Speaker, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class _Piece:
    """A candidate before ids and figures: a span of the source and who says it."""

    start: int
    end: int
    speaker: str | None  # a name as the text gives it; None is the publisher's voice
    quote: tuple[int, int] | None = None
    kind: str | None = None  # forced type (quote, biography)
    subject: str | None = None  # biography: whose role
    role: str | None = None


def extract(text: str, source: Source, path: str = "source.txt") -> Draft:
    """Candidate claims of a source text; ``source`` gives its id, publisher and date."""
    document = Document.from_text(path, text)
    sentences = segment(document, find_prose(text, input_format(path)))
    spans = [(s.start, s.end) for s in sentences if _checkable(text[s.start : s.end])]
    dateline = find_dateline(text, spans)
    if dateline is not None:
        source = source._replace(
            date=source.date or dateline.date, place=source.place or dateline.place
        )
        spans = [(max(s, dateline.end), e) for s, e in spans if e > dateline.end]
    pieces = _pieces(text, spans)
    speakers = _Speakers(text, source.publisher)
    for piece in pieces:
        speakers.add(piece.speaker)
        if piece.subject:
            speakers.add(piece.subject, role=piece.role)
    claims = _claims(text, source, pieces, speakers)
    return Draft(source, speakers.records(), tuple(claims))


def source_text_file(source_file: Path, text: str) -> tuple[Path, str | None]:
    """The file the draft's source ``path`` names, and its text when it must be written.

    The database reads a source's text as UTF-8 (a BOM allowed), while
    ``extract`` reads its source as any draft is read: UTF-16 or UTF-32 with a
    BOM, another ``--encoding``, bytes replaced by ``--errors``, a Word
    document's paragraphs. When the source's bytes do not read as UTF-8 to
    the very text the passages were copied from, the draft would not load:
    it names a UTF-8 copy beside the source instead (``release.utf-8.txt``),
    which the caller writes. A copy already there with other text is
    refused, not overwritten.
    """
    if _utf8_text(source_file) == text:
        return source_file, None
    suffix = ".txt" if is_docx(source_file.name) else source_file.suffix
    copy = source_file.with_name(f"{source_file.stem}.utf-8{suffix}")
    if not copy.exists():
        return copy, text
    if _utf8_text(copy) == text:
        return copy, None
    raise UsageError(
        f"holds other text than the UTF-8 copy of {source_file.name} the draft needs "
        "(the database reads source texts as UTF-8)",
        file=str(copy),
        fix=f"delete or rename it, or save {source_file.name} as UTF-8 yourself",
    )


def _utf8_text(file: Path) -> str | None:
    """A file's text as the database reads a source text, or None where it cannot."""
    try:
        return file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


# --- the dateline -------------------------------------------------------------------------


@dataclass(frozen=True)
class Dateline:
    """ "AUSTIN, TX, April 11, 2017—": where and when, and where the story starts."""

    place: str | None
    date: dt.date | None
    end: int


def find_dateline(text: str, spans: list[tuple[int, int]]) -> Dateline | None:
    """The dateline opening the paragraph of the first sentence, if the text has one.

    The paragraph, not the sentence: "RIVERTON, Ore. (March 5, 2024) —" may
    segment as a sentence of its own.
    """
    if not spans:
        return None
    start = text.rfind("\n\n", 0, spans[0][0]) + 2 if "\n\n" in text[: spans[0][0]] else 0
    start += len(text[start:]) - len(text[start:].lstrip())
    match = _DASH_DATELINE.match(text, start)
    if not match or not re.match(r"[A-Z]{2,}", match.group("line")):
        return None
    line = match.group("line")
    date = next((_date(q) for q in parse_figures(line) if q.unit == "date"), None)
    parts = [p.strip() for p in re.sub(r"\([^)]*\)", "", line).split(",")]
    place = []
    for part in parts:
        if not part or re.search(r"\d", part) or _is_month(part):
            break
        place.append(" ".join(w if len(w) <= 2 or "." in w else w.title() for w in part.split()))
    return Dateline(", ".join(place) or None, date, match.end())


def _is_month(word: str) -> bool:
    return word.split()[0].rstrip(".").lower()[:3] in {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    }  # fmt: skip


def _date(quantity: Quantity) -> dt.date | None:
    """A full date from a parsed "date" figure (YYYYMMDD; unknown parts are 0)."""
    value = int(quantity.value)
    year, month, day = value // 10000, value // 100 % 100, value % 100
    try:
        return dt.date(year, month, day) if month and day else None
    except ValueError:
        return None


def _checkable(sentence: str) -> bool:
    """Headlines, contact lines and one-word fragments are not claims."""
    if _CONTACT.search(sentence.strip()):
        return False
    if len(words(sentence)) < _MIN_WORDS and not find_quotes(sentence):
        return False
    return sentence.rstrip(_CLOSE + ")").endswith((".", "!", "?", "…"))


# --- pieces: what each sentence contributes ------------------------------------------------


def _pieces(text: str, spans: list[tuple[int, int]]) -> list[_Piece]:
    """Every candidate span of the text, in order, with who says it."""
    pieces: list[_Piece] = []
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        quotes = [(start + q.start, start + q.end) for q in find_quotes(sentence)]
        names = [(start + a.start, start + a.end, a.name) for a in find_attributions(sentence)]
        if quotes and text[start] in '“"':
            pieces.extend(
                _speech(text, start, end, quotes[0], names, pieces, spans[index + 1 : index + 2])
            )
            continue
        inner = _attributed_quote(text, quotes, names)
        if inner is not None:
            pieces.extend(_narration(text, start, _clause_end(text, start, inner.start), names))
            pieces.append(inner)
            continue
        pieces.extend(_narration(text, start, end, names, quotes[0] if quotes else None))
    return [p for p in pieces if p.end > p.start]


def _speech(text, start, end, quote, names, earlier, following) -> list[_Piece]:
    """A sentence opening with a quotation: one piece per quoted sentence.

    The speaker is named after the quotation ("…,” said Bob Libal), else the
    quotation continues the previous one, else the next sentence names them.
    """
    q_start, q_end = quote
    after = [n for n in names if n[0] >= q_end]
    name = after[0][2] if after else _continued_speaker(text, start, earlier, following)
    tail = q_end + 1 if q_end < end else q_end
    pieces: list[_Piece] = []
    if after:
        tail, role_piece = _tail(text, after[0], end)
        if role_piece:
            pieces.append(role_piece)
    parts = _quote_sentences(text, q_start, q_end)
    result = []
    for n, (s, e) in enumerate(parts):
        first, last = n == 0, n == len(parts) - 1
        span_start = q_start - 1 if first else s
        span_end = tail if last else e
        result.append(_Piece(span_start, span_end, name, (s, _trim(text, s, e)), "quote"))
    return result + pieces


def _continued_speaker(text, start, earlier, following) -> str | None:
    """Who says an unattributed quotation: the previous speaker in the paragraph, or the next."""
    previous = next((p for p in reversed(earlier) if p.kind == "quote"), None)
    if previous is not None and "\n\n" not in text[previous.end : start]:
        return previous.speaker
    for s, e in following[:1]:
        found = find_attributions(text[s:e])
        if found:
            return found[0].name
    return previous.speaker if previous is not None else None


def _tail(text, name, end) -> tuple[int, _Piece | None]:
    """Where a quote's passage ends after its speaker, and the appositive role piece."""
    n_start, n_end, who = name
    match = _APPOSITIVE.match(text, n_end, _trim(text, n_end, end))
    if match is None:
        return _trim(text, n_end, end), None
    role = match.group("role")
    piece = _Piece(n_start, _trim(text, n_start, match.end()), None, None, "biography", who, role)
    return n_end, piece


def _quote_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of a quotation; a very short one joins the next."""
    parts = split_block(text, start, end)
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for n, (s, e) in enumerate(parts):
        s = carry if carry is not None else s
        carry = None
        if len(words(text[s:e])) < _SHORT_QUOTE_WORDS and n < len(parts) - 1:
            carry = s
            continue
        merged.append((s, e))
    return merged


def _attributed_quote(text, quotes, names) -> _Piece | None:
    """ "some senators said “…”" inside a sentence: the attribution and the quote."""
    for q_start, q_end in quotes:
        for n_start, n_end, who in names:
            if n_end <= q_start and q_start - n_end <= 12:
                close = q_end + 1 if q_end < len(text) and text[q_end] in _CLOSE else q_end
                return _Piece(n_start, close, who, (q_start, _trim(text, q_start, q_end)), "quote")
    return None


def _narration(text, start, end, names, quote=None) -> list[_Piece]:
    """A stretch of narration, split into statistic clauses when it holds several figures."""
    end = _trim(text, start, end)
    if len(words(text[start:end])) < _MIN_WORDS:
        return []
    speaker = next((n[2] for n in names if start <= n[0] < end), None)
    cuts = [start]
    if len([q for q in parse_figures(text[start:end]) if q.unit not in _TIME_UNITS]) > 1:
        for match in _CLAUSE.finditer(text, start, end):
            segment_text = text[cuts[-1] : match.start()]
            if any(q.unit not in _TIME_UNITS for q in parse_figures(segment_text)):
                cuts.append(match.end())
    cuts.append(end)
    pieces = []
    for s, e in itertools.pairwise(cuts):
        e = _trim(text, s, e)
        inside = quote if quote and s <= quote[0] < e else None
        pieces.append(_Piece(s, e, speaker, inside))
    return pieces


def _clause_end(text: str, start: int, end: int) -> int:
    """Drop a short connective before an inner attribution (", a move that")."""
    comma = text.rfind(",", start, end)
    if comma > start and len(words(text[comma:end])) <= _CONNECTIVE_WORDS:
        return comma
    return end


def _trim(text: str, start: int, end: int) -> int:
    """End of a passage without its closing punctuation (kept inside a closing quote)."""
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


# --- speakers ------------------------------------------------------------------------------


class _Speakers:
    """Speakers named by the text, merged by surname, with titles split off as roles."""

    def __init__(self, text: str, publisher: str) -> None:
        self.text = text
        self.publisher = Speaker(slug(publisher), publisher, "organization")
        self.by_key: dict[str, Speaker] = {name_key(publisher): self.publisher}
        self.order: list[str] = [self.publisher.id]
        self.found: dict[str, Speaker] = {self.publisher.id: self.publisher}

    def add(self, name: str | None, role: str | None = None) -> None:
        """Register a name the text credits; a role from an appositive fills in later."""
        if name is None or (self.get(name) is not None and role is None):
            return
        title, plain = _split_title(name)
        if len(plain.split()) == 1 and plain[:1].isupper():
            plain, title = self._full_name(plain, title)
        existing = self.get(plain)
        kind = _kind(plain)
        org = _org(role) if role else None
        if existing is not None:
            if role and not existing.role:
                existing = existing._replace(role=role, affiliation=org)
                self.found[existing.id] = existing
            aliases = [a for a in (name, plain.split()[-1]) if self.get(a) is None]
            self._store(existing._replace(aliases=(*existing.aliases, *aliases)))
            return
        aliases = []
        if kind == "person" and len(plain.split()) > 1:
            aliases.append(plain.split()[-1])
        if name != plain:
            aliases.append(name)
        aliases = [a for a in dict.fromkeys(aliases) if self.get(a) is None]
        self._store(Speaker(slug(plain), plain, kind, role or title, org, tuple(aliases)))

    def _full_name(self, surname: str, title: str | None) -> tuple[str, str | None]:
        """ "Sessions" → "Jeff Sessions" when the text names him in full somewhere."""
        pattern = rf"((?:[A-Z][\w’'.-]*[ \u00a0]){{1,5}}){re.escape(surname)}\b"
        for match in re.finditer(pattern, self.text):
            found_title, plain = _split_title(match.group(0))
            if len(plain.split()) > 1 and plain.split()[-1] == surname:
                return plain, title or found_title
        return surname, title

    def _store(self, speaker: Speaker) -> None:
        if speaker.id not in self.found:
            self.order.append(speaker.id)
        self.found[speaker.id] = speaker
        for name in speaker.names:
            self.by_key.setdefault(name_key(name), speaker)

    def get(self, name: str) -> Speaker | None:
        speaker = self.by_key.get(name_key(name))
        return self.found[speaker.id] if speaker else None

    def id_for(self, name: str | None) -> str:
        speaker = self.get(name) if name else None
        return (speaker or self.publisher).id

    def records(self) -> tuple[Speaker, ...]:
        return tuple(self.found[i] for i in self.order)


def _split_title(name: str) -> tuple[str | None, str]:
    """ "Attorney General Jeff Sessions" → ("Attorney General", "Jeff Sessions")."""
    tokens = name.split()
    last = max((i for i, t in enumerate(tokens) if t.lower() in _TITLES), default=-1)
    if last < 0 or last == len(tokens) - 1:
        return None, name
    return " ".join(tokens[: last + 1]), " ".join(tokens[last + 1 :])


def _kind(name: str) -> str:
    lowered = {w.strip(".,").lower() for w in name.split()}
    if lowered & _DOCUMENTS:
        return "document"
    if lowered & _ORG_WORDS:
        return "organization"
    return "group" if name[:1].islower() else "person"


def _org(role: str) -> str | None:
    match = re.search(r"\b(?:at|of|for|with)[ \u00a0](?:the[ \u00a0])?([A-Z].*)$", role)
    return match.group(1) if match else None


# --- claims --------------------------------------------------------------------------------


def _claims(text: str, source: Source, pieces: list[_Piece], speakers: _Speakers) -> list[Claim]:
    """Turn pieces into claims with ids, figures, a type and context."""
    claims = []
    ids = UniqueIds()
    by_id = {s.id: s for s in speakers.records()}
    for piece in pieces:
        passage = text[piece.start : piece.end]
        quote = text[piece.quote[0] : piece.quote[1]] if piece.quote else None
        speaker = by_id[speakers.id_for(piece.speaker)]
        quantities = _quantities(text, piece, source.date)
        figures = tuple(_figure(q, passage) for q in quantities if q.unit not in _TIME_UNITS)
        kind = piece.kind or _guess_type(passage, figures, quantities)
        subject = by_id[speakers.id_for(piece.subject)] if piece.subject else speaker
        claim = _claim_text(kind, passage, quote, speaker, subject, piece.role)
        words_for_id = quote or passage
        prefix = slug(speaker.name.split()[-1]) + "-" if kind == "quote" else ""
        base = f"{source.id}-{prefix}{_id_words(words_for_id)}"
        claim_id = ids.take(base)
        claims.append(
            Claim(
                id=claim_id,
                source=source,
                speaker=speaker,
                type=kind,
                claim=claim,
                passage=passage,
                quote=quote,
                figures=figures,
                context=_context(passage, quantities, source.date),
            )
        )
    return claims


_REACH = 200  # how far before a piece its sentence region may start


def _quantities(text: str, piece: _Piece, date: dt.date | None) -> list[Quantity]:
    """Figures of the whole sentence region that fall inside the piece's passage.

    Parsing a wider region lets "In 2016, …" give its year to a figure in a
    clause that does not repeat it.
    """
    # Only a paragraph break in the 200 characters before counts: a search of
    # everything before each piece made n pieces of one paragraph cost n².
    paragraph = text.rfind("\n\n", max(0, piece.start - _REACH - 2), piece.start)
    start = max(paragraph + 2 if paragraph >= 0 else 0, piece.start - _REACH)
    found = parse_figures(text[start : piece.end], reference_date=date)
    return [
        q._replace(start=q.start + start, end=q.end + start)
        for q in found
        if q.start + start >= piece.start
    ]


def _figure(quantity: Quantity, passage: str) -> Figure:
    """A claim figure; a year is kept only when the passage supports it."""
    year = quantity.year
    if year is not None and str(year) not in passage and not _relative_year(passage):
        year = None
    return Figure(
        text=quantity.text,
        value=quantity.value,
        unit=quantity.unit,
        counts=quantity.counts,
        year=year,
        span=quantity.span,
        qualifier=quantity.qualifier,
    )


def _relative_year(passage: str) -> bool:
    return bool(re.search(r"\b(?:this|last|next) year\b", passage, re.I))


def _guess_type(passage: str, figures: tuple[Figure, ...], quantities: list[Quantity]) -> str:
    if figures:
        return "statistic"
    if _POLICY.search(passage):
        return "policy"
    if any(q.unit in _TIME_UNITS for q in quantities) or _EVENT.search(passage):
        return "event"
    return "characterization"


def _claim_text(kind, passage, quote, speaker, subject, role) -> str:
    """A plain restatement the curator edits: whitespace folded, a final period."""
    if kind == "biography" and role:
        return f"{subject.name} is {role}."
    if kind == "quote" and quote:
        body = " ".join(quote.split()).rstrip(".,;:")
        return f"{speaker.name} said: {body}."
    body = " ".join(passage.split()).strip('“”"').rstrip(".,;:")
    return body[:1].upper() + body[1:] + "."


def _id_words(text: str) -> str:
    content = [w for w in words(text) if w not in STOPWORDS and not w.replace(",", "").isdigit()]
    return slug(" ".join(content), limit=4)


def _context(passage: str, quantities: list[Quantity], date: dt.date | None) -> str | None:
    """Resolve relative time ("today", "last year") so the claim stands on its own."""
    notes = []
    if date is not None and re.search(r"\btoday\b", passage, re.I):
        notes.append(f"“today” is {long_date(date)}.")
    for q in quantities:
        if q.unit == "year" and not re.search(r"\d", q.text) and q.text in passage:
            when = f"{q.span[0]}–{q.span[1]}" if q.span and q.span[1] else str(int(q.value))
            notes.append(f"“{q.text}” is {when}.")
    return " ".join(notes) or None
