"""Running the site on uvicorn: bind, say the URL once listening, stop cleanly.

The socket is bound before uvicorn starts, so `--port 0` gets a free port
whose number is known for the printed URL. The URL is printed only once
uvicorn accepts connections: a test (or a script) may wait for that line.
Ctrl-C and SIGTERM start a graceful stop: the event streams are ended first
(else uvicorn would wait for them forever), then open requests finish.
"""

from __future__ import annotations

import ipaddress
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from reviewer.serve.served import ServeError

GRACE_SECONDS = 5


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to (host, port); ServeError when that is impossible."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ServeError(f"--host {host}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                         "(choose another --port; 0 takes any free one)") from None
    return sock


def is_loopback(sock: socket.socket) -> bool:
    return ipaddress.ip_address(sock.getsockname()[0]).is_loopback


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None],
                 on_stop: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready
        self._on_stop = on_stop

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_ready()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._on_stop()
        await super().shutdown(sockets)

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        # uvicorn re-raises the signal once stopped; for `serve` a stop on
        # Ctrl-C or SIGTERM is the normal end, so the command returns instead.
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def serve(app: ASGIApp, sock: socket.socket, on_ready: Callable[[], None],
          on_stop: Callable[[], None]) -> None:
    """Serve `app` on `sock` until Ctrl-C or SIGTERM."""
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        http="h11",
        ws="none",
        proxy_headers=False,  # nothing sits in front: X-Forwarded-* are not to be believed
        server_header=False,
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    _Server(config, on_ready, on_stop).run(sockets=[sock])
