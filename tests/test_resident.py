"""`reviewer check` handed to the resident process gives what its own process gives.

The resident process (reviewer.resident) runs each command in a fork on the
caller's own standard input, output and error, in its folder and environment.
These tests run `python -m reviewer` as a user would, once with the resident
process and once without (`REVIEWER_NO_RESIDENT=1`), against a real LanguageTool.
"""

from __future__ import annotations

import array
import json
import os
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer import resident
from reviewer.lt import custom
from reviewer.lt.provision import lt_version
from reviewer.resident import control
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the resident process is Linux's")

TEXT = "He go to school every days. The committee met on 7 March 2007.\n"
BOUND = 120.0  # seconds: a bound on a failure, never a wait for success


@pytest.fixture
def cache(lt_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder whose background LanguageTool is `lt_url`, with a resident process."""
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "server.json").write_text(json.dumps(
        {"url": lt_url, "version": lt_version(), "rules": custom.digest()}), encoding="utf-8")
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(folder))
    monkeypatch.delenv("REVIEWER_SERVER", raising=False)
    monkeypatch.delenv(resident.OFF_ENV, raising=False)
    control.start()
    yield folder
    control.stop()


def reviewer(*args: str, cwd: Path, resident_off: bool = False, stdin: str = "",
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    run_env = dict(os.environ, **(env or {}))
    if resident_off:
        run_env[resident.OFF_ENV] = "1"
    return subprocess.run([sys.executable, "-m", "reviewer", *args], cwd=cwd, env=run_env,
                          input=stdin, capture_output=True, text=True, timeout=BOUND)


def runs_logged(cache: Path) -> int:
    log = cache / "resident.log"
    return log.read_text(encoding="utf-8").count("runs `check`") if log.exists() else 0


def test_a_check_through_the_resident_process_is_the_check_of_its_own_process(
        cache: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "a.txt").write_text(TEXT, encoding="utf-8")
    for args in (("check", "a.txt", "--format", "json", "--no-cache"),  # a relative path
                 ("check", "a.txt"),                                    # text, then cached
                 ("check", "missing.txt")):                             # a usage error
        before = runs_logged(cache)
        handed = reviewer(*args, cwd=work)
        assert runs_logged(cache) == before + 1
        own = reviewer(*args, cwd=work, resident_off=True)
        assert runs_logged(cache) == before + 1
        assert (handed.returncode, handed.stdout, handed.stderr) == (
            own.returncode, own.stdout, own.stderr)
    assert handed.returncode == 2 and "missing.txt" in handed.stderr


def test_standard_input_and_the_environment_are_the_callers(
        cache: Path, tmp_path: Path) -> None:
    # the text on stdin; a configuration named by the caller's environment: nothing fails
    config = tmp_path / "lenient.toml"
    config.write_text('fail_on = "never"\n', encoding="utf-8")
    args = ("check", "-", "--stdin-filename", "piped.txt", "--format", "json")
    env = {"REVIEWER_CONFIG": str(config)}
    handed = reviewer(*args, cwd=tmp_path, stdin=TEXT, env=env)
    own = reviewer(*args, cwd=tmp_path, stdin=TEXT, env=env, resident_off=True)
    assert runs_logged(cache) == 1
    assert (handed.returncode, handed.stdout) == (own.returncode, own.stdout) == (0, own.stdout)
    assert '"piped.txt"' in handed.stdout and "HE_VERB_AGR" in handed.stdout


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_reach_the_command_in_the_resident_process(
        cache: Path, tmp_path: Path, signum: int) -> None:
    # The command waits for standard input that never ends: only Ctrl-C stops it.
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "check", "-"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdin is not None and proc.stderr is not None
    try:
        wait_for(lambda: runs_logged(cache) == 1)
        proc.send_signal(signum)
        # Standard input stays open until the command has ended (`communicate` would close
        # it, and an empty text would then end the command whether the signal came or not).
        proc.wait(timeout=BOUND)
        err = proc.stderr.read()
    finally:
        proc.kill()
        proc.stdin.close()
    assert proc.returncode == 130 and "interrupted" in err


def test_a_resident_process_whose_code_changed_stops_and_the_caller_runs_itself(
        lt_url: str, tmp_path: Path) -> None:
    # A copy of the package, so that its code can change under the resident process.
    copy = tmp_path / "code"
    shutil.copytree(ROOT / "reviewer", copy / "reviewer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "server.json").write_text(json.dumps(
        {"url": lt_url, "version": lt_version(), "rules": custom.digest()}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("REVIEWER_SERVER", resident.OFF_ENV)}
    env.update(PYTHONPATH=str(copy), REVIEWER_CACHE_DIR=str(folder))
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    host = subprocess.Popen([sys.executable, "-m", "reviewer.resident_host"], cwd=copy, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: (folder / "resident.json").exists())

        def check() -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "reviewer", "check", "a.txt"],
                                  cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=BOUND)

        first = check()
        assert runs_logged(folder) == 1
        (copy / "reviewer" / "rules" / "quotes.py").touch()  # an edit, an upgrade
        again = check()
        assert host.wait(timeout=BOUND) == 0  # it stopped
        assert runs_logged(folder) == 1  # the second check ran in its own process
        assert "refused: stale" in (folder / "resident.log").read_text(encoding="utf-8")
        assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
        assert not (folder / "resident.sock").exists()
    finally:
        host.kill()


def test_only_its_user_can_reach_the_resident_process(cache: Path) -> None:
    mode = (cache / "resident.sock").stat().st_mode
    assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) == 0o600


def test_server_status_and_stop_say_whether_it_runs(cache: Path, tmp_path: Path) -> None:
    status = reviewer("server", "status", cwd=tmp_path)
    assert "resident process running" in status.stdout
    assert control.stop()
    assert not (cache / "resident.sock").exists() and control.running() is None
    status = reviewer("server", "status", cwd=tmp_path)
    assert "resident process not running" in status.stdout


def wait_for(condition: object) -> None:
    """Wait until `condition()` holds, bounded by BOUND seconds."""
    import time

    assert callable(condition)
    deadline = time.monotonic() + BOUND
    while not condition():
        assert time.monotonic() < deadline, "the state never came"
        time.sleep(0.02)


def test_a_bad_request_is_refused_and_keeps_no_descriptor_of_the_caller(
        cache: Path, tmp_path: Path) -> None:
    host = json.loads((cache / "resident.json").read_text(encoding="utf-8"))["pid"]

    def open_fds() -> int:
        return len(os.listdir(f"/proc/{host}/fd"))

    before = open_fds()
    with open(os.devnull, "rb") as null:
        for size, body in ((1 << 40, b""), (5, b"{nope"), (2, b"[]")):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(str(cache / "resident.sock"))
                conn.sendmsg([struct.pack("<Q", size)], [(
                    socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [null.fileno()] * 3))])
                conn.sendall(body)
                conn.shutdown(socket.SHUT_WR)
                assert conn.recv(100) == b""  # no answer: the connection is closed
    assert open_fds() == before
    log = (cache / "resident.log").read_text(encoding="utf-8")
    assert log.count("refused a request") == 3
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert reviewer("check", "a.txt", cwd=tmp_path).returncode == 1  # it still serves
    assert runs_logged(cache) == 1


def test_a_link_planted_as_its_log_is_not_written_through(cache: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    (cache / "resident.log").unlink()
    (cache / "resident.log").symlink_to(elsewhere)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    handed = reviewer("check", "a.txt", cwd=tmp_path)
    own = reviewer("check", "a.txt", cwd=tmp_path, resident_off=True)
    assert (handed.returncode, handed.stdout) == (own.returncode, own.stdout)
    assert not elsewhere.exists()
