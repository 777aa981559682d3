"""The curated claims database is sound: every passage traces to its source.

Plain YAML checks, independent of the loader, so the data can be trusted on
its own: ids are unique, passages are verbatim (curly quotes, em dashes and
no-break spaces included), figures and quotes sit inside their passages,
speakers exist, and the parts of a figure add up to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims.yaml"
QUALIFIER_TOLERANCE = {"nearly": 0.05, "almost": 0.05, "about": 0.05, "more than": 0.05}


@pytest.fixture(scope="module")
def data() -> dict:
    with CLAIMS.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def texts(data: dict) -> dict[str, str]:
    return {
        source["id"]: (CLAIMS.parent / source["path"]).read_text(encoding="utf-8")
        for source in data["sources"]
    }


def test_top_level_blocks_in_order(data: dict) -> None:
    assert list(data) == ["version", "sources", "speakers", "claims"]
    assert data["version"] == 1


def test_ids_are_unique(data: dict) -> None:
    for block in ("sources", "speakers", "claims"):
        ids = [record["id"] for record in data[block]]
        assert len(ids) == len(set(ids)), f"duplicate {block} ids"


def test_claim_ids_are_prefixed_by_their_source(data: dict) -> None:
    for claim in data["claims"]:
        assert claim["id"].startswith(claim["source"] + "-"), claim["id"]


def test_source_text_keeps_its_typography(texts: dict[str, str]) -> None:
    text = texts["gl-2017-04-11"]
    for char in ("\u2019", "\u201c", "\u201d", "\u2014", "\u00a0"):
        assert char in text


def test_passages_are_verbatim(data: dict, texts: dict[str, str]) -> None:
    for claim in data["claims"]:
        assert claim["source"] in texts, claim["id"]
        assert claim["passage"], claim["id"]
        assert claim["passage"] in texts[claim["source"]], claim["id"]


def test_figures_and_quotes_are_in_their_passage(data: dict) -> None:
    for claim in data["claims"]:
        passage = claim["passage"]
        if claim.get("quote") is not None:
            assert claim["quote"] in passage, claim["id"]
        for figure in claim.get("figures") or []:
            assert figure["text"] in passage, (claim["id"], figure["text"])


def test_quote_claims_have_a_quote(data: dict) -> None:
    for claim in data["claims"]:
        if claim["type"] == "quote":
            assert claim["quote"], claim["id"]


def test_speakers_and_sources_exist(data: dict) -> None:
    speakers = {speaker["id"] for speaker in data["speakers"]}
    sources = {source["id"] for source in data["sources"]}
    for claim in data["claims"]:
        assert claim["speaker"] in speakers, claim["id"]
        assert claim["source"] in sources, claim["id"]
    kinds = {speaker["kind"] for speaker in data["speakers"]}
    assert kinds <= {"person", "organization", "document", "group"}


def test_misspelled_sessions_is_an_alias(data: dict, texts: dict[str, str]) -> None:
    sessions = next(s for s in data["speakers"] if s["id"] == "jeff-sessions")
    assert "Jeff Session was confirmed" in texts["gl-2017-04-11"]
    assert "Jeff Session" in sessions["aliases"]


def test_parts_are_figures_of_the_same_claim(data: dict) -> None:
    for claim in data["claims"]:
        figures = claim.get("figures") or []
        texts = {figure["text"] for figure in figures}
        for figure in figures:
            for part in figure.get("parts") or []:
                assert part in texts, (claim["id"], part)


def test_parts_add_up_within_the_qualifier(data: dict) -> None:
    checked = 0
    for claim in data["claims"]:
        figures = {figure["text"]: figure for figure in claim.get("figures") or []}
        for figure in figures.values():
            if not figure.get("parts"):
                continue
            total = sum(figures[part]["value"] for part in figure["parts"])
            tolerance = QUALIFIER_TOLERANCE.get(figure.get("qualifier") or "", 0.0)
            assert abs(total - figure["value"]) <= tolerance * figure["value"], claim["id"]
            if figure["qualifier"] == "nearly":
                assert total <= figure["value"], claim["id"]
            checked += 1
    assert checked >= 1


def test_three_quarters_of_a_million(data: dict) -> None:
    claim = next(
        c
        for c in data["claims"]
        if any(f["text"] == "nearly three quarters of a million" for f in c["figures"])
    )
    figures = {figure["text"]: figure for figure in claim["figures"]}
    whole = figures["nearly three quarters of a million"]
    assert whole["value"] == 750000
    assert whole["qualifier"] == "nearly"
    assert whole["span"] == [2005, 2017]
    assert whole["parts"] == ["412,240", "317,916"]
    assert sum(figures[part]["value"] for part in whole["parts"]) == 730156


def test_release_statistics_are_the_publishers_own(data: dict) -> None:
    by_figure = {
        figure["text"]: claim["speaker"] for claim in data["claims"] for figure in claim["figures"]
    }
    for text in ("52 percent", "49 percent", "nearly three quarters of a million"):
        assert by_figure[text] == "grassroots-leadership", text


def test_figure_fields(data: dict) -> None:
    for claim in data["claims"]:
        for figure in claim.get("figures") or []:
            assert isinstance(figure["value"], int | float), claim["id"]
            assert not isinstance(figure["value"], bool), claim["id"]
            span = figure.get("span")
            if span is not None:
                assert len(span) == 2 and isinstance(span[0], int), claim["id"]
                assert span[1] is None or span[1] >= span[0], claim["id"]


VERDICTS = ROOT / "tests" / "cases" / "verdicts.yaml"
VERDICT_VALUES = {
    "supported",
    "debunked",
    "figure-mismatch",
    "misquote",
    "misattributed",
    "unsupported",
    "unchecked",
}


@pytest.fixture(scope="module")
def verdict_cases() -> list[dict]:
    with VERDICTS.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _claims_of(case: dict) -> list[str]:
    """A case's claim ids: none, one, or a list when several claims state it."""
    claim = case["claim"]
    return [] if claim is None else claim if isinstance(claim, list) else [claim]


def _feed_ids(name: str) -> set[str]:
    from factcheck.db.claimreview import read_reviews

    return {claim.id for claim in read_reviews(ROOT / name)}


def test_verdict_table_is_well_formed(verdict_cases: list[dict], data: dict) -> None:
    ids = {claim["id"] for claim in data["claims"]}
    texts = [case["text"] for case in verdict_cases]
    assert len(texts) == len(set(texts)), "duplicate case texts"
    for case in verdict_cases:
        assert {"text", "verdict", "claim"} <= set(case), case["text"]
        assert set(case) <= {"text", "verdict", "claim", "note", "known_gap", "db"}, case["text"]
        assert case["verdict"] in VERDICT_VALUES, case["text"]
        known = _feed_ids(case["db"]) if "db" in case else ids  # a ClaimReview feed's
        assert all(claim in known for claim in _claims_of(case)), case["text"]
        if case["verdict"] == "unchecked":
            assert case["claim"] is None, case["text"]


def test_verdict_table_covers_every_claim(verdict_cases: list[dict], data: dict) -> None:
    for claim in data["claims"]:
        count = sum(claim["id"] in _claims_of(case) for case in verdict_cases)
        assert count >= 3, f"{claim['id']} has {count} verdict cases"
