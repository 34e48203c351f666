"""The apply pipeline: from a review file to the corrected document.

Accepted and edited suggestions are applied where their text is verified
(reviewer.review.apply); stale and conflicting ones are listed and left out.
The output goes to the target given, to the document itself `in_place`, or by
default next to the review file as `<name>.corrected<ext>`; it is written
atomically and the source document is never touched otherwise.

Before writing, the corrected text can be checked again with the review's
settings (reviewer.review.recheck): it says which corrected findings are gone
and which remain, and a fix whose sentence now has a finding it did not have
is *regressed*: then nothing is written unless regressions are allowed.
`reviewer apply` and the Apply of `reviewer serve` both take this road.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from reviewer.checker import Progress
from reviewer.config import ConfigError
from reviewer.exitcodes import ExitCode
from reviewer.files import UnsafeOutput, output_path, write_output
from reviewer.inputs import docx
from reviewer.inputs.applying import apply_in_format
from reviewer.inputs.docx_apply import WordOptions, write_applied
from reviewer.inputs.registry import load as load_input
from reviewer.inputs.writeback import WriteBackError
from reviewer.model import Finding
from reviewer.pipelines.session import EngineFailure, UsageError, options_for, run_check
from reviewer.review.apply import ApplyOutcome, locate
from reviewer.review.follow import moved, placer, text_map
from reviewer.review.recheck import Recheck, compare
from reviewer.review.record import ReviewFile, ReviewFileError
from reviewer.review.store import load
from reviewer.review.suggest import Status, Suggestion
from reviewer.review.trust import (
    NEXT_TO,
    Refusal,
    check_apply_output,
    check_sha,
    choose_document,
    default_output,
    span_problem,
)
from reviewer.rules.safety import Safety
from reviewer.settings import Settings, resolve
from reviewer.text.document import Document, InputError, parse_document, read_document


class ApplyError(UsageError):
    """Nothing could be written (bad review file, document or target)."""


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
    outcome: ApplyOutcome
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
    progress: Progress | None = None,
) -> ApplyResult:
    """Write the document of review file `path` with its accepted suggestions applied.

    The one road from a review file to a corrected document: `reviewer apply`
    and the Apply of `reviewer serve` both take it. `target` None is the
    default (`<name>.corrected<ext>` by the review file). With `recheck` (the
    engine settings by name: server, jobs, start_timeout), the corrected text
    is checked with the review's settings before it is written, and nothing
    is written when a fix regressed unless `allow_regressions`. A Word document is
    written with `word`'s options (tracked changes by `reviewer`, comments on pending
    suggestions, by default). `progress` follows the re-check's blocks.

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
        check_apply_output(target, path, doc.path, in_place)
        word = word or WordOptions()
        if doc.format == docx.NAME and Path(doc.path).suffix.lower() == ".docm" and (
                not word.drop_macros or target.suffix.lower() != ".docx"):
            raise ApplyError(f"{doc.path}: a macro-enabled document: reviewer never "
                             "writes macros; --allow-drop-macros writes its corrections as "
                             "a .docx without them (-o NAME.docx)")
        output_path(target, named=named)  # before the re-check: refused early
    except UnsafeOutput as exc:
        raise ApplyError(f"{target}: {exc.strerror}") from None
    except Refusal as exc:
        raise ApplyError(f"{path}: {exc}") from None
    except (ReviewFileError, InputError) as exc:
        raise ApplyError(str(exc)) from None
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
        raise ApplyError(f"{doc.path}: {exc}") from None
    note = (f"{review.document_path} is not here: using {chosen.path}, next to the review file"
            if chosen.how == NEXT_TO else "")
    result = ApplyResult(target, doc.path, changed, outcome, tuple(refused), note=note)
    if recheck is not None and outcome.applied:
        try:
            settings = settings_of(review, path, recheck)
            corrected = load_input(parse_document(str(target), data))
            findings = recheck_findings(corrected, settings, progress)
            result = replace(result, checked=compare(outcome.applied, live, original, corrected,
                                                     findings))
        except (UsageError, EngineFailure) as exc:
            result = replace(result, recheck_error=f"reviewer: {exc}")
    if result.checked and result.checked.regressed and not allow_regressions:
        return replace(result, written=False)
    try:
        write_output(target, data, named=named)
    except OSError as exc:
        raise ApplyError(f"{target}: {exc.strerror or exc}") from None
    return result


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


def closing_line(result: ApplyResult) -> str:
    """The stderr line that ends an apply not written, or written without its re-check;
    "" when neither."""
    if not result.written:
        n = len(result.checked.regressed) if result.checked else 0
        return (f"reviewer: {result.target} not written: {n} fix(es) regressed "
                "(--allow-regressions writes anyway)")
    if result.recheck_error:
        return f"reviewer: {result.target} is written; the re-check did not run"
    return ""


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
        raise UsageError(str(exc)) from None


def _from_languagetool(d: dict[str, Any]) -> dict[str, Any]:
    names = {"language": "language", "mother_tongue": "mother_tongue", "picky": "picky",
             "enabled_rules": "enable", "disabled_rules": "disable",
             "enabled_categories": "enable_categories",
             "disabled_categories": "disable_categories"}
    return {new: d[old] for old, new in names.items() if d.get(old) is not None}


def recheck_findings(corrected: Document, settings: Settings,
                     progress: Progress | None = None) -> list[Finding]:
    """The findings of the corrected document (read in its format), with the review's settings.

    Raises EngineFailure when a block could not be checked, UsageError for settings
    LanguageTool or our rules refuse.
    """
    report = run_check([corrected], options_for(settings), progress=progress)
    if report.engine_errors:
        raise EngineFailure("re-check: " + "; ".join(e.message for e in report.engine_errors))
    return list(report.findings)
