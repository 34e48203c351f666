"""What the commands ask of the terminal and the login: colour, and who decides."""

from __future__ import annotations

import getpass
import os
import sys


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
