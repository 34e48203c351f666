"""What the commands ask of the terminal and the login: colour, and who decides."""

from __future__ import annotations

import getpass
import os
import sys
import unicodedata

# Characters that reorder text on a terminal (Trojan Source): shown escaped like controls.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                  "\u2066\u2067\u2068\u2069")


def use_color(choice: str) -> bool:
    """`--color auto|always|never`: auto is colour on a terminal unless NO_COLOR is set."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def default_reviewer() -> str:
    """The login name, recorded as who decided (`--by`)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (escape sequences, `\\r`,
    NUL...), bidirectional overrides and lone surrogates shown as `\\x1b`, `\\u202e`..."""
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    out = []
    for c in text:
        if c in _BIDI or unicodedata.category(c) in ("Cc", "Cs") or c in "\u2028\u2029":
            out.append(c.encode("unicode_escape").decode("ascii") if c != "\\" else c)
        else:
            out.append(c)
    return "".join(out)
