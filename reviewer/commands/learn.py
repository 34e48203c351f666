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
from reviewer.commands.common import CommandError
from reviewer.exitcodes import ExitCode
from reviewer.files import clash, write_output
from reviewer.learn import Learned, dumps, learned_path, tally
from reviewer.review.record import ReviewFile
from reviewer.review.store import load


def add_parser(sub: Any) -> None:
    p = sub.add_parser("learn", help="remember editors' decisions per rule (learn = true)")
    p.add_argument("review_files", nargs="+", metavar="REVIEW_FILE")
    p.add_argument("-o", "--output", type=Path, metavar="PATH",
                   help="where to write (default: reviewer-learned.json next to the "
                        "configuration file, or here)")


def reviews(paths: list[str]) -> list[ReviewFile]:
    """The review files, each validated on load (ReviewFileError ends the command)."""
    return [load(p) for p in paths]


def run(args: argparse.Namespace) -> int:
    loaded = reviews(args.review_files)
    if args.output is None:
        try:
            layer = config.file_layer(None, True)
        except config.ConfigError as exc:
            raise CommandError(f"reviewer: {exc}", ExitCode.USAGE) from None
        target = learned_path(layer[0] if layer else None)
    else:
        target = args.output
    overwritten = clash(target, args.review_files)
    if overwritten:
        raise CommandError(f"reviewer: {target}: would overwrite the review file {overwritten}; "
                           "nothing written", ExitCode.USAGE)
    learned = Learned(rules=tally(loaded), sources=tuple(sorted(args.review_files)))
    try:
        write_output(target, dumps(learned).encode("utf-8"), named=args.output is not None)
    except OSError as exc:
        raise CommandError(f"reviewer: {target}: {exc.strerror or exc}", ExitCode.USAGE) from None
    decided = sum(c.decided for c in learned.rules.values())
    print(f"{target}: {decided} decisions on {len(learned.rules)} rules from "
          f"{len(loaded)} review file(s); `learn = true` in the configuration uses them",
          file=sys.stderr)
    return ExitCode.OK
