"""Deciding the exit code of a check from its report.

By default any finding at or above `--fail-on` fails the check. The limits
`--max-findings`, `--max-density` and `--max-score` replace that rule: the
check then fails only when a given limit is exceeded. `--max-findings` and
`--max-density` count the findings at or above `--fail-on`; `--max-score`
uses every finding, weighted by severity (reviewer.severity.quality_score).
A block that could not be checked always gives ENGINE.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.exitcodes import ExitCode
from reviewer.model import Finding, Report, Severity
from reviewer.severity import quality_score

FAIL_ON_CHOICES = ("critical", "major", "minor", "info", "never")


@dataclass(frozen=True, slots=True)
class Gate:
    """What makes a check fail; `fail_on=None` means no finding counts."""

    fail_on: Severity | None = Severity.MAJOR
    max_findings: int | None = None
    max_density: float | None = None
    max_score: float | None = None

    @classmethod
    def parse(
        cls,
        fail_on: str = "major",
        max_findings: int | None = None,
        max_density: float | None = None,
        max_score: float | None = None,
    ) -> Gate:
        """A gate from command-line values (`fail_on` one of FAIL_ON_CHOICES)."""
        if fail_on not in FAIL_ON_CHOICES:
            raise ValueError(f"--fail-on: expected one of {', '.join(FAIL_ON_CHOICES)}")
        for name, value in (("--max-findings", max_findings), ("--max-density", max_density),
                            ("--max-score", max_score)):
            if value is not None and value < 0:
                raise ValueError(f"{name}: must be 0 or more, got {value}")
        return cls(
            fail_on=None if fail_on == "never" else Severity(fail_on),
            max_findings=max_findings,
            max_density=max_density,
            max_score=max_score,
        )

    @property
    def has_limits(self) -> bool:
        return (self.max_findings, self.max_density, self.max_score) != (None, None, None)

    def counts(self, finding: Finding) -> bool:
        """True when `finding` is at or above `fail_on`."""
        return self.fail_on is not None and finding.severity.at_least(self.fail_on)

    def failing(self, report: Report) -> tuple[Finding, ...]:
        """The findings at or above `fail_on`, in report order."""
        return tuple(f for f in report.findings if self.counts(f))

    def reasons(self, report: Report) -> list[str]:
        """Why the report fails this gate, one phrase per broken limit; empty when it passes."""
        counted = len(self.failing(report))
        floor = self.fail_on.value if self.fail_on else "never"
        if not self.has_limits:
            return [f"{counted} finding(s) at or above {floor}"] if counted else []
        out = []
        if self.max_findings is not None and counted > self.max_findings:
            out.append(f"{counted} finding(s) at or above {floor} (limit {self.max_findings})")
        density = round(counted * 1000 / report.words, 2) if report.words else 0.0
        if self.max_density is not None and density > self.max_density:
            out.append(f"{density} finding(s) at or above {floor} per 1,000 words "
                       f"(limit {self.max_density:g})")
        score = quality_score([f.severity for f in report.findings], report.words)
        if self.max_score is not None and score > self.max_score:
            out.append(f"quality score {score} penalty points per 1,000 words "
                       f"(limit {self.max_score:g})")
        return out

    def verdict(self, report: Report) -> ExitCode:
        """ENGINE when a block went unchecked, FINDINGS when a reason holds, else OK."""
        if report.engine_errors:
            return ExitCode.ENGINE
        return ExitCode.FINDINGS if self.reasons(report) else ExitCode.OK


def gate(report: Report, fail_on: str = "major") -> ExitCode:
    """ENGINE when a block went unchecked, FINDINGS when one is at or above `fail_on`."""
    return Gate.parse(fail_on).verdict(report)
