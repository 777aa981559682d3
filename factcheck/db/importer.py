"""Turn another fact-checker's list of claims (CSV, TSV, JSON Lines) into a database.

Imported claims have no source text to trace to: each gets an external
source (one per distinct URL, or one for the whole file), its text is both
its ``claim`` and its ``passage`` (written once: the loader's default), and a
title column becomes the claim's ``title``, which matching reads like the
claim itself. A rating column makes each claim a reviewed one
(``factcheck.model.Review``); published ClaimReview documents are read by
``factcheck.db.claimreview`` into the same records.
Fields may be named by dotted path (``itemReviewed.author.name``) into a
JSON Lines row's nested objects. The output is a YAML database file that
``load_database`` reads like any other.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path

from factcheck.db.write import slug, unique_id
from factcheck.errors import InputError, UsageError
from factcheck.model import Review

TABLE_FORMATS = ("csv", "tsv", "jsonl")
CLAIMREVIEW = "claimreview"
FORMATS = (*TABLE_FORMATS, CLAIMREVIEW)
JSON_LD_SUFFIXES = (".json", ".jsonld")
# Characters YAML may not hold raw in a double-quoted scalar (or would fold as
# line breaks): C0/C1 controls, DEL, NEL, the Unicode line/paragraph separators.
_NOT_YAML_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@dataclass(frozen=True)
class ImportOptions:
    """Which input fields hold what, and who the claims are credited to."""

    id_field: str | None = None  # table formats need it and text_field
    text_field: str | None = None
    title_field: str | None = None
    speaker_field: str | None = None
    date_field: str | None = None
    url_field: str | None = None
    rating_field: str | None = None  # a textual rating ("False"): the claim is reviewed
    reviewer_field: str | None = None
    publisher: str | None = None  # default: the input file's name
    id_prefix: str = ""
    input_format: str | None = None  # default: by extension


@dataclass(frozen=True)
class ImportedClaim:
    """One input row (or published review), checked."""

    id: str
    text: str
    title: str | None
    speaker: str | None
    date: dt.date | None
    url: str | None
    line: int
    review: Review | None = None
    same_as: tuple[str, ...] = ()  # other reviews of the same claim
    context: str | None = None
    source_title: str | None = None  # a review's headline names its source


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for any text (JSON's escapes are YAML's)."""
    quoted = encode_basestring(text)  # json.dumps(text, ensure_ascii=False), without its setup
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def detect_format(path: Path, requested: str | None) -> str:
    """The input's format: as asked, else by extension (a folder holds ClaimReview files)."""
    if requested:
        if requested not in FORMATS:
            raise UsageError(
                f"unknown input format {requested!r}", fix="use csv, tsv, jsonl or claimreview"
            )
        return requested
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson"):
        return "jsonl"
    if suffix in ("csv", "tsv"):
        return suffix
    if path.is_dir() or path.suffix.lower() in JSON_LD_SUFFIXES:
        return CLAIMREVIEW
    raise UsageError(
        f"cannot tell the format of {path.name}",
        file=str(path),
        fix="name it .csv, .tsv, .jsonl or .json (ClaimReview), or pass --input-format",
    )


def import_claims(path: Path, options: ImportOptions) -> str:
    """The database file (YAML text) for a table of claims or a ClaimReview feed."""
    if detect_format(path, options.input_format) == CLAIMREVIEW:
        from factcheck.db.claimreview import read_reviews

        return to_yaml(read_reviews(path), path, options)
    return to_yaml(read_claims(path, options), path, options)


