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
path of the value (``$.claims[3].claimReview[0].reviewDate``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factcheck.db.importer import JSON_LD_SUFFIXES, ImportedClaim, read_text
from factcheck.errors import InputError
from factcheck.model import Review

# Who a claim is credited to when the review does not say (not the feed: it did not make it).
UNNAMED = "Unnamed claimant"


class _Where:
    """A file and a JSON path, for errors that say exactly which value is wrong.

    The path is spelled out only for an error: a feed of 100,000 reviews
    makes a million steps and no error.
    """

    __slots__ = ("file", "parent", "step")

    def __init__(self, file: Path, parent: _Where | None = None, step: str | int = "$") -> None:
        self.file = file
        self.parent = parent
        self.step = step

    def __truediv__(self, step: str | int) -> _Where:
        return _Where(self.file, self, step)

    @property
    def path(self) -> str:
        steps = []
        where: _Where | None = self
        while where is not None:
            step = where.step
            steps.append(f"[{step}]" if isinstance(step, int) else
                         step if where.parent is None else f".{step}")  # fmt: skip
            where = where.parent
        return "".join(reversed(steps))

    def error(self, message: str, fix: str | None = None) -> InputError:
        return InputError(f"{self.path}: {message}", file=str(self.file), fix=fix)


def read_reviews(path: Path) -> list[ImportedClaim]:
    """Every review of a file or folder as a claim; reviews of one claim are linked."""
    files = _files(path)
    claims: list[ImportedClaim] = []
    seen: set[str] = set()
    for file in files:
        for claim in _file_reviews(file):
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


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in JSON_LD_SUFFIXES)
    if not files:
        raise InputError("no .json or .jsonld files in the folder", file=str(path))
    return files


def _file_reviews(file: Path) -> Iterator[ImportedClaim]:
    try:
        data = json.loads(read_text(file))
    except json.JSONDecodeError as error:
        raise InputError(
            f"invalid JSON: {error.msg} (column {error.colno})", file=str(file), line=error.lineno
        ) from None
    yield from _reviews(data, _Where(file), top=True)


def _reviews(data: Any, where: _Where, *, top: bool = False) -> Iterator[ImportedClaim]:
    """The reviews of any of the three shapes, nested as they come."""
    if isinstance(data, list):
        for number, item in enumerate(data):
            yield from _reviews(item, where / number)
        return
    if not isinstance(data, dict):
        if top:
            raise where.error(f"expected a JSON object or list, found {_kind(data)}")
        return
    if "claims" in data and "@type" not in data:  # Google's claims:search response
        for number, claim in enumerate(_list(data, "claims")):
            at = where / "claims" / number
            if not isinstance(claim, dict):
                raise at.error(f"expected a claim object, found {_kind(claim)}")
            for n, review in enumerate(_list(claim, "claimReview")):
                yield _google(claim, review, at / "claimReview" / n, at)
        return
    if "@graph" in data:
        yield from _reviews(_list(data, "@graph"), where / "@graph")
        return
    if "dataFeedElement" in data:
        for number, element in enumerate(_list(data, "dataFeedElement")):
            at = where / "dataFeedElement" / number
            if isinstance(element, dict) and "item" in element:
                yield from _reviews(element["item"], at / "item")
            else:
                yield from _reviews(element, at)
        return
    if _is_claim_review(data):
        yield _schema_org(data, where)
    elif top:
        raise where.error(
            "no ClaimReview here",
            "expected @type ClaimReview, an @graph, a DataFeed or a claims:search response",
        )


def _is_claim_review(data: dict[str, Any]) -> bool:
    kind = data.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "ClaimReview" for k in kinds)


def _schema_org(data: dict[str, Any], where: _Where) -> ImportedClaim:
    """A schema.org ClaimReview: ``claimReviewed``, ``itemReviewed`` (a Claim), ``reviewRating``."""
    text = _text(data, "claimReviewed", where, required=True)
    item = _object(data, "itemReviewed", where)
    at = where / "itemReviewed"
    speaker = _name(item, "author", at) or UNNAMED
    claim_date = _date(item, "datePublished", at)
    appearance = _appearance(item, at)
    rating = _object(data, "reviewRating", where, required=True)
    at = where / "reviewRating"
    value, best, worst = (_number(rating, key, at) for key in
                          ("ratingValue", "bestRating", "worstRating"))  # fmt: skip
    textual = _text(rating, "alternateName", at) or _text(rating, "name", at)
    if textual is None and value is None:
        raise at.error(
            "the rating has neither alternateName nor ratingValue", "give the textual rating"
        )
    if textual is None:
        textual = f"{value:g}" + (f" of {best:g}" if best is not None else "")
    url = _text(data, "url", where)
    review = Review(
        rating=textual,
        value=value,
        best=best,
        worst=worst,
        reviewer=_name(data, "author", where) or _name(data, "publisher", where),
        date=_date(data, "datePublished", where),
        url=url,
        language=_language(data, where),
    )
    reference = data.get("@id") if isinstance(data.get("@id"), str) else None
    return _claim(
        text, speaker, review, where, reference,
        context=_context(claim_date, appearance),
        title=_text(data, "headline", where) or _text(data, "name", where),
    )  # fmt: skip


