"""`reviewer decide FILE ...`: record decisions on suggestions in a review file.

One at a time (`ID... --accept [--choice N] | --reject | --edit TEXT | --reset`),
in bulk on pending suggestions (`--accept-all` / `--accept-safe` / `--reject-all`,
narrowed by `--rule`, `--category`, `--severity`), or from a decisions file exported by
the HTML report (`--import FILE`, docs/review-file.md). Every batch is all or
nothing: one bad id or decision and nothing is recorded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer.clock import stamp
from reviewer.commands.common import CommandError
from reviewer.commands.terminal import default_reviewer, printable
from reviewer.exitcodes import ExitCode
from reviewer.model import Severity
from reviewer.pipelines.deciding import Bulk, record
from reviewer.review.record import ReviewFile
from reviewer.review.store import load_decisions
from reviewer.review.suggest import Decision, Status


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("decide", help="accept, reject or edit suggestions of a review file")
    p.add_argument("review_file", metavar="FILE")
    p.add_argument("ids", nargs="*", metavar="ID", help="suggestion ids (unique prefixes do)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--accept", action="store_true", help="accept the suggested replacement")
    what.add_argument("--reject", action="store_true")
    what.add_argument("--edit", metavar="TEXT", help="replace the matched text with TEXT")
    what.add_argument("--reset", action="store_true", help="back to pending")
    what.add_argument("--accept-all", action="store_true",
                      help="accept every pending suggestion that has a replacement")
    what.add_argument("--accept-safe", action="store_true",
                      help="accept every pending suggestion whose fix is safe (typography, "
                           "spacing, a/an, doubled words: docs/review-file.md)")
    what.add_argument("--reject-all", action="store_true", help="reject every pending one")
    what.add_argument("--import", dest="import_file", metavar="DECISIONS.json",
                      help="take the decisions in this file (all or none)")
    p.add_argument("--choice", type=int, metavar="N",
                   help="with --accept: take the N-th alternative (1 = first)")
    p.add_argument("--comment", default="", metavar="TEXT")
    p.add_argument("--by", default=default_reviewer(), metavar="NAME",
                   help="who decides (default: the login name)")
    f = p.add_argument_group("filters for --accept-all / --reject-all")
    f.add_argument("--rule", type=_csv, action="extend", default=[], metavar="IDS")
    f.add_argument("--category", type=_csv, action="extend", default=[], metavar="IDS")
    f.add_argument("--severity", type=_csv, action="extend", default=[], metavar="LEVELS",
                   help="critical, major, minor, info (comma-separated)")


def _usage_problem(args: argparse.Namespace) -> str:
    bulk = args.accept_all or args.accept_safe or args.reject_all or args.import_file
    if bulk and args.ids:
        return "ids go with --accept, --reject, --edit or --reset, not with bulk decisions"
    if not bulk and not args.ids:
        return "name at least one suggestion id"
    if args.choice is not None and not args.accept:
        return "--choice goes with --accept"
    if args.choice is not None and args.choice < 1:
        return "--choice counts from 1"
    if (args.rule or args.category or args.severity) and not (
            args.accept_all or args.accept_safe or args.reject_all):
        return "--rule, --category and --severity filter --accept-all / --reject-all"
    bad = [s for s in args.severity if s not in {v.value for v in Severity}]
    if bad:
        return f"unknown severity {bad[0]!r}"
    return ""


def decisions_for(review: ReviewFile, args: argparse.Namespace, at: str) -> list[Decision]:
    """The decisions the command line asks for, against the current review file."""
    if args.import_file:
        return load_decisions(args.import_file, review)
    if args.accept_all or args.accept_safe or args.reject_all:
        status = Status.REJECTED if args.reject_all else Status.ACCEPTED
        bulk = Bulk(status, args.accept_safe, tuple(args.rule), tuple(args.category),
                    tuple(args.severity))
        return [Decision(id=s.id, status=status, choice=None if args.reject_all else 0,
                         comment=args.comment, by=args.by, at=at)
                for s in review.suggestions if bulk.takes(s)]
    if args.accept:
        status, choice = Status.ACCEPTED, (args.choice or 1) - 1
    else:
        status = (Status.REJECTED if args.reject else Status.EDITED if args.edit is not None
                  else Status.PENDING)
        choice = None
    return [Decision(id=i, status=status, choice=choice, edited_text=args.edit,
                     comment=args.comment, by=args.by, at=at) for i in args.ids]


def run(args: argparse.Namespace) -> int:
    problem = _usage_problem(args)
    if problem:
        raise CommandError(f"reviewer decide: {problem}", ExitCode.USAGE)
    path = Path(args.review_file)
    at = stamp()
    action = "import" if args.import_file else "decide"
    done = record(path, lambda review: (decisions_for(review, args, at), ()), action)
    decided = done.decided()
    for s in decided:
        rep = f" -> {printable(repr(s.replacement))}" if s.replacement is not None else ""
        print(f"{printable(s.id)} {s.status.value}{rep}")
    print(f"{printable(str(path))}: {len(decided)} decision(s) recorded")
    return ExitCode.OK
