"""`reviewer server start|status|stop`: one LanguageTool server kept between runs."""

from __future__ import annotations

import argparse
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
        return ExitCode.OK if running else ExitCode.FINDINGS
    print("stopped" if stop_background() else "not running")
    return ExitCode.OK
