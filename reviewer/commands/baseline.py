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
from reviewer.files import clash
from reviewer.pipelines.session import check_paths


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
    output = args.output or baselines.DEFAULT_PATH  # None: the default, a name we made
    docs, report, _ = check_paths(args.paths, settings_from_args(args), progress=blocks_bar())
    if report.engine_errors:
        for e in report.engine_errors:
            print(f"reviewer: {e.path}:{e.line}: block not checked: {e.message}",
                  file=sys.stderr)
        print(f"reviewer: baseline not written: {len(report.engine_errors)} block(s) "
              "could not be checked", file=sys.stderr)
        return ExitCode.ENGINE
    overwritten = clash(output, [d.path for d in docs])
    if overwritten:
        print(f"reviewer: --output {output}: would overwrite the input {overwritten}; "
              "baseline not written", file=sys.stderr)
        return ExitCode.USAGE
    try:
        baselines.write(baselines.Baseline.from_report(report), output, args.output is not None)
    except baselines.BaselineError as exc:
        print(f"reviewer: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"reviewer: baseline of {len(report.findings)} finding(s) in {len(docs)} "
          f"document(s) written to {output}", file=sys.stderr)
    return ExitCode.OK
