"""JSON and JSON Lines output of findings (and of search results).

The field names of a finding (path, line, column, end_line, end_column,
sentence, verdict, score, message, claim{id, speaker, passage, figures,
source}) are a contract: add beside them, never rename. A reviewed claim
adds ``review`` (rating, rating_class, value, best, worst, reviewer, date,
url, language).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring
from typing import IO, Any

from factcheck import __version__
from factcheck.errors import FactcheckError, stop_reason
from factcheck.model import (
    Claim,
    Evidence,
    Figure,
    Finding,
    Match,
    Review,
    Source,
    Speaker,
    Verdict,
)
from factcheck.plain import HIDDEN, record_dict

SCHEMA_VERSION = 1

# The contract's fields, in its order; a record's other fields follow when set
# (an imported claim's title), see factcheck.plain.
_SPEAKER = ("id", "name", "kind", "role", "affiliation", "aliases")
_SOURCE = ("id", "title", "publisher", "kind", "place", "date", "url")
_SOURCE_HIDDEN = HIDDEN | {"path", "text"}  # where the text lives, and the text itself
_FIGURE = ("text", "value", "unit", "counts", "year", "span", "qualifier", "parts")
_CLAIM = ("id", "type", "claim", "speaker", "passage", "quote", "figures", "context", "tags",
          "same_as", "source")  # fmt: skip


def speaker_dict(speaker: Speaker) -> dict[str, Any]:
    return record_dict(speaker, _SPEAKER)


def source_dict(source: Source) -> dict[str, Any]:
    return record_dict(source, _SOURCE, _SOURCE_HIDDEN)


def figure_dict(figure: Figure) -> dict[str, Any]:
    return record_dict(figure, _FIGURE)


def review_dict(review: Review) -> dict[str, Any]:
    """A claim's fact-check, every field (a reader need not know the defaults)."""
    return record_dict(review, Review._fields)


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim as JSON: the fields editors and machines read."""
    return record_dict(claim, _CLAIM, convert=_claim_part)


def _claim_part(name: str, value: Any) -> Any:
    if name == "speaker":
        return speaker_dict(value)
    if name == "source":
        return source_dict(value)
    if name == "figures":
        return [figure_dict(f) for f in value]
    if name == "review":
        return review_dict(value)
    return NotImplemented


def finding_dict(finding: Finding, citation: str | None = None) -> dict[str, Any]:
    """One finding as the JSON contract describes it."""
    return _finding_fields(finding, citation, claim_dict(finding.claim) if finding.claim else None)


def _finding_fields(finding: Finding, citation: str | None, claim: Any) -> dict[str, Any]:
    """``finding_dict``, with ``claim`` as the claim's value."""
    sentence = finding.sentence
    data: dict[str, Any] = {
        "path": finding.path,
        "line": sentence.line,
        "column": sentence.column,
        "end_line": sentence.end_line,
        "end_column": sentence.end_column,
        "sentence": sentence.text,
        "verdict": finding.verdict.value,
        "score": finding.score,
        "message": finding.message,
        "claim": claim,
        "details": details_dict(finding.verdict, finding.details),
    }
    if finding.also_in:
        data["also_in"] = [claim_dict(c) for c in finding.also_in]
    if citation is not None:
        data["citation"] = citation
    return data


class Encoded(str):
    """A value's JSON already made (``json.dumps`` with ``indent=2``), which a
    ``JsonStream`` writes as it stands."""

    __slots__ = ()


class FindingJson:
    """Findings as the JSON text of their ``finding_dict``, each claim's made once.

    The findings of a draft name the same few claims again and again, and a
    claim is most of a finding's JSON: one run keeps each claim's text (by
    the claim object, which it holds) rather than building and encoding its
    dict for every finding, and writes the other fields without an encoder
    apiece. Indented (``json.dumps`` with ``indent=2``, which encodes in
    Python), or with ``line`` as one line (``json.dumps`` without an indent).
    """

    def __init__(self, line: bool = False) -> None:
        self._claims: dict[int, tuple[Claim, str]] = {}
        self._line = line

    def __call__(self, finding: Finding, citation: str | None = None) -> Encoded:
        """The text ``json.dumps`` gives of ``finding_dict(finding, citation)``."""
        claim = finding.claim
        fields = (
            f"{encode_basestring(key)}: "
            + (self._claim(claim) if key == "claim" and claim else self._field(value))
            for key, value in _finding_fields(finding, citation, None).items()
        )
        if self._line:
            return Encoded("{" + ", ".join(fields) + "}")
        return Encoded("{\n  " + ",\n  ".join(fields) + "\n}")

    def _claim(self, claim: Claim) -> str:
        known = self._claims.get(id(claim))
        if known is None or known[0] is not claim:
            known = self._claims[id(claim)] = (claim, self._value(claim_dict(claim)))
        return known[1]

    def _field(self, value: Any) -> str:
        """A field's JSON: its strings and numbers without making an encoder for each
        (the most of a finding's fields)."""
        kind = type(value)
        if kind is str:
            return encode_basestring(value)
        if kind is int:
            return int.__repr__(value)
        if kind is float and math.isfinite(value):
            return float.__repr__(value)
        if value is None:
            return "null"
        return self._value(value)

    def _value(self, value: Any) -> str:
        """Any value's JSON, as a field of the finding's object."""
        return json.dumps(value, ensure_ascii=False) if self._line else _nested(value, 2)


