"""reviewdog's diagnostic format as JSON Lines (`reviewdog -f=rdjsonl`).

One `Diagnostic` per line, with every replacement as a `suggestion`, so that
reviewdog can post them as suggested changes. reviewdog counts columns in
UTF-8 bytes with an exclusive end: they are computed from the document text
(`RenderContext.sources`), else from the finding's context when the line
start lies inside it, else given in code points. reviewdog's format has no
field for an id and refuses unknown ones, so the finding's fingerprint ends
`original_output` (a compiler-style line) in brackets. Findings an editor
rejected (`--review-file`) are left out.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.formats.context import TOOL_NAME, RenderContext, one_line
from reviewer.model import FINDING_CONTEXT, Finding, Report, Severity

SEVERITIES = {
    Severity.CRITICAL: "ERROR",
    Severity.MAJOR: "ERROR",
    Severity.MINOR: "WARNING",
    Severity.INFO: "INFO",
}


def byte_column(f: Finding, offset: int, column: int, source: str | None) -> int:
    """The 1-based UTF-8 byte column of code-point `offset`, which is at `column` of its line."""
    line_start = offset - (column - 1)
    if source is not None:
        return len(source[line_start:offset].encode("utf-8")) + 1
    context_start = max(0, f.start - FINDING_CONTEXT)
    if line_start >= context_start and f.context:
        prefix = f.context[line_start - context_start : offset - context_start]
        return len(prefix.encode("utf-8")) + 1
    return column


def span(f: Finding, source: str | None) -> dict[str, Any]:
    return {
        "start": {"line": f.line, "column": byte_column(f, f.start, f.column, source)},
        "end": {"line": f.end_line, "column": byte_column(f, f.end, f.end_column, source)},
    }


def diagnostic(f: Finding, source: str | None, ctx: RenderContext | None = None
               ) -> dict[str, Any]:
    where = span(f, source)
    code: dict[str, str] = {"value": f.rule_id}
    if f.url:
        code["url"] = f.url
    message = (ctx or RenderContext()).noted(f, one_line(f.message))
    return {
        "message": message,
        "location": {"path": f.path, "range": where},
        "severity": SEVERITIES[f.severity],
        "source": {"name": TOOL_NAME},
        "code": code,
        "suggestions": [{"range": where, "text": r} for r in f.replacements],
        # reviewdog rejects unknown fields: the fingerprint rides in the original output.
        "original_output": f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.rule_id} "
                           f"{message} [{f.id}]",
    }


def render(report: Report, ctx: RenderContext) -> str:
    lines = [
        json.dumps(diagnostic(f, ctx.sources.get(f.path), ctx), ensure_ascii=False)
        for f in report.findings
    ]
    for e in report.engine_errors:
        lines.append(json.dumps({
            "message": f"block not checked: {one_line(e.message)}",
            "location": {"path": e.path, "range": {"start": {"line": e.line}}},
            "severity": "ERROR",
            "source": {"name": TOOL_NAME},
            "code": {"value": "engine-error"},
        }, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
