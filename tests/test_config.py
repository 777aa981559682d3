"""Config discovery, validation and precedence (file < flags), with origins."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.lint.config import (
    ConfigError,
    Setting,
    effective_config,
    find_config_file,
    read_config_file,
)
from factcheck.lint.linter import Severity


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("FACTCHECK_CONFIG", raising=False)
    monkeypatch.delenv("FACTCHECK_DB", raising=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path):
    config = effective_config(None, [str(tmp_path)], {})
    assert config.file is None
    assert config["fail-on"] == "error"
    assert config["threshold"] == 62
    assert config.severities()["FC004"] is Severity.WARNING
    assert config.settings["db"].origin.startswith("default")


def test_factcheck_toml_found_walking_up(tmp_path):
    write(tmp_path / ".factcheck.toml", 'fail-on = "warning"\n[severity]\nFC004 = "error"\n')
    draft = write(tmp_path / "op-eds" / "2017" / "a.md", "x")
    config = effective_config(None, [str(draft)], {})
    assert config.file == tmp_path / ".factcheck.toml"
    assert config["fail-on"] == "warning"
    assert config.severities()["FC004"] is Severity.ERROR
    assert config.settings["fail-on"].origin == str(tmp_path / ".factcheck.toml")


def test_pyproject_tool_table_and_relative_db(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.factcheck]\ndb = "data/claims.yaml"\n'
        'exclude = ["drafts"]\n\n[tool.factcheck.severity]\nweak-match = "off"\n',
    )
    config = effective_config(None, [str(tmp_path)], {})
    assert config["db"] == tmp_path / "data" / "claims.yaml"
    assert config["exclude"] == ("drafts",)
    assert config.severities()["FC005"] is None
    assert "[tool.factcheck]" in config.settings["db"].origin


def test_pyproject_without_tool_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(None, [str(tmp_path)]) == (None, "none found")


def test_nearest_file_wins_and_factcheck_toml_before_pyproject(tmp_path):
    write(tmp_path / ".factcheck.toml", 'fail-on = "never"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.factcheck]\nfail-on = "info"\n')
    write(tmp_path / "sub" / ".factcheck.toml", 'fail-on = "warning"\n')
    file, _ = find_config_file(None, [str(tmp_path / "sub")])
    assert file == tmp_path / "sub" / ".factcheck.toml"


def test_explicit_then_environment(tmp_path, monkeypatch):
    found = write(tmp_path / ".factcheck.toml", 'fail-on = "never"\n')
    env = write(tmp_path / "env.toml", 'fail-on = "info"\n')
    explicit = write(tmp_path / "explicit.toml", 'fail-on = "warning"\n')
    monkeypatch.setenv("FACTCHECK_CONFIG", str(env))
    assert effective_config(explicit, [str(tmp_path)], {})["fail-on"] == "warning"
    assert effective_config(None, [str(tmp_path)], {})["fail-on"] == "info"
    monkeypatch.delenv("FACTCHECK_CONFIG")
    assert effective_config(None, [str(tmp_path)], {}).file == found


def test_flags_override_the_file(tmp_path):
    write(tmp_path / ".factcheck.toml", 'fail-on = "never"\nthreshold = 70\n')
    config = effective_config(None, [str(tmp_path)], {"fail-on": Setting("warning", "--fail-on")})
    assert config["fail-on"] == "warning"
    assert config.settings["fail-on"].origin == "--fail-on"
    assert config["threshold"] == 70


def test_config_db_beats_factcheck_db_env(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DB", "/elsewhere/claims.yaml")
    assert effective_config(None, [str(tmp_path)], {})["db"] == Path("/elsewhere/claims.yaml")
    write(tmp_path / ".factcheck.toml", 'db = "claims.yaml"\n')
    assert effective_config(None, [str(tmp_path)], {})["db"] == tmp_path / "claims.yaml"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('fail_on = "warning"\n', "unknown key 'fail_on'", 1),
        ('\nfail-on = "sometimes"\n', "key 'fail-on': must be one of error, warning", 2),
        ("threshold = 120\n", "key 'threshold': must be a number from 0 to 100", 1),
        ('threshold = "high"\n', "key 'threshold'", 1),
        ('include = "*.md"\n', "key 'include': must be a list of glob patterns", 1),
        ("db = 3\n", "key 'db': must be a path", 1),
        ('[severity]\nFC099 = "error"\n', "unknown rule 'FC099'", 1),
        ('[severity]\nFC004 = "fatal"\n', "must be one of error, warning, info, off", 1),
        ('severity = "error"\n', "must be a table of rule = severity", 1),
        ('min-severity = "off"\n', "key 'min-severity': must be one of error, warning, info", 1),
        ("fail-on = \n", "invalid TOML", 1),
    ],
)
def test_bad_config_names_file_and_key(tmp_path, text, message, line):
    path = write(tmp_path / ".factcheck.toml", text)
    with pytest.raises(ConfigError, match=message) as caught:
        read_config_file(path)
    assert caught.value.file == str(path)
    assert caught.value.line == line


def test_a_bad_key_in_pyproject_names_our_table_line_not_another_tools(tmp_path):
    text = '[tool.ruff]\nexclude = ["x"]\n\n[tool.factcheck]\nexclude = "*.md"\n'
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError, match="key 'exclude': must be a list") as caught:
        read_config_file(path)
    assert caught.value.line == 5


def test_unknown_key_suggests_the_close_one(tmp_path):
    path = write(tmp_path / ".factcheck.toml", 'fail_on = "warning"\n')
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert caught.value.fix == "did you mean 'fail-on'?"


def test_missing_explicit_config(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        find_config_file(tmp_path / "nope.toml", [])


def test_the_null_device_is_an_empty_config(tmp_path):
    """``--config /dev/null``: no configuration, as ``PIP_CONFIG_FILE=/dev/null`` for pip
    (it said "no such config file"), and no file found by walking up either."""
    import os

    write(tmp_path / ".factcheck.toml", "threshold = 90\n")
    config = effective_config(Path(os.devnull), [str(tmp_path)], {})
    assert config.file == Path(os.devnull)
    assert all(setting.origin.startswith("default") for setting in config.settings.values())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "a folder, not a config file"),
        (lambda p: __import__("os").mkfifo(p), "a FIFO, not a config file"),
        (
            lambda p: p.symlink_to("gone.toml"),
            "a symbolic link to 'gone.toml', which does not exist",
        ),
    ],
    ids=["folder", "fifo", "dangling link"],
)
def test_a_config_that_is_no_file_says_what_it_is(tmp_path, make, message):
    make(tmp_path / "x.toml")
    with pytest.raises(ConfigError, match=message):
        find_config_file(tmp_path / "x.toml", [])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.symlink_to("gone.toml"),
            "a symbolic link to 'gone.toml', which does not exist",
        ),
        (lambda p: p.mkdir(), "a folder, not a config file"),
    ],
    ids=["dangling link", "folder"],
)
def test_a_factcheck_toml_found_walking_up_that_cannot_be_read_is_an_error(tmp_path, make, message):
    """It was passed over, and lint ran with the defaults the desk meant to change."""
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 90\n")
    make(tmp_path / ".factcheck.toml")
    (tmp_path / "op-eds").mkdir()
    with pytest.raises(ConfigError, match=message) as caught:
        find_config_file(None, [str(tmp_path / "op-eds")])
    assert caught.value.file == str(tmp_path / ".factcheck.toml")
    assert caught.value.fix == "point it at a config file, or delete it"
