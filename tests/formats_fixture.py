"""The fixed report that the format tests render (tests/data/formats/report.json).

It has two documents and a third whose only block failed; its findings cover
every severity, a span across lines, an astral character, multi-byte quotes,
several replacements and a message full of characters that need escaping.
"""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.codec import convert
from reviewer.model import DocumentInfo, EngineError, Finding, Report

FORMATS_DATA = Path(__file__).resolve().parent / "data" / "formats"


def fixture_data() -> dict:  # type: ignore[type-arg]
    return json.loads((FORMATS_DATA / "report.json").read_text(encoding="utf-8"))


def fixture_report() -> Report:
    data = fixture_data()
    return Report(
        documents=tuple(DocumentInfo(**d) for d in data["documents"]),
        findings=tuple(convert(f, Finding) for f in data["findings"]),
        engine_errors=tuple(EngineError(**e) for e in data["engine_errors"]),
        engine=data["engine"],
        settings=data["settings"],
    )


def fixture_sources() -> dict[str, str]:
    return dict(fixture_data()["sources"])
