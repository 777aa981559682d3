"""The command line: typer commands wired to the core, and one exit path.

Each command lives in a module of this package and only parses options,
calls the core and renders, returning its exit code. ``_Commands`` decides
the exit code once, for the console script and for ``CliRunner`` alike: a
``FactcheckError`` becomes one line on stderr and exit 2, a returned int the
exit code. ``main`` adds what only a real process sees: Ctrl-C exits 130, a
closed stdout (``| head``) ends quietly.
"""

from __future__ import annotations

import contextlib
import os
import sys

import typer

try:  # typer >= 0.20 vendors click as typer._click and raises its exceptions
    from typer import _click as click
except ImportError:
    import click

from typer.core import TyperGroup

from factcheck import __version__
from factcheck.errors import ExitStatus, FactcheckError


class _Commands(TyperGroup):
    """The command group: turns errors and returned exit codes into exits."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            result = super().invoke(ctx)
        except FactcheckError as error:
            _flush_quietly()
            typer.echo(f"factcheck: error: {error}", err=True)
            raise typer.Exit(error.status) from None
        if isinstance(result, int) and result:
            raise typer.Exit(result)
        return result


app = typer.Typer(
    name="factcheck",
    cls=_Commands,
    help="Check drafts against a curated claims database: figures, quotes and who said what.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
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


def _register() -> None:
    """Attach every command module's commands to the app."""
    from factcheck.cli import editors, verify

    app.command("verify")(verify.verify)
    app.command("claims")(editors.claims)
    app.command("speakers")(editors.speakers)
    app.command("show")(editors.show)
    app.command("cite")(editors.cite)
    from factcheck.cli import lint

    app.command("lint")(lint.lint)
    app.command("config")(lint.config)
    from factcheck.cli import curate

    app.command("validate")(curate.validate)
    app.command("extract")(curate.extract)
    app.command("add")(curate.add)
    from factcheck.cli import data, search

    app.command("search")(search.search)
    app.command("import")(data.import_claims)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (the console script exits with it)."""
    try:
        result = app(args=argv, prog_name="factcheck", standalone_mode=False)
        code = int(result) if isinstance(result, int) else ExitStatus.OK
        sys.stdout.flush()
        return code
    except typer.Abort:
        sys.stderr.write("\nfactcheck: interrupted\n")
        return ExitStatus.INTERRUPTED
    except KeyboardInterrupt:
        sys.stderr.write("\nfactcheck: interrupted\n")
        return ExitStatus.INTERRUPTED
    except click.exceptions.ClickException as error:
        error.show()
        return ExitStatus.ERROR
    except BrokenPipeError:
        # The reader went away (`| head`): point stdout at nothing so the
        # interpreter's final flush does not complain, and exit as SIGPIPE would.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13


def _flush_quietly() -> None:
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stdout.flush()


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
