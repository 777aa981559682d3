"""Term weights blend the database's counts with English: framing weighs little, and a
score keeps its meaning as the database grows."""

from __future__ import annotations

import math
import random

import pytest

from factcheck.check.index import Index
from factcheck.check.matcher import Matcher
from factcheck.check.termweights import BACKGROUND_FILE, ZIPF_FLOOR, TermWeights, background
from factcheck.model import Database


def test_the_background_table_holds_common_english():
    table = background()
    assert len(table) > 10_000
    assert table["report"] > table["prosecution"] > ZIPF_FLOOR
    assert min(table.values()) >= ZIPF_FLOOR


def test_in_a_small_database_framing_weighs_less_than_content(database):
    weights = Matcher(database).weights
    for framing in ("told", "tuesday", "data", "show", "latest", "report"):
        for content in ("nogales", "sliver", "harbor", "congregation"):
            assert weights(framing) < weights(content), (framing, content)


def test_names_of_people_weigh_less_than_their_words():
    index = Index.build(["Libal spoke", "a memo"])
    plain, named = TermWeights(index), TermWeights(index, frozenset({"libal"}))
    assert named("libal") < plain("libal")
    assert named("memo") == plain("memo")


def _english_claims(count: int, seed: int = 7) -> list[str]:
    """Claims of ordinary English words (the background's own), reproducibly."""
    rng = random.Random(seed)
    vocabulary = sorted(background())[:8000]
    return [" ".join(rng.choice(vocabulary) for _ in range(14)) for _ in range(count)]


def test_a_large_database_weighs_its_terms_by_its_own_counts():
    size, found = 2_000_000, 100_000
    index = Index({"zyxwv": (0.0, bytes(4 * found), b"")}, size)
    own = math.log(1 + (size - found + 0.5) / (found + 0.5))
    assert TermWeights(index)("zyxwv") == pytest.approx(own, rel=0.05)


def test_a_score_means_the_same_in_a_small_and_a_large_database(database):
    sentence = "In 2016, 52 percent of federal prosecutions involved immigration offenses."
    small = Matcher(database).match(sentence, top_k=1)[0]
    extra = [
        database.claims[0]._replace(id=f"filler-{n}", claim=text, passage=text, figures=())
        for n, text in enumerate(_english_claims(2000))
    ]
    large_db = Database(database.sources, database.speakers, (*database.claims, *extra))
    large = Matcher(large_db).match(sentence, top_k=1)[0]
    assert large.claim.id == small.claim.id
    assert abs(large.score - small.score) <= 8, (small.score, large.score)


def test_the_background_table_is_in_the_order_its_reader_bisects():
    """A line out of order would make its term, and others, silently unknown."""
    lines = [
        line
        for line in BACKGROUND_FILE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    assert lines == sorted(lines)
    assert all(len(line.split(" ")) == 2 for line in lines)
