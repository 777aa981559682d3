"""The README's install, pre-commit and GitHub Actions snippets, run as printed.

Network-free: the install lines run in a fresh venv that borrows this
environment's dependencies (through a .pth file, without this checkout's own
install) with ``PIP_NO_INDEX`` and without build isolation, so ``pip install .``
builds and installs this checkout and nothing else. The GitHub Actions
workflow's ``run:`` steps run in a newsroom repository whose ``tools/factcheck``
is a copy of this checkout (what ``actions/checkout`` with submodules gives).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from conftest import ROOT, empty_venv, pre_commit_command

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
WRONG = EXACT.replace("52", "25")


def blocks(language: str) -> list[str]:
    """The README's fenced blocks of one language, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.M | re.S)


def commands(block: str) -> list[str]:
    """The ``$ `` lines of a console block, without the prompt."""
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


def install_lines() -> list[str]:
    return [c for block in blocks("console") for c in commands(block) if c.startswith("pip ")]


def _dependency_path(tmp: Path) -> Path:
    """A folder of links to this environment's packages, without factcheck's own install."""
    deps = tmp / "deps"
    deps.mkdir()
    for site in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        for entry in Path(site).iterdir():
            name = entry.name.lower()
            if name.startswith(("factcheck", "_factcheck", "__editable__")) or name.endswith(
                ".pth"
            ):
                continue
            if not (deps / entry.name).exists():
                (deps / entry.name).symlink_to(entry)
    return deps


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory) -> dict[str, str]:
    """The environment of a shell in a fresh venv: its ``pip`` installs offline."""
    tmp = tmp_path_factory.mktemp("fresh")
    env_dir = tmp / "venv"
    python, site = empty_venv(env_dir)
    (site / "deps.pth").write_text(f"{_dependency_path(tmp)}\n", encoding="utf-8")
    # This environment's pip, run for the venv's interpreter (the venv has none of its own).
    pip = env_dir / "bin" / "pip"
    pip.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m pip --python "{python}" "$@"\n', encoding="utf-8"
    )
    pip.chmod(0o755)
    env = {
        "PATH": f"{env_dir / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling of --no-build-isolation
        "PIP_QUIET": "1",
        "FACTCHECK_CACHE_DIR": os.environ.get("FACTCHECK_CACHE_DIR", str(tmp / "cache")),
    }
    return env


def run_shell(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_the_readme_installs_from_a_checkout_under_a_free_name():
    """The distribution is not `factcheck` (an unrelated project on PyPI)."""
    assert 'name = "factcheck-claims"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert install_lines(), "no install line in the README"
    for line in install_lines():
        assert re.search(r"pip install (-e )?'?\.(\[test\])?'?( |$)", line), line


def test_quickstart_install_and_check_as_printed(fresh_env, tmp_path):
    """`pip install . && factcheck verify examples/draft.md`: exits 1, the draft has mistakes."""
    checkout = tmp_path / "factcheck"
    _copy_checkout(checkout)
    (line,) = [c for c in install_lines() if "factcheck verify" in c]
    result = run_shell(line, checkout, fresh_env)
    assert result.returncode == 1, result.stderr
    assert "figure mismatch" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("15 sentences in 1 file")
    where = run_shell("command -v factcheck", checkout, fresh_env).stdout.strip()
    assert where.startswith(fresh_env["PATH"].split(":")[0]), where


@pytest.mark.parametrize("line", [c for c in install_lines() if "factcheck verify" not in c])
def test_development_install_lines_install(fresh_env, tmp_path, line):
    """The test and development installs; the command after `&&` (pytest) is not run here."""
    checkout = tmp_path / "factcheck"
    _copy_checkout(checkout)
    install = line.split(" && ")[0]
    result = run_shell(install, checkout, fresh_env)
    assert result.returncode == 0, result.stderr
    version = run_shell("factcheck --version", tmp_path, fresh_env)
    assert version.returncode == 0 and version.stdout.startswith("factcheck "), version.stderr


def _copy_checkout(target: Path) -> None:
    """This checkout's files, as a clone would have them (no git, venvs or caches)."""
    ignore = shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", ".ci-venv", "build", "dist", ".pytest_cache",
        ".ruff_cache", ".hypothesis",
    )  # fmt: skip
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)


def _newsroom(tmp_path: Path) -> Path:
    repo = tmp_path / "newsroom"
    (repo / "op-eds").mkdir(parents=True)
    (repo / "op-eds" / "good.md").write_text(f"# Good\n\n{EXACT}\n", encoding="utf-8")
    (repo / "op-eds" / "bad.md").write_text(f"# Bad\n\nThe release is clear. {WRONG}\n")
    return repo


def _git(repo: Path, *args: str) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)


