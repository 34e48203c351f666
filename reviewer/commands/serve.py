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
import socket
import sys
from typing import Any

from reviewer.commands.common import add_check_options, overrides, settings_from_args
from reviewer.commands.terminal import default_reviewer
from reviewer.exitcodes import ExitCode
from reviewer.pipelines.session import options_for
from reviewer.review.record import ReviewFileError
from reviewer.serve.app import build_app
from reviewer.serve.events import Hub
from reviewer.serve.runner import bind, is_loopback, serve
from reviewer.serve.security import TOKEN_PARAM, Policy, loopback_hosts, new_token
from reviewer.serve.served import ServeError, collect
from reviewer.serve.site import Site
from reviewer.serve.worker import Worker

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


def _url(sock: socket.socket, host: str, token: str | None) -> str:
    port = sock.getsockname()[1]
    name = host if is_loopback(sock) else socket.gethostname()
    name = f"[{name}]" if ":" in name else name
    return f"http://{name}:{port}/" + (f"?{TOKEN_PARAM}={token}" if token else "")


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    options_for(settings)  # an unknown rule or an unreadable glossary stops the start
    if not 0 <= args.port <= 65535:
        print(f"reviewer serve: --port {args.port} is not a port number", file=sys.stderr)
        return ExitCode.USAGE
    try:
        served = collect(args.paths)
        sock = bind(args.host, args.port)
    except ServeError as exc:
        print(f"reviewer serve: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    loopback = is_loopback(sock)
    if args.no_token and not loopback:
        sock.close()
        print(f"reviewer serve: --host {args.host} is reachable from other machines: it "
              "needs the access token (drop --no-token)", file=sys.stderr)
        return ExitCode.USAGE
    port = sock.getsockname()[1]
    token = None if args.no_token else new_token()
    hosts = loopback_hosts(port) | {f"{args.host}:{port}"} if loopback else None
    hub = Hub()
    worker = Worker(settings.server, settings.start_timeout)
    engine = {k: v for k, v in overrides(args).items() if k in ENGINE_SETTINGS}
    site = Site(served, settings=settings, engine=engine, user=args.user, watch=args.watch,
                hub=hub, worker=worker, log=lambda line: print(line, flush=True))
    try:
        site.prime()
    except ReviewFileError as exc:
        sock.close()
        print(f"reviewer serve: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    url = _url(sock, args.host, token)

    def ready() -> None:
        # The first line is the one to open (and the one scripts wait for).
        print(f"reviewer serve: {url}", flush=True)
        for s in served:
            print(f"  {s.path}: /r/{s.key}")
        if not loopback:
            print(f"reviewer serve: listening on {args.host}, reachable from other machines "
                  "that know the token")
        print("Decisions are saved to the review files at once. Stop with Ctrl-C.", flush=True)

    try:
        serve(build_app(site, Policy(token, f"reviewer-{port}", hosts)), sock, ready, hub.close)
    finally:
        worker.close()
        sock.close()
    print("reviewer serve: stopped", flush=True)
    return ExitCode.OK
