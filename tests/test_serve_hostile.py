"""`reviewer serve` against hostile and huge inputs (issue 20, items 3, 8, 9, 11, 12, 15, 16).

Each test starts the real command (testkit/serve_helper.py) or drives one of its
parts; requests a browser would never send go over a raw socket
(bench/hostile_http.py, which the fuzzer fires too).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bench.hostile_http import LIMIT, Answer, Shot, Target, barrage, filler, get, send
from reviewer.review.store import load
from reviewer.serve import events
from reviewer.serve.app import MAX_BODY
from reviewer.serve.events import Hub
from testkit.serve_helper import FAILURE_BOUND, Serving, serving, write_review


def target(s: Serving) -> Target:
    return Target(s.port, s.token, "/r/doc/decide")


def post(s: Serving, body: bytes, name: str = "body") -> Answer:
    return send(target(s), Shot(name, lambda: iter((body,)), len(body)))


def test_the_fuzzer_module_knows_the_limit() -> None:
    assert LIMIT == MAX_BODY


def test_every_hostile_body_is_refused_in_one_line_and_serve_goes_on(tmp_path: Path) -> None:
    review_file = write_review(tmp_path)
    before = review_file.read_bytes()
    with serving(tmp_path) as s:
        assert barrage(target(s), random.Random(20)) == []
        assert s.request("GET", "/r/doc")[0] == 200
    assert not any("Traceback" in line for line in s.lines), s.lines
    assert review_file.read_bytes() == before


def test_a_body_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # Issue 20, item 8: a 300 MB POST was read whole (666 MB taken) before the size check.
    write_review(tmp_path)
    with serving(tmp_path) as s:
        # Content-Length says 300 MB and no byte follows: refused on the header alone
        told = send(target(s), Shot("300 MB", lambda: iter(()), 300 * 1024 * 1024))
        assert (told.status, json.loads(told.text)) == (
            413, {"error": "the request body is larger than 4,194,304 bytes"})

        # chunked, with no last chunk: refused once past the limit, not at the end
        endless = Shot("chunked", filler(3 * MAX_BODY, chunked=True), chunked=True)
        streamed = send(target(s), endless)
        assert streamed.status == 413, streamed
        assert s.request("GET", "/health")[0] == 200


@pytest.mark.parametrize(("body", "error"), [
    (b'{"decisions": ' + b"[" * 2000 + b"]" * 2000 + b"}",
     "the request body is JSON nested too deeply"),
    (b'{"by": "ann", "decisions": [{"id": "x", "status": "rejected", "rev": '
     + b"7" * 5000 + b"}]}",
     "the request body is corrupt or truncated JSON (Integer value out of range"),
    (b'{"decisions": [{"id": "\xff"}]}',
     "the request body is corrupt or truncated JSON (Invalid UTF-8"),
])
def test_a_body_nested_deep_or_with_a_huge_integer_gets_400_not_a_traceback(
    tmp_path: Path, body: bytes, error: str
) -> None:
    # Issue 20, item 11: both were a 500 and a traceback in the server's output.
    write_review(tmp_path)
    with serving(tmp_path) as s:
        answer = post(s, body)
        assert answer.status == 400, answer
        assert json.loads(answer.text)["error"].startswith(error)
    assert not any("Traceback" in line for line in s.lines), s.lines


def test_ten_stale_decisions_with_different_comments_are_conflicts(tmp_path: Path) -> None:
    # Issue 20, item 15: all ten got 200, and the last comment won.
    review_file = write_review(tmp_path)
    go = next(s.id for s in load(review_file).suggestions if s.finding.rule_id == "HE_VERB_AGR")
    with serving(tmp_path) as s:
        statuses = [s.request("POST", "/r/doc/decide", {"by": "ann", "decisions": [
            {"id": go, "status": "rejected", "rev": 0, "comment": f"reason {i}"}]})[0]
            for i in range(10)]
    assert statuses == [200] + [409] * 9
    assert load(review_file).get(go).comment == "reason 0"


@pytest.mark.parametrize("path", ["//evil.example/x", "/\\evil.example/x", "///evil.example/x",
                                  "/%2F%2Fevil.example/x", "/%09/evil.example/x"])
def test_the_welcome_redirect_stays_on_this_server(tmp_path: Path, path: str) -> None:
    # Issue 20, item 16: `GET //evil.com/x?token=T` answered `Location: //evil.com/x`.
    write_review(tmp_path)
    with serving(tmp_path) as s:
        answer = get(target(s), f"{path}?token={s.token}", cookie=False)
    location = answer.headers["location"]
    assert answer.status == 303
    assert location.startswith("/") and location[1:2] not in ("/", "\\"), location
    assert "evil.example/x" in location and not any(c in location for c in "\t\\")


def test_a_document_that_appears_later_as_a_link_out_of_the_folder_is_not_shown(
    tmp_path: Path
) -> None:
    # Issue 20, item 3: the review names late.txt, missing when serve starts; then
    # `ln -s /outside/secret.txt late.txt`, and the live page showed the secret.
    work, outside = tmp_path / "work", tmp_path / "outside"
    write_review(work, name="late")
    (work / "late.txt").unlink()
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP SECRET: the launch codes.\n", "utf-8")
    with serving(work) as s:
        status, _, html = s.request("GET", "/r/late")
        assert status == 200 and "Cannot read the document" in html
        (work / "late.txt").symlink_to(outside / "secret.txt")
        status, _, html = s.request("GET", "/r/late")
        index = s.request("GET", "/")[2]
    assert status == 200
    assert "TOP SECRET" not in html and "TOP SECRET" not in index
    assert "is not inside the working directory" in html


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_a_review_file_that_is_a_fifo_or_a_device_stops_the_start_in_one_line(
    tmp_path: Path, kind: str
) -> None:
    # Issue 20, item 12: a FIFO hung with no output; /dev/zero ended in a MemoryError.
    write_review(tmp_path)
    bad = tmp_path / "reports" / "x.review.json"
    if kind == "fifo":
        os.mkfifo(bad)
    else:
        bad.symlink_to("/dev/zero")
    done = subprocess.run([sys.executable, "-m", "reviewer", "serve", "--port", "0"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=FAILURE_BOUND)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "reviewer serve: reports/x.review.json: not a regular file (a device, FIFO or socket)"]


def test_a_page_that_never_reads_is_dropped_not_fed_without_bound(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 20, item 9: events queued for a page that never reads grew without limit.
    monkeypatch.setattr(events, "WAITING_BOUND", 100_000)  # the same road, smaller figures
    hub = Hub()
    slow, quick = hub.subscribe("doc"), hub.subscribe("doc")
    note = {"text": "x" * 1_000}
    for _ in range(300):
        hub.publish("doc", "note", note)
        assert asyncio.run(quick.get(FAILURE_BOUND))  # this page keeps up
    assert hub.pages("doc") == 1  # only the page that reads is still fed
    assert (slow.waiting, slow.queue.qsize()) == (0, 1)  # what waited for it is gone

    async def read_all() -> list[str]:
        return [text async for text in hub.stream("doc", slow, {"version": "v0", "pages": 2})]

    # the slow page's stream ends (its browser reconnects, hears `hello`, reloads what it missed)
    heard = asyncio.run(asyncio.wait_for(read_all(), FAILURE_BOUND))
    assert [text.split("\n")[0] for text in heard] == ["retry: 1000", "event: hello"]
