"""Places and agents: a sentence that moves a claim elsewhere or to another maker."""

from __future__ import annotations

from factcheck.check.entities import named, renamed

CLAIM = ("Grassroots Leadership is an Austin, Texas-based national organization.",)


def test_places_after_prepositions_and_before_based():
    assert named("Sessions spoke in Nogales, Arizona, on Tuesday.") == {"nogales"}
    assert named("an Austin, Texas-based group") == {"austin"}
    assert named("based in El Paso") == {"el paso"}
    assert named("in February, in The Hague") == set()


def test_another_place_is_a_renaming():
    assert renamed("The group, based in Houston, works for justice.", CLAIM) == (
        "houston",
        "austin",
    )


def test_the_same_place_or_none_is_not():
    assert renamed("The group, based in Austin, works for justice.", CLAIM) is None
    assert renamed("The group works for justice.", CLAIM) is None
    assert renamed("The group met in Houston.", ("The group works for justice.",)) is None
    both = "Sessions spoke in Nogales and later in Washington."
    assert renamed(both, ("remarks by Sessions in Nogales, Arizona",)) is None


def test_another_agent_is_a_renaming():
    book = ("a book released by Grassroots Leadership and Justice Strategies last year",)
    assert renamed("The book Indefensible was written by the ACLU.", book) == (
        "aclu",
        "grassroots leadership and justice strategies",
    )
    assert renamed("The book was published by Grassroots Leadership.", book) is None
