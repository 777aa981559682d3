"""JSON and JSON Lines output of findings (and of search results).

The field names of a finding (path, line, column, end_line, end_column,
sentence, verdict, score, message, claim{id, speaker, passage, figures,
source}) are a contract: add beside them, never rename.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from factcheck import __version__
from factcheck.model import Claim, Figure, Finding, Match, Source, Speaker, Verdict

SCHEMA_VERSION = 1


def speaker_dict(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind,
        "role": speaker.role,
        "affiliation": speaker.affiliation,
        "aliases": list(speaker.aliases),
    }


def source_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "place": source.place,
        "date": source.date.isoformat() if source.date else None,
        "url": source.url,
    }


def figure_dict(figure: Figure) -> dict[str, Any]:
    return {
        "text": figure.text,
        "value": figure.value,
        "unit": figure.unit,
        "counts": figure.counts,
        "year": figure.year,
        "span": list(figure.span) if figure.span else None,
        "qualifier": figure.qualifier,
        "parts": list(figure.parts),
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim as JSON: the fields editors and machines read."""
    return {
        "id": claim.id,
        "type": claim.type,
        "claim": claim.claim,
        "speaker": speaker_dict(claim.speaker),
        "passage": claim.passage,
        "quote": claim.quote,
        "figures": [figure_dict(f) for f in claim.figures],
        "context": claim.context,
        "tags": list(claim.tags),
        "same_as": list(claim.same_as),
        "source": source_dict(claim.source),
    }


def finding_dict(finding: Finding, citation: str | None = None) -> dict[str, Any]:
    """One finding as the JSON contract describes it."""
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
        "claim": claim_dict(finding.claim) if finding.claim else None,
        "details": dict(finding.details),
    }
    if finding.others:
        data["also_in"] = [claim_dict(c) for c in finding.others]
    if citation is not None:
        data["citation"] = citation
    return data


def summary(findings: Iterable[Finding], files: int, sentences: int) -> dict[str, Any]:
    """Counts per verdict, beside the number of files and sentences read."""
    counts = Counter(f.verdict.value for f in findings)
    return {
        "files": files,
        "sentences": sentences,
        "findings": sum(counts.values()),
        "verdicts": {v.value: counts.get(v.value, 0) for v in Verdict},
    }


def render_json(dicts: list[dict[str, Any]], summary_data: dict[str, Any]) -> str:
    """One JSON document: ``{"version", "tool", "findings", "summary"}``."""
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "findings": dicts,
        "summary": summary_data,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_jsonl(dicts: list[dict[str, Any]]) -> str:
    """One finding per line, for streaming tools."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)


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
