"""Compiler-style text: `path:line:col: severity RULE_ID message [→ replacement]`."""

from __future__ import annotations

from collections import Counter

from reviewer.formats.context import RenderContext, one_line
from reviewer.model import Report, Severity

_COLORS = {
    Severity.CRITICAL: "\033[1;31m",
    Severity.MAJOR: "\033[31m",
    Severity.MINOR: "\033[33m",
    Severity.INFO: "\033[36m",
}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
MAX_REPLACEMENTS = 3


def render(report: Report, ctx: RenderContext | None = None) -> str:
    """One line per finding and engine error, then a summary line."""
    ctx = ctx or RenderContext()

    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if ctx.color else s

    lines = []
    for f in report.findings:
        where = paint(_BOLD, f"{f.path}:{f.line}:{f.column}:")
        if f.unit and f.path.lower().endswith((".docx", ".docm")):
            # line:column are in the extracted text; the locator is what Word shows
            where += f" [{f.unit}]"
        sev = paint(_COLORS[f.severity], f.severity.value)
        line = f"{where} {sev} {f.rule_id} {one_line(f.message)}"
        if f.replacements:
            shown = ", ".join(repr(r) if r.strip() != r or not r else r
                              for r in f.replacements[:MAX_REPLACEMENTS])
            more = f" (+{len(f.replacements) - MAX_REPLACEMENTS})" if len(
                f.replacements) > MAX_REPLACEMENTS else ""
            line += " " + paint(_DIM, f"→ {shown}{more}")
        lines.append(ctx.noted(f, line))
    for e in report.engine_errors:
        lines.append(f"{e.path}:{e.line}:1: engine-error {one_line(e.message)}")
    lines.append(summary(report, ctx))
    return "\n".join(lines) + "\n"


def summary(report: Report, ctx: RenderContext | None = None) -> str:
    """`N findings in M documents (by severity)`, then what editors' decisions did."""
    ctx = ctx or RenderContext()
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s.value}" for s in Severity if counts[s]]
    n = len(report.findings)
    docs = len(report.documents)
    text = (
        f"{n} finding{'s' if n != 1 else ''} in {docs} document{'s' if docs != 1 else ''}"
        + (f" ({', '.join(parts)})" if parts else "")
    )
    if report.hidden:
        text += (f"; {report.hidden} below confidence {report.min_confidence:g} not shown "
                 "(--all shows them)")
    if ctx.review_files:
        text += (f"; {len(ctx.suppressed)} suppressed (rejected by an editor), "
                 f"{ctx.not_applied(report.findings)} accepted but not applied")
    if report.engine_errors:
        text += f"; {len(report.engine_errors)} block(s) could not be checked"
    return text
