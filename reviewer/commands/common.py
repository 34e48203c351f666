"""Options shared by the commands that check documents, and running a check."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from reviewer import config
from reviewer.cache import FILE_NAME as CACHE_FILE
from reviewer.checker import CheckOptions, Progress, check_documents, default_jobs
from reviewer.inputs import plain
from reviewer.inputs.registry import AUTO, FORMATS, format_for
from reviewer.inputs.registry import load as load_input
from reviewer.lt.client import EngineRequestError, LTSettings, SettingsError
from reviewer.lt.engine import Engine
from reviewer.lt.provision import ProvisionError, cache_dir
from reviewer.lt.server import DEFAULT_START_TIMEOUT, ServerError
from reviewer.model import Report
from reviewer.paths import Selection, expand
from reviewer.rules import is_ours
from reviewer.rules import run as rule_pack
from reviewer.rules.base import OptionValue
from reviewer.rules.glossary import Term, read_glossary
from reviewer.suppress import Suppressor
from reviewer.text.document import Document, InputError, read_document

NO_CACHE_ENV = "REVIEWER_NO_CACHE"


class CommandError(Exception):
    """Ends a command with one line on stderr and the given exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_check_options(p: Any) -> None:
    g = p.add_argument_group("checking")
    # Defaults are None: reviewer.config fills what the command line leaves out.
    g.add_argument("--language", "-l", help="en-US (default), en-GB, ...")
    g.add_argument("--mother-tongue", metavar="LANG", help="e.g. ru: enables false-friend rules")
    g.add_argument("--picky", action=argparse.BooleanOptionalAction,
                   help="LanguageTool's picky level")
    g.add_argument("--enable", type=_csv, action="extend", metavar="RULES",
                   help="rule ids to enable (comma-separated)")
    g.add_argument("--disable", type=_csv, action="extend", metavar="RULES",
                   help="rule ids to disable (comma-separated)")
    g.add_argument("--enable-category", type=_csv, action="extend", metavar="CATS")
    g.add_argument("--disable-category", type=_csv, action="extend", metavar="CATS")
    g.add_argument("--rule-option", action="append", default=[], metavar="RULE.KEY=VALUE",
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
    config.add_config_options(p)
    add_engine_options(p)


def add_input_options(p: Any) -> None:
    """--input-format, --source and --glossary (docs/inputs.md)."""
    i = p.add_argument_group("input formats and bilingual checks (docs/inputs.md)")
    i.add_argument("--input-format", choices=[AUTO, *FORMATS], default=AUTO,
                   help="how to read the files (default: by extension; .txt and unknown "
                        "extensions are plain text)")
    i.add_argument("--source", metavar="FILE",
                   help="the source text of a plain-text FILE, paired by paragraph: "
                        "enables the source/target checks")
    i.add_argument("--glossary", metavar="TSV",
                   help="SOURCE<TAB>TARGET terms the targets must use (XLIFF, PO, --source)")


def load_inputs(docs: list[Document], args: argparse.Namespace) -> list[Document]:
    """`docs` read in their input format, paired with `--source`; InputError as CommandError."""
    source = getattr(args, "source", None)
    if source and len(docs) != 1:
        raise CommandError("reviewer: --source pairs one source with one target file, "
                           f"got {len(docs)} target files", 2)
    fmt = getattr(args, "input_format", AUTO)
    if source and format_for(docs[0].path, fmt).name != plain.NAME:
        raise CommandError(f"reviewer: {docs[0].path}: --source pairs plain-text files; "
                           f"{format_for(docs[0].path, fmt).name} files carry their source", 2)
    try:
        if source:
            return [plain.pair(docs[0], read_document(source))]
        return [load_input(d, fmt) for d in docs]
    except InputError as exc:
        raise CommandError(f"reviewer: {exc}", 2) from None


def add_engine_options(p: Any) -> None:
    """--server, --start-timeout and --jobs (for commands that check with fixed settings)."""
    e = p.add_argument_group("engine")
    e.add_argument("--server", metavar="URL",
                   help="use this LanguageTool server (default: $REVIEWER_SERVER, the "
                        "background server, or one started for this run)")
    e.add_argument("--start-timeout", type=float, default=DEFAULT_START_TIMEOUT, metavar="S",
                   help="seconds to wait for a started server (default 60)")
    e.add_argument("--jobs", "-j", type=int, default=default_jobs(),
                   help="parallel requests (default: one per core)")


def settings_from_args(args: argparse.Namespace) -> LTSettings:
    # TQA_* ids belong to our rule pack (pack_from_args), the others to LanguageTool.
    return LTSettings(
        language=args.language,
        mother_tongue=args.mother_tongue,
        picky=args.picky,
        enabled_rules=tuple(sorted({r for r in args.enable if not is_ours(r)})),
        disabled_rules=tuple(sorted({r for r in args.disable if not is_ours(r)})),
        enabled_categories=tuple(sorted(set(args.enable_category))),
        disabled_categories=tuple(sorted(set(args.disable_category))),
    )


def pack_from_args(args: argparse.Namespace) -> rule_pack.RuleConfig:
    """The rule pack's settings: TQA_* ids of --enable/--disable, categories, --rule-option."""
    options: dict[str, dict[str, OptionValue]] = {}
    try:
        rule_pack.check_rule_ids(
            [*args.enable, *args.disable])
        for spec in getattr(args, "rule_option", None) or []:
            rule_id, key, value = rule_pack.parse_option(spec)
            options.setdefault(rule_id, {})[key] = value
    except rule_pack.RuleConfigError as exc:
        raise CommandError(f"reviewer: {exc}", 2) from None
    return rule_pack.RuleConfig(
        language=args.language,
        # --enable turns a rule back on that the configuration (or its defaults) disables.
        disabled=frozenset(r for r in args.disable
                           if is_ours(r) and r not in args.enable),
        disabled_categories=frozenset(args.disable_category),
        options=options,
    )


def selection_from_args(args: argparse.Namespace) -> Selection:
    """The include/exclude globs of the configuration and the command line."""
    cfg = configure(args)
    return Selection(tuple(cfg.get("include", ())), tuple(cfg.get("exclude", ())))


def read_documents(paths: list[str], selection: Selection | None = None) -> list[Document]:
    """Read every document or raise CommandError listing each unreadable one.

    With a `selection`, folders and globs among `paths` are expanded (reviewer.paths).
    """
    entries: list[str | InputError] = list(paths)
    if selection is not None:
        entries, skipped = expand(paths, selection)
        if skipped:
            print(f"reviewer: note: {len(skipped)} file(s) not checked, excluded by the "
                  f"configuration: {', '.join(skipped)}", file=sys.stderr)
    docs, errors = [], []
    for entry in entries:
        if isinstance(entry, InputError):  # a glob or folder with nothing to check
            errors.append(str(entry))
            continue
        try:
            docs.append(read_document(entry))
        except InputError as exc:
            errors.append(str(exc))
    if errors:
        raise CommandError("\n".join(f"reviewer: {e}" for e in errors), 2)
    return docs


def progress_bar() -> Progress | None:
    """A progress bar on stderr for a terminal, else nothing."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        if total < 8:
            return
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} blocks{end}")
        sys.stderr.flush()

    return show


def run_check(docs: list[Document], args: argparse.Namespace, options: CheckOptions) -> Report:
    """Check `docs` on the engine the arguments name; errors become CommandError.

    Documents are read in their input format first (reviewer.inputs); the
    checker runs the bilingual checks on those with a source.
    """
    docs = load_inputs(docs, args)
    try:
        with Engine(args.server, start_timeout=args.start_timeout) as engine:
            return check_documents(docs, engine, options, progress_bar())
    except (ServerError, ProvisionError) as exc:
        raise CommandError(f"reviewer: {exc}", 3) from None
    except SettingsError as exc:
        raise CommandError(f"reviewer: {exc}", 2) from None
    except EngineRequestError as exc:
        raise CommandError(f"reviewer: LanguageTool: {exc}", 3) from None


def _glossary(args: argparse.Namespace) -> tuple[Term, ...]:
    path = getattr(args, "glossary", None)
    if not path:
        return ()
    try:
        return read_glossary(path)
    except InputError as exc:
        raise CommandError(f"reviewer: {exc}", 2) from None


def configure(args: argparse.Namespace) -> config.Config:
    """The effective configuration, filling `args` (once); a bad file is a CommandError."""
    try:
        cfg = config.apply(args)
    except config.ConfigError as exc:
        raise CommandError(f"reviewer: {exc}", 2) from None
    assert cfg is not None, "the command has no configuration options"
    return cfg


def options_from_args(args: argparse.Namespace) -> CheckOptions:
    cfg = configure(args)
    use_cache = bool(cfg.get("cache", True)) and not os.environ.get(NO_CACHE_ENV)
    return CheckOptions(
        languagetool=settings_from_args(args),
        severities=cfg.severities(),
        jobs=max(1, args.jobs),
        cache_path=cache_dir() / CACHE_FILE if use_cache else None,
        suppress=Suppressor.build(cfg.get("accept_words", ()), cfg.get("ignore_patterns", ())),
        rules=pack_from_args(args),
        glossary=_glossary(args),
    )
