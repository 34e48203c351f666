"""What the checking commands share: argv → overrides → Settings, and running a check.

The command line only turns options into overrides (by setting name) and
names the configuration file; `reviewer.settings.resolve` does the rest, once.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from reviewer import config
from reviewer.checker import CheckOptions, Progress, check_documents
from reviewer.commands.progress import blocks_bar
from reviewer.exitcodes import ExitCode
from reviewer.files import MAX_BYTES
from reviewer.inputs import plain
from reviewer.inputs.registry import AUTO, FORMATS, format_for
from reviewer.inputs.registry import load as load_input
from reviewer.learn import LearnError
from reviewer.lt.client import EngineRequestError, SettingsError
from reviewer.lt.engine import Engine
from reviewer.lt.errors import ProvisionError
from reviewer.lt.server import DEFAULT_START_TIMEOUT, ServerError
from reviewer.model import Report
from reviewer.paths import Selection, expand
from reviewer.patterns import PatternError
from reviewer.rules import RULES
from reviewer.rules.run import RuleConfigError
from reviewer.rules.variants import AUTO as AUTO_LANGUAGE
from reviewer.settings import DEFAULT, NO_CACHE_ENV, Settings, check_options, resolve
from reviewer.text.document import Document, InputError, parse_document, read_document

STDIN = "-"  # the path that stands for standard input (`check -`), as in ruff and Vale


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
    g.add_argument("--language", "-l",
                   help="en (default: the variant each text mostly spells, en-US when undecided), "
                        "en-US, en-GB, ...")
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
    i.add_argument("--input-format", choices=[AUTO, *FORMATS],
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
    try:
        layer = config.file_layer(getattr(args, "config_file", None),
                                  not getattr(args, "no_config", False))
        return resolve(overrides(args), layer)
    except config.ConfigError as exc:
        raise CommandError(f"reviewer: {exc}", ExitCode.USAGE) from None


def options_for(settings: Settings) -> CheckOptions:
    """The checker's options; an unknown rule or an unreadable glossary is a usage error."""
    try:
        return check_options(settings)
    except (RuleConfigError, InputError, LearnError, PatternError) as exc:
        raise CommandError(f"reviewer: {exc}", ExitCode.USAGE) from None


def load_inputs(docs: list[Document], settings: Settings) -> list[Document]:
    """`docs` read in their input format, paired with `--source`; InputError as CommandError."""
    source, fmt = settings.source, settings.input_format
    if source and len(docs) != 1:
        raise CommandError("reviewer: --source pairs one source with one target file, "
                           f"got {len(docs)} target files", ExitCode.USAGE)
    if source and format_for(docs[0].path, fmt).name != plain.NAME:
        raise CommandError(f"reviewer: {docs[0].path}: --source pairs plain-text files; "
                           f"{format_for(docs[0].path, fmt).name} files carry their source",
                           ExitCode.USAGE)
    try:
        if source:
            return [plain.pair(docs[0], read_document(source))]
        return [load_input(d, fmt) for d in docs]
    except InputError as exc:
        raise CommandError(f"reviewer: {exc}", ExitCode.USAGE) from None


def read_stdin(name: str) -> Document:
    """Standard input as a document named `name` (its format and its findings' path)."""
    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(name, f"standard input is larger than {MAX_BYTES // 2**20} MB")
    return parse_document(name, raw)


def read_documents(paths: list[str], selection: Selection | None = None,
                   stdin_name: str | None = None) -> list[Document]:
    """Read every document or raise CommandError listing each unreadable one.

    With a `selection`, folders and globs among `paths` are expanded (reviewer.paths).
    With a `stdin_name`, the path `-` is standard input, named so.
    """
    if stdin_name is not None and paths.count(STDIN) > 1:
        raise CommandError("reviewer: `-` (standard input) given more than once",
                           ExitCode.USAGE)
    files = [p for p in paths if stdin_name is None or p != STDIN]
    entries: list[str | InputError] = list(files)
    if selection is not None:
        entries, skipped = expand(files, selection)
        if skipped:
            print(f"reviewer: note: {len(skipped)} file(s) not checked, excluded by the "
                  f"configuration: {', '.join(skipped)}", file=sys.stderr)
    docs, errors = [], []
    if stdin_name is not None and STDIN in paths:
        try:
            docs.append(read_stdin(stdin_name))
        except InputError as exc:
            errors.append(str(exc))
    for entry in entries:
        if isinstance(entry, InputError):  # a glob or folder with nothing to check
            errors.append(str(entry))
            continue
        try:
            docs.append(read_document(entry))
        except InputError as exc:
            errors.append(str(exc))
    if errors:
        raise CommandError("\n".join(f"reviewer: {e}" for e in errors), ExitCode.USAGE)
    return docs


