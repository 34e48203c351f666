"""GitLab Code Quality JSON (the `codequality` report of a CI job).

Each finding is one issue; the fingerprint is a hash of the document path and
the finding's id, so it stays the same while the finding does. A block that
could not be checked is a `blocker` issue with check_name `engine-error`.
Code Quality knows no suppression: findings an editor rejected
(`--review-file`) are left out, as the gate leaves them out.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from reviewer.formats.context import RenderContext, one_line
from reviewer.model import EngineError, Finding, Report, Severity

SEVERITIES = {
    Severity.CRITICAL: "critical",
    Severity.MAJOR: "major",
    Severity.MINOR: "minor",
    Severity.INFO: "info",
}


def stable_fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _issue(f: Finding, ctx: RenderContext) -> dict[str, Any]:
    description = one_line(f.message)
    if f.replacements:
        description += f" (suggestion: {f.replacements[0]})"
    return {
        "description": ctx.noted(f, description),
        "check_name": f.rule_id,
        "fingerprint": stable_fingerprint(f.path, f.id),
        "severity": SEVERITIES[f.severity],
        "categories": ["Style"],
        "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
    }


def _engine_issue(e: EngineError) -> dict[str, Any]:
    return {
        "description": f"block not checked: {one_line(e.message)}",
        "check_name": "engine-error",
        "fingerprint": stable_fingerprint(e.path, "engine-error", str(e.start)),
        "severity": "blocker",
        "categories": ["Bug Risk"],
        "location": {"path": e.path, "lines": {"begin": e.line}},
    }


def render(report: Report, ctx: RenderContext) -> str:
    issues = [_issue(f, ctx) for f in report.findings]
    issues += [_engine_issue(e) for e in report.engine_errors]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
