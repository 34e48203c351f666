"""`reviewer decide` without a server: bulk decisions by rule, and the lines its refusals print.

The review file is made by testkit/serve_helper.py (findings placed as a checker would).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.exitcodes import ExitCode
from reviewer.pipelines.deciding import Bulk
from reviewer.review.store import load
from reviewer.review.suggest import Status
from testkit.serve_helper import write_review


def test_a_bulk_decision_takes_the_pending_suggestions_of_the_rules_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_review(tmp_path)
    review = load(path)
    assert [s.finding.rule_id for s in review.suggestions
            if Bulk(Status.REJECTED, rules=("THEY_WAS", "EN_A_VS_AN")).takes(s)] == [
        "EN_A_VS_AN", "THEY_WAS"]
    assert main(["decide", str(path), "--reject-all", "--rule", "THEY_WAS"]) == ExitCode.OK
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{path}: 1 decision(s) recorded"
    assert [s.status for s in load(path).suggestions] == [
        Status.PENDING, Status.PENDING, Status.REJECTED]


def test_refusals_are_one_line_and_record_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_review(tmp_path)
    before = path.read_bytes()
    assert main(["decide", str(path), "--accept"]) == ExitCode.USAGE
    assert capsys.readouterr().err == "reviewer decide: name at least one suggestion id\n"
    missing = tmp_path / "none.review.json"
    assert main(["decide", str(missing), "abc", "--reject"]) == ExitCode.USAGE
    assert capsys.readouterr().err == f"reviewer: {missing}: no such review file\n"
    assert main(["import", str(missing), "edited.docx"]) == ExitCode.USAGE
    assert capsys.readouterr().err == f"reviewer: {missing}: no such review file\n"
    assert main(["import", str(path), str(tmp_path / "edited.docx")]) == ExitCode.USAGE
    assert capsys.readouterr().err.startswith(f"reviewer: {tmp_path / 'edited.docx'}: ")
    assert path.read_bytes() == before
