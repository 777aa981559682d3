"""Citations of a claim's source, in the styles newsrooms and readers ask for.

Every source is cited as a **press release by an organization**: the
organization is both author and publisher, so each style applies its own rule
for that case (APA drops the repeated publisher, MLA starts with the title,
Chicago names the organization once). The formats are written by hand rather
than run through citeproc-py: checked against the style guides' own
press-release examples, citeproc-py (CSL 1.0.1) matched APA only and put the
period or comma outside the closing quote in MLA and Chicago (see
``tests/test_citations.py``).

Output is plain text: titles are never wrapped in ``*...*`` (APA's italics are
left to whoever renders the string, e.g. a terminal renderer), because the
strings also go into JSON reports and plain-text footnotes. Titles are never
recased either: case conversion cannot be done reliably (proper nouns,
acronyms), so a title is printed as the publisher wrote it.
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck.errors import UsageError
from factcheck.model import MONTHS, Claim, Source, Speaker, long_date

STYLES: tuple[str, ...] = ("apa", "mla", "chicago", "bibtex", "csl-json", "markdown")

# MLA 9 abbreviates months longer than four letters; May, June and July stay whole.
_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
               "Nov.", "Dec.")  # fmt: skip
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec")  # fmt: skip
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def cite(claim: Claim, style: str) -> str:
    """Cite ``claim``'s source in ``style``; ``markdown`` also quotes the passage."""
    style = check_style(style)
    if style == "markdown":
        return _markdown(claim)
    return cite_source(claim.source, style)


def cite_source(source: Source, style: str) -> str:
    """Cite ``source`` in any style but ``markdown``, which needs a claim to quote."""
    style = check_style(style)
    if style == "markdown":
        raise UsageError(
            "the markdown citation quotes a claim's passage", fix="use cite() with a claim"
        )
    formatters = {"apa": _apa, "mla": _mla, "chicago": _chicago, "bibtex": _bibtex}
    return formatters.get(style, _csl_json)(source)


def check_style(style: str) -> str:
    """Normalise ``style`` or fail naming the valid styles and the closest one."""
    key = style.strip().lower()
    if key in STYLES:
        return key
    import difflib  # only for a mistyped style

    closest = difflib.get_close_matches(key, STYLES, n=1, cutoff=0.0)[0]
    raise UsageError(
        f"unknown citation style '{style}'; valid styles: {', '.join(STYLES)}",
        fix=f"did you mean '{closest}'?",
    )


def _end(text: str, mark: str = ".") -> str:
    """Close an element with ``mark`` unless it already ends a sentence (``Inc.``, ``?``)."""
    return text if text.endswith((".", "?", "!")) else text + mark


def _quoted(title: str, mark: str) -> str:
    """A title in curly quotes with American punctuation inside the closing quote.

    Quotes inside the title become single quotes so they do not close ours. A
    period after ``?``/``!`` is dropped; a comma is kept, as Chicago 17 does.
    """
    inner = title.replace("“", "‘").replace("”", "’")
    return f"“{_end(inner) if mark == '.' else inner + mark}”"


def _kind(source: Source) -> str:
    """The document type as a label: "Press release" (sentence case, per APA and MLA)."""
    return source.kind[:1].upper() + source.kind[1:]


def _apa(source: Source) -> str:
    """APA 7 §10.4: Organization. (Year, Month Day). Title [Press release]. URL.

    The publisher is omitted because it is the author; APA 7 prints no place.
    """
    date = (
        f"{source.date.year}, {MONTHS[source.date.month - 1]} {source.date.day}"
        if source.date
        else "n.d."
    )
    text = f"{_end(source.publisher)} ({date}). {source.title} [{_kind(source)}]."
    return f"{text} {source.url}" if source.url else text


def _mla_date(date: dt.date) -> str:
    return f"{date.day} {_MLA_MONTHS[date.month - 1]} {date.year}"


def _mla(source: Source) -> str:
    """MLA 9: "Title." Publisher, Day Mon. Year, URL. Press release.

    An organization that is both author and publisher is listed only as publisher
    (MLA 9); "Press release" is the optional element at the end, as in the MLA
    Style Center's example. The URL is kept whole (MLA 9 allows it) so it links.
    """
    facts = [source.publisher]
    if source.date:
        facts.append(_mla_date(source.date))
    if source.url:
        facts.append(source.url)
    return f"{_quoted(source.title, '.')} {_end(', '.join(facts))} {_kind(source)}."


