"""Configuration: `reviewer.toml` or `[tool.reviewer]` in `pyproject.toml`.

The file is looked for from the working directory upwards; in each folder
`reviewer.toml` comes before a `pyproject.toml` that has a `[tool.reviewer]`
table. Every key is listed in `SCHEMA` with its type; an unknown key or a
wrong type is a `ConfigError` naming the key and the file (exit 2). The
defaults ship as package data (`reviewer/data/defaults.toml`).

Precedence, per key: a command-line option, then the file, then the default.
A command-line list replaces the file's list (it is not appended to).
"""

from __future__ import annotations

import argparse
import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from reviewer.formats import Format
from reviewer.gate import FAIL_ON_CHOICES
from reviewer.model import Severity
from reviewer.severity import SeverityMap

CONFIG_NAME = "reviewer.toml"
PYPROJECT = "pyproject.toml"
DEFAULT = "default"
COMMAND_LINE = "command line"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class Kind(Enum):
    STRING = "a string"
    BOOLEAN = "a boolean (true or false)"
    COUNT = "a whole number, 0 or more"
    NUMBER = "a number, 0 or more"
    STRINGS = "a list of strings"
    TABLE = "a table of strings"


def _is(kind: Kind, value: Any) -> bool:
    if kind is Kind.STRING:
        return isinstance(value, str)
    if kind is Kind.BOOLEAN:
        return isinstance(value, bool)
    if kind is Kind.COUNT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if kind is Kind.NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    if kind is Kind.STRINGS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _regexes(patterns: list[str]) -> str:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            return f"invalid regular expression {p!r}: {exc}"
    return ""


@dataclass(frozen=True, slots=True)
class Key:
    """One configuration key: its type, its values and the option that overrides it."""

    name: str  # dotted for keys in sub-tables: "severity.rules"
    kind: Kind
    help: str
    dest: str = ""  # the argparse destination that overrides it, if any
    choices: tuple[str, ...] = ()  # allowed values (of each item, for lists and tables)
    check: Callable[[Any], str] | None = None  # extra validation: an error or ""
    to_arg: Callable[[Any], Any] = field(default=lambda v: v)


_SEVERITIES = tuple(s.value for s in Severity)
_FORMATS = tuple(f.value for f in Format)

SCHEMA: tuple[Key, ...] = (
    Key("language", Kind.STRING, "language and variant: en-US, en-GB, ...", dest="language"),
    Key("mother_tongue", Kind.STRING, "the translator's language, e.g. ru (false friends)",
        dest="mother_tongue"),
    Key("picky", Kind.BOOLEAN, "LanguageTool's picky level", dest="picky"),
    Key("enable", Kind.STRINGS, "rule ids to enable", dest="enable"),
    Key("disable", Kind.STRINGS, "rule ids to disable", dest="disable"),
    Key("enable_categories", Kind.STRINGS, "category ids to enable", dest="enable_category"),
    Key("disable_categories", Kind.STRINGS, "category ids to disable", dest="disable_category"),
    Key("severity.rules", Kind.TABLE, "severity per rule id", choices=_SEVERITIES),
    Key("severity.categories", Kind.TABLE, "severity per category id", choices=_SEVERITIES),
    Key("accept_words", Kind.STRINGS, "words never reported as misspelt (names, terms)"),
    Key("ignore_patterns", Kind.STRINGS, "regexes: findings inside a match are dropped",
        check=_regexes),
    Key("include", Kind.STRINGS, "globs of files to check inside folders", dest="include"),
    Key("exclude", Kind.STRINGS, "globs of files and folders to skip", dest="exclude"),
    Key("cache", Kind.BOOLEAN, "reuse results of unchanged blocks (--no-cache)", dest="cache"),
    Key("format", Kind.STRINGS, "formats printed on stdout", dest="format", choices=_FORMATS,
        to_arg=lambda v: [Format(x) for x in v]),
    Key("output", Kind.TABLE, "FORMAT = PATH: files written besides stdout", dest="output",
        to_arg=lambda v: [(Format(k), p) for k, p in v.items()]),
    Key("fail_on", Kind.STRING, "lowest severity that fails the check", dest="fail_on",
        choices=FAIL_ON_CHOICES),
    Key("max_findings", Kind.COUNT, "fail above this many counted findings",
        dest="max_findings"),
    Key("max_density", Kind.NUMBER, "fail above this many counted findings per 1,000 words",
        dest="max_density"),
    Key("max_score", Kind.NUMBER, "fail above this quality score", dest="max_score"),
)
KEYS: Mapping[str, Key] = {k.name: k for k in SCHEMA}
_TABLES = frozenset(k.name.split(".")[0] for k in SCHEMA if "." in k.name)


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration: each key's value and where it came from."""

    values: Mapping[str, Any]
    sources: Mapping[str, str]  # key -> "default", a file path, or "command line"
    file: Path | None = None

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def severities(self) -> SeverityMap:
        return SeverityMap(
            rules={k: Severity(v) for k, v in self.get("severity.rules", {}).items()},
            categories={k: Severity(v) for k, v in self.get("severity.categories", {}).items()},
        )


