"""The command line: typer commands wired to the core, and one exit path.

Each command lives in a module of this package and only parses options,
calls the core and renders, returning its exit code. ``_Commands`` decides
the exit code once, for the console script and for ``CliRunner`` alike: a
``FactcheckError`` becomes one line on stderr and exit 2, a returned int the
exit code, and any other exception (a bug) one line asking to report it and
exit 70, so CI can tell a crash from a failed check. ``main`` adds what only
a real process sees: Ctrl-C exits 130, a closed stdout (``| head``) ends
quietly.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Any

import typer
import typer.main

try:  # typer >= 0.20 vendors click as typer._click and raises its exceptions
    from typer import _click as click
except ImportError:
    import click

from typer.core import TyperGroup

from factcheck import __version__
from factcheck.cli.streams import reserve_streams
from factcheck.errors import INTERRUPTED_LINE, ExitStatus, FactcheckError
from factcheck.render.controls import visible

# Each command, in the order `--help` lists them: its module in this package
# and its function there.
COMMANDS = {
    "verify": ("verify", "verify"),
    "claims": ("editors", "claims"),
    "speakers": ("editors", "speakers"),
    "show": ("editors", "show"),
    "cite": ("editors", "cite"),
    "lint": ("lint", "lint"),
    "config": ("lint", "config"),
    "validate": ("curate", "validate"),
    "extract": ("curate", "extract"),
    "add": ("curate", "add"),
    "search": ("search", "search"),
    "import": ("data", "import_claims"),
    "lsp": ("lsp", "lsp"),
}


class _LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands, each built from its function on first use.

    Building a click command from a typer function reads its signature and
    type hints; doing that for all twelve commands (and importing every
    command module) cost about 20 ms of every run. Only ``--help``, which
    lists them all, builds them all.
    """

    def __init__(self) -> None:
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self._built:
            module, function = COMMANDS[name]
            single = typer.Typer(add_completion=False)
            try:
                single.command(name)(getattr(import_module(f"factcheck.cli.{module}"), function))
                command = typer.main.get_command(single)
            except KeyError as error:  # click's lookup would read it as "no such command"
                raise RuntimeError(f"cannot build command {name!r}: {error!r}") from error
            from factcheck.cli.options import color_option

            command.params.append(color_option())
            self._built[name] = command
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS

    def __setitem__(self, name: str, command: click.Command) -> None:
        raise TypeError("factcheck's commands are listed in factcheck.cli.COMMANDS")

    def __delitem__(self, name: str) -> None:
        raise TypeError("factcheck's commands are listed in factcheck.cli.COMMANDS")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class ClosedPipe(Exception):
    """stdout was closed by its reader (``| head``): not an OSError, so click's
    own handler (which exits 1) lets it through to ``main``."""


class _Commands(TyperGroup):
    """The command group: builds commands lazily, turns errors and returned
    exit codes into exits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.commands:
            raise TypeError("register factcheck's commands in factcheck.cli.COMMANDS")
        self.commands = _LazyCommands()

    def invoke(self, ctx: click.Context) -> object:
        try:
            result = super().invoke(ctx)
        except BrokenPipeError:
            # click's main() would catch it first and exit 1: hand it to our main().
            raise ClosedPipe from None
        except KeyboardInterrupt:
            # typer turns it into a silent exit 130: say why the run stopped.
            _flush_quietly()
            sys.stderr.write(INTERRUPTED_LINE)
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        except FactcheckError as error:
            _flush_quietly()
            typer.echo(f"factcheck: error: {visible(str(error))}", err=True)
            raise typer.Exit(error.status) from None
        except (click.exceptions.ClickException, typer.Exit, typer.Abort):
            raise
        except OSError as error:
            if not _is_output_failure(error):
                raise _internal_exit(error) from None
            _silence_stdout()
            typer.echo(output_error_line(error), err=True)
            raise typer.Exit(ExitStatus.ERROR) from None
        except Exception as error:
            raise _internal_exit(error) from None
        if isinstance(result, int) and result:
            raise typer.Exit(result)
        return result


app = typer.Typer(
    name="factcheck",
    cls=_Commands,
    help="Check drafts against a curated claims database: figures, quotes and who said what.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # --install-completion and --show-completion (bash, zsh, fish, PowerShell);
    # `import typer` imports typer.completion either way.
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Check drafts against a curated claims database."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (the console script exits with it)."""
    reserve_streams()
    _replace_unencodable()
    stdout_before = _stdout_identity()
    try:
        result = app(args=argv, prog_name="factcheck", standalone_mode=False)
        code = int(result) if isinstance(result, int) else ExitStatus.OK
        sys.stdout.flush()
        return code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write(INTERRUPTED_LINE)
        return ExitStatus.INTERRUPTED
    except click.exceptions.ClickException as error:
        if isinstance(error, getattr(click.exceptions, "NoArgsIsHelpError", ())):
            error.show()  # `factcheck` alone: the help, as click prints it
        else:
            sys.stderr.write(usage_error_line(error) + "\n")
        return ExitStatus.ERROR
    except SystemExit as error:
        # click and rich (typer's help) answer a closed stdout with exit 1, the
        # code of findings; nothing of ours raises SystemExit. The reader went away.
        if error.code == 1 and _stdout_closed_by_reader(stdout_before):
            return 128 + 13
        raise
    except (BrokenPipeError, ClosedPipe):
        # The reader went away (`| head`): point stdout at nothing so the
        # interpreter's final flush does not complain, and exit as SIGPIPE would.
        _silence_stdout()
        return 128 + 13
    except OSError as error:
        if not _is_output_failure(error):
            return _internal_code(error)
        _silence_stdout()
        sys.stderr.write(output_error_line(error) + "\n")
        return ExitStatus.ERROR
    except Exception as error:
        return _internal_code(error)


