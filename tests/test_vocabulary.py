"""The shipped vocabulary files: read without a YAML parser as a YAML parser reads them."""

from __future__ import annotations

import yaml

from factcheck.check import speakers
from factcheck.check.vocabulary import LEXICON_DIR, entries, read_sections, shipped_words


def test_the_speakers_vocabulary_reads_as_yaml_reads_it():
    text = (LEXICON_DIR / "speakers.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert set(document) == set(speakers._WORDS)  # no section the code misses, or misnames
    assert read_sections(text, tuple(document)) == document
    for name, words in speakers._WORDS.items():
        assert words == tuple(item for line in document[name] for item in entries(line))
        assert words and len(set(words)) == len(words), name


def test_a_section_the_file_lacks_is_empty_and_others_are_skipped():
    text = "# a comment\nverbs:\n  - said, says\n  -  told ,\nother:\n  - x\n"
    assert read_sections(text, ("verbs", "roles")) == {
        "verbs": ["said, says", "told ,"],
        "roles": [],
    }
    assert entries("told , ,tells") == ["told", "tells"]


def test_the_patterns_are_built_from_the_file():
    words = shipped_words("speakers.yaml", ("verbs", "campaigners"))
    assert "put it" in words["verbs"]
    assert speakers.CAMPAIGNERS.match("immigrant-rights activists")
    assert speakers.GENERIC.match("the release")
    # A phrase's space matches a non-breaking one a draft writes.
    assert speakers.find_attributions("“We will not,” Caceres put\u00a0it.")


def test_the_phrase_vocabulary_reads_as_yaml_reads_it():
    from factcheck.check import wording

    text = (LEXICON_DIR / "phrases.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert set(document) == set(wording._PHRASE_WORDS)
    for name, words in wording._PHRASE_WORDS.items():
        assert words == {item for line in document[name] for item in entries(line)}, name
    # Every link reads a phrase on, so it also opens one ("of a border wall").
    assert wording._LINKS <= wording._OPENERS


def test_phrases_open_after_openers_and_read_on_through_links():
    from factcheck.check.wording import _listed, _phrase, _phrase_words

    found = _phrase_words("its resistance to the construction of a border wall, he said")
    terms = [w.term for w in found]
    start = terms.index("construction")
    assert [w.term for w in _phrase(found, start, len(found))] == ["construction", "border", "wall"]
    listed = _phrase_words("dozens of universities and school districts across the country")
    assert _listed(listed, 1, 4)  # "universities and school districts"
    assert not listed[4].joined  # "across" opens a phrase of its own
