"""Review at scale: `reviewer review` against `reviewer check` on the same text, same server.

    .venv/bin/python bench/review_scale.py [--mb 1.0] [--repeat 3] [--line-mb 2.0]
                                           [--docs 100] [--browser] [--json]

Text: fresh English, not written by us: the MLQE-PE post-edits and machine
translations (../shared/eval/mlqe-ru-en/{train,dev}.{pe,mt}), detokenised
(bench/qualitybench/detok.py), five segments a paragraph, cut at `--mb`
million bytes. Measured, each command a child process against one warm
LanguageTool server whose sentence cache is off (so a repeat is no cheaper):

- `reviewer check --no-cache` and `reviewer review --no-cache` of that
  document: wall time (median of --repeat, alternated), peak memory of the
  child (getrusage), review file and HTML report sizes against the document;
- the same text as one single line of `--line-mb` million bytes;
- `reviewer review` of a folder of `--docs` documents made of the same text
  against `reviewer check` of that folder (median of --repeat, alternated;
  peak memory; the index page);
- with --browser, the report of the 1 MB review in Chromium: load until
  interactive, j, a filter, accept all shown (bench/html_scale.py's browse).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from qualitybench.detok import detokenise  # noqa: E402

from reviewer.lt.provision import jars_dir  # noqa: E402
from reviewer.lt.server import SERVER_CONFIG, LocalServer  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "mlqe-ru-en"
PARTS = ("train.pe", "train.mt", "dev.pe", "dev.mt")
PER_PARAGRAPH = 5


def segments(folder: Path = EVAL) -> Iterator[str]:
    """Every segment of the MLQE-PE files, detokenised, in file order."""
    for part in PARTS:
        for line in (folder / part).read_text("utf-8").splitlines():
            if line.strip():
                yield detokenise(line.split()).text


def fresh_english(size: int, folder: Path = EVAL) -> str:
    """At most `size` UTF-8 bytes: paragraphs of five segments, a blank line between."""
    out: list[str] = []
    used = 0
    para: list[str] = []
    for seg in segments(folder):
        para.append(seg)
        if len(para) == PER_PARAGRAPH:
            chunk = " ".join(para) + "\n\n"
            if used + len(chunk.encode()) > size:
                break
            out.append(chunk)
            used += len(chunk.encode())
            para = []
    return "".join(out)


def single_line(size: int, folder: Path = EVAL) -> str:
    """At most `size` UTF-8 bytes of the same segments on one line (no line break at all).

    The segments come round again after 1.1 MB (all of MLQE-PE's English).
    """
    out: list[str] = []
    used = 0
    while True:
        for seg in segments(folder):
            n = len(seg.encode()) + 1
            if used + n > size:
                return " ".join(out)
            out.append(seg)
            used += n


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process, which must exit 0 or 1."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = code
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[2:5])} failed ({code}): {err[-800:]}")
    return wall, usage.ru_maxrss / 1024


def reviewer(*args: str) -> list[str]:
    return [sys.executable, "-m", "reviewer", *args]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--line-mb", type=float, default=2.0, help="0: skip the single line")
    ap.add_argument("--docs", type=int, default=100, help="0: skip the folder")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the documents and reports here")
    args = ap.parse_args(argv)
    # Other work on the machine moves the times: the load is recorded at both ends.
    results: dict[str, Any] = {"cpus": os.cpu_count(), "load_start": os.getloadavg()}
    tmp_ctx = tempfile.TemporaryDirectory()
    work = args.keep or Path(tmp_ctx.name)
    work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "REVIEWER_SERVER"}
    env.setdefault("REVIEWER_CACHE_DIR", str(work / "cache"))

    doc = work / "fresh.txt"
    doc.write_text(fresh_english(int(args.mb * 1_000_000)), "utf-8")
    size = doc.stat().st_size
    no_cache = SERVER_CONFIG.replace("cacheSize=2000", "cacheSize=0")
    with LocalServer(jars_dir(), work / "lt.log", start_timeout=120, config=no_cache) as server:
        url = server.url
        common = ["--no-cache", "--server", url, "--fail-on", "never"]
        run(reviewer("check", str(doc), *common), env, work)  # JIT warm-up
        checks, reviews = [], []
        for _ in range(args.repeat):
            checks.append(run(reviewer("check", str(doc), *common), env, work))
            out = work / "reports" / "fresh.review.json"
            out.unlink(missing_ok=True)
            reviews.append(run(reviewer("review", str(doc), "-o", str(out), *common[:3]),
                               env, work))
        html = work / "reports" / "fresh.html"
        review_file = work / "reports" / "fresh.review.json"
        data = json.loads(review_file.read_text("utf-8"))
        results["document"] = {
            "bytes": size, "suggestions": len(data["suggestions"]),
            "check_s": statistics.median(c[0] for c in checks),
            "review_s": statistics.median(r[0] for r in reviews),
            "check_peak_mb": max(c[1] for c in checks),
            "review_peak_mb": max(r[1] for r in reviews),
            "review_file_bytes": review_file.stat().st_size,
            "html_bytes": html.stat().st_size,
            "runs": {"check": checks, "review": reviews},
        }

        if args.line_mb:
            line = work / "line.txt"
            line.write_text(single_line(int(args.line_mb * 1_000_000)), "utf-8")
            c = run(reviewer("check", str(line), *common), env, work)
            r = run(reviewer("review", str(line), *common[:3]), env, work)
            rf = work / "reports" / "line.review.json"
            results["line"] = {
                "bytes": line.stat().st_size, "check_s": c[0], "check_peak_mb": c[1],
                "review_s": r[0], "review_peak_mb": r[1],
                "suggestions": len(json.loads(rf.read_text("utf-8"))["suggestions"]),
                "review_file_bytes": rf.stat().st_size,
                "html_bytes": (work / "reports" / "line.html").stat().st_size,
            }

        if args.docs:
            folder = work / "corpus"
            folder.mkdir(exist_ok=True)
            text = doc.read_text("utf-8")
            paras = text.split("\n\n")
            per = max(1, len(paras) // args.docs)
            for i in range(args.docs):
                (folder / f"doc{i:03}.txt").write_text(
                    "\n\n".join(paras[i * per:(i + 1) * per]) + "\n", "utf-8")
            out_dir = work / "corpus-reports"
            f_checks, f_reviews = [], []
            for _ in range(args.repeat):  # alternated, as for the document
                f_checks.append(run(reviewer("check", str(folder), *common), env, work))
                shutil.rmtree(out_dir, ignore_errors=True)
                f_reviews.append(run(reviewer("review", str(folder), "--reports", str(out_dir),
                                              "--quiet", *common[:3]), env, work))
            results["folder"] = {
                "documents": args.docs,
                "bytes": sum(p.stat().st_size for p in folder.iterdir()),
                "check_s": statistics.median(c[0] for c in f_checks),
                "review_s": statistics.median(r[0] for r in f_reviews),
                "check_peak_mb": max(c[1] for c in f_checks),
                "review_peak_mb": max(r[1] for r in f_reviews),
                "index_bytes": (out_dir / "index.html").stat().st_size,
                "runs": {"check": f_checks, "review": f_reviews},
            }

    if args.browser:
        from html_scale import browse

        results["browser"] = browse(html.resolve())

    results["load_end"] = os.getloadavg()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(report(results))
    if args.keep is None:
        tmp_ctx.cleanup()
    return 0


def report(r: dict[str, Any]) -> str:
    d = r["document"]
    lines = [
        f"load average (1, 5, 15 min) at start {r['load_start']}, at end {r['load_end']}",
        f"{r['cpus']} cores; document {d['bytes'] / 1e6:.2f} MB, {d['suggestions']} suggestions",
        f"check --no-cache {d['check_s']:.1f} s, review --no-cache {d['review_s']:.1f} s "
        f"-> review/check {d['review_s'] / d['check_s']:.2f}x",
        f"peak memory: check {d['check_peak_mb']:.0f} MB, review {d['review_peak_mb']:.0f} MB",
        f"review file {d['review_file_bytes'] / 1e6:.2f} MB "
        f"({d['review_file_bytes'] / d['bytes']:.2f}x the document), "
        f"HTML {d['html_bytes'] / 1e6:.2f} MB ({d['html_bytes'] / d['bytes']:.2f}x)",
    ]
    if "line" in r:
        n = r["line"]
        lines.append(
            f"single line {n['bytes'] / 1e6:.2f} MB: check {n['check_s']:.1f} s / "
            f"{n['check_peak_mb']:.0f} MB, review {n['review_s']:.1f} s / "
            f"{n['review_peak_mb']:.0f} MB ({n['review_s'] / n['check_s']:.2f}x), "
            f"{n['suggestions']} suggestions, review file "
            f"{n['review_file_bytes'] / n['bytes']:.2f}x, HTML {n['html_bytes'] / 1e6:.2f} MB")
    if "folder" in r:
        f = r["folder"]
        lines.append(
            f"folder of {f['documents']} documents ({f['bytes'] / 1e6:.2f} MB): check "
            f"{f['check_s']:.1f} s / {f['check_peak_mb']:.0f} MB, review {f['review_s']:.1f} s "
            f"/ {f['review_peak_mb']:.0f} MB ({f['review_s'] / f['check_s']:.2f}x), "
            f"index {f['index_bytes'] / 1e3:.0f} kB")
    for name, value in r.get("browser", {}).items():
        lines.append(f"chromium {name}: {value:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
