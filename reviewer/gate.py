"""Deciding the exit code of a check from its report."""

from __future__ import annotations

from reviewer.exitcodes import ExitCode
from reviewer.model import Report, Severity

FAIL_ON_CHOICES = ("critical", "major", "minor", "info", "never")


def gate(report: Report, fail_on: str = "major") -> ExitCode:
    """ENGINE when a block went unchecked, FINDINGS when one is at or above `fail_on`."""
    if report.engine_errors:
        return ExitCode.ENGINE
    if fail_on == "never":
        return ExitCode.OK
    threshold = Severity(fail_on)
    if any(f.severity.at_least(threshold) for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK
