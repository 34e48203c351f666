"""GitHub Actions workflow commands: `::error file=…,line=…::message` annotations.

GitHub shows at most 10 error and 10 warning annotations per step and 50 per
job. Findings are ranked (most severe first, then document order) and the top
ones per level become annotations; every other finding is printed as a plain
log line, and `summary` gives a Markdown table of them for $GITHUB_STEP_SUMMARY.
Critical and major findings are errors, minor ones warnings, info notices.
Every annotation and line ends with the finding's fingerprint in brackets.
"""

from __future__ import annotations

from reviewer.formats.context import RenderContext, one_line
from reviewer.model import Finding, Report, Severity

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "notice",
}
PER_LEVEL = 10  # annotations GitHub shows per level and step
PER_JOB = 50  # annotations GitHub shows per job
SUMMARY_BYTES = 1_000_000  # $GITHUB_STEP_SUMMARY takes at most 1 MiB per step
GONE_LISTED = 100


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def rank(findings: tuple[Finding, ...]) -> list[Finding]:
    """Most severe first, then in report order."""
    return sorted(findings, key=lambda f: f.severity.rank)


def split(report: Report) -> tuple[list[Finding], list[Finding]]:
    """(annotated, rest): the ranked findings GitHub will show, and the others."""
    shown: list[Finding] = []
    rest: list[Finding] = []
    # Unchecked blocks are annotated first and use up error annotations.
    engine = min(len(report.engine_errors), PER_LEVEL)
    per_level: dict[str, int] = {"error": engine}
    for f in rank(report.findings):
        level = LEVELS[f.severity]
        if per_level.get(level, 0) < PER_LEVEL and engine + len(shown) < PER_JOB:
            per_level[level] = per_level.get(level, 0) + 1
            shown.append(f)
        else:
            rest.append(f)
    return shown, rest


def command(level: str, message: str, **props: str | int) -> str:
    """One workflow command line with escaped properties and message."""
    args = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    head = f"{level} {args}" if args else level
    return f"::{head}::{escape_data(message)}"


def annotation(f: Finding, ctx: RenderContext | None = None) -> str:
    """The workflow command for `f`; its message ends with the fingerprint in brackets."""
    message = f"{f.severity.value}: {f.message.strip()}"
    if f.replacements:
        message += f" (suggestion: {f.replacements[0]})"
    message = (ctx or RenderContext()).noted(f, message)
    return command(
        LEVELS[f.severity], f"{message} [{f.id}]",
        file=f.path, line=f.line, col=f.column, endLine=f.end_line,
        endColumn=f.end_column, title=f.rule_id,
    )


def plain(f: Finding, ctx: RenderContext | None = None) -> str:
    line = f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.rule_id} {one_line(f.message)}"
    return f"{(ctx or RenderContext()).noted(f, line)} [{f.id}]"


def render(report: Report, ctx: RenderContext) -> str:
    """Annotations for the top-ranked findings, plain lines for the rest.

    Findings an editor rejected (`--review-file`) are not annotated: they are
    counted in the step summary.
    """
    shown, rest = split(report)
    lines = []
    for i, e in enumerate(report.engine_errors):
        message = f"block not checked: {one_line(e.message)}"
        lines.append(command("error", message, file=e.path, line=e.line, title="engine-error")
                     if i < PER_LEVEL else f"{e.path}:{e.line}:1: engine-error {message}")
    lines.extend(annotation(f, ctx) for f in shown)
    if rest:
        lines.append(f"{len(rest)} more finding(s), not shown as annotations "
                     "(GitHub shows 10 per level and step):")
        lines.extend(plain(f, ctx) for f in rest)
    return "\n".join(lines) + "\n" if lines else ""


def _cell(s: str) -> str:
    return one_line(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def summary(report: Report, ctx: RenderContext) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: counts, then the findings not annotated."""
    shown, rest = split(report)
    out = [f"### reviewer: {len(report.findings)} finding(s) in "
           f"{len(report.documents)} document(s)", ""]
    if ctx.baseline:
        out += [f"Baseline `{_cell(ctx.baseline)}`: {ctx.unchanged} unchanged finding(s) "
                f"not shown, {len(ctx.gone)} gone.", ""]
    if ctx.gone:
        out += ["Gone since the baseline:", ""]
        out += [f"- {_cell(f.path)}:{f.line} {f.rule_id} “{_cell(f.text)}”"
                for f in ctx.gone[:GONE_LISTED]]
        if len(ctx.gone) > GONE_LISTED:
            out.append(f"- and {len(ctx.gone) - GONE_LISTED} more (see the job log)")
        out.append("")
    if ctx.review_files:
        files = ", ".join(f"`{_cell(p)}`" for p in ctx.review_files)
        out += [f"Editors' decisions ({files}): {len(ctx.suppressed)} finding(s) suppressed "
                f"(rejected by an editor, not counted), {ctx.not_applied(report.findings)} "
                "accepted but not applied.", ""]
    if ctx.suppressed:
        out += ["Suppressed by an editor:", ""]
        for f in ctx.suppressed[:GONE_LISTED]:
            d = ctx.decision(f)
            why = f": {_cell(d.justification())}" if d is not None else ""
            out.append(f"- {_cell(f.path)}:{f.line} {f.rule_id} “{_cell(f.text)}”{why}")
        if len(ctx.suppressed) > GONE_LISTED:
            out.append(f"- and {len(ctx.suppressed) - GONE_LISTED} more (see the SARIF log)")
        out.append("")
    if report.engine_errors:
        out += [f"**{len(report.engine_errors)} block(s) could not be checked.**", ""]
    if rest:
        out += [f"{len(shown)} shown as annotations; the other {len(rest)}:", "",
                "| severity | file | line | rule | message | id |",
                "| --- | --- | --- | --- | --- | --- |"]
        size = sum(len(line.encode()) + 1 for line in out)
        for i, f in enumerate(rest):
            row = (f"| {f.severity.value} | {_cell(f.path)} | {f.line} | {f.rule_id} "
                   f"| {_cell(ctx.noted(f, f.message))} | {f.id} |")
            if size + len(row.encode()) > SUMMARY_BYTES - 200:
                out.append(f"\n{len(rest) - i} more: see the job log.")
                break
            out.append(row)
            size += len(row.encode()) + 1
    return "\n".join(out) + "\n"
