"""XLIFF, PO, Markdown and HTML checked on the real server: findings placed in the original file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.checker import CheckOptions, check_documents
from reviewer.inputs.registry import load
from reviewer.lt.engine import Engine
from reviewer.model import Finding
from reviewer.rules.run import RuleConfig
from reviewer.text.document import read_document

DATA = Path(__file__).parent / "data" / "inputs"


@pytest.fixture(scope="module")
def findings(lt_url: str) -> dict[str, list[Finding]]:
    docs = [load(read_document(DATA / name)) for name in
            ("sample12.xlf", "sample20.xlf", "sample.po", "sample.md", "sample.html")]
    # The checks of targets against sources (an empty target is placed at its
    # unit) have tests of their own: here only the prose checks run.
    no_bilingual = RuleConfig(disabled_categories=frozenset({"TRANSLATION"}))
    with Engine(lt_url) as engine:
        report = check_documents(docs, engine, CheckOptions(jobs=2, rules=no_bilingual))
    out: dict[str, list[Finding]] = {d.path: [] for d in docs}
    for f in report.findings:
        out[f.path].append(f)
    return {Path(k).name: v for k, v in out.items()}


def places(fs: list[Finding], rule: str) -> set[tuple[int, int, str, str]]:
    return {(f.line, f.column, f.text, f.unit) for f in fs if f.rule_id == rule}


def test_xliff12_target_error_at_its_line_and_column(findings: dict[str, list[Finding]]) -> None:
    # line 11: `        <target>It is a <g id="1">opportunity</g> ...`
    assert (11, 23, "a", "error") in places(findings["sample12.xlf"], "EN_A_VS_AN")


def test_xliff20_target_error_at_its_line_and_column(findings: dict[str, list[Finding]]) -> None:
    assert (13, 23, "a", "u2") in places(findings["sample20.xlf"], "EN_A_VS_AN")


def test_po_msgstr_error_inside_a_continued_string(findings: dict[str, list[Finding]]) -> None:
    # line 15: `"It is a opportunity "`
    assert (15, 8, "a", "Это возможность для %s.") in places(findings["sample.po"], "EN_A_VS_AN")


def test_xliff_sources_markup_and_placeholders_give_nothing(
    findings: dict[str, list[Finding]]
) -> None:
    sources = {"sample12.xlf": {6, 10, 14, 18}, "sample20.xlf": {6, 12, 18}}
    for name, lines in sources.items():
        assert not [f for f in findings[name] if f.line in lines], findings[name]
        assert not [f for f in findings[name] if "<x" in f.text or "<ph" in f.text]
    # `Press <x id="2"/> to continue.`: the gap left by the placeholder is not reported
    assert not [f for f in findings["sample12.xlf"] if f.unit == "code"]


def test_markdown_prose_only(findings: dict[str, list[Finding]]) -> None:
    fs = findings["sample.md"]
    assert (6, 9, "a", "") in places(fs, "EN_A_VS_AN")
    # front matter, fenced and indented code, inline code and URLs give nothing
    assert not [f for f in fs if f.line in (1, 2, 3, 10, 11, 12, 14)], fs
    assert not [f for f in fs if "codez" in f.text or "example.com" in f.text]


def test_html_prose_only(findings: dict[str, list[Finding]]) -> None:
    fs = findings["sample.html"]
    assert (10, 14, "a", "") in places(fs, "EN_A_VS_AN")
    # style, script, pre, attributes (`title="a example"`) and <code> give nothing
    assert not [f for f in fs if f.line in (4, 5, 6, 9, 12)], fs
    assert not [f for f in fs if "codez" in f.text or "<" in f.text.replace("<b>", "")]
