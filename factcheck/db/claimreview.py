"""Read published fact-checks: schema.org ClaimReview JSON-LD and Google's Fact Check Tools.

Three shapes are read, from one file or every ``.json``/``.jsonld`` file of
a folder:

- JSON-LD documents: one ``ClaimReview`` object, a list of them, or an
  ``@graph`` that holds them among other nodes;
- the schema.org ``DataFeed`` of the published ClaimReview feeds
  (``dataFeedElement[].item[]``);
- Google's Fact Check Tools ``claims:search`` responses
  (``claims[].claimReview[]``: the claim's ``text``, ``claimant`` and
  ``claimDate``; each review's ``publisher``, ``url``, ``title``,
  ``reviewDate``, ``textualRating`` and ``languageCode``).

Each review becomes one claim (``importer.ImportedClaim``) carrying its
``Review``; several reviews of one claim stay separate claims tied by
``same_as``. Bad input raises ``InputError`` naming the file and the JSON
path of the value (``$.claims[3].claimReview[0].reviewDate``). The path is
not tracked while reading (a feed of 100,000 reviews takes a million steps
and has no error): a bad value raises ``_Bad`` with its key, and each level
it passes on the way out adds its own step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from json.decoder import scanstring
from pathlib import Path
from typing import Any

from factcheck.db.importer import JSON_LD_SUFFIXES, ImportedClaim, parse_json, read_text
from factcheck.errors import InputError
from factcheck.model import Review

# Who a claim is credited to when the review does not say (not the feed: it did not make it).
UNNAMED = "Unnamed claimant"


class _Bad(Exception):
    """A bad value, with the steps of its JSON path from the value up (``.at`` adds one)."""

    def __init__(self, message: str, fix: str | None = None, step: str | int | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.steps: list[str | int] = [] if step is None else [step]

    def at(self, step: str | int) -> _Bad:
        self.steps.append(step)
        return self

    def error(self, file: Path) -> InputError:
        path = "$" + "".join(
            f"[{s}]" if isinstance(s, int) else f".{s}" for s in reversed(self.steps)
        )
        return InputError(f"{path}: {self.message}", file=str(file), fix=self.fix)


def read_reviews(path: Path) -> list[ImportedClaim]:
    """Every review of a file or folder as a claim; reviews of one claim are linked."""
    claims: list[ImportedClaim] = []
    seen: set[str] = set()
    for file in _files(path):
        found: list[ImportedClaim] = []
        text = read_text(file)
        if not _streamed(text, found):
            found.clear()
            try:
                _reviews(parse_json(text, file), found, top=True)  # dropped once walked
            except _Bad as bad:
                raise bad.error(file) from None
        del text
        for number, claim in enumerate(found):
            if not claim.id:  # neither @id nor URL: known by its place in the file
                claim = claim._replace(id=_digest(f"{file.name}#{number}", claim.text))
            if claim.id not in seen:  # the same review twice (a feed and a search)
                seen.add(claim.id)
                claims.append(claim)
    if not claims:
        raise InputError(
            "no ClaimReview to import",
            file=str(path),
            fix="give ClaimReview JSON-LD, a ClaimReview DataFeed or a claims:search response",
        )
    return _linked(claims)


_DECODE = json.JSONDecoder().raw_decode
_SPACE = json.decoder.WHITESPACE.match  # type: ignore[attr-defined]


def _streamed(text: str, out: list[ImportedClaim]) -> bool:
    """Walk a DataFeed's elements as each is parsed, so that the whole document is
    never held as objects (100,000 reviews made 250 MB of them); whether it was one.

    Only a plain top-level object of distinct keys whose ``dataFeedElement`` is
    a list, and nothing else ``_reviews`` would read first, is walked so. Any
    other document, and any error (bad JSON, a bad review), says no: the
    caller then parses the document whole, which reports it as ever.
    """
    try:
        at = _SPACE(text, 0).end()
        if text[at : at + 1] != "{":
            return False
        keys: set[str] = set()
        at = _SPACE(text, at + 1).end()
        while text[at : at + 1] == '"':
            key, at = scanstring(text, at + 1)
            colon = _SPACE(text, at).end()
            if key in keys or text[colon : colon + 1] != ":":
                return False
            keys.add(key)
            at = _SPACE(text, colon + 1).end()
            if key == "dataFeedElement":
                if text[at : at + 1] != "[":
                    return False  # one element, or none: read whole
                at = _elements(text, at + 1, out)
            else:
                at = _DECODE(text, at)[1]
            at = _SPACE(text, at).end()
            if text[at : at + 1] == ",":
                at = _SPACE(text, at + 1).end()
            elif text[at : at + 1] == "}":
                break
            else:
                return False
        else:
            return False
        if _SPACE(text, at + 1).end() != len(text):
            return False
    except (_Bad, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return False
    claims_search = "claims" in keys and "@type" not in keys
    return "dataFeedElement" in keys and "@graph" not in keys and not claims_search


def _elements(text: str, at: int, out: list[ImportedClaim]) -> int:
    """A JSON list's elements from ``at`` (past its ``[``), each walked as a DataFeed's
    element once parsed; the end of the list. ``ValueError`` if it is not one."""
    at = _SPACE(text, at).end()
    number = 0
    while text[at : at + 1] != "]":
        if number:
            if text[at : at + 1] != ",":
                raise ValueError("not a list")
            at = _SPACE(text, at + 1).end()
        element, at = _DECODE(text, at)
        _element(element, number, out)
        number += 1
        at = _SPACE(text, at).end()
    return at + 1


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in JSON_LD_SUFFIXES)
    if not files:
        raise InputError("no .json or .jsonld files in the folder", file=str(path))
    return files


def _reviews(data: Any, out: list[ImportedClaim], *, top: bool = False) -> None:
    """The reviews of any of the three shapes, nested as they come, added to ``out``."""
    if isinstance(data, list):
        for number, item in enumerate(data):
            try:
                _reviews(item, out)
            except _Bad as bad:
                raise bad.at(number) from None
        return
    if not isinstance(data, dict):
        if top:
            raise _Bad(f"expected a JSON object or list, found {_kind(data)}")
        return
    if "claims" in data and "@type" not in data:  # Google's claims:search response
        for number, claim in enumerate(_list(data, "claims")):
            try:
                _google_claim(claim, out)
            except _Bad as bad:
                raise bad.at(number).at("claims") from None
        return
    if "@graph" in data:
        try:
            _reviews(_list(data, "@graph"), out)
        except _Bad as bad:
            raise bad.at("@graph") from None
        return
    if "dataFeedElement" in data:
        for number, element in enumerate(_list(data, "dataFeedElement")):
            _element(element, number, out)
        return
    if _is_claim_review(data):
        out.append(_schema_org(data))
    elif top:
        raise _Bad(
            "no ClaimReview here",
            "expected @type ClaimReview, an @graph, a DataFeed or a claims:search response",
        )


def _element(element: Any, number: int, out: list[ImportedClaim]) -> None:
    """A DataFeed's element: a ``DataFeedItem`` holding its ``item``, or the item itself."""
    try:
        if isinstance(element, dict) and "item" in element:
            try:
                _reviews(element["item"], out)
            except _Bad as bad:
                raise bad.at("item") from None
        else:
            _reviews(element, out)
    except _Bad as bad:
        raise bad.at(number).at("dataFeedElement") from None


