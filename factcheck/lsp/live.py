"""Lint open drafts as ``factcheck lint`` would, fast enough to run on every edit.

Same rules, severities, suppressions and database as ``lint``: the
configuration is the one nearest to the draft (``lint.config.configs_by_file``),
the database comes through the on-disk cache (``db.store.open_database``), and a
draft's findings go through ``lint.linter.lint_document``. What is added is only
what an editor needs:

- the database and each configuration are loaded once and kept while the
  files they were read from are unchanged (a few ``stat`` calls a check:
  an edited ``claims.yaml``, source text or ``.factcheck.toml`` is read
  again on the next check, watched-file notifications or not);
- a sentence is checked again only when it or a neighbour changed, so an edit
  re-checks the sentences of its paragraph, not the draft. A sentence's
  verdict depends on its text and its neighbours' (a quotation's speaker may
  be named in the next sentence of the same paragraph), which is what the
  memo is keyed by.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from factcheck.check.checker import Checker, CheckOptions, DocumentResult
from factcheck.lint.config import CONFIG_ENV, CONFIG_FILE, PYPROJECT, Config, configs_by_file
from factcheck.lint.linter import FileReport, lint_document
from factcheck.model import Finding, Sentence
from factcheck.text.document import Document, find_prose, input_format, segment

if TYPE_CHECKING:
    from factcheck.check.matcher import Matcher
    from factcheck.model import Database

# A UTF-16 code unit of a pair, alone in a Python string (see ``whole_characters``).
_SURROGATE = re.compile("[\ud800-\udfff]")
# Editors' language ids for documents without a telling suffix (untitled buffers).
LANGUAGE_FORMATS = {"markdown": "markdown", "html": "html", "plaintext": "text"}
Stamp = tuple[tuple[str, int, int] | tuple[str], ...]


class Linted(NamedTuple):
    """A draft's lint report with what quick fixes and hovers need."""

    document: Document
    prose: str  # the masked text: offsets are the draft's, markup is spaces
    format: str
    report: FileReport
    rechecked: int  # sentences checked anew (the others came from the memo)


class _Database(NamedTuple):
    """A loaded database, the stamp of the files it was read from, its checkers."""

    stamp: Stamp
    checkers: dict[tuple[float, str], Checker]
    database: Database
    matcher: Matcher


def draft_format(path: str, language_id: str | None = None) -> str:
    """The input format of an open draft: by suffix, as ``lint`` decides, else its language."""
    if Path(path).suffix:
        return input_format(path)
    return LANGUAGE_FORMATS.get(language_id or "", "markdown")


def whole_characters(text: str) -> str:
    """The text with each lone surrogate replaced by U+FFFD.

    An editor's UTF-16 buffer can hold half of a pair (half a pasted emoji),
    which JSON carries as ``\\ud800`` and no UTF-8 encoder accepts: lint's
    fingerprints failed on it and the draft got no diagnostics at all. U+FFFD
    is one character, one UTF-16 unit and three UTF-8 bytes, as a surrogate
    is, so every offset and protocol position stays where it was.
    """
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def _stamp(files: Iterable[Path]) -> Stamp:
    """Size and modification time of each file (missing ones too): a cheap change check."""
    stamps: list = []
    for file in files:
        try:
            status = file.stat()
        except OSError:
            stamps.append((str(file),))
        else:
            stamps.append((str(file), status.st_mtime_ns, status.st_size))
    return tuple(stamps)


def _config_candidates(folder: Path) -> list[Path]:
    """Every file whose change could change the configuration found from ``folder``."""
    if os.environ.get(CONFIG_ENV):
        return [Path(os.environ[CONFIG_ENV])]
    folder = folder.resolve()
    return [f / name for f in (folder, *folder.parents) for name in (CONFIG_FILE, PYPROJECT)]


