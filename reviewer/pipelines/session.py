"""A checking run around the checker: documents read, inputs loaded, the engine's life.

`check`, `baseline`, `review`, `serve`'s Re-check and `apply`'s re-check all
take this road from paths and `Settings` to a `Report`. What stops a run is
raised as one of two errors, whose message is the one line the user reads
(multi-line messages start each further line with `reviewer: `);
`reviewer.cli` turns them into exit codes, and the live site into
HTTP answers.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from reviewer.checker import CheckOptions, Progress, check_documents
from reviewer.files import MAX_BYTES
from reviewer.inputs import plain
from reviewer.inputs.registry import format_for
from reviewer.inputs.registry import load as load_input
from reviewer.learn import LearnError
from reviewer.lt.client import EngineRequestError, SettingsError
from reviewer.lt.engine import Engine
from reviewer.lt.errors import ProvisionError
from reviewer.lt.server import ServerError
from reviewer.model import Report
from reviewer.paths import Selection, expand
from reviewer.patterns import PatternError
from reviewer.rules import RULES
from reviewer.rules.run import RuleConfigError
from reviewer.rules.variants import document_variant
from reviewer.settings import DEFAULT, Settings, check_options
from reviewer.text.document import Document, InputError, parse_document, read_document

STDIN = "-"  # the path that stands for standard input (`check -`), as in ruff and Vale


class UsageError(Exception):
    """What was asked cannot be done: a bad setting, input or combination (exit 2)."""


class EngineFailure(Exception):
    """LanguageTool could not be provisioned, started or reached, or a block could not
    be checked (exit 3)."""


def options_for(settings: Settings) -> CheckOptions:
    """The checker's options; an unknown rule or an unreadable glossary is a UsageError."""
    try:
        return check_options(settings)
    except (RuleConfigError, InputError, LearnError, PatternError) as exc:
        raise UsageError(str(exc)) from None


def load_inputs(docs: list[Document], settings: Settings) -> list[Document]:
    """`docs` read in their input format, paired with `--source`; raises UsageError."""
    source, fmt = settings.source, settings.input_format
    if source and len(docs) != 1:
        raise UsageError("--source pairs one source with one target file, "
                         f"got {len(docs)} target files")
    if source and format_for(docs[0].path, fmt).name != plain.NAME:
        raise UsageError(f"{docs[0].path}: --source pairs plain-text files; "
                         f"{format_for(docs[0].path, fmt).name} files carry their source")
    try:
        if source:
            return [plain.pair(docs[0], read_document(source))]
        return [load_input(d, fmt) for d in docs]
    except InputError as exc:
        raise UsageError(str(exc)) from None


def read_stdin(name: str) -> Document:
    """Standard input as a document named `name` (its format and its findings' path)."""
    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(name, f"standard input is larger than {MAX_BYTES // 2**20} MB")
    return parse_document(name, raw)


def read_documents(paths: list[str], selection: Selection | None = None,
                   stdin_name: str | None = None) -> list[Document]:
    """Read every document or raise UsageError listing each unreadable one.

    With a `selection`, folders and globs among `paths` are expanded (reviewer.paths).
    With a `stdin_name`, the path `-` is standard input, named so.
    """
    if stdin_name is not None and paths.count(STDIN) > 1:
        raise UsageError("`-` (standard input) given more than once")
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
        raise UsageError("\nreviewer: ".join(errors))
    return docs


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
    asked = replace(lt, language=document_variant(lt.language))  # no document: undecided
    rules = engine.client(asked).rules()
    known_categories = {r.get("categoryId", "") for r in rules.values()} | {
        r.category for r in RULES.values()}
    for line in [*unknown_names(rule_names, [*rules, *RULES]),
                 *unknown_names(categories, known_categories - {""}, "category")]:
        print(f"reviewer: warning: {line}", file=sys.stderr)


@contextmanager
def engine_session(server: tuple[str, ...], start_timeout: float) -> Iterator[Engine]:
    """The engine of a run (no JVM until a block needs one).

    Its errors become EngineFailure, and settings LanguageTool refuses (an
    unknown language) UsageError.
    """
    try:
        with Engine(server, start_timeout=start_timeout) as engine:
            yield engine
    except (ServerError, ProvisionError) as exc:
        raise EngineFailure(str(exc)) from None
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    except EngineRequestError as exc:
        raise EngineFailure(f"LanguageTool: {exc}") from None


def run_check(docs: list[Document], options: CheckOptions,
              names: tuple[list[str], list[str]] = ([], []),
              progress: Progress | None = None) -> Report:
    """Check documents already read in their input format.

    `names`: rule ids and categories the user named, to warn about unknown ones.
    """
    with engine_session(options.server, options.start_timeout) as engine:
        report = check_documents(docs, engine, options, progress)
        warn_unknown(engine, options, names)
        return report


def check_paths(paths: list[str], settings: Settings, whole: bool = True,
                stdin_name: str | None = None, progress: Progress | None = None,
                ) -> tuple[list[Document], Report, CheckOptions]:
    """Read `paths` (folders and globs expanded when `whole`; `-` is standard input named
    `stdin_name` when one is given), check them, return all three."""
    docs = read_documents(paths, settings.selection() if whole else None, stdin_name)
    options = options_for(settings)
    loaded = load_inputs(docs, settings)
    return docs, run_check(loaded, options, given_names(settings), progress), options

