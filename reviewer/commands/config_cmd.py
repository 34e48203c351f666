"""`reviewer config show`: the effective configuration and where each value came from.

Takes the same checking, output and gate options as `reviewer check`, so
`reviewer config show --language en-GB` shows what that check would use.
The output is TOML, one key a line, each followed by its source: `default`,
the file it was read from, or `command line`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reviewer.commands.common import add_check_options, settings_from_args
from reviewer.commands.reporting import add_report_options
from reviewer.config import KEYS
from reviewer.exitcodes import ExitCode
from reviewer.settings import Settings, shown


def add_parser(sub: Any) -> None:
    p = sub.add_parser("config", help="show the effective configuration")
    p.add_argument("action", choices=("show",))
    add_report_options(p)
    add_check_options(p)


def toml_value(value: Any) -> str:
    """`value` written as a TOML literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_bare(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


def _bare(key: str) -> str:
    plain = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if plain else json.dumps(key)


def render(settings: Settings) -> str:
    lines = [f"# configuration file: {settings.file or '(none found)'}"]
    for name, value, origin in shown(settings):
        if value is not None:
            lines.append(f"{name} = {toml_value(value)}  # {origin}")
        else:
            lines.append(f"# {name}: not set ({KEYS[name].help})")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(render(settings_from_args(args)))
    return ExitCode.OK
