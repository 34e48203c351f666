"""Starting, restarting and stopping the LanguageTool JVM, and failures on the way."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.checker import CheckOptions, check_documents
from reviewer.exitcodes import ExitCode
from reviewer.gate import gate
from reviewer.lt.engine import Engine
from reviewer.lt.java import find_java
from reviewer.lt.provision import jars_dir
from reviewer.lt.server import LocalServer, ServerError
from reviewer.text.document import parse_document
from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.server  # every test here starts its own LanguageTool

PARAGRAPHS = "\n\n".join(f"Paragraph {i}: he go to school." for i in range(6))


def reviewer_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REVIEWER_SERVER"}
    env.update(REVIEWER_CACHE_DIR=str(tmp_path / "cache"), REVIEWER_LT_JARS=str(jars_dir()))
    env.update(extra)
    return env


def java_children(pid: int) -> list[int]:
    """JVMs whose parent is `pid` (read from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"org.languagetool.server.HTTPServer" in cmd:
            out.append(int(entry.name))
    return out


def gone(pid: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.1)
    return False


def test_missing_jars_exit_3_with_advice(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("He go.\n")
    proc = subprocess.run(
        [sys.executable, "-m", "reviewer", "check", str(doc)],
        env=reviewer_env(tmp_path, REVIEWER_LT_JARS=str(tmp_path / "nojars")),
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == ExitCode.ENGINE
    assert proc.stderr.strip() == (
        f"reviewer: no LanguageTool jars in {tmp_path / 'nojars'}: run `reviewer setup` first")


def test_broken_jars_show_the_log_tail(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / ".complete").write_text("6.8\n")
    (bad / "languagetool-server-6.8.jar").write_bytes(b"not a jar")
    with pytest.raises(ServerError) as err:
        LocalServer(bad, tmp_path / "lt.log", start_timeout=30).start()
    msg = str(err.value)
    assert "LanguageTool exited with code 1 at start-up" in msg
    assert "HTTPServer" in msg  # the JVM's own words, from the log


def test_port_taken_is_reported(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        server = LocalServer(jars_dir(), tmp_path / "lt.log", port=port, start_timeout=30)
        with pytest.raises(ServerError) as err:
            server.start()
    assert "LanguageTool" in str(err.value) and "log:" in str(err.value)
    assert not server.alive()


def test_server_killed_mid_run_is_restarted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A background server (`reviewer server start`) would be used instead of ours.
    monkeypatch.setenv("REVIEWER_LT_JARS", str(jars_dir()))
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REVIEWER_SERVER", raising=False)
    doc = parse_document("p.txt", PARAGRAPHS.encode())
    options = CheckOptions(jobs=1, block_chars=40)
    with Engine(log_path=tmp_path / "lt.log", start_timeout=60) as engine:
        assert engine.pid is None  # nothing is started until a block needs it
        engine.launch()
        first_pid = engine.pid
        assert first_pid

        def kill_after_first(done: int, total: int) -> None:
            if done == 1:
                os.kill(first_pid, signal.SIGKILL)

        report = check_documents([doc], engine, options, kill_after_first)
        assert engine.pid != first_pid
    assert report.engine_errors == ()
    assert len([f for f in report.findings if f.rule_id == "HE_VERB_AGR"]) == 6


def test_blocks_that_still_fail_become_engine_errors(tmp_path: Path) -> None:
    doc = parse_document("p.txt", PARAGRAPHS.encode())
    with LocalServer(jars_dir(), tmp_path / "lt.log") as server:
        assert server.process
        pid = server.process.pid
        with Engine(server.url) as engine:  # not ours: it cannot be restarted

            def kill_after_first(done: int, total: int) -> None:
                if done == 1:
                    os.kill(pid, signal.SIGKILL)

            report = check_documents([doc], engine, CheckOptions(jobs=1, block_chars=40),
                                     kill_after_first)
    assert len(report.engine_errors) == 5
    assert [e.line for e in report.engine_errors] == [3, 5, 7, 9, 11]
    assert gate(report) is ExitCode.ENGINE


def unique_copies(text: str, n: int) -> str:
    """`n` copies of `text`, every sentence numbered apart.

    LanguageTool answers a sentence it has seen from its own cache: copies of one text
    would be checked in a few seconds, and a signal meant for a run at work could land
    after it has ended (its exit code is then the gate's, not 130).
    """
    count = iter(range(10**9))
    return "\n\n".join(
        re.sub(r"([.!?])(\s)", lambda m: f" ({next(count)}){m.group(1)}{m.group(2)}", text)
        for _ in range(n))


def _sigint_as_on_a_terminal() -> None:
    # A test run started in the background of a non-interactive shell (`make test &`, some
    # CI runners) ignores SIGINT, and children inherit that: reviewer would never see the
    # Ctrl-C this test sends, and would finish its run (exit 1 from the gate).
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_orphan_jvm(tmp_path: Path, sig: signal.Signals) -> None:
    big = tmp_path / "big.txt"
    big.write_text(unique_copies(SEED.read_text(), 60))
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "check", str(big), "-j", "1"],
        env=reviewer_env(tmp_path), cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=_sigint_as_on_a_terminal,
    )
    # The state to interrupt: the JVM is reviewer's child and is answering its first check
    # request (before that, the signal could land while the JVM is being spawned).
    log = tmp_path / "cache" / "logs" / f"languagetool-{proc.pid}.log"
    deadline = time.monotonic() + 120
    checking = False
    while not checking and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        checking = log.is_file() and "Handling POST /v2/check" in log.read_text(errors="replace")
    assert checking, "reviewer never sent a check to its JVM"
    jvms = java_children(proc.pid)
    assert jvms, "the JVM that answers is not reviewer's child"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert gone(jvms[0]), f"JVM {jvms[0]} outlived reviewer after {sig.name}"
    if sig != signal.SIGKILL:
        assert proc.stderr is not None
        assert proc.returncode == 130, proc.stderr.read().decode(errors="replace")


def java_recorder(tmp_path: Path) -> tuple[Path, Path]:
    """A `java` that logs each start to a file, then runs the real one: (java, log)."""
    real = find_java()
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    # The version is read from `release`, as for any Java home, so only starts are logged.
    (home / "release").write_text(f'JAVA_VERSION="{real.major}"\n')
    log = tmp_path / "java-starts.log"
    java = home / "bin" / "java"
    java.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real.path}" "$@"\n')
    java.chmod(0o755)
    return java, log


def test_a_run_whose_blocks_are_all_cached_starts_no_jvm(tmp_path: Path) -> None:
    java, starts = java_recorder(tmp_path)
    env = reviewer_env(tmp_path, REVIEWER_JAVA=str(java))
    env.pop("REVIEWER_NO_CACHE", None)
    config = tmp_path / "reviewer.toml"
    config.write_text('[severity.rules]\nEN_A_VS_AN = "info"\n')

    def check(*extra: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "reviewer", "check", str(SEED), "--format", "json",
             "--fail-on", "never", *extra], env=env, capture_output=True, text=True,
            timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def servers_started() -> int:
        return sum("org.languagetool.server.HTTPServer" in line
                   for line in starts.read_text().splitlines())

    first = check("--no-config")
    assert servers_started() == 1  # our server, for this run
    # Other severities: the document is checked again, every block from the cache.
    assert '"severity": "info"' in check("--config", str(config))
    assert check("--no-config") == first  # the document from the cache
    assert servers_started() == 1  # no JVM started since


def test_background_server_start_status_stop(tmp_path: Path) -> None:
    env = reviewer_env(tmp_path)

    def reviewer(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reviewer", *args], env=env,
                              capture_output=True, text=True, timeout=120)

    assert reviewer("server", "status").stdout.splitlines()[0] == "not running"
    started = reviewer("server", "start")
    assert started.returncode == 0, started.stderr
    try:
        assert reviewer("server", "status").stdout.startswith("running at http://127.0.0.1:")
        doc = tmp_path / "a.txt"
        doc.write_text("He go to school.\n")
        checked = reviewer("check", str(doc))
        assert checked.returncode == 1 and "HE_VERB_AGR" in checked.stdout
    finally:
        assert reviewer("server", "stop").stdout.strip() == "stopped"
    assert reviewer("server", "status").stdout.splitlines()[0] == "not running"
