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
``load_database`` reads like any other, or rows added to a SQLite store
(``db.sqlite``) in one transaction (unrated claims only, for now).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.db.write import UniqueIds, slug
from factcheck.errors import InputError, UsageError
from factcheck.model import Review

TABLE_FORMATS = ("csv", "tsv", "jsonl")
CLAIMREVIEW = "claimreview"
FORMATS = (*TABLE_FORMATS, CLAIMREVIEW)
JSON_LD_SUFFIXES = (".json", ".jsonld")
# Characters YAML may not hold raw in a double-quoted scalar (or would fold as
# line breaks): C0/C1 controls, DEL, NEL, the Unicode line/paragraph separators.
_SURROGATE = re.compile("[\ud800-\udfff]")
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


class ImportedClaim(NamedTuple):
    """One input row (or published review), checked (a tuple: 100,000 are made in a second)."""

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
    claims = list(iter_imported(path, options))
    if not claims:
        raise InputError("no claims to import", file=str(path), fix="check the file has rows")
    return to_yaml(claims, path, options)


def iter_imported(path: Path, options: ImportOptions) -> Iterable[ImportedClaim]:
    """The claims of a table (a row at a time) or of a ClaimReview feed: what
    ``import_claims`` writes as YAML and ``to_store`` adds to a store."""
    if detect_format(path, options.input_format) == CLAIMREVIEW:
        from factcheck.db.claimreview import read_reviews

        return read_reviews(path)
    return iter_claims(path, options)


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
    """(line number, row) pairs; a header names the columns of CSV and TSV.

    The file is read as it is parsed, not first whole: a million-row import
    holds one row at a time.
    """
    lines = _lines(path)
    if fmt == "jsonl":
        for line, text in enumerate(lines, 1):
            if text.strip():
                yield line, _json_row(text, path, line)
        return
    # TSV exports quote nothing: a stray quote mark is text, not a delimiter.
    quoting = csv.QUOTE_NONE if fmt == "tsv" else csv.QUOTE_MINIMAL
    reader = csv.DictReader(lines, delimiter="\t" if fmt == "tsv" else ",", quoting=quoting)
    # A cell may be as long as the file: csv's default limit (131,072) is not ours.
    with contextlib.suppress(OSError):
        csv.field_size_limit(max(csv.field_size_limit(), path.stat().st_size + 1))
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    "row has more fields than the header", file=str(path), line=reader.line_num
                )
            yield reader.line_num, row
    except csv.Error as error:
        raise InputError(f"invalid {fmt.upper()}: {error}", file=str(path)) from None


def _lines(path: Path) -> Iterator[str]:
    """A UTF-8 file's lines (a BOM dropped); a bad byte is reported by its offset."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from handle
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=str(path)) from None
    except UnicodeDecodeError:
        offset = _bad_byte(path)
        raise InputError(
            f"invalid UTF-8 at byte {offset}", file=str(path), fix="save it as UTF-8"
        ) from None


def _bad_byte(path: Path) -> int:
    """Where a file stops being UTF-8, read again in pieces (it is not held whole)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return offset + error.start
            offset += len(chunk)
    return offset


