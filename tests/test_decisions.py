"""Editors' decisions in CI, without the server: review files matched to a fixed report.

The fixture's review file (tests/formats_fixture.py) rejects EN_A_VS_AN with a comment,
accepts MORFOLOGIK_RULE_EN_US and edits COMMA_PERIOD_CONFUSION; nothing is applied.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.exitcodes import ExitCode
from reviewer.formats import Format, github
from reviewer.formats.context import RenderContext
from reviewer.formats.gitlab import stable_fingerprint
from reviewer.formats.registry import render
from reviewer.gate import Gate
from reviewer.model import DocumentInfo, Report
from reviewer.review.decided import match, review_paths
from reviewer.review.record import ReviewFile, ReviewFileError, dumps
from reviewer.review.suggest import Decision, Status
from testkit.review_factory import suggestions
from tests.formats_fixture import (
    REJECTION,
    REVIEW_FILE,
    decided_review,
    decisions_context,
    fixture_report,
    fixture_sources,
    ids_by_format,
)


def rule_of(findings: tuple, rule: str):  # type: ignore[no-untyped-def,type-arg]
    (found,) = [f for f in findings if f.rule_id == rule]
    return found


def test_a_rejected_finding_is_suppressed_and_an_accepted_one_stays_with_a_note() -> None:
    report, ctx = decisions_context()
    assert [f.rule_id for f in ctx.suppressed] == ["EN_A_VS_AN"]
    assert "EN_A_VS_AN" not in {f.rule_id for f in report.findings}
    assert len(report.findings) == len(fixture_report().findings) - 1
    rejected = ctx.decision(ctx.suppressed[0])
    assert rejected is not None and rejected.justification() == REJECTION
    spelling = rule_of(report.findings, "MORFOLOGIK_RULE_EN_US")
    assert ctx.noted(spelling, "msg") == (
        "msg [editor accepted → “the” by ben, not applied yet (reports/guide.review.json)]")
    comma = rule_of(report.findings, "COMMA_PERIOD_CONFUSION")
    assert "editor edited → “3.5” by ann" in ctx.noted(comma, "msg")
    assert ctx.decision(rule_of(report.findings, "UNTRANSLATED")) is None  # still pending
    assert ctx.not_applied(report.findings) == 2


def test_pending_and_obsolete_suggestions_decide_nothing() -> None:
    review = decided_review()
    review = replace(review, suggestions=tuple(
        replace(s, status=Status.OBSOLETE) if s.finding.rule_id == "EN_A_VS_AN" else s
        for s in review.suggestions))
    matched = match(fixture_report(), [(REVIEW_FILE, review)])
    assert matched.suppressed == ()
    assert len(matched.decisions) == 2  # the accepted and the edited one


def test_a_review_file_of_another_document_suppresses_nothing() -> None:
    # The same text under another name: every id is the same, the document is not.
    other = replace(decided_review(), document_path="docs/guide.copy.en.txt")
    matched = match(fixture_report(), [("reports/copy.review.json", other)])
    assert matched.suppressed == () and matched.decisions == {}
    assert matched.unmatched == (("reports/copy.review.json", "docs/guide.copy.en.txt"),)
    assert matched.report == fixture_report()


def test_a_path_that_is_no_path_matches_nothing() -> None:
    bad = replace(decided_review(), document_path="docs/guide.en.txt\x00")
    assert match(fixture_report(), [("r.json", bad)]).suppressed == ()


def test_the_latest_decision_wins_across_review_files() -> None:
    first = decided_review()
    target = next(s.id for s in first.suggestions if s.finding.rule_id == "EN_A_VS_AN")
    later = first.decide([Decision(id=target, status=Status.ACCEPTED, choice=0, by="cy",
                                   at="2026-12-01T09:00:00Z")], "decide")
    for order in ([("a.json", first), ("b.json", later)], [("b.json", later), ("a.json", first)]):
        matched = match(fixture_report(), order)
        assert matched.suppressed == ()
        a_vs_an = rule_of(matched.report.findings, "EN_A_VS_AN")
        decision = matched.decisions[(a_vs_an.path, a_vs_an.id)]
        assert (decision.by, decision.review_file) == ("cy", "b.json")


def test_a_rejection_without_comment_is_justified_by_who_and_when() -> None:
    review = decided_review()
    review = replace(review, suggestions=tuple(
        replace(s, comment="") if s.status is Status.REJECTED else s for s in review.suggestions))
    matched = match(fixture_report(), [(REVIEW_FILE, review)])
    (f,) = matched.suppressed
    assert matched.decisions[(f.path, f.id)].justification() == (
        "rejected by ann on 2026-11-28T14:07:57Z in reports/guide.review.json")


def test_text_from_the_review_file_never_starts_a_line_of_the_log() -> None:
    # A review file comes with a pull request; GitHub Actions obeys `::command::` lines.
    evil = "x\n::error file=README.md::pwned\n"
    review = decided_review()
    review = replace(review, suggestions=tuple(
        replace(s, comment=evil, by=evil, edited_text=evil) if s.status is not Status.PENDING
        else s for s in review.suggestions))
    matched = match(fixture_report(), [(REVIEW_FILE, review)])
    ctx = RenderContext(review_files=(REVIEW_FILE,), suppressed=matched.suppressed,
                        decisions=matched.decisions)
    for fmt in (Format.TEXT, Format.GITHUB):
        lines = render(fmt, matched.report, context=ctx).splitlines()
        assert not [line for line in lines if line.startswith("::error file=README.md")], fmt
    summary = github.summary(matched.report, ctx)
    assert "pwned" in summary and "\n::error" not in summary


# The gate and JUnit


def test_the_gate_ignores_a_suppressed_finding() -> None:
    # Without UNTRANSLATED (critical) and MORFOLOGIK (major, accepted: it still counts),
    # EN_A_VS_AN is the only major finding, and an editor rejected it.
    report = replace(fixture_report(), engine_errors=())
    no_critical = replace(report, findings=tuple(f for f in report.findings
                                                 if f.rule_id not in {"UNTRANSLATED",
                                                                      "MORFOLOGIK_RULE_EN_US"}))
    gate = Gate()
    assert gate.verdict(no_critical) == ExitCode.FINDINGS  # EN_A_VS_AN counts
    matched = match(no_critical, [(REVIEW_FILE, decided_review())])
    assert gate.verdict(matched.report) == ExitCode.OK
    assert gate.reasons(matched.report) == []


def test_junit_shows_a_suppressed_finding_as_skipped_with_the_justification() -> None:
    report, ctx = decisions_context(gate=Gate())
    root = ET.fromstring(render(Format.JUNIT, report, context=ctx))
    case = root.find(".//testcase[@name='1:17 EN_A_VS_AN']")
    assert case is not None and case.find("failure") is None
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith(
        f"major, suppressed by an editor ({REJECTION}): Use “an”")
    # UNTRANSLATED (critical) and MORFOLOGIK (major, accepted but not applied) still fail.
    assert [f.get("type") for f in root.iter("failure")] == ["UNTRANSLATED",
                                                             "MORFOLOGIK_RULE_EN_US"]
    assert root.get("failures") == "2" and root.get("tests") == "9"  # 7 findings, 1 ok, 1 error
    accepted = root.find(".//testcase[@name='4:14 MORFOLOGIK_RULE_EN_US']/failure")
    assert accepted is not None and "not applied yet" in accepted.get("message", "")


# SARIF and JSON: the dismissal as GitHub code scanning reads it


def sarif_results() -> list[dict]:  # type: ignore[type-arg]
    report, ctx = decisions_context()
    return json.loads(render(Format.SARIF, report, context=ctx))["runs"][0]["results"]


def test_sarif_marks_the_rejected_result_as_externally_suppressed() -> None:
    results = sarif_results()
    assert len(results) == len(fixture_report().findings)  # the suppressed one is still there
    assert all("suppressions" in r for r in results)  # SARIF: all results or none
    (suppressed,) = [r for r in results if r["suppressions"]]
    assert suppressed["ruleId"] == "EN_A_VS_AN"
    assert suppressed["suppressions"] == [{
        "kind": "external",
        "status": "accepted",
        "justification": REJECTION,
        "location": {"physicalLocation": {"artifactLocation": {"uri": REVIEW_FILE}}},
        "properties": {"by": "ann", "at": "2026-11-28T14:07:57Z"},
    }]
    spelling = next(r for r in results if r["ruleId"] == "MORFOLOGIK_RULE_EN_US")
    assert spelling["message"]["text"].endswith("not applied yet (reports/guide.review.json)]")
    assert [r["locations"][0]["physicalLocation"]["region"]["charOffset"] for r in results] == [
        16, 29, 36, 58, 71, 99, 106]  # document order, the suppressed one in its place


def test_without_review_files_sarif_has_no_suppressions() -> None:
    log = json.loads(render(Format.SARIF, fixture_report()))
    assert not any("suppressions" in r for r in log["runs"][0]["results"])


def test_json_lists_suppressed_findings_apart_with_decision_and_suppression() -> None:
    report, ctx = decisions_context()
    data = json.loads(render(Format.JSON, report, context=ctx))
    assert data["review_files"] == [REVIEW_FILE]
    assert data["summary"]["findings"] == 6
    assert (data["summary"]["suppressed"], data["summary"]["accepted_not_applied"]) == (1, 2)
    (suppressed,) = data["suppressed"]
    assert suppressed["rule_id"] == "EN_A_VS_AN"
    assert suppressed["suppression"] == {"kind": "external", "status": "accepted",
                                         "justification": REJECTION}
    assert suppressed["decision"]["status"] == "rejected"
    assert suppressed["decision"]["by"] == "ann"
    decided = {f["rule_id"]: f["decision"] for f in data["findings"] if "decision" in f}
    assert decided == {
        "COMMA_PERIOD_CONFUSION": {"status": "edited", "replacement": "3.5", "by": "ann",
                                   "at": "2026-11-28T14:09:00Z", "comment": "",
                                   "review_file": REVIEW_FILE},
        "MORFOLOGIK_RULE_EN_US": {"status": "accepted", "replacement": "the", "by": "ben",
                                  "at": "2026-11-28T14:08:30Z", "comment": "",
                                  "review_file": REVIEW_FILE},
    }


# The summary line


def test_the_text_summary_line_counts_suppressed_and_unapplied_findings() -> None:
    report, ctx = decisions_context()
    last = render(Format.TEXT, report, context=ctx).splitlines()[-1]
    assert last == ("6 findings in 3 documents (1 critical, 1 major, 2 minor, 2 info); "
                    "1 suppressed (rejected by an editor), 2 accepted but not applied; "
                    "1 block(s) could not be checked")


def test_the_github_step_summary_counts_and_lists_suppressed_findings() -> None:
    report, ctx = decisions_context()
    summary = github.summary(report, ctx)
    assert (f"Editors' decisions (`{REVIEW_FILE}`): 1 finding(s) suppressed (rejected by an "
            "editor, not counted), 2 accepted but not applied.") in summary
    assert f"- docs/guide.en.txt:1 EN_A_VS_AN “a”: {REJECTION}" in summary
    annotations = github.render(report, ctx)
    assert "EN_A_VS_AN" not in annotations  # dismissed: no annotation


# One fingerprint per finding, in every format


def fingerprints(report: Report) -> dict[Format, list[str]]:
    """The id each format gives each finding of `report`, in each format's order."""
    ctx = RenderContext(sources=fixture_sources())
    return ids_by_format({fmt: render(fmt, report, context=ctx) for fmt in Format})


