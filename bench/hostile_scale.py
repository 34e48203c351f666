"""Scale figures of issue 20: decide, apply and check on huge inputs, through the CLI.

    .venv/bin/python bench/hostile_scale.py [--suggestions 70000] [--token-mb 1] [--skip-check]

Builds its inputs in a temporary folder: a plain-text document with one
suggestion per sentence (about 5 MB for 70,000, the size at which `review` made
70,950), its review file (findings placed here, as a checker would place them),
and a one-line document of a single token. Then times, as a user runs them
(`python -m reviewer`, a fresh process each, start-up included):

- `decide --accept-all` of every suggestion (target: under 5 s);
- `apply --no-recheck` of them all (target: under 10 s; the re-check is a
  `check` of the corrected document, measured by bench/scale.py);
- `check` of the single token, against a LanguageTool server started here,
  result cache off, twice: the second run is the figure (target: under 5 s),
  the first is printed too. --skip-check leaves it out.

Prints one line per step with seconds and the target, and exits 1 when a step
misses its target or fails.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.lt.provision import jars_dir  # noqa: E402
from reviewer.lt.server import LocalServer, running  # noqa: E402
from reviewer.model import Finding, Report, Severity, assign_ids  # noqa: E402
from reviewer.review.record import ReviewFile, dump_bytes  # noqa: E402
from reviewer.review.suggest import build_suggestions  # noqa: E402

SENTENCE = "Paragraph {n} has a error that the editor saw in the third line of it. "
TARGETS = {"decide": 5.0, "apply": 10.0, "check": 5.0}
NO_RESULT_CACHE = "cacheSize=0\n"


def document(suggestions: int) -> tuple[str, list[tuple[int, int]]]:
    """A document of `suggestions` sentences in paragraphs of ten; each "a" before "error"."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for n in range(suggestions):
        sentence = SENTENCE.format(n=n)
        if n % 10 == 9:
            sentence = sentence.rstrip() + "\n\n"
        at = pos + sentence.index(" a error") + 1
        spans.append((at, at + 1))
        parts.append(sentence)
        pos += len(sentence)
    return "".join(parts), spans


def review_file(folder: Path, suggestions: int) -> tuple[Path, Path]:
    """The document and its review file, one pending a->an suggestion per sentence."""
    text, spans = document(suggestions)
    doc = folder / "big.txt"
    doc.write_text(text, encoding="utf-8")
    findings = [Finding(
        path=str(doc), start=s, end=e, rule_id="EN_A_VS_AN", id="", sub_id="",
        source="languagetool", category="MISC", issue_type="misspelling",
        severity=Severity.MAJOR, message="Use 'an'.", short_message="", line=1,
        column=s + 1, end_line=1, end_column=e + 1, text=text[s:e], context="",
        sentence="", replacements=("an",)) for s, e in spans]
    found = assign_ids(findings, text)
    review = ReviewFile(str(doc), hashlib.sha256(text.encode()).hexdigest(),
                        build_suggestions(Report(documents=(), findings=tuple(found)), text),
                        engine={"name": "LanguageTool", "version": "6.8"})
    path = folder / "big.review.json"
    path.write_bytes(dump_bytes(review))
    return doc, path


def timed(argv: list[str], folder: Path) -> tuple[float, int, str]:
    """(seconds, exit code, the end of stderr) of `python -m reviewer ARGV` in `folder`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reviewer", *argv], cwd=folder, env=env,
                          capture_output=True, text=True)
    return time.perf_counter() - started, proc.returncode, proc.stderr[-400:]


def report(step: str, seconds: float, code: int, ok_codes: tuple[int, ...], err: str,
           what: str) -> bool:
    target = TARGETS[step]
    met = code in ok_codes and seconds < target
    print(f"{step:<8} {what:<44} {seconds:>8.2f} s  target < {target:.0f} s  "
          f"{'met' if met else 'MISSED'} (exit {code})", flush=True)
    if code not in ok_codes:
        print(f"         {err.strip()}")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suggestions", type=int, default=70_000)
    parser.add_argument("--token-mb", type=float, default=1.0)
    parser.add_argument("--skip-check", action="store_true")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        doc, path = review_file(folder, args.suggestions)
        print(f"inputs: {doc.stat().st_size / 1e6:.1f} MB document, {args.suggestions:,} "
              f"suggestions, review file {path.stat().st_size / 1e6:.1f} MB "
              f"(built in {time.perf_counter() - started:.1f} s)")
        seconds, code, err = timed(["decide", path.name, "--accept-all"], folder)
        results.append(report("decide", seconds, code, (0,), err,
                              f"--accept-all of {args.suggestions:,}"))
        seconds, code, err = timed(["apply", path.name, "--no-recheck", "-o", "out.txt"],
                                   folder)
        results.append(report("apply", seconds, code, (0,), err,
                              f"--no-recheck of {args.suggestions:,}"))
        if not args.skip_check:
            token = folder / "token.txt"
            token.write_text("x" * int(args.token_mb * 1_000_000) + "\n", encoding="utf-8")
            warm = folder / "warm.txt"
            warm.write_text("He go home.\n", encoding="utf-8")
            with running([LocalServer(jars_dir(), folder / "server.log", start_timeout=180,
                                      config=NO_RESULT_CACHE)]) as (server,):
                common = ["--server", server.url, "--no-cache", "--no-config"]
                timed(["check", warm.name, *common], folder)
                first, code, err = timed(["check", token.name, *common], folder)
                again, code, err = timed(["check", token.name, *common], folder)
            print(f"         (the first check of the token took {first:.2f} s: the JVM compiles "
                  "as it goes)")
            results.append(report("check", again, code, (0, 1), err,
                                  f"a single token of {args.token_mb:g} MB, again"))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