def read_text(path: Path) -> str:
    """An input file's text (UTF-8, a BOM dropped); unreadable or not UTF-8 is an ``InputError``."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=str(path)) from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"invalid UTF-8 at byte {error.start}", file=str(path), fix="save it as UTF-8"
        ) from None


def read_rows(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, object]]]:
    """(line number, row) pairs; a header names the columns of CSV and TSV."""
    text = read_text(path)
    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(
                    f"invalid JSON: {error.msg}", file=str(path), line=number
                ) from None
            if not isinstance(row, dict):
                raise InputError("each line must be a JSON object", file=str(path), line=number)
            yield number, row
        return
    # TSV exports quote nothing: a stray quote mark is text, not a delimiter.
    quoting = csv.QUOTE_NONE if fmt == "tsv" else csv.QUOTE_MINIMAL
    reader = csv.DictReader(
        text.splitlines(), delimiter="\t" if fmt == "tsv" else ",", quoting=quoting
    )
    for row in reader:
        if None in row:
            raise InputError(
                "row has more fields than the header", file=str(path), line=reader.line_num
            )
        yield reader.line_num, row


_MISSING = object()


def lookup(row: dict[str, object], name: str) -> object:
    """A row's field by name, or by dotted path into nested objects (``a.b.c``);
    ``_MISSING`` when there is none. A field whose own name has dots wins."""
    if name in row:
        return row[name]
    value: object = row
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _field(row: dict[str, object], name: str | None) -> str | None:
    if name is None:
        return None
    value = lookup(row, name)
    if value is None or value is _MISSING:
        return None
    text = " ".join(str(value).split())
    return text or None


def read_claims(path: Path, options: ImportOptions) -> list[ImportedClaim]:
    """Every row as a claim; raise on a missing column, empty text or a repeated id."""
    fmt = detect_format(path, options.input_format)
    if options.id_field is None or options.text_field is None:
        raise UsageError(
            f"a {fmt.upper()} import needs --id-field and --text-field",
            file=str(path),
            fix="name the columns holding each claim's id and text",
        )
    claims: list[ImportedClaim] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(path, fmt):
        fields = (
            ("--id-field", options.id_field),
            ("--text-field", options.text_field),
            ("--title-field", options.title_field),
            ("--speaker-field", options.speaker_field),
            ("--date-field", options.date_field),
            ("--url-field", options.url_field),
            ("--rating-field", options.rating_field),
            ("--reviewer-field", options.reviewer_field),
        )
        for option, name in fields:
            if name is not None and lookup(row, name) is _MISSING:
                raise UsageError(
                    f"no field {name!r} ({option})",
                    file=str(path),
                    line=line,
                    fix="fields here: " + ", ".join(map(str, row)),
                )
        claim_id = _field(row, options.id_field)
        text = _field(row, options.text_field)
        if claim_id is None or text is None:
            what = "id" if claim_id is None else "claim text"
            raise InputError(f"empty {what}", file=str(path), line=line, fix="fill it or drop it")
        if claim_id in seen:
            raise InputError(
                f"duplicate id {claim_id!r}",
                file=str(path),
                line=line,
                fix=f"first seen on line {seen[claim_id]}",
            )
        seen[claim_id] = line
        date = _date(_field(row, options.date_field), path, line)
        url = _field(row, options.url_field)
        rating = _field(row, options.rating_field)
        reviewer = _field(row, options.reviewer_field)
        claims.append(
            ImportedClaim(
                id=claim_id,
                text=text,
                title=_field(row, options.title_field),
                speaker=_field(row, options.speaker_field),
                date=date,
                url=url,
                line=line,
                review=Review(rating, reviewer=reviewer, date=date, url=url) if rating else None,
            )
        )
    if not claims:
        raise InputError("no claims to import", file=str(path), fix="check the file has rows")
    return claims


def _date(value: str | None, path: Path, line: int) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"date {value!r} is not YYYY-MM-DD", file=str(path), line=line) from None


def to_yaml(claims: list[ImportedClaim], path: Path, options: ImportOptions) -> str:
    """The database file for imported claims.

    Sources: one per distinct URL, date and reviewer, or one for the whole
    file when none is given (a review's headline titles its source).
    Speakers: one per distinct speaker value, else the publisher speaks for
    every claim. Source and speaker ids carry the file's slug so that two
    imports can share a database folder (claim ids take ``id_prefix`` for
    that). A review's class is not written: the loader works it out, so a
    database's own ``ratings:`` apply.
    """
    publisher = options.publisher or path.stem
    prefix = slug(path.stem, limit=None)
    sources: dict[tuple[str | None, dt.date | None, str | None, str | None], str] = {}
    from factcheck.check.speakers import name_key

    speakers: dict[str, tuple[str, str]] = {}  # name key → (name as first written, id)
    speaker_ids: set[str] = set()
    for claim in claims:
        key = _source_key(claim)
        if key not in sources:
            hashed = key if any(key[2:]) else key[:2]  # table imports keep their source ids
            suffix = hashlib.sha1(repr(hashed).encode()).hexdigest()[:10] if any(key) else "all"
            sources[key] = f"{prefix}-{suffix}"
        name = claim.speaker or publisher
        if name_key(name) not in speakers:
            speaker_id = unique_id(f"{prefix}-{slug(name, limit=None)}", speaker_ids)
            speakers[name_key(name)] = (name, speaker_id)
    lines = ["version: 1", "sources:"]
    for (url, date, reviewer, title), source_id in sources.items():
        title = title or f"Claims imported from {path.name}"
        lines += [f"  - id: {source_id}", f"    title: {yaml_string(title)}"]
        lines += [f"    publisher: {yaml_string(reviewer or publisher)}", "    kind: fact-check"]
        if url:
            lines.append(f"    url: {yaml_string(url)}")
        if date:
            lines.append(f"    date: {date.isoformat()}")
        lines.append("    external: true")
    lines.append("speakers:")
    for name, speaker_id in speakers.values():
        kind = "person" if options.speaker_field else "organization"
        lines += [f"  - id: {speaker_id}", f"    name: {yaml_string(name)}", f"    kind: {kind}"]
    lines.append("claims:")
    for claim in claims:
        text = yaml_string(claim.text)
        lines += [
            f"  - id: {yaml_string(options.id_prefix + claim.id)}",
            f"    source: {sources[_source_key(claim)]}",
            f"    speaker: {speakers[name_key(claim.speaker or publisher)][1]}",
            "    type: imported",
            f"    claim: {text}",  # and its passage: the loader's default for an external source
        ]
        if claim.title:
            lines.append(f"    title: {yaml_string(claim.title)}")
        if claim.context:
            lines.append(f"    context: {yaml_string(claim.context)}")
        if claim.same_as:
            linked = ", ".join(yaml_string(options.id_prefix + i) for i in claim.same_as)
            lines.append(f"    same_as: [{linked}]")
        if claim.review is not None:
            # What the source says already (the fact-check's URL, date, publisher) is not
            # repeated: the loader takes it from there, and 100,000 reviews parse faster.
            review = claim.review._replace(
                url=None if claim.review.url == claim.url else claim.review.url,
                date=None if claim.review.date == claim.date else claim.review.date,
                reviewer=None,  # the source's publisher (see _source_key)
            )
            lines.append(f"    review: {review_yaml(review)}")
    return "\n".join(lines) + "\n"


def _source_key(
    claim: ImportedClaim,
) -> tuple[str | None, dt.date | None, str | None, str | None]:
    reviewer = claim.review.reviewer if claim.review else None
    return (claim.url, claim.date, reviewer, claim.source_title)


def review_yaml(review: Review) -> str:
    """A review as a one-line YAML mapping, its fields as ``factcheck.plain`` gives them,
    or its rating alone when it has nothing else.

    The class is left out (see :func:`to_yaml`); a date stays a YAML date.
    """
    if not any(review[2:]):  # nothing beside the rating (and its class, not written)
        return yaml_string(review.rating)  # the loader reads a text review as its rating
    from factcheck.plain import HIDDEN, record_dict

    fields = record_dict(review, ("rating",), HIDDEN | {"rating_class"})
    shown = (
        f"{key}: {value}" if key == "date" or not isinstance(value, str)
        else f"{key}: {yaml_string(value)}"
        for key, value in fields.items()
    )  # fmt: skip
    return "{" + ", ".join(shown) + "}"
