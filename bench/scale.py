"""Scale: throughput at the server's limit, a pool of servers, cold start, cached runs, re-runs.

    python bench/scale.py corpus [--mb 1] -o FILE     # write the 1 MB corpus
    python bench/scale.py throughput [--rounds 3]     # (a) raw LanguageTool vs reviewer check
    python bench/scale.py blocks [--sizes 2000,4000,8000] [--jobs 1,2,4]
    python bench/scale.py jit --sizes 6000,25000,50000,100000,200000
    python bench/scale.py pool                        # (b) 2 servers vs 1, and failover
    python bench/scale.py cold [--repeat 5]           # (c) cold seed vs language-tool-python
    python bench/scale.py cached                      # (d) every block cached: no JVM
    python bench/scale.py rerun [--docs 100]          # (e) unchanged corpus again
    python bench/scale.py rerun-fresh [--docs 100]    # (e) the same on fresh text
    python bench/scale.py all [--json]                # everything, in one run

The corpus is fresh English that LanguageTool's sentence cache cannot answer:
the post-edits and machine translations of MLQE-PE (train, dev), CoNLL-2013 and
JFLEG sentences from ../shared/eval (`--eval`), detokenised, every sentence once,
the sources interleaved, five sentences a paragraph, cut at `--mb` megabytes.
Servers started here run with LanguageTool's result cache off (`cacheSize=0`),
so that a second pass over the same text does the same work as the first.

Every figure is a ratio of two measurements taken in the same run on the same
server, alternating rounds, each side's median. The load average is printed
with them: measure on a quiet machine.

Each measure is a function in MEASURES (`name -> (help, function)`); another
measure (the review and single-line figures of issue 14) is one more entry.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qualitybench.detok import detokenise  # noqa: E402

from reviewer.lt.java import find_java  # noqa: E402
from reviewer.lt.provision import jars_dir  # noqa: E402
from reviewer.lt.server import SERVER_CONFIG, LocalServer, running  # noqa: E402
from reviewer.text.blocks import DEFAULT_BLOCK_CHARS, blocks  # noqa: E402

SEED = ROOT / "seeds" / "mine-action-statement.en.txt"
EVAL = ROOT.parent / "shared" / "eval"
NO_RESULT_CACHE = SERVER_CONFIG.replace("cacheSize=2000", "cacheSize=0")
Results = dict[str, Any]
CPU: list[float] = []  # each `reviewer check` process's own CPU seconds (not the server's)


# -- the corpus ------------------------------------------------------------------------------

def _sources(eval_dir: Path) -> list[list[str]]:
    def lines(path: Path) -> list[str]:
        return path.read_text(encoding="utf-8").splitlines()

    mlqe = eval_dir / "mlqe-ru-en"
    out = [lines(mlqe / f"{split}.{side}") for split in ("train", "dev") for side in ("pe", "mt")]
    m2 = eval_dir / "conll13" / "official-preprocessed.m2"
    out.append([line[2:] for line in lines(m2) if line.startswith("S ")])
    out.append(lines(eval_dir / "jfleg" / "dev.src"))
    return out


def sentences(eval_dir: Path = EVAL) -> Iterator[str]:
    """Every distinct detokenised sentence, one from each source in turn."""
    seen: set[str] = set()
    streams = [iter(s) for s in _sources(eval_dir)]
    while streams:
        for stream in list(streams):
            line = next(stream, None)
            if line is None:
                streams.remove(stream)
                continue
            text = detokenise(line.split()).text
            if text and text not in seen:
                seen.add(text)
                yield text


def corpus(mb: float = 1.0, eval_dir: Path = EVAL) -> str:
    """About `mb` megabytes (UTF-8) of paragraphs of five fresh sentences."""
    target = int(mb * 1_000_000)
    paragraphs: list[str] = []
    size = 0
    group: list[str] = []
    for s in sentences(eval_dir):
        group.append(s)
        if len(group) == 5:
            paragraphs.append(" ".join(group))
            size += len(paragraphs[-1].encode()) + 2
            group = []
            if size >= target:
                break
    if size < target * 0.95:
        raise SystemExit(f"only {size:,} bytes of sentences in {eval_dir}")
    return "\n\n".join(paragraphs) + "\n"


# -- helpers -----------------------------------------------------------------------------------

def load() -> float:
    return os.getloadavg()[0]


def env_for(cache: Path, **extra: str) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE: an installed reviewer runs from cached bytecode; without
    # it every run would compile some 90 modules again (about 80 ms of each run here).
    env = {k: v for k, v in os.environ.items()
           if k not in ("REVIEWER_SERVER", "REVIEWER_NO_CACHE", "GITHUB_ACTIONS", "CI",
                        "PYTHONDONTWRITEBYTECODE")}
    env.update(REVIEWER_CACHE_DIR=str(cache), REVIEWER_LT_JARS=str(jars_dir()))
    env.update(extra)
    return env


def reviewer_check(paths: list[Path], env: dict[str, str], *extra: str) -> tuple[float, Any]:
    """(wall seconds, JSON report) of one `reviewer check` process."""
    cmd = [sys.executable, "-m", "reviewer", "check", *map(str, paths), "--no-config",
           "--format", "json", "--fail-on", "never", *extra]
    cpu = _child_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    CPU.append(_child_cpu() - cpu)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"reviewer check failed ({proc.returncode}): {proc.stderr[-800:]}")
    return elapsed, json.loads(proc.stdout)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def findings_of(report: Any) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["start"], f["end"], f["rule_id"]) for f in report["findings"]]


@contextmanager
def servers(n: int, folder: Path, config: str = NO_RESULT_CACHE) -> Iterator[list[LocalServer]]:
    """`n` LanguageTool servers as reviewer starts them (result cache off)."""
    with running([LocalServer(jars_dir(), folder / f"server-{i}.log", start_timeout=180,
                              config=config) for i in range(n)]) as started:
        yield started


class Raw:
    """LanguageTool over plain HTTP: what the text costs the server, nothing else."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()

    def _send(self, text: str) -> int:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.trust_env = False
        r = session.post(f"{self.url}/v2/check", timeout=600,
                         data={"language": "en-US", "text": text})
        r.raise_for_status()
        return len(r.json()["matches"])

    def run(self, texts: list[str], in_flight: int) -> tuple[float, int]:
        """(seconds, matches) of checking every text, `in_flight` requests at a time."""
        start = time.perf_counter()
        with ThreadPoolExecutor(in_flight) as pool:
            matches = sum(pool.map(self._send, texts))
        return time.perf_counter() - start, matches


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


