"""A pool of LanguageTool servers: the work is shared, a server lost mid-run loses nothing."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.checker import CheckOptions, check_documents
from reviewer.exitcodes import ExitCode
from reviewer.gate import gate
from reviewer.lt.engine import Engine
from reviewer.lt.provision import jars_dir
from reviewer.lt.server import LocalServer, running
from reviewer.model import Report
from reviewer.text.document import parse_document

pytestmark = pytest.mark.server  # two servers of its own

TEXT = "\n\n".join(f"Paragraph {i}: he go to school and she have a apple." for i in range(12))
OPTIONS = CheckOptions(jobs=1, block_chars=60)  # one paragraph a block, one in flight a server


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[LocalServer]]:
    folder = tmp_path_factory.mktemp("pool")
    with running([LocalServer(jars_dir(), folder / f"lt-{i}.log") for i in range(2)]) as servers:
        yield servers


def checks_done(server: LocalServer) -> int:
    """How many checks the server's log says it answered."""
    return server.log_path.read_text(errors="replace").count("Check done")


def answered_since(servers: list[LocalServer], before: list[int], at_least: int,
                   bound: float = 60.0) -> list[int]:
    """The checks each server logged since `before`, once they add up to `at_least` (or
    when `bound` seconds have passed: the assertion that follows then says what was seen)."""
    give_up = time.monotonic() + bound
    while True:
        answered = [checks_done(s) - n for s, n in zip(servers, before, strict=True)]
        if sum(answered) >= at_least or time.monotonic() > give_up:
            return answered
        time.sleep(0.05)


def found(report: Report) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.rule_id) for f in report.findings]


def test_two_servers_share_the_blocks_and_find_what_one_finds(pair: list[LocalServer]) -> None:
    doc = parse_document("p.txt", TEXT.encode())
    with Engine(pair[0].url) as one:
        alone = check_documents([doc], one, OPTIONS)
    before = [checks_done(s) for s in pair]
    with Engine([s.url for s in pair]) as both:
        assert both.size() == 2
        shared = check_documents([doc], both, OPTIONS)
    # A server writes "Check done" to its log after it has sent the answer: wait for the
    # twelve lines (one a block) before counting who answered what.
    answered = answered_since(pair, before, at_least=12)
    assert found(shared) == found(alone) and len(found(alone)) == 36
    assert sum(answered) >= 12 and min(answered) >= 1  # both took blocks


def test_a_server_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    doc = parse_document("p.txt", TEXT.encode())
    servers = [LocalServer(jars_dir(), tmp_path / f"lt-{i}.log") for i in range(2)]
    with running(servers):
        with Engine(servers[0].url) as one:
            alone = check_documents([doc], one, OPTIONS)
        victim = servers[1].process
        assert victim is not None

        def kill_after_first(done: int, total: int) -> None:
            if done == 1:
                os.kill(victim.pid, signal.SIGKILL)

        with Engine([s.url for s in servers]) as both:
            report = check_documents([doc], both, OPTIONS, kill_after_first)
            assert both.urls == [servers[0].url]  # the dead one was taken out
        assert report.engine_errors == ()
        assert found(report) == found(alone)

        os.kill(servers[0].process.pid, signal.SIGKILL)  # type: ignore[union-attr]
        with Engine([s.url for s in servers]) as none_left:
            lost = check_documents([doc], none_left, OPTIONS)
        assert len(lost.engine_errors) == 12 and gate(lost) is ExitCode.ENGINE