def _google(claim: dict[str, Any], review: Any, where: _Where, claim_at: _Where) -> ImportedClaim:
    """One review of a ``claims:search`` claim."""
    if not isinstance(review, dict):
        raise where.error(f"expected a claimReview object, found {_kind(review)}")
    text = _text(claim, "text", claim_at, required=True)
    rating = _text(review, "textualRating", where, required=True)
    publisher = _object(review, "publisher", where)
    at = where / "publisher"
    reviewer = _text(publisher, "name", at) or _text(publisher, "site", at)
    result = Review(
        rating=rating,
        reviewer=reviewer,
        date=_date(review, "reviewDate", where),
        url=_text(review, "url", where),
        language=_text(review, "languageCode", where),
    )
    context = _context(_date(claim, "claimDate", claim_at), None)
    speaker = _text(claim, "claimant", claim_at) or UNNAMED
    return _claim(
        text, speaker, result, where, None, context=context, title=_text(review, "title", where)
    )


def _claim(
    text: str,
    speaker: str | None,
    review: Review,
    where: _Where,
    reference: str | None,
    *,
    context: str | None,
    title: str | None,
) -> ImportedClaim:
    """The claim a review is of; its id is the review's ``@id``, or a hash of its URL and claim."""
    key = reference or f"{review.url or where.file.name + where.path}\0{text}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return ImportedClaim(
        id=f"cr-{digest}",
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


def _linked(claims: list[ImportedClaim]) -> list[ImportedClaim]:
    """Reviews of one claim (the same words) tied to the first, by ``same_as``.

    Linked both ways by the loader; a review that shares the first one's
    source (URL, date and reviewer) is the same fact-check, not linked.
    """
    first: dict[str, ImportedClaim] = {}
    out = []
    for claim in claims:
        key = " ".join(claim.text.casefold().split())
        earlier = first.setdefault(key, claim)
        same_source = (earlier.url, earlier.date, earlier.review and earlier.review.reviewer) == (
            claim.url, claim.date, claim.review and claim.review.reviewer,
        )  # fmt: skip
        if earlier is not claim and not same_source:
            claim = ImportedClaim(**{**claim.__dict__, "same_as": (earlier.id,)})
        out.append(claim)
    return out


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


def _object(
    data: dict[str, Any], key: str, where: _Where, *, required: bool = False
) -> dict[str, Any]:
    value = data.get(key)
    if isinstance(value, list) and value:
        value = value[0]
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        found = "nothing" if value is None else _kind(value)
        raise (where / key).error(f"expected an object, found {found}")
    return value


def _text(data: dict[str, Any], key: str, where: _Where, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise (where / key).error("missing or empty", f"every review needs its {key}")
        return None
    if not isinstance(value, str):
        raise (where / key).error(f"expected text, found {_kind(value)}")
    return " ".join(value.split())


def _name(data: dict[str, Any], key: str, where: _Where) -> str | None:
    """An author or publisher: a Person or Organization's ``name``, or plain text."""
    value = data.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value, "name", where / key) or _text(value, "alternateName", where / key)
    return _text(data, key, where) if value is not None else None


def _language(data: dict[str, Any], where: _Where) -> str | None:
    value = data.get("inLanguage")
    if isinstance(value, dict):  # a schema.org Language
        at = where / "inLanguage"
        return _text(value, "alternateName", at) or _text(value, "name", at)
    return _text(data, "inLanguage", where)


def _appearance(item: dict[str, Any], where: _Where) -> str | None:
    """Where the claim appeared: the first ``appearance`` or ``firstAppearance``'s URL."""
    for key in ("firstAppearance", "appearance"):
        value = item.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            return _text(value, "url", where / key) or _text(value, "name", where / key)
        if value is not None:
            return _text(item, key, where)
    return None


def _date(data: dict[str, Any], key: str, where: _Where) -> dt.date | None:
    text = _text(data, key, where)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise (where / key).error(f"date {text!r} is not ISO 8601", "write YYYY-MM-DD") from None


def _number(data: dict[str, Any], key: str, where: _Where) -> float | None:
    """A rating's number; schema.org allows it as text ("1")."""
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise (where / key).error("expected a number, found true/false")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise (where / key).error(f"expected a number, found {_kind(value)}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise (where / key).error("expected a finite number")
    return number
