"""JUnit XML, as CI systems (GitLab, Jenkins, Azure, CircleCI) render test reports.

One test suite per document. Each finding at or above the gate's `--fail-on`
is a failing test case; each finding below it is a skipped test case (shown,
never failing the build), and so is each finding an editor rejected
(`--review-file`); a document without findings has one passing case named "no
findings". A block that could not be checked is a test case with an `<error>`.
Test case names are `LINE:COLUMN RULE`; `classname` and `file` are the
document path; each case's `fingerprint` property is the finding's stable id.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reviewer.formats.context import TOOL_NAME, RenderContext, one_line
from reviewer.model import EngineError, Finding, Report

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def _details(f: Finding, ctx: RenderContext) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.rule_id} ({f.category})",
        ctx.noted(f, one_line(f.message)),
        f"text: {f.text}",
        f"context: {one_line(f.context)}",
    ]
    if f.replacements:
        lines.append("suggestions: " + ", ".join(f.replacements))
    lines.append(f"fingerprint: {f.id}")
    return _clean("\n".join(lines))


def _case(suite: ET.Element, f: Finding, ctx: RenderContext, floor: str) -> None:
    case = ET.SubElement(suite, "testcase", {
        "name": f"{f.line}:{f.column} {f.rule_id}",
        "classname": f.path,
        "file": f.path,
        "line": str(f.line),
        "time": "0",
    })
    # Test-case properties, as pytest writes them: the finding's stable id.
    ET.SubElement(ET.SubElement(case, "properties"), "property",
                  {"name": "fingerprint", "value": f.id})
    if _fails(f, ctx):
        failure = ET.SubElement(case, "failure", {
            "message": _clean(f"{f.severity.value}: {ctx.noted(f, one_line(f.message))}"),
            "type": f.rule_id,
        })
        failure.text = _details(f, ctx)
        return
    decision = ctx.decision(f)
    if decision is not None and decision.suppresses:
        why = f"suppressed by an editor ({decision.justification()})"
    else:
        why = f"below --fail-on {floor}" if floor != "never" else "--fail-on never"
    ET.SubElement(case, "skipped", {
        "message": _clean(f"{f.severity.value}, {why}: {ctx.noted(f, one_line(f.message))}"),
    })


def _fails(f: Finding, ctx: RenderContext) -> bool:
    """At or above the gate, and not rejected by an editor."""
    decision = ctx.decision(f)
    return ctx.gate.counts(f) and not (decision is not None and decision.suppresses)


def _error_case(suite: ET.Element, e: EngineError) -> None:
    case = ET.SubElement(suite, "testcase", {
        "name": f"{e.line}:1 engine-error", "classname": e.path, "file": e.path,
        "line": str(e.line), "time": "0",
    })
    error = ET.SubElement(case, "error", {"message": _clean(one_line(e.message)),
                                          "type": "engine-error"})
    error.text = _clean(f"block of {e.end - e.start} characters not checked: {e.message}")


def render(report: Report, ctx: RenderContext) -> str:
    g = ctx.gate
    floor = g.fail_on.value if g.fail_on else "never"
    root = ET.Element("testsuites", {"name": TOOL_NAME})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    by_path: dict[str, list[Finding]] = {}
    for f in ctx.with_suppressed(report):
        by_path.setdefault(f.path, []).append(f)
    errors_by_path: dict[str, list[EngineError]] = {}
    for e in report.engine_errors:
        errors_by_path.setdefault(e.path, []).append(e)
    for doc in report.documents:
        findings = by_path.get(doc.path, [])
        errors = errors_by_path.get(doc.path, [])
        failing = sum(1 for f in findings if _fails(f, ctx))
        counts = {
            "tests": max(1, len(findings) + len(errors)),
            "failures": failing,
            "errors": len(errors),
            "skipped": len(findings) - failing,
        }
        suite = ET.SubElement(root, "testsuite", {
            "name": doc.path, "file": doc.path, "time": "0",
            **{k: str(v) for k, v in counts.items()},
        })
        for f in findings:
            _case(suite, f, ctx, floor)
        for e in errors:
            _error_case(suite, e)
        if not findings and not errors:
            ET.SubElement(suite, "testcase", {"name": "no findings", "classname": doc.path,
                                              "file": doc.path, "time": "0"})
        for k, v in counts.items():
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