def _chicago(source: Source, escape: bool = False) -> str:
    """Chicago 17 note form: the manual cites press releases in notes only (ch. 14).

    Organization, "Title," press release, Place, Month Day, Year, URL. The
    place, which the manual's example lacks, follows the document type as for
    other informally published documents. ``escape`` protects Markdown.
    """
    text = _escape_markdown if escape else (lambda s: s)
    parts = [text(source.publisher), text(_quoted(source.title, ",")) + " " + source.kind]
    if source.place:
        parts.append(text(source.place))
    parts.append(long_date(source.date) if source.date else "n.d.")
    if source.url:
        parts.append(source.url)
    return _end(", ".join(parts))


def _escape_markdown(text: str) -> str:
    """Backslash the characters that would turn into formatting, so readers see them."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _speaker(speaker: Speaker) -> str:
    """Name, role at affiliation: only what the database says, nothing inferred."""
    text = speaker.name
    if speaker.role:
        text += f", {speaker.role}"
        if speaker.affiliation and speaker.affiliation not in speaker.role:
            text += f" at {speaker.affiliation}"
    elif speaker.affiliation and speaker.kind == "person":
        text += f" of {speaker.affiliation}"
    return text


_NESTED_QUOTES = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def _markdown(claim: Claim) -> str:
    """A footnote body: the passage quoted, who said it, then the Chicago note.

    The passage keeps its own words; only Markdown specials are backslashed
    (so the rendered footnote shows them) and line breaks become spaces, since
    a blank line would end the footnote.
    """
    passage = re.sub(r"\s*\n\s*", " ", claim.passage.strip())
    # A quotation inside the quoted passage takes single marks, as style guides nest them.
    passage = passage.translate(_NESTED_QUOTES)
    who = _escape_markdown(_end(_speaker(claim.speaker)))
    return f"“{_escape_markdown(passage)}” — {who} {_chicago(claim.source, escape=True)}"


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in text)


def _bibtex_key(source: Source) -> str:
    """A stable key from the source id, limited to characters BibTeX keys allow."""
    return re.sub(r"[^A-Za-z0-9:_.-]+", "-", source.id).strip("-") or "source"


def _bibtex(source: Source) -> str:
    """An ``@misc`` entry; author and title double-braced so BibTeX keeps them whole.

    Without the inner braces BibTeX would split "Grassroots Leadership" into a
    first and last name, and recase the title. The URL is verbatim (biblatex and
    the url package read it raw); only braces are percent-encoded.
    """
    fields = [
        ("author", f"{{{_bibtex_escape(source.publisher)}}}"),
        ("title", f"{{{_bibtex_escape(source.title)}}}"),
        ("howpublished", _bibtex_escape(_kind(source))),
    ]
    if source.place:
        fields.append(("address", _bibtex_escape(source.place)))
    if source.date:
        fields.append(("year", str(source.date.year)))
        fields.append(("month", _BIBTEX_MONTHS[source.date.month - 1]))
        fields.append(("date", source.date.isoformat()))
    if source.url:
        fields.append(("url", source.url.replace("{", "%7B").replace("}", "%7D")))
    lines = [
        f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},"
        for name, value in fields
    ]
    return "\n".join([f"@misc{{{_bibtex_key(source)},", *lines, "}"])


def _csl_json(source: Source) -> str:
    """A one-item CSL-JSON array; CSL has no press-release type, so ``document``."""
    item: dict[str, object] = {
        "id": source.id,
        "type": "document",
        "genre": _kind(source),
        "title": source.title,
        "author": [{"literal": source.publisher}],
        "publisher": source.publisher,
    }
    if source.place:
        item["publisher-place"] = source.place
    if source.date:
        item["issued"] = {"date-parts": [[source.date.year, source.date.month, source.date.day]]}
    if source.url:
        item["URL"] = source.url
    import json  # only this style needs it; text output should not pay for it

    return json.dumps([item], ensure_ascii=False, indent=2)
