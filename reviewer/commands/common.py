"""What the commands share: their options, argv → overrides → Settings, CommandError.

The command line only turns options into overrides (by setting name) and
names the configuration file; `reviewer.settings.resolve` does the rest, once.
The runs themselves live below (reviewer.pipelines.session, reviewer.review).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from reviewer import config
from reviewer.inputs.registry import BY_EXTENSION, FORMATS
from reviewer.lt.server import DEFAULT_START_TIMEOUT
from reviewer.settings import NO_CACHE_ENV, Settings, resolve


class CommandError(Exception):
    """Ends a command with one line on stderr and the given exit code (reviewer.cli)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _fraction(value: str) -> float:
    x = float(value)
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {value}")
    return x


def add_check_options(p: Any) -> None:
    """Checking, files, inputs, configuration and engine options (`check`, `review`...)."""
    g = p.add_argument_group("checking")
    # Defaults are None: what the command line leaves out comes from reviewer.settings.
    g.add_argument("--language", "-l", metavar="LANG",
                   help="en-US, en-GB, ... or en: each document in the variant it mostly "
                        "spells, en-US when undecided (default: en, or the configuration's)")
    g.add_argument("--mother-tongue", metavar="LANG", help="e.g. ru: enables false-friend rules")
    g.add_argument("--picky", action=argparse.BooleanOptionalAction,
                   help="LanguageTool's picky level")
    g.add_argument("--enable", type=_csv, action="extend", metavar="RULES",
                   help="rule ids to enable (comma-separated)")
    g.add_argument("--disable", type=_csv, action="extend", metavar="RULES",
                   help="rule ids to disable (comma-separated)")
    g.add_argument("--enable-category", type=_csv, action="extend", metavar="CATS")
    g.add_argument("--disable-category", type=_csv, action="extend", metavar="CATS")
    shown = g.add_mutually_exclusive_group()
    shown.add_argument("--min-confidence", type=_fraction, metavar="X",
                       help="hide findings whose confidence is below X, 0-1 (default: the "
                            "confidence model's threshold; `config show` prints it)")
    shown.add_argument("--all", dest="min_confidence", action="store_const", const=0.0,
                       help="show every finding, whatever its confidence")
    g.add_argument("--rule-option", action="append", metavar="RULE.KEY=VALUE",
                   help="an option of a TQA_* rule, e.g. TQA_FOREIGN_QUOTES.style=curly "
                        "(docs/rules.md; repeatable)")
    f = p.add_argument_group("files and cache")
    f.add_argument("--include", action="append", metavar="GLOB",
                   help="files to check inside folders (repeatable; default: *.txt, *.md, "
                        "*.html, *.xlf, *.xliff, *.po)")
    f.add_argument("--exclude", action="append", metavar="GLOB",
                   help="files and folders to skip (repeatable)")
    f.add_argument("--no-cache", dest="cache", action="store_false", default=None,
                   help=f"send every block, even unchanged ones (also ${NO_CACHE_ENV}=1)")
    add_input_options(p)
    add_config_options(p)
    add_engine_options(p)


def add_input_options(p: Any) -> None:
    """--input-format, --source and --glossary (docs/inputs.md)."""
    i = p.add_argument_group("input formats and bilingual checks (docs/inputs.md)")
    i.add_argument("--input-format", choices=[BY_EXTENSION, *FORMATS],
                   help="how to read the files (default: by extension; .txt and unknown "
                        "extensions are plain text)")
    i.add_argument("--source", metavar="FILE",
                   help="the source text of a plain-text FILE, paired by paragraph: "
                        "enables the source/target checks")
    i.add_argument("--glossary", metavar="TSV",
                   help="SOURCE<TAB>TARGET terms the targets must use (XLIFF, PO, --source)")


def add_config_options(p: Any) -> None:
    """`--config FILE` and `--no-config`, for every command that reads the configuration."""
    g = p.add_argument_group("configuration")
    g.add_argument("--config", dest="config_file", metavar="FILE",
                   help=f"use this file (default: the nearest {config.CONFIG_NAME}, "
                        f"{config.HIDDEN_NAME} or {config.PYPROJECT} with [tool.reviewer], "
                        f"from here upwards; else ${config.CONFIG_ENV}, else "
                        f"{config.user_config()})")
    g.add_argument("--no-config", action="store_true",
                   help="ignore configuration files: defaults and options only")


def add_engine_options(p: Any) -> None:
    """--server, --start-timeout and --jobs."""
    e = p.add_argument_group("engine")
    e.add_argument("--server", metavar="URL", action="append",
                   help="use this LanguageTool server; repeat it for a pool that shares the "
                        "work (default: $REVIEWER_SERVER, comma-separated, the background "
                        "server, or one started for this run)")
    e.add_argument("--start-timeout", type=float, metavar="S",
                   help=f"seconds to wait for a started server (default {DEFAULT_START_TIMEOUT:g})")
    e.add_argument("--jobs", "-j", type=int,
                   help="requests in flight per server (default: two per core)")


# argparse destination -> setting; options not given (None or empty) are not overrides.
OVERRIDES: Mapping[str, str] = {k.dest: k.field for k in config.SETTINGS if k.dest}


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the command line gives, by setting name."""
    out: dict[str, Any] = {}
    for dest, name in OVERRIDES.items():
        value = getattr(args, dest, None)
        if value is None or value == []:
            continue
        out[name] = tuple(value) if isinstance(value, list) else value
    return out


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The settings of this run: defaults, the configuration file, the command line."""
    layer = config.file_layer(getattr(args, "config_file", None),
                              not getattr(args, "no_config", False))
    return resolve(overrides(args), layer)  # a ConfigError ends the command (reviewer.cli)