def _stdout_identity() -> tuple[int, int] | None:
    try:
        status = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # CliRunner's buffer
        return None
    return status.st_dev, status.st_ino


def _stdout_closed_by_reader(before: tuple[int, int] | None) -> bool:
    """Whether click wrapped stdout after a closed pipe, or rich pointed it at
    the null device (each does one before its ``SystemExit(1)``)."""
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":
        return True
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    now = _stdout_identity()
    return now is not None and now != before and now == (null.st_dev, null.st_ino)


def _internal_code(error: Exception) -> int:
    if os.environ.get("FACTCHECK_DEBUG"):
        raise error
    sys.stderr.write(internal_error_line(error) + "\n")
    return ExitStatus.INTERNAL


def _replace_unencodable() -> None:
    """An ASCII or Latin-1 terminal (``PYTHONIOENCODING=ascii``, ``LANG=C`` on an
    old system) gets ``?`` for ✓ and curly quotes instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _silence_stdout() -> None:
    """Point stdout at nothing, so that the interpreter's last flush of what is
    still buffered cannot fail again (and exit 120)."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # CliRunner's buffer, a closed stream
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def usage_error_line(error: click.exceptions.ClickException) -> str:
    """click's Usage/Try/Error block as the one line every other error gets:
    ``factcheck: error: <what> (see 'factcheck verify --help')``."""
    message = " ".join(error.format_message().split()).rstrip(".")
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click.exceptions.UsageError) and ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return f"factcheck: error: {visible(message)}"


def _internal_exit(error: Exception) -> typer.Exit:
    if os.environ.get("FACTCHECK_DEBUG"):
        raise error
    _flush_quietly()
    typer.echo(internal_error_line(error), err=True)
    return typer.Exit(ExitStatus.INTERNAL)


# Errors of a write that no fix of the input can cure: the output's device, or a
# stdout that is closed (``>&-``) or open for reading only (``1<file``): EBADF.
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF")
    if hasattr(errno, name)
)


def _is_output_failure(error: OSError) -> bool:
    """A failed write to a stream (stdout, or an output file being written):
    such errors name no file, unlike a failed open."""
    return error.errno in _OUTPUT_ERRNOS and error.filename is None


def output_error_line(error: OSError) -> str:
    return f"factcheck: error: cannot write the output: {error.strerror or error}"


def internal_error_line(error: BaseException) -> str:
    """A bug as one line: what was raised, and what to do about it."""
    what = visible(" ".join(str(error).split()))
    if len(what) > 200:
        what = what[:199] + "…"
    kind = type(error).__name__
    return (
        f"factcheck: internal error: {kind}{': ' + what if what else ''} "
        "(a bug in factcheck: please report it with the command that caused it; "
        "FACTCHECK_DEBUG=1 shows the traceback)"
    )


def _flush_quietly() -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