def parse_json(text: str, path: Path, line: int | None = None) -> Any:
    """JSON text as values; JSON that cannot be read is an ``InputError`` naming its place.

    ``line`` is the file's line the text is (a JSON Lines row); a whole
    document's errors name their own line where they have one.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if line is not None:  # a row's own line break may be where it ends too soon
            raise InputError(f"invalid JSON: {error.msg}", file=str(path), line=line) from None
        raise InputError(
            f"invalid JSON: {error.msg} (column {error.colno})", file=str(path), line=error.lineno
        ) from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        raise InputError(
            "invalid JSON: a number of more than 4,300 digits", file=str(path), line=line
        ) from None
    except RecursionError:  # json's C decoder recurses once a level
        raise InputError("JSON nested too deeply", file=str(path), line=line) from None


def _json_row(text: str, path: Path, line: int) -> dict[str, object]:
    row = parse_json(text, path, line)
    if not isinstance(row, dict):
        raise InputError("each line must be a JSON object", file=str(path), line=line)
    return row


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


def iter_claims(path: Path, options: ImportOptions) -> Iterator[ImportedClaim]:
    """Every row as a claim, one at a time; raise on a missing column, empty text or
    a repeated id (the caller says when there were none)."""
    fmt = detect_format(path, options.input_format)
    if options.id_field is None or options.text_field is None:
        raise UsageError(
            f"a {fmt.upper()} import needs --id-field and --text-field",
            file=str(path),
            fix="name the columns holding each claim's id and text",
        )
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
        for option, name in fields:
            if name is not None and _has_surrogate(lookup(row, name)):
                raise InputError(
                    f"field {name!r} ({option}) holds a lone surrogate (an unpaired \\ud800-"
                    "\\udfff escape), which is no character",
                    file=str(path),
                    line=line,
                    fix="fix the escape or drop it",
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
        yield (
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


def _has_surrogate(value: object) -> bool:
    """Whether a JSON value (a string, or a list or object holding some) has a lone
    surrogate: JSON's escapes allow one, UTF-8 cannot write it."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    return False


def _date(value: str | None, path: Path, line: int) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"date {value!r} is not YYYY-MM-DD", file=str(path), line=line) from None


def imported_records(
    claims: Iterable[ImportedClaim], path: Path, options: ImportOptions
) -> Iterator[tuple[str, dict[str, object]]]:
    """(table, plain values) of every record an import makes, each source and
    speaker before the first claim that names it.

    Sources: one per distinct URL, date and reviewer, or one for the whole
    file when none is given (a review's headline titles its source).
    Speakers: one per distinct speaker value, else the publisher speaks for
    every claim. Source and speaker ids carry the file's slug so that two
    imports can share a database folder (claim ids take ``id_prefix`` for
    that). A review's class is not written: the loader works it out, so a
    database's own ``ratings:`` apply.
    """
    from factcheck.check.speakers import name_key

    publisher = options.publisher or path.stem
    default_title = f"Claims imported from {path.name}"
    prefix = slug(path.stem, limit=None)
    sources: dict[tuple[str | None, dt.date | None, str | None, str | None], str] = {}
    speakers: dict[str, str] = {}  # name key → id
    speaker_ids = UniqueIds()
    for claim in claims:
        key = _source_key(claim)
        source_id = sources.get(key)
        if source_id is None:
            hashed = key if any(key[2:]) else key[:2]  # table imports keep their source ids
            suffix = hashlib.sha1(repr(hashed).encode()).hexdigest()[:10] if any(key) else "all"
            source_id = sources[key] = f"{prefix}-{suffix}"
            url, date, reviewer, title = key
            yield "sources", {
                "id": source_id, "title": title or default_title,
                "publisher": reviewer or publisher, "kind": "fact-check", "url": url,
                "date": date, "external": True,
            }  # fmt: skip
        name = claim.speaker or publisher
        speaker_id = speakers.get(name_key(name))
        if speaker_id is None:
            speaker_id = speaker_ids.take(f"{prefix}-{slug(name, limit=None)}")
            speakers[name_key(name)] = speaker_id
            kind = "person" if options.speaker_field else "organization"
            yield "speakers", {"id": speaker_id, "name": name, "kind": kind}
        review = claim.review
        if review is not None:
            # What the source says already (the fact-check's URL, date, publisher) is not
            # repeated: the loader takes it from there, and 100,000 reviews parse faster.
            review = review._replace(
                url=None if review.url == claim.url else review.url,
                date=None if review.date == claim.date else review.date,
                reviewer=None,  # the source's publisher (see _source_key)
            )
        yield "claims", {
            "id": options.id_prefix + claim.id, "source": source_id, "speaker": speaker_id,
            "type": "imported", "claim": claim.text, "title": claim.title,
            "context": claim.context,
            "same_as": [options.id_prefix + other for other in claim.same_as],
            "review": review,
        }  # fmt: skip


