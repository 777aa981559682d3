"""The paraphrase lexicon: data read without a YAML parser, synonyms, opposites, denials."""

from __future__ import annotations

import pytest
import yaml

from factcheck.check.paraphrase import LEXICON_FILE, lexicon, read_lexicon


def test_the_shipped_lexicon_reads_the_same_as_yaml_reads_it():
    text = LEXICON_FILE.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert set(document) == {
        "synonyms",
        "opposites",
        "negations",
        "contrasts",
        "unstated",
        "hedges",
        "modals",
    }
    fast = read_lexicon(text)
    slow = read_lexicon(
        "\n".join(
            f"{section}:\n" + "\n".join(f"  - {line}" for line in lines)
            for section, lines in document.items()
        )
    )
    assert fast == slow
    assert len(fast.synonyms) == len(document["synonyms"])
    assert len(fast.opposites) == len(document["opposites"])


def test_a_line_is_read_as_index_terms_phrase_by_phrase():
    """The lexicon normalizes a line once; its phrases are the matcher's own terms."""
    from factcheck.check.index import text_terms

    document = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    for line, group in zip(document["synonyms"], lexicon().synonyms, strict=True):
        phrases = (tuple(text_terms(item)) for item in line.split(","))
        assert group == tuple(dict.fromkeys(p for p in phrases if p))
    extended = lexicon().extended(["Non-Citizen, “alien”,  U.S. Attorney’s office"])
    assert extended.synonyms[-1] == tuple(
        tuple(text_terms(item)) for item in ("Non-Citizen", "“alien”", "U.S. Attorney’s office")
    )


def test_every_line_is_a_real_group():
    for group in lexicon().synonyms:
        assert len(group) > 1
    for left, right in lexicon().opposites:
        assert left and right and not set(left) & set(right)


def test_alternatives_name_the_phrases_a_text_holds():
    found = dict(lexicon().alternatives(["memorandum", "illegal", "entry"]))
    assert ("memo",) in found[("memorandum",)]
    assert ("improper",) in found[("illegal",)]


def test_a_database_adds_its_own_lines():
    extended = lexicon().extended(["asylum seeker, refugee"])
    assert extended.same("refugee", "asylum") is False  # phrases stay whole
    assert (("asylum", "seeker"), ("refugee",)) in extended.synonyms
    assert lexicon().extended([]) is lexicon()


@pytest.mark.parametrize(
    ("draft", "claim", "expected"),
    [
        ("The share was down 7 percent.", "The share increased.", ("down", "increased")),
        ("Some senators objected.", "All senators objected.", ("some", "all")),
        ("It tells districts to stop prosecuting harboring.", "It prioritizes harboring.",
         ("stop", "")),
        ("Sessions did not rescind it.", "Sessions rescinded it.", ("not", "")),
        ("Sessions didn't rescind it.", "Sessions rescinded it.", ("n't", "")),
        ("even those that are not near a border", "including those far from the border", None),
        ("He said the share rose.", "The share increased.", None),
        ("They were convicted in federal courts.", "They were prosecuted in federal courts.",
         ("convicted", "prosecuted")),
        ("It put fewer resources into it.", "It put even more resources into it.",
         ("fewer", "more")),
        ("They were held in state prisons.", "They were held in federal private prisons.",
         ("state", "federal")),
        ("They supported deportations.", "They resisted deportations.",
         ("supported", "resisted")),
        ("They risk arrest in support of neighbors facing deportation.",
         "They risk arrest to resist deportation.", None),  # "support", a noun as often
        ("They were held in federal and state prisons.", "They were held in federal prisons.",
         None),
    ],
)  # fmt: skip
def test_contradictions(draft, claim, expected):
    assert lexicon().contradiction(draft, claim) == expected


def test_only_against_including_is_a_contradiction():
    assert lexicon().contradiction("only those near", "including those far") == (
        "only",
        "including",
    )


@pytest.mark.parametrize(
    ("draft", "claim", "expected"),
    [
        ("seek the death penalty in more drug cases", "more immigration prosecutions",
         ("drug", "immigration")),
        ("held in state-run prisons", "held in federal private prisons", ("state-run", "private")),
        ("illegal entry cases", "unauthorized entry prosecutions", None),
        ("re-entry prosecutions accounted for", "re-entry prosecutions and federal prosecutions",
         None),
        ("Sessions instructed federal prosecutors", "Sessions instructs prosecutors", None),
    ],
)  # fmt: skip
def test_substitutions(draft, claim, expected):
    assert lexicon().substitution(draft, claim) == expected


def test_a_title_with_another_word_is_a_substitution():
    claim = "The memo calls for each district to appoint a Border Security Coordinator."
    draft = "The memo tells every district to appoint a Border Enforcement Coordinator."
    assert lexicon().substitution(draft, claim) == ("enforcement", "security")
    names = frozenset({"jeff", "session"})
    assert lexicon().substitution("General Sessions spoke", "Jeff Sessions spoke", names) is None


def test_what_a_sentence_calls_something():
    from factcheck.check.paraphrase import characterization

    called = characterization("The group called the memo a “dangerous escalation” of it.")
    assert called is not None and called.startswith("dangerous escalation")
    assert characterization("Libal described it as an attempt to scare people.") == (
        "attempt to scare people"
    )
    assert characterization("Sessions instructed federal prosecutors.") is None


