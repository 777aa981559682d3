"""``factcheck lsp``: the language server, for editors."""

# No `from __future__ import annotations`: typer reads these signatures at run time.

import typer


def lsp(
    stdio: bool = typer.Option(
        True, "--stdio", help="Talk to the editor over stdin and stdout (the only transport)."
    ),
) -> int:
    """Run the language server: lint diagnostics, hovers and quick fixes as you write.

    Same rules, configuration, suppressions and database as `factcheck lint`.
    Needs the lsp extra: pip install 'factcheck-claims[lsp]'.
    """
    from factcheck.cli.options import end_of_startup
    from factcheck.cli.streams import stdin_bytes, stdout_bytes
    from factcheck.errors import UsageError

    try:
        from factcheck.lsp.server import serve
    except ImportError as error:
        raise UsageError(
            f"the language server needs pygls ({error.name} is missing)",
            fix="pip install 'factcheck-claims[lsp]'",
        ) from None
    # The editor's ends of the protocol: without them the server would wait for nothing.
    reader = stdin_bytes(fix="an editor starts the server with pipes on stdin and stdout")
    writer = stdout_bytes()
    end_of_startup()  # a long-running process: collect garbage again
    return serve(reader, writer)
