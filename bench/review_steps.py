"""What `reviewer review` does besides checking, on one long line: is every step linear?

    .venv/bin/python bench/review_steps.py [--mb 0.5 1 2]

For each size, the MLQE-PE segments of bench/review_scale.py on one single line
and a finding on every 'the' (5,000 a MB, two replacements each: made here,
not by LanguageTool, so only our own steps are timed): LanguageTool's blocks,
confidence, fingerprints, suggestions, the review file's bytes, the HTML
report and the index row. Times in seconds; they should grow with the size.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from review_scale import single_line  # noqa: E402

from reviewer.confidence import with_confidence  # noqa: E402
from reviewer.html.index import index_row  # noqa: E402
from reviewer.html.render import render_parts  # noqa: E402
from reviewer.html.view import page_from_review  # noqa: E402
from reviewer.model import Finding, Report, Severity, assign_ids  # noqa: E402
from reviewer.review.record import ReviewFile, dump_bytes  # noqa: E402
from reviewer.review.suggest import build_suggestions  # noqa: E402
from reviewer.text.blocks import blocks  # noqa: E402
from reviewer.text.lines import LineIndex  # noqa: E402


def findings(text: str, limit: int) -> list[Finding]:
    index = LineIndex(text)
    out = []
    for m in re.finditer(r"\bthe\b", text):
        if len(out) == limit:
            break
        s, e = m.span()
        line, col = index.position(s)
        out.append(Finding(
            path="line.txt", start=s, end=e, rule_id="THE", id="", sub_id="",
            source="languagetool", category="GRAMMAR", issue_type="grammar",
            severity=Severity.MAJOR, message="Check 'the'.", short_message="", line=line,
            column=col, end_line=line, end_column=col + 3, text="the",
            context=text[max(0, s - 40):e + 40], sentence="", replacements=("a", "an")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    args = ap.parse_args(argv)
    for mb in args.mb:
        text = single_line(int(mb * 1_000_000))
        times: dict[str, float] = {}

        def timed(name: str, t: float, times: dict[str, float] = times) -> None:
            times[name] = time.perf_counter() - t

        t = time.perf_counter()
        blocks(text)
        timed("blocks", t)
        found = findings(text, int(5000 * mb))
        t = time.perf_counter()
        found = with_confidence(found, text)
        timed("confidence", t)
        t = time.perf_counter()
        found = assign_ids(found, text)
        timed("ids", t)
        t = time.perf_counter()
        suggestions = build_suggestions(Report(documents=(), findings=tuple(found)), text)
        timed("suggestions", t)
        review = ReviewFile("line.txt", hashlib.sha256(text.encode()).hexdigest(), suggestions)
        t = time.perf_counter()
        data = dump_bytes(review)
        timed("review file", t)
        t = time.perf_counter()
        html = sum(len(p) for p in render_parts(page_from_review(review, text)))
        timed("report", t)
        t = time.perf_counter()
        index_row(review, text, "", "")
        timed("index row", t)
        steps = ", ".join(f"{k} {v:.2f}" for k, v in times.items())
        print(f"{mb} MB line, {len(found)} findings: {sum(times.values()):.2f} s ({steps}); "
              f"review file {len(data) / len(text):.1f}x, report {html / 1e6:.1f}M characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
