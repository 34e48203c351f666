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

from reviewer.commands.common import CommandError, add_check_options, configure
from reviewer.commands.reporting import add_report_options
from reviewer.config import SCHEMA, Config
from reviewer.exitcodes import ExitCode


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


def render(cfg: Config) -> str:
    lines = [f"# configuration file: {cfg.file or '(none found)'}"]
    for key in SCHEMA:
        if key.name in cfg.values:
            lines.append(f"{key.name} = {toml_value(cfg.values[key.name])}"
                         f"  # {cfg.sources[key.name]}")
        else:
            lines.append(f"# {key.name}: not set ({key.help})")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        cfg = configure(args)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    sys.stdout.write(render(cfg))
    return ExitCode.OK
