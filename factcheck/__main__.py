"""The entry point of ``python -m factcheck`` and of the ``factcheck`` script.

The garbage collector is off while a command starts: importing typer, rich
and the core and opening the database allocate many long-lived objects and
no garbage, and the collections they would trigger cost about 7 ms of a
cold ``factcheck verify``. ``factcheck.cli.options.end_of_startup`` turns
it back on once the database is open, and ``factcheck.cli.main`` in any case.
"""

import gc
import sys


def run() -> None:
    """Console-script entry point."""
    gc.disable()
    from factcheck.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
