"""What `check --review-file` adds to a check: read, match and render the decisions.

    .venv/bin/python bench/decisions_speed.py [--findings 10000] [--repeat 5]

The report and the review file are made from the synthetic document of
bench/html_scale.py (findings made here, not by LanguageTool): every other
suggestion is rejected with a comment, every fourth accepted. The figures are
medians, in milliseconds, of: loading and validating the review file
(reviewer.review.store.load), matching it to the report
(reviewer.review.decided.match), and rendering every format with and without
the decisions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from html_scale import synthetic  # noqa: E402

from reviewer.formats import Format  # noqa: E402
from reviewer.formats.context import RenderContext  # noqa: E402
from reviewer.formats.registry import render  # noqa: E402
from reviewer.model import DocumentInfo, Report  # noqa: E402
from reviewer.review import decided, store  # noqa: E402
from reviewer.review.suggest import Decision, Status, build_suggestion  # noqa: E402


def median_ms(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/decisions_speed.py")
    p.add_argument("--findings", type=int, default=10000)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    text, findings = synthetic(args.findings)
    report = Report(documents=(DocumentInfo("big.txt", "0" * 64, len(text), 0, 0),),
                    findings=tuple(findings))
    review = store.ReviewFile("big.txt", "0" * 64,
                              tuple(build_suggestion(f, text) for f in findings))
    review = review.decide([
        Decision(id=s.id, status=Status.REJECTED if i % 2 else Status.ACCEPTED,
                 choice=0 if s.alternatives else None, comment="house style", by="ann",
                 at="2026-11-30T00:00:00Z")
        for i, s in enumerate(review.suggestions) if i % 2 or (i % 4 == 0 and s.alternatives)
    ], "decide")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.review.json"
        path.write_bytes(store.dump_bytes(review))
        load = median_ms(args.repeat, lambda: store.load(path))
    reviews = [(str(path), review)]
    matched = decided.match(report, reviews)
    match = median_ms(args.repeat, lambda: decided.match(report, reviews))
    ctx = RenderContext(review_files=(str(path),), suppressed=matched.suppressed,
                        decisions=matched.decisions)
    plain = median_ms(args.repeat, lambda: [render(f, report) for f in Format])
    with_decisions = median_ms(args.repeat,
                               lambda: [render(f, matched.report, context=ctx) for f in Format])
    print(f"{args.findings} findings, {len(matched.suppressed)} suppressed, "
          f"{ctx.not_applied(matched.report.findings)} accepted but not applied")
    print(f"load review file {load:.0f} ms, match {match:.0f} ms; render all {len(Format)} "
          f"formats {plain:.0f} ms without decisions, {with_decisions:.0f} ms with "
          f"(medians of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