def _is_claim_review(data: dict[str, Any]) -> bool:
    kind = data.get("@type")
    if kind == "ClaimReview":
        return True
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "ClaimReview" for k in kinds)


def _schema_org(data: dict[str, Any]) -> ImportedClaim:
    """A schema.org ClaimReview: ``claimReviewed``, ``itemReviewed`` (a Claim), ``reviewRating``."""
    text = _text(data, "claimReviewed", required=True)
    item = _object(data, "itemReviewed")
    try:
        speaker = _name(item, "author") or UNNAMED
        claim_date = _date(item, "datePublished")
        appearance = _appearance(item)
    except _Bad as bad:
        raise bad.at("itemReviewed") from None
    rating = _object(data, "reviewRating", required=True)
    try:
        value = _number(rating, "ratingValue")
        best = _number(rating, "bestRating")
        worst = _number(rating, "worstRating")
        textual = _text(rating, "alternateName") or _text(rating, "name")
    except _Bad as bad:
        raise bad.at("reviewRating") from None
    if textual is None and value is None:
        raise _Bad(
            "the rating has neither alternateName nor ratingValue",
            "give the textual rating",
            "reviewRating",
        )
    if textual is None:
        textual = f"{value:g}" + (f" of {best:g}" if best is not None else "")
    url = _text(data, "url")
    review = Review(
        rating=textual,
        value=value,
        best=best,
        worst=worst,
        reviewer=_name(data, "author") or _name(data, "publisher"),
        date=_date(data, "datePublished"),
        url=url,
        language=_language(data),
    )
    reference = data.get("@id")
    return _claim(
        text, speaker, review, reference if isinstance(reference, str) else None,
        context=_context(claim_date, appearance),
        title=_text(data, "headline") or _text(data, "name"),
    )  # fmt: skip


def _google_claim(claim: Any, out: list[ImportedClaim]) -> None:
    """Each review of a ``claims:search`` claim."""
    if not isinstance(claim, dict):
        raise _Bad(f"expected a claim object, found {_kind(claim)}")
    text = _text(claim, "text", required=True)
    context = _context(_date(claim, "claimDate"), None)
    speaker = _text(claim, "claimant") or UNNAMED
    for number, review in enumerate(_list(claim, "claimReview")):
        try:
            out.append(_google(review, text, speaker, context))
        except _Bad as bad:
            raise bad.at(number).at("claimReview") from None


