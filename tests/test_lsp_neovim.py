"""A real editor's client: Neovim headless, its built-in LSP client attached to ``factcheck lsp``.

The README's Neovim snippet runs as printed (with stand-ins for what Neovim
0.7, Debian 12's, lacks), ``factcheck`` found on PATH as an editor finds it.

Neovim converts the protocol's UTF-16 positions to byte columns of its
buffer, so the misquotation after two emoji must land at byte 29 of its line
(23 characters, 25 UTF-16 units). Skipped where Neovim is not installed
(``apt-get install neovim``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

NVIM = shutil.which("nvim")
pytest.importorskip("pygls")


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed")
def test_neovim_receives_the_diagnostics(tmp_path):
    draft = tmp_path / "draft.md"
    text = (ROOT / "tests" / "lsp" / "draft.md").read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (snippet,) = re.findall(r"^```lua\n(.*?)^```", readme, flags=re.M | re.S)
    (tmp_path / "snippet.lua").write_text(snippet, encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "FACTCHECK_NVIM_DRAFT": str(draft),
        "FACTCHECK_NVIM_SNIPPET": str(tmp_path / "snippet.lua"),
        "FACTCHECK_NVIM_OUT": str(out),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    script = ROOT / "tests" / "lsp" / "neovim.lua"
    subprocess.run(
        [NVIM, "--headless", "--clean", "-c", f"luafile {script}"],
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
        capture_output=True,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["waited"] is True
    found = {d["code"]: d for d in result["diagnostics"]}
    assert set(found) == {"FC001", "FC002", "FC003"}
    line = text.split("\n")[4]
    assert (found["FC002"]["lnum"], found["FC002"]["col"]) == (4, len(line[:23].encode()))
    assert (found["FC001"]["lnum"], found["FC001"]["col"]) == (2, 0)
    assert found["FC001"]["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert found["FC003"]["message"].endswith("the source attributes it to Alejandro Caceres")
