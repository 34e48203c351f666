"""How long loading a review file takes: a 1,000-suggestion file, read and validated.

    .venv/bin/python bench/review_load.py [--suggestions 1000] [--repeat 5]

The file is made from the synthetic document of bench/html_scale.py (findings
made here, not by LanguageTool), written by reviewer.review.record and loaded
again with `store.load` (parse, validate, build the records); the figure is
the median of the repeats, in milliseconds, with the file's size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from html_scale import synthetic  # noqa: E402

from reviewer.model import assign_ids  # noqa: E402
from reviewer.review import record, store  # noqa: E402
from reviewer.review.suggest import build_suggestion  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/review_load.py")
    p.add_argument("--suggestions", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    text, findings = synthetic(args.suggestions)
    # Ids as a review gives them: a file's ids are checked on load.
    suggestions = tuple(build_suggestion(f, text) for f in assign_ids(findings, text))
    review = record.ReviewFile("big.txt", "0" * 64, suggestions)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.review.json"
        path.write_bytes(record.dump_bytes(review))
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            loaded = store.load(path)
            times.append(time.perf_counter() - started)
        assert len(loaded.suggestions) == args.suggestions
        size = path.stat().st_size
    print(f"load {args.suggestions} suggestions ({size / 1e6:.1f} MB): "
          f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms "
          f"over {args.repeat} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