# -- (a) throughput ----------------------------------------------------------------------------

def measure_throughput(args: argparse.Namespace, tmp: Path) -> Results:
    """Raw LanguageTool at 1, 2, 4, 8 requests in flight vs `reviewer check --no-cache`."""
    text = corpus(args.mb, args.eval)
    doc = tmp / "corpus.txt"
    doc.write_text(text, encoding="utf-8")
    texts = [b.text for b in blocks(text, DEFAULT_BLOCK_CHARS)]
    flights = [int(x) for x in args.in_flight.split(",")]
    raw_times: dict[int, list[float]] = {n: [] for n in flights}
    ours: list[float] = []
    cpu: list[float] = []
    with servers(1, tmp) as [server]:
        raw = Raw(server.url)
        raw.run(texts, 2)  # JIT warm-up on this very text (the result cache is off)
        env = env_for(tmp / "cache")
        for _ in range(args.rounds):
            for n in flights:
                raw_times[n].append(raw.run(texts, n)[0])
            ours.append(reviewer_check([doc], env, "--no-cache", "--server", server.url)[0])
            cpu.append(CPU[-1])
    raw_med = {n: median(t) for n, t in raw_times.items()}
    best = min(raw_med, key=lambda n: raw_med[n])
    return {
        "bytes": len(text.encode()), "blocks": len(texts), "rounds": args.rounds,
        "raw_s": {str(n): t for n, t in raw_med.items()}, "raw_best_in_flight": best,
        "reviewer_check_s": median(ours), "reviewer_own_cpu_s": median(cpu),
        "reviewer_over_raw_best": round(raw_med[best] / median(ours), 3),
    }


