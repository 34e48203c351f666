"""`reviewer review DOC|FOLDER|GLOB...`: check documents, write or merge their review files.

Each document's review file (`reports/<name>.review.json`; in a folder or a
glob, `reports/` mirrors the tree given; `-o FILE` for one document) gets one
suggestion per finding, next to its HTML report. When it exists already, the
new findings are merged into it (reviewer.review.merge): decisions survive
edits elsewhere in the document. Several documents also get
`reports/index.html`, every document with its counts, score and status,
linked to its report; a terminal shows a progress bar, and the run ends with
one summary line. Exit 0 once the files are written (findings are the
product here, not a failure); 3 when a document could not be checked (its
review file is left unchanged, the others are written), 2 when one could
not be read or written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer.commands import interactive
from reviewer.commands.common import CommandError, add_check_options, settings_from_args
from reviewer.commands.progress import RunProgress, wanted
from reviewer.commands.terminal import default_reviewer
from reviewer.exitcodes import EPILOG, ExitCode
from reviewer.html.index import IndexRow
from reviewer.html.write import write_index
from reviewer.pipelines.reviewing import (
    Counts,
    ReviewPlan,
    check_same_document,
    plan,
    review_targets,
)
from reviewer.pipelines.session import STDIN
from reviewer.review.store import load
from reviewer.settings import Settings

DEFAULT_REPORTS = "reports"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "review",
        help="check documents and write their review files of suggestions",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("documents", nargs="+", metavar="DOC",
                   help="documents, folders (walked with --include/--exclude) and globs")
    p.add_argument("-o", "--review-file", metavar="FILE",
                   help="review file of the one document (default: REPORTS/<name>.review.json)")
    p.add_argument("--reports", metavar="DIR", default=DEFAULT_REPORTS,
                   help="folder of the review files, HTML reports and, for several documents, "
                        f"index.html (default: {DEFAULT_REPORTS}; a folder given is mirrored)")
    p.add_argument("--interactive", "-i", action="store_true",
                   help="then walk the pending suggestions in the terminal (one document)")
    p.add_argument("--by", default=default_reviewer(), metavar="NAME",
                   help="who decides in --interactive (default: the login name)")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress bar (shown only on a terminal anyway); the summary line "
                        "and errors are still printed")
    add_check_options(p)


def run(args: argparse.Namespace) -> int:
    if STDIN in args.documents:
        # A review file names the document it was made from: `apply` writes back to it.
        raise CommandError("reviewer: review needs a file to write corrections back to, not "
                           "`-` (standard input): save it to a file, or use `reviewer check -`",
                           ExitCode.USAGE)
    settings = settings_from_args(args)
    work = plan(args.documents, settings, Path(args.reports), args.review_file)
    if args.interactive and len(work.targets) > 1:
        raise CommandError(f"reviewer: --interactive walks one document, got "
                           f"{len(work.targets)}: review them, then walk each with "
                           "`reviewer review DOC -i`, or decide in `reviewer serve "
                           f"{args.reports}`", ExitCode.USAGE)
    progress = RunProgress(len(work.targets), wanted(args.quiet))
    try:
        if work.corpus:
            return _corpus(work, args, settings, progress)
        return _single(work, args, settings, progress)
    finally:
        progress.close()


def _single(work: ReviewPlan, args: argparse.Namespace, settings: Settings,
            progress: RunProgress) -> int:
    (target,) = work.targets
    if target.review_file.exists():  # fail before the slow check (again under the lock)
        check_same_document(load(target.review_file), target.review_file, target.document)
    (outcome,) = review_targets(work.targets, settings, progress=progress.blocks)
    progress.close()
    done = outcome.reviewed
    if done is None:
        raise CommandError(f"reviewer: {outcome.error}", outcome.code)
    review = done.review
    counts = ", ".join(f"{n} {k}" for k, n in review.summary().items() if n)
    print(f"{done.path}: {len(review.suggestions)} suggestions ({counts or 'none'}); "
          f"{len(done.new)} new, {len(done.obsolete)} newly obsolete")
    if outcome.html is None:
        print(f"reviewer: {outcome.error}", file=sys.stderr)
        return outcome.code
    print(f"{outcome.html}: HTML report")
    if args.interactive:
        return interactive.walk(done.path, sys.stdin, sys.stdout, args.by)
    return ExitCode.OK


def _corpus(work: ReviewPlan, args: argparse.Namespace, settings: Settings,
            progress: RunProgress) -> int:
    rows: list[IndexRow] = []
    counts = Counts()
    code: int = ExitCode.OK
    for outcome in review_targets(work.targets, settings, progress=progress.blocks):
        # Only the row is kept: memory follows the largest document, not the corpus.
        rows.append(outcome.row)
        counts.add(outcome)
        code = max(code, outcome.code)
        if outcome.error:
            progress.note(f"reviewer: {outcome.error}")
        progress.document(outcome.target.document)
    progress.close()
    try:
        index = str(write_index(args.reports, rows, "Review of "
                                f"{len(rows)} document{'s' if len(rows) != 1 else ''}"))
    except OSError as exc:
        print(f"reviewer: {args.reports}/index.html: {exc.strerror or exc} (index not "
              "written)", file=sys.stderr)
        index, code = "not written", max(code, ExitCode.USAGE)
    print(_summary(counts, index))
    return code


def _summary(c: Counts, index: str) -> str:
    statuses = ", ".join(f"{n} {k}" for k, n in c.by_status.items() if n)
    failed = f", {c.failed} not reviewed" if c.failed else ""
    return (f"reviewer: {c.reviewed} document{'s' if c.reviewed != 1 else ''} reviewed{failed}: "
            f"{c.suggestions} suggestions ({statuses or 'none'}); {c.new} new, {c.obsolete} "
            f"newly obsolete; index: {index}")
