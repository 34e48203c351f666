"""The fixed report that the format tests render (tests/data/formats/report.json).

It has two documents and a third whose only block failed; its findings cover
every severity, a span across lines, an astral character, multi-byte quotes,
several replacements and a message full of characters that need escaping.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from reviewer.codec import convert
from reviewer.formats import Format
from reviewer.formats.context import RenderContext
from reviewer.model import DocumentInfo, EngineError, Finding, Report
from reviewer.review.decided import match
from reviewer.review.record import ReviewFile
from reviewer.review.suggest import Decision, Status, build_suggestions

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


REVIEW_FILE = "reports/guide.review.json"
REJECTION = "House style: the name is read as a letter, “a” stays."


def decided_review() -> ReviewFile:
    """The review file of docs/guide.en.txt: EN_A_VS_AN rejected with a comment,
    MORFOLOGIK_RULE_EN_US accepted (not applied), COMMA_PERIOD_CONFUSION edited, the
    rest pending."""
    text = fixture_sources()["docs/guide.en.txt"]
    report = fixture_report()
    guide = replace(report, findings=tuple(f for f in report.findings
                                           if f.path == "docs/guide.en.txt"))
    review = ReviewFile(document_path="docs/guide.en.txt", document_sha256="",
                        suggestions=build_suggestions(guide, text))
    ids = {s.finding.rule_id: s.id for s in review.suggestions}
    return review.decide([
        Decision(id=ids["EN_A_VS_AN"], status=Status.REJECTED, comment=REJECTION, by="ann",
                 at="2026-11-28T14:07:57Z"),
        Decision(id=ids["MORFOLOGIK_RULE_EN_US"], status=Status.ACCEPTED, choice=0, by="ben",
                 at="2026-11-28T14:08:30Z"),
        Decision(id=ids["COMMA_PERIOD_CONFUSION"], status=Status.EDITED, edited_text="3.5",
                 by="ann", at="2026-11-28T14:09:00Z"),
    ], "decide")


def decisions_context(**kw: Any) -> tuple[Report, RenderContext]:
    """The fixture report split by `decided_review()`, and the context that carries it."""
    matched = match(fixture_report(), [(REVIEW_FILE, decided_review())])
    ctx = RenderContext(review_files=(REVIEW_FILE,), suppressed=matched.suppressed,
                        decisions=matched.decisions, **kw)
    return matched.report, ctx


def ids_by_format(outputs: Mapping[Format, str]) -> dict[Format, list[str]]:
    """The fingerprint each rendered format gives each finding, in the format's order.

    JSON `id`, SARIF `partialFingerprints`, GitLab `fingerprint`, the JUnit
    `fingerprint` property, and the bracketed id ending rdjsonl's
    `original_output` and GitHub's annotations and lines.
    """
    out: dict[Format, list[str]] = {}
    if Format.JSON in outputs:
        out[Format.JSON] = [f["id"] for f in json.loads(outputs[Format.JSON])["findings"]]
    if Format.SARIF in outputs:
        out[Format.SARIF] = [r["partialFingerprints"]["reviewer/v1"]
                             for r in json.loads(outputs[Format.SARIF])["runs"][0]["results"]]
    if Format.GITLAB in outputs:
        out[Format.GITLAB] = [i["fingerprint"] for i in json.loads(outputs[Format.GITLAB])
                              if i["check_name"] != "engine-error"]
    if Format.RDJSONL in outputs:
        out[Format.RDJSONL] = [_bracketed(d["original_output"])
                               for d in map(json.loads, outputs[Format.RDJSONL].splitlines())
                               if "original_output" in d]
    if Format.JUNIT in outputs:
        out[Format.JUNIT] = [p.get("value", "")
                             for p in ET.fromstring(outputs[Format.JUNIT]).iter("property")
                             if p.get("name") == "fingerprint"]
    if Format.GITHUB in outputs:
        out[Format.GITHUB] = [_bracketed(line) for line in outputs[Format.GITHUB].splitlines()
                              if line.endswith("]") and "title=engine-error" not in line]
    return out


def _bracketed(line: str) -> str:
    return line.rsplit("[", 1)[1].removesuffix("]")
