"""`reviewer baseline create FILE... -o reviewer-baseline.json`: accept today's findings.

`reviewer check --baseline FILE` then reports and gates only the findings
that are not in it, and lists the recorded ones that are gone.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer import baseline as baselines
from reviewer.commands.common import add_check_options, settings_from_args
from reviewer.commands.progress import blocks_bar
from reviewer.exitcodes import EPILOG, ExitCode
from reviewer.pipelines.baselining import create_baseline


def add_parser(sub: Any) -> None:
    p = sub.add_parser("baseline", help="record current findings so CI reports only new ones")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = actions.add_parser(
        "create",
        help="check documents and write their findings to a baseline file",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders and globs, as for `reviewer check`")
    c.add_argument("--output", "-o", metavar="FILE",
                   help=f"baseline file to write (default: {baselines.DEFAULT_PATH})")
    add_check_options(c)


def run(args: argparse.Namespace) -> int:
    done = create_baseline(args.paths, settings_from_args(args), args.output, blocks_bar())
    print(f"reviewer: baseline of {done.findings} finding(s) in {done.documents} "
          f"document(s) written to {done.path}", file=sys.stderr)
    return ExitCode.OK
