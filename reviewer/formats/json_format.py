"""The versioned JSON report (schema in docs/json-schema.md)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from reviewer.codec import plain
from reviewer.model import Report, Severity
from reviewer.severity import quality_score

SCHEMA_VERSION = 1


def to_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON types, in a deterministic order."""
    counts = Counter(f.severity.value for f in report.findings)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "reviewer"},
        "engine": dict(sorted(report.engine.items())),
        "settings": report.settings,
        "documents": [plain(d) for d in report.documents],
        "summary": {
            "findings": len(report.findings),
            "by_severity": {s.value: counts.get(s.value, 0) for s in Severity},
            "words": report.words,
            "score": quality_score([f.severity for f in report.findings], report.words),
            "engine_errors": len(report.engine_errors),
        },
        "findings": [plain(f) for f in report.findings],
        "engine_errors": [plain(e) for e in report.engine_errors],
    }


def render(report: Report, color: bool = False) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