def details_dict(verdict: Verdict, evidence: Evidence) -> dict[str, Any]:
    """A finding's evidence as the JSON contract's ``details``.

    The reported verdict's fields come first, then ``also`` and the fields of
    each other problem in order of severity, then ``closest_claim``.
    """
    data: dict[str, Any] = {}
    _add_evidence(data, verdict, evidence)
    if evidence.also:
        data["also"] = [v.value for v in evidence.also]
        for other in evidence.also:
            _add_evidence(data, other, evidence)
    if evidence.beyond_source:
        data["beyond_source"] = list(evidence.beyond_source)
    if evidence.closest is not None:
        data["closest_claim"] = evidence.closest.claim.id
    return data


def _add_evidence(data: dict[str, Any], verdict: Verdict, evidence: Evidence) -> None:
    if verdict is Verdict.MISATTRIBUTED and evidence.speaker is not None:
        speaker = evidence.speaker
        data["expected_speaker"] = speaker.expected.name
        data["found_speaker"] = speaker.found_name
        data["expected_speaker_id"] = speaker.expected.id
        data["found_speaker_id"] = speaker.found.id if speaker.found else None
    elif verdict is Verdict.MISQUOTE and evidence.misquote is not None:
        misquote = evidence.misquote
        data["quote"] = misquote.quote
        data["expected"] = misquote.expected
        data["diff"] = [op._asdict() for op in misquote.diff]
    elif verdict is Verdict.FIGURE_MISMATCH and evidence.figures:
        data["figures"] = [
            {"expected": _figure_brief(m.expected), "found": _figure_brief(m.found),
             "reason": m.reason}
            for m in evidence.figures
        ]  # fmt: skip
    elif verdict is Verdict.UNSUPPORTED:
        if evidence.speaker is not None:  # credited to a party the database never mentions
            _add_evidence(data, Verdict.MISATTRIBUTED, evidence)
        if evidence.contradicts is not None:
            data["contradicts"] = evidence.contradicts._asdict()
        if evidence.borrowed is not None:
            data["borrowed"] = {"word": evidence.borrowed.word, "claim": evidence.borrowed.claim.id}
        if evidence.renamed is not None:
            data["renamed"] = evidence.renamed._asdict()
        if evidence.characterized is not None:
            data["characterized"] = {"found": evidence.characterized}
        if evidence.unbacked:
            data["figures"] = list(evidence.unbacked)
        if evidence.unknown_quotes:
            data["quotes"] = list(evidence.unknown_quotes)


def _figure_brief(figure: Figure) -> dict[str, Any]:
    return {"text": figure.text, "value": figure.value, "unit": figure.unit, "year": figure.year}


def summary(verdicts: Mapping[Verdict, int], files: int, sentences: int) -> dict[str, Any]:
    """Counts per verdict, beside the number of files and sentences read."""
    return {
        "files": files,
        "sentences": sentences,
        "findings": sum(verdicts.values()),
        "verdicts": {v.value: verdicts.get(v, 0) for v in Verdict},
    }


def write_json(
    out: IO[str],
    dicts: Iterable[dict[str, Any] | Encoded],
    summary_data: Callable[[], dict[str, Any]],
) -> None:
    """One JSON document, ``{"version", "tool", "findings", "summary"}``, written a
    finding at a time (``write_streamed``; a finding's dict or its ``FindingJson``);
    the summary, asked for last, counts what was written."""
    head = {"version": SCHEMA_VERSION, "tool": {"name": "factcheck", "version": __version__}}
    write_streamed(out, head, "findings", dicts, lambda: {"summary": summary_data()})


