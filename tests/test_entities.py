"""Places and agents: a sentence that moves a claim elsewhere or to another maker."""

from __future__ import annotations

import pytest

from factcheck.check.entities import (
    added_owner,
    changed_agent,
    changed_name,
    named,
    renamed,
    restated,
    swapped_roles,
)
from factcheck.check.paraphrase import lexicon

CLAIM = ("Grassroots Leadership is an Austin, Texas-based national organization.",)


def test_places_after_prepositions_and_before_based():
    assert named("Sessions spoke in Nogales, Arizona, on Tuesday.") == {"nogales, arizona"}
    assert named("Sessions spoke in Nogales, Ariz., on Tuesday.") == {"nogales, arizona"}
    assert named("He spoke in Washington, Sessions said.") == {"washington"}  # no state
    assert named("an Austin, Texas-based group") == {"austin"}
    assert named("based in El Paso") == {"el paso"}
    assert named("in February, in The Hague") == set()


REMARKS = ("remarks by Sessions in Nogales, Arizona",)
BOOK = ("a book released by Grassroots Leadership and Justice Strategies last year",)


@pytest.mark.parametrize(
    ("sentence", "claim", "expected"),
    [
        ("The group, based in Houston, works for justice.", CLAIM, ("houston", "austin")),
        ("He spoke in Nogales, Texas, on Tuesday.", REMARKS,
         ("nogales, texas", "nogales, arizona")),  # one city, another state
        ("The book Indefensible was written by the ACLU.", BOOK,
         ("aclu", "grassroots leadership and justice strategies")),
        ("He spoke in Nogales, Ariz., on Tuesday.", REMARKS, None),  # the AP's abbreviation
        ("He spoke in Nogales on Tuesday.", REMARKS, None),  # the city, no state
        ("The group, based in Austin, works for justice.", CLAIM, None),
        ("The group works for justice.", CLAIM, None),
        ("The group met in Houston.", ("The group works for justice.",), None),
        ("Sessions spoke in Nogales and later in Washington.", REMARKS, None),
        ("The book was published by Grassroots Leadership.", BOOK, None),
    ],
)  # fmt: skip
def test_a_place_or_agent_the_claim_names_otherwise_is_a_renaming(sentence, claim, expected):
    assert renamed(sentence, claim) == expected


LIBAL = ("Bob Libal is executive director at Grassroots Leadership.",)
KNOWN = ("Bob Libal", "Grassroots Leadership", "Austin, Texas")


@pytest.mark.parametrize(
    ("sentence", "claim", "expected"),
    [
        ("Alejandro Caceres is executive director at Grassroots Leadership.", LIBAL,
         ("Alejandro Caceres", "Bob Libal")),
        ("Bob Libal is executive director at the ACLU.", LIBAL,
         ("the ACLU", "Grassroots Leadership")),
        ("Bob Libal is executive director at Grassroots Leadership in Denver.", LIBAL,
         ("in Denver", "")),
        ("In Denver, Bob Libal is executive director at Grassroots Leadership.", LIBAL,
         None),  # a sentence's own opening words frame it
        ("Bob Libal is executive director in Denver at Grassroots Leadership.", LIBAL,
         ("in Denver", "")),
        ("Bob Libal is executive director at Austin-based Grassroots Leadership.", LIBAL,
         None),  # the claim's own place
        ("Libal, who heads Grassroots Leadership, spoke for Alejandro Caceres.", LIBAL,
         None),  # its own words: nothing stands in for a name of the claim
        ("Nearly all were held in private prisons.", ("Almost all were held in private prisons.",),
         None),  # a common word capitalized to open the sentence
        ("The DOJ instructs prosecutors.", ("The Justice Department instructs prosecutors.",),
         None),  # paraphrases in the lexicon
    ],
)  # fmt: skip
def test_a_name_changed_or_added_inside_the_claims_words(sentence, claim, expected):
    assert changed_name(sentence, claim, KNOWN, lexicon().paraphrase) == expected


REVERSAL = ("Earlier this year, Sessions also reversed a previous decision by the Justice "
            "Department to phase out the use of private prisons",)  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "claim", "expected"),
    [
        ("Congress reversed the plan to phase out private prisons.", REVERSAL,
         ("Congress", "Sessions")),  # a body, though no place
        ("The Senate reversed the plan.", REVERSAL, ("Senate", "Sessions")),
        ("Attorney General Jeff Sessions reversed the plan.", REVERSAL, None),  # the claim's own
        ("Jeff Sessions' deputies reversed the plan.", REVERSAL, None),  # whose, not who
        ("Libal said Sessions reversed the plan.", REVERSAL, None),
        ("Caceres said the memo was cruel.", ("Libal said the memo was cruel.",),
         None),  # a verb that credits words: the attribution checks'
        ("The DOJ instructs prosecutors.", ("The Justice Department instructs prosecutors.",),
         None),  # a paraphrase in the lexicon
        ("This is the Obama era.", ("This is the Trump era.",), ("Obama", "Trump")),
    ],
)  # fmt: skip
def test_another_name_before_the_claims_verb_is_another_agent(sentence, claim, expected):
    """Who did it, wherever the rest of the sentence goes (changed_name aligns a sentence
    only where it keeps the claim's words)."""
    assert changed_agent(sentence, claim, KNOWN, lexicon().paraphrase) == expected


INSTRUCTION = ("Sessions instructed federal prosecutors to put even more resources into cases.",)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Federal prosecutors urged Attorney General Jeff Sessions to put more resources.",
         ("Federal prosecutors", "Sessions")),  # "urged", a paraphrase of "instructed"
        ("Federal prosecutors were instructed by Sessions to put more resources.", None),
        ("Sessions instructed federal prosecutors to put more resources.", None),
        ("The instruction from Sessions to prosecutors came on Tuesday.", None),  # a noun
    ],
)  # fmt: skip
def test_the_claims_doer_after_its_verb_is_a_swap_of_roles(sentence, expected):
    assert swapped_roles(sentence, INSTRUCTION, lexicon().same) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Caceres said the Obama administration is trying to intimidate them.", ("Obama", "")),
        ("Caceres said the Trump administration is trying to intimidate them.", None),  # known
        ("Caceres said the administration is trying to intimidate them.", None),
        ("Caceres said the AG's administration is trying to intimidate them.", None),  # whose
    ],
)
def test_a_name_before_the_claims_noun_is_added(sentence, expected):
    claim = ("Caceres said the administration is trying to intimidate Trump's critics.",)
    assert added_owner(sentence, claim, ()) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In Philadelphia, College Station, New Mexico, and Las Cruces, Texas.",
         ("College Station, New Mexico", "College Station, Texas")),
        ("In Philadelphia, College Station, Texas, and Las Cruces, N.M.", None),  # abbreviated
        ("In College Station and Las Cruces.", None),  # no states: nothing to compare
    ],
)  # fmt: skip
def test_a_city_put_in_another_state(sentence, expected):
    claim = ("in Philadelphia, College Station, Texas, Las Cruces, New Mexico, and Austin, Texas",)
    assert restated(sentence, claim) == expected
