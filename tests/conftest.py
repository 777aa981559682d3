"""Shared fixtures: paths to the project's data and a small database builder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims.yaml"
RELEASE = ROOT / "sources" / "grassroots-leadership-2017-04-11.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory):
    """Keep the index cache of the whole run (subprocesses too) out of the user's cache."""
    import os

    os.environ["FACTCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("factcheck-cache"))
    yield
    os.environ.pop("FACTCHECK_CACHE_DIR", None)


@pytest.fixture(scope="session")
def database():
    """The bundled database, loaded once for the whole run."""
    from factcheck.database import load_database

    return load_database(CLAIMS)


@pytest.fixture(scope="session")
def checker(database):
    from factcheck.checker import Checker

    return Checker(database)


@pytest.fixture
def write_db(tmp_path):
    """Write a database file (and the release beside it) and return its path."""

    def write(text: str, name: str = "claims.yaml") -> Path:
        (tmp_path / "sources").mkdir(exist_ok=True)
        (tmp_path / "sources" / RELEASE.name).write_bytes(RELEASE.read_bytes())
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def golden():
    """Compare output with tests/golden/NAME; FACTCHECK_REGEN_GOLDEN=1 rewrites it instead."""
    import os

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if os.environ.get("FACTCHECK_REGEN_GOLDEN") == "1":
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
        assert path.exists(), f"missing {path}; run with FACTCHECK_REGEN_GOLDEN=1"
        assert actual == path.read_bytes().decode("utf-8")

    return check
