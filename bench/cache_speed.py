"""Incremental cache: second run over an unchanged corpus, and after one edit.

    python bench/cache_speed.py [--docs 100] [--repeat 3] [--server URL] [--json]

Generates a corpus of `--docs` documents from the seed (paragraphs rotated
and numbered per document, so no two blocks are alike) in a temporary
folder, then times `reviewer check FOLDER` as a user runs it (a subprocess,
Python start-up included) against one warmed-up LanguageTool server:

1. cold: an empty cache (every block is sent);
2. warm: the same corpus again (nothing should be sent but a version probe);
3. edit: one paragraph of one document changed;
4. no-cache: the edited corpus with --no-cache (the reference for 3).

It checks that runs 1 and 2 report the same findings, and 3 and 4 too, and
prints the ratios warm/cold and edit/no-cache (medians of --repeat rounds,
each on a fresh corpus and cache).
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.lt.provision import jars_dir  # noqa: E402
from reviewer.lt.server import LocalServer  # noqa: E402

SEED = ROOT / "seeds" / "mine-action-statement.en.txt"
REVIEWER = Path(sys.executable).with_name("reviewer")
CPU: list[float] = []  # the reviewer process's own CPU seconds, per run (not the server's)


def make_corpus(folder: Path, n: int) -> list[Path]:
    """`n` documents from the seed: its paragraphs rotated by i and numbered."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paths = []
    for i in range(n):
        k = i % len(paragraphs)
        rotated = paragraphs[k:] + paragraphs[:k]
        text = "\n\n".join(f"{p} (Ref. {i + 1}-{j + 1}.)" for j, p in enumerate(rotated))
        path = folder / f"doc-{i + 1:03d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def edit_one_paragraph(path: Path) -> None:
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    middle = len(paragraphs) // 2
    paragraphs[middle] = paragraphs[middle].replace(" the ", " a the ", 1) + " It are edited."
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_check(folder: Path, url: str, env: dict[str, str], *extra: str) -> tuple[float, Any]:
    """(wall seconds, findings) of one `reviewer check`; its CPU time goes to CPU[-1]."""
    cpu = _child_cpu()
    start = time.perf_counter()
    proc = subprocess.run(
        [str(REVIEWER), "check", str(folder), "--server", url, "--no-config",
         "--format", "json", "--fail-on", "never", *extra],
        env=env, capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - start
    CPU.append(_child_cpu() - cpu)
    if proc.returncode != 0:
        raise SystemExit(f"reviewer check failed ({proc.returncode}): {proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    return elapsed, [(f["path"], f["start"], f["rule_id"]) for f in report["findings"]]


def bench(url: str, docs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="reviewer-cache-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        paths = make_corpus(corpus, docs)
        env = {k: v for k, v in os.environ.items() if k != "REVIEWER_NO_CACHE"}
        env["REVIEWER_CACHE_DIR"] = str(Path(tmp) / "cache")
        env.pop("GITHUB_ACTIONS", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed reviewer runs from bytecode
        run_check(corpus, url, env, "--no-cache")  # warm the JVM up on this very corpus
        cold, found_cold = run_check(corpus, url, env)
        warm, found_warm = run_check(corpus, url, env)
        edit_one_paragraph(paths[len(paths) // 2])
        edited, found_edit = run_check(corpus, url, env)
        nocache, found_nocache = run_check(corpus, url, env, "--no-cache")
        cpu = CPU[-4:]
        assert found_warm == found_cold, "the cached run reports other findings"
        assert found_edit == found_nocache, "the edited run differs from an uncached one"
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    return {
        "documents": docs,
        "characters": chars,
        "findings": len(found_cold),
        "cold_s": round(cold, 2),
        "warm_s": round(warm, 2),
        "edit_s": round(edited, 2),
        "no_cache_s": round(nocache, 2),
        "client_cpu_s": {k: round(v, 2) for k, v in zip(("cold", "warm", "edit", "no_cache"),
                                                       cpu, strict=True)},
        "warm_over_cold": round(warm / cold, 3),
        "edit_over_no_cache": round(edited / nocache, 3),
    }


def median(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Each number the median over the rounds (per key, so ratios are medians too)."""
    out: dict[str, Any] = {}
    for key, value in rounds[0].items():
        if isinstance(value, dict):
            out[key] = {k: v for k, v in median([r[key] for r in rounds]).items()
                        if k != "rounds"}
        elif isinstance(value, float):
            out[key] = round(statistics.median(r[key] for r in rounds), 3)
        else:
            out[key] = value
    out["rounds"] = len(rounds)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1, help="rounds; medians are shown")
    parser.add_argument("--server", metavar="URL", help="default: start one for the bench")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.server:
        rounds = [bench(args.server, args.docs) for _ in range(args.repeat)]
    else:
        with tempfile.TemporaryDirectory() as tmp, \
                LocalServer(jars_dir(), Path(tmp) / "server.log") as server:
            rounds = [bench(server.url, args.docs) for _ in range(args.repeat)]
    result = median(rounds)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['documents']} documents, {result['characters']:,} characters, "
              f"{result['findings']} findings")
        print(f"cold cache      {result['cold_s']:7.2f} s")
        print(f"unchanged again {result['warm_s']:7.2f} s   ratio {result['warm_over_cold']}")
        print(f"one paragraph   {result['edit_s']:7.2f} s")
        print(f"  --no-cache    {result['no_cache_s']:7.2f} s   ratio "
              f"{result['edit_over_no_cache']}")
        print("reviewer's own CPU seconds (cold, warm, edit, no-cache):",
              ", ".join(f"{v:.2f}" for v in result["client_cpu_s"].values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