def to_yaml(claims: list[ImportedClaim], path: Path, options: ImportOptions) -> str:
    """The database file for imported claims (records as ``imported_records`` makes them).

    Each record is written as it comes, its values dropped: 100,000 claims
    and their sources are not all held as dicts beside their text.
    """
    tables: dict[str, list[str]] = {"sources": [], "speakers": [], "claims": []}
    for table, values in imported_records(claims, path, options):
        tables[table].append(_WRITERS[table](values))
    return "\n".join(["version: 1", "sources:", *tables["sources"], "speakers:",
                      *tables["speakers"], "claims:", *tables["claims"], ""])  # fmt: skip


def _source_yaml(source: dict[str, object]) -> str:
    date = source["date"]
    dated = [f"    date: {date.isoformat()}"] if isinstance(date, dt.date) else []
    return "\n".join([
        f"  - id: {source['id']}", *_texts(source, "title", "publisher"), "    kind: fact-check",
        *_texts(source, "url"), *dated, "    external: true",
    ])  # fmt: skip


def _speaker_yaml(speaker: dict[str, object]) -> str:
    return (
        f"  - id: {speaker['id']}\n    name: {yaml_string(str(speaker['name']))}\n"
        f"    kind: {speaker['kind']}"
    )


def _claim_yaml(claim: dict[str, object]) -> str:
    # The claim is its passage too: the loader's default for an external source.
    lines = [
        f"  - id: {yaml_string(str(claim['id']))}", f"    source: {claim['source']}",
        f"    speaker: {claim['speaker']}", "    type: imported",
        *_texts(claim, "claim", "title", "context"),
    ]  # fmt: skip
    if claim["same_as"]:
        linked = ", ".join(yaml_string(str(other)) for other in claim["same_as"])
        lines.append(f"    same_as: [{linked}]")
    if claim["review"] is not None:
        lines.append(f"    review: {review_yaml(claim['review'])}")
    return "\n".join(lines)


def _texts(record: dict[str, object], *keys: str) -> list[str]:
    """The lines of a record's text fields that have a value, quoted."""
    return [f"    {key}: {yaml_string(str(record[key]))}" for key in keys if record[key]]


_WRITERS = {"sources": _source_yaml, "speakers": _speaker_yaml, "claims": _claim_yaml}


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


def to_store(
    claims: Iterable[ImportedClaim], path: Path, options: ImportOptions, output: Path
) -> int:
    """Add imported claims to a SQLite store in one transaction; how many were added.

    A source or speaker the store already has (the same file imported
    again under another ``--id-prefix``) is reused; a claim id it has is an
    error, and nothing is written.
    """
    claims = _unrated(claims, output)
    existed = output.exists()
    try:
        return _add_to_store(claims, path, options, output)
    except BaseException:
        if not existed:  # a failed import leaves no store it made
            for leftover in (output, Path(f"{output}-wal"), Path(f"{output}-shm")):
                leftover.unlink(missing_ok=True)
        raise


def _add_to_store(
    claims: Iterable[ImportedClaim], path: Path, options: ImportOptions, output: Path
) -> int:
    """``to_store``'s transaction."""
    from factcheck.db.sqlite import Writer

    with Writer(output) as writer:

        def new_claims() -> Iterator[dict[str, object]]:
            for table, values in imported_records(claims, path, options):
                if table == "claims":
                    yield values
                elif table == "sources" and values["id"] not in writer.source_ids:
                    writer.add_source(values)
                elif table == "speakers" and values["id"] not in writer.speaker_ids:
                    writer.add_speaker(values)

        added = writer.add_claims(new_claims())
        if not added:
            raise InputError("no claims to import", file=str(path), fix="check the file has rows")
    return added


def _unrated(claims: Iterable[ImportedClaim], output: Path) -> Iterator[ImportedClaim]:
    """The claims, refused at the first one with a review or links: a store does not
    keep those yet, and a rating dropped would turn a debunked claim into a passed one."""
    for claim in claims:
        if claim.review is not None or claim.same_as:
            raise UsageError(
                "a SQLite store does not keep fact-check ratings or linked reviews yet",
                file=str(output),
                fix="import rated claims and ClaimReview feeds to a .yaml file",
            )
        yield claim