def measure_blocks(args: argparse.Namespace, tmp: Path) -> Results:
    """The checker on the corpus (in this process) at each block size and requests in flight."""
    from reviewer.checker import CheckOptions, check_documents
    from reviewer.lt.engine import Engine
    from reviewer.text.document import parse_document

    text = corpus(args.mb, args.eval)
    doc = parse_document("corpus.txt", text.encode())
    sizes = [int(x) for x in args.sizes.split(",")]
    jobs = [int(x) for x in args.jobs.split(",")]
    times: dict[str, list[float]] = {}
    with servers(1, tmp) as [server], Engine(server.url) as engine:
        Raw(server.url).run([b.text for b in blocks(text)], 2)  # warm-up
        for _ in range(args.rounds):
            for size in sizes:
                for j in jobs:
                    start = time.perf_counter()
                    check_documents([doc], engine, CheckOptions(block_chars=size, jobs=j))
                    times.setdefault(f"{size}/{j}", []).append(time.perf_counter() - start)
    return {"bytes": len(text.encode()), "rounds": args.rounds,
            "seconds_by_block_chars_and_jobs": {k: median(v) for k, v in times.items()}}


# -- (b) a pool of servers ---------------------------------------------------------------------

def measure_pool(args: argparse.Namespace, tmp: Path) -> Results:
    """One server vs two (same machine), and one of two killed mid-run: same findings."""
    text = corpus(args.mb, args.eval)
    doc = tmp / "corpus.txt"
    doc.write_text(text, encoding="utf-8")
    env = env_for(tmp / "cache")
    one: list[float] = []
    two: list[float] = []
    with servers(2, tmp) as pool:
        a, b = pool[0].url, pool[1].url
        for s in pool:
            Raw(s.url).run([b.text for b in blocks(text)], 2)  # both warmed up alike
        for _ in range(args.rounds):
            t, single = reviewer_check([doc], env, "--no-cache", "--server", a)
            one.append(t)
            t, both = reviewer_check([doc], env, "--no-cache", "--server", a, "--server", b)
            two.append(t)
            assert findings_of(both) == findings_of(single), "two servers found other things"
        failover_s, survived = _failover(doc, env, pool)
    same = findings_of(survived) == findings_of(single)
    return {
        "bytes": len(text.encode()), "rounds": args.rounds,
        "one_server_s": median(one), "two_servers_s": median(two),
        "two_over_one": round(median(one) / median(two), 3),
        "failover_s": round(failover_s, 2), "failover_findings_identical": same,
        "failover_engine_errors": len(survived["engine_errors"]),
    }


def _failover(doc: Path, env: dict[str, str], pool: list[LocalServer]) -> tuple[float, Any]:
    """A run on both servers where the second is killed once it has answered a block."""
    victim = pool[1]
    assert victim.process is not None
    log = victim.log_path
    done_before = log.read_text(errors="replace").count("Check done")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "check", str(doc), "--no-config", "--format", "json",
         "--fail-on", "never", "--no-cache", "--server", pool[0].url, "--server", victim.url],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    start = time.perf_counter()
    while log.read_text(errors="replace").count("Check done") == done_before:
        if proc.poll() is not None:
            raise SystemExit("the run ended before the second server answered a block")
        time.sleep(0.05)
    victim.process.kill()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failover run failed ({proc.returncode}): {err[-800:]}")
    return elapsed, json.loads(out)


# -- (c) cold start, (d) all cached ------------------------------------------------------------

def ltp_env(tmp: Path) -> dict[str, str]:
    """LTP_PATH laid out from our jars as language-tool-python expects (bench/check_speed.py)."""
    from check_speed import ltp_layout

    env = {k: v for k, v in os.environ.items()
           if k not in ("REVIEWER_SERVER", "PYTHONDONTWRITEBYTECODE")}  # as for reviewer
    return dict(env, LTP_PATH=str(ltp_layout(tmp / "ltp")))


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of `cmd`, which must succeed (language-tool-python exits 2 when it
    found something, reviewer 1)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1, 2):
        raise SystemExit(f"{cmd[2:5]} failed ({proc.returncode}): {proc.stderr[-800:]}")
    return time.perf_counter() - start


