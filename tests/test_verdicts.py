"""The verdict table: reporters' sentences with the verdict each must get.

tests/cases/verdicts.yaml is the spec: every claim of the bundled database
is covered by should-pass and should-flag sentences. Cases the checker does
not get right yet carry ``known_gap: <why>`` and are strict xfails, so a fix
shows up as an unexpected pass and the table stays honest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.model import Verdict

from conftest import ROOT

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "verdicts.yaml").read_text("utf-8"))


def _param(case: dict):
    marks = []
    if case.get("known_gap"):
        marks.append(pytest.mark.xfail(reason=case["known_gap"], strict=True))
    return pytest.param(case, id=case["text"][:60], marks=marks)


def verdict_of(checker, text: str):
    """The verdict on a case: the most severe over its sentences (a case may have two)."""
    from factcheck.model import SEVERITY_ORDER
    from factcheck.text.document import Document

    result = checker.check_document(Document.from_text("case.txt", text))
    if not result.findings:
        return Verdict.UNCHECKED, None
    finding = min(result.findings, key=lambda f: SEVERITY_ORDER.index(f.verdict))
    return finding.verdict, finding


def imported_database(path: Path):
    """A ClaimReview feed (or table) as ``factcheck import`` makes it, loaded without a file."""
    from factcheck.db.database import read_database
    from factcheck.db.importer import ImportOptions, import_claims

    out = path.with_suffix(".imported.yaml")
    database, problems = read_database(out, {out: import_claims(path, ImportOptions())})
    assert not problems, problems
    return database


@pytest.fixture(scope="session")
def case_checker(checker):
    """The checker of a case: the bundled database's, or its ``db``'s (built once)."""
    from factcheck.check.checker import Checker

    built = {}

    def of(case: dict):
        name = case.get("db")
        if name is None:
            return checker
        if name not in built:
            built[name] = Checker(imported_database(ROOT / name))
        return built[name]

    return of


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_verdict(case_checker, case):
    verdict, finding = verdict_of(case_checker(case), case["text"])
    expected = Verdict(case["verdict"])
    assert verdict == expected, finding and finding.message
    if case.get("claim") and expected not in (Verdict.UNSUPPORTED, Verdict.UNCHECKED):
        wanted = case["claim"] if isinstance(case["claim"], list) else [case["claim"]]
        assert finding.claim is not None and finding.claim.id in wanted


def test_every_verdict_kind_has_should_flag_and_should_pass_cases():
    verdicts = {c["verdict"] for c in CASES}
    assert {v.value for v in Verdict} <= verdicts


def test_a_curators_paraphrase_line_bridges_their_wording(database):
    """A database's own `paraphrases` count like the shipped lexicon's."""
    from factcheck.check.checker import Checker
    from factcheck.text.document import Document

    text = "Immigration cases made up 52 percent of the federal criminal docket in 2016."
    plain = Checker(database).check_document(Document.from_text("d.txt", text)).findings
    assert plain[0].verdict == Verdict.UNSUPPORTED  # a docket is not prosecutions, unless said
    curated = database._replace(paraphrases=("docket, prosecutions",))
    found = Checker(curated).check_document(Document.from_text("d.txt", text)).findings
    assert found[0].verdict == Verdict.SUPPORTED


@pytest.mark.parametrize(
    ("text", "message", "key"),
    [
        ("The share of federal criminal prosecutions involving immigration offenses fell from "
         "2015 to 2016.", "the sentence says “fell” where the source says “increased”",
         "contradicts"),
        ("The memo does not instruct prosecutors to prioritize immigration crimes including "
         "unauthorized entry and re-entry, harboring unauthorized immigrants, and impeding "
         "arrest.", "the sentence denies (“not”) what the source states", "contradicts"),
        ("Almost all of those prosecuted were held in state-run prisons, Grassroots Leadership "
         "says.", "the sentence says “state-run” where the source says “federal”", "contradicts"),
        ("Grassroots Leadership called the memo a dangerous escalation that instructs "
         "prosecutors to prioritize immigration crimes including unauthorized entry and "
         "re-entry, harboring unauthorized immigrants, and impeding arrest.",
         "the source does not call it “dangerous escalation”", "characterized"),
        ("A Justice Department memo was released on April 11, 2017, along with remarks by "
         "Attorney General Sessions in Nogales, Arizona, that called immigrants filth.",
         "“filth” is from a quotation of Jeff Sessions, which this claim does not carry",
         "borrowed"),
        ("Grassroots Leadership, based in Houston, works for a society where mass "
         "incarceration and deportation are things of the past.",
         "the sentence names Houston where the source names Austin", "renamed"),
        ("According to ICE, 52 percent of all federal criminal prosecutions in 2016 involved "
         "immigration-related offenses.",
         "the source does not credit ICE with this; it attributes it to Grassroots Leadership",
         "found_speaker"),
        ("The book Indefensible was written by the ACLU.",
         "shares words with a claim but states little of it", "closest_claim"),
        ("Alejandro Caceres is the executive director at Grassroots Leadership.",
         "the sentence names Alejandro Caceres where the source names Bob Libal", "renamed"),
        ("In 2016, 52 percent of all federal criminal prosecutions in California involved "
         "immigration-related offenses.",
         "the sentence adds “in California”, which the source does not say", "renamed"),
        ("Sessions delivered his remarks in Nogales, New Mexico, as the memo was released on "
         "April 11, 2017.",
         "the sentence names Nogales, New Mexico where the source names Nogales, Arizona",
         "renamed"),
        ("Indefensible, a book published by the Cato Institute and Justice Strategies, says "
         "prosecutions for two crimes, unauthorized entry and re-entry, have had profound "
         "impacts on the federal courts and federal prisons over the last decade.",
         "the sentence names Cato Institute and Justice Strategies where the source names "
         "Grassroots Leadership and Justice Strategies", "renamed"),
        ("“We will not be intimidated,” said Alejandro Caceres, the executive director at "
         "Grassroots Leadership.",
         "the sentence describes Alejandro Caceres as “the executive director at Grassroots "
         "Leadership”; the source, as “organizer at Grassroots Leadership”", "contradicts"),
        ("Grassroots Leadership says the memo will triple the number of immigration "
         "prosecutions.", "no claim backs triple; the closest claim states no figure",
         "figures"),
        ("Bob Libal is the founder of Grassroots Leadership.",
         "the source does not give the title “founder”", "characterized"),
        ("Improper entry and re-entry prosecutions accounted for 49 percent of all federal "
         "prosecutions in Texas in 2015.",
         "the sentence adds “in Texas”, which the source does not say", "renamed"),
        ("The memo instructs prosecutors to prioritize drug trafficking and firearms offenses.",
         "the sentence says “drug trafficking and firearms” where the source says "
         "“immigration”", "contradicts"),
        ("Dozens of congregations and community organizations have declared themselves "
         "willing to risk arrest to protest the expansion of private prisons.",
         "the sentence says “expansion of private prisons” where the source says "
         "“deportation of their neighbors”", "contradicts"),
        ("The memo calls for each state attorney general’s office to appoint a “Border "
         "Security Coordinator” to coordinate and report on immigration prosecutions.",
         "the sentence says “state attorney” where the source says “district”",
         "contradicts"),
        ("Libal, of Grassroots Leadership, robbed a bank.",
         "the source says only who this is, not “robbed”", "characterized"),
        ("Sessions may soon instruct federal prosecutors to put more resources into "
         "immigration prosecutions.",
         "the sentence says “may soon instruct” where the source says “instructed”",
         "contradicts"),
        ("Bob Libal said the only winners are the private prison corporations, which donated "
         "to Sessions’ Senate campaigns.",
         "the source does not say “donated to Sessions’ Senate campaigns”", "characterized"),
        ("Congress reversed the Justice Department's plan to phase out private prisons.",
         "the sentence names Congress where the source names Sessions", "renamed"),
        ("Federal prosecutors urged Attorney General Jeff Sessions to put even more Justice "
         "Department resources into immigration prosecutions in their districts.",
         "the sentence names Federal prosecutors where the source names Sessions", "renamed"),
        ("Alejandro Caceres said the Obama administration is clearly trying to intimidate this "
         "growing movement.",
         "the sentence adds “Obama”, which the source does not say", "renamed"),
        ("Speaking in San Diego, Sessions said, “This is a new era. This is the Trump era.”",
         "the sentence names San Diego where the source names Nogales, Arizona", "renamed"),
        ("Senate Democrats unanimously said the reversal “lends the appearance of rewarding "
         "campaign donors.”", "the source does not say “unanimously”", "characterized"),
        ("Congregations in Philadelphia, College Station, New Mexico, and Las Cruces, Texas, "
         "have declared themselves willing to risk arrest.",
         "the sentence names College Station, New Mexico where the source names College "
         "Station, Texas", "renamed"),
    ],
)  # fmt: skip
def test_each_wording_problem_is_unsupported_with_its_message_and_evidence(text, message, key):
    """End to end through the CLI's JSON: the verdict, the message, the evidence's key.

    "ICE" is a party the database never names (not the "ice" of "Justice"):
    unsupported, not misattributed. The quotation "filth" comes from is found
    through the index, though that claim is no candidate for the sentence.
    """
    import json

    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, ["verify", "--format", "json", "-"], input=text)
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["verdict"], finding["message"]) == ("unsupported", message)
    assert key in finding["details"]


def test_a_name_the_passage_mentions_is_a_whole_word_of_it(database):
    """A short alias is no mention in a passage that only holds its letters ("Al" in
    "also"): crediting its speaker with the reversal is not reporting its events."""
    from factcheck.check.checker import Checker, CheckOptions
    from factcheck.text.document import Document

    libal = database.speakers["bob-libal"]
    speakers = {**database.speakers, "bob-libal": libal._replace(aliases=(*libal.aliases, "Al"))}
    checker = Checker(database._replace(speakers=speakers), CheckOptions())
    text = (
        "Al said that earlier this year Sessions also reversed a previous decision by the "
        "Justice Department to phase out the use of private prisons."
    )
    (finding,) = checker.check_document(Document.from_text("x.txt", text)).findings
    assert finding.verdict.value != "supported"


def test_a_quotation_found_by_its_speaker_scores_as_alike_as_it_is(checker):
    """ "We will not be silenced" finds no word in the index; found among Caceres's
    quotations, its finding's score is its likeness, not 0."""
    from factcheck.text.document import Document

    text = "“We will not be silenced,” Caceres added."
    (finding,) = checker.check_document(Document.from_text("x.txt", text)).findings
    assert finding.verdict.value == "misquote"
    assert 60 <= finding.score <= 100


def test_a_posts_closing_tags_are_unchecked_with_their_reason(database):
    """Shown with ``--all``: hashtags and handles after a post's last sentence."""
    from factcheck.check.checker import Checker, CheckOptions
    from factcheck.text.document import Document

    checker = Checker(database, CheckOptions(include_unchecked=True))
    text = "Let that sink in. #EndMassIncarceration @GrassrootsLead https://t.co/x"
    findings = checker.check_document(Document.from_text("x.txt", text)).findings
    tags = findings[-1]
    assert tags.sentence.text.startswith("#EndMassIncarceration")
    assert (tags.verdict.value, tags.message) == ("unchecked", "tags state nothing to check")
