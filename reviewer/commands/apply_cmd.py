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
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from reviewer.commands.common import (
    CommandError,
    add_engine_options,
    options_for,
    overrides,
    run_check,
)
from reviewer.commands.terminal import printable
from reviewer.config import ConfigError
from reviewer.exitcodes import ExitCode
from reviewer.files import UnsafeOutput, output_path, write_output
from reviewer.inputs import docx
from reviewer.inputs.applying import apply_in_format
from reviewer.inputs.docx_apply import COMMENTS, WordOptions, write_applied
from reviewer.inputs.registry import load as load_input
from reviewer.inputs.writeback import WriteBackError
from reviewer.model import Finding
from reviewer.review.apply import Outcome, locate
from reviewer.review.follow import moved, placer, text_map
from reviewer.review.recheck import Recheck, compare
from reviewer.review.record import ReviewFile, ReviewFileError
from reviewer.review.store import load
from reviewer.review.suggest import Status, Suggestion
from reviewer.review.trust import (
    NEXT_TO,
    Refusal,
    check_sha,
    check_target,
    choose_document,
    span_problem,
)
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
    p.add_argument("--document", metavar="DOC",
                   help="the reviewed document (default: the one the review file names, "
                        "if inside the working directory, or next to the review file)")
    p.add_argument("--force", action="store_true",
                   help="on a document changed since the review, also look for what did not "
                        "stay in place by its fingerprint (needed when the review file does not "
                        "keep the text reviewed)")
    p.add_argument("--no-recheck", action="store_true",
                   help="do not check the corrected text again")
    p.add_argument("--allow-regressions", action="store_true",
                   help="write even when a fix brings a new finding into its sentence")
    p.add_argument("--safe-only", action="store_true",
                   help="apply only accepted suggestions whose fixes are safe "
                        "(typography, spacing, a/an...: docs/review-file.md)")
    word = p.add_argument_group("Word documents (.docx)")
    word.add_argument("--author", default="reviewer",
                      help="the author of the tracked changes and comments (default: reviewer)")
    word.add_argument("--comments", choices=COMMENTS, default="pending",
                      help="comment the suggestions not applied: pending ones (default), all, "
                           "or none")
    word.add_argument("--no-track", action="store_true",
                      help="write plain edits instead of tracked changes")
    word.add_argument("--allow-drop-macros", action="store_true",
                      help="write a .docm's corrections as a .docx without its macros")
    add_engine_options(p)


def default_output(review_path: Path, document: str) -> Path:
    doc = Path(document)
    suffix = ".docx" if doc.suffix.lower() == ".docm" else doc.suffix  # macros never written
    return review_path.parent / f"{doc.stem}.corrected{suffix}"


