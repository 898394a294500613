"""Make untrusted article text safe to show in a terminal.

Article text, file names and messages quoting them reach the terminal report.
Escape sequences could recolour, retitle or hyperlink the terminal (OSC 8), a
backspace or carriage return could overwrite what the editor reads, and bidi
overrides could reorder it ("Trojan Source").  ``clean`` removes all of these;
Rich markup needs no escaping because the renderers print ``rich.text.Text``
objects, which are never parsed as markup.
"""

from __future__ import annotations

from kzaudit import regexcache

_CONTROL = regexcache.compile(
    r"\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]?"  # CSI (ECMA-48), possibly cut short
    r"|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"  # OSC: title, hyperlink, clipboard
    r"|\x1b[PX^_][^\x1b]{0,4096}(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # other C0/C1 controls (tab and newline kept)
    r"|[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"  # bidi marks, embeddings, isolates
)
_LINE_BREAKS = str.maketrans({"\n": " ", "\t": " ", "\u2028": " ", "\u2029": " "})


def clean(text: str) -> str:
    """Strip terminal control sequences and bidi controls; line breaks become spaces."""
    return _CONTROL.sub("", text).translate(_LINE_BREAKS)
