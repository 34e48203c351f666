"""How the HTML report scales: render time, file size, and the page in Chromium.

    .venv/bin/python bench/html_scale.py [--findings 10000] [--browser]

Builds a synthetic document with the requested number of findings (two per
sentence, replacements included: the findings are made here, not by
LanguageTool, so the figures are the report's own), turns them into
suggestions, renders the report with a fixed clock and, with --browser,
opens it in Debian's Chromium and times loading, j-navigation, a filter and
"accept all shown".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from reviewer.html.render import render
from reviewer.html.view import Page
from reviewer.model import Finding, Severity
from reviewer.review.suggest import build_suggestion
from reviewer.text.document import count_words
from reviewer.text.lines import LineIndex

SENTENCE = "He go to the market every day and it is a opportunity for him. "
SPANS = (("go", ("goes", "went"), "HE_VERB_AGR", "GRAMMAR", Severity.MAJOR),
         ("a", ("an",), "EN_A_VS_AN", "MISC", Severity.MINOR))


def synthetic(findings: int) -> tuple[str, list[Finding]]:
    sentences = (findings + 1) // 2
    paras, text = [], ""
    for i in range(0, sentences, 5):
        paras.append(SENTENCE * min(5, sentences - i))
    text = "\n\n".join(p.rstrip() for p in paras) + "\n"
    index = LineIndex(text)
    out: list[Finding] = []
    pos = 0
    while len(out) < findings:
        at = text.find("He go", pos)
        for word, reps, rule, cat, sev in SPANS:
            if len(out) == findings:
                break
            start = text.find(f" {word} ", at) + 1
            end = start + len(word)
            line, col = index.position(start)
            out.append(Finding(
                path="big.txt", start=start, end=end, rule_id=rule, id=f"{rule}-{start}",
                sub_id="", source="languagetool", category=cat, issue_type="grammar",
                severity=sev, message=f"Possible error: {word!r}.", short_message="",
                line=line, column=col, end_line=line, end_column=col + len(word),
                text=word, context=SENTENCE, sentence=SENTENCE.strip(), replacements=reps))
        pos = at + 1
    return text, out


def browse(html: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    times: dict[str, float] = {}
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run"])
        page = b.new_page(viewport={"width": 1400, "height": 1000})
        t = time.perf_counter()
        page.goto(html.as_uri())
        page.wait_for_selector("html[data-ready]")
        times["load until interactive (s)"] = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(20):
            page.keyboard.press("j")
        page.evaluate("1")
        times["j, per key (ms)"] = (time.perf_counter() - t) * 1000 / 20
        t = time.perf_counter()
        page.select_option("#f-rule", "EN_A_VS_AN")
        page.evaluate("1")
        times["rule filter (ms)"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        page.click("#accept-shown")
        page.evaluate("1")
        times["accept all shown (ms)"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        page.click("#undo")
        page.evaluate("1")
        times["undo (ms)"] = (time.perf_counter() - t) * 1000
        b.close()
    return times


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--findings", type=int, default=10_000)
    ap.add_argument("--browser", action="store_true", help="also time the page in Chromium")
    ap.add_argument("-o", "--output", type=Path, help="keep the HTML here")
    args = ap.parse_args(argv)
    text, findings = synthetic(args.findings)
    t = time.perf_counter()
    suggestions = tuple(build_suggestion(f, text) for f in findings)
    t_suggest = time.perf_counter() - t
    page = Page(path="big.txt", sha256="0" * 64, text=text, words=count_words(text),
                suggestions=suggestions)
    t = time.perf_counter()
    html = render(page, lambda: datetime(2026, 1, 1, tzinfo=UTC))
    t_render = time.perf_counter() - t
    size = len(html.encode("utf-8"))
    print(f"findings: {len(findings)}, words: {page.words}, characters: {len(text)}")
    print(f"suggestions built (diffs, reviewer.review.suggest): {t_suggest:.2f} s")
    print(f"render: {t_render:.2f} s, HTML size: {size / 1e6:.2f} MB "
          f"({size / len(findings):.0f} bytes per finding)")
    out = args.output or Path(tempfile.mkdtemp()) / "big.html"
    out.write_text(html, "utf-8")
    if args.browser:
        for name, value in browse(out.resolve()).items():
            print(f"chromium {name}: {value:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
