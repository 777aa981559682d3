"""The two-command promise: a non-editable install finds its bundled database.

Builds the wheel, installs it (without dependencies, into a fresh venv that
borrows this environment's packages through a .pth file) and runs the installed ``factcheck verify``
from an unrelated directory.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile

import pytest

from conftest import ROOT, empty_venv

SENTENCE = b"In 2016, 52 percent of federal prosecutions involved immigration offenses.\n"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if build.returncode != 0:
        pytest.fail(f"wheel build failed: {build.stderr[-2000:]}")
    return next(out.glob("factcheck_claims-*.whl"))


def test_wheel_bundles_database_and_sources(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "factcheck/data/claims.yaml" in names
    assert "factcheck/data/sources/grassroots-leadership-2017-04-11.txt" in names


def test_installed_verify_works_from_any_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    python, site = empty_venv(env_dir)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    # The dependencies come from this environment: a .pth file puts it on the path,
    # after the install (pip would see this environment's factcheck and skip it).
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import factcheck; print(factcheck.__file__)"],
        capture_output=True, text=True, check=True, cwd=elsewhere,
    ).stdout  # fmt: skip
    assert where.startswith(str(env_dir)), where
    result = subprocess.run(
        [str(env_dir / "bin" / "factcheck"), "verify"],
        input=SENTENCE, capture_output=True, cwd=elsewhere, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "supported" in out and "52 percent" in out and "Grassroots Leadership" in out
    assert "factcheck/data/claims.yaml" not in result.stderr.decode()
