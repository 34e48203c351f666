"""Where checks go: a pool of LanguageTool servers, or one started for the run when needed.

The servers are, in this order: the URLs given (`--server`, repeatable, or a
comma-separated `$REVIEWER_SERVER`), the background server of `reviewer
server start`, or a server of our own, decided when the run first needs one
(a run whose blocks are all in the cache asks none). Ours is not started then:
`launch` starts its JVM without waiting, and the first request waits for it.

Each request goes to the usable server with the fewest requests in flight. A
server that fails a request is asked for its health: one that does not answer
is taken out of the pool (ours is restarted on a new port instead), and the
request goes to another. When none is left, the request fails.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.cachedir import cache_dir
from reviewer.lt.client import CheckResult, EngineRequestError, LTClient, LTSettings, Markup
from reviewer.lt.provision import jars_dir, lt_version
from reviewer.lt.server import (
    DEFAULT_START_TIMEOUT,
    LocalServer,
    background_url,
    background_version,
)
from reviewer.lt.transport import healthy

SERVER_ENV = "REVIEWER_SERVER"


@dataclass(eq=False)
class _Server:
    url: str
    local: LocalServer | None = None  # ours: launched lazily, restarted when it dies
    ready: bool = False
    in_flight: int = 0
    down: bool = False
    clients: dict[LTSettings, LTClient] = field(default_factory=dict)


def given_urls(urls: str | Sequence[str] | None) -> list[str]:
    """The servers named on the command line, else in $REVIEWER_SERVER (comma-separated)."""
    if isinstance(urls, str):
        urls = [urls]
    named = [u for u in (urls or ()) if u]
    if not named:
        named = [u.strip() for u in os.environ.get(SERVER_ENV, "").split(",") if u.strip()]
    return [u.rstrip("/") for u in named]


class Engine:
    """The LanguageTool servers of one run. Use as a context manager: ours stops on exit."""

    def __init__(
        self,
        urls: str | Sequence[str] | None = None,
        *,
        start_timeout: float = DEFAULT_START_TIMEOUT,
        jars: Path | None = None,
        log_path: Path | None = None,
    ) -> None:
        self._lock = threading.Lock()  # the pool's bookkeeping
        self._starting = threading.Lock()  # one thread starts our JVM; the others wait
        self._start_timeout = start_timeout
        self._jars = jars
        self._log_path = log_path
        named = given_urls(urls)
        self._servers = [_Server(u, ready=True) for u in named]
        self._opened = False
        self._closed = False  # stopped: no request, no restart
        self._known_version = ""  # the background server's, as recorded when it started

    def open(self) -> Engine:
        """Decide which servers to use (no JVM is started here)."""
        if not self._servers:
            url = background_url()
            if url:
                self._servers = [_Server(url.rstrip("/"), ready=True)]
                self._known_version = background_version()
            else:
                log = self._log_path or cache_dir() / "logs" / f"languagetool-{os.getpid()}.log"
                local = LocalServer(jars=self._jars or jars_dir(), log_path=log,
                                    start_timeout=self._start_timeout)
                self._servers = [_Server("", local=local)]
        self._opened = True
        return self

    # -- what callers may ask -------------------------------------------------------------

    @property
    def url(self) -> str:
        """The first server's URL ("" while ours is not launched)."""
        servers = self._pool()
        return servers[0].url if servers else ""

    @property
    def urls(self) -> list[str]:
        return [s.url for s in self._pool() if not s.down]

    @property
    def running(self) -> bool:
        """True when a server is up for this run (ours started, or one given)."""
        return any(s.ready and not s.down for s in self._pool())

    @property
    def owned(self) -> bool:
        """True when this run starts (and may restart) its own server."""
        return any(s.local is not None for s in self._pool())

    @property
    def pid(self) -> int | None:
        """The JVM's process id of our own server, once launched."""
        for s in self._pool():
            if s.local is not None and s.local.process is not None:
                return s.local.process.pid
        return None

    def _pool(self) -> list[_Server]:
        """The servers of this run, decided on first need (`open`)."""
        if not self._opened:
            self.open()
        return self._servers

    def version(self) -> str:
        """The LanguageTool version that answers: ours is the pinned one, the background
        server's the one it was started with, asked of no JVM."""
        if not self._opened and not self._servers and background_version() in ("", lt_version()):
            # Whichever answers, the background server or ours started in its place, runs the
            # pinned version: no need to ask whether it is up (a fully cached run sends nothing).
            return lt_version()
        if self.owned:
            return lt_version()
        return self._known_version or self.check("Version.", (), LTSettings()).version

    def size(self) -> int:
        """How many servers share the work (requests in flight are sized per server)."""
        return max(1, sum(not s.down for s in self._pool()))

    def launch(self, chars: int = 0) -> None:
        """Start our JVM now, without waiting for it (nothing to do for given servers).

        `chars` is how much text the run will send: a small run gets a JVM tuned
        to start fast (reviewer.lt.jvm).
        """
        servers = self._pool()
        with self._lock:
            for s in servers:
                if s.local is not None and s.local.process is None and not s.down:
                    s.local.launch(chars)
                    s.url = s.local.url

    # -- requests ---------------------------------------------------------------------------

    def live_url(self) -> str:
        """The URL of a server that answers now: ours started, or restarted if it died.

        Raises EngineRequestError when none does (ServerError when ours cannot start).
        """
        server = self._pick()
        try:
            if not healthy(server.url, timeout=5.0) and not self._recover(server):
                raise EngineRequestError(f"{server.url} does not answer")
            return server.url
        finally:
            with self._lock:
                server.in_flight -= 1

    def client(self, settings: LTSettings) -> LTClient:
        """A client of the least busy server (for one-off requests such as `/v2/configinfo`)."""
        return self._client(self._pick(), settings)

    def check(self, text: str, markup: Markup, settings: LTSettings) -> CheckResult:
        """Check `text` on the least busy server; on failure, on the others in turn.

        Raises `EngineRequestError` (the last failure) when no server could answer.
        """
        error = ""
        out: set[int] = set()  # servers this request gave up on
        for _attempt in range(2 + len(self._servers)):
            try:
                server = self._pick(exclude=out)
            except EngineRequestError:
                break
            try:
                return self._client(server, settings).check(text, markup)
            except EngineRequestError as exc:
                error = str(exc)
                if not self._recover(server) or _attempt >= 1:
                    out.add(id(server))  # a healthy server that fails twice: try another
            finally:
                with self._lock:
                    server.in_flight -= 1
        raise EngineRequestError(error or "no LanguageTool server is usable")

    def _pick(self, exclude: set[int] | frozenset[int] = frozenset()) -> _Server:
        self._pool()
        with self._lock:
            if self._closed:
                raise EngineRequestError("the run was stopped")
            usable = [s for s in self._servers if not s.down and id(s) not in exclude]
            if not usable:
                raise EngineRequestError("no LanguageTool server is usable")
            server = min(usable, key=lambda s: s.in_flight)
            server.in_flight += 1
        try:
            self._ready(server)
        except BaseException:
            with self._lock:
                server.in_flight -= 1
            raise
        return server

    def _ready(self, server: _Server) -> None:
        if server.ready:
            return
        with self._starting:
            if server.ready:
                return
            assert server.local is not None
            with self._lock:
                if server.local.process is None:
                    server.local.launch()
                server.url = server.local.url
            server.local.wait_ready()
            server.ready = True

    def _client(self, server: _Server, settings: LTSettings) -> LTClient:
        with self._lock:
            client = server.clients.get(settings)
        if client is None:
            client = LTClient(server.url, settings)
            with self._lock:
                client = server.clients.setdefault(settings, client)
        return client

    def _recover(self, server: _Server) -> bool:
        """After a failed request: True when `server` is usable again (the request is retried).

        Judged by the health check, not by the failure: a JVM just killed may not have
        exited yet. Ours is restarted on a new port; another one is taken out of the pool.
        """
        with self._lock:
            if server.down or self._closed:
                return False
            if healthy(server.url, timeout=5.0):
                return True
            if server.local is None:
                server.down = True
                return False
            server.ready = False
            server.clients.clear()
            server.local.stop()
            server.local.port = 0
            server.local.launch()
            server.url = server.local.url
        try:
            self._ready(server)
        except Exception:  # noqa: BLE001 - a server that cannot restart is simply out
            with self._lock:
                server.down = True
            return False
        return True

    def stop(self) -> None:
        with self._lock:
            self._closed = True
        for s in self._servers:
            if s.local is not None:
                s.local.stop()

    def __enter__(self) -> Engine:
        # Which servers to use is decided on first need: a run whose answers are all
        # cached asks no server whether it is up.
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
