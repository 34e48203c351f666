"""The server's life on Windows and macOS, simulated on Linux: `sys.platform` patched and the
POSIX-only modules made unimportable. A simulation, not a run on those systems (docs/ci.md)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from reviewer.lt import server
from tests.conftest import ROOT

POSIX_ONLY = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix")
OTHER_SYSTEMS = ("win32", "darwin")

IMPORT_ALL = """
import importlib, pkgutil, sys
import reviewer
names = [m.name for m in pkgutil.walk_packages(reviewer.__path__, "reviewer.")
         if not m.name.endswith("__main__")]
for name in names:  # once as on Linux: the standard library's and third parties' modules
    importlib.import_module(name)
for name in [n for n in sys.modules if n == "reviewer" or n.startswith("reviewer.")]:
    del sys.modules[name]
sys.platform = PLATFORM
for name in POSIX_ONLY:
    sys.modules[name] = None  # `import fcntl` now raises ImportError
if PLATFORM == "win32":
    import signal
    del signal.SIGKILL
import reviewer.cli
for name in names:
    importlib.import_module(name)
print(len(names), "modules")
"""


@pytest.mark.parametrize("platform", OTHER_SYSTEMS)
def test_every_module_imports_without_posix_only_modules(platform: str) -> None:
    script = (f"PLATFORM = {platform!r}\nPOSIX_ONLY = {POSIX_ONLY!r}\n"
              + textwrap.dedent(IMPORT_ALL))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("modules")


@pytest.fixture(params=OTHER_SYSTEMS)
def system(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Another system, as far as reviewer's code can tell."""
    platform: str = request.param
    monkeypatch.setattr(sys, "platform", platform)
    for name in POSIX_ONLY:
        if name != "posix":  # os itself is already imported and stays as it is
            monkeypatch.setitem(sys.modules, name, None)
    if platform == "win32":
        monkeypatch.delattr(signal, "SIGKILL")  # Windows has no SIGKILL
    return platform


def test_each_system_starts_the_jvm_with_options_it_has(system: str) -> None:
    if system == "win32":  # no preexec_fn, no sessions: a detached process of its own
        assert server._detach(True) == {"creationflags": server._DETACHED_WINDOWS}
        assert server._detach(False) == {}
    else:  # macOS: a session of its own; no prctl to die with the parent
        assert server._detach(True) == {"start_new_session": True}
        assert server._detach(False) == {}
    assert not server.dies_with_parent()


def test_linux_jvms_die_with_their_parent() -> None:
    assert server._detach(False) == {"preexec_fn": server._die_with_parent}


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[subprocess.Popen[bytes]]:
    """A process standing in for the background JVM, and a cache folder for server.json."""
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    yield proc
    proc.terminate()  # (SIGKILL may be gone: the simulated Windows has none)
    proc.wait()


def write_state(pid: int, created: float | None) -> None:
    server.state_path().write_text(json.dumps({"pid": pid, "created": created,
                                               "url": "http://127.0.0.1:9"}), encoding="utf-8")


def test_server_stop_stops_the_process_it_started(
        system: str, stand_in: subprocess.Popen[bytes]) -> None:
    write_state(stand_in.pid, server.created(stand_in.pid))
    assert server.stop_background() is True
    assert stand_in.wait(timeout=30) is not None  # terminated, whatever the system
    assert not server.state_path().exists()


def test_a_pid_that_is_no_longer_our_jvm_is_left_alone(
        system: str, stand_in: subprocess.Popen[bytes]) -> None:
    started = server.created(stand_in.pid)
    assert started is not None
    write_state(stand_in.pid, started - 3600)  # the PID was reused by another process
    assert server.stop_background() is False
    assert stand_in.poll() is None and psutil.pid_exists(stand_in.pid)
    assert not server.state_path().exists()  # the stale state is dropped
    write_state(stand_in.pid, None)  # a server.json of an older reviewer: no creation time
    assert server.stop_background() is False
    assert stand_in.poll() is None


def test_a_state_file_of_a_process_gone_says_not_running(
        system: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path))
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    write_state(done.pid, 1.0)  # exited and reaped: nothing has this PID now, or another
    assert server.stop_background() is False


def test_interactive_review_reads_one_key_from_the_windows_console(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.commands.interactive import read_key

    class Console:
        def isatty(self) -> bool:
            return True

    class Msvcrt:
        @staticmethod
        def getwch() -> str:
            return "a"

    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("termios", "tty"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "msvcrt", Msvcrt)
    assert read_key(Console()) == "a"  # type: ignore[arg-type]
