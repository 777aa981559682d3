"""``factcheck import`` of published fact-checks: ClaimReview JSON-LD in its three shapes.

The documents follow schema.org's ClaimReview (claimReviewed, itemReviewed a
Claim with author, datePublished and appearance, reviewRating with
ratingValue/bestRating/worstRating/alternateName, author, url, datePublished,
inLanguage) and Google's Fact Check Tools ``claims:search`` response (claims[]
with text, claimant, claimDate and claimReview[] with publisher{name, site},
url, title, reviewDate, textualRating, languageCode).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.db.database import load_database

from conftest import ROOT

runner = CliRunner()
FEED = ROOT / "examples" / "factchecks.json"

MOON = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example.org/moon",
    "claimReviewed": "The moon landing was faked in a studio.",
    "datePublished": "2019-07-16",
    "inLanguage": {"@type": "Language", "name": "English", "alternateName": "en"},
    "author": {"@type": "Organization", "name": "Example Checks"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "A. Blogger"},
        "datePublished": "2019-07-10T08:00:00Z",
        "appearance": [{"@type": "CreativeWork", "url": "https://blog.example.com/moon"}],
    },
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": "1",
        "bestRating": "5",
        "worstRating": "1",
        "alternateName": "Pants on Fire",
    },
}
# A minimal review: no itemReviewed, no date, no language, numbers only.
BARE = {
    "@type": "ClaimReview",
    "claimReviewed": "Vaccines contain microchips.",
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1},
}
GOOGLE = {
    "claims": [
        {
            "text": "The moon landing was faked in a studio.",
            "claimant": "Social media posts",
            "claimDate": "2019-07-09T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "PolitiFact", "site": "politifact.com"},
                    "url": "https://www.politifact.com/moon",
                    "title": "No, the moon landing was not faked",
                    "reviewDate": "2019-07-18T00:00:00Z",
                    "textualRating": "Pants on Fire",
                    "languageCode": "en",
                },
                {
                    "publisher": {"site": "fullfact.org"},
                    "url": "https://fullfact.org/moon",
                    "textualRating": "False. The footage was filmed on the Moon.",
                },
            ],
        },
        {"text": "Wind turbines cause cancer.", "claimReview": [{"textualRating": "Incorrect"}]},
    ],
    "nextPageToken": "CAE",
}


def write(tmp_path, data, name="reviews.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def imported(tmp_path, source):
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return load_database(out), result


@pytest.mark.parametrize(
    "shape",
    [MOON, [MOON, BARE], {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Fact-checks"}, MOON, BARE]}],
    ids=["one object", "a list", "an @graph"],
)  # fmt: skip
def test_json_ld_documents_in_every_shape(tmp_path, shape):
    database, _ = imported(tmp_path, write(tmp_path, shape))
    claim = next(c for c in database.claims if c.claim.startswith("The moon"))
    review = claim.review
    assert (review.rating, review.rating_class) == ("Pants on Fire", "false")
    assert (review.value, review.best, review.worst) == (1.0, 5.0, 1.0)
    assert review.reviewer == "Example Checks" and review.language == "en"
    assert review.date == dt.date(2019, 7, 16) and review.url == "https://checks.example.org/moon"
    assert claim.speaker.name == "A. Blogger"
    assert claim.source.publisher == "Example Checks" and claim.source.kind == "fact-check"
    assert claim.context == "Claim made 2019-07-10; appeared in https://blog.example.com/moon"


def test_missing_optional_fields_are_left_empty(tmp_path):
    database, _ = imported(tmp_path, write(tmp_path, BARE))
    (claim,) = database.claims
    assert claim.review.rating == "1 of 5" and claim.review.rating_class == "false"
    # Without an author, the reviewer is who published the file (--publisher, else its name).
    assert claim.review.reviewer == "reviews" and claim.review.date is None
    assert claim.speaker.name == "Unnamed claimant" and claim.context is None


def test_google_claims_search_with_several_reviews_of_one_claim(tmp_path):
    database, result = imported(tmp_path, write(tmp_path, GOOGLE))
    assert "imported 3 claims" in result.stderr
    first, second, third = database.claims
    assert first.claim == second.claim == "The moon landing was faked in a studio."
    assert first.speaker.name == "Social media posts"
    assert (first.review.reviewer, first.review.rating, first.review.language) == (
        "PolitiFact", "Pants on Fire", "en",
    )  # fmt: skip
    assert first.review.date == dt.date(2019, 7, 18)
    assert first.source.title == "No, the moon landing was not faked"
    assert first.context == "Claim made 2019-07-09"
    # The second review keeps its own rating and reviewer (the site, without a name)...
    assert second.review.reviewer == "fullfact.org" and second.review.rating_class == "false"
    # ...and is linked to the first, not merged into it.
    assert second.same_as == (first.id,)
    assert database.also_in()[first.id] == (second,)
    assert third.review.rating_class == "false" and third.review.url is None


def test_the_data_feed_of_the_shipped_example(tmp_path):
    database, result = imported(tmp_path, FEED)
    assert "imported 4 claims (4 sources, 4 speakers)" in result.stderr
    classes = [c.review.rating_class for c in database.claims]
    assert classes == ["false", "mixed", "false", "true"]


def test_a_folder_of_documents(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write(folder, MOON, "a.jsonld")
    write(folder, GOOGLE, "b.json")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")
    database, _ = imported(tmp_path, folder)
    assert len(database.claims) == 4
    # Three reviews of the moon claim: each later one is tied to the first.
    moon = [c for c in database.claims if c.claim.startswith("The moon")]
    assert [c.same_as for c in moon] == [(), (moon[0].id,), (moon[0].id,)]


def test_a_database_of_its_own_ratings_overrides_the_table(tmp_path):
    """A reviewer's words the table does not know are classed by the database's `ratings:`."""
    review = {**BARE, "reviewRating": {"@type": "Rating", "alternateName": "Nope, not even close"}}
    out = tmp_path / "out.yaml"
    runner.invoke(app, ["import", str(write(tmp_path, review)), "-o", str(out)])
    assert load_database(out).claims[0].review.rating_class == "unrated"
    with out.open("a", encoding="utf-8") as file:
        file.write('ratings:\n  "false": ["Nope"]\n')
    assert load_database(out).claims[0].review.rating_class == "false"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({**MOON, "claimReviewed": ""}, "$.claimReviewed: missing or empty"),
        ([BARE, {**MOON, "datePublished": "16 July 2019"}],
         "$[1].datePublished: date '16 July 2019' is not ISO 8601"),
        ({**MOON, "reviewRating": {"@type": "Rating", "ratingValue": "one"}},
         "$.reviewRating.ratingValue: expected a number, found text"),
        ({**MOON, "reviewRating": {"@type": "Rating"}},
         "$.reviewRating: the rating has neither alternateName nor ratingValue"),
        ({"claims": [{"text": "x", "claimReview": [{"textualRating": "False"},
                                                   {"textualRating": 3}]}]},
         "$.claims[0].claimReview[1].textualRating: expected text, found a number"),
        ({"claims": [{"claimReview": [{"textualRating": "False"}]}]},
         "$.claims[0].text: missing or empty"),
        ({"@type": "DataFeed", "dataFeedElement": [{"item": {**MOON, "author": 7}}]},
         "$.dataFeedElement[0].item.author: expected text, found a number"),
        ({"@type": "WebPage"}, "$: no ClaimReview here"),
        ("just text", "$: expected a JSON object or list, found text"),
    ],
    ids=["empty claim", "bad date", "bad number", "no rating", "google type", "google text",
         "feed author", "no review", "not an object"],
)  # fmt: skip
def test_malformed_reviews_name_the_file_and_json_path_exit_2_and_write_nothing(
    tmp_path, data, where
):
    source = write(tmp_path, data)
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"factcheck: error: {source}: {where}" + result.stderr.split(where)[1]
    assert "Traceback" not in result.output and not out.exists()


def _walked_whole(text):
    from factcheck.db.claimreview import _reviews

    found = []
    _reviews(json.loads(text), found, top=True)
    return found


FEED_OF = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [MOON]},
        BARE,
        {"item": {**MOON, "url": "https://checks.example.org/2"}},
    ],
}


@pytest.mark.parametrize(
    ("text", "streamed"),
    [
        (json.dumps(FEED_OF), True),
        (json.dumps(FEED_OF, indent=2) + "\n", True),
        ('{"dataFeedElement": []}', True),
        (json.dumps({**FEED_OF, "@graph": [MOON]}), False),  # the @graph is read, not the feed
        (json.dumps({**FEED_OF, "claims": [], "@type": None}), True),
        (json.dumps({"claims": [], **FEED_OF}).replace('"@type": "DataFeed", ', ""), False),
        (json.dumps(FEED_OF)[:-1] + ', "dataFeedElement": []}', False),  # the last one counts
        ('{"dataFeedElement": {"item": ' + json.dumps(MOON) + "}}", False),  # one, not a list
        (json.dumps([MOON, BARE]), False),
        (json.dumps(FEED_OF) + " []", False),  # extra data: the whole parse reports it
    ],
)  # fmt: skip
def test_a_data_feed_is_walked_as_it_is_parsed_with_what_the_whole_document_gives(text, streamed):
    from factcheck.db.claimreview import _streamed

    found = []
    assert _streamed(text, found) is streamed
    if streamed:
        assert found == _walked_whole(text)


def test_a_bad_review_in_a_streamed_feed_is_reported_from_the_whole_document(tmp_path):
    feed = {**FEED_OF, "dataFeedElement": [BARE, {"item": [BARE, {**MOON, "url": 3}]}]}
    result = runner.invoke(
        app, ["import", str(write(tmp_path, feed)), "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 2
    assert "$.dataFeedElement[1].item[1].url: expected text, found a number" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        '{\n  "@type": "ClaimReview",\n  oops\n}\n',
        '{"dataFeedElement": [\n  {"item": {}},\n  oops\n]}\n',
    ],
    ids=["a review", "a data feed"],
)
def test_invalid_json_names_its_line(tmp_path, text):
    source = tmp_path / "bad.json"
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {source}:3: invalid JSON")


def test_a_table_import_needs_its_id_and_text_fields(tmp_path):
    source = tmp_path / "claims.csv"
    source.write_text("id,claim\nc1,The sky is green.\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 2 and "needs --id-field and --text-field" in result.stderr


def test_table_imports_take_nested_fields_by_dotted_path_and_ratings(tmp_path):
    """JSON Lines of ClaimReview-like rows: --speaker-field itemReviewed.author.name."""
    rows = [
        {"id": "r1", "claimReviewed": "The moon landing was faked in a studio.",
         "itemReviewed": {"author": {"name": "A. Blogger"}},
         "reviewRating": {"alternateName": "Pants on Fire"}, "author": {"name": "Desk"}},
        {"id": "r2", "claimReviewed": "Honey never spoils.",
         "itemReviewed": {"author": {"name": "A. Blogger"}},
         "reviewRating": {"alternateName": "Mostly true"}, "author": {"name": "Desk"}},
    ]  # fmt: skip
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, [
        "import", str(source), "-o", str(out), "--id-field", "id",
        "--text-field", "claimReviewed", "--speaker-field", "itemReviewed.author.name",
        "--rating-field", "reviewRating.alternateName", "--reviewer-field", "author.name",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    first, second = load_database(out).claims
    assert first.speaker.name == "A. Blogger" and first.review.reviewer == "Desk"
    assert (first.review.rating_class, second.review.rating_class) == ("false", "mostly-true")
    missing = runner.invoke(app, [
        "import", str(source), "-o", str(out), "--id-field", "id",
        "--text-field", "claimReviewed", "--speaker-field", "itemReviewed.author.nom",
    ])  # fmt: skip
    assert missing.exit_code == 2 and "no field 'itemReviewed.author.nom'" in missing.stderr


# --- end to end: import a feed, verify drafts against it ---------------------------------------


@pytest.fixture
def desk(tmp_path):
    out = tmp_path / "desk.yaml"
    result = runner.invoke(app, ["import", str(FEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("sentence", "verdict", "code", "rating"),
    [
        ("The moon landing was faked in a studio.", "debunked", 1, "Pants on Fire"),
        ("The moon landing was not faked.", "supported", 0, "Pants on Fire"),
        ("Wind turbines kill more birds than house cats do.", "unsupported", 0, "Half true"),
        ("Properly sealed honey can stay edible for thousands of years.", "supported", 0, "True"),
    ],
)
def test_verify_against_an_imported_feed(desk, sentence, verdict, code, rating):
    result = runner.invoke(app, ["verify", "--db", str(desk), "--format", "json", "-"],
                           input=sentence)  # fmt: skip
    assert result.exit_code == code, result.output
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["verdict"] == verdict
    review = finding["claim"]["review"]
    assert review["rating"] == rating and review["reviewer"] == "Example Desk"
    assert review["url"].startswith("https://factcheck.example.org/")
    assert rating in finding["message"]


def test_the_text_report_shows_rating_reviewer_date_and_link(desk):
    result = runner.invoke(app, ["verify", "--db", str(desk), "-"],
                           input="The moon landing was faked in a studio.")  # fmt: skip
    assert result.exit_code == 1
    assert "✗ debunked" in result.stdout
    assert (
        "  Rated   “Pants on Fire” (false), 1 of 5 by Example Desk, July 16, 2019 — "
        "https://factcheck.example.org/2019/07/moon-landing-studio"
    ) in result.stdout


def test_lint_reports_a_debunked_sentence_as_fc007(desk, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("The moon landing was faked in a studio.\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--db", str(desk), str(draft)])
    assert result.exit_code == 1
    assert "draft.md:1:1: error FC007" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
        ('{"@type": "ClaimReview", "x": ' + '{"a": ' * 5_000 + "1" + "}" * 5_001, "JSON nested"),
        ("[" + "9" * 5_000 + "]", "invalid JSON: a number of more than 4,300 digits"),
    ],
    ids=["lists", "objects", "a huge number"],
)
def test_json_python_cannot_read_is_an_error_and_nothing_is_written(tmp_path, text, message):
    """What the JSON Lines import already said, a document says too (it was exit 70)."""
    source = tmp_path / "feed.json"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"factcheck: error: {source}: {message}"), result.stderr
    assert not out.exists()
