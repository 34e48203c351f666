"""`reviewer serve` over HTTP: token, cookie, Origin, Host, paths, events, stopping.

Each test starts the real command on a free port (`--port 0`) and waits for
the line that prints its URL. No LanguageTool is needed: the review files
are made by testkit/serve_helper.py.
"""

from __future__ import annotations

import http.client
import json
import signal
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.review.store import load
from testkit.serve_helper import FAILURE_BOUND, Serving, serving, write_review


def ids(path: Path) -> dict[str, str]:
    return {s.finding.rule_id: s.id for s in load(path).suggestions}


def decision(sid: str, status: str, rev: int = 0, **more: Any) -> dict[str, Any]:
    return {"by": "ann", "decisions": [{"id": sid, "status": status, "rev": rev, **more}]}


def test_every_request_without_the_token_is_refused(tmp_path: Path) -> None:
    review_file = write_review(tmp_path)
    before = review_file.read_bytes()
    with serving(tmp_path) as s:
        for path in ("/", "/r/doc", "/r/doc/events", "/health", "/?token=wrong"):
            status, _, body = s.request("GET", path, cookie=False)
            assert status == 403, path
            assert "access token" in body
        status, _, _ = s.request("GET", "/r/doc", headers={"Cookie": f"reviewer-{s.port}=nope"},
                                 cookie=False)
        assert status == 403
        go = ids(review_file)["HE_VERB_AGR"]
        status, _, _ = s.request("POST", "/r/doc/decide", decision(go, "rejected"), cookie=False)
        assert status == 403
    assert review_file.read_bytes() == before


def test_the_token_in_the_url_becomes_a_cookie_and_leaves_the_url(tmp_path: Path) -> None:
    write_review(tmp_path)
    with serving(tmp_path) as s:
        status, headers, _ = s.request("GET", f"/r/doc?token={s.token}", cookie=False)
        assert status == 303
        assert headers["location"] == "/r/doc"
        cookie = headers["set-cookie"]
        assert cookie.startswith(f"reviewer-{s.port}={s.token};")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        status, headers, html = s.request("GET", "/r/doc")
        assert status == 200
        policy = headers["content-security-policy"]
        assert "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        assert '<meta http-equiv="Content-Security-Policy" content="default-src' in html
        assert s.token not in html  # the page never shows the token


def test_a_cross_origin_post_is_refused_even_with_the_cookie(tmp_path: Path) -> None:
    review_file = write_review(tmp_path)
    before = review_file.read_bytes()
    go = ids(review_file)["HE_VERB_AGR"]
    body = decision(go, "rejected")
    with serving(tmp_path) as s:
        refused = [
            ({"Origin": "http://evil.example"}, 403),
            ({"Origin": "null"}, 403),
            ({"Origin": s.base, "Sec-Fetch-Site": "cross-site"}, 403),
            ({"Origin": s.base, "Content-Type": "text/plain"}, 415),
            ({"Origin": s.base, "Content-Type": "application/x-www-form-urlencoded"}, 415),
        ]
        for headers, expected in refused:
            status, _, text = s.request("POST", "/r/doc/decide", body, headers=headers)
            assert status == expected, (headers, text)
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=FAILURE_BOUND)
        conn.request("POST", "/r/doc/decide", body=json.dumps(body),  # no Origin at all
                     headers={"Content-Type": "application/json",
                              "Cookie": f"reviewer-{s.port}={s.token}"})
        assert conn.getresponse().status == 403
        conn.close()
        assert review_file.read_bytes() == before
        status, _, _ = s.request("POST", "/r/doc/decide", body)  # the page's own request
        assert status == 200
    assert load(review_file).get(go).status.value == "rejected"


