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
from reviewer.pipelines.reviewing import (
    ReviewPlan,
    TargetOutcome,
    plan,
    review_corpus,
    review_one,
)
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
            return _corpus(work, Path(args.reports), settings, progress)
        return _single(work, args, settings, progress)
    finally:
        progress.close()


def _single(work: ReviewPlan, args: argparse.Namespace, settings: Settings,
            progress: RunProgress) -> int:
    (target,) = work.targets
    outcome = review_one(target, settings, progress.blocks)
    progress.close()
    print(outcome.summary())
    if outcome.html is None:
        print(f"reviewer: {outcome.error}", file=sys.stderr)
        return outcome.code
    print(f"{outcome.html}: HTML report")
    if args.interactive:
        return interactive.walk(target.review_file, sys.stdin, sys.stdout, args.by)
    return ExitCode.OK


def _corpus(work: ReviewPlan, reports: Path, settings: Settings, progress: RunProgress) -> int:
    def each(outcome: TargetOutcome) -> None:
        if outcome.error:
            progress.note(f"reviewer: {outcome.error}")
        progress.document(outcome.target.document)

    result = review_corpus(work.targets, settings, reports, progress.blocks, each)
    progress.close()
    if result.index_error:
        print(f"reviewer: {result.index_error}", file=sys.stderr)
    print(result.summary())
    return result.code
