"""Reviewing documents: from files, folders and globs to review files and reports.

`plan` names each document's review file: `REPORTS/<path in the tree given,
without its extension>.review.json` (a file named as such: `REPORTS/<name>`;
a file found in `docs/` as `docs/guide/intro.md`: `REPORTS/guide/intro`), or
the one `-o FILE` of a single document. Two documents that would share a
review file stop the run before any check.

`review_targets` reviews them in groups of at most GROUP_BYTES of text (a
larger document alone): a group's blocks share one pool of requests to one
engine, and once a group is written only a row for the index is kept, so
memory follows the largest document, not the corpus. A document whose
blocks could not all be checked keeps its review file unchanged and is
reported; the others are written.

`review_document` is the one road from one document to its review file:
`reviewer review` and the Re-check of `reviewer serve` both end in
`write_review`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.checker import CheckOptions, Progress, check_documents
from reviewer.clock import stamp
from reviewer.exitcodes import ExitCode
from reviewer.files import UnsafeOutput, output_path, same_file
from reviewer.html.index import IndexRow, index_row
from reviewer.html.write import report_path, write_index, write_report
from reviewer.model import Report
from reviewer.paths import expand_rooted, is_tree
from reviewer.pipelines.session import (
    STDIN,
    EngineFailure,
    UsageError,
    engine_session,
    given_names,
    load_inputs,
    options_for,
    read_documents,
    warn_unknown,
)
from reviewer.review.follow import placer, text_map
from reviewer.review.merge import Reviewed, merge_suggestions
from reviewer.review.record import REVIEW_SUFFIX, ReviewFile, ReviewFileError
from reviewer.review.store import load, same_document, update
from reviewer.review.suggest import HistoryEntry, build_suggestions
from reviewer.settings import Settings
from reviewer.text.document import Document, InputError, read_document

GROUP_BYTES = 1_000_000  # documents checked together, one pool of requests, up to this size


@dataclass(frozen=True, slots=True)
class Target:
    """A document to review and its review file (`named` when the user gave it: `-o FILE`)."""

    document: str
    review_file: Path
    named: bool = False


@dataclass(frozen=True, slots=True)
class ReviewPlan:
    """What a run reviews; `corpus` when a folder, a glob or several documents were given."""

    targets: tuple[Target, ...]
    corpus: bool


def plan(paths: Sequence[str], settings: Settings, reports: Path,
         review_file: str | None = None) -> ReviewPlan:
    """Every document of `paths` (files, folders, globs) and its review file.

    Raises UsageError for standard input (`-`), for arguments with nothing to review,
    for `-o` with several documents, and for two documents sharing a review file.
    Files under `reports` are never reviewed (reports of an earlier run).
    """
    if STDIN in paths:
        # A review file names the document it was made from: `apply` writes back to it.
        raise UsageError("review needs a file to write corrections back to, not `-` "
                         "(standard input): save it to a file, or use `reviewer check -`")
    found, skipped = expand_rooted(list(paths), settings.selection())
    if skipped:
        print(f"reviewer: note: {len(skipped)} file(s) not reviewed, excluded by the "
              f"configuration: {', '.join(skipped)}", file=sys.stderr)
    errors = [str(entry) for entry, _ in found if isinstance(entry, InputError)]
    if errors:
        raise UsageError("\nreviewer: ".join(errors))
    given = {os.path.realpath(p) for p in paths}
    inside = os.path.realpath(reports) + os.sep
    docs = [(p, root) for p, root in found if isinstance(p, str)
            and (os.path.realpath(p) in given or not os.path.realpath(p).startswith(inside))]
    corpus = len(docs) > 1 or any(is_tree(p) for p in paths)
    if settings.source and len(docs) > 1:
        raise UsageError("--source pairs one source with one target file, got "
                         f"{len(docs)} target files")
    if review_file is not None:
        if len(docs) != 1:
            raise UsageError(f"-o names the review file of one document, got "
                             f"{len(docs)} (without -o, each gets its own in --reports "
                             f"{reports})")
        only = Target(docs[0][0], Path(review_file), named=True)
        check_review_outputs(only)
        return ReviewPlan((only,), corpus)
    targets: list[Target] = []
    owner: dict[str, str] = {}
    clashes = []
    for doc, root in docs:
        rel = Path(os.path.relpath(doc, root or "."))
        path = reports / rel.parent / (rel.stem + REVIEW_SUFFIX)
        key = os.path.normcase(os.path.normpath(path))
        if key in owner:
            clashes.append(f"{owner[key]} and {doc} would share {path}: review one of "
                           "them apart (-o FILE) or leave it out (--exclude)")
        owner.setdefault(key, doc)
        targets.append(Target(doc, path))
        check_review_outputs(targets[-1])
    if clashes:
        raise UsageError("\nreviewer: ".join(clashes))
    return ReviewPlan(tuple(targets), corpus)


def check_review_outputs(t: Target) -> None:
    """Neither the review file nor its HTML report may be the document, nor a file
    `files.output_path` refuses (a planted link out of the working folder): before any check."""
    for out, what, named in ((t.review_file, "the review file", t.named),
                             (report_path(t.review_file), "its HTML report", False)):
        if same_file(out, t.document):
            raise UsageError(f"{out}: {what} would overwrite the document "
                             f"{t.document}; choose another review file with -o")
        try:
            output_path(out, named=named)
        except UnsafeOutput as exc:
            raise UsageError(f"{out}: {exc.strerror}") from None


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    """What became of one target: `reviewed`, or why not (`error`, exit `code`).

    `row` is its line on the index page; `html` its report (None when none was written).
    """

    target: Target
    row: IndexRow
    reviewed: Reviewed | None = None
    html: Path | None = None
    error: str = ""
    code: int = ExitCode.OK

    def summary(self) -> str:
        """The line of a document reviewed: its suggestions by status, what is new."""
        done = self.reviewed
        if done is None:
            return f"{self.target.document}: not reviewed: {self.error}"
        counts = ", ".join(f"{n} {k}" for k, n in done.review.summary().items() if n)
        return (f"{done.path}: {len(done.review.suggestions)} suggestions "
                f"({counts or 'none'}); {len(done.new)} new, {len(done.obsolete)} newly obsolete")


@dataclass
class Counts:
    """The totals of a run, for its summary line."""

    reviewed: int = 0
    failed: int = 0
    suggestions: int = 0
    new: int = 0
    obsolete: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: TargetOutcome) -> None:
        done = outcome.reviewed
        if done is None:
            self.failed += 1
            return
        self.reviewed += 1
        self.suggestions += len(done.review.suggestions)
        self.new += len(done.new)
        self.obsolete += len(done.obsolete)
        for status, n in done.review.summary().items():
            self.by_status[status] = self.by_status.get(status, 0) + n


@dataclass(frozen=True, slots=True)
class CorpusResult:
    """A run over several documents: its totals, its index page (or why it was not
    written), and its exit code (the worst of its documents')."""

    counts: Counts
    index: Path | None
    index_error: str
    code: int

    def summary(self) -> str:
        """The run's one closing line."""
        c = self.counts
        statuses = ", ".join(f"{n} {k}" for k, n in c.by_status.items() if n)
        failed = f", {c.failed} not reviewed" if c.failed else ""
        index = "not written" if self.index is None else str(self.index)
        return (f"reviewer: {c.reviewed} document{'s' if c.reviewed != 1 else ''} reviewed"
                f"{failed}: {c.suggestions} suggestions ({statuses or 'none'}); {c.new} new, "
                f"{c.obsolete} newly obsolete; index: {index}")


def review_one(target: Target, settings: Settings,
               progress: Progress | None = None) -> TargetOutcome:
    """Review the one document of a run; its review file is checked before the slow check.

    Raises EngineFailure, UsageError or ReviewFileError when the document was not
    reviewed (its review file is left as it was); an outcome without `html` says
    in `error` why its report was not written.
    """
    if target.review_file.exists():  # fail before the slow check (again under the lock)
        check_same_document(load(target.review_file), target.review_file, target.document)
    (outcome,) = review_targets((target,), settings, progress=progress)
    if outcome.reviewed is None:
        raise (EngineFailure if outcome.code == ExitCode.ENGINE else UsageError)(outcome.error)
    return outcome


def review_corpus(targets: Sequence[Target], settings: Settings, reports: Path,
                  progress: Progress | None = None,
                  each: Callable[[TargetOutcome], None] | None = None) -> CorpusResult:
    """Review every target and write `reports/index.html`; `each` hears of every outcome.

    A document that could not be reviewed is counted, not raised: the others are.
    """
    rows: list[IndexRow] = []
    counts = Counts()
    code: int = ExitCode.OK
    for outcome in review_targets(targets, settings, progress=progress):
        # Only the row is kept: memory follows the largest document, not the corpus.
        rows.append(outcome.row)
        counts.add(outcome)
        code = max(code, outcome.code)
        if each is not None:
            each(outcome)
    try:
        index = write_index(reports, rows, f"Review of {len(rows)} "
                            f"document{'s' if len(rows) != 1 else ''}")
    except OSError as exc:
        return CorpusResult(counts, None, f"{reports}/index.html: {exc.strerror or exc} "
                            "(index not written)", max(code, ExitCode.USAGE))
    return CorpusResult(counts, index, "", code)


def groups(targets: Sequence[Target], limit: int | None = None) -> Iterator[list[Target]]:
    """Consecutive targets whose documents hold at most `limit` bytes together (GROUP_BYTES)."""
    limit = GROUP_BYTES if limit is None else limit
    group: list[Target] = []
    size = 0
    for t in targets:
        try:
            n = os.path.getsize(t.document)
        except OSError:
            n = 0  # reading it will say why
        if group and size + n > limit:
            yield group
            group, size = [], 0
        group.append(t)
        size += n
    if group:
        yield group


def review_targets(targets: Sequence[Target], settings: Settings, *,
                   html: bool = True, progress: Progress | None = None,
                   ) -> Iterator[TargetOutcome]:
    """Review every target, group by group, through one engine; one outcome each, in order.

    Writes (or merges into) each review file and, with `html`, its HTML report.
    Raises UsageError or EngineFailure only for what stops the whole run (a bad rule option,
    LanguageTool that cannot start).
    """
    options = options_for(settings)
    with engine_session(options.server, options.start_timeout) as engine:
        for group in groups(targets):
            ready: list[tuple[Target, Document, Document]] = []
            for t in group:
                try:
                    raw = read_document(t.document)
                    (loaded,) = load_inputs([raw], settings)
                except (InputError, UsageError) as exc:
                    yield _failed(t, str(exc), ExitCode.USAGE)
                    continue
                ready.append((t, raw, loaded))
            if not ready:
                continue
            report = check_documents([d for _, _, d in ready], engine, options, progress)
            for t, raw, loaded in ready:
                yield _review_one(t, raw, _part(report, loaded.path), options, settings, html)
        warn_unknown(engine, options, given_names(settings))


def _part(report: Report, path: str) -> Report:
    """The findings and engine errors of one document of a group's report."""
    return Report(
        documents=tuple(d for d in report.documents if d.path == path),
        findings=tuple(f for f in report.findings if f.path == path),
        engine_errors=tuple(e for e in report.engine_errors if e.path == path),
        engine=report.engine,
        settings=report.settings,
    )


def _failed(t: Target, error: str, code: int) -> TargetOutcome:
    return TargetOutcome(t, IndexRow(t.document, "", str(t.review_file), None, error), error=error,
                   code=code)


def _review_one(t: Target, doc: Document, report: Report, options: CheckOptions,
                settings: Settings, html: bool) -> TargetOutcome:
    if report.engine_errors:
        return _failed(t, engine_message(report, t.review_file), ExitCode.ENGINE)
    try:
        done = write_review(doc, report, t.review_file, options, settings, t.named)
    except ReviewFileError as exc:
        return _failed(t, str(exc), ExitCode.USAGE)
    row_href = ""
    written = None
    if html:
        try:
            written = write_report(t.review_file, done.review, done.text, stamp())
        except OSError as exc:
            return TargetOutcome(t, index_row(done.review, done.text, "", str(t.review_file)), done,
                           None, f"{report_path(t.review_file)}: {exc.strerror or exc} "
                           "(HTML report not written)", ExitCode.USAGE)
        row_href = str(written)
    return TargetOutcome(t, index_row(done.review, done.text, row_href, str(t.review_file)), done,
                   written)


def engine_message(report: Report, review_file: Path) -> str:
    """Each block that could not be checked, and that the review file was left as it was."""
    lines = [f"{e.path}:{e.line}: could not be checked: {e.message}"
             for e in report.engine_errors]
    return "\nreviewer: ".join([*lines, f"{review_file} left unchanged"])


def review_document(document: str, path: Path, settings: Settings,
                    progress: Progress | None = None) -> Reviewed:
    """Check `document` with `settings` and write or merge its review file at `path`.

    Raises EngineFailure (nothing is written when a block could not be checked),
    UsageError (the document cannot be read, or the review file or its HTML
    report would overwrite it) or ReviewFileError.
    """
    check_review_outputs(Target(document, path, named=True))  # a review file serve was given
    if path.exists():  # fail before the slow check, again under the lock in write_review
        check_same_document(load(path), path, document)
    (raw,) = read_documents([document])
    options = options_for(settings)
    (loaded,) = load_inputs([raw], settings)
    with engine_session(options.server, options.start_timeout) as engine:
        report = check_documents([loaded], engine, options, progress)
        warn_unknown(engine, options, given_names(settings))
    if report.engine_errors:
        raise EngineFailure(engine_message(report, path))
    return write_review(raw, report, path, options, settings)


def write_review(doc: Document, report: Report, path: Path, options: CheckOptions,
                 settings: Settings, named: bool = True) -> Reviewed:
    """The review file of `doc` at `path` from its checked `report`: written, or merged into.

    `named` False: `path` is the default one (`files.output_path` says what it may follow).
    """
    suggestions = build_suggestions(report, doc.text)
    now = stamp()
    before: list[ReviewFile] = []
    added: list[HistoryEntry] = []

    def change(old: ReviewFile | None) -> ReviewFile:
        history: tuple[HistoryEntry, ...] = ()
        merged = suggestions
        if old is not None:
            check_same_document(old, path, doc.path)
            m = text_map(old, doc.text)  # decisions follow their words (reviewer.review.follow)
            merged, events = merge_suggestions(old.suggestions, old.history, suggestions, now,
                                               placer(m) if m is not None else None)
            history = old.history + events
            before.append(old)
            added.extend(events)
        return ReviewFile(
            document_path=doc.path,
            document_sha256=doc.sha256,
            suggestions=merged,
            history=history,
            engine=dict(sorted(report.engine.items())),
            settings=report.settings,
            settings_hash=options.digest(),
            check=settings.recorded(),
            document_text=doc.text,
        )

    review = update(path, change, named=named)
    return Reviewed.of(path, review, doc.text, suggestions,
                       before[0] if before else None, added)


def check_same_document(review: ReviewFile, path: Path, document: str) -> None:
    """Refuse to merge `document` into a review file made for another document."""
    if not same_document(review, document):
        raise ReviewFileError(path, f"is the review of {review.document_path}, not of "
                                    f"{document} (choose another file with -o)")
