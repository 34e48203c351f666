"""Fault injection (issue 13): a review writer killed mid-write, a server killed mid-run.

- A `reviewer decide` killed (SIGKILL) 100 times at every point of its write
  (inside the temporary file's bytes, at fsync, before and after the rename):
  the review file always loads, a killed decision is all there or not at all,
  and every decision taken after it is recorded: 0 corrupt files, 0 lost decisions.
- The LanguageTool server killed at 10 points of a multi-document run: the
  findings are those of an uninterrupted run, or the blocks that could not be
  checked are named as engine errors, never a silent gap.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer import files
from reviewer.checker import CheckOptions, check_documents
from reviewer.cli import main
from reviewer.inputs.registry import load as load_input
from reviewer.lt import client as lt_client
from reviewer.lt.engine import Engine
from reviewer.lt.provision import jars_dir
from reviewer.model import Finding, Report
from reviewer.review.store import load
from reviewer.review.suggest import Status
from reviewer.text.document import parse_document
from tests.test_store import make_review

KILLS = 100


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _inject(point: str, at: int) -> None:
    """In a forked child: die at `point` of the next atomic write."""
    if point == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, mode: str = "r", *args: Any, **kw: Any) -> Any:
            f = real_fdopen(fd, mode, *args, **kw)
            if "w" not in mode:
                return f

            class Dying(io.BufferedWriter):
                def write(self, data: Any) -> int:
                    f.write(bytes(data)[: at % (len(data) + 1)])
                    f.flush()
                    _die()
                    return 0

            return Dying(io.BytesIO())

        files.os.fdopen = fdopen  # type: ignore[assignment]
    elif point == "fsync":
        files.os.fsync = lambda fd: _die()  # type: ignore[assignment]
    elif point == "before-rename":
        files.os.replace = lambda src, dst: _die()  # type: ignore[assignment]
    else:  # after the rename, before the folder's fsync
        real_replace = os.replace

        def replace_then_die(src: Any, dst: Any) -> None:
            real_replace(src, dst)
            _die()

        files.os.replace = replace_then_die  # type: ignore[assignment]


def decide_killed(path: Path, sid: str, point: str, at: int) -> int:
    """`reviewer decide PATH SID --reject` in a forked child killed at `point`; its status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            _inject(point, at)
            main(["decide", str(path), sid, "--reject", "--comment", f"kill {point} {at}"])
        finally:
            os._exit(0)  # only reached when the write was not killed
    _, status = os.waitpid(pid, 0)
    return status


def quiet(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


def test_a_review_writer_killed_100_times_mid_write_loses_nothing(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=KILLS)
    ids = [s.id for s in review.suggestions]
    size = path.stat().st_size
    points = ["write", "write", "write", "fsync", "before-rename", "after-rename"]
    killed = corrupt = lost = 0
    for i, sid in enumerate(ids):
        point = points[i % len(points)]
        status = decide_killed(path, sid, point, at=(i * 7919) % size)
        killed += os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        try:
            after = {s.id: s.status for s in load(path).suggestions}
        except Exception:
            corrupt += 1
            continue
        # all or nothing: the killed decision is there only when the rename was done
        assert after[sid] is (Status.REJECTED if point == "after-rename" else Status.PENDING)
        # the next writer is not stopped by the dead one's lock, and nothing is lost
        assert quiet(["decide", str(path), sid, "--reject", "--comment", "again"]) == 0
        final = load(path)
        lost += sum(1 for d in ids[: i + 1]
                    if {s.id: s.status for s in final.suggestions}[d] is not Status.REJECTED)
    assert (killed, corrupt, lost) == (KILLS, 0, 0)
    assert not list(tmp_path.glob(".*.tmp"))  # the last writer cleaned up after the dead
    assert {h.id for h in load(path).history} == set(ids)


# The LanguageTool server killed at 10 points of a multi-document run

DOCS = {
    "a.txt": "\n\n".join(f"Paragraph {i}: he go to school." for i in range(6)) + "\n",
    "b.md": "# Notes\n\n" + "\n\n".join(f"Item {i} are a apple." for i in range(5)) + "\n",
    "c.txt": "\n\n".join(f"She go home {i} times." for i in range(5)) + "\n",
}
# The requests before which the JVM dies: never a retry (that would be two kills in a row).
KILL_AT = (1, 3, 5, 7, 9, 11, 13, 15, 17, 19)


def key(f: Finding) -> tuple[str, int, int, str, str]:
    return f.path, f.start, f.end, f.rule_id, f.id


@contextlib.contextmanager
def own_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """An engine that starts (and may restart) its own server, not the session's."""
    monkeypatch.setenv("REVIEWER_LT_JARS", str(jars_dir()))
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REVIEWER_SERVER", raising=False)
    with Engine(log_path=tmp_path / "lt.log", start_timeout=60) as engine:
        yield engine


def kill_before(engine: Engine, requests: set[int],
                monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    """Kill the engine's JVM before each request numbered in `requests` (1-based).

    Returns two lists filled as the run goes: the JVM's pid at each request sent, and
    the pids killed.
    """
    pids: list[int] = []
    killed: list[int] = []
    real_check = lt_client.LTClient.check

    def check(self: lt_client.LTClient, text: str, markup: Any = ()) -> Any:
        pid = engine.pid
        assert pid is not None
        pids.append(pid)
        if len(pids) in requests:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        return real_check(self, text, markup)

    monkeypatch.setattr(lt_client.LTClient, "check", check)
    return pids, killed


def check_all(engine: Engine, block_chars: int = 60) -> Report:
    docs = [load_input(parse_document(name, text.encode())) for name, text in DOCS.items()]
    return check_documents(docs, engine, CheckOptions(jobs=1, block_chars=block_chars))


def no_silent_gap(got: Report, expected: Report) -> None:
    """`got` has `expected`'s findings, except in blocks it names as engine errors."""
    def covered(f: tuple[str, int, int, str, str]) -> bool:
        return any(e.path == f[0] and e.start <= f[1] < e.end for e in got.engine_errors)

    want = sorted(f for f in map(key, expected.findings) if not covered(f))
    assert sorted(map(key, got.findings)) == want


@pytest.mark.server
@pytest.mark.slow  # ten JVM restarts
def test_server_killed_at_10_points_gives_the_findings_of_an_uninterrupted_run(
    lt_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Engine(lt_url) as engine:
        expected = check_all(engine)
    assert expected.engine_errors == () and len(expected.findings) >= 16

    with own_engine(tmp_path, monkeypatch) as engine:
        pids, killed = kill_before(engine, set(KILL_AT), monkeypatch)
        got = check_all(engine)

    assert len(pids) > max(KILL_AT) and len(killed) == len(KILL_AT)
    # each kill was followed by a new JVM, and no JVM was killed twice
    assert len(set(killed)) == len(KILL_AT) and len(set(pids)) == len(KILL_AT) + 1
    no_silent_gap(got, expected)
    assert got.engine_errors == ()  # every kill was followed by a successful retry
    # A server that cannot be restarted (not ours) leaves engine errors naming the blocks:
    # tests/test_server_lifecycle.py::test_blocks_that_still_fail_become_engine_errors.
