"""Checking speed: reviewer against plain language-tool-python, same jars, same machine.

    python bench/check_speed.py [--repeat N] [--mb 1.0] [--json]

(a) cold: `reviewer check SEED` (JVM start included) vs `python -m
    language_tool_python -l en-US SEED` on the same jars, laid out the way
    language-tool-python expects them (a manifest-only languagetool-server.jar);
    and a `reviewer check` process against a running server;
(b) warm: one check of the seed through reviewer's checker on a running server
    vs one plain `LanguageTool.check()` of the whole text on the same server;
(c) throughput on a ~1 MB text (the seed repeated): one request at a time vs
    one per core; peak memory of the Python process and of the JVM.
It also compares the findings of both paths on the seed and prints where they differ.
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
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.checker import CheckOptions, check_documents  # noqa: E402
from reviewer.lt.engine import Engine  # noqa: E402
from reviewer.lt.provision import jars_dir, lt_version  # noqa: E402
from reviewer.lt.server import SERVER_CONFIG, LocalServer  # noqa: E402
from reviewer.rules.run import RuleConfig  # noqa: E402
from reviewer.text.document import parse_document  # noqa: E402

SEED = ROOT / "seeds" / "mine-action-statement.en.txt"


def ltp_layout(base: Path) -> Path:
    """LTP_PATH with LanguageTool-<v>/libs/*.jar and a manifest-only server jar."""
    home = base / f"LanguageTool-{lt_version()}"
    libs = home / "libs"
    libs.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in jars_dir().glob("*.jar"))
    for name in names:
        link = libs / name
        if not link.exists():
            link.symlink_to(jars_dir() / name)
    cp = " ".join(f"libs/{n}" for n in names)
    manifest = _wrap("Manifest-Version: 1.0") + _wrap(f"Class-Path: {cp}") + _wrap(
        "Main-Class: org.languagetool.server.HTTPServer") + "\r\n"
    with zipfile.ZipFile(home / "languagetool-server.jar", "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", manifest)
    return base


def _wrap(line: str) -> str:
    # Manifest lines are at most 72 bytes; continuations start with one space.
    raw = line.encode()
    out = [raw[:72]]
    raw = raw[72:]
    while raw:
        out.append(b" " + raw[:71])
        raw = raw[71:]
    return "".join(part.decode() + "\r\n" for part in out)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of one command, which must succeed."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1, 2):
        raise SystemExit(f"{cmd[2:4]} failed ({proc.returncode}): {proc.stderr[-500:]}")
    return time.perf_counter() - t


def jvm_peak_kb(pid: int | None) -> int:
    if not pid:
        return 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def median_time(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    text = SEED.read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "REVIEWER_SERVER"}
    results: dict[str, Any] = {"cpus": os.cpu_count(), "lt_version": lt_version()}

    with tempfile.TemporaryDirectory() as tmp:
        # (a) cold, each a fresh process; the median of --repeat runs.
        env_ours = dict(env, REVIEWER_CACHE_DIR=str(Path(tmp) / "cache"),
                        REVIEWER_LT_JARS=str(jars_dir()))
        ours = [timed([sys.executable, "-m", "reviewer", "check", str(SEED), "--fail-on",
                       "never", "--no-cache"], env_ours) for _ in range(args.repeat)]
        env_plain = dict(env, LTP_PATH=str(ltp_layout(Path(tmp) / "ltp")))
        plain_cmd = [sys.executable, "-m", "language_tool_python", "-l", "en-US", str(SEED)]
        plain = [timed(plain_cmd, env_plain) for _ in range(args.repeat)]
        results["cold"] = {"reviewer_s": statistics.median(ours),
                           "plain_s": statistics.median(plain)}

    import language_tool_python  # the plain path; reviewer itself reaches it via its adapter

    doc = parse_document(str(SEED), text.encode())
    # The server's result cache would turn repeated checks of one text into
    # look-ups: switch it off so that both paths do the checking work.
    no_cache = SERVER_CONFIG.replace("cacheSize=2000", "cacheSize=0")
    with tempfile.TemporaryDirectory() as tmp, LocalServer(
        jars_dir(), Path(tmp) / "lt.log", start_timeout=120, config=no_cache
    ) as server, Engine(server.url) as engine:
        opts = CheckOptions()
        check_documents([doc], engine, opts)  # JIT warm-up for both paths
        plain_tool = language_tool_python.LanguageTool("en-US", remote_server=engine.url)
        plain_tool.check(text)
        ours_warm = median_time(lambda: check_documents([doc], engine, opts), args.repeat * 3)
        plain_warm = median_time(lambda: plain_tool.check(text), args.repeat * 3)
        results["warm"] = {"reviewer_s": ours_warm, "plain_s": plain_warm}
        # A whole `reviewer check` process against an already running server
        # (`reviewer server start`): what a repeated check costs a user.
        cli = [sys.executable, "-m", "reviewer", "check", str(SEED), "--fail-on", "never",
               "--no-cache", "--server", engine.url]
        results["cold"]["reviewer_running_server_s"] = statistics.median(
            timed(cli, env) for _ in range(args.repeat))

        # Same text, same settings: do the two paths agree?
        # The rule pack supersedes some LanguageTool findings (docs/rules.md):
        # compare with it off, which is LanguageTool's answer as reviewer maps it.
        lt_only = CheckOptions(rules=RuleConfig(enabled=False))
        report = check_documents([doc], engine, lt_only)
        mine = sorted((f.rule_id, f.start, f.end) for f in report.findings
                      if f.source == "languagetool")
        theirs = sorted((m.rule_id, m.offset, m.offset + m.error_length)
                        for m in plain_tool.check(text))
        results["agreement"] = {
            "reviewer": len(mine), "plain": len(theirs),
            "only_reviewer": sorted(set(mine) - set(theirs)),
            "only_plain": sorted(set(theirs) - set(mine)),
        }

        # (c) throughput on ~1 MB.
        big_text = "\n\n".join([text] * max(1, int(args.mb * 1_000_000 // len(text))))
        big = parse_document("big.txt", big_text.encode())
        seq = median_time(lambda: check_documents([big], engine, CheckOptions(jobs=1)), 1)
        par = median_time(lambda: check_documents([big], engine, CheckOptions()), 1)
        results["throughput"] = {
            "bytes": len(big_text.encode()), "sequential_s": seq, "parallel_s": par,
            "jobs": CheckOptions().jobs,
        }
        results["memory"] = {
            "python_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "jvm_peak_mb": jvm_peak_kb(server.process.pid if server.process else None) / 1024,
        }

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    c, w, t, a = results["cold"], results["warm"], results["throughput"], results["agreement"]
    mb = t["bytes"] / 1e6
    print(f"LanguageTool {results['lt_version']}, {results['cpus']} cores")
    print(f"(a) cold check of the seed: reviewer {c['reviewer_s']:.2f} s, "
          f"python -m language_tool_python {c['plain_s']:.2f} s "
          f"-> {c['plain_s'] / c['reviewer_s']:.2f}x")
    print(f"    `reviewer check` with a running server: {c['reviewer_running_server_s']:.2f} s "
          f"-> {c['plain_s'] / c['reviewer_running_server_s']:.1f}x faster than plain cold")
    print(f"(b) warm check of the seed: reviewer {w['reviewer_s'] * 1000:.0f} ms, "
          f"plain LanguageTool.check() {w['plain_s'] * 1000:.0f} ms "
          f"-> {w['plain_s'] / w['reviewer_s']:.2f}x")
    print(f"(c) {mb:.2f} MB: sequential {t['sequential_s']:.1f} s "
          f"({mb / t['sequential_s']:.2f} MB/s), "
          f"parallel x{t['jobs']} {t['parallel_s']:.1f} s ({mb / t['parallel_s']:.2f} MB/s) "
          f"-> {t['sequential_s'] / t['parallel_s']:.2f}x")
    print(f"    peak memory: Python {results['memory']['python_peak_mb']:.0f} MB, "
          f"JVM {results['memory']['jvm_peak_mb']:.0f} MB")
    print(f"findings on the seed: reviewer {a['reviewer']}, plain {a['plain']}; "
          f"only reviewer {a['only_reviewer']}, only plain {a['only_plain']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
