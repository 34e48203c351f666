"""Start-up: whole `reviewer` processes on the seed against a background server, and plain.

    python bench/startup.py [--repeat 15] [--json]

Issue 22's targets are wall times of whole processes, bytecode compiled,
against a background server (`reviewer server start`, started here if none
runs): the seed with the result cache off <= 0.25 s, every block cached
<= 0.2 s, `reviewer --version` <= 0.1 s. Each check runs twice: handed to the
resident process `reviewer server start` starts on Linux (reviewer.resident),
and in its own process (`REVIEWER_NO_RESIDENT=1`, `_own` rows: a CI job's
first run, or any platform without it). The yardsticks run in the same
rounds: plain language-tool-python's command line checking the seed on the
same server (`python -m language_tool_python --remote-host`), and an empty
interpreter (`python -c pass`, the floor of any Python command).

The commands run in turn, round after round (A B C ... A B C), so a drift of
the machine's speed moves all of them. Prints the medians of wall and CPU
(user + system) seconds, each run's ratio to plain's, and whether each target
is met. Needs the `bench` extra (language-tool-python).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.cachedir import cache_dir  # noqa: E402

SEED = ROOT / "seeds" / "mine-action-statement.en.txt"
BIN = Path(sys.executable).parent
TARGETS = {"version": 0.1, "cached": 0.2, "no_cache": 0.25, "cached_own": 0.2,
           "no_cache_own": 0.25}
OWN = "env", "REVIEWER_NO_RESIDENT=1"  # the command in its own process


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process (its exit status is not judged: `check`
    exits 1 when it finds something). The CPU is the process's own and its children's: a
    run handed to the resident process does its work in the host's fork, not counted."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1, 2):  # 1, 2: something found (reviewer, plain)
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def background_port(env: dict[str, str]) -> int:
    """The port of the background server, started if none runs."""
    subprocess.run([str(BIN / "reviewer"), "server", "start"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    state = cache_dir() / "server.json"
    return int(json.loads(state.read_text(encoding="utf-8"))["port"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("REVIEWER_SERVER",
                                                             "REVIEWER_NO_RESIDENT")}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reviewer")],
                   check=True, stdout=subprocess.DEVNULL)
    port = background_port(env)
    reviewer = str(BIN / "reviewer")
    with tempfile.TemporaryDirectory(prefix="startup-") as tmp:
        seed = Path(tmp) / SEED.name  # its own name: no reviewer.toml of ours is found
        seed.write_bytes(SEED.read_bytes())
        check = [reviewer, "check", str(seed), "--format", "json"]
        commands = {
            "version": [reviewer, "--version"],
            "cached": check,
            "no_cache": [*check, "--no-cache"],
            "cached_own": [*OWN, *check],
            "no_cache_own": [*OWN, *check, "--no-cache"],
            "plain": [sys.executable, "-m", "language_tool_python", "--remote-host",
                      "127.0.0.1", "--remote-port", str(port), "-l", "en-US", str(seed)],
            "python": [sys.executable, "-c", "pass"],
        }
        for cmd in commands.values():  # warm-up: the cache filled, files in memory
            timed(cmd, env)
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                runs[name].append(timed(cmd, env))
    result = {}
    for name, times in runs.items():
        ratio = [w / p[0] for (w, _), p in zip(times, runs["plain"], strict=True)]
        result[name] = {
            "wall_s": statistics.median(w for w, _ in times),
            "cpu_s": statistics.median(c for _, c in times),
            "wall_over_plain": statistics.median(ratio),
            **({"target_s": TARGETS[name],
                "met": statistics.median(w for w, _ in times) <= TARGETS[name]}
               if name in TARGETS else {}),
        }
    result["load_average"] = list(os.getloadavg())
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"whole processes, medians of {args.repeat} rounds, load {os.getloadavg()[0]:.1f}")
    print(f"{'run':<13} {'wall':>7} {'cpu':>7} {'/plain':>7}  target")
    for name in commands:
        r = result[name]
        target = (f"<= {r['target_s']} s: {'met' if r['met'] else 'NOT met'}"
                  if "target_s" in r else "")
        print(f"{name:<13} {r['wall_s']:6.3f}s {r['cpu_s']:6.3f}s {r['wall_over_plain']:6.2f}x  "
              f"{target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
