"""`reviewer serve [REVIEW_FILE | FOLDER]...`: the review report, live, for a team.

Serves the report page of each review file (a folder: its `*.review.json`
files; nothing named: `reports/`) on loopback, behind a random token in the
printed URL. Decisions taken in a page are written to the review file at
once and shown on every other open page; Re-check reviews the document on
disk again (as `reviewer review` does), Apply writes the corrected document
(as `reviewer apply` does: re-checked with the review's settings first, not
written when a fix regressed). The check options and configuration are those
of `reviewer review` and are used by Re-check. docs/serve.md has the
security model.

Exit 0 after a stop by Ctrl-C or SIGTERM, 2 when it cannot start.
"""

from __future__ import annotations

import argparse
from typing import Any

from reviewer.commands.common import add_check_options, overrides, settings_from_args
from reviewer.commands.terminal import default_reviewer
from reviewer.exitcodes import ExitCode
from reviewer.serve.launch import Launch, launch

DEFAULT_PORT = 8765
EPILOG = """\
exit codes:
  0  stopped by Ctrl-C or SIGTERM
  2  cannot start (no or bad review file, bad option or configuration, address in use,
     --no-token off loopback)

docs/serve.md: running it, security model, concurrency, Re-check and Apply.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="serve review files as live report pages where editors decide together",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="REVIEW_FILE|FOLDER",
                   help="review files, or folders of *.review.json files (default: reports/)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port (default: {DEFAULT_PORT}; 0 takes any free port)")
    p.add_argument("--user", default=default_reviewer(), metavar="NAME",
                   help="the name decisions get when a page gives none (default: login name)")
    p.add_argument("--watch", action="store_true",
                   help="re-check a document as soon as it changes on disk")
    p.add_argument("--no-token", action="store_true",
                   help="no access token (refused unless the host is loopback)")
    add_check_options(p)


# What Apply's re-check takes from this command line; the rest comes from the review file.
ENGINE_SETTINGS = ("server", "start_timeout", "jobs")


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    engine = {k: v for k, v in overrides(args).items() if k in ENGINE_SETTINGS}
    launch(settings, Launch(tuple(args.paths), args.host, args.port, args.user,
                            watch=args.watch, token=not args.no_token, engine=engine))
    return ExitCode.OK