def test_a_hyphenated_compound_is_a_modifier():
    claim = "52 percent of all prosecutions involved immigration-related offenses."
    draft = "52 percent of all prosecutions involved drug offenses."
    assert lexicon().substitution(draft, claim) == ("drug", "immigration-relat")


def test_a_denied_undoing_is_no_paraphrase_of_doing():
    """Contrasts contradict as opposites do ("announced" where the claim "reversed"), but
    the litotes rule does not read them: "did not rescind" is a denial, not "adopted"."""
    shipped = lexicon()
    claim = "The city council adopted the rent cap ordinance on March 5, 2024."
    for draft in (
        "The city council has not overturned the rent cap ordinance.",
        "The city council did not rescind the rent cap ordinance.",
    ):
        assert shipped.contradiction(draft, claim) == ("not", "")
    reversal = "Sessions reversed a decision to phase out the use of private prisons."
    assert shipped.contradiction("The department announced plans to phase out prisons.", reversal)
    assert not shipped.contradiction("Sessions announced he would reverse the decision.", reversal)
    # the opposites line still reads a denial as its other side: not rescinded is kept
    kept = "The council kept the rent cap."
    assert shipped.contradiction("The council has not rescinded the rent cap.", kept) is None


def test_a_line_of_several_kinds_makes_each_two_of_them_a_pair():
    found = read_lexicon("contrasts:\n  - federal | state | local, county\n").contrasts
    assert found == (
        (("federal",), ("state",)),
        (("federal",), ("local", "county")),
        (("state",), ("local", "county")),
    )


@pytest.mark.parametrize(
    ("text", "other", "same"),
    [
        ("DOJ", "the Justice Department", True),
        ("memo", "memorandum", True),
        ("Justice Strategies", "Justice Strategies", True),
        ("the ACLU", "Justice Strategies", False),
        ("Justice Department", "Justice Strategies", False),
    ],
)
def test_phrases_are_paraphrases_when_one_line_holds_both(text, other, same):
    assert lexicon().paraphrase(text, other) is same


@pytest.mark.parametrize(
    ("draft", "claim", "found"),
    [
        ("Sessions was unanimously confirmed.", "Sessions was confirmed in February.",
         "unanimously"),
        ("A record 52 percent were immigration cases.", "52 percent were immigration cases.",
         "record"),
        ("Sessions was confirmed in February.", "Sessions was confirmed in February.", None),
        ("The vote was unanimous; Sessions was unanimously confirmed.",
         "The Senate unanimously confirmed Sessions.", None),  # the claim says it too
    ],
)  # fmt: skip
def test_a_word_of_a_fact_of_its_own_is_unstated_unless_the_claim_writes_it(draft, claim, found):
    assert lexicon().unstated_word(draft, claim) == found


@pytest.mark.parametrize(
    ("draft", "found"),
    [
        ("Sessions may soon instruct prosecutors.", ("may soon instruct", "instructed")),
        ("Sessions is expected to instruct prosecutors.", ("expected to instruct", "instructed")),
        ("Sessions’ll reverse the decision.", ("will reverse", "reversed")),
        ("Sessions will be confirmed in February.", ("will be confirmed", "confirmed")),
        ("Sessions instructed prosecutors.", None),
        ("Sessions announced that he would reverse the decision.", None),  # reported
        ("Could immigration account for half?", None),  # no verb of the claim's after it
        ("The memo will require each district to appoint one.", None),
    ],
)
def test_an_act_put_ahead_of_its_time(draft, found):
    claim = "Sessions instructed prosecutors, reversed a decision, and was confirmed."
    assert lexicon().unrealized(draft, claim) == found
    assert lexicon().unrealized(draft, "The memo instructs prosecutors.") is None


@pytest.mark.parametrize(
    ("draft", "found"),
    [
        ("All of the migrants were held in private prisons.", ("all", "almost all")),
        ("Every migrant was held in a private prison.", ("every", "almost all")),
        ("The migrants were all held in private prisons.", ("all", "almost all")),
        ("Nearly all of the migrants were held in private prisons.", None),
        ("Virtually every migrant was held in a private prison.", None),
        ("52 percent of all prosecutions were of migrants.", None),  # what a share is of
    ],
)
def test_a_dropped_hedge_overstates(draft, found):
    claim = "Almost all of them were incarcerated in federal private prisons."
    assert lexicon().unhedged(draft, claim) == found
    assert lexicon().unhedged(draft, "They were incarcerated in federal private prisons.") is None


@pytest.mark.parametrize(
    ("draft", "contradicts"),
    [
        ("The memo binds federal prosecutors, not state and local officials.", False),
        ("Prosecutors in every district, not only those along the border, must act.", False),
        ("Prosecutors in every district — not just those near the border — must act.", False),
        ("Districts along the border, not those far from it, must appoint one.", True),
        ("The memo does not call for every district to appoint a coordinator.", True),
    ],
)
def test_a_contrast_denies_the_claim_only_in_the_claims_words(draft, contradicts):
    claim = "The memo calls for each U.S. Attorney's district, including those far from the border."
    assert bool(lexicon().contradiction(draft, claim)) is contradicts
