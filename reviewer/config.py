"""Configuration files: `reviewer.toml`, `.reviewer.toml`, `[tool.reviewer]` in `pyproject.toml`.

The project's file is looked for from the working directory upwards; in each
folder `reviewer.toml` comes before `.reviewer.toml`, then a `pyproject.toml`
that has a `[tool.reviewer]` table. Without one, the file named by
`$REVIEWER_CONFIG` is used, else the user's (`reviewer.toml` in the user
configuration folder, `user_config()`), as ruff and Vale do. Every setting
is one row of `SETTINGS`: its type, its command-line option, whether it is a
key of configuration files (those are `SCHEMA`), and what it decides about
findings; the command line's overrides and the settings a review file records
are derived from it. An unknown key or a wrong type is a `ConfigError` naming
the key and the file (exit 2). The defaults ship as
package data (`reviewer/data/defaults.toml`). Turning the values into
settings is reviewer.settings.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import platformdirs

from reviewer import data
from reviewer.files import FileError, read_bounded
from reviewer.formats import Format
from reviewer.gate import FAIL_ON_CHOICES
from reviewer.model import Severity
from reviewer.patterns import PatternError, compile_pattern
from reviewer.rules.run import RuleConfigError, parse_option

CONFIG_NAME = "reviewer.toml"
HIDDEN_NAME = ".reviewer.toml"
PYPROJECT = "pyproject.toml"
CONFIG_ENV = "REVIEWER_CONFIG"  # a configuration file used where the project has none
DEFAULTS = "reviewer/data/defaults.toml"

Layer = tuple[str, Mapping[str, Any]]  # where values come from, and the values by key name


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


class Decides(Enum):
    """What a setting decides about a document's findings."""

    NOTHING = "nothing"  # which files, the outputs, the gate, the engine's resources
    FINDINGS = "the findings made"  # in the cache's digests; recorded in review files
    SHOWN = "which findings are shown"  # applied after the cache; recorded in review files
    # Shown, from a file of the project's own (reviewer-learned.json): not recorded, a
    # review file's re-check may run in another project.
    SHOWN_HERE = "which findings are shown, in this project"


RECORDED = (Decides.FINDINGS, Decides.SHOWN)  # what a review file records for `apply`


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
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _regexes(patterns: list[str]) -> str:
    for p in patterns:
        try:
            compile_pattern(p)
        except PatternError as exc:
            return str(exc)
    return ""


def _rule_options(specs: list[str]) -> str:
    for spec in specs:
        try:
            parse_option(spec)
        except RuleConfigError as exc:
            return str(exc)
    return ""


def _format_names(table: dict[str, str]) -> str:
    bad = [k for k in table if k not in _FORMATS]
    return f"unknown format {bad[0]!r} (choose from {', '.join(_FORMATS)})" if bad else ""


@dataclass(frozen=True, slots=True)
class Key:
    """One setting: its type and allowed values, its command-line option, whether
    configuration files may set it, and what it decides about findings.

    `name` is dotted for keys in sub-tables (`severity.rules`); the setting it
    fills is `field` (reviewer.settings.Settings).
    """

    name: str
    kind: Kind
    help: str
    choices: tuple[str, ...] = ()  # allowed values (of each item, for lists and tables)
    check: Callable[[Any], str] | None = None  # extra validation: an error or ""
    option: str | None = None  # the command-line option that overrides it, if any
    decides: Decides = Decides.NOTHING
    file: bool = True  # a key of configuration files (else the command line's only)

    @property
    def field(self) -> str:
        return self.name.replace(".", "_")

    @property
    def dest(self) -> str | None:
        """Where argparse puts `option`'s value: `--no-cache` sets `cache`, as argparse's
        BooleanOptionalAction does."""
        if self.option is None:
            return None
        return self.option.removeprefix("--").removeprefix("no-").replace("-", "_")


_SEVERITIES = tuple(s.value for s in Severity)
_FORMATS = tuple(f.value for f in Format)

