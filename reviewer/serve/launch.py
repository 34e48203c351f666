"""Starting `reviewer serve`: the files collected, the socket bound, the site served.

Everything that can stop the start is checked before the first line is
printed, and raised as ServeError (exit 2, `reviewer serve: ...`): a bad
port, no review file, an address in use, `--no-token` off loopback, a review
file the site cannot read. Then the site runs until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reviewer.pipelines.session import options_for
from reviewer.review.record import ReviewFileError
from reviewer.serve.app import build_app
from reviewer.serve.events import Hub
from reviewer.serve.runner import bind, is_loopback, serve
from reviewer.serve.security import TOKEN_PARAM, Policy, loopback_hosts, new_token
from reviewer.serve.served import Served, ServeError, collect
from reviewer.serve.site import Site
from reviewer.serve.worker import Worker
from reviewer.settings import Settings


@dataclass(frozen=True, slots=True)
class Launch:
    """What to serve and how: `paths` (none: reports/), the address, who decides by
    default, whether to watch the documents and to require the access token.

    `engine`: the engine settings the command line gave, which Apply's re-check
    takes (the rest comes from the review file).
    """

    paths: tuple[str, ...]
    host: str
    port: int
    user: str
    watch: bool = False
    token: bool = True
    engine: Mapping[str, Any] | None = None


def url(sock: socket.socket, host: str, token: str | None) -> str:
    """The address to open: this machine's name off loopback, the token in the query."""
    port = sock.getsockname()[1]
    name = host if is_loopback(sock) else socket.gethostname()
    name = f"[{name}]" if ":" in name else name
    return f"http://{name}:{port}/" + (f"?{TOKEN_PARAM}={token}" if token else "")


def launch(settings: Settings, how: Launch) -> None:
    """Serve until stopped; ServeError when it cannot start (nothing is served then)."""
    options_for(settings)  # an unknown rule or an unreadable glossary stops the start
    if not 0 <= how.port <= 65535:
        raise ServeError(f"--port {how.port} is not a port number")
    served = collect(how.paths)
    sock = bind(how.host, how.port)
    try:
        _run(settings, how, served, sock)
    finally:
        sock.close()


def _run(settings: Settings, how: Launch, served: tuple[Served, ...], sock: socket.socket) -> None:
    loopback = is_loopback(sock)
    if not how.token and not loopback:
        raise ServeError(f"--host {how.host} is reachable from other machines: it "
                         "needs the access token (drop --no-token)")
    port = sock.getsockname()[1]
    token = new_token() if how.token else None
    hosts = loopback_hosts(port) | {f"{how.host}:{port}"} if loopback else None
    hub = Hub()
    worker = Worker(settings.server, settings.start_timeout)
    try:
        site = Site(served, settings=settings, engine=dict(how.engine or {}), user=how.user,
                    watch=how.watch, hub=hub, worker=worker,
                    log=lambda line: print(line, flush=True))
        try:
            site.prime()
        except ReviewFileError as exc:
            raise ServeError(str(exc)) from None
        address = url(sock, how.host, token)

        def ready() -> None:
            # The first line is the one to open (and the one scripts wait for).
            print(f"reviewer serve: {address}", flush=True)
            for s in served:
                print(f"  {s.path}: /r/{s.key}")
            if not loopback:
                print(f"reviewer serve: listening on {how.host}, reachable from other "
                      "machines that know the token")
            print("Decisions are saved to the review files at once. Stop with Ctrl-C.",
                  flush=True)

        serve(build_app(site, Policy(token, f"reviewer-{port}", hosts)), sock, ready, hub.close)
    finally:
        worker.close()
    print("reviewer serve: stopped", flush=True)
