"""The terminal renderer: the plain printer writes what rich would, without rich."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from rich.console import Console

from factcheck import check_text, load_database
from factcheck.render.terminal import (
    PlainPrinter,
    RichPrinter,
    counted,
    is_terminal,
    make_printer,
    render_finding,
    render_summary,
)

from conftest import CLAIMS, ROOT


def _render(printer_for) -> str:
    database = load_database(CLAIMS)
    text = (ROOT / "examples" / "draft.md").read_text(encoding="utf-8")
    findings = check_text(text, database, path="draft.md")
    buffer = io.StringIO()
    out = printer_for(buffer)
    for finding in findings:
        render_finding(out, finding, "Cite me.\tTabbed" if finding.claim else None)
    render_summary(out, Counter(f.verdict for f in findings), 1, 12)
    return buffer.getvalue()


def test_plain_printer_writes_what_rich_writes_off_a_terminal():
    plain = _render(PlainPrinter)
    assert plain == _render(lambda stream: RichPrinter(stream, color=False))
    assert "✗ figure mismatch" in plain and "\x1b[" not in plain


@pytest.mark.parametrize(
    "text", ["a\tb", "\tx\ty", "日本\tx", "1234567\tx", "12345678\tx", "two\nlines\tz", "é́\tq"]
)
def test_plain_printer_expands_tabs_as_rich_does(text):
    plain, rich = io.StringIO(), io.StringIO()
    PlainPrinter(plain).line(text)
    RichPrinter(rich, color=False).line(text)
    assert plain.getvalue() == rich.getvalue()


def test_both_printers_show_control_characters_alike():
    """Shown as escapes, not dropped (rich's Text drops BEL, BS, VT, FF and CR but sends
    ESC, so a draft's escape sequence reached the terminal)."""
    spans = ("bell\x07 back\x08 vt\x0b ff\x0c cr\r esc\x1b[2J", ("\tstyled\x1b", "bold"))
    buffer = io.StringIO()
    PlainPrinter(buffer).line(*spans)
    plain = buffer.getvalue()
    buffer = io.StringIO()
    RichPrinter(buffer, color=False).line(*spans)
    shown = "bell\\x07 back\\x08 vt\\x0b ff\\x0c cr\\x0d esc\\x1b[2J"  # 49 cells: the tab takes 7
    assert plain == buffer.getvalue() == shown + " " * 7 + "styled\\x1b\n"


def test_colour_on_request_styles_the_verdict(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    colored = _render(lambda stream: make_printer(stream, color=True))
    assert "\x1b[1;31m✗ figure mismatch\x1b[0m" in colored


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, False, False),
        ({}, True, True),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, True, False),
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, False),
        ({"TTY_COMPATIBLE": "1"}, False, True),
    ],
)
def test_is_terminal_follows_richs_rules(monkeypatch, env, tty, expected):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = io.StringIO()
    stream.isatty = lambda: tty  # type: ignore[method-assign]
    assert is_terminal(stream) is expected
    assert Console(file=stream).is_terminal is expected  # rich's own answer
    assert isinstance(make_printer(stream), RichPrinter if expected else PlainPrinter)


def test_counted_nouns_are_plural_unless_one():
    assert [counted(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]


def test_dates_are_spelled_out_the_same_in_every_locale(monkeypatch):
    """Regression: the attribution line used strftime("%B %-d, %Y"): the month's name
    followed the locale, and ``%-d`` exists only in glibc."""
    import datetime as dt
    import locale

    from factcheck.model import long_date
    from factcheck.render.terminal import attribution_line

    claim = load_database(CLAIMS).claims[0]
    dated = claim._replace(source=claim.source._replace(date=dt.date(2017, 4, 1)))
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            assert attribution_line(dated).endswith(", April 1, 2017")
        finally:
            locale.setlocale(locale.LC_TIME, "C")
    assert long_date(dt.date(2017, 4, 1)) == "April 1, 2017"
    assert attribution_line(dated).endswith(", April 1, 2017")
