"""`reviewer learn REVIEW_FILE...`: remember what editors decided, per rule.

Writes `reviewer-learned.json` next to the configuration file (or in this
folder; `-o` elsewhere). With `learn = true` in the configuration, every check
then adjusts each finding's confidence by its rule's decisions (reviewer.learn),
so rules editors keep rejecting fall below the threshold and stay quiet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer import config
from reviewer.exitcodes import ExitCode
from reviewer.learn import learned_path
from reviewer.pipelines.learning import learn_from


def add_parser(sub: Any) -> None:
    p = sub.add_parser("learn", help="remember editors' decisions per rule (learn = true)")
    p.add_argument("review_files", nargs="+", metavar="REVIEW_FILE")
    p.add_argument("-o", "--output", type=Path, metavar="PATH",
                   help="where to write (default: reviewer-learned.json next to the "
                        "configuration file, or here)")


def run(args: argparse.Namespace) -> int:
    if args.output is None:
        layer = config.file_layer(None, True)
        target = learned_path(layer[0] if layer else None)
    else:
        target = args.output
    learned = learn_from(args.review_files, target, named=args.output is not None)
    decided = sum(c.decided for c in learned.rules.values())
    print(f"{target}: {decided} decisions on {len(learned.rules)} rules from "
          f"{len(args.review_files)} review file(s); `learn = true` in the configuration "
          "uses them", file=sys.stderr)
    return ExitCode.OK