def measure_cold(args: argparse.Namespace, tmp: Path) -> Results:
    """Cold `reviewer check SEED` (cache off, our JVM) vs `python -m language_tool_python`."""
    plain_env = ltp_env(tmp)
    plain_cmd = [sys.executable, "-m", "language_tool_python", "-l", "en-US", str(SEED)]
    ours_cmd = [sys.executable, "-m", "reviewer", "check", str(SEED), "--no-config",
                "--fail-on", "never"]
    # The very first run records the class list; its archive is dumped after it.
    first_cache = tmp / "first"
    first = timed(ours_cmd, env_for(first_cache, REVIEWER_NO_CACHE="1"))
    _wait_for_archive(first_cache)
    ours: list[float] = []
    plain: list[float] = []
    no_cds: list[float] = []
    for _ in range(args.repeat):
        ours.append(timed(ours_cmd, env_for(first_cache, REVIEWER_NO_CACHE="1")))
        plain.append(timed(plain_cmd, plain_env))
        no_cds.append(timed(ours_cmd, env_for(first_cache, REVIEWER_NO_CACHE="1",
                                              REVIEWER_CDS="0")))
    return {
        "repeat": args.repeat, "reviewer_s": median(ours), "plain_s": median(plain),
        "reviewer_over_plain": round(median(ours) / median(plain), 3),
        "reviewer_without_cds_s": median(no_cds),
        "very_first_run_s": round(first, 2),
    }


def ensure_archive(tmp: Path) -> None:
    """The class-data-sharing archive of this cache folder, built now if missing."""
    from reviewer.cachedir import cache_dir

    with LocalServer(jars_dir(), tmp / "archive.log", start_timeout=180) as server:
        Raw(server.url).run([SEED.read_text(encoding="utf-8")], 1)
    _wait_for_archive(cache_dir())


def _wait_for_archive(cache: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if list(cache.glob("jvm/*/lt.jsa")) or list(cache.glob("jvm/*/dump.failed")):
            return
        time.sleep(0.2)


def java_recorder(folder: Path) -> tuple[Path, Path]:
    """A `java` that logs its starts, then runs the real one (as tests/test_server_lifecycle)."""
    real = find_java()
    home = folder / "jdk"
    (home / "bin").mkdir(parents=True, exist_ok=True)
    (home / "release").write_text(f'JAVA_VERSION="{real.major}"\n')
    log = folder / "java-starts.log"
    log.write_text("")
    java = home / "bin" / "java"
    java.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real.path}" "$@"\n')
    java.chmod(0o755)
    return java, log


def measure_cached(args: argparse.Namespace, tmp: Path) -> Results:
    """The seed again with every block cached and no server running: no JVM at all."""
    java, starts = java_recorder(tmp)
    cache = tmp / "cached"
    env = env_for(cache, REVIEWER_JAVA=str(java))
    cold, first = reviewer_check([SEED], env)
    jvms_first = starts.read_text().count("HTTPServer")
    # Another severity: the document is checked again, but every block is in the cache.
    config = tmp / "reviewer.toml"
    config.write_text('[severity.rules]\nEN_A_VS_AN = "info"\n')
    cmd = [sys.executable, "-m", "reviewer", "check", str(SEED), "--format", "json",
           "--fail-on", "never", "--config", str(config)]
    blocks_cached = median([timed(cmd, env) for _ in range(args.repeat)])
    whole = median([reviewer_check([SEED], env)[0] for _ in range(args.repeat)])
    again = reviewer_check([SEED], env)[1]
    return {
        "first_run_s": round(cold, 2), "jvms_started_first_run": jvms_first,
        "blocks_cached_s": blocks_cached, "document_cached_s": whole,
        "jvms_started_after": starts.read_text().count("HTTPServer") - jvms_first,
        "same_findings": findings_of(again) == findings_of(first),
    }


def measure_jit(args: argparse.Namespace, tmp: Path) -> Results:
    """Cold JVM start plus checking N characters, C1 only (`TieredStopAtLevel=1`) vs C1+C2.

    Decides `reviewer.lt.jvm.SMALL_RUN_CHARS`: the size up to which C1 pays.
    """
    text = corpus(args.mb, args.eval)
    sizes = [int(x) for x in args.sizes.split(",")]
    times: dict[str, list[float]] = {}
    ensure_archive(tmp)
    for _ in range(args.rounds):
        for size in sizes:
            texts = [b.text for b in blocks(text[:size])]
            for name, chars in (("c1", 1), ("c2", 0)):  # 0: size unknown, the full JIT
                start = time.perf_counter()
                server = LocalServer(jars_dir(), tmp / "jit.log", start_timeout=180,
                                     config=NO_RESULT_CACHE).launch(chars)
                try:
                    server.wait_ready()
                    Raw(server.url).run(texts, os.cpu_count() or 2)
                finally:
                    server.stop()
                times.setdefault(f"{size}/{name}", []).append(time.perf_counter() - start)
    return {"rounds": args.rounds,
            "seconds_by_chars_and_jit": {k: median(v) for k, v in times.items()}}


