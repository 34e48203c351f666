"""`reviewer setup` from an empty cache: the lock's download against Maven's resolution.

    python bench/setup_speed.py [--repeat 3] [--warm-maven] [--json]

Each round runs `reviewer setup` as a user would (a subprocess) twice, in
alternating order, into a fresh REVIEWER_CACHE_DIR: once from the lock (the
default path: 131 jars from Maven Central, each SHA-256 checked) and once with
`--maven`. Maven starts from an empty local repository too (`-Dmaven.repo.local`
in MAVEN_OPTS), as on a new machine; `--warm-maven` keeps the user's
~/.m2 instead, the best case for Maven. Prints the medians and lock/Maven.
Needs the network (Maven Central) and `mvn` on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REVIEWER = Path(sys.executable).with_name("reviewer")


def timed_setup(work: Path, maven: bool, warm_maven: bool) -> float:
    """Seconds for one `reviewer setup` into empty folders below `work`."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("REVIEWER_LT_JARS", "REVIEWER_MAVEN_REPO")}
    env["REVIEWER_CACHE_DIR"] = str(work / "cache")
    if maven and not warm_maven:
        env["MAVEN_OPTS"] = f"{env.get('MAVEN_OPTS', '')} -Dmaven.repo.local={work / 'm2'}"
    cmd = [str(REVIEWER), "setup", *(["--maven"] if maven else [])]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warm-maven", action="store_true",
                        help="let Maven use ~/.m2 (holding the jars already), not an empty one")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"lock": [], "maven": []}
    for i in range(args.repeat):
        order = ("lock", "maven") if i % 2 == 0 else ("maven", "lock")
        for how in order:
            with tempfile.TemporaryDirectory(prefix=f"setup-{how}-") as tmp:
                times[how].append(timed_setup(Path(tmp), how == "maven", args.warm_maven))
    lock, maven = statistics.median(times["lock"]), statistics.median(times["maven"])
    result = {"lock_s": times["lock"], "maven_s": times["maven"], "lock_median_s": lock,
              "maven_median_s": maven, "ratio_lock_over_maven": lock / maven,
              "maven_local_repository": "~/.m2" if args.warm_maven else "empty"}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"reviewer setup, empty cache, {args.repeat} rounds "
              f"(Maven's local repository: {result['maven_local_repository']})")
        print(f"  from the lock: median {lock:.1f} s  {[round(t, 1) for t in times['lock']]}")
        print(f"  with Maven:    median {maven:.1f} s  {[round(t, 1) for t in times['maven']]}")
        print(f"  lock / Maven:  {lock / maven:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