def test_every_format_carries_the_same_fingerprint_for_each_finding() -> None:
    report = fixture_report()
    ids = [f.id for f in report.findings]
    got = fingerprints(report)
    assert got[Format.JSON] == got[Format.SARIF] == got[Format.RDJSONL] == ids
    assert got[Format.JUNIT] == ids  # one suite per document, in report order here
    assert sorted(got[Format.GITHUB]) == sorted(ids)  # ranked by severity
    # GitLab's must be unique in a project, so it hashes the path with the id.
    assert got[Format.GITLAB] == [stable_fingerprint(f.path, f.id) for f in report.findings]


def test_fingerprints_do_not_move_with_the_finding() -> None:
    report = fixture_report()
    moved = replace(report, findings=tuple(
        replace(f, line=f.line + 7, end_line=f.end_line + 7, start=f.start + 300,
                end=f.end + 300, column=f.column + 2, end_column=f.end_column + 2)
        for f in report.findings))
    before, after = fingerprints(report), fingerprints(moved)
    for fmt in before:
        assert after[fmt] == before[fmt], fmt


# Loading: untrusted review files, folders, the command line


def test_a_folder_names_its_review_files(tmp_path: Path) -> None:
    (tmp_path / "a.review.json").write_text(dumps(decided_review()), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert review_paths([str(tmp_path)]) == [str(tmp_path / "a.review.json")]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReviewFileError, match=r"no \*\.review\.json files"):
        review_paths([str(empty)])


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (None, "no such file"),
        ("{\"schema_version\": 2, \"document\": ", "corrupt or truncated JSON"),
        ("[1, 2]", "expected a JSON object"),
        ("{\"tool\": \"reviewer\"}", "not a review file (no schema_version)"),
        ("{\"schema_version\": 2, \"document\": {\"path\": 3, \"sha256\": \"\"}, "
         "\"suggestions\": []}", "Expected `str`, got `int` - at `$.document.path`"),
    ],
)
def test_a_bad_review_file_stops_the_check_with_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, cause: str
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("He go to school.\n", encoding="utf-8")
    bad = tmp_path / "bad.review.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    # Refused before any document is checked: this test starts no LanguageTool.
    code = main(["check", str(doc), "--review-file", str(bad)])
    out, err = capsys.readouterr()
    assert code == ExitCode.USAGE
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"reviewer: review file {bad}: ")
    assert cause in err


