"""The gate: which reports fail, and the exit codes `reviewer check` returns."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from reviewer.exitcodes import EPILOG, ExitCode
from reviewer.gate import Gate
from reviewer.model import DocumentInfo, Report, Severity
from tests.conftest import SEED
from tests.formats_fixture import fixture_report

C, MA, MI, IN = Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.INFO


def report(severities: list[Severity], words: int = 1000) -> Report:
    """A one-document report of `words` words with one finding per severity given."""
    base = fixture_report().findings[0]
    findings = tuple(replace(base, severity=s, start=i, end=i + 1, id=f"f{i}")
                     for i, s in enumerate(severities))
    return Report(documents=(DocumentInfo("a.txt", "", words * 6, words, 1),), findings=findings)


@pytest.mark.parametrize(
    ("gate", "severities", "code"),
    [
        (Gate(), [MI, MI, IN], ExitCode.OK),  # default: major and worse count
        (Gate(), [MI, MA], ExitCode.FINDINGS),
        (Gate(fail_on=C), [MA, MA], ExitCode.OK),
        (Gate(fail_on=IN), [IN], ExitCode.FINDINGS),
        (Gate(fail_on=None), [C, C], ExitCode.OK),  # --fail-on never
        (Gate(max_findings=2), [MA, MA, MI], ExitCode.OK),  # a limit replaces "any"
        (Gate(max_findings=2), [MA, MA, C], ExitCode.FINDINGS),
        (Gate(fail_on=MI, max_findings=2), [MA, MI, IN], ExitCode.OK),
        (Gate(fail_on=MI, max_findings=2), [MA, MI, MI], ExitCode.FINDINGS),
        (Gate(max_density=2.0), [MA, MA], ExitCode.OK),  # 2 per 1,000 words is not above 2
        (Gate(max_density=2.0), [MA, MA, MA], ExitCode.FINDINGS),
        (Gate(max_score=15), [MA, MA, MA, IN], ExitCode.OK),  # 3 x 5 points per 1,000 words
        (Gate(max_score=15), [C, MA, MI], ExitCode.FINDINGS),  # 16 points
        (Gate(fail_on=None, max_score=9), [C], ExitCode.FINDINGS),  # the score ignores fail_on
    ],
)
def test_gate_verdicts(gate: Gate, severities: list[Severity], code: ExitCode) -> None:
    assert gate.verdict(report(severities)) == code


def test_density_and_score_scale_with_the_word_count() -> None:
    assert Gate(max_density=2.0).verdict(report([MA] * 3, words=2000)) == ExitCode.OK
    assert Gate(max_score=10).verdict(report([MA] * 3, words=1000)) == ExitCode.FINDINGS
    assert Gate(max_score=10).verdict(report([MA] * 3, words=2000)) == ExitCode.OK


def test_an_unchecked_block_wins_over_any_gate() -> None:
    assert Gate(fail_on=None).verdict(fixture_report()) == ExitCode.ENGINE


def test_reasons_say_which_limit_broke() -> None:
    gate = Gate(max_findings=1, max_density=1.5, max_score=100)
    assert gate.reasons(report([MA, MA])) == [
        "2 finding(s) at or above major (limit 1)",
        "2.0 finding(s) at or above major per 1,000 words (limit 1.5)",
    ]


def test_parse_refuses_negative_limits_and_unknown_severities() -> None:
    with pytest.raises(ValueError, match="--max-findings"):
        Gate.parse("major", max_findings=-1)
    with pytest.raises(ValueError, match="--fail-on"):
        Gate.parse("blocker")


def test_exit_codes_are_documented_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.cli import main

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for code in ExitCode:
        assert f"  {int(code)}  " in out
    assert "--max-findings" in EPILOG and "--max-score" in EPILOG


# With the real server: limits are set just at and just below what the seed scores.


@pytest.fixture(scope="module")
def seed_summary(lt_url: str) -> dict[str, Any]:
    import contextlib
    import io

    from reviewer.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", str(SEED), "-f", "json", "--fail-on", "never", "--all",
                     "--server", lt_url]) == 0
    data = json.loads(out.getvalue())
    summary: dict[str, Any] = data["summary"]
    by = summary["by_severity"]
    summary["major_or_worse"] = by["critical"] + by["major"]
    summary["minor_density"] = round(
        (by["critical"] + by["major"] + by["minor"]) * 1000 / summary["words"], 2)
    return summary


@pytest.mark.parametrize(
    ("options", "code"),
    [
        (lambda s: [], 1),
        (lambda s: ["--fail-on", "never"], 0),
        (lambda s: ["--max-findings", str(s["major_or_worse"])], 0),
        (lambda s: ["--max-findings", str(s["major_or_worse"] - 1)], 1),
        (lambda s: ["--fail-on", "minor", "--max-density", str(s["minor_density"])], 0),
        (lambda s: ["--fail-on", "minor", "--max-density", str(s["minor_density"] - 0.01)], 1),
        (lambda s: ["--max-score", str(s["score"])], 0),
        (lambda s: ["--max-score", str(s["score"] - 0.01)], 1),
    ],
)
def test_check_exit_code_follows_the_gate(  # type: ignore[no-untyped-def]
    run_cli, seed_summary: dict[str, Any], options: Callable[[dict[str, Any]], list[str]],
    code: int
) -> None:
    assert seed_summary["major_or_worse"] > 0 and seed_summary["score"] > 0
    got, out, err = run_cli("check", str(SEED), *options(seed_summary))
    assert got == code, err
    assert ("check failed:" in err) == (code == 1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--max-findings", "-1"], "--max-findings: must be 0 or more"),
        (["--max-density", "lots"], "--max-density"),
        (["--fail-on", "blocker"], "--fail-on"),
        (["--output", "pdf=x.pdf"], "unknown format 'pdf'"),
        (["--output", "sarif"], "expected FORMAT=PATH"),
        (["-f", "json", "-f", "sarif"], "only one of json, sarif can go to stdout"),
    ],
)
def test_bad_gate_and_output_options_are_usage_errors(  # type: ignore[no-untyped-def]
    run_cli, options: list[str], message: str
) -> None:
    code, out, err = run_cli("check", str(SEED), *options)
    assert code == 2
    assert message in err
    assert out == ""
