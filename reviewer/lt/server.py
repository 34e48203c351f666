"""Running the LanguageTool HTTP server on loopback.

`LocalServer` starts a JVM (the Java of `reviewer.lt.java.find_java`) for the
length of a run and always stops it: on return, on errors, on Ctrl-C, and (on
Linux only) when the Python process dies, via PR_SET_PDEATHSIG.
`start_background` keeps one running between runs (`reviewer server start`)
and remembers it in a small state file that `background_url` reads and
`stop_background` clears.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.cachedir import cache_dir, read_state, write_state
from reviewer.lt import custom, jvm
from reviewer.lt.errors import ProvisionError
from reviewer.lt.java import find_java
from reviewer.lt.provision import is_provisioned, jars_dir, lt_version
from reviewer.lt.transport import healthy

if TYPE_CHECKING:
    import psutil

DEFAULT_START_TIMEOUT = 60.0
HEAP = os.environ.get("REVIEWER_LT_HEAP", "1g")
# A detached (background) JVM on Windows: no console of ours, its own process group.
_DETACHED_WINDOWS = (getattr(subprocess, "DETACHED_PROCESS", 0x8)
                     | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200))
STOP_WAIT = 5.0  # seconds a JVM gets to exit after it is asked to, before it is killed


def dies_with_parent() -> bool:
    """prctl(PR_SET_PDEATHSIG) is Linux's; elsewhere the JVM is stopped by `stop()` only."""
    return sys.platform == "linux"

# Pipeline caching keeps built rule pipelines between requests (without it
# every request rebuilds them); prewarming stays off because it loads every
# language by name, and only English is on the classpath.
SERVER_CONFIG = """\
pipelineCaching=true
pipelinePrewarming=false
maxPipelinePoolSize=64
pipelineExpireTimeInSeconds=3600
cacheSize=2000
maxTextLength=200000
maxCheckThreads=8
textCheckerQueueSize=64
"""