def test_a_review_file_with_a_span_outside_its_sentence_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = decided_review()
    first = review.suggestions[0]
    broken = replace(first, finding=replace(first.finding, start=900, end=901))
    bad = tmp_path / "bad.review.json"
    bad.write_text(dumps(ReviewFile(review.document_path, "", (broken,))), encoding="utf-8")
    assert main(["check", str(tmp_path / "x.txt"), "--review-file", str(bad)]) == 2
    assert "the span is outside its sentence" in capsys.readouterr().err


def test_a_rejection_follows_its_words_into_a_rewritten_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    reviewed, now = "He go to school.\n", "Every day he go to school.\n"
    (old,) = suggestions(reviewed, [(3, 5, ("goes",))])
    review = ReviewFile("doc.txt", _sha(reviewed), (old,), document_text=reviewed).decide(
        [Decision(id=old.id, status=Status.REJECTED, comment="dialect")], "decide")
    (tmp_path / "doc.txt").write_text(now, encoding="utf-8")
    (new,) = suggestions(now, [(13, 15, ("goes",))])
    report = Report(documents=(DocumentInfo("doc.txt", _sha(now), len(now), 5, 1),),
                    findings=(new.finding,))
    assert new.id != old.id  # the sentence around it changed

    matched = match(report, [("r.json", review)])
    without_text = match(report, [("r.json", replace(review, document_text=""))])

    assert [f.id for f in matched.suppressed] == [new.id]
    assert matched.decisions[("doc.txt", new.id)].justification() == "dialect"
    assert without_text.suppressed == ()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
