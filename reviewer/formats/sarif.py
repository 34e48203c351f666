"""SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

One run; the rules are the distinct rule ids of the findings. Regions give
lines, columns and character offsets in Unicode code points (the run says so
with `columnKind`). Each replacement becomes one fix. With a baseline, the
reported results are `new` and the baseline's gone findings are added as
`absent`. Findings an editor rejected (`reviewer check --review-file`) are
results with an external, accepted suppression whose justification is the
editor's comment; with review files every result has `suppressions` (empty
when not suppressed), as SARIF requires. Blocks that could not be checked are
tool execution notifications.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from reviewer import __version__
from reviewer.formats.context import TOOL_NAME, RenderContext, one_line
from reviewer.model import EngineError, Finding, Report, Severity
from reviewer.review.decided import EditorDecision

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "reviewer/v1"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "note",
}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a document path (absolute paths become file URIs)."""
    posix = PureWindowsPath(path).as_posix() if "\\" in path else path
    p = PurePosixPath(posix)
    if p.is_absolute():
        return "file://" + quote(str(p))
    return quote(str(p))


def region(f: Finding) -> dict[str, int]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.start,
        "charLength": f.end - f.start,
    }


def _rules(findings: list[Finding]) -> list[dict[str, Any]]:
    first: dict[str, Finding] = {}
    for f in findings:
        first.setdefault(f.rule_id, f)
    rules = []
    for rule_id in sorted(first):
        f = first[rule_id]
        describe = one_line(f.short_message or f.message)
        rule: dict[str, Any] = {
            "id": rule_id,
            "shortDescription": {"text": describe},
            "fullDescription": {"text": one_line(f.message)},
            "help": {
                "text": f"{f.source} rule {rule_id} ({f.category}, {f.issue_type}): "
                        f"{one_line(f.message)}",
            },
            "defaultConfiguration": {"level": LEVELS[f.severity]},
            "properties": {
                "category": f.category,
                "issueType": f.issue_type,
                "severity": f.severity.value,
                "tags": sorted({f.category, f.issue_type} - {""}),
            },
        }
        if _pascal(rule_id).lower() != rule_id.lower():  # SARIF1001: a name equal to the id
            rule["name"] = _pascal(rule_id)
        if f.url:
            rule["helpUri"] = f.url
        rules.append(rule)
    return rules


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("_") if part)


def _location(f: Finding) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.path)},
            "region": region(f),
        }
    }


def _fix(f: Finding, replacement: str) -> dict[str, Any]:
    return {
        "description": {"text": f"Replace “{f.text}” with “{replacement}”"},
        "artifactChanges": [{
            "artifactLocation": {"uri": artifact_uri(f.path)},
            "replacements": [{
                "deletedRegion": region(f),
                "insertedContent": {"text": replacement},
            }],
        }],
    }


def _suppression(d: EditorDecision) -> dict[str, Any]:
    """An editor's rejection as SARIF says it: external, accepted, with a justification."""
    return {
        "kind": "external",
        "status": "accepted",
        "justification": d.justification(),
        "location": {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(
            d.review_file)}}},
        "properties": {"by": d.by, "at": d.at},
    }


def _result(f: Finding, rule_index: int, state: str, ctx: RenderContext) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": ctx.noted(f, one_line(f.message))},
        "locations": [_location(f)],
        "partialFingerprints": {FINGERPRINT_KEY: f.id},
        # SARIF's rank is a priority from 0 to 100: the calibrated confidence, in percent.
        "rank": round(100 * f.confidence, 1),
        "properties": {"severity": f.severity.value, "category": f.category,
                       "confidence": f.confidence},
    }
    if f.replacements:
        result["fixes"] = [_fix(f, r) for r in f.replacements]
    if state:
        result["baselineState"] = state
    if ctx.review_files:
        # SARIF §3.27.23: in a run, every result has `suppressions` or none does.
        d = ctx.decision(f)
        result["suppressions"] = [_suppression(d)] if d is not None and d.suppresses else []
    return result


def _notification(e: EngineError) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"block not checked: {one_line(e.message)}"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(e.path)},
                "region": {"startLine": e.line, "charOffset": e.start,
                           "charLength": e.end - e.start},
            }
        }],
    }


def to_data(report: Report, ctx: RenderContext) -> dict[str, Any]:
    """The SARIF log as plain JSON types."""
    findings = ctx.with_suppressed(report)
    gone = list(ctx.gone) if ctx.baseline else []
    rules = _rules(findings + gone)
    index = {r["id"]: i for i, r in enumerate(rules)}
    new_state, gone_state = ("new", "absent") if ctx.baseline else ("", "")
    results = [_result(f, index[f.rule_id], new_state, ctx) for f in findings]
    results += [_result(f, index[f.rule_id], gone_state, ctx) for f in gone]
    driver: dict[str, Any] = {
        "name": TOOL_NAME,
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": "https://languagetool.org/",
        "rules": rules,
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [{
            "executionSuccessful": not report.engine_errors,
            "toolExecutionNotifications": [_notification(e) for e in report.engine_errors],
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.engine.get("version"):
        run["properties"] = {"engine": dict(sorted(report.engine.items()))}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


# Indented JSON goes through Python's slow pure-Python encoder and is 2.5 times
# larger: only small logs (the ones people read) are indented.
INDENT_UP_TO = 2000


def render(report: Report, ctx: RenderContext) -> str:
    data = to_data(report, ctx)
    if len(data["runs"][0]["results"]) <= INDENT_UP_TO:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