class ServerError(Exception):
    """The server could not be started or reached; the message says why."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:
    # Runs in the child before exec: the kernel sends SIGTERM to the JVM when
    # the Python process that started it dies, even by SIGKILL.
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _detach(detached: bool) -> dict[str, Any]:
    """Popen's options for a JVM that outlives us (`detached`) or dies with us, per OS."""
    if sys.platform == "win32":
        return {"creationflags": _DETACHED_WINDOWS} if detached else {}
    if detached:
        return {"start_new_session": True}
    return {"preexec_fn": _die_with_parent} if dies_with_parent() else {}


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class LocalServer:
    """A LanguageTool server in a child JVM, bound to 127.0.0.1 on a free port."""

    jars: Path
    log_path: Path
    start_timeout: float = DEFAULT_START_TIMEOUT
    port: int = 0
    detached: bool = False
    public: bool = False  # listen on every interface, not only 127.0.0.1 (a pool's member)
    config: str = SERVER_CONFIG
    process: subprocess.Popen[bytes] | None = None
    _deadline: float = 0.0
    _java: str = ""
    _launch: jvm.Launch | None = None
    _chars: int = 0  # how much the run sends (a small run's JVM is tuned to start fast)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self, java: str, config_path: Path, launch: jvm.Launch) -> list[str]:
        return [
            java,
            f"-Xmx{HEAP}",
            "-XX:+UseSerialGC",
            *launch.options,
            "-cp",
            # our pattern rules (grammar_custom.xml) first on the classpath
            os.pathsep.join(str(p) for p in launch.classpath),
            "org.languagetool.server.HTTPServer",
            "--port",
            str(self.port),
            "--config",
            str(config_path),
            *(["--public"] if self.public else []),
        ]

    def start(self) -> LocalServer:
        """Start the JVM and wait for its health check, or raise `ServerError`."""
        return self.launch().wait_ready()

    def launch(self, chars: int = 0) -> LocalServer:
        """Start the JVM without waiting for it (`wait_ready` waits).

        `chars`: how much text the run will send, when known (reviewer.lt.jvm).
        A restart keeps the first launch's choice.
        """
        if not is_provisioned(self.jars):
            raise ServerError(
                f"no LanguageTool jars in {self.jars}: run `reviewer setup` first"
            )
        try:
            java = find_java().path
        except ProvisionError as exc:
            raise ServerError(str(exc)) from None
        self.port = self.port or free_port()
        self._chars = self._chars or chars
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        config_path = self.log_path.with_suffix(".properties")
        config_path.write_text(self.config, encoding="utf-8")
        self._java = java
        self._launch = jvm.plan(java, self.jars, cache_dir(), HEAP, self._chars,
                                record=not self.detached)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                self.command(java, config_path, self._launch),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                **_detach(self.detached),
            )
        self._deadline = time.monotonic() + self.start_timeout
        return self

    def wait_ready(self) -> LocalServer:
        """Wait for the launched JVM's health check, or raise `ServerError` (and stop it)."""
        while time.monotonic() < self._deadline:
            proc = self.process
            if proc is None:
                raise ServerError(f"LanguageTool on {self.url} was stopped while starting")
            if proc.poll() is not None:
                raise ServerError(
                    f"LanguageTool exited with code {proc.returncode} at start-up "
                    f"(log: {self.log_path}):\n{_tail(self.log_path)}"
                )
            if healthy(self.url, timeout=1.0):
                return self
            time.sleep(0.05)
        self.stop()
        raise ServerError(
            f"LanguageTool did not answer on {self.url} within {self.start_timeout:g} s "
            f"(log: {self.log_path}):\n{_tail(self.log_path)}"
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def restart(self) -> None:
        """Stop whatever is left of the JVM and start a new one on a new port."""
        self.stop()
        self.port = 0
        self.start()

    def stop(self) -> None:
        """Stop the JVM: terminate (SIGTERM; TerminateProcess on Windows), then kill after
        `STOP_WAIT` s. Safe to call twice."""
        proc, self.process = self.process, None
        launch, self._launch = self._launch, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=STOP_WAIT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if launch is not None:
            jvm.recorded(launch, self._java)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def running(servers: Sequence[LocalServer]) -> Iterator[list[LocalServer]]:
    """`servers` launched together (their JVMs start in parallel), each waited for, and
    every one launched stopped on leaving, even when a later one failed to start."""
    started: list[LocalServer] = []
    try:
        for server in servers:
            started.append(server.launch())
        for server in started:
            server.wait_ready()
        yield started
    finally:
        for server in started:
            server.stop()


def state_path() -> Path:
    return cache_dir() / "server.json"


def background_url() -> str | None:
    """The URL of the background server when one is running, healthy and started with
    today's pattern rules (a server started before reviewer was upgraded is not used)."""
    url, current = _recorded()
    return url if current else None


def stale_background() -> bool:
    """True when a background server answers but was started with other pattern rules."""
    url, current = _recorded()
    return url is not None and not current


def _recorded() -> tuple[str | None, bool]:
    """The URL `server.json` names when a server answers there, and whether it was started
    with today's pattern rules (`custom.digest`: the JVM reads them once, at start)."""
    state = _state()
    url = state.get("url")
    if not isinstance(url, str) or not healthy(url, timeout=1.0):
        return None, False
    return url, state.get("rules") == custom.digest()


def background_version() -> str:
    """The LanguageTool version the background server was started with ("" unknown)."""
    version = _state().get("version")
    return version if isinstance(version, str) else ""


def _state() -> dict[str, object]:
    return read_state(state_path())


def start_background(start_timeout: float = DEFAULT_START_TIMEOUT, port: int = 0,
                     public: bool = False) -> str:
    """Start a detached server that outlives this process; returns its URL.

    `port` 0 takes a free one; `public` listens on every interface, for other
    machines' runs to use it (`--server http://HOST:PORT`). `server.json` records
    the JVM's PID and creation time, so that `stop_background` stops that JVM only.
    """
    url, current = _recorded()
    if url and current:
        return url
    if url:  # started before an upgrade: its rules are not today's
        stop_background()
    server = LocalServer(
        jars=jars_dir(),
        log_path=cache_dir() / "server.log",
        start_timeout=start_timeout,
        port=port,
        detached=True,
        public=public,
    ).start()
    assert server.process is not None
    # Its creation time, so that only this JVM is ever stopped (stop_background), and its
    # version, so that a run whose answers are all cached need not ask it (Engine.version).
    state = {"pid": server.process.pid, "created": created(server.process.pid),
             "port": server.port, "url": server.url, "version": lt_version(),
             "rules": custom.digest()}
    write_state(state_path(), state)
    return server.url


def created(pid: int) -> float | None:
    """When process `pid` was created (psutil's time, seconds), or None when it is gone."""
    import psutil

    try:
        return float(psutil.Process(pid).create_time())
    except psutil.Error:
        return None


def ours(pid: int, when: object) -> psutil.Process | None:
    """Process `pid` if it is still the one created at `when` (our JVM), else None: a PID
    read from a file may belong to another process since."""
    import psutil

    try:
        proc = psutil.Process(pid)
        if isinstance(when, int | float) and abs(proc.create_time() - when) < 0.01:
            return proc
    except psutil.Error:
        pass
    return None


def stop_background() -> bool:
    """Stop the background server; False when none was running (or the PID that
    `server.json` names is no longer our JVM: then nothing is stopped)."""
    import psutil

    try:
        state = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    state_path().unlink(missing_ok=True)
    pid = state.get("pid") if isinstance(state, dict) else None
    if not isinstance(pid, int):
        return False
    proc = ours(pid, state.get("created"))
    if proc is None:
        return False
    try:
        proc.terminate()  # SIGTERM on POSIX, TerminateProcess on Windows
        proc.wait(timeout=STOP_WAIT)
    except psutil.TimeoutExpired:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    except psutil.NoSuchProcess:
        pass
    return True
