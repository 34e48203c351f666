"""The long fuzz run (issues 13, 20): every property of testkit/fuzzing*.py on many examples.

    .venv/bin/python bench/fuzz.py --examples 10000 [--seed 13] [--only apply]
    .venv/bin/python bench/fuzz.py --only many --many 100000 --many-examples 10

Issue 20's shapes (testkit/fuzzing_hostile.py): outputs that are symlinks, FIFOs or
a null device; documents with an adversarial long token; review files nested
thousands deep; review files with --many suggestions (10^5 by default: each
example takes a minute or so, hence its own --many-examples); and hostile HTTP
bodies against a running `reviewer serve` (the "http" property: see HOSTILE_HTTP).

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
sys.path.insert(0, str(ROOT / "bench"))  # bench/hostile_http.py, when it is there

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from testkit import fuzzing, fuzzing_hostile  # noqa: E402


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
    "outputs": (st.tuples(fuzzing_hostile.output_cases()),
                fuzzing_hostile.prop_an_output_never_lands_outside_nor_replaces_a_special_file),
    "long-token": (st.tuples(fuzzing_hostile.long_token_cases()),
                   fuzzing.prop_apply_changes_exactly_the_applied_spans),
    "deep-nesting": (st.tuples(fuzzing_hostile.deeply_nested_reviews(),
                               st.sampled_from(fuzzing_hostile.COMMANDS)),
                     fuzzing_hostile.prop_a_hostile_review_file_is_used_or_refused_in_one_line),
}
HUGE = ("many",)  # properties whose examples take a minute: --many-examples of them


def many_property(count: int) -> tuple[Any, Callable[..., str]]:
    """Review files of `count` suggestions, a few mutated, through every command."""
    return (st.tuples(fuzzing_hostile.many_suggestion_reviews(count),
                      st.sampled_from(fuzzing_hostile.COMMANDS)),
            fuzzing_hostile.prop_a_hostile_review_file_is_used_or_refused_in_one_line)


# ---- HOOK: hostile HTTP bodies against a running `reviewer serve` (issue 20) ---------------
# bench/hostile_http.py (another engineer's) has `barrage(Target, random.Random) -> problems`
# against a serve someone started. The "http" property calls `hostile_http.fire(barrages,
# seed)`: it starts a serve on a review file in a temporary folder, fires `barrage` that many
# times with Random(seed + n), and returns `examples` (requests sent), `property_failures`
# (the problems) and `tracebacks` (tracebacks in serve's output).
HOSTILE_HTTP = "hostile_http"


def run_http(examples: int, seed_value: int) -> tuple[Tally, float] | None:
    """The hostile-HTTP run of bench/hostile_http.py, or None when it has no `fire` yet."""
    try:
        module = __import__(HOSTILE_HTTP)
    except ImportError:
        return None
    fire = getattr(module, "fire", None)
    if fire is None:
        return None
    started = time.perf_counter()
    result = fire(max(1, examples // 25), seed_value)  # a barrage is about 25 requests
    tally = Tally(examples=result.examples, property_failures=list(result.property_failures),
                  tracebacks=list(result.tracebacks))
    return tally, time.perf_counter() - started
# ---- end of HOOK ------------------------------------------------------------------------------


def run_property(name: str, examples: int, seed_value: int,
                 many: int = 100_000) -> tuple[Tally, float]:
    strategy, prop = many_property(many) if name in HUGE else PROPERTIES[name]
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
    parser.add_argument("--only", choices=sorted([*PROPERTIES, *HUGE, "http"]),
                        action="append")
    parser.add_argument("--many", type=int, default=100_000,
                        help="suggestions in each review file of the 'many' property")
    parser.add_argument("--many-examples", type=int, default=10,
                        help="examples of the 'many' property (each takes a minute or so)")
    args = parser.parse_args(argv)
    names = args.only or [*PROPERTIES, *HUGE, "http"]
    print(f"{'property':<12} {'examples':>8} {'failures':>8} {'tracebacks':>10} "
          f"{'seconds':>8}  outcomes")
    failed: list[str] = []
    totals = [0, 0, 0]
    for name in names:
        if name == "http":
            http = run_http(args.examples, args.seed)
            if http is None:
                print(f"{name:<12} {'-':>8} {'-':>8} {'-':>10} {'-':>8}  not run: "
                      f"bench/{HOSTILE_HTTP}.py has no fire() yet (see HOOK)", flush=True)
                continue
            tally, seconds = http
        else:
            examples = args.many_examples if name in HUGE else args.examples
            tally, seconds = run_property(name, examples, args.seed, args.many)
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
