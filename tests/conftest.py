"""Shared fixtures: paths to the project's data and a small database builder."""

from __future__ import annotations

import marshal
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims.yaml"
RELEASE = ROOT / "sources" / "grassroots-leadership-2017-04-11.txt"

# A small sound database (beside the release in sources/, as ``write_db`` writes it).
GOOD_DATABASE = """\
version: 1
sources:
  - id: gl
    title: Release
    publisher: Grassroots Leadership
    date: 2017-04-11
    path: sources/grassroots-leadership-2017-04-11.txt
speakers:
  - id: gl-org
    name: Grassroots Leadership
    kind: organization
claims:
  - id: share-2016
    source: gl
    speaker: gl-org
    type: statistic
    claim: In 2016, 52 percent of federal prosecutions involved immigration offenses.
    passage: In 2016, 52 percent of all federal criminal prosecutions involved
      immigration-related offenses
    figures:
      - {text: 52 percent, value: 52, unit: percent, year: 2016}
"""


def empty_venv(env_dir: Path) -> tuple[Path, Path]:
    """A new virtual environment without pip: its interpreter and site-packages folder.

    Packages go in with this environment's pip (``pip --python``), so tests
    that install the project need no network and no copy of pip.
    """
    import venv

    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    return python, Path(site)


def pre_commit_command() -> list[str] | None:
    """How to run pre-commit here (as a module or from PATH), or None without it."""
    import importlib.util

    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


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
    from factcheck.db.database import load_database

    return load_database(CLAIMS)


@pytest.fixture(scope="session")
def checker(database):
    from factcheck.check.checker import Checker

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


VERIFY_SCHEMA = ROOT / "factcheck" / "schemas" / "verify-result.schema.json"


def verify_validators():
    """Validators of a verify JSON document and of one JSON Lines finding."""
    import json

    import jsonschema

    schema = json.loads(VERIFY_SCHEMA.read_text(encoding="utf-8"))
    document = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    finding = jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/finding"}
    )
    return document, finding


@pytest.fixture(scope="session", autouse=True)
def _verify_json_matches_its_schema():
    """Every verify JSON document and JSON Lines line a test makes in-process (CliRunner,
    the renderers) is checked against the schema the package ships."""
    import io
    import json

    from factcheck.render import json as module

    document, finding = verify_validators()
    write_json, write_jsonl = module.write_json, module.write_jsonl

    def checked_json(out, *args, **kwargs):
        text = io.StringIO()
        write_json(text, *args, **kwargs)
        document.validate(json.loads(text.getvalue()))
        out.write(text.getvalue())

    def checked_jsonl(out, *args, **kwargs):
        text = io.StringIO()
        write_jsonl(text, *args, **kwargs)
        for line in text.getvalue().splitlines():
            finding.validate(json.loads(line))
        out.write(text.getvalue())

    module.write_json, module.write_jsonl = checked_json, checked_jsonl
    yield
    module.write_json, module.write_jsonl = write_json, write_jsonl


class _Tee:
    """Writes to a stream and keeps a copy."""

    def __init__(self, out) -> None:
        import io

        self.out, self.copy = out, io.StringIO()

    def write(self, text: str) -> int:
        self.copy.write(text)
        return self.out.write(text)


@pytest.fixture(scope="session", autouse=True)
def _lint_json_matches_its_schema():
    """Every lint JSON document a test makes in-process (CliRunner, the writers), written
    a result at a time, is checked whole against the schema the package ships."""
    import json

    import jsonschema

    from factcheck.render import lint_json as module

    validator = jsonschema.Draft202012Validator(module.schema())
    plain = module.writer

    def checked(out, tally):
        tee = _Tee(out)
        writer = plain(tee, tally)
        finish = writer.finish

        def finish_and_validate(error=None) -> None:
            finish(error)
            validator.validate(json.loads(tee.copy.getvalue()))

        writer.finish = finish_and_validate
        return writer

    module.writer = checked
    yield
    module.writer = plain


def payload_of(plain) -> bytes:
    """The payload bytes the cache writes for ``plain`` (tests that re-sign a
    changed entry); one of another shape (not a dict of every part) as its
    marshal bytes, which read as garbled parts."""
    from factcheck.db import cache

    if isinstance(plain, dict) and set(plain) == set(cache._PAYLOAD):
        if not isinstance(plain["claims"], list | tuple):  # hostile rows: one row of it
            plain = {**plain, "claims": [plain["claims"]]}
        index = plain["index"]
        if not (type(index) is tuple and len(index) == 2 and type(index[0]) is dict):
            plain = {**plain, "index": ({"term": index}, len(plain["claims"]))}  # one term's
        return b"".join(cache.packed(plain))
    return marshal.dumps(plain)
