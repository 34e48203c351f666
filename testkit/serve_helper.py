"""`reviewer serve` as a real process for tests, and review files to serve.

The server is started on port 0 (any free port) and is ready when it prints
its URL: tests wait for that line, never for a delay. Its output is read by
a thread (a full pipe would block the server) and kept for assertions.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.model import Report, assign_ids
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.suggest import build_suggestions
from testkit.review_factory import finding

ROOT = Path(__file__).resolve().parent.parent
URL_LINE = re.compile(r"^reviewer serve: (http://\S+)$")
FAILURE_BOUND = 60.0  # seconds: only a bound on a failure, never a wait for success

TEXT = "He go to school every day.\n\nIt is a opportunity for us.\n\nThey was happy.\n"
# (start, end, replacements, rule) of the findings the factory review carries
SPANS = (
    (TEXT.index("go"), TEXT.index("go") + 2, ("goes", "went"), "HE_VERB_AGR"),
    (TEXT.index("a opp"), TEXT.index("a opp") + 1, ("an",), "EN_A_VS_AN"),
    (TEXT.index("was"), TEXT.index("was") + 3, ("were",), "THEY_WAS"),
)


def write_review(folder: Path, text: str = TEXT, name: str = "doc") -> Path:
    """A document and its review file (findings placed here, as a checker would)."""
    doc = folder / f"{name}.txt"
    folder.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, "utf-8")
    found = assign_ids([finding(text, s, e, rule, reps) for s, e, reps, rule in SPANS], text)
    items = build_suggestions(Report(documents=(), findings=tuple(found)), text)
    review = ReviewFile(
        document_path=f"{name}.txt",
        document_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        suggestions=items,
        engine={"name": "LanguageTool", "version": "6.8"},
        settings={"language": "en-US"},
    )
    path = folder / "reports" / f"{name}.review.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(review), "utf-8")
    return path


@dataclass
class Serving:
    """A running `reviewer serve`: its process, URL and output so far."""

    proc: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    @property
    def base(self) -> str:
        return self.url.split("/?")[0].rstrip("/")

    @property
    def token(self) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlparse(self.url).query)["token"][0]

    @property
    def port(self) -> int:
        return int(urllib.parse.urlparse(self.url).port or 0)

    def wait_for_line(self, pattern: str, timeout: float = FAILURE_BOUND) -> str:
        """The first output line matching `pattern`, once the server has printed it."""
        rx = re.compile(pattern)
        with self.cond:
            found = self.cond.wait_for(
                lambda: next((ln for ln in self.lines if rx.search(ln)), None), timeout)
        assert found, f"no line matching {pattern!r} in {self.lines}"
        return str(found)

    def request(self, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None, cookie: bool = True
                ) -> tuple[int, dict[str, str], str]:
        """One HTTP request; with `cookie`, the access cookie a browser would hold."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=FAILURE_BOUND)
        h = dict(headers or {})
        if cookie:
            h.setdefault("Cookie", f"reviewer-{self.port}={self.token}")
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
            h.setdefault("Origin", self.base)
        try:
            conn.request(method, path, body=data, headers=h)
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode()
        finally:
            conn.close()

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Send `sig`; the exit code once the server has stopped."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=FAILURE_BOUND)


def _read(s: Serving) -> None:
    assert s.proc.stdout is not None
    for line in s.proc.stdout:
        with s.cond:
            s.lines.append(line.rstrip("\n"))
            s.cond.notify_all()


@contextmanager
def serving(cwd: Path, *args: str) -> Iterator[Serving]:
    """`reviewer serve ARGS --port 0` in `cwd`, stopped (SIGTERM) at the end."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(  # stderr joins stdout: one reader, no pipe left to fill up
        [sys.executable, "-m", "reviewer", "serve", "--port", "0", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    s = Serving(proc, "")
    threading.Thread(target=_read, args=(s,), daemon=True).start()
    try:
        with s.cond:
            s.cond.wait_for(lambda: any(URL_LINE.match(ln) for ln in s.lines)
                            or proc.poll() is not None, FAILURE_BOUND)
        match = next((URL_LINE.match(ln) for ln in s.lines if URL_LINE.match(ln)), None)
        if match is None:
            proc.kill()
            proc.wait()
            raise AssertionError(f"reviewer serve did not start: {s.lines}")
        s.url = match.group(1)
        yield s
    except BaseException:
        # pytest shows a failed test's output: what the server said (did a request reach it?)
        print("reviewer serve said:", *s.lines, sep="\n  ")
        raise
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=FAILURE_BOUND)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
