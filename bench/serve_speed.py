"""How fast `reviewer serve` starts, answers, spreads a decision and stops.

    .venv/bin/python bench/serve_speed.py [--findings 200] [--rounds 5] [--decisions 20]

Builds a synthetic document and review file (findings made here, as
bench/html_scale.py makes them: no LanguageTool), then per round: starts
`reviewer serve --port 0` and times the start until its URL line, one page
load, decisions from a POST until another listener's event stream has them,
and the stop after SIGTERM with that listener still connected. Prints medians.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

from html_scale import synthetic

from reviewer.model import Report
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.suggest import build_suggestions


def make_review(folder: Path, findings: int) -> Path:
    text, found = synthetic(findings)
    (folder / "big.txt").write_text(text, "utf-8")
    review = ReviewFile(
        document_path="big.txt",
        document_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        suggestions=build_suggestions(Report(documents=(), findings=tuple(found)), text),
    )
    path = folder / "reports" / "big.review.json"
    path.parent.mkdir()
    path.write_text(dumps(review), "utf-8")
    return path


def one_round(folder: Path, ids: list[str], decisions: int) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "serve", "--port", "0"],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    started = time.perf_counter() - t0
    url = urllib.parse.urlparse(line.split(": ", 1)[1].strip())
    port, token = int(url.port or 0), urllib.parse.parse_qs(url.query)["token"][0]
    cookie = {"Cookie": f"reviewer-{port}={token}"}

    t0 = time.perf_counter()
    page = http.client.HTTPConnection("127.0.0.1", port)
    page.request("GET", "/r/big", headers=cookie)
    body = page.getresponse().read()
    loaded = time.perf_counter() - t0
    assert b"review-data" in body

    listener = http.client.HTTPConnection("127.0.0.1", port)
    listener.request("GET", "/r/big/events", headers=cookie)
    stream = listener.getresponse()
    while not stream.readline().startswith(b"data: "):  # up to the hello
        pass
    spread = []
    poster = http.client.HTTPConnection("127.0.0.1", port)
    for i, sid in enumerate(ids[:decisions]):
        body_out = json.dumps({"by": "bench", "decisions": [
            {"id": sid, "status": "rejected" if i % 2 else "accepted", "choice": 0, "rev": 0}]})
        t0 = time.perf_counter()
        poster.request("POST", "/r/big/decide", body=body_out, headers={
            **cookie, "Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json"})
        answer = poster.getresponse()
        answer.read()
        assert answer.status == 200, answer.status
        while not stream.readline().startswith(b"data: "):
            pass
        spread.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    proc.communicate()
    stopped = time.perf_counter() - t0
    assert proc.returncode == 0
    listener.close()
    return {"start": started, "page": loaded, "decision": statistics.median(spread),
            "stop": stopped}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--findings", type=int, default=200)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--decisions", type=int, default=20)
    args = p.parse_args(argv)
    results = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            review = json.loads(make_review(folder, args.findings).read_text("utf-8"))
            ids = [s["id"] for s in review["suggestions"]]
            results.append(one_round(folder, ids, args.decisions))
    print(f"reviewer serve, {args.findings} findings, median of {args.rounds} rounds:")
    labels = {"start": "start until the URL line", "page": "live page (GET)",
              "decision": "decision: POST until another page's event",
              "stop": "stop after SIGTERM, one page listening"}
    for key, label in labels.items():
        values = [r[key] for r in results]
        print(f"  {label:45} {statistics.median(values) * 1000:8.1f} ms "
              f"(max {max(values) * 1000:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
