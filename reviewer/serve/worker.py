"""One long-lived thread for the work that needs LanguageTool: Re-check and Apply.

The server a run starts (`reviewer.lt.engine.Engine`) is started from this
thread and kept for the life of `reviewer serve`, so only the first re-check
waits for the JVM. It must be this one thread: the JVM is told to die with
the thread that started it (PR_SET_PDEATHSIG follows the thread, not the
process), and the thread pools of the event loop end idle threads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from reviewer.lt.client import EngineRequestError
from reviewer.lt.engine import Engine
from reviewer.lt.errors import ProvisionError
from reviewer.lt.server import ServerError
from reviewer.serve.jobs import JobError, Server

T = TypeVar("T")


class Worker:
    """Runs jobs one at a time, each with the URL of a running server when it asks.

    `server` and `start_timeout` are the settings' (`--server`, `--start-timeout`).
    """

    def __init__(self, server: tuple[str, ...], start_timeout: float) -> None:
        self._given = server
        self._start_timeout = start_timeout
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reviewer-engine")
        self._engine: Engine | None = None

    async def run(self, job: Callable[[Server], T]) -> T:
        """`job(server)` in the engine thread; the job calls `server()` when it checks."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, job, self.server)

    def server(self) -> str:
        """The URL of a live server, started on first use (engine thread only).

        Raises JobError when no server can be had.
        """
        try:
            if self._engine is None:
                self._engine = Engine(self._given, start_timeout=self._start_timeout).open()
            return self._engine.live_url()
        except (ServerError, ProvisionError, EngineRequestError) as exc:
            if self._engine is not None:
                self._engine.stop()
            self._engine = None
            raise JobError(f"reviewer: {exc}") from None

    def close(self) -> None:
        """Stop the server this worker started (if any) and end the thread."""
        self._pool.submit(self._stop).result()  # after any job still running
        self._pool.shutdown(wait=True)

    def _stop(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.stop()
