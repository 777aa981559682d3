"""The flat layout reader gives what the YAML path gives, or hands the file back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.db.database import _EventBuilder
from factcheck.db.flatyaml import read_flat
from factcheck.db.importer import ImportedClaim, ImportOptions, to_yaml

from conftest import CLAIMS


def by_yaml(text: str):
    import yaml

    return _EventBuilder("x", yaml).document(yaml.parse(text, Loader=yaml.CSafeLoader))


def shape(value):
    """Values with their types and every line number, to compare exactly."""
    if isinstance(value, dict):
        lines = (value.line, sorted((key, value.line_of(key)) for key in value))
        return lines, {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__, value


def imported_text(texts: list[str], titles: list[str | None]) -> str:
    claims = [
        ImportedClaim(f"c{n}", text, title, None, None, "https://example.org/x" if n else None, n)
        for n, (text, title) in enumerate(zip(texts, titles, strict=True))
    ]
    return to_yaml(claims, Path("list.tsv"), ImportOptions("id", "claim"))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(min_size=1), min_size=1, max_size=4),
    st.lists(st.none() | st.text(min_size=1), min_size=4, max_size=4),
)
def test_an_import_reads_the_same_as_through_yaml(texts, titles):
    text = imported_text(texts, titles[: len(texts)])
    flat = read_flat(text)
    assert flat is None or shape(flat) == shape(by_yaml(text))


def test_an_import_of_ordinary_text_takes_the_flat_path():
    text = imported_text(["Unemployment rose to 7 percent — “officially”.", 'a "quoted" \\ b'],
                         [None, "A title: with colon"])  # fmt: skip
    flat = read_flat(text)
    assert flat is not None
    assert shape(flat) == shape(by_yaml(text))
    assert flat["version"] == 1 and flat["sources"][0]["external"] is True


@pytest.mark.parametrize(
    "text",
    [
        "version: 1\nclaims:\n  - id: a\n    tags: [x, y]\n",  # a flow list
        "version: 1\nclaims:\n  - id: a # note\n",  # a comment
        "version: 1\nclaims:\n  - id: a\n    id: b\n",  # a duplicate key
        "version: 1\nclaims:\n  - id: a\n\n    claim: b\n",  # a key apart from its item
        "version: 1\nclaims:\n",  # an empty list is null to YAML
        "version: 1\nclaims:\n  - id: a\n    passage: |\n      text\n",  # a block scalar
        'version: 1\nclaims:\n  - id: "\\ud83d\\ude00"\n',  # JSON pairs surrogates, YAML not
        "version: 1\nclaims:\n  - id: .inf\n",
        "version: 1\r\nclaims:\r\n  - id: a\r\n",
        "",
    ],
)
def test_anything_else_goes_to_the_yaml_path(text):
    assert read_flat(text) is None


def test_the_bundled_database_goes_to_the_yaml_path():
    assert read_flat(CLAIMS.read_text(encoding="utf-8")) is None


def test_blank_lines_between_items_keep_every_line_number():
    text = 'version: 1\n\nclaims:\n  - id: a\n    claim: "x"\n\n\n  - id: b\n    claim: "y"\n'
    flat = read_flat(text)
    assert flat is not None and shape(flat) == shape(by_yaml(text))
    assert flat["claims"][1].line_of("claim") == 9


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab\n", max_size=40), st.integers(1, 8))
def test_lines_split_a_block_at_a_time_as_whole(text, block):
    from factcheck.db import flatyaml

    old, flatyaml._BLOCK = flatyaml._BLOCK, block
    try:
        lines = list(flatyaml._lines(text))
    finally:
        flatyaml._BLOCK = old
    # The same non-empty lines at the same numbers as one split (the reader skips empty ones).
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line]
    assert numbered == [(n, line) for n, line in enumerate(text.split("\n"), 1) if line]


def test_an_items_keys_are_one_string_for_every_item():
    text = imported_text(["One.", "Two."], [None, None])
    first, second = read_flat(text)["claims"]
    assert [a is b for a, b in zip(first, second, strict=True)] == [True] * len(first)


def test_repeated_values_are_one_string():
    text = imported_text(["One.", "Two."], [None, None])
    flat = read_flat(text)
    first, second = flat["sources"][0], flat["sources"][1]
    assert first["title"] is second["title"]