def test_a_foreign_host_name_gets_nothing_even_with_the_token(tmp_path: Path) -> None:
    # DNS rebinding: a name the attacker controls, pointed at 127.0.0.1
    write_review(tmp_path)
    with serving(tmp_path) as s:
        status, _, body = s.request("GET", f"/?token={s.token}",
                                    headers={"Host": f"evil.example:{s.port}"})
        assert status == 403 and "answers to" in body
        for host in (f"localhost:{s.port}", f"127.0.0.1:{s.port}"):
            assert s.request("GET", "/r/doc", headers={"Host": host})[0] == 200


def test_no_request_path_reaches_the_file_system(tmp_path: Path) -> None:
    write_review(tmp_path)
    (tmp_path / "secret.txt").write_text("TOP SECRET", "utf-8")
    with serving(tmp_path) as s:
        for path in ("/r/secret", "/r/..%2Fsecret.txt", "/r/doc/..%2F..%2Fsecret.txt",
                     "/secret.txt", "/reports/doc.review.json", "/r/doc.txt", "/static/report.js",
                     "/r/%2e%2e/%2e%2e/etc/passwd"):
            status, _, body = s.request("GET", path)
            assert status == 404, path
            assert "SECRET" not in body
        assert s.request("PUT", "/r/doc/decide", b"{}")[0] == 405


def test_decisions_over_http_conflicts_and_the_event_stream(tmp_path: Path) -> None:
    review_file = write_review(tmp_path)
    found = ids(review_file)
    go, an = found["HE_VERB_AGR"], found["EN_A_VS_AN"]
    with serving(tmp_path) as s:
        events = Events(s, "/r/doc/events")
        hello = events.next("hello")
        assert hello["pages"] == 1
        status, _, text = s.request("POST", "/r/doc/decide",
                                    decision(go, "accepted", choice=1, comment="past tense"))
        assert status == 200, text
        answer = json.loads(text)
        assert answer["prev"] == hello["version"] and answer["revs"] == {go: 1}
        (item,) = answer["items"]
        assert (item["status"], item["choice"], item["by"], item["comment"]) == (
            "accepted", 1, "ann", "past tense")
        assert events.next("decided") == answer  # every page hears the same
        # a second editor on revision 0 of `go`: refused, told what stands
        status, _, text = s.request("POST", "/r/doc/decide", decision(go, "rejected"))
        assert status == 409
        refused = json.loads(text)
        assert [(c["id"], c["status"], c["by"]) for c in refused["conflicts"]] == [
            (go, "accepted", "ann")]
        assert "nothing recorded" in refused["error"]
        # a decision that does not fit: 422, nothing recorded
        status, _, text = s.request("POST", "/r/doc/decide", decision(an, "accepted", choice=5))
        assert status == 422 and "out of range" in text
        s.wait_for_line(r"ann: .* accepted in reports/doc.review.json")
        # `reviewer decide` in a terminal: the pages hear of it too
        assert main(["decide", str(review_file), an, "--reject", "--by", "carl"]) == 0
        changed = events.next("changed")
        assert changed["version"] != answer["version"]
        events.close()
    history = load(review_file).history
    assert [(h.action, h.by) for h in history] == [("serve", "ann"), ("decide", "carl")]


def test_apply_over_http_writes_even_when_the_recheck_cannot_run(tmp_path: Path) -> None:
    # No LanguageTool here (the test is not a `server` test): as `reviewer apply` does,
    # the corrected document is written all the same, and the page is told why.
    review_file = write_review(tmp_path)
    go = ids(review_file)["HE_VERB_AGR"]
    with serving(tmp_path) as s:
        assert s.request("POST", "/r/doc/decide", decision(go, "accepted", choice=1))[0] == 200
        status, _, text = s.request("POST", "/r/doc/apply", {"by": "ann"})
        assert status == 200, text
        s.wait_for_line("ann applied 1 correction: reports/doc.corrected.txt")
    answer = json.loads(text)
    assert (answer["applied"], answer["written"], answer["code"]) == (1, True, 3)
    assert f"applied   {go} HE_VERB_AGR 'go' -> 'went'" in answer["lines"]
    assert answer["lines"][-1].startswith("The re-check did not run: reviewer:")
    assert (tmp_path / "reports" / "doc.corrected.txt").read_text("utf-8").startswith(
        "He went to school every day.")