# -- (e) re-run of an unchanged corpus ---------------------------------------------------------

def measure_rerun(args: argparse.Namespace, tmp: Path) -> Results:
    """bench/cache_speed.py's 100 documents: first run, unchanged re-run, one edit."""
    import cache_speed

    with servers(1, tmp, SERVER_CONFIG) as [server]:
        rounds = [cache_speed.bench(server.url, args.docs) for _ in range(args.rounds)]
    result: Results = cache_speed.median(rounds)
    return result


def measure_rerun_fresh(args: argparse.Namespace, tmp: Path) -> Results:
    """(e) on fresh text: `--docs` documents of the corpus, first run vs unchanged re-runs.

    bench/cache_speed.py's documents are the seed's paragraphs rotated: LanguageTool's
    own sentence cache answers most of even their first run. Here every sentence is
    new to the server (its JIT is warmed on other sentences of the corpus first).
    """
    text = corpus(args.mb, args.eval)
    paragraphs = text.split("\n\n")
    cut = len(paragraphs) * 2 // 3  # two thirds for the documents, the rest warms the JIT
    mine, warm = paragraphs[:cut], paragraphs[cut:]
    folder = tmp / "fresh"
    folder.mkdir()
    per = -(-len(mine) // args.docs)
    for i in range(args.docs):
        part = mine[i * per : (i + 1) * per]
        if part:
            (folder / f"doc-{i:03}.txt").write_text("\n\n".join(part) + "\n", encoding="utf-8")
    with servers(1, tmp, SERVER_CONFIG) as [server]:
        Raw(server.url).run([b.text for b in blocks("\n\n".join(warm), DEFAULT_BLOCK_CHARS)], 2)
        env = env_for(tmp / "cache")
        first, report = reviewer_check([folder], env, "--server", server.url)
        again = [reviewer_check([folder], env, "--server", server.url)[0]
                 for _ in range(args.rounds)]
    return {"documents": len(list(folder.iterdir())),
            "characters": sum(len(p) for p in mine), "findings": len(report["findings"]),
            "first_s": round(first, 3), "rerun_s": median(again),
            "rerun_over_first": round(median(again) / first, 3)}


MEASURES: dict[str, tuple[str, Callable[[argparse.Namespace, Path], Results]]] = {
    "throughput": ("(a) raw LanguageTool vs reviewer check, 1 MB", measure_throughput),
    "blocks": ("block size and requests in flight, 1 MB", measure_blocks),
    "jit": ("cold start + N characters, C1 only vs C1+C2", measure_jit),
    "pool": ("(b) two servers vs one, and failover", measure_pool),
    "cold": ("(c) cold seed vs python -m language_tool_python", measure_cold),
    "cached": ("(d) every block cached: no JVM", measure_cached),
    "rerun": ("(e) unchanged corpus again", measure_rerun),
    "rerun-fresh": ("(e) unchanged corpus of fresh text again", measure_rerun_fresh),
}
ALL = ("throughput", "pool", "cold", "cached", "rerun")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measure", choices=["corpus", "all", *MEASURES])
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size (default 1)")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the evaluation data")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--in-flight", default="1,2,4,8")
    parser.add_argument("--sizes", default="2000,4000,8000")
    parser.add_argument("--jobs", default="1,2,3,4")
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("-o", "--output", type=Path, help="corpus: where to write it")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.measure == "corpus":
        text = corpus(args.mb, args.eval)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    names = ALL if args.measure == "all" else (args.measure,)
    results: Results = {"cpus": os.cpu_count(), "load_before": round(load(), 2)}
    for name in names:
        tmp = Path(tempfile.mkdtemp(prefix=f"reviewer-scale-{name}-"))
        try:
            results[name] = MEASURES[name][1](args, tmp)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - the other measures still run
            results[name] = {"error": str(exc) or type(exc).__name__}
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        results[name]["load_after"] = round(load(), 2)
        # Each measure as it ends (on stderr with --json): a long run loses nothing.
        print(f"{name}: {MEASURES[name][0]}", file=sys.stderr if args.json else sys.stdout)
        print(json.dumps(results[name], indent=2), flush=True,
              file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
