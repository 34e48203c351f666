"""Starting, finding and stopping the resident process (`reviewer server start|status|stop`)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time

from reviewer import resident
from reviewer.cachedir import read_state, write_state
from reviewer.lt.server import created, ours

START_TIMEOUT = 60.0  # seconds for the host to import and read its models (about 1 s)


class ResidentError(Exception):
    """The resident process could not be started; the message says why."""


def supported() -> bool:
    """Whether this platform has the resident process and the environment does not turn
    it off (`REVIEWER_NO_RESIDENT=1`)."""
    return sys.platform == "linux" and not os.environ.get(resident.OFF_ENV)


def running() -> int | None:
    """The PID of a resident process running this installation's current code, else None."""
    state = _state()
    pid = state.get("pid")
    if (not isinstance(pid, int) or ours(pid, state.get("created")) is None
            or state.get("package") != resident.PACKAGE
            or state.get("fingerprint") != resident.code_fingerprint(resident.PACKAGE)):
        return None
    return pid


def start(timeout: float = START_TIMEOUT) -> int:
    """Start the resident process (or keep the one running this code); returns its PID."""
    pid = running()
    if pid is not None:
        return pid
    stop()
    log = resident.log_path()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "reviewer.resident_host"],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                start_new_session=True, close_fds=True)
    deadline = time.monotonic() + timeout
    while not _answers(proc.pid):
        if proc.poll() is not None:
            raise ResidentError(f"it exited with status {proc.returncode} (log: {log})")
        if time.monotonic() > deadline:
            proc.kill()
            raise ResidentError(f"it did not listen within {timeout:g} s (log: {log})")
        time.sleep(0.05)
    state = _state()
    state["created"] = created(proc.pid)
    write_state(resident.state_path(), state)
    return proc.pid


def stop() -> bool:
    """Stop the resident process; False when none was running."""
    state = _state()
    pid = state.get("pid")
    proc = ours(pid, state.get("created")) if isinstance(pid, int) else None
    for path in (resident.socket_path(), resident.state_path()):
        path.unlink(missing_ok=True)  # no caller connects to it any more
    if proc is None:
        return False
    import psutil

    with contextlib.suppress(psutil.Error):
        proc.terminate()
        proc.wait(timeout=5)
    with contextlib.suppress(psutil.Error):
        proc.kill()
    return True


def _answers(pid: int) -> bool:
    """True when the host `pid` has written its state and accepts connections."""
    if _state().get("pid") != pid:
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(resident.socket_path()))
        except OSError:
            return False
    return True


def _state() -> dict[str, object]:
    return read_state(resident.state_path())