class LiveLinter:
    """Lints drafts for an editor session; not thread-safe (use one worker)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or Path.cwd()
        self._configs: dict[Path, tuple[Stamp, Config]] = {}
        self._databases: dict[str, _Database] = {}
        self._memos: dict[str, tuple[Checker, dict[tuple, Finding]]] = {}

    def forget(self, path: str) -> None:
        """Drop a closed draft's memo."""
        self._memos.pop(path, None)

    def invalidate(self) -> None:
        """Read configurations and databases again on the next check."""
        self._configs.clear()
        self._databases.clear()

    def config(self, file: Path | None) -> Config:
        """The configuration nearest to a draft (the root folder's for an unsaved one)."""
        folder = file.parent if file is not None else self.root
        stamp = _stamp(_config_candidates(folder))
        known = self._configs.get(folder)
        if known is None or known[0] != stamp:
            probe = str(file if file is not None else self.root / "untitled.md")
            known = (stamp, configs_by_file(None, [probe], {})[0][0])
            self._configs[folder] = known
        return known[1]

    def checker(self, config: Config, fmt: str) -> Checker:
        """A checker over the configured database, loaded through the cache once."""
        from factcheck.check.matcher import Matcher
        from factcheck.db.database import database_files, default_database_path, is_sqlite
        from factcheck.db.store import open_database

        root = Path(config["db"]) if config["db"] is not None else default_database_path()
        key = str(root)
        entry = self._databases.get(key)
        if entry is None or entry.stamp != _stamp(Path(item[0]) for item in entry.stamp):
            loaded = open_database(root)
            database = loaded.database
            sources = [
                Path(s.location.file).parent / s.path
                for s in database.sources.values()
                if s.path and s.location
            ]
            files = database_files(root)
            # A store's commits land in its write-ahead log first.
            logs = [f.with_name(f.name + "-wal") for f in files if is_sqlite(f)]
            stamp = _stamp([root, *files, *logs, *sources])
            entry = _Database(stamp, {}, database, Matcher.opened(loaded))
            self._databases[key] = entry
        options = (config["threshold"], fmt)
        if options not in entry.checkers:
            check = CheckOptions(config["threshold"], include_unchecked=True, input_format=fmt)
            entry.checkers[options] = Checker(entry.database, check, entry.matcher)
        return entry.checkers[options]

    def lint(self, path: str, text: str, fmt: str, file: Path | None = None) -> Linted:
        """Lint a draft's text; ``file`` is where it lives on disk (None: unsaved).

        Raises ``FactcheckError`` for a configuration or database that cannot
        be read; the caller shows it.
        """
        text = whole_characters(text)
        config = self.config(file)
        options = config.lint_options(input_format=fmt)
        checker = self.checker(config, fmt)
        document = Document.from_text(path, text)
        prose = find_prose(text, fmt)
        sentences = segment(document, prose)
        findings, rechecked = self._check(checker, path, sentences)
        result = DocumentResult(path, findings, len(sentences), not text.strip())
        report = lint_document(checker, document, result, options)
        if file is not None and _excluded(file, config):
            report = report._replace(results=(), suppressed=())
        return Linted(document, prose.text, fmt, report, rechecked)

    def _check(
        self, checker: Checker, path: str, sentences: list[Sentence]
    ) -> tuple[list[Finding], int]:
        """Each sentence's finding, from the memo when it and its neighbours are unchanged."""
        memo_checker, memo = self._memos.get(path, (None, {}))
        if memo_checker is not checker:
            memo = {}
        fresh: dict[tuple, Finding] = {}
        findings = []
        rechecked = 0
        for number, sentence in enumerate(sentences):
            previous = sentences[number - 1] if number else None
            following = sentences[number + 1] if number + 1 < len(sentences) else None
            key = (
                previous.text if previous else None,
                sentence.text,
                following.text if following else None,
                following is not None and following.line <= sentence.end_line + 1,
            )
            finding = memo.get(key)
            if finding is None:
                finding = checker.check_sentence(path, sentence, (previous, following))
                rechecked += 1
            else:
                finding = finding._replace(sentence=sentence)
            fresh[key] = finding
            findings.append(finding)
        self._memos[path] = (checker, fresh)
        return findings, rechecked


def _excluded(file: Path, config: Config) -> bool:
    """Whether the configuration's ``exclude`` skips the draft, as it does a named file."""
    from factcheck.lint.discover import display_path, matches

    return matches(display_path(file), config["exclude"])
