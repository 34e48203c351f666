"""`reviewer server start|status|stop`: one LanguageTool server kept between runs, and beside
it the resident process that runs `reviewer check` with its models loaded (reviewer.resident)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer.exitcodes import ExitCode
from reviewer.lt.server import (
    DEFAULT_START_TIMEOUT,
    ServerError,
    background_url,
    stale_background,
    start_background,
    state_path,
    stop_background,
)
from reviewer.resident import control


def add_parser(sub: Any) -> None:
    p = sub.add_parser("server", help="keep a LanguageTool server running between runs")
    p.add_argument("action", choices=("start", "status", "stop"))
    p.add_argument("--start-timeout", type=float, default=DEFAULT_START_TIMEOUT, metavar="S")
    p.add_argument("--port", type=int, default=0,
                   help="start: listen on this port (default: a free one)")
    p.add_argument("--public", action="store_true",
                   help="start: listen on every interface, so that runs on other machines "
                        "can use it (--server http://HOST:PORT; no authentication: keep it "
                        "behind a firewall, docs/checking.md)")


def run(args: argparse.Namespace) -> int:
    if args.action == "start":
        try:
            url = start_background(args.start_timeout, args.port, args.public)
        except ServerError as exc:
            from reviewer.pipelines.session import EngineFailure  # the checker: only on failure

            raise EngineFailure(f"server: {exc}") from None
        print(f"LanguageTool server running at {url} (state: {state_path()})")
        if control.supported():
            try:
                print(f"resident process running (pid {control.start(args.start_timeout)})")
            except control.ResidentError as exc:  # checks still run, each in its own process
                print(f"reviewer: note: the resident process did not start: {exc}",
                      file=sys.stderr)
        return ExitCode.OK
    if args.action == "status":
        running = background_url()
        if running:
            print(f"running at {running}")
        elif stale_background():
            print("running with the pattern rules of an earlier reviewer: not used "
                  "(`reviewer server start` restarts it)")
        else:
            print("not running")
        if control.supported():
            pid = control.running()
            print(f"resident process running (pid {pid})" if pid else
                  "resident process not running")
        return ExitCode.OK if running else ExitCode.FINDINGS
    resident_stopped = control.stop()
    print("stopped" if stop_background() or resident_stopped else "not running")
    return ExitCode.OK