def _google(review: Any, text: str, speaker: str, context: str | None) -> ImportedClaim:
    if not isinstance(review, dict):
        raise _Bad(f"expected a claimReview object, found {_kind(review)}")
    rating = _text(review, "textualRating", required=True)
    publisher = _object(review, "publisher")
    try:
        reviewer = _text(publisher, "name") or _text(publisher, "site")
    except _Bad as bad:
        raise bad.at("publisher") from None
    result = Review(
        rating=rating,
        reviewer=reviewer,
        date=_date(review, "reviewDate"),
        url=_text(review, "url"),
        language=_text(review, "languageCode"),
    )
    return _claim(text, speaker, result, None, context=context, title=_text(review, "title"))


def _claim(
    text: str,
    speaker: str,
    review: Review,
    reference: str | None,
    *,
    context: str | None,
    title: str | None,
) -> ImportedClaim:
    """The claim a review is of, with an id that stays the same when it is imported again:
    a hash of the review's ``@id``, else of its URL and claim ("" without either)."""
    key = (reference,) if reference else (review.url, text) if review.url else ()
    claim_id = _digest(*key) if key else ""
    return ImportedClaim(
        id=claim_id,
        text=text,
        title=None,
        speaker=speaker,
        date=review.date,
        url=review.url,
        line=1,
        review=review,
        context=context,
        source_title=title,
    )


def _digest(*parts: str) -> str:
    return "cr-" + hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:12]


def _linked(claims: list[ImportedClaim]) -> list[ImportedClaim]:
    """Reviews of one claim (the same words) tied to the first, by ``same_as``.

    Linked both ways by the loader; a review that shares the first one's
    source (URL, date and reviewer) is the same fact-check, not linked.
    """
    first: dict[str, ImportedClaim] = {}
    out = []
    for claim in claims:
        earlier = first.setdefault(claim.text.casefold(), claim)  # texts are spaced by _text
        if earlier is not claim and _source(earlier) != _source(claim):
            claim = claim._replace(same_as=(earlier.id,))
        out.append(claim)
    return out


def _source(claim: ImportedClaim) -> tuple[object, ...]:
    return (claim.url, claim.date, claim.review and claim.review.reviewer)


def _context(date: dt.date | None, appearance: str | None) -> str | None:
    parts = []
    if date:
        parts.append(f"claim made {date.isoformat()}")
    if appearance:
        parts.append(f"appeared in {appearance}")
    return "; ".join(parts).capitalize() if parts else None


# --- values, checked where they are -----------------------------------------------------------


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _object(data: dict[str, Any], key: str, *, required: bool = False) -> dict[str, Any]:
    value = data.get(key)
    if isinstance(value, list) and value:
        value = value[0]
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        found = "nothing" if value is None else _kind(value)
        raise _Bad(f"expected an object, found {found}", step=key)
    return value


def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if isinstance(value, str):
        text = " ".join(value.split())
        if text:
            return text
    elif value is not None:
        raise _Bad(f"expected text, found {_kind(value)}", step=key)
    if required:
        raise _Bad("missing or empty", f"every review needs its {key}", key)
    return None


def _name(data: dict[str, Any], key: str) -> str | None:
    """An author or publisher: a Person or Organization's ``name``, or plain text."""
    return _nested_text(data, key, ("name", "alternateName"))


def _language(data: dict[str, Any]) -> str | None:
    """A language code, or a schema.org Language's."""
    return _nested_text(data, "inLanguage", ("alternateName", "name"))


def _appearance(item: dict[str, Any]) -> str | None:
    """Where the claim appeared: the first ``appearance`` or ``firstAppearance``'s URL."""
    for key in ("firstAppearance", "appearance"):
        if item.get(key) is not None:
            return _nested_text(item, key, ("url", "name"))
    return None


def _nested_text(data: dict[str, Any], key: str, names: tuple[str, ...]) -> str | None:
    """A value given as text or as an object (the first of a list): the object's first
    non-empty field of ``names``. schema.org lets a publisher write either."""
    value = data.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        try:
            for name in names:
                text = _text(value, name)
                if text:
                    return text
        except _Bad as bad:
            raise bad.at(key) from None
        return None
    return _text(data, key) if value is not None else None


def _date(data: dict[str, Any], key: str) -> dt.date | None:
    text = _text(data, key)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _Bad(f"date {text!r} is not ISO 8601", "write YYYY-MM-DD", key) from None


def _number(data: dict[str, Any], key: str) -> float | None:
    """A rating's number; schema.org allows it as text ("1")."""
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _Bad("expected a number, found true/false", step=key)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _Bad(f"expected a number, found {_kind(value)}", step=key) from None
    if not math.isfinite(number):
        raise _Bad("expected a finite number", step=key)
    return number
