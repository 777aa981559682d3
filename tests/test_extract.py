"""Drafting candidate claims: the release, a differently styled city statement, and the rules."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.db.database import read_database
from factcheck.db.extract import extract, find_dateline
from factcheck.db.write import render_draft
from factcheck.model import Source

from conftest import RELEASE, ROOT

CITY = Path(__file__).parent / "data" / "city-statement.txt"


def draft_of(path: Path, source_id: str, publisher: str):
    text = path.read_text(encoding="utf-8")
    source = Source(id=source_id, title="t", publisher=publisher, path=path.name)
    return text, extract(text, source, str(path))


@pytest.fixture(scope="module")
def release():
    return draft_of(RELEASE, "gl", "Grassroots Leadership")


@pytest.fixture(scope="module")
def city():
    return draft_of(CITY, "riv", "City of Riverton")


def by_passage(draft, start: str):
    found = [c for c in draft.claims if c.passage.startswith(start)]
    assert len(found) == 1, [c.passage for c in draft.claims]
    return found[0]


def test_every_passage_is_verbatim_and_every_id_unique(release, city):
    for text, draft in (release, city):
        assert draft.claims
        for claim in draft.claims:
            assert claim.passage in text
            assert claim.quote is None or claim.quote in claim.passage
            assert all(f.text in claim.passage for f in claim.figures)
        ids = [c.id for c in draft.claims]
        assert len(set(ids)) == len(ids)


def test_extraction_is_stable(release):
    text, draft = release
    again = extract(text, draft.source, str(RELEASE))
    assert [c.id for c in again.claims] == [c.id for c in draft.claims]


def test_said_x_after_a_quote_gives_the_speaker_and_the_appositive_role(release):
    _, draft = release
    claim = by_passage(draft, "“This action takes")
    assert claim.passage.endswith("” said Bob Libal".replace("”", ",”"))
    assert claim.type == "quote" and claim.speaker.id == "bob-libal"
    assert claim.quote.startswith("This action") and claim.quote.endswith("group of people")
    assert claim.id == "gl-libal-action-takes-trump-s"
    libal = {s.id: s for s in draft.speakers}["bob-libal"]
    assert libal.role == "executive director at Grassroots Leadership"
    assert libal.affiliation == "Grassroots Leadership" and libal.aliases == ("Libal",)
    role = by_passage(draft, "Bob Libal, executive director")
    assert role.type == "biography" and role.speaker.id == "grassroots-leadership"
    assert role.claim == "Bob Libal is executive director at Grassroots Leadership."


def test_a_quotation_continued_in_the_next_sentence_keeps_its_speaker(release):
    _, draft = release
    claim = by_passage(draft, "“The only winners")
    assert claim.speaker.id == "bob-libal" and claim.passage.endswith("immigrants.”")
    assert by_passage(draft, "“We will not be intimidated").speaker.id == "alejandro-caceres"


def test_a_quotation_of_several_sentences_is_split_and_x_said_names_the_speaker(release):
    _, draft = release
    first = by_passage(draft, "“It is here, on this sliver of land")
    rest = by_passage(draft, "This is a new era.")
    assert first.passage.endswith("against this filth.")
    # A very short quoted sentence reads with the next one.
    assert rest.quote == "This is a new era. This is the Trump era"
    assert rest.passage.endswith("Sessions said in his prepared remarks")
    assert first.speaker.id == rest.speaker.id == "jeff-sessions"
    sessions = {s.id: s for s in draft.speakers}["jeff-sessions"]
    # "Sessions" merged with the full name the text gives, the title split off as role.
    assert sessions.name == "Jeff Sessions" and sessions.role == "Attorney General"


def test_an_attributed_quote_inside_narration_is_its_own_candidate(release):
    _, draft = release
    quote = by_passage(draft, "some senators said")
    assert quote.speaker.name == "some senators" and quote.speaker.kind == "group"
    assert quote.quote == "lends the appearance of rewarding campaign donors"
    rest = by_passage(draft, "Earlier this year, Sessions also reversed")
    assert rest.passage.endswith("use of private prisons")
    assert rest.speaker.id == "grassroots-leadership"
    assert rest.context == "“this year” is 2017."


def test_statistics_are_split_into_clauses_with_parsed_figures(release):
    _, draft = release
    share = by_passage(draft, "In 2016, 52 percent")
    assert share.passage.endswith("immigration-related offenses")
    assert share.type == "statistic"
    assert [(f.text, f.value, f.unit, f.year) for f in share.figures] == [
        ("52 percent", 52, "percent", 2016)
    ]
    earlier = by_passage(draft, "an increase from 2015")
    assert [(f.text, f.year) for f in earlier.figures] == [("49 percent", 2015)]
    total = by_passage(draft, "Since 2005")
    assert [f.text for f in total.figures] == [
        "nearly three quarters of a million",
        "412,240",
        "317,916",
    ]
    assert total.figures[0].qualifier == "nearly" and total.figures[0].span == (2005, 2017)


def test_the_dateline_gives_date_and_place_and_leaves_the_passages(release, city):
    _, draft = release
    assert draft.source.date == dt.date(2017, 4, 11) and draft.source.place == "Austin, TX"
    first = draft.claims[0]
    assert first.passage.startswith("Attorney General Jeff Sessions today instructed")
    assert first.context == "“today” is April 11, 2017."
    _, riverton = city
    assert riverton.source.date == dt.date(2024, 3, 5)
    assert riverton.source.place == "Riverton, Ore."
    assert riverton.claims[0].passage.startswith("The Riverton City Council voted 6-1")


def test_a_given_date_and_place_win_over_the_dateline():
    text = RELEASE.read_text(encoding="utf-8")
    source = Source("gl", "t", "GL", place="Austin", date=dt.date(2017, 4, 12))
    draft = extract(text, source, str(RELEASE))
    assert draft.source.date == dt.date(2017, 4, 12) and draft.source.place == "Austin"
    assert draft.claims[0].context == "“today” is April 12, 2017."


@pytest.mark.parametrize(
    "text",
    [
        "Just some words with no dash at all.",
        "The mayor — who spoke first — said nothing.",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text, [(0, len(text))]) is None


def test_city_statement_speakers_roles_and_dollars(city):
    _, draft = city
    speakers = {s.id: s for s in draft.speakers}
    assert set(speakers) == {"city-of-riverton", "priya-natarajan", "maria-delgado", "alan-reyes"}
    assert speakers["city-of-riverton"].kind == "organization"
    assert speakers["maria-delgado"].role == "a spokesperson for the Office of the Mayor"
    assert speakers["maria-delgado"].affiliation == "Office of the Mayor"
    assert speakers["alan-reyes"].role == "Public Works Director"
    assert speakers["priya-natarajan"].role == "Finance Director"
    package = by_passage(draft, "The package sets aside")
    assert package.speaker.id == "priya-natarajan"  # "according to Finance Director …"
    assert [(f.text, f.value, f.unit) for f in package.figures][:2] == [
        ("$2.8 million", 2_800_000, "usd"),
        ("$1.4 million", 1_400_000, "usd"),
    ]
    # "Delgado said" after a straight-quoted sentence: the surname finds the full name.
    dollar = by_passage(draft, '"Every dollar')
    assert dollar.speaker.id == "maria-delgado"
    assert dollar.passage.endswith('," Delgado said')


def test_a_speaker_named_in_the_next_sentence(city):
    _, draft = city
    creek = by_passage(draft, "“The creek rose four feet")
    assert creek.speaker.id == "alan-reyes" and creek.type == "quote"
    assert by_passage(draft, "Nobody on the crew").speaker.id == "alan-reyes"


def test_contact_lines_and_headlines_are_not_candidates(city):
    _, draft = city
    passages = " ".join(c.passage for c in draft.claims)
    assert "Media contact" not in passages and "###" not in passages
    assert "FOR IMMEDIATE RELEASE" not in passages
    assert not any(c.passage.startswith("Riverton approves") for c in draft.claims)


def test_types_are_guessed(city):
    _, draft = city
    assert by_passage(draft, "Public Works Director Alan Reyes said").type == "event"
    assert by_passage(draft, "The February storm").type == "statistic"


@pytest.mark.parametrize("which", ["release", "city"])
def test_the_rendered_draft_loads_and_validates_as_it_is(which, request, tmp_path):
    text, draft = request.getfixturevalue(which)
    (tmp_path / draft.source.path).write_text(text, encoding="utf-8")
    target = tmp_path / "draft.yaml"
    target.write_text(render_draft(draft.source, draft.speakers, draft.claims), encoding="utf-8")
    database, problems = read_database(target)
    assert problems == []
    assert [c.passage for c in database.claims] == [c.passage for c in draft.claims]
    assert [c.figures for c in database.claims] == [c.figures for c in draft.claims]
    assert database.sources[draft.source.id].date == draft.source.date


def test_recall_on_the_release_stays_high():
    """bench/extract_recall.py: the curated claims the draft recovers, and what it adds."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract_recall.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(run.stdout)
    assert figures["covered"] >= figures["curated"] - 1
    assert figures["tight"] >= figures["curated"] * 3 // 4
    assert figures["spurious"] <= 2
