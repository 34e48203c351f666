"""Editors' decisions reach CI, with the real server: review, decide, check --review-file.

The seed is reviewed, an editor rejects every major finding with a comment and accepts
one minor fix without applying it; `reviewer check --review-file` must then pass the
gate, show the rejections as dismissed in SARIF, and keep every finding's fingerprint,
in every format, after an edit elsewhere in the document.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewer.formats import Format
from reviewer.review.store import load
from reviewer.review.suggest import Status
from reviewer.text.sentences import paragraphs
from tests.conftest import SEED
from tests.formats_fixture import ids_by_format

COMMENT = "House style: British spelling, names and Russian-English calques stay."
FILES = {Format.SARIF: "r.sarif", Format.JSON: "r.json", Format.JUNIT: "r.xml",
         Format.GITLAB: "r.gitlab.json", Format.RDJSONL: "r.rdjsonl",
         Format.GITHUB: "r.github.txt"}


@dataclass
class Decided:
    doc: Path
    review: Path
    rejected: int
    accepted_id: str


@pytest.fixture
def decided(run_cli, tmp_path: Path) -> Decided:  # type: ignore[no-untyped-def]
    """The seed reviewed; every major suggestion rejected with COMMENT, one minor accepted."""
    doc = tmp_path / "statement.txt"
    doc.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    review = tmp_path / "reports" / "statement.review.json"
    code, out, err = run_cli("review", str(doc), "-o", str(review))
    assert code == 0, err
    code, out, err = run_cli("decide", str(review), "--reject-all", "--severity",
                             "critical,major", "--comment", COMMENT, "--by", "ann")
    assert code == 0, err
    minor = next(s for s in load(review).suggestions
                 if s.finding.severity.value == "minor" and s.alternatives)
    code, out, err = run_cli("decide", str(review), minor.id, "--accept", "--by", "ben")
    assert code == 0, err
    rejected = sum(s.status is Status.REJECTED for s in load(review).suggestions)
    assert rejected > 10
    return Decided(doc, review, rejected, minor.id)


def check(run_cli, tmp_path: Path, *argv: str) -> tuple[int, str, str, dict[Format, str]]:  # type: ignore[no-untyped-def]
    """`reviewer check` writing every format but text to files; text goes to stdout."""
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    outputs = [a for fmt, name in FILES.items() for a in ("-o", f"{fmt}={out_dir / name}")]
    code, out, err = run_cli("check", *argv, *outputs)
    written = {fmt: (out_dir / name).read_text(encoding="utf-8") for fmt, name in FILES.items()}
    return code, out, err, written


def test_rejected_findings_pass_the_gate_and_show_as_dismissed(  # type: ignore[no-untyped-def]
    run_cli, decided: Decided, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err, _ = check(run_cli, tmp_path, str(decided.doc))
    assert code == 1  # without the editors' decisions the majors fail the check

    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err, files = check(run_cli, tmp_path, str(decided.doc),
                                  "--review-file", str(decided.review))
    assert code == 0, err
    n = len(json.loads(files[Format.JSON])["findings"])
    assert out.splitlines()[-1].startswith(f"{n} findings in 1 document")
    assert out.splitlines()[-1].endswith(
        f"; {decided.rejected} suppressed (rejected by an editor), 1 accepted but not applied")
    assert f"{decided.rejected} finding(s) suppressed" in err

    results = json.loads(files[Format.SARIF])["runs"][0]["results"]
    dismissed = [r for r in results if r["suppressions"]]
    assert len(dismissed) == decided.rejected
    assert {r["level"] for r in dismissed} == {"error"}
    assert {(s["kind"], s["status"], s["justification"])
            for r in dismissed for s in r["suppressions"]} == {("external", "accepted", COMMENT)}
    accepted = next(r for r in results if r["partialFingerprints"]["reviewer/v1"]
                    == decided.accepted_id)
    assert "editor accepted" in accepted["message"]["text"]
    assert "by ben, not applied yet" in accepted["message"]["text"]

    data = json.loads(files[Format.JSON])
    assert data["summary"]["suppressed"] == decided.rejected
    assert data["summary"]["accepted_not_applied"] == 1
    assert {f["severity"] for f in data["suppressed"]} == {"major"}
    assert not any(f["severity"] == "major" for f in data["findings"])

    junit = ET.fromstring(files[Format.JUNIT])
    assert junit.get("failures") == "0"
    assert len(junit.findall(".//skipped[@message]")) == int(junit.get("tests", "0"))
    assert sum("suppressed by an editor" in s.get("message", "")
               for s in junit.iter("skipped")) == decided.rejected
    assert "::error " not in files[Format.GITHUB]  # the rejected majors are not annotated
    assert f"{decided.rejected} finding(s) suppressed" in summary.read_text(encoding="utf-8")


def test_review_files_in_the_configuration_work_like_the_option(  # type: ignore[no-untyped-def]
    run_cli, decided: Decided, tmp_path: Path
) -> None:
    config = tmp_path / "reviewer.toml"
    config.write_text(f"review_files = [{json.dumps(str(decided.review.parent))}]\n",
                      encoding="utf-8")
    code, out, err, files = check(run_cli, tmp_path, str(decided.doc), "--config", str(config))
    assert code == 0, err
    assert json.loads(files[Format.JSON])["summary"]["suppressed"] == decided.rejected


def test_decisions_and_fingerprints_survive_an_edit_elsewhere(  # type: ignore[no-untyped-def]
    run_cli, decided: Decided, tmp_path: Path
) -> None:
    args = (str(decided.doc), "--review-file", str(decided.review))
    code, out, err, before = check(run_cli, tmp_path, *args)
    assert code == 0, err
    text = decided.doc.read_text(encoding="utf-8")
    paras = [text[s:e] for s, e in paragraphs(text)]
    paras.reverse()  # every finding moves to another line
    paras.insert(0, "This paragraph was added later. He go to school every day.")
    decided.doc.write_text("\n\n".join(paras) + "\n", encoding="utf-8")

    code, out, err, after = check(run_cli, tmp_path, *args)
    assert code == 1  # the new error, and only it, fails the check
    assert "check failed: 1 finding(s) at or above major" in err
    new = [f for f in json.loads(after[Format.JSON])["findings"] if f["text"] == "go"]
    assert len(new) == 1 and new[0]["line"] == 1
    assert json.loads(after[Format.JSON])["summary"]["suppressed"] == decided.rejected

    ids_before, ids_after = ids_by_format(before), ids_by_format(after)
    assert set(ids_before) == set(FILES)
    for fmt in FILES:
        old, now = set(ids_before[fmt]), set(ids_after[fmt])
        assert old < now and len(now - old) == 1, fmt  # every old id kept, one new
    assert set(ids_after[Format.JSON]) - set(ids_before[Format.JSON]) == {new[0]["id"]}


def test_a_review_file_of_another_document_changes_nothing(  # type: ignore[no-untyped-def]
    run_cli, decided: Decided, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"  # the same text, so the same fingerprints
    copy.write_text(decided.doc.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err, files = check(run_cli, tmp_path, str(copy),
                                  "--review-file", str(decided.review))
    assert code == 1
    assert (f"note: review file {decided.review} is for {decided.doc}, which this run did "
            "not check") in err
    data = json.loads(files[Format.JSON])
    assert data["summary"]["suppressed"] == 0 and data["suppressed"] == []
    assert not any("decision" in f for f in data["findings"])