def progress_bar() -> Progress | None:
    """A progress bar of blocks on stderr for a terminal, else nothing."""
    return blocks_bar()


def unknown_names(given: Iterable[str], known: Iterable[str], what: str = "rule") -> list[str]:
    """A warning for each of `given` not in `known`, naming the closest known names."""
    known = sorted(set(known))
    lowered = {k.lower(): k for k in known}
    out = []
    for name in dict.fromkeys(given):
        base = name.split("[", 1)[0]  # RULE[2]: LanguageTool's sub-rule syntax
        if base in known:
            continue
        close = difflib.get_close_matches(base.upper(), known, n=3, cutoff=0.6)
        if base.lower() in lowered:
            close = [lowered[base.lower()]]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        out.append(f"no {what} {name!r} in LanguageTool or reviewer{hint}")
    return out


def given_names(settings: Settings) -> tuple[list[str], list[str]]:
    """The rule ids and categories the user named (not the shipped defaults' lists)."""
    def mine(*fields: str) -> list[str]:
        return [n for f in fields if settings.origins.get(f, DEFAULT) != DEFAULT
                for n in getattr(settings, f)]

    return (mine("enable", "disable"), mine("enable_categories", "disable_categories"))


def warn_unknown(engine: Engine, options: CheckOptions,
                  names: tuple[list[str], list[str]]) -> None:
    """Warn (stderr) about ids and categories the user named that no rule has.

    Asked of a server only when this run has one up (a run the cache answered
    whole starts none for a warning).
    """
    rule_names, categories = names
    if not (rule_names or categories) or not engine.running:
        return
    lt = options.languagetool
    if lt.language.lower() == AUTO_LANGUAGE:  # each document's variant: ask en-US's rules
        lt = replace(lt, language="en-US")
    rules = engine.client(lt).rules()
    known_categories = {r.get("categoryId", "") for r in rules.values()} | {
        r.category for r in RULES.values()}
    for line in [*unknown_names(rule_names, [*rules, *RULES]),
                 *unknown_names(categories, known_categories - {""}, "category")]:
        print(f"reviewer: warning: {line}", file=sys.stderr)


@contextmanager
def engine_session(options: CheckOptions) -> Iterator[Engine]:
    """The engine of a run (no JVM until a block needs one); its errors as CommandError."""
    try:
        with Engine(options.server, start_timeout=options.start_timeout) as engine:
            yield engine
    except (ServerError, ProvisionError) as exc:
        raise CommandError(f"reviewer: {exc}", ExitCode.ENGINE) from None
    except SettingsError as exc:
        raise CommandError(f"reviewer: {exc}", ExitCode.USAGE) from None
    except EngineRequestError as exc:
        raise CommandError(f"reviewer: LanguageTool: {exc}", ExitCode.ENGINE) from None


def run_check(docs: list[Document], options: CheckOptions,
              names: tuple[list[str], list[str]] = ([], [])) -> Report:
    """Check documents already read in their input format; errors become CommandError.

    `names`: rule ids and categories the user named, to warn about unknown ones.
    """
    with engine_session(options) as engine:
        report = check_documents(docs, engine, options, progress_bar())
        warn_unknown(engine, options, names)
        return report


def check_paths(paths: list[str], settings: Settings, whole: bool = True,
                stdin_name: str | None = None) -> tuple[list[Document], Report, CheckOptions]:
    """Read `paths` (folders and globs expanded when `whole`; `-` is standard input named
    `stdin_name` when one is given), check them, return all three."""
    docs = read_documents(paths, settings.selection() if whole else None, stdin_name)
    options = options_for(settings)
    loaded = load_inputs(docs, settings)
    return docs, run_check(loaded, options, given_names(settings)), options


__all__ = ["CommandError", "add_check_options", "add_config_options",
           "add_engine_options", "check_paths", "engine_session", "given_names", "load_inputs",
           "options_for", "overrides", "read_documents", "read_stdin", "run_check",
           "settings_from_args", "warn_unknown"]