def write_streamed(
    out: IO[str],
    head: dict[str, Any],
    key: str,
    items: Iterable[Any],
    tail: Callable[[], dict[str, Any]] | None = None,
) -> None:
    """A JSON object written a list item at a time, so memory stays flat however
    long the draft: ``head``'s fields, ``key``'s list, then ``tail``'s fields
    (asked for last). The text is what ``json.dumps`` with ``indent=2`` gives."""
    stream = JsonStream(out)
    stream.open("{")
    for name, value in head.items():
        stream.add(value, name)
    stream.open("[", key)
    try:
        for item in items:
            stream.add(item)
    except (FactcheckError, KeyboardInterrupt) as error:
        # An input that cannot be read past the first item, or Ctrl-C: the document is
        # closed whole, saying what stopped it, and the run still ends as an error
        # (exit 2) or as interrupted (130).
        stream.close()
        stream.add(error_dict(stop_reason(error)), "error")
        _close(stream, tail)
        raise
    stream.close()
    _close(stream, tail)


def error_dict(error: FactcheckError) -> dict[str, Any]:
    """What stopped a run whose document had begun: ``verify``'s and ``lint``'s ``error``."""
    return {"file": error.file, "line": error.line, "message": str(error)}


def _close(stream: JsonStream, tail: Callable[[], dict[str, Any]] | None) -> None:
    """``tail``'s fields, then the document's closing brace."""
    for name, value in (tail() if tail else {}).items():
        stream.add(value, name)
    stream.close()


class JsonStream:
    """JSON written a value at a time, laid out to the letter as ``json.dumps``
    with ``indent=2`` lays out the whole: containers are opened (under a key,
    inside an object), filled and closed as their items are made, so memory
    holds only which containers are open, however long they grow. A writer
    that pushes items as they come (``lint``'s, which fills two lists at once)
    uses it where ``write_streamed``'s one list of an iterable does not fit.
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._open: list[list[Any]] = []  # per open container: its closing bracket, filled yet

    def open(self, bracket: str, key: str | None = None) -> None:
        """Open an object (``{``) or a list (``[``), as ``key``'s value inside an object."""
        self._write(self._lead(key) + bracket)
        self._open.append(["}" if bracket == "{" else "]", False])

    def add(self, value: Any, key: str | None = None) -> None:
        """A whole value (or its ``Encoded`` text), as ``key``'s inside an object."""
        self._write(self._lead(key) + _nested(value, 2 * len(self._open)))

    def close(self) -> None:
        """Close the innermost container; the outermost ends the document's line."""
        closing, filled = self._open.pop()
        lead = "\n" + "  " * len(self._open) if filled else ""
        self.out.write(lead + closing if self._open else lead + closing + "\n")

    def _lead(self, key: str | None) -> str:
        """What goes before a value: the comma after the one before it, the indent, the key."""
        if not self._open:
            return ""
        lead = (",\n" if self._open[-1][1] else "\n") + "  " * len(self._open)
        return lead if key is None else lead + json.dumps(key, ensure_ascii=False) + ": "

    def _write(self, text: str) -> None:
        """A value with its lead in one write, and only then the container marked filled:
        a Ctrl-C between the two writes it was once left a dangling comma, which the
        closing error (``write_streamed``) then followed, and the document did not parse."""
        self.out.write(text)
        if self._open:
            self._open[-1][1] = True


def _nested(value: Any, indent: int) -> str:
    """``value`` as JSON with ``indent=2``, its lines after the first shifted right."""
    text = value if type(value) is Encoded else json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + " " * indent)


def write_jsonl(out: IO[str], dicts: Iterable[dict[str, Any] | Encoded]) -> None:
    """One finding per line, for streaming tools (its dict, or its ``FindingJson`` line)."""
    for data in dicts:
        text = data if type(data) is Encoded else json.dumps(data, ensure_ascii=False)
        out.write(text + "\n")


def search_result_dicts(matches: list[Match]) -> list[dict[str, Any]]:
    """One query's ranked results with full claims (``search --format json/jsonl``)."""
    return [
        {"rank": rank, "claim_id": m.claim.id, "score": m.score, "claim": claim_dict(m.claim)}
        for rank, m in enumerate(matches, 1)
    ]


def query_line(query_id: str | None, matches: list[Match]) -> dict[str, Any]:
    """One query of ``search --queries``: ids and scores only, as retrieval benchmarks read them."""
    return {
        "query_id": query_id,
        "results": [{"claim_id": m.claim.id, "score": m.score} for m in matches],
    }