class ApplyError(Exception):
    """Nothing could be written (bad review file, document or target): exit code 2."""


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What `apply_review` did, what the re-check said, and whether it wrote.

    `checked` is None when no re-check ran (not asked for, nothing applied,
    or it failed: then `recheck_error` says why). `written` is False when a
    fix regressed and regressions were not allowed: then nothing was written.
    `note` says where the document was found when it was not where the review
    file says.
    """

    target: Path
    document_path: str
    changed_since_review: bool
    outcome: Outcome
    refused: tuple[tuple[Suggestion, str], ...]
    checked: Recheck | None = None
    recheck_error: str = ""
    written: bool = True
    note: str = ""

    @property
    def code(self) -> ExitCode:
        if not self.written or (self.checked and self.checked.regressed):
            return ExitCode.FINDINGS
        if self.recheck_error:
            return ExitCode.ENGINE
        ok = self.outcome.complete and not self.refused
        return ExitCode.OK if ok else ExitCode.FINDINGS


def apply_review(
    path: Path,
    target: Path | None = None,
    *,
    in_place: bool = False,
    document: str | None = None,
    force: bool = False,
    safe_only: bool = False,
    recheck: Mapping[str, Any] | None = None,
    allow_regressions: bool = False,
    word: WordOptions | None = None,
) -> ApplyResult:
    """Write the document of review file `path` with its accepted suggestions applied.

    The one road from a review file to a corrected document: `reviewer apply`
    and the Apply of `reviewer serve` both take it. `target` None is the
    default (`<name>.corrected<ext>` by the review file). With `recheck` (the
    engine settings by name: server, jobs, start_timeout), the corrected text
    is checked with the review's settings before it is written, and nothing
    is written when a fix regressed unless `allow_regressions`. A Word document is
    written with `word`'s options (tracked changes by `reviewer`, comments on pending
    suggestions, by default).

    The document is `document`, or the one the review file names when it is
    trusted (reviewer.review.trust). When it changed since the review, the
    decisions whose words are untouched are applied where those words are now
    (the review file keeps the text reviewed); `force` also applies what is
    found again by its fingerprint elsewhere, and is needed when the review
    file cannot map its spans (written without the text reviewed). Raises
    ApplyError when nothing could be written.
    """
    try:
        review = load(path)
        chosen = choose_document(review, path, document)
        doc = read_document(chosen.path)
        changed = doc.sha256 != review.document_sha256
        edits = text_map(review, doc.text) if changed else None
        if edits is None and not force:
            check_sha(review, doc.sha256, doc.path)
        problem = "" if changed else span_problem(review, doc.text)
        if problem:
            raise ReviewFileError(path, f"invalid review file: {problem}")
        named = target is not None or in_place  # else a name made by the review file
        if in_place:
            target = Path(doc.path)
        elif target is None:
            target = default_output(path, doc.path)
        check_target(target, path, doc.path, in_place)
        word = word or WordOptions()
        if doc.format == docx.NAME and Path(doc.path).suffix.lower() == ".docm" and (
                not word.drop_macros or target.suffix.lower() != ".docx"):
            raise ApplyError(f"reviewer: {doc.path}: a macro-enabled document: reviewer never "
                             "writes macros; --allow-drop-macros writes its corrections as "
                             "a .docx without them (-o NAME.docx)")
        output_path(target, named=named)  # before the re-check: refused early
    except UnsafeOutput as exc:
        raise ApplyError(f"reviewer: {target}: {exc.strerror}") from None
    except Refusal as exc:
        raise ApplyError(f"reviewer: {path}: {exc}") from None
    except (ReviewFileError, InputError) as exc:
        raise ApplyError(f"reviewer: {exc}") from None
    # Edited since the review: each decision goes where its words are now, if untouched
    # (reviewer.review.follow); with --force the others are looked for by fingerprint.
    found = partial(locate, text=doc.text) if force else None
    place = placer(edits, found) if edits is not None else None
    live = moved(review.suggestions, edits) if edits is not None else review.suggestions
    suggestions = review.suggestions
    if safe_only:
        suggestions = tuple(x for x in suggestions if x.safety is Safety.SAFE
                            and x.status is Status.ACCEPTED)
    try:  # XLIFF, PO, Markdown, HTML: written back in their own format (reviewer.inputs)
        original = load_input(doc)
        outcome, data, refused = apply_in_format(original, suggestions, place)
        if doc.format == docx.NAME:  # again, with the user's Word options
            data = write_applied(original, outcome, review.suggestions, word)
    except (InputError, WriteBackError) as exc:
        raise ApplyError(f"reviewer: {doc.path}: {exc}") from None
    note = (f"{review.document_path} is not here: using {chosen.path}, next to the review file"
            if chosen.how == NEXT_TO else "")
    result = ApplyResult(target, doc.path, changed, outcome, tuple(refused), note=note)
    if recheck is not None and outcome.applied:
        try:
            corrected = load_input(parse_document(str(target), data))
            result = replace(result, checked=compare(
                outcome.applied, live, original, corrected,
                recheck_findings(corrected, settings_of(review, path, recheck))))
        except CommandError as exc:
            result = replace(result, recheck_error=str(exc))
    if result.checked and result.checked.regressed and not allow_regressions:
        return replace(result, written=False)
    try:
        write_output(target, data, named=named)
    except OSError as exc:
        raise ApplyError(f"reviewer: {target}: {exc.strerror or exc}") from None
    return result


def run(args: argparse.Namespace) -> int:
    try:
        result = apply_review(
            Path(args.review_file), Path(args.output) if args.output else None,
            in_place=args.in_place, document=args.document, force=args.force,
            safe_only=args.safe_only,
            recheck=None if args.no_recheck else overrides(args),
            allow_regressions=args.allow_regressions,
            word=WordOptions(author=args.author, comments=args.comments,
                             track=not args.no_track, drop_macros=args.allow_drop_macros))
    except ApplyError as exc:  # printed by the CLI, one line, control characters escaped
        raise CommandError(str(exc), ExitCode.USAGE) from None
    if result.recheck_error:
        print(result.recheck_error, file=sys.stderr)
    for line in report_lines(result):  # names and texts come from the review file
        print(printable(line))
    if not result.written:
        n = len(result.checked.regressed) if result.checked else 0
        print(f"reviewer: {result.target} not written: {n} fix(es) regressed "
              "(--allow-regressions writes anyway)", file=sys.stderr)
    elif result.recheck_error:
        print(f"reviewer: {result.target} is written; the re-check did not run",
              file=sys.stderr)
    return result.code


def report_lines(result: ApplyResult) -> list[str]:
    """What was applied, left out and re-checked, one line each (as `reviewer apply` prints)."""
    outcome, target, checked = result.outcome, result.target, result.checked
    lines = [f"note: {result.note}"] if result.note else []
    for a in outcome.applied:
        f = a.suggestion.finding
        lines.append(f"applied   {a.suggestion.id} {f.rule_id} {f.text!r} -> {a.replacement!r}")
    for s in outcome.stale:
        lines.append(f"stale     {s.id} {s.finding.rule_id} {s.finding.text!r}: "
                     f"not found where it was reviewed")
    for s in outcome.conflicts:
        lines.append(f"conflict  {s.id} {s.finding.rule_id} {s.finding.text!r}: overlaps "
                     f"another accepted suggestion")
    if result.changed_since_review:
        lines.append(f"note: {result.document_path} changed since the review; run `reviewer "
                     f"review {result.document_path}` to bring the review file up to date")
    for s, reason in result.refused:
        lines.append(f"conflict  {s.id} {s.finding.rule_id} {s.finding.text!r}: {reason}")
    lines.append(f"{target}: {len(outcome.applied)} applied, {len(outcome.stale)} stale, "
                 f"{len(outcome.conflicts) + len(result.refused)} in conflict"
                 + ("" if result.written else " (not written)"))
    if checked is None:
        return lines
    gone = len(outcome.applied) - len({a.suggestion.id for a, _ in checked.remaining})
    lines.append(f"re-check: {gone} of {len(outcome.applied)} corrected findings are gone")
    for a, f in checked.remaining:
        lines.append(f"  remains: {a.suggestion.id} {f.rule_id} at {f.line}:{f.column} "
                     f"{f.text!r}: {f.message}")
    for a, f in checked.regressed:
        was = a.suggestion.finding
        lines.append(f"regressed {a.suggestion.id} {was.rule_id} {was.text!r} -> "
                     f"{a.replacement!r} brought {f.rule_id} at {f.line}:{f.column} "
                     f"{f.text!r}: {f.message}")
    return lines


def settings_of(review: ReviewFile, path: Path, given: Mapping[str, Any]) -> Settings:
    """The settings the review was made with, and `given` engine settings by name.

    They go through `resolve` like a configuration file: a review file may
    come from anywhere. Files written before `check` was recorded give their
    LanguageTool settings.
    """
    recorded = review.check or _from_languagetool(review.settings)
    try:
        return resolve(given, (f"{path}: check", recorded))
    except ConfigError as exc:
        raise CommandError(f"reviewer: {exc}", ExitCode.USAGE) from None


def _from_languagetool(d: dict[str, Any]) -> dict[str, Any]:
    names = {"language": "language", "mother_tongue": "mother_tongue", "picky": "picky",
             "enabled_rules": "enable", "disabled_rules": "disable",
             "enabled_categories": "enable_categories",
             "disabled_categories": "disable_categories"}
    return {new: d[old] for old, new in names.items() if d.get(old) is not None}


def recheck_findings(corrected: Document, settings: Settings) -> list[Finding]:
    """The findings of the corrected document (read in its format), with the review's settings."""
    report = run_check([corrected], options_for(settings))
    if report.engine_errors:
        raise CommandError("reviewer: re-check: " + "; ".join(e.message
                                                            for e in report.engine_errors),
                           ExitCode.ENGINE)
    return list(report.findings)
