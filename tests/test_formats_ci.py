"""GitHub, JUnit, GitLab and reviewdog output: escaping, ranking, gate and positions."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.formats import Format, github
from reviewer.formats.context import RenderContext
from reviewer.formats.registry import render
from reviewer.gate import Gate
from reviewer.model import Report, Severity
from tests.formats_fixture import fixture_report, fixture_sources


def many(counts: dict[Severity, int]) -> Report:
    """A report with `counts[s]` findings of each severity, one per line."""
    base = fixture_report().findings[0]
    findings = []
    for severity, n in counts.items():
        for _ in range(n):
            line = len(findings) + 1
            findings.append(replace(base, severity=severity, line=line, end_line=line,
                                    start=line * 100, end=line * 100 + 1, id=f"id{line}"))
    return replace(fixture_report(), findings=tuple(sorted(findings)), engine_errors=())


# GitHub


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("100%", "100%25"), ("a\r\nb", "a%0D%0Ab"), ("docs/a,b:c.txt", "docs/a%2Cb%3Ac.txt")],
)
def test_github_escapes_properties(raw: str, escaped: str) -> None:
    assert github.escape_property(raw) == escaped


def test_github_message_keeps_colons_and_commas_but_escapes_newlines() -> None:
    line = github.command("error", "a: b, c\n100%", file="x,y.txt", line=3)
    assert line == "::error file=x%2Cy.txt,line=3::a: b, c%0A100%25"


def test_github_annotates_ten_per_level_most_severe_first_and_prints_the_rest() -> None:
    report = many({Severity.MINOR: 15, Severity.MAJOR: 12, Severity.INFO: 3,
                   Severity.CRITICAL: 2})
    out = github.render(report, RenderContext()).splitlines()
    errors = [line for line in out if line.startswith("::error ")]
    assert len(errors) == 10
    assert sum(line.startswith("::warning ") for line in out) == 10
    assert sum(line.startswith("::notice ") for line in out) == 3
    assert all("critical:" in line for line in errors[:2])
    assert out[23].startswith("9 more finding(s), not shown as annotations")
    assert len(out[24:]) == 9  # 4 major + 5 minor, as plain lines: nothing lost


def test_github_step_summary_lists_what_annotations_left_out() -> None:
    report = many({Severity.MAJOR: 13})
    summary = github.summary(report, RenderContext())
    rows = [line for line in summary.splitlines() if line.startswith("| major ")]
    assert len(rows) == 3
    assert "10 shown as annotations; the other 3:" in summary


def test_github_annotations_never_exceed_fifty_per_job() -> None:
    shown, rest = github.split(many({s: 20 for s in Severity}))
    assert len(shown) == 30 and len(rest) == 50


# JUnit


def suites(gate: Gate) -> ET.Element:
    return ET.fromstring(render(Format.JUNIT, fixture_report(), context=RenderContext(gate=gate)))


@pytest.mark.parametrize(
    ("fail_on", "failures"),
    [(Severity.CRITICAL, 1), (Severity.MAJOR, 3), (Severity.MINOR, 5), (Severity.INFO, 7),
     (None, 0)],
)
def test_junit_fails_one_case_per_finding_at_or_above_the_gate(
    fail_on: Severity | None, failures: int
) -> None:
    root = suites(Gate(fail_on=fail_on))
    assert root.get("failures") == str(failures)
    assert len(root.findall(".//failure")) == failures
    assert len(root.findall(".//skipped")) == 7 - failures  # the others stay visible


def test_junit_has_one_suite_per_document_and_attributes_readers_need() -> None:
    root = suites(Gate())
    assert [s.get("name") for s in root.iter("testsuite")] == [
        "docs/guide.en.txt", "docs/ok report.txt", "docs/long.txt"]
    for case in root.iter("testcase"):
        assert case.get("name") and case.get("classname") and case.get("file")
    ok = root.find("testsuite[@name='docs/ok report.txt']")
    assert ok is not None and [c.get("name") for c in ok] == ["no findings"]
    assert root.find(".//error[@type='engine-error']") is not None


def test_junit_survives_control_characters_in_messages() -> None:
    finding = replace(fixture_report().findings[0], message="bell \x07 and form feed \x0c")
    report = replace(fixture_report(), findings=(finding,))
    root = ET.fromstring(render(Format.JUNIT, report, context=RenderContext()))
    assert root.find(".//failure") is not None


# GitLab


def gitlab(report: Report) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(render(Format.GITLAB, report, context=RenderContext()))


def test_gitlab_fingerprints_are_unique_and_follow_the_finding_not_its_line() -> None:
    report = fixture_report()
    issues = gitlab(report)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    moved = replace(report, findings=tuple(
        replace(f, line=f.line + 40, end_line=f.end_line + 40, start=f.start + 999)
        for f in report.findings))
    assert [i["fingerprint"] for i in gitlab(moved)] == [i["fingerprint"] for i in issues]
    renamed = replace(report, findings=tuple(replace(f, path="other.txt")
                                             for f in report.findings))
    assert gitlab(renamed)[0]["fingerprint"] != issues[0]["fingerprint"]


def test_gitlab_maps_severities() -> None:
    by_rule = {i["check_name"]: i["severity"] for i in gitlab(fixture_report())}
    assert by_rule["UNTRANSLATED"] == "critical"
    assert by_rule["EN_A_VS_AN"] == "major"
    assert by_rule["COMMA_PERIOD_CONFUSION"] == "minor"
    assert by_rule["PARAGRAPH_JOIN"] == "info"
    assert by_rule["engine-error"] == "blocker"


# reviewdog


def apply_suggestion(source: str, diagnostic: dict) -> str:  # type: ignore[type-arg]
    """Apply the first suggestion the way reviewdog does: UTF-8 byte columns, end exclusive."""
    lines = source.encode("utf-8").split(b"\n")
    suggestion = diagnostic["suggestions"][0]
    start, end = suggestion["range"]["start"], suggestion["range"]["end"]
    head = lines[start["line"] - 1][: start["column"] - 1]
    tail = lines[end["line"] - 1][end["column"] - 1 :]
    new = head + suggestion["text"].encode("utf-8") + tail
    return b"\n".join(lines[: start["line"] - 1] + [new] + lines[end["line"] :]).decode()


@pytest.mark.parametrize("with_sources", [True, False], ids=["sources", "context-only"])
def test_rdjsonl_suggestions_apply_at_utf8_byte_columns(with_sources: bool) -> None:
    source = fixture_sources()["docs/guide.en.txt"]
    ctx = RenderContext(sources=fixture_sources() if with_sources else {})
    lines = render(Format.RDJSONL, fixture_report(), context=ctx).splitlines()
    diagnostics = {d["code"]["value"]: d for d in map(json.loads, lines)}
    assert apply_suggestion(source, diagnostics["UNTRANSLATED"]).splitlines()[3] == (
        "Emoji 😀 and then teh end.")
    assert apply_suggestion(source, diagnostics["MORFOLOGIK_RULE_EN_US"]).splitlines()[3] == (
        "Emoji 😀 then the end.")
    assert apply_suggestion(source, diagnostics["PARAGRAPH_JOIN"]).splitlines()[0] == (
        "Kazbat welcomes a opportunity. The « Great Silk way » is 3,5 km long; "
        "100% sure: yes, done.")


def test_rdjsonl_is_one_diagnostic_per_line() -> None:
    out = render(Format.RDJSONL, fixture_report(), context=RenderContext())
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(fixture_report().findings) + 1
    assert {r["severity"] for r in records} <= {"ERROR", "WARNING", "INFO"}


def test_every_format_is_listed_once() -> None:
    assert sorted(f.value for f in Format) == [
        "github", "gitlab", "json", "junit", "rdjsonl", "sarif", "text"]


def test_github_unchecked_blocks_come_first_and_share_the_error_budget() -> None:
    report = fixture_report()
    errors = tuple(replace(report.engine_errors[0], line=i) for i in range(1, 4))
    report = replace(many({Severity.MAJOR: 12}), engine_errors=errors)
    out = github.render(report, RenderContext()).splitlines()
    assert all("title=engine-error" in line for line in out[:3])
    assert sum(line.startswith("::error ") for line in out) == 10
    assert len(github.split(report)[1]) == 5


def test_github_step_summary_lists_findings_gone_since_the_baseline() -> None:
    report = fixture_report()
    gone = report.findings[:2]
    ctx = RenderContext(baseline="base.json", gone=gone, unchanged=4)
    summary = github.summary(replace(report, findings=report.findings[2:]), ctx)
    assert "Baseline `base.json`: 4 unchanged finding(s) not shown, 2 gone." in summary
    assert "- docs/guide.en.txt:1 EN_A_VS_AN “a”" in summary


def test_junit_reads_back_with_junitparser(tmp_path: Path) -> None:
    from junitparser import Error, Failure, JUnitXml, Skipped

    path = tmp_path / "report.xml"
    path.write_text(render(Format.JUNIT, fixture_report(), context=RenderContext()), "utf-8")
    for suite in JUnitXml.fromfile(str(path)):
        kinds = [type(r) for case in suite for r in case.result]
        assert suite.tests == len(list(suite))
        assert (suite.failures, suite.errors, suite.skipped) == (
            kinds.count(Failure), kinds.count(Error), kinds.count(Skipped))
        for case in suite:
            assert case.classname == suite.name
