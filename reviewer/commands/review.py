"""`reviewer review DOC`: check a document and write (or merge into) its review file.

The review file (`reports/<name>.review.json` unless `-o` says otherwise) gets
one suggestion per finding. When it exists already, the new findings are
merged into it (reviewer.review.merge): decisions survive edits elsewhere in the
document. Exit 0 once the file is written: findings are the product here,
not a failure. Nothing is written when a block could not be checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer.clock import stamp
from reviewer.commands import interactive
from reviewer.commands.common import (
    CommandError,
    add_check_options,
    check_paths,
    settings_from_args,
)
from reviewer.commands.terminal import default_reviewer
from reviewer.exitcodes import EPILOG, ExitCode
from reviewer.files import same_file
from reviewer.html.write import report_path, write_report
from reviewer.review.merge import Reviewed, merge
from reviewer.review.store import ReviewFile, ReviewFileError, load, same_document, update
from reviewer.review.suggest import HistoryEntry, build_suggestions
from reviewer.settings import Settings


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "review",
        help="check a document and write its review file of suggestions",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("document", metavar="DOC")
    p.add_argument("-o", "--review-file", metavar="FILE",
                   help="review file (default: reports/<name>.review.json)")
    p.add_argument("--interactive", "-i", action="store_true",
                   help="then walk the pending suggestions in the terminal")
    p.add_argument("--by", default=default_reviewer(), metavar="NAME",
                   help="who decides in --interactive (default: the login name)")
    add_check_options(p)


def default_path(document: str) -> Path:
    return Path("reports") / f"{Path(document).stem}.review.json"


def run(args: argparse.Namespace) -> int:
    path = Path(args.review_file) if args.review_file else default_path(args.document)
    done = review_document(args.document, path, settings_from_args(args))
    review = done.review
    counts = ", ".join(f"{n} {k}" for k, n in review.summary().items() if n)
    print(f"{path}: {len(review.suggestions)} suggestions ({counts or 'none'}); "
          f"{len(done.new)} new, {len(done.obsolete)} newly obsolete")

    # From the text the review was made of, not a second read that could differ.
    try:
        report = write_report(path, review, done.text, stamp())
    except OSError as exc:
        print(f"reviewer: {report_path(path)}: {exc.strerror or exc} "
              "(HTML report not written)", file=sys.stderr)
        return ExitCode.USAGE
    print(f"{report}: HTML report")  # a closed pipe here is not a failed write

    if args.interactive:
        return interactive.walk(path, sys.stdin, sys.stdout, args.by)
    return ExitCode.OK


def review_document(document: str, path: Path, settings: Settings) -> Reviewed:
    """Check `document` with `settings` and write or merge its review file at `path`.

    The one road from a document to its review file: `reviewer review` and the
    Re-check of `reviewer serve` both take it. Raises CommandError (nothing
    written when a block could not be checked, or when the review file or its
    HTML report would overwrite the document) or ReviewFileError.
    """
    _check_outputs(path, document)
    if path.exists():  # fail before the slow check, again under the lock below
        _check_target(load(path), path, document)
    (doc,), report, options = check_paths([document], settings, whole=False)
    if report.engine_errors:
        lines = [f"reviewer: {e.path}:{e.line}: could not be checked: {e.message}"
                 for e in report.engine_errors]
        raise CommandError("\n".join([*lines, f"reviewer: {path} left unchanged"]),
                           ExitCode.ENGINE)
    suggestions = build_suggestions(report, doc.text)
    now = stamp()
    before: list[ReviewFile] = []
    added: list[HistoryEntry] = []

    def change(old: ReviewFile | None) -> ReviewFile:
        history: tuple[HistoryEntry, ...] = ()
        merged = suggestions
        if old is not None:
            _check_target(old, path, doc.path)
            merged, events = merge(old.suggestions, old.history, suggestions, now)
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
        )

    review = update(path, change)
    return Reviewed.of(path, review, doc.text, suggestions,
                       before[0] if before else None, added)


def _check_outputs(path: Path, document: str) -> None:
    """Neither the review file nor its HTML report may be the document (before the check)."""
    for out, what in ((path, "the review file"), (report_path(path), "its HTML report")):
        if same_file(out, document):
            raise CommandError(f"reviewer: {out}: {what} would overwrite the document "
                               f"{document}; choose another review file with -o",
                               ExitCode.USAGE)


def _check_target(review: ReviewFile, path: Path, document: str) -> None:
    if not same_document(review, document):
        raise ReviewFileError(path, f"is the review of {review.document_path}, not of "
                                    f"{document} (choose another file with -o)")
