"""Control characters made visible in human output.

A draft from an untrusted contributor, or an imported fact-check feed, can
hold terminal escape sequences: ``ESC ] 0 ; title BEL`` retitles the
terminal, ``ESC [ 2 J`` clears it, a carriage return hides what went before
on the line. Text written for people (``verify``, ``lint``, ``claims``,
``speakers``, ``search``, ``show``, ``cite``, ``validate`` and error lines) shows
every C0 and C1 control character but tab and newline as a Python escape
(``\\x1b``), so the text is there to see and nothing acts on the terminal.
Machine formats (JSON, JSON Lines, SARIF, JUnit, GitHub commands, YAML, CSV,
annotated copies) keep the exact text; their own syntax escapes what it must.
No rich here: the plain printer and the error lines use it too.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with each control character but tab and newline as ``\\xNN``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
