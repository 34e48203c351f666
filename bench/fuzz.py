"""The long fuzz run (issue 13): every property of tests/fuzzing.py on many examples.

    .venv/bin/python bench/fuzz.py --examples 10000 [--seed 13] [--only apply]

Each property runs on up to N generated examples (hypothesis). Unlike the test
suite, a failing example does not stop the run: every example is counted, and
each failure is recorded as a *property failure* (an assertion of the property)
or a *traceback* (any other exception: what a user would have seen). Prints a
table and the first failures; exits 1 when anything failed. No LanguageTool
needed.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import fuzzing  # noqa: E402


@dataclass
class Tally:
    examples: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    property_failures: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)


PROPERTIES: dict[str, tuple[Any, Callable[..., str]]] = {
    "apply": (st.tuples(fuzzing.document_cases()),
              fuzzing.prop_apply_changes_exactly_the_applied_spans),
    "review-file": (st.tuples(fuzzing.mutated_reviews(),
                              st.sampled_from(["list", "apply", "decide", "accept-all"])),
                    fuzzing.prop_a_mutated_review_file_is_used_or_refused_in_one_line),
    "import": (st.tuples(fuzzing.decision_imports()),
               fuzzing.prop_a_decisions_import_is_taken_whole_or_refused_in_one_line),
    "config": (st.tuples(fuzzing.config_files()),
               fuzzing.prop_a_configuration_file_is_used_or_refused_in_one_line),
}


def run_property(name: str, examples: int, seed_value: int) -> tuple[Tally, float]:
    strategy, prop = PROPERTIES[name]
    tally = Tally()

    @seed(seed_value)
    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate],  # no shrinking: every example counts
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(args: tuple[Any, ...]) -> None:
        tally.examples += 1
        try:
            tally.outcomes[prop(*args)] += 1
        except AssertionError as exc:
            tally.property_failures.append(f"{exc}\n  example: {args!r:.300}")
        except Exception:  # a traceback the user would have seen
            tally.tracebacks.append(f"{traceback.format_exc(limit=-4)}  example: {args!r:.300}")

    started = time.perf_counter()
    one()
    return tally, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000, help="examples per property")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", choices=sorted(PROPERTIES), action="append")
    args = parser.parse_args(argv)
    names = args.only or list(PROPERTIES)
    print(f"{'property':<12} {'examples':>8} {'failures':>8} {'tracebacks':>10} "
          f"{'seconds':>8}  outcomes")
    failed: list[str] = []
    totals = [0, 0, 0]
    for name in names:
        tally, seconds = run_property(name, args.examples, args.seed)
        outcomes = ", ".join(f"{k} {v}" for k, v in tally.outcomes.most_common())
        print(f"{name:<12} {tally.examples:>8} {len(tally.property_failures):>8} "
              f"{len(tally.tracebacks):>10} {seconds:>8.1f}  {outcomes}", flush=True)
        totals[0] += tally.examples
        totals[1] += len(tally.property_failures)
        totals[2] += len(tally.tracebacks)
        failed += [f"[{name}] property failure: {f}" for f in tally.property_failures[:3]]
        failed += [f"[{name}] traceback: {t}" for t in tally.tracebacks[:3]]
    print(f"{'total':<12} {totals[0]:>8} {totals[1]:>8} {totals[2]:>10}")
    for f in failed:
        print("\n" + f)
    return 1 if totals[1] or totals[2] else 0


if __name__ == "__main__":
    sys.exit(main())