def test_the_index_lists_every_served_review(tmp_path: Path) -> None:
    write_review(tmp_path)
    write_review(tmp_path, name="other")
    with serving(tmp_path) as s:  # no path: the reports/ folder
        status, _, html = s.request("GET", "/")
        assert status == 200
        assert 'href="/r/doc"' in html and 'href="/r/other"' in html
        assert "<script" not in html
    one = tmp_path / "one"
    write_review(one)
    with serving(one, "reports/doc.review.json") as s:  # one review: straight to it
        status, headers, _ = s.request("GET", "/")
        assert (status, headers["location"]) == (303, "/r/doc")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stops_cleanly_with_pages_listening(tmp_path: Path, sig: int) -> None:
    write_review(tmp_path)
    with serving(tmp_path) as s:
        events = Events(s, "/r/doc/events")
        events.next("hello")
        assert s.stop(sig) == 0
        assert s.lines[-1] == "reviewer serve: stopped"
        assert not any("Traceback" in line for line in s.lines), s.lines
        assert events.ended()


def test_refuses_to_listen_beyond_loopback_without_a_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_review(tmp_path)
    reviews = str(tmp_path / "reports")
    code = main(["serve", reviews, "--host", "0.0.0.0", "--port", "0", "--no-token"])
    assert code == 2
    assert "needs the access token" in capsys.readouterr().err
    assert main(["serve", str(tmp_path / "nothing-here")]) == 2
    assert "no such review file or folder" in capsys.readouterr().err
    # Re-check would fail on every click: an unknown rule of ours stops the start instead
    assert main(["serve", reviews, "--port", "0", "--no-config", "--enable", "TQA_NO_SUCH"]) == 2
    assert "TQA_NO_SUCH" in capsys.readouterr().err
    assert main(["serve", reviews, "--port", "65536"]) == 2
    assert capsys.readouterr().err == "reviewer serve: --port 65536 is not a port number\n"


def test_without_a_token_on_loopback_the_origin_check_still_holds(tmp_path: Path) -> None:
    review_file = write_review(tmp_path)
    go = ids(review_file)["HE_VERB_AGR"]
    with serving(tmp_path, "--no-token") as s:
        assert s.url.endswith(f":{s.port}/")
        assert s.request("GET", "/r/doc", cookie=False)[0] == 200
        body = decision(go, "rejected")
        assert s.request("POST", "/r/doc/decide", body, cookie=False,
                         headers={"Origin": "http://evil.example"})[0] == 403
        assert s.request("POST", "/r/doc/decide", body, cookie=False)[0] == 200


class Events:
    """An event stream read by a thread; `next(name)` waits for the next such event."""

    def __init__(self, s: Serving, path: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=FAILURE_BOUND)
        self.conn.request("GET", path, headers={"Cookie": f"reviewer-{s.port}={s.token}"})
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("content-type", "").startswith("text/event-stream")
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.done = False
        self.cond = threading.Condition()
        self.taken = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = ""
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    with self.cond:
                        self.events.append((name, json.loads(line[6:])))
                        self.cond.notify_all()
        except (OSError, ValueError):
            pass
        with self.cond:
            self.done = True
            self.cond.notify_all()

    def next(self, name: str) -> dict[str, Any]:
        with self.cond:
            ok = self.cond.wait_for(
                lambda: any(n == name for n, _ in self.events[self.taken:]), FAILURE_BOUND)
            assert ok, f"no {name!r} event; got {self.events}"
            while True:
                n, data = self.events[self.taken]
                self.taken += 1
                if n == name:
                    return data

    def ended(self) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: self.done, FAILURE_BOUND)

    def close(self) -> None:
        """Hang up, as a page does when it is closed."""
        if self.conn.sock is not None:
            self.conn.sock.shutdown(socket.SHUT_RDWR)  # the reader sees the end first
        assert self.ended()
        self.conn.close()
