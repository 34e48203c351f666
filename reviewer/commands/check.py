"""`reviewer check FILE...`: print every finding and gate on severity.

`-` is standard input, named by `--stdin-filename` (as in ruff and Vale).
"""

from __future__ import annotations

import argparse
from typing import Any

from reviewer.commands.common import add_check_options, settings_from_args
from reviewer.commands.progress import blocks_bar
from reviewer.commands.reporting import add_report_options
from reviewer.commands.terminal import use_color
from reviewer.exitcodes import EPILOG
from reviewer.pipelines.output import finish, prepare
from reviewer.pipelines.session import STDIN, check_paths


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check documents and print findings",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (searched for --include files) and globs; "
                        "`-` reads standard input")
    p.add_argument("--stdin-filename", metavar="NAME", default=STDIN,
                   help="the name of standard input (`-`) in findings; its extension "
                        "picks the input format (default: `-`, plain text)")
    add_report_options(p)
    add_check_options(p)


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    plan = prepare(settings, use_color(args.color), args.baseline)
    docs, report, _ = check_paths(args.paths, settings, stdin_name=args.stdin_filename,
                                  progress=blocks_bar())
    return finish(plan, report, {d.path: d.text for d in docs})
