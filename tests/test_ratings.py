"""Fact-check ratings: the shipped table, the database's reviews, and what editors see of them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factcheck.check.ratings import EFFECTS, RATINGS_FILE, rating_key, table
from factcheck.cli import app
from factcheck.db.database import load_database, validate

from conftest import ROOT, VERIFY_SCHEMA

runner = CliRunner()

RATED = """\
version: 1
ratings:
  "false": ["Nope"]
sources:
  - {id: pf, title: Moon check, publisher: PolitiFact, kind: fact-check, external: true}
speakers:
  - {id: web, name: Social media posts, kind: group}
claims:
  - id: moon
    source: pf
    speaker: web
    type: imported
    claim: The moon landing was faked in a studio.
    passage: The moon landing was faked in a studio.
    review: {rating: Pants on Fire, reviewer: PolitiFact, date: 2019-07-16, url: "https://p.example/moon"}
  - id: turbines
    source: pf
    speaker: web
    type: imported
    claim: Wind turbines kill more birds than house cats do.
    passage: Wind turbines kill more birds than house cats do.
    review: {rating: "Nope, never", value: 1, best: 5, worst: 1}
  - id: plain
    source: pf
    speaker: web
    type: imported
    claim: Honey never spoils.
    passage: Honey never spoils.
"""


# --- the shipped table ----------------------------------------------------------------------


def test_every_class_has_a_known_effect_and_each_rating_one_class():
    ratings = table()
    assert set(ratings.effects.values()) <= set(EFFECTS)
    assert set(ratings.texts.values()) <= set(ratings.effects)
    import yaml

    data = yaml.safe_load(RATINGS_FILE.read_text(encoding="utf-8"))
    keys = [rating_key(r) for words in data["ratings"].values() for r in words]
    assert len(keys) == len(set(keys)), "a rating listed under two classes"


def test_the_json_schema_names_the_same_classes():
    schema = json.loads(VERIFY_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$defs"]["review"]["properties"]["rating_class"]["enum"] == list(table().effects)


@pytest.mark.parametrize(
    ("rating", "numbers", "expected"),
    [
        ("Pants on Fire!", (), "false"),
        ("MOSTLY   TRUE", (), "mostly-true"),
        ("False. The photo was taken in 2015.", (), "false"),
        ("Misleading: the figure is from 2009", (), "mostly-false"),
        ("Mostly false", (), "mostly-false"),
        ("Four Pinocchios", (), "false"),
        ("Ridiculous", (), "unrated"),
        ("Ridiculous", (2, 5, 1), "mostly-false"),
        ("Ridiculous", (10, 10, 0), "true"),
        ("Ridiculous", (7, 5, 1), "unrated"),  # off the scale: not guessed
        ("True", (1, 5, 1), "true"),  # the words win over the number
    ],
)
def test_textual_ratings_and_scales_give_a_class(rating, numbers, expected):
    assert table().classify(rating, *numbers) == expected


# --- the database ---------------------------------------------------------------------------


def test_reviews_load_with_their_class_and_the_databases_own_ratings(write_db):
    database = load_database(write_db(RATED))
    moon, turbines, plain = database.claims
    assert moon.review.rating_class == "false" and moon.review.reviewer == "PolitiFact"
    assert turbines.review.rating_class == "false"  # "Nope" is the database's own word
    assert plain.review is None


def test_reviews_survive_the_cache(write_db, tmp_path, monkeypatch):
    from factcheck.db.cache import load_indexed

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    path = write_db(RATED)
    first = load_indexed(path)
    again = load_indexed(path)
    assert again.from_cache and not first.from_cache
    assert [c.review for c in again.database.claims] == [c.review for c in first.database.claims]


@pytest.mark.parametrize(
    ("review", "message"),
    [
        ("{reviewer: X}", "claim moon review is missing required field 'rating'"),
        ("{rating: False, value: high}", "claim moon review: value must be a plain number"),
        ("{rating: 'False', value: 9, best: 5, worst: 1}",
         "claim moon review: value 9 is outside the scale 1 to 5"),
        ("{rating: 'False', rating_class: wrong}",
         "claim moon review: unknown rating_class 'wrong'"),
        ("{rating: 'False', date: soon}", "claim moon review: date 'soon' is not a date"),
        ("{rating: 'False', stars: 3}", "unknown field 'stars' in claim moon review"),
        ("False", "claim moon: review must be a mapping or a rating in quotes"),
    ],
)  # fmt: skip
def test_validate_checks_rating_fields(write_db, review, message):
    text = RATED.replace(
        '{rating: Pants on Fire, reviewer: PolitiFact, date: 2019-07-16, url: "https://p.example/moon"}',
        review,
    )
    problems = validate(write_db(text))
    assert any(message in p.message for p in problems), problems
    result = runner.invoke(app, ["validate", "--db", str(write_db(text))])
    assert result.exit_code == 1 and message in result.output


def test_a_bad_ratings_table_is_a_problem(write_db):
    text = RATED.replace('"false": ["Nope"]', 'nonsense: ["Nope"]')
    (problem,) = validate(write_db(text))
    assert problem.line == 2 and "unknown rating class 'nonsense'" in problem.message


# --- verdicts ---------------------------------------------------------------------------------

SPLIT = {
    "claims": [
        {
            "text": "Vaccines contain microchips.",
            "claimReview": [
                {"publisher": {"name": "Desk A"}, "url": "https://a.example/1",
                 "textualRating": "True"},
                {"publisher": {"name": "Desk B"}, "url": "https://b.example/1",
                 "textualRating": "False"},
            ],
        }
    ]
}  # fmt: skip


def test_when_reviewers_disagree_the_severest_rating_decides(tmp_path):
    """Two reviews of one claim, linked: whichever is matched, one's "False" is never hidden."""
    from factcheck.check.checker import check_text

    source = tmp_path / "split.json"
    source.write_text(json.dumps(SPLIT), encoding="utf-8")
    out = tmp_path / "split.yaml"
    assert runner.invoke(app, ["import", str(source), "-o", str(out)]).exit_code == 0
    database = load_database(out)
    for order in (database, database._replace(claims=database.claims[::-1], links=None)):
        (finding,) = check_text("Vaccines contain microchips.", order)
        assert finding.verdict == "debunked" and "Desk B" in finding.message


def test_the_editor_hover_shows_the_rating(tmp_path):
    from factcheck.check.checker import check_text
    from factcheck.lsp.hover import hover_markdown

    out = tmp_path / "desk.yaml"
    feed = ROOT / "examples" / "factchecks.json"
    assert runner.invoke(app, ["import", str(feed), "-o", str(out)]).exit_code == 0
    (finding,) = check_text("The moon landing was faked in a studio.", load_database(out))
    shown = hover_markdown(finding, [])
    assert "**✗ debunked**" in shown
    assert "**Rated** “Pants on Fire” (false), 1 of 5 by Example Desk" in shown
