"""Vocabulary files: the word lists the checks read, as data in ``lexicon/``.

Each file is YAML of one fixed, simple shape: top-level section names,
each a list of lines, and a line a comma-separated group of words or
phrases. It is read here line by line, so that a run never pays for
importing a YAML parser (``tests/test_vocabulary.py`` checks that a YAML
parser reads every file the same).
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

from pathlib import Path

LEXICON_DIR = Path(__file__).with_name("lexicon")


def read_sections(text: str, names: tuple[str, ...]) -> dict[str, list[str]]:
    """The lines of each section of ``names`` (an absent section has none; others are
    skipped)."""
    sections: dict[str, list[str]] = {name: [] for name in names}
    current: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line.startswith(" ") and stripped.endswith(":"):
            current = sections.get(stripped[:-1])
        elif stripped.startswith("- ") and current is not None:
            current.append(stripped[2:].strip())
    return sections


def entries(line: str) -> list[str]:
    """A line's comma-separated entries, stripped, empty ones dropped."""
    return [item.strip() for item in line.split(",") if item.strip()]


def shipped_words(file: str, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Every entry of each section of a shipped vocabulary file, in file order."""
    text = (LEXICON_DIR / file).read_text(encoding="utf-8")
    return {
        name: tuple(item for line in lines for item in entries(line))
        for name, lines in read_sections(text, names).items()
    }
