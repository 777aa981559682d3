"""Attribution: who a sentence credits, and which database speaker that is."""

from __future__ import annotations

import pytest

from factcheck.check.speakers import (
    credits,
    find_attributions,
    has_pronoun_attribution,
    misdescribed,
    people_titles,
    resolve,
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("“We will not be intimidated,” said Alejandro Caceres.", ["Alejandro Caceres"]),
        ("Sessions said the memo was final.", ["Sessions"]),
        ("According to Grassroots Leadership, 52 percent were immigration cases.",
         ["Grassroots Leadership"]),
        ("Bob Libal, executive director at Grassroots Leadership, said it was cruel.",
         ["Bob Libal"]),
        ("Some senators told reporters it looked bad.", ["Some senators"]),
        ("The attorney general wrote that prosecutors must act.", ["The attorney general"]),
        ("Sessions reversed a decision, a move that some senators said was wrong.",
         ["some senators"]),
        ("Remarks by Sessions in Nogales, Arizona, tells prosecutors to act.", []),
        ("Sessions said Grassroots Leadership was wrong.", ["Sessions"]),
        ("The weather was fine.", []),
        ("As Sessions put it, this is a new era.", ["Sessions"]),
        ("As the group's organizer, Alejandro Caceres, put it: “We will not be intimidated.”",
         ["Alejandro Caceres"]),
        ("Grassroots Leadership's Bob Libal said the memo was cruel.", ["Bob Libal"]),
        ("The organization's executive director, Bob Libal, said the action was cruel.",
         ["Bob Libal"]),  # the role opens the sentence: the name after it speaks
        ("NOGALES, Ariz. (Reuters) - Sessions, speaking at the border, said: “It is here.”",
         ["Sessions"]),  # the dateline's city is no speaker
        ("TUCSON – Congressman Raúl M. Grijalva (D-AZ) said the memo was cruel.",
         ["Congressman Raúl M. Grijalva"]),
        ("Trump in prepared remarks: “It is here.”", ["Trump"]),  # where or when, then a colon
        ("Referring to the border nearby, he said: “It is here.”", []),  # a comma: no name
    ],
)  # fmt: skip
def test_find_attributions(text, names):
    found = find_attributions(text)
    assert [a.name for a in found] == names
    assert all(text[a.start : a.end] == a.name for a in found)


@pytest.mark.parametrize(
    ("text", "directive"),
    [
        ("Sessions told prosecutors to put even more resources into immigration cases.", True),
        ("Sessions told federal prosecutors in every district to act.", True),
        ("Some senators told reporters it looked bad.", False),
        ("Sessions told reporters that 52 percent were immigration cases.", False),
        ("Caceres told supporters to “not be intimidated.”", False),  # his words, quoted
        ("Libal said prosecutors were told to act.", False),
    ],
)  # fmt: skip
def test_an_order_credits_only_a_claim_of_an_order(text, directive):
    """ "X told prosecutors to …" credits X with the order, not the sentence's other facts."""
    (found,) = find_attributions(text)
    assert found.directive is directive
    assert credits(found, "Sessions instructed federal prosecutors to put more resources.")
    assert credits(found, "52 percent of prosecutions involved immigration.") is not directive


def test_pronoun_attribution():
    assert has_pronoun_attribution("“It is over,” he said.")
    assert not has_pronoun_attribution("It is over.")


@pytest.mark.parametrize(
    ("name", "speaker_id"),
    [
        ("Sessions", "jeff-sessions"),
        ("Attorney General Jeff Sessions", "jeff-sessions"),
        ("Jeff Session", "jeff-sessions"),  # the release's own misspelling, an alias
        ("@GrassrootsLead", "grassroots-leadership"),  # a handle: its parts begin the name
        ("BobLibal", "bob-libal"),
        ("@ACLU", None),
        ("Organizer Alejandro Caceres", "alejandro-caceres"),  # a title before the name
        ("Executive Director Bob Libal", "bob-libal"),
        ("The organization's director", "bob-libal"),  # a title in the group: its one holder
        ("the group’s organizer", "alejandro-caceres"),
        ("Grassroots Leadership's executive director", "bob-libal"),
        ("the group's spokesman", None),  # no one holds it
        ("the ACLU's director", None),  # another organization
        ("Justice Dept.", None),  # a department is no speaker (the memo's maker: the checker)
        ("the attorney general", "jeff-sessions"),
        ("Libal", "bob-libal"),
        ("Mr. Caceres", "alejandro-caceres"),
        ("some senators", "some-senators"),
        ("Merrick Garland", None),
        ("", None),
        ("Alejandro Caceres of Grassroots Leadership", "alejandro-caceres"),
        ("Bob Libal of the ACLU", "bob-libal"),  # misdescribed, which judges where he works
        ("the attorney general of Texas", None),
        ("The attorney general's memo", "justice-department-memo"),  # its author and kind
        ("the group's 2016 book", "indefensible-book"),
        ("the attorney general's book", None),  # he wrote no book
        ("the ACLU's memo", None),  # nobody the database knows
    ],
)
def test_resolve(database, name, speaker_id):
    speaker = resolve(name, database.speakers)
    assert (speaker.id if speaker else None) == speaker_id


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("J. Smith", "J Smith"),
        ("Bob  Libal", "bob libal"),
        ("the Attorney General", "Attorney General"),
        ("Jeff\u00a0Sessions", "Jeff Sessions"),
    ],
)
def test_name_key_decides_which_spellings_are_one_name(one, other):
    from factcheck.check.speakers import name_key

    assert name_key(one) == name_key(other)


def test_name_key_tells_different_names_apart():
    from factcheck.check.speakers import name_key

    assert name_key("J. Smith") != name_key("Jo Smith")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will not be intimidated,” said Alejandro Caceres, executive director at "
         "Grassroots Leadership.", "executive director at Grassroots Leadership"),
        ("“We will not be intimidated,” said Alejandro Caceres, an organizer with the Sierra "
         "Club.", "an organizer with the Sierra Club"),
        ("As executive director Alejandro Caceres said, “We will not be intimidated.”", None),
        ("“We will not be intimidated,” said Alejandro Caceres, an organizer at Grassroots "
         "Leadership.", None),
        ("“We will not be intimidated,” said Alejandro Caceres, who organizes for the "
         "Austin-based group.", None),
        ("“We will not be intimidated,” said Alejandro Caceres, a longtime activist.", None),
        ("“We will not be intimidated,” said Alejandro Caceres, who spoke from Austin.", None),
        ("“We will not be intimidated,” said Alejandro Caceres, speaking at The University "
         "of Texas.", None),
        ("“We will not be intimidated,” said Alejandro Caceres, who once worked as executive "
         "director of a food bank.", None),
        ("“We will not be intimidated,” said Alejandro Caceres of the Sierra Club.",
         "of the Sierra Club"),
        ("“We will not be intimidated,” said Alejandro Caceres of Grassroots Leadership.",
         None),
        ("As the group's executive director, Alejandro Caceres, put it: “We will not be "
         "intimidated.”", "As the group's executive director"),
    ],
)  # fmt: skip
def test_a_speaker_given_anothers_title_or_organization(database, text, expected):
    (attribution,) = find_attributions(text)
    speaker = resolve(attribution.name, database.speakers)
    titles = people_titles(database.speakers.values())
    found = misdescribed(text, attribution, speaker, titles)
    assert (found and found[0]) == expected
