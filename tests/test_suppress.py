"""Suppression: accepted words, ignored patterns and inline reviewer-disable comments."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewer.suppress import ALL, regions

RunCli = Callable[..., tuple[int, str, str]]

MARKDOWN = """\
# Notes

This is a apple from Kazbat.

<!-- reviewer-disable EN_A_VS_AN -->
He ate a orange in Almaty.
<!-- reviewer-enable -->

<!-- reviewer-disable-next-line -->
She wants a umbrella in Zzxqtown.
Then a egg.
"""


def found(out: str) -> list[tuple[int, str, str]]:
    return [(f["line"], f["rule_id"], f["text"]) for f in json.loads(out)["findings"]]


def test_disable_runs_until_enable_for_the_named_rules_only() -> None:
    text = "a <!-- reviewer-disable EN_A_VS_AN, TYPOS --> b <!-- reviewer-enable --> c"
    spans = [(r.start, r.end, r.names) for r in regions(text)]
    start, end = text.index("-->") + 3, text.index("<!-- reviewer-enable")
    assert (start, end, frozenset({"EN_A_VS_AN"})) in spans
    assert (start, end, frozenset({"TYPOS"})) in spans


def test_enable_of_one_rule_leaves_the_others_disabled() -> None:
    text = "<!-- reviewer-disable A B -->x<!-- reviewer-enable A -->y"
    names = {r.names: (r.start, r.end) for r in regions(text) if ALL not in r.names}
    assert names[frozenset({"A"})][1] == text.index("<!-- reviewer-enable")
    assert names[frozenset({"B"})][1] == len(text) + 1  # open to the end


def test_next_line_and_same_line_forms() -> None:
    text = "one <!-- reviewer-disable-line -->\n<!-- reviewer-disable-next-line R -->\ntwo\nthree"
    spans = {(text[r.start:r.end], r.names) for r in regions(text)}
    assert ("one <!-- reviewer-disable-line -->", frozenset({ALL})) in spans
    assert ("two", frozenset({"R"})) in spans


def test_inline_suppression_in_markdown_with_the_real_server(
    run_cli: RunCli, tmp_path: Path
) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(MARKDOWN, encoding="utf-8")
    code, out, err = run_cli("check", str(doc), "--no-config", "--format", "json")
    assert code == 1, err
    # line 6 (inside disable EN_A_VS_AN) and line 10 (disable-next-line) are not reported
    assert found(out) == [
        (3, "EN_A_VS_AN", "a"),
        (3, "MORFOLOGIK_RULE_EN_US", "Kazbat"),
        (11, "EN_A_VS_AN", "a"),
    ]


def test_accept_words_and_ignore_patterns_from_the_config(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reviewer.toml").write_text(
        'accept_words = ["Kazbat", "Almaty"]\n'
        "ignore_patterns = ['Ref\\. [A-Z]+-\\d+ [a-z ]+\\.']\n", encoding="utf-8")
    doc = tmp_path / "report.txt"
    doc.write_text("The unit Kazbat served near Almaty and Qzxvbad.\n\n"
                   "Ref. AB-12 this are a error.\n\nThis are a error.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "report.txt", "--format", "json", "--fail-on", "never")
    assert code == 0, err
    findings = found(out)
    spelled = [text for _, rule, text in findings if rule.startswith("MORFOLOGIK")]
    assert spelled == ["Qzxvbad"]  # only the word not accepted
    assert {line for line, _, _ in findings} == {1, 5}  # nothing inside the ignored "Ref." line
    assert any(line == 5 for line, _, _ in findings)
    # the same text without the configuration: the accepted name is flagged
    code, out, _ = run_cli("check", "report.txt", "--no-config", "--format", "json",
                           "--fail-on", "never")
    assert "Kazbat" in {text for _, _, text in found(out)}
    assert any(line == 3 for line, _, _ in found(out))


def test_inline_suppression_in_html_with_the_real_server(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "page.html"
    doc.write_text(
        "<html><body>\n"
        "<p>This is a apple.</p>\n"
        "<!-- reviewer-disable-next-line EN_A_VS_AN -->\n"
        "<p>He ate a orange.</p>\n"
        "<p>She has a umbrella.</p> <!-- reviewer-disable-line GRAMMAR, MISC -->\n"
        "<p>Then a egg.</p>\n"
        "</body></html>\n", encoding="utf-8")
    code, out, err = run_cli("check", str(doc), "--no-config", "--format", "json")
    assert code == 1, err
    assert found(out) == [(2, "EN_A_VS_AN", "a"), (6, "EN_A_VS_AN", "a")]
