"""Speed of the translation-QA rule pack, per rule, on about 1 MB of text (the seed repeated).

    python bench/tqa_speed.py [--mb 1.0] [--repeat 3]

Prints the best of `--repeat` runs per rule, wall and CPU time, and the hits.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.rules import RULES  # noqa: E402
from reviewer.rules.base import Subject  # noqa: E402
from reviewer.rules.run import RuleConfig  # noqa: E402

SEED = ROOT / "seeds" / "mine-action-statement.en.txt"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8") + "\n\n"
    text = seed * (int(args.mb * 1_000_000) // len(seed) + 1)
    config = RuleConfig()
    total_wall = total_cpu = 0.0
    print(f"{len(text):,} characters, {len(text.encode()):,} bytes")
    for rule in RULES.values():
        if rule.check is None or rule.bilingual:
            continue  # a pattern rule runs in LanguageTool; a bilingual one needs a source
        options = config.options_for(rule, "en-US")
        best_wall = best_cpu = float("inf")
        hits = 0
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            hits = sum(1 for _ in rule.check(Subject(text), options))
            best_wall = min(best_wall, time.perf_counter() - wall)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        total_wall += best_wall
        total_cpu += best_cpu
        print(f"{rule.id:30} {best_wall * 1000:7.0f} ms wall {best_cpu * 1000:7.0f} ms cpu "
              f"{hits:6} hits")
    print(f"{'all rules':30} {total_wall * 1000:7.0f} ms wall {total_cpu * 1000:7.0f} ms cpu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
