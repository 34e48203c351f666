"""What a renderer may know besides the report: colour, the gate, the baseline, decisions.

Renderers stay pure functions of `(Report, RenderContext)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reviewer.gate import Gate
from reviewer.model import Finding, Report
from reviewer.review.decided import EditorDecision, Key

TOOL_NAME = "reviewer"


@dataclass(frozen=True, slots=True)
class RenderContext:
    """Options shared by every renderer.

    `gone` holds the baseline's findings that are no longer reported, and
    `unchanged` how many baseline findings are still there (not reported);
    `baseline` is the baseline file's path, empty when none was used.
    `sources` maps a document path to its text, for formats that count
    columns in UTF-8 bytes (rdjsonl); without it they fall back to code points.
    `review_files` are the review files read (`--review-file`, empty when
    none); `suppressed` the findings an editor rejected (left out of the
    report); `decisions` the editor's decision on each finding, reported or
    suppressed, that has one, by (path, id) (reviewer.review.decided).
    """

    color: bool = False
    gate: Gate = field(default_factory=Gate)
    baseline: str = ""
    gone: tuple[Finding, ...] = ()
    unchanged: int = 0
    sources: Mapping[str, str] = field(default_factory=dict)
    review_files: tuple[str, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    decisions: Mapping[Key, EditorDecision] = field(default_factory=dict)

    def with_suppressed(self, report: Report) -> list[Finding]:
        """The reported findings and the suppressed ones, in report order."""
        if not self.suppressed:
            return list(report.findings)
        order = {d.path: i for i, d in enumerate(report.documents)}
        return sorted((*report.findings, *self.suppressed),
                      key=lambda f: (order.get(f.path, len(order)), f))

    def decision(self, f: Finding) -> EditorDecision | None:
        """The editor's decision on `f`, if a review file has one."""
        return self.decisions.get((f.path, f.id))

    def not_applied(self, findings: tuple[Finding, ...]) -> int:
        """How many of the reported `findings` an editor accepted (their fix not applied)."""
        return sum(1 for f in findings if (d := self.decision(f)) and not d.suppresses)

    def noted(self, f: Finding, message: str) -> str:
        """`message` with the note of an accepted, unapplied decision on `f`, if any."""
        d = self.decision(f)
        return f"{message} [{d.note()}]" if d is not None and not d.suppresses else message


def one_line(s: str) -> str:
    """`s` with every run of white space (newlines too) made one space."""
    return " ".join(s.split())
