"""`reviewer apply FILE [-o OUT | --in-place]`: write the corrected document.

Accepted and edited suggestions are applied where their text is verified
(reviewer.review.apply); stale and conflicting ones are listed and left out. The
output goes to `-o OUT`, to the document itself with `--in-place`, or by
default next to the review file as `<name>.corrected<ext>`; it is written
atomically and the source document is never touched otherwise.

Before writing, the corrected text is checked again with the review's
settings (reviewer.review.recheck): it says which corrected findings are gone
and which remain, and a fix whose sentence now has a finding it did not have
is *regressed*: then nothing is written unless `--allow-regressions`
(`--no-recheck` skips the re-check). `--safe-only` applies only the accepted
suggestions whose fixes are safe (reviewer.rules.safety).

Exit 0 when every accepted suggestion was applied, 1 when some were stale,
in conflict, refused or regressed, 2 for bad input, 3 when the re-check could
not run (the output is written all the same).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reviewer.commands.common import (
    CommandError,
    add_engine_options,
    options_for,
    overrides,
    run_check,
)
from reviewer.config import ConfigError
from reviewer.exitcodes import ExitCode
from reviewer.inputs.applying import apply_in_format
from reviewer.inputs.registry import load as load_input
from reviewer.inputs.writeback import WriteBackError
from reviewer.model import Finding
from reviewer.review.apply import Outcome
from reviewer.review.recheck import Recheck, compare
from reviewer.review.store import ReviewFile, ReviewFileError, atomic_write, load
from reviewer.review.suggest import Status, Suggestion
from reviewer.rules.safety import Safety
from reviewer.settings import Settings, resolve
from reviewer.text.document import Document, InputError, parse_document, read_document


def add_parser(sub: Any) -> None:
    p = sub.add_parser("apply", help="write the document with the accepted suggestions applied")
    p.add_argument("review_file", metavar="FILE")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT",
                     help="where to write (default: <name>.corrected<ext> by the review file)")
    out.add_argument("--in-place", action="store_true", help="overwrite the document")
    p.add_argument("--no-recheck", action="store_true",
                   help="do not check the corrected text again")
    p.add_argument("--allow-regressions", action="store_true",
                   help="write even when a fix brings a new finding into its sentence")
    p.add_argument("--safe-only", action="store_true",
                   help="apply only accepted suggestions whose fixes are safe "
                        "(typography, spacing, a/an...: docs/review-file.md)")
    add_engine_options(p)


def default_output(review_path: Path, document: str) -> Path:
    doc = Path(document)
    return review_path.parent / f"{doc.stem}.corrected{doc.suffix}"


def run(args: argparse.Namespace) -> int:
    path = Path(args.review_file)
    try:
        review = load(path)
        doc = read_document(review.document_path)
    except (ReviewFileError, InputError) as exc:
        print(f"reviewer: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    target = Path(review.document_path) if args.in_place else Path(
        args.output or default_output(path, review.document_path))
    if not args.in_place and target.exists() and os.path.samefile(target, doc.path):
        print(f"reviewer: {target} is the document itself: use --in-place", file=sys.stderr)
        return ExitCode.USAGE
    suggestions = review.suggestions
    if args.safe_only:
        suggestions = tuple(x for x in suggestions if x.safety is Safety.SAFE
                            and x.status is Status.ACCEPTED)
    try:  # XLIFF, PO, Markdown, HTML: written back in their own format (reviewer.inputs)
        outcome, data, refused = apply_in_format(load_input(doc), suggestions)
    except (InputError, WriteBackError) as exc:
        print(f"reviewer: {doc.path}: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    code = ExitCode.OK if outcome.complete and not refused else ExitCode.FINDINGS
    checked: Recheck | None = None
    if not args.no_recheck and outcome.applied:
        try:
            corrected = parse_document(str(target), data)
            checked = compare(outcome.applied, review.suggestions, doc.text, corrected.text,
                              recheck(corrected, settings_of(review, path, args)))
        except CommandError as exc:
            print(exc, file=sys.stderr)
            code = ExitCode.ENGINE
    if checked and checked.regressed and not args.allow_regressions:
        _report(outcome, review, doc, target, refused, checked, written=False)
        print(f"reviewer: {target} not written: {len(checked.regressed)} fix(es) regressed "
              "(--allow-regressions writes anyway)", file=sys.stderr)
        return ExitCode.FINDINGS
    try:
        atomic_write(target, data)
    except OSError as exc:
        print(f"reviewer: {target}: {exc.strerror or exc}", file=sys.stderr)
        return ExitCode.USAGE
    _report(outcome, review, doc, target, refused, checked, written=True)
    if code == ExitCode.ENGINE:
        print(f"reviewer: {target} is written; the re-check did not run", file=sys.stderr)
        return code
    return ExitCode.FINDINGS if checked and checked.regressed else code


def _report(outcome: Outcome, review: ReviewFile, doc: Document, target: Path,
            refused: list[tuple[Suggestion, str]], checked: Recheck | None,
            written: bool) -> None:
    for a in outcome.applied:
        f = a.suggestion.finding
        print(f"applied   {a.suggestion.id} {f.rule_id} {f.text!r} -> {a.replacement!r}")
    for s in outcome.stale:
        print(f"stale     {s.id} {s.finding.rule_id} {s.finding.text!r}: "
              f"not found where it was reviewed")
    for s in outcome.conflicts:
        print(f"conflict  {s.id} {s.finding.rule_id} {s.finding.text!r}: overlaps another "
              f"accepted suggestion")
    if doc.sha256 != review.document_sha256:
        print(f"note: {doc.path} changed since the review; run `reviewer review {doc.path}` "
              f"to bring the review file up to date")
    for s, reason in refused:
        print(f"conflict  {s.id} {s.finding.rule_id} {s.finding.text!r}: {reason}")
    print(f"{target}: {len(outcome.applied)} applied, {len(outcome.stale)} stale, "
          f"{len(outcome.conflicts) + len(refused)} in conflict"
          + ("" if written else " (not written)"))
    if checked is None:
        return
    gone = len(outcome.applied) - len({a.suggestion.id for a, _ in checked.remaining})
    print(f"re-check: {gone} of {len(outcome.applied)} corrected findings are gone")
    for a, f in checked.remaining:
        print(f"  remains: {a.suggestion.id} {f.rule_id} at {f.line}:{f.column} "
              f"{f.text!r}: {f.message}")
    for a, f in checked.regressed:
        was = a.suggestion.finding
        print(f"regressed {a.suggestion.id} {was.rule_id} {was.text!r} -> {a.replacement!r} "
              f"brought {f.rule_id} at {f.line}:{f.column} {f.text!r}: {f.message}")


def settings_of(review: ReviewFile, path: Path, args: argparse.Namespace) -> Settings:
    """The settings the review was made with, and this command's engine options.

    They go through `resolve` like a configuration file: a review file may
    come from anywhere. Files written before `check` was recorded give their
    LanguageTool settings.
    """
    recorded = review.check or _from_languagetool(review.settings)
    try:
        return resolve(overrides(args), (f"{path}: check", recorded))
    except ConfigError as exc:
        raise CommandError(f"reviewer: {exc}", ExitCode.USAGE) from None


def _from_languagetool(d: dict[str, Any]) -> dict[str, Any]:
    names = {"language": "language", "mother_tongue": "mother_tongue", "picky": "picky",
             "enabled_rules": "enable", "disabled_rules": "disable",
             "enabled_categories": "enable_categories",
             "disabled_categories": "disable_categories"}
    return {new: d[old] for old, new in names.items() if d.get(old) is not None}


def recheck(corrected: Document, settings: Settings) -> list[Finding]:
    """The findings of the corrected text, checked with the review's settings."""
    report = run_check([load_input(corrected)], options_for(settings))
    if report.engine_errors:
        raise CommandError("reviewer: re-check: " + "; ".join(e.message
                                                            for e in report.engine_errors),
                           ExitCode.ENGINE)
    return list(report.findings)
