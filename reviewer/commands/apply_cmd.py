"""`reviewer apply FILE [-o OUT | --in-place]`: write the corrected document.

Accepted and edited suggestions are applied where their text is verified
(reviewer.review.apply); stale and conflicting ones are listed and left out. The
output goes to `-o OUT`, to the document itself with `--in-place`, or by
default next to the review file as `<name>.corrected<ext>`; it is written
atomically and the source document is never touched otherwise.

Before writing, the corrected text is checked again with the review's
settings (reviewer.review.recheck): it says which corrected findings are gone
and which remain, and a fix whose sentence now has a finding it did not have
is *regressed*: then nothing is written unless `--allow-regressions`
(`--no-recheck` skips the re-check). `--safe-only` applies only the accepted
suggestions whose fixes are safe (reviewer.rules.safety).

Exit 0 when every accepted suggestion was applied, 1 when some were stale,
in conflict, refused or regressed, 2 for bad input, 3 when the re-check could
not run (the output is written all the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer.commands.common import add_engine_options, overrides
from reviewer.commands.progress import blocks_bar
from reviewer.commands.terminal import printable
from reviewer.inputs.docx_apply import COMMENTS, WordOptions
from reviewer.pipelines.correcting import apply_review, closing_line, report_lines


def add_parser(sub: Any) -> None:
    p = sub.add_parser("apply", help="write the document with the accepted suggestions applied")
    p.add_argument("review_file", metavar="FILE")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT",
                     help="where to write (default: <name>.corrected<ext> by the review file)")
    out.add_argument("--in-place", action="store_true", help="overwrite the document")
    p.add_argument("--document", metavar="DOC",
                   help="the reviewed document (default: the one the review file names, "
                        "if inside the working directory, or next to the review file)")
    p.add_argument("--force", action="store_true",
                   help="on a document changed since the review, also look for what did not "
                        "stay in place by its fingerprint (needed when the review file does not "
                        "keep the text reviewed)")
    p.add_argument("--no-recheck", action="store_true",
                   help="do not check the corrected text again")
    p.add_argument("--allow-regressions", action="store_true",
                   help="write even when a fix brings a new finding into its sentence")
    p.add_argument("--safe-only", action="store_true",
                   help="apply only accepted suggestions whose fixes are safe "
                        "(typography, spacing, a/an...: docs/review-file.md)")
    word = p.add_argument_group("Word documents (.docx)")
    word.add_argument("--author", default="reviewer",
                      help="the author of the tracked changes and comments (default: reviewer)")
    word.add_argument("--comments", choices=COMMENTS, default="pending",
                      help="comment the suggestions not applied: pending ones (default), all, "
                           "or none")
    word.add_argument("--no-track", action="store_true",
                      help="write plain edits instead of tracked changes")
    word.add_argument("--allow-drop-macros", action="store_true",
                      help="write a .docm's corrections as a .docx without its macros")
    add_engine_options(p)


def run(args: argparse.Namespace) -> int:
    result = apply_review(
        Path(args.review_file), Path(args.output) if args.output else None,
        in_place=args.in_place, document=args.document, force=args.force,
        safe_only=args.safe_only,
        recheck=None if args.no_recheck else overrides(args),
        allow_regressions=args.allow_regressions,
        word=WordOptions(author=args.author, comments=args.comments,
                         track=not args.no_track, drop_macros=args.allow_drop_macros),
        progress=blocks_bar())
    if result.recheck_error:
        print(result.recheck_error, file=sys.stderr)
    for line in report_lines(result):  # names and texts come from the review file
        print(printable(line))
    closing = closing_line(result)
    if closing:
        print(closing, file=sys.stderr)
    return result.code
