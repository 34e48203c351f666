"""`reviewer serve`'s memory while it refuses a huge body (issue 20: under 300 MB).

    .venv/bin/python bench/serve_hostile.py [--mb 300]

Starts `reviewer serve --port 0` on a small review (testkit/serve_helper.py),
then POSTs a body of `--mb` MB to its decide URL on loopback, twice: with a
Content-Length, and chunked without one. The whole body is sent each time (a
client that does not listen for the refusal), in 1 MB pieces of one buffer.
Prints each answer, the time it took, and the server's peak resident memory
(VmHWM from /proc: the high-water mark, so no sampling can miss the peak)
before and after. Linux only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hostile_http import Shot, Target, alive, filler, send  # noqa: E402
from testkit.serve_helper import serving, write_review  # noqa: E402

TARGET_MB = 300  # issue 20: serve's memory under 300 MB while refusing a 300 MB body


def peak_mb(pid: int) -> float:
    """The peak resident memory of process `pid` so far, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=300, help="size of the body (default: 300)")
    args = parser.parse_args(argv)
    size = args.mb * 1024 * 1024
    shots = (Shot(f"{args.mb} MB with Content-Length", filler(size), length=size),
             Shot(f"{args.mb} MB chunked", filler(size, chunked=True), chunked=True))
    with tempfile.TemporaryDirectory() as tmp:
        write_review(Path(tmp))
        with serving(Path(tmp)) as s:
            pid = s.proc.pid
            target = Target(s.port, s.token, "/r/doc/decide")
            start = peak_mb(pid)
            print(f"serve started: peak RSS {start:.0f} MB")
            for shot in shots:
                began = time.perf_counter()
                answer = send(target, shot, whole=True)
                took = time.perf_counter() - began
                print(f"{shot.name}: {answer.status} {answer.text.strip()} "
                      f"({answer.sent / 1024 / 1024:.0f} MB sent in {took:.1f} s); "
                      f"serve's peak RSS now {peak_mb(pid):.0f} MB")
            still = alive(target)
            peak = peak_mb(pid)
    verdict = "met" if peak < TARGET_MB else "NOT met"
    print(f"peak RSS {peak:.0f} MB (target: under {TARGET_MB} MB: {verdict}); "
          f"still serving: {still}")
    return 0 if peak < TARGET_MB and still else 1


if __name__ == "__main__":
    sys.exit(main())
