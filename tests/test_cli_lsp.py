"""``factcheck lsp`` as a command: pygls stays out of every other command's start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


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


def test_readme_editor_configurations_start_factcheck_lsp():
    """VS Code's settings and Helix's languages.toml, as printed, name `factcheck lsp`."""
    import json
    import re
    import tomllib

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (settings,) = [
        json.loads(b) for b in re.findall(r"^```json\n(.*?)^```", readme, flags=re.M | re.S)
        if "glspc" in b
    ]  # fmt: skip
    assert settings["glspc.server.command"] == "factcheck"
    assert settings["glspc.server.commandArguments"] == ["lsp"]
    (helix,) = [
        tomllib.loads(b) for b in re.findall(r"^```toml\n(.*?)^```", readme, flags=re.M | re.S)
        if "language-server.factcheck" in b
    ]  # fmt: skip
    server = helix["language-server"]["factcheck"]
    assert [server["command"], *server["args"]] == ["factcheck", "lsp"]
    assert "factcheck" in helix["language"][0]["language-servers"]


def _message(body: dict) -> bytes:
    import json

    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_stdio_session_exit_codes():
    """`factcheck lsp --stdio` answers initialize; exit after shutdown is 0, without it 1."""
    pytest.importorskip("pygls")
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}},
    }
    shutdown = {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}
    exit_ = {"jsonrpc": "2.0", "method": "exit"}
    for messages, code in (([initialize, shutdown, exit_], 0), ([initialize, exit_], 1)):
        out = subprocess.run(
            [sys.executable, "-m", "factcheck", "lsp", "--stdio"],
            input=b"".join(_message(m) for m in messages),
            capture_output=True,
            timeout=60,
        )
        assert out.returncode == code, out.stderr.decode()
        assert b'"name": "factcheck"' in out.stdout  # serverInfo in the initialize result
        assert b'"hoverProvider": true' in out.stdout
