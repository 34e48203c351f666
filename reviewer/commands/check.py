"""`reviewer check FILE...`: print every finding and gate on severity."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer.commands.common import (
    CommandError,
    add_check_options,
    configure,
    options_from_args,
    read_documents,
    run_check,
    selection_from_args,
)
from reviewer.commands.reporting import add_report_options, finish, prepare
from reviewer.exitcodes import EPILOG


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check documents and print findings",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (searched for --include files) and globs")
    add_report_options(p)
    add_check_options(p)


def run(args: argparse.Namespace) -> int:
    try:
        configure(args)  # the configuration may set formats, outputs and the gate
        plan = prepare(args)
        docs = read_documents(args.paths, selection_from_args(args))
        report = run_check(docs, args, options_from_args(args))
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    return finish(plan, report, {d.path: d.text for d in docs})
