"""The catalog core: speaker matching, claim filters, summaries, lookups, passages."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.db.catalog import (
    ClaimFilter,
    filter_claims,
    get_claim,
    match_speakers,
    parse_date,
    passage_context,
    speaker_summaries,
)
from factcheck.errors import UsageError
from factcheck.model import Source

# What an editor types → the speaker ids it must select (and nothing else).
SPEAKER_QUERIES = [
    ("sessions", {"jeff-sessions"}),
    ("SESSIONS", {"jeff-sessions"}),
    ("Jeff Session", {"jeff-sessions"}),  # the release's own misspelling
    ("jeff-sessions", {"jeff-sessions"}),
    ("the attorney general", {"jeff-sessions"}),
    ("sesions", {"jeff-sessions"}),  # a typo
    ("libal", {"bob-libal"}),
    ("Bob  Libal", {"bob-libal"}),
    ("liebal", {"bob-libal"}),
    ("caseres", {"alejandro-caceres"}),
    ("grassroots leadership", {"grassroots-leadership"}),
    ("the DOJ memo", {"justice-department-memo"}),
    ("Indefensible", {"indefensible-book"}),
    ("senator", {"some-senators"}),
]


@pytest.mark.parametrize(("query", "expected"), SPEAKER_QUERIES)
def test_match_speakers(database, query, expected):
    assert {s.id for s in match_speakers(database, query)} == expected


def test_unknown_speaker_suggests_the_closest_name(database):
    with pytest.raises(UsageError) as error:
        match_speakers(database, "Alehandro Kazeres Smith")
    assert error.value.message == (
        "no speaker matches 'Alehandro Kazeres Smith'; did you mean 'Alejandro Caceres'?"
    )


def test_empty_speaker_is_an_error(database):
    with pytest.raises(UsageError, match="empty speaker name"):
        match_speakers(database, "  ")


def test_no_filter_keeps_every_claim_in_database_order(database):
    assert filter_claims(database, ClaimFilter()) == list(database.claims)


def test_speaker_filter_keeps_database_order(database):
    found = filter_claims(database, ClaimFilter(speaker="sessions"))
    expected = [c for c in database.claims if c.speaker.id == "jeff-sessions"]
    assert found == expected and len(found) == 3


@pytest.mark.parametrize(
    ("query", "check"),
    [
        (ClaimFilter(type="Statistic"), lambda c: c.type == "statistic"),
        (ClaimFilter(tag="private-prisons"), lambda c: "private-prisons" in c.tags),
        (ClaimFilter(source="grassroots leadership"), lambda c: True),
        (ClaimFilter(source="gl-2017-04-11", type="quote"), lambda c: c.type == "quote"),
        (ClaimFilter(speaker="libal", type="quote"), lambda c: c.speaker.id == "bob-libal"),
    ],
)
def test_filters_select_exactly_the_matching_claims(database, query, check):
    found = filter_claims(database, query)
    assert found == [c for c in database.claims if check(c)]
    assert found


def test_date_bounds_are_inclusive(database):
    day = dt.date(2017, 4, 11)
    assert len(filter_claims(database, ClaimFilter(since=day, until=day))) == len(database.claims)
    assert filter_claims(database, ClaimFilter(since=day + dt.timedelta(days=1))) == []
    assert filter_claims(database, ClaimFilter(until=day - dt.timedelta(days=1))) == []


def test_filters_that_exclude_each_other_give_an_empty_list(database):
    assert filter_claims(database, ClaimFilter(speaker="sessions", type="statistic")) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (ClaimFilter(type="quot"), "unknown claim type 'quot'; did you mean 'quote'?"),
        (ClaimFilter(tag="privat-prisons"), "unknown tag 'privat-prisons'; did you mean"),
        (ClaimFilter(source="gl-2017"), "unknown source 'gl-2017'; did you mean 'gl-2017-04-11'?"),
        (
            ClaimFilter(since=dt.date(2018, 1, 1), until=dt.date(2017, 1, 1)),
            "--since 2018-01-01 is after --until 2017-01-01",
        ),
    ],
)
def test_bad_filter_values_are_errors(database, query, message):
    with pytest.raises(UsageError) as error:
        filter_claims(database, query)
    assert error.value.message.startswith(message)


def test_parse_date():
    assert parse_date(" 2017-04-11 ", "--since") == dt.date(2017, 4, 11)
    with pytest.raises(UsageError, match="bad date for --until: '11/04/2017'"):
        parse_date("11/04/2017", "--until")


def test_speaker_summaries_count_every_claim(database):
    summaries = speaker_summaries(database)
    assert [s.speaker.id for s in summaries] == list(database.speakers)
    assert sum(s.claims for s in summaries) == len(database.claims)
    for summary in summaries:
        mine = [c.type for c in database.claims if c.speaker.id == summary.speaker.id]
        assert dict(summary.types) == {t: mine.count(t) for t in set(mine)}
        counts = [count for _type, count in summary.types]
        assert counts == sorted(counts, reverse=True)


def test_get_claim_and_closest_ids(database):
    claim = database.claims[0]
    assert get_claim(database, f" {claim.id} ") is claim
    with pytest.raises(UsageError) as error:
        get_claim(database, "gl-2017-04-11-prosecution-share")
    assert error.value.message == (
        "unknown claim id 'gl-2017-04-11-prosecution-share'; did you mean "
        "'gl-2017-04-11-prosecutions-share-2016', 'gl-2017-04-11-prosecutions-share-increase'?"
    )


def test_every_passage_sits_in_its_paragraph(database):
    for claim in database.claims:
        context = passage_context(claim)
        assert context is not None
        assert context.paragraph[context.start : context.end] == claim.passage
        assert "\n\n" not in context.paragraph
        assert context.paragraph == context.paragraph.strip()
        assert context.paragraph in claim.source.text


def test_external_source_has_no_paragraph(database):
    claim = database.claims[0]
    external = Source(id="ext", title="T", publisher="P", external=True)
    assert passage_context(claim._replace(source=external)) is None