def _workflow() -> dict:
    (block,) = [b for b in blocks("yaml") if b.startswith("# .github/workflows/")]
    return yaml.safe_load(block)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_github_actions_workflow_steps_as_printed(fresh_env, tmp_path):
    """Each `run:` step of the README's workflow, in order, in a newsroom checkout."""
    repo = _newsroom(tmp_path)
    _copy_checkout(repo / "tools" / "factcheck")
    _git(repo, "init", "-q")
    steps = _workflow()["jobs"]["lint"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["submodules"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == "pip install ./tools/factcheck"
    results = [run_shell(line, repo, fresh_env) for line in runs]
    assert results[0].returncode == 0, results[0].stderr
    annotations = results[1]
    assert annotations.returncode == 1, annotations.stderr
    assert annotations.stdout.startswith("::error file=op-eds/bad.md,line=3,col=23,")
    assert results[2].returncode == 0, results[2].stderr
    sarif = json.loads((repo / "factcheck.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["FC001"]
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql"))
    assert upload["with"]["sarif_file"] == "factcheck.sarif"


@pytest.mark.skipif(pre_commit_command() is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_config_as_printed(fresh_env, tmp_path):
    """The README's .pre-commit-config.yaml, after the README's install, passes a good
    draft and fails a bad one; its hook is the one .pre-commit-hooks.yaml ships."""
    (block,) = [b for b in blocks("yaml") if b.startswith("# .pre-commit-config.yaml")]
    local = yaml.safe_load(block)["repos"][0]["hooks"][0]
    (shipped,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for key in ("id", "name", "entry", "files", "require_serial"):
        assert local[key] == shipped[key], key
    checkout = tmp_path / "factcheck"
    _copy_checkout(checkout)
    install = run_shell("pip install .", checkout, fresh_env)
    assert install.returncode == 0, install.stderr
    repo = _newsroom(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(block, encoding="utf-8")
    _git(repo, "init", "-q")
    env = {**fresh_env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    command = [*pre_commit_command(), "run", "--files"]  # type: ignore[misc]
    _git(repo, "add", ".")
    good = subprocess.run(
        [*command, "op-eds/good.md"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = subprocess.run(
        [*command, "op-eds/bad.md"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "op-eds/bad.md:3:23: error FC001" in bad.stdout


# --- every console example, run and compared --------------------------------------------

# Commands of the README's console blocks not run here, and why.
NOT_RUN = {
    "pip ": "the install lines, run above",
    "pytest": "the test suite itself",
    "ruff ": "run by tests/test_style.py",
    "python bench/": "benchmarks print measured figures, which vary",
}
# The files the examples use (op-eds/, draft.md, broken.yaml, ...), besides the
# checkout's claims.yaml, sources/ and examples/.
EXAMPLES = ROOT / "tests" / "readme"
CLEF = ROOT.parent / "shared" / "bench" / "clef2020-t2"


class Example(NamedTuple):
    command: str
    output: list[str]  # the lines shown; a line "..." stands for any number of lines


def examples(block: str) -> list[Example]:
    found: list[Example] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append(Example(line[2:], []))
        elif found:
            found[-1].output.append(line)
    return found


def runnable_blocks() -> list[str]:
    return [
        block
        for block in blocks("console")
        if not all(e.command.startswith(tuple(NOT_RUN)) for e in examples(block))
    ]


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``shown`` with each "..." line standing for any lines."""
    if not shown:
        return not actual
    if shown[0] == "...":
        return any(matches(shown[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and shown[0] == actual[0] and matches(shown[1:], actual[1:])


def _sandbox(tmp_path: Path) -> Path:
    """A newsroom folder with the examples' files: what the README's reader has."""
    here = tmp_path / "newsroom"
    shutil.copytree(EXAMPLES, here)
    shutil.copytree(ROOT / "sources", here / "sources")
    shutil.copytree(ROOT / "examples", here / "examples")
    shutil.copy(ROOT / "claims.yaml", here / "claims.yaml")
    if CLEF.exists():
        for name in ("vclaims.tsv", "queries-dev.tsv"):
            shutil.copy(CLEF / name, here / name)
    return here


def _block_id(block: str) -> str:
    return examples(block)[0].command[:60]


@pytest.mark.parametrize("block", runnable_blocks(), ids=_block_id)
def test_console_example_output_is_what_the_readme_shows(tmp_path, block):
    """Each console block runs in order in a fresh newsroom folder (stdout and stderr, as
    a terminal shows them); a command shown without output is only run."""
    if "clef.yaml" in block and not CLEF.exists():
        pytest.skip("needs ../shared/bench/clef2020-t2")
    here = _sandbox(tmp_path)
    bin_dir = Path(sys.executable).parent
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "COLUMNS": "100",
        "LC_ALL": "C.UTF-8",
        "FACTCHECK_CACHE_DIR": str(tmp_path / "cache"),
    }
    for example in examples(block):
        if example.command.startswith(tuple(NOT_RUN)):
            continue
        result = subprocess.run(
            ["bash", "-c", "exec 2>&1\n" + example.command],
            cwd=here, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert result.returncode != 2, f"$ {example.command}\n{result.stdout}"
        # Trailing spaces (rich pads table cells) are not visible in the README.
        actual = [
            line.rstrip() for line in result.stdout.replace(str(here), "/newsroom").splitlines()
        ]
        if example.output:
            assert matches([line.rstrip() for line in example.output], actual), (
                f"$ {example.command}\n--- README\n"
                + "\n".join(example.output)
                + "\n--- actual\n"
                + "\n".join(actual)
            )