SETTINGS: tuple[Key, ...] = (
    Key("language", Kind.STRING, "en (the variant each document mostly uses), en-US, en-GB, ...",
        option="--language", decides=Decides.FINDINGS),
    Key("mother_tongue", Kind.STRING, "the translator's language, e.g. ru (false friends)",
        option="--mother-tongue", decides=Decides.FINDINGS),
    Key("picky", Kind.BOOLEAN, "LanguageTool's picky level", option="--picky",
        decides=Decides.FINDINGS),
    Key("enable", Kind.STRINGS, "rule ids to enable", option="--enable",
        decides=Decides.FINDINGS),
    Key("disable", Kind.STRINGS, "rule ids to disable", option="--disable",
        decides=Decides.FINDINGS),
    Key("enable_categories", Kind.STRINGS, "category ids to enable",
        option="--enable-category", decides=Decides.FINDINGS),
    Key("disable_categories", Kind.STRINGS, "category ids to disable",
        option="--disable-category", decides=Decides.FINDINGS),
    Key("rule_options", Kind.STRINGS, "options of our rules: RULE.KEY=VALUE (docs/rules.md)",
        check=_rule_options, option="--rule-option", decides=Decides.FINDINGS),
    Key("severity.rules", Kind.TABLE, "severity per rule id", choices=_SEVERITIES,
        decides=Decides.FINDINGS),
    Key("severity.categories", Kind.TABLE, "severity per category id", choices=_SEVERITIES,
        decides=Decides.FINDINGS),
    Key("min_confidence", Kind.NUMBER, "hide findings below this confidence, 0-1 (--all: none; "
        "default: the confidence model's threshold)", check=lambda v: "" if v <= 1 else
        "must be at most 1", option="--min-confidence", decides=Decides.SHOWN),
    Key("learn", Kind.BOOLEAN, "adjust each rule's confidence by editors' decisions "
        "(reviewer-learned.json next to this file: `reviewer learn`)",
        decides=Decides.SHOWN_HERE),
    # Accepted words are never reported as misspelt (shown), and they make names (made).
    Key("accept_words", Kind.STRINGS, "words never reported as misspelt (names, terms); they "
        "also extend the gazetteer of names (docs/quality.md, Names)", decides=Decides.FINDINGS),
    Key("ignore_patterns", Kind.STRINGS, "regexes: findings inside a match are dropped",
        check=_regexes, decides=Decides.SHOWN),
    Key("include", Kind.STRINGS, "globs of files to check inside folders", option="--include"),
    Key("exclude", Kind.STRINGS, "globs of files and folders to skip", option="--exclude"),
    Key("cache", Kind.BOOLEAN, "reuse results of unchanged blocks (--no-cache)",
        option="--no-cache"),
    Key("server", Kind.STRINGS, "LanguageTool server URLs sharing the work (--server)",
        option="--server"),
    Key("format", Kind.STRINGS, "formats printed on stdout", choices=_FORMATS,
        option="--format"),
    Key("output", Kind.TABLE, "FORMAT = PATH: files written besides stdout",
        check=_format_names, option="--output"),
    Key("fail_on", Kind.STRING, "lowest severity that fails the check",
        choices=FAIL_ON_CHOICES, option="--fail-on"),
    Key("max_findings", Kind.COUNT, "fail above this many counted findings",
        option="--max-findings"),
    Key("max_density", Kind.NUMBER, "fail above this many counted findings per 1,000 words",
        option="--max-density"),
    Key("max_score", Kind.NUMBER, "fail above this quality score", option="--max-score"),
    # Editors' decisions mark findings as decided; they do not change them.
    Key("review_files", Kind.STRINGS,
        "review files (or folders of them) whose editors' decisions the check respects",
        option="--review-file"),
    Key("start_timeout", Kind.NUMBER, "seconds to wait for a started server",
        option="--start-timeout", file=False),
    Key("jobs", Kind.COUNT, "requests in flight per server", option="--jobs", file=False),
    # What is read: the documents cache keys on the text read, not on these.
    Key("input_format", Kind.STRING, "how to read the files", option="--input-format",
        file=False),
    Key("source", Kind.STRING, "the source text of a plain-text file", option="--source",
        file=False),
    Key("glossary", Kind.STRING, "SOURCE<TAB>TARGET terms the targets must use",
        option="--glossary", decides=Decides.FINDINGS, file=False),
)
SCHEMA: tuple[Key, ...] = tuple(k for k in SETTINGS if k.file)  # configuration files' keys
KEYS: Mapping[str, Key] = {k.name: k for k in SCHEMA}
_TABLES = frozenset(k.name.split(".")[0] for k in SCHEMA if "." in k.name)


def find_config(start: Path) -> Path | None:
    """The nearest `reviewer.toml`, `.reviewer.toml`, or `pyproject.toml` with
    `[tool.reviewer]`, upwards."""
    for folder in (start, *start.parents):
        for name in (CONFIG_NAME, HIDDEN_NAME):
            if (folder / name).is_file():
                return folder / name
        candidate = folder / PYPROJECT
        if candidate.is_file():
            tool = _read(candidate).get("tool", {})
            if isinstance(tool, dict) and "reviewer" in tool:
                return candidate
    return None


def user_config() -> Path:
    """The user's configuration file (it need not exist): `reviewer.toml` in the user
    configuration folder (~/.config/reviewer on Linux, ~/Library/Application Support/reviewer
    on macOS, %LOCALAPPDATA%\\reviewer on Windows)."""
    return platformdirs.user_config_path("reviewer", appauthor=False) / CONFIG_NAME


def fallback_config() -> Path | None:
    """Where no project file is found: `$REVIEWER_CONFIG`, else the user's file if any."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"{path}: ${CONFIG_ENV}: no such file")
        return path
    user = user_config()
    return user if user.is_file() else None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_bounded(path).decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: invalid UTF-8 at byte {exc.start}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except FileError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.cause}") from None


def load_file(path: Path) -> dict[str, Any]:
    """The validated keys of a configuration file, by dotted name."""
    data = _read(path)
    prefix = ""
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        data = tool.get("reviewer", {}) if isinstance(tool, dict) else {}
        prefix = "tool.reviewer."
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.reviewer] must be a table, got {_show(data)}")
    return validate(data, str(path), prefix)


def file_layer(config_file: str | None, use_files: bool, cwd: Path | None = None) -> Layer | None:
    """The configuration file's values: `config_file`, else the project's nearest one, else
    `$REVIEWER_CONFIG` or the user's, else None."""
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{path}: --config: no such file")
    elif use_files:
        found = find_config((cwd or Path.cwd()).resolve()) or fallback_config()
        if found is None:
            return None
        path = found
    else:
        return None
    return str(path), load_file(path)


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
        error = key.check(value) if key.check else ""
        if error:
            raise ConfigError(f"{where}: {error}")
    return flat


def _show(value: Any) -> str:
    kind = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list",
            dict: "table"}.get(type(value), type(value).__name__)
    return f"{kind} {value!r}"


def defaults() -> dict[str, Any]:
    text = data.read_text("defaults.toml")
    return validate(tomllib.loads(text), DEFAULTS)