def find_config(start: Path) -> Path | None:
    """The nearest `reviewer.toml`, or `pyproject.toml` with `[tool.reviewer]`, upwards."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and "reviewer" in _read(candidate).get("tool", {}):
            return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def load_file(path: Path) -> dict[str, Any]:
    """The validated keys of a configuration file, by dotted name."""
    data = _read(path)
    prefix = ""
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        data = tool.get("reviewer", {}) if isinstance(tool, dict) else {}
        prefix = "tool.reviewer."
    return validate(data, str(path), prefix)


def validate(data: Mapping[str, Any], origin: str, prefix: str = "") -> dict[str, Any]:
    """Check `data` against `SCHEMA`; returns it flattened to dotted names."""
    flat: dict[str, Any] = {}
    for name, value in data.items():
        if name in _TABLES and isinstance(value, dict):
            flat.update({f"{name}.{k}": v for k, v in value.items()})
        else:
            flat[name] = value
    for name, value in flat.items():
        key = KEYS.get(name)
        where = f"{origin}: key '{prefix}{name}'"
        if key is None:
            close = difflib.get_close_matches(name, list(KEYS), n=1)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
            raise ConfigError(f"{origin}: unknown key '{prefix}{name}'{hint}")
        if not _is(key.kind, value):
            raise ConfigError(f"{where}: expected {key.kind.value}, got {_show(value)}")
        items = value if key.kind is Kind.STRINGS else (
            list(value.values()) if key.kind is Kind.TABLE else [value])
        bad = [v for v in items if key.choices and v not in key.choices]
        if bad:
            raise ConfigError(f"{where}: {bad[0]!r} is not one of {', '.join(key.choices)}")
        if key.name == "output":
            bad = [k for k in value if k not in _FORMATS]
            if bad:
                raise ConfigError(f"{where}: unknown format {bad[0]!r} "
                                  f"(choose from {', '.join(_FORMATS)})")
        error = key.check(value) if key.check else ""
        if error:
            raise ConfigError(f"{where}: {error}")
    return flat


def _show(value: Any) -> str:
    kind = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list",
            dict: "table"}.get(type(value), type(value).__name__)
    return f"{kind} {value!r}"


def defaults() -> dict[str, Any]:
    text = resources.files("reviewer.data").joinpath("defaults.toml").read_text("utf-8")
    return validate(tomllib.loads(text), "reviewer/data/defaults.toml")


def _given(value: Any) -> bool:
    return value is not None and value != []


def resolve(args: argparse.Namespace, cwd: Path | None = None) -> Config:
    """The effective configuration for `args`, which is filled in where not given.

    `args.config_file` names a file (`--config`), `args.no_config` skips files.
    """
    values: dict[str, Any] = defaults()
    sources = dict.fromkeys(values, DEFAULT)
    path: Path | None = None
    if getattr(args, "config_file", None):
        path = Path(args.config_file)
        if not path.is_file():
            raise ConfigError(f"{path}: --config: no such file")
    elif not getattr(args, "no_config", False):
        path = find_config((cwd or Path.cwd()).resolve())
    if path is not None:
        loaded = load_file(path)
        values.update(loaded)
        sources.update(dict.fromkeys(loaded, str(path)))
    for key in SCHEMA:
        if not key.dest or not hasattr(args, key.dest):
            continue
        given = getattr(args, key.dest)
        if _given(given):
            values[key.name] = _from_arg(given)
            sources[key.name] = COMMAND_LINE
        elif key.name in values:
            setattr(args, key.dest, key.to_arg(values[key.name]))
    return Config(values, sources, path)


def _from_arg(value: Any) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return {str(k): v for k, v in value}
    if isinstance(value, list):
        return [str(v) for v in value]
    return value


def apply(args: argparse.Namespace) -> Config | None:
    """Resolve once for commands that take the configuration options; else None."""
    if not hasattr(args, "config_file"):
        return None
    cfg = getattr(args, "config", None)
    if not isinstance(cfg, Config):
        cfg = resolve(args)
        args.config = cfg
    return cfg


def add_config_options(p: Any) -> None:
    """`--config FILE` and `--no-config`, for every command that reads the configuration."""
    g = p.add_argument_group("configuration")
    g.add_argument("--config", dest="config_file", metavar="FILE",
                   help=f"use this file (default: the nearest {CONFIG_NAME}, or "
                        f"{PYPROJECT} with [tool.reviewer], from here upwards)")
    g.add_argument("--no-config", action="store_true",
                   help="ignore configuration files: defaults and options only")
