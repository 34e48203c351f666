"""The confidence threshold as users meet it: hidden findings, --all, --min-confidence, config."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.confidence import load_model
from reviewer.model import Finding, Report, Severity
from tests.conftest import SEED

Run = Any


def finding(confidence: float) -> Finding:
    return Finding("d.txt", 0, 1, "R", "", "", "languagetool", "GRAMMAR", "grammar",
                   Severity.MAJOR, "m", "", 1, 1, 1, 2, "x", "", "", (), confidence=confidence)


def test_a_report_above_a_threshold_counts_what_it_leaves_out() -> None:
    report = Report((), (finding(0.1), finding(0.5), finding(0.9)))
    shown = report.above(0.5)
    assert [f.confidence for f in shown.findings] == [0.5, 0.9]
    assert (shown.hidden, shown.min_confidence) == (1, 0.5)
    assert report.above(0.0) is report


def test_config_show_prints_the_models_threshold_as_the_default(
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "show", "--no-config"]) == 0
    expected = f"min_confidence = {load_model().min_confidence!r}  # default (confidence.json)"
    assert expected in capsys.readouterr().out.splitlines()
    assert main(["config", "show", "--no-config", "--all"]) == 0
    assert "min_confidence = 0.0  # command line" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["1.5", "-0.1", "x"])
def test_a_threshold_outside_0_1_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "x.txt", "--min-confidence", value]) == 2


@pytest.mark.server
def test_check_hides_findings_below_the_threshold_and_says_how_many(run_cli: Run) -> None:
    code, out, _ = run_cli("check", str(SEED), "-f", "json", "--no-config", "--all")
    every = json.loads(out)["findings"]
    assert every and all(0 < f["confidence"] < 1 for f in every)
    cut = sorted(f["confidence"] for f in every)[len(every) // 2]
    code, out, _ = run_cli("check", str(SEED), "-f", "json", "--no-config",
                           "--min-confidence", str(cut))
    shown = json.loads(out)["findings"]
    assert [f["id"] for f in shown] == [f["id"] for f in every if f["confidence"] >= cut]
    code, out, _ = run_cli("check", str(SEED), "--no-config", "--min-confidence", str(cut))
    hidden = len(every) - len(shown)
    assert f"{hidden} below confidence {cut:g} not shown (--all shows them)" in out
