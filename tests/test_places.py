"""Places: a sentence that moves a claim elsewhere does not state it."""

from __future__ import annotations

from factcheck.places import place_names, renamed_place

CLAIM = ("Grassroots Leadership is an Austin, Texas-based national organization.",)


def test_places_after_prepositions_and_before_based():
    assert place_names("Sessions spoke in Nogales, Arizona, on Tuesday.") == {"nogales"}
    assert place_names("an Austin, Texas-based group") == {"austin"}
    assert place_names("based in El Paso") == {"el paso"}
    assert place_names("in February, in The Hague") == set()


def test_another_place_is_a_renaming():
    assert renamed_place("The group, based in Houston, works for justice.", CLAIM) == (
        "houston",
        "austin",
    )


def test_the_same_place_or_none_is_not():
    assert renamed_place("The group, based in Austin, works for justice.", CLAIM) is None
    assert renamed_place("The group works for justice.", CLAIM) is None
    assert renamed_place("The group met in Houston.", ("The group works for justice.",)) is None
    both = "Sessions spoke in Nogales and later in Washington."
    assert renamed_place(both, ("remarks by Sessions in Nogales, Arizona",)) is None
