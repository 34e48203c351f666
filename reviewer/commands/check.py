"""`reviewer check FILE...`: print every finding and gate on severity."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from reviewer.commands.common import (
    CommandError,
    add_check_options,
    options_from_args,
    read_documents,
    run_check,
)
from reviewer.exitcodes import EPILOG
from reviewer.formats import Format, render
from reviewer.gate import FAIL_ON_CHOICES, gate


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check documents and print findings",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--format", "-f", type=Format, choices=list(Format), default=Format.TEXT)
    p.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default="major",
                   help="lowest severity that makes the exit code 1 (default: major)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    add_check_options(p)


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run(args: argparse.Namespace) -> int:
    try:
        docs = read_documents(args.paths)
        report = run_check(docs, args, options_from_args(args))
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    sys.stdout.write(render(args.format, report, use_color(args.color)))
    return gate(report, args.fail_on)
