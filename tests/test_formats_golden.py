"""Each CI format rendered from one fixed report, compared byte for byte with a golden file.

Regenerate after an intended change with
`REVIEWER_UPDATE_GOLDEN=1 pytest tests/test_formats_golden.py` and review the diff.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from reviewer.formats import Format, github
from reviewer.formats.context import RenderContext
from reviewer.formats.registry import render
from reviewer.gate import Gate
from reviewer.model import Severity
from tests.formats_fixture import FORMATS_DATA, fixture_report, fixture_sources

UPDATE = os.environ.get("REVIEWER_UPDATE_GOLDEN") == "1"


def context(**kw: object) -> RenderContext:
    return RenderContext(gate=Gate(fail_on=Severity.MINOR), sources=fixture_sources(), **kw)  # type: ignore[arg-type]


def check_golden(name: str, actual: str) -> None:
    path = FORMATS_DATA / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}: run with REVIEWER_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [
        (Format.SARIF, "expected.sarif"),
        (Format.JUNIT, "expected.junit.xml"),
        (Format.GITHUB, "expected.github.txt"),
        (Format.GITLAB, "expected.gitlab.json"),
        (Format.RDJSONL, "expected.rdjsonl"),
    ],
)
def test_format_matches_golden_file(fmt: Format, golden: str) -> None:
    check_golden(golden, render(fmt, fixture_report(), context=context()))


def test_github_step_summary_matches_golden_file() -> None:
    check_golden("expected.github-summary.md", github.summary(fixture_report(), context()))


def test_sarif_with_baseline_marks_new_and_absent_results() -> None:
    report = fixture_report()
    spelling = next(f for f in report.findings if f.rule_id == "MORFOLOGIK_RULE_EN_US")
    new_only = replace(report, findings=tuple(f for f in report.findings if f is not spelling))
    ctx = context(baseline="reviewer-baseline.json", gone=(spelling,), unchanged=2)
    check_golden("expected.baseline.sarif", render(Format.SARIF, new_only, context=ctx))


def test_rendering_twice_gives_the_same_bytes() -> None:
    for fmt in Format:
        assert render(fmt, fixture_report(), context=context()) == render(
            fmt, fixture_report(), context=context())
