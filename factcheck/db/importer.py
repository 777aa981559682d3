"""Turn another fact-checker's list of claims (CSV, TSV, JSON Lines) into a database.

Imported claims have no source text to trace to: each gets an external
source (one per distinct URL, or one for the whole file), its text is both
its ``claim`` and its ``passage``, and a title column becomes the claim's
``title``, which matching reads like the claim itself. The output is a YAML
database file that ``load_database`` reads like any other.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.db.write import UniqueIds, slug
from factcheck.errors import InputError, UsageError

FORMATS = ("csv", "tsv", "jsonl")
# Characters YAML may not hold raw in a double-quoted scalar (or would fold as
# line breaks): C0/C1 controls, DEL, NEL, the Unicode line/paragraph separators.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_YAML_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@dataclass(frozen=True)
class ImportOptions:
    """Which input fields hold what, and who the claims are credited to."""

    id_field: str
    text_field: str
    title_field: str | None = None
    speaker_field: str | None = None
    date_field: str | None = None
    url_field: str | None = None
    publisher: str | None = None  # default: the input file's name
    id_prefix: str = ""
    input_format: str | None = None  # default: by extension


@dataclass(frozen=True)
class ImportedClaim:
    """One input row, checked."""

    id: str
    text: str
    title: str | None
    speaker: str | None
    date: dt.date | None
    url: str | None
    line: int


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for any text (JSON's escapes are YAML's)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def detect_format(path: Path, requested: str | None) -> str:
    if requested:
        if requested not in FORMATS:
            raise UsageError(f"unknown input format {requested!r}", fix="use csv, tsv or jsonl")
        return requested
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson"):
        return "jsonl"
    if suffix in ("csv", "tsv"):
        return suffix
    raise UsageError(
        f"cannot tell the format of {path.name}",
        file=str(path),
        fix="name it .csv, .tsv or .jsonl, or pass --input-format",
    )


def read_rows(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, object]]]:
    """(line number, row) pairs; a header names the columns of CSV and TSV."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=str(path)) from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"invalid UTF-8 at byte {error.start}", file=str(path), fix="save it as UTF-8"
        ) from None
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
            except ValueError:  # Python reads no integer of more than 4,300 digits
                raise InputError(
                    "invalid JSON: a number of more than 4,300 digits", file=str(path), line=number
                ) from None
            except RecursionError:
                raise InputError("JSON nested too deeply", file=str(path), line=number) from None
            if not isinstance(row, dict):
                raise InputError("each line must be a JSON object", file=str(path), line=number)
            yield number, row
        return
    # TSV exports quote nothing: a stray quote mark is text, not a delimiter.
    quoting = csv.QUOTE_NONE if fmt == "tsv" else csv.QUOTE_MINIMAL
    reader = csv.DictReader(
        text.splitlines(), delimiter="\t" if fmt == "tsv" else ",", quoting=quoting
    )
    # A cell may be as long as the file: csv's default limit (131,072) is not ours.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    "row has more fields than the header", file=str(path), line=reader.line_num
                )
            yield reader.line_num, row
    except csv.Error as error:
        raise InputError(f"invalid {fmt.upper()}: {error}", file=str(path)) from None


def _field(row: dict[str, object], name: str | None) -> str | None:
    if name is None:
        return None
    value = row.get(name)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def read_claims(path: Path, options: ImportOptions) -> list[ImportedClaim]:
    """Every row as a claim; raise on a missing column, empty text or a repeated id."""
    fmt = detect_format(path, options.input_format)
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
        )
        for option, name in fields:
            if name is not None and name not in row:
                raise UsageError(
                    f"no field {name!r} ({option})",
                    file=str(path),
                    line=line,
                    fix="fields here: " + ", ".join(map(str, row)),
                )
        for option, name in fields:
            if _has_surrogate(row.get(name) if name is not None else None):
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
        claims.append(
            ImportedClaim(
                id=claim_id,
                text=text,
                title=_field(row, options.title_field),
                speaker=_field(row, options.speaker_field),
                date=_date(_field(row, options.date_field), path, line),
                url=_field(row, options.url_field),
                line=line,
            )
        )
    if not claims:
        raise InputError("no claims to import", file=str(path), fix="check the file has rows")
    return claims


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


def to_yaml(claims: list[ImportedClaim], path: Path, options: ImportOptions) -> str:
    """The database file for imported claims.

    Sources: one per distinct URL and date, or one for the whole file when
    neither is given. Speakers: one per distinct speaker value, else the
    publisher speaks for every claim. Source and speaker ids carry the file's
    slug so that two imports can share a database folder (claim ids take
    ``id_prefix`` for that).
    """
    publisher = options.publisher or path.stem
    prefix = slug(path.stem, limit=None)
    sources: dict[tuple[str | None, dt.date | None], str] = {}
    from factcheck.check.speakers import name_key

    speakers: dict[str, tuple[str, str]] = {}  # name key → (name as first written, id)
    speaker_ids = UniqueIds()
    for claim in claims:
        key = (claim.url, claim.date)
        if key not in sources:
            suffix = hashlib.sha1(repr(key).encode()).hexdigest()[:10] if any(key) else "all"
            sources[key] = f"{prefix}-{suffix}"
        name = claim.speaker or publisher
        if name_key(name) not in speakers:
            speaker_id = speaker_ids.take(f"{prefix}-{slug(name, limit=None)}")
            speakers[name_key(name)] = (name, speaker_id)
    lines = ["version: 1", "sources:"]
    for (url, date), source_id in sources.items():
        title = f"Claims imported from {path.name}"
        lines += [f"  - id: {source_id}", f"    title: {yaml_string(title)}"]
        lines += [f"    publisher: {yaml_string(publisher)}", "    kind: fact-check"]
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
            f"    source: {sources[claim.url, claim.date]}",
            f"    speaker: {speakers[name_key(claim.speaker or publisher)][1]}",
            "    type: imported",
            f"    claim: {text}",
            f"    passage: {text}",
        ]
        if claim.title:
            lines.append(f"    title: {yaml_string(claim.title)}")
    return "\n".join(lines) + "\n"
