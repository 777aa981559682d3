"""factcheck: check drafts against a curated claims database.

The public API is re-exported lazily so that ``import factcheck`` stays cheap
for the command line; see :func:`__getattr__`.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check_text", "load_database"]


def __getattr__(name: str):
    """Import the core only when a caller asks for it (keeps CLI start-up lean)."""
    if name == "load_database":
        from factcheck.db.database import load_database

        return load_database
    if name == "check_text":
        from factcheck.check.checker import check_text

        return check_text
    raise AttributeError(name)
