"""Where checks go: a server we start, the background server, or a given URL."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reviewer.lt.client import LTClient, LTSettings
from reviewer.lt.provision import cache_dir, jars_dir
from reviewer.lt.server import DEFAULT_START_TIMEOUT, LocalServer, background_url, healthy

SERVER_ENV = "REVIEWER_SERVER"


class Engine:
    """A LanguageTool server for one run, restartable when we own it.

    Use as a context manager: a server started here is stopped on exit,
    whatever the exit.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        start_timeout: float = DEFAULT_START_TIMEOUT,
        jars: Path | None = None,
        log_path: Path | None = None,
    ) -> None:
        self._given_url = url or os.environ.get(SERVER_ENV) or None
        self._server: LocalServer | None = None
        self._start_timeout = start_timeout
        self._jars = jars
        self._log_path = log_path
        self._lock = threading.Lock()
        self.generation = 0
        self.url = ""

    @property
    def owned(self) -> bool:
        """True when this run started the server (and may restart it)."""
        return self._server is not None

    @property
    def pid(self) -> int | None:
        """The JVM's process id when this run started the server."""
        proc = self._server.process if self._server else None
        return proc.pid if proc else None

    def start(self) -> Engine:
        url = self._given_url or background_url()
        if url:
            self.url = url.rstrip("/")
            return self
        log = self._log_path or cache_dir() / "logs" / f"languagetool-{os.getpid()}.log"
        self._server = LocalServer(
            jars=self._jars or jars_dir(), log_path=log, start_timeout=self._start_timeout
        ).start()
        self.url = self._server.url
        return self

    def client(self, settings: LTSettings) -> LTClient:
        return LTClient(self.url, settings)

    def recover(self, seen_generation: int) -> bool:
        """Restart our server if it died since `seen_generation`; True when usable again.

        Threads that fail together restart it once: the first one in restarts,
        the others see the new generation and just retry.
        """
        with self._lock:
            if self.generation != seen_generation:
                return True
            if self._server is None:
                return False
            # A JVM just killed may not have exited yet: judge by whether it
            # answers, not only by whether its process is still there.
            if self._server.alive() and healthy(self.url, timeout=5.0):
                return False
            self._server.restart()
            self.url = self._server.url
            self.generation += 1
            return True

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def __enter__(self) -> Engine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
