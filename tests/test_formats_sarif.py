"""SARIF output: valid against the official 2.1.0 schema and, when installed, Microsoft's
validator (also with editors' suppressions); regions, fingerprints and fixes that point at
the right text."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from reviewer.formats import Format
from reviewer.formats.context import RenderContext
from reviewer.formats.registry import render
from reviewer.model import Report
from tests.conftest import DATA, ROOT
from tests.formats_fixture import decisions_context, fixture_report, fixture_sources

SCHEMA = json.loads((DATA / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
MULTITOOL = ROOT / ".venv" / "npm" / "node_modules" / ".bin" / "sarif-multitool"


def sarif(ctx: RenderContext | None = None, report: Report | None = None) -> dict:  # type: ignore[type-arg]
    return json.loads(render(Format.SARIF, report or fixture_report(),
                             context=ctx or RenderContext()))


def baseline_context() -> RenderContext:
    gone = fixture_report().findings[-1]
    return RenderContext(baseline="base.json", gone=(replace(gone, path="docs/old.txt"),))


def cases() -> list[tuple[Report, RenderContext]]:
    """The fixture plain, with a baseline, and with editors' decisions and a baseline."""
    decided, ctx = decisions_context()
    return [(fixture_report(), RenderContext()), (fixture_report(), baseline_context()),
            (decided, replace(ctx, baseline="base.json", gone=baseline_context().gone))]


CASE_IDS = ["plain", "baseline", "decisions"]


@pytest.mark.parametrize(("report", "ctx"), cases(), ids=CASE_IDS)
def test_sarif_is_valid_against_the_official_schema(report: Report, ctx: RenderContext) -> None:
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    log = sarif(ctx, report)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def test_the_schema_refuses_a_suppression_of_an_unknown_kind() -> None:
    report, ctx = decisions_context()
    log = sarif(ctx, report)
    suppressed = next(r for r in log["runs"][0]["results"] if r["suppressions"])
    assert jsonschema.validators.validator_for(SCHEMA)(SCHEMA).is_valid(log)
    suppressed["suppressions"][0]["kind"] = "editor"
    assert not jsonschema.validators.validator_for(SCHEMA)(SCHEMA).is_valid(log)


def test_an_invalid_log_is_refused_by_the_schema() -> None:
    log = sarif()
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not jsonschema.validators.validator_for(SCHEMA)(SCHEMA).is_valid(log)


def test_regions_and_offsets_count_code_points() -> None:
    sources = fixture_sources()
    run = sarif()["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    findings = {f.id: f for f in fixture_report().findings}
    for result in run["results"]:
        finding = findings[result["partialFingerprints"]["reviewer/v1"]]
        loc = result["locations"][0]["physicalLocation"]
        region = loc["region"]
        text = sources[loc["artifactLocation"]["uri"]]
        start = region["charOffset"]
        assert text[start : start + region["charLength"]] == finding.text
        line = text.split("\n")[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 :].startswith(finding.text.split("\n")[0])
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_each_replacement_is_a_fix_that_produces_the_corrected_text() -> None:
    text = fixture_sources()["docs/guide.en.txt"]
    result = next(r for r in sarif()["runs"][0]["results"] if r["ruleId"] == "UNTRANSLATED")
    fixed = []
    for fix in result["fixes"]:
        (change,) = fix["artifactChanges"]
        (rep,) = change["replacements"]
        start, length = rep["deletedRegion"]["charOffset"], rep["deletedRegion"]["charLength"]
        fixed.append(text[:start] + rep["insertedContent"]["text"] + text[start + length :])
    assert [t.splitlines()[3] for t in fixed] == ["Emoji 😀 and then teh end.", "Emoji  teh end."]


def test_baseline_results_are_new_and_gone_ones_absent() -> None:
    results = sarif(baseline_context())["runs"][0]["results"]
    states = [(r["ruleId"], r["baselineState"]) for r in results]
    assert states[-1] == ("MORFOLOGIK_RULE_EN_US", "absent")
    assert {s for _, s in states[:-1]} == {"new"}


def test_unchecked_blocks_make_the_run_unsuccessful() -> None:
    (invocation,) = sarif()["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert "HTTP 503" in note["message"]["text"]


def multitool() -> str | None:
    return str(MULTITOOL) if MULTITOOL.exists() else shutil.which("sarif-multitool")


@pytest.mark.skipif(multitool() is None, reason="npm @microsoft/sarif-multitool not installed "
                    "(`make sarif-multitool`)")
@pytest.mark.parametrize(("report", "ctx"), cases(), ids=CASE_IDS)
def test_microsoft_sarif_multitool_reports_no_error_and_no_warning(
    report: Report, ctx: RenderContext, tmp_path: Path
) -> None:
    log = tmp_path / "report.sarif"
    log.write_text(render(Format.SARIF, report, context=ctx), encoding="utf-8")
    verdict = tmp_path / "verdict.sarif"
    proc = subprocess.run([str(multitool()), "validate", str(log), "-o", str(verdict)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads(verdict.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    assert [(r["ruleId"], r.get("level", "warning")) for r in results] == []


def test_large_logs_are_written_compact_with_every_result() -> None:
    report = fixture_report()
    many = tuple(replace(f, id=f"{f.id}-{i}") for i in range(400) for f in report.findings)
    out = render(Format.SARIF, replace(report, findings=many), context=RenderContext())
    assert out.count("\n") == 1
    assert len(json.loads(out)["runs"][0]["results"]) == len(many) == 2800
