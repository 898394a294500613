"""Make untrusted article text safe to show in a terminal."""

from __future__ import annotations

import regex

# C0/C1 controls except tab/newline, DEL, and the bidi embedding/override/isolate marks.
_CONTROL = regex.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def clean(text: str) -> str:
    """Strip terminal control sequences and bidi overrides; newlines become spaces."""
    return _CONTROL.sub("", text).replace("\n", " ")
