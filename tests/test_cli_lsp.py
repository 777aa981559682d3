"""``factcheck lsp`` as a command: pygls stays out of every other command's start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_other_commands_do_not_import_pygls():
    code = (
        "import sys, factcheck.cli; from factcheck.cli import app;"
        "print([m for m in ('pygls', 'lsprotocol') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_missing_pygls_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError('no pygls', name='pygls')")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "factcheck", "lsp"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 2
    assert out.stderr.startswith("factcheck: error: the language server needs pygls")
    assert "pip install 'factcheck-claims[lsp]'" in out.stderr
