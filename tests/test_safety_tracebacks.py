"""No tracebacks (issue 13): every bad input is one line on stderr and a documented exit code.

Exit 2 is a usage or input error; 1 means only "the gate failed" (or a decision or
apply left work undone), so a crash must never come out as 1.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.store import load
from reviewer.review.suggest import Status
from reviewer.review.validation import MAX_COMMENT
from testkit.review_factory import suggestions

ROOT = Path(__file__).resolve().parent.parent
TEXT = "He go home. She go too.\n"


@pytest.fixture
def review_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A review of doc.txt (two pending suggestions), in the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    review = ReviewFile("doc.txt", hashlib.sha256(TEXT.encode()).hexdigest(),
                        suggestions(TEXT, [(3, 5, ("goes", "went")), (16, 18, ("goes",))]))
    path = tmp_path / "doc.review.json"
    path.write_text(dumps(review), encoding="utf-8")
    return path


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# Hand-edited review files: refused on load with the field's path, exit 2, file untouched


@pytest.mark.parametrize(("edit", "cause"), [
    (lambda d: d["suggestions"][0]["finding"].update(start="x"),
     "Expected `int`, got `str` - at `$.suggestions[0].finding.start`"),
    (lambda d: d["suggestions"][0].update(status="accepted", choice=99),
     "choice 99 is not one of its 2 alternatives - at `$.suggestions[0]`"),
    (lambda d: d["suggestions"][0]["finding"].update(start=4),
     "the finding's text is not as long as its span - at `$.suggestions[0]`"),
    (lambda d: d["suggestions"][0]["finding"]["replacements"].__setitem__(0, "goes\u0000"),
     "alternative 0: its text contains a NUL character - at `$.suggestions[0]`"),
    (lambda d: d["suggestions"][1]["finding"].update(id=d["suggestions"][0]["id"]),
     "is given twice - at `$.suggestions[1].finding.id`"),
    (lambda d: d["suggestions"][0].update(status="edited", edited_text="a\u0000b"),
     "'edited_text' contains a NUL character - at `$.suggestions[0]`"),
    (lambda d: d["history"].append({"at": "", "id": "x", "action": "decide",
                                    "status": "accepted", "choice": -1}),
     "choice -1 is negative - at `$.history[0]`"),
    (lambda d: d["history"].append({"at": "", "id": "x", "action": "decide", "status": "nope"}),
     "Invalid enum value 'nope' - at `$.history[0].status`"),
])
def test_a_hand_edited_review_file_is_refused_with_the_field_path(
    review_file: Path, capsys: pytest.CaptureFixture[str], edit, cause: str  # type: ignore[no-untyped-def]
) -> None:
    data = json.loads(review_file.read_text(encoding="utf-8"))
    edit(data)
    review_file.write_text(json.dumps(data), encoding="utf-8")
    before = review_file.read_bytes()
    sid = data["suggestions"][1]["id"]
    for argv in (["list", "doc.review.json"], ["apply", "doc.review.json", "--no-recheck"],
                 ["decide", "doc.review.json", sid, "--reject"]):
        assert main(argv) == 2, argv
        err = one_line(capsys)
        assert "doc.review.json: invalid review file" in err and cause in err, err
    assert review_file.read_bytes() == before
    assert not (review_file.parent / "doc.corrected.txt").exists()


# Decisions imports


def write_import(path: Path, decisions: object, sha: str | None = None,
                 raw: str | None = None) -> str:
    body = raw if raw is not None else json.dumps({
        "schema_version": 1, "document_sha256": sha or load("doc.review.json").document_sha256,
        "decisions": decisions})
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("raw", "cause"), [
    ('{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"schema_version": ' + "9" * 5000 + "}", "Integer value out of range"),
    ('{"schema_version": 1, "document_sha256": "", "decisions": [{"id": "a\\ud800"}]}',
     "corrupt or truncated JSON"),
])
def test_a_malicious_decisions_file_is_one_line(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: str, cause: str
) -> None:
    before = review_file.read_bytes()
    assert main(["decide", "doc.review.json", "--import",
                 write_import(tmp_path / "d.json", None, raw=raw)]) == 2
    assert cause in one_line(capsys)
    assert review_file.read_bytes() == before


@pytest.mark.parametrize(("decision", "cause"), [
    ({"status": "edited", "edited_text": "goes\u0000"}, "edited text contains a NUL character"),
    ({"status": "edited", "edited_text": "goes\ud800"},
     "edited text contains a lone surrogate"),
    ({"status": "rejected", "comment": "x" * (MAX_COMMENT + 1)},
     f"comment is {MAX_COMMENT + 1:,} characters long (at most {MAX_COMMENT:,})"),
])
def test_imported_decisions_that_would_break_the_file_are_refused(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    decision: dict[str, object], cause: str
) -> None:
    sid = load(review_file).suggestions[0].id
    before = review_file.read_bytes()
    # json.dumps writes a lone surrogate as the escape \ud800; msgspec refuses that as JSON,
    # so the surrogate is written raw through surrogatepass to reach the validation
    path = tmp_path / "d.json"
    body = json.dumps({"schema_version": 1, "document_sha256": load(review_file).document_sha256,
                       "decisions": [{"id": sid, **decision}]}, ensure_ascii=False)
    path.write_bytes(body.encode("utf-8", "surrogatepass"))
    assert main(["decide", "doc.review.json", "--import", str(path)]) == 2
    err = one_line(capsys)
    assert cause in err or "invalid UTF-8" in err, err
    assert review_file.read_bytes() == before


def test_a_50_mb_comment_is_refused_not_stored_twice(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = load(review_file).suggestions[0].id
    path = write_import(tmp_path / "d.json", [{"id": sid, "status": "rejected",
                                               "comment": "x" * 50_000_000}])
    assert main(["decide", "doc.review.json", "--import", path]) == 2
    assert "comment is 50,000,000 characters long" in one_line(capsys)
    assert review_file.stat().st_size < 20_000


def test_three_decisions_on_one_id_are_one_decision(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = load(review_file).suggestions[0].id
    path = write_import(tmp_path / "d.json", [
        {"id": sid, "status": "accepted"}, {"id": sid, "status": "rejected"},
        {"id": sid, "status": "edited", "edited_text": "goes"}])
    assert main(["decide", "doc.review.json", "--import", path]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [f"{sid} edited -> 'goes'",
                                "doc.review.json: 1 decision(s) recorded"]
    assert [h.status for h in load(review_file).history] == [Status.EDITED]


# The command line


def test_an_edit_or_name_that_is_not_valid_text_is_refused(
    review_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = load(review_file).suggestions[0].id
    before = review_file.read_bytes()
    # invalid bytes on the command line reach Python as lone surrogates (surrogateescape)
    assert main(["decide", "doc.review.json", sid, "--edit", "goes\udcff"]) == 2
    assert "edited text contains a lone surrogate" in one_line(capsys)
    assert main(["decide", "doc.review.json", sid, "--reject", "--by", "\udcffann"]) == 2
    assert "by contains a lone surrogate" in one_line(capsys)
    assert review_file.read_bytes() == before


def test_a_short_prefix_is_too_short_not_missing(
    review_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = load(review_file).suggestions[0].id
    assert main(["decide", "doc.review.json", sid[:3], "--reject"]) == 2
    assert f"id {sid[:3]!r} is too short: give at least 4 characters" in one_line(capsys)
    assert main(["decide", "doc.review.json", sid[:4], "--reject"]) == 0


def test_a_bad_option_after_a_command_prints_that_commands_usage(
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--bogus", "doc.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: reviewer check ")
    assert "reviewer check: error: unrecognized arguments: --bogus" in err
    assert main(["baseline", "create", "doc.txt", "--bogus"]) == 2
    assert capsys.readouterr().err.startswith("usage: reviewer baseline create ")


def test_a_file_name_that_is_not_utf8_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = str(tmp_path / "\udcff.txt")  # the bytes b"\xff.txt"
    Path(name).write_text(TEXT, encoding="utf-8")
    assert main(["review", name]) == 2
    assert "the file name is not valid UTF-8" in one_line(capsys)


@pytest.mark.parametrize(("finding", "cause"), [
    ({"path": 5}, "Expected `str`, got `int` - at `$.findings[0].path`"),
    ({"path": None}, "Expected `str`, got `null` - at `$.findings[0].path`"),
    ({"id": ["a"]}, "Expected `str`, got `array` - at `$.findings[0].id`"),
])
def test_a_baseline_with_wrong_types_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], finding: dict[str, object], cause: str
) -> None:
    base = tmp_path / "b.json"
    base.write_text(json.dumps({"kind": "reviewer-baseline", "schema_version": 1,
                                "findings": [finding]}), encoding="utf-8")
    # the baseline is read before any document is checked: no LanguageTool needed
    assert main(["check", str(tmp_path / "doc.txt"), "--baseline", str(base)]) == 2
    assert cause in one_line(capsys)


@pytest.mark.parametrize(("pyproject", "code", "cause"), [
    ("[tool]\nreviewer = 5\n", 2, "[tool.reviewer] must be a table, got integer 5"),
    ("tool = 5\n", 0, ""),  # not ours: ignored
])
def test_a_pyproject_with_a_strange_tool_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    pyproject: str, code: int, cause: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["config", "show"]) == code
    if cause:
        assert cause in one_line(capsys)


# UTF-16 and UTF-32 documents with a BOM: read, and written back in their encoding


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_document_is_corrected_in_its_own_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    monkeypatch.chdir(tmp_path)
    raw = ("\ufeff" if encoding.endswith("be") else "") + TEXT.replace("\n", "\r\n")
    data = raw.encode(encoding)
    (tmp_path / "doc.txt").write_bytes(data)
    text = TEXT.replace("\n", "\r\n")
    (s,) = suggestions(text, [(3, 5, ("goes",))])
    review = ReviewFile("doc.txt", hashlib.sha256(data).hexdigest(),
                        (replace(s, status=Status.ACCEPTED, choice=0),))
    (tmp_path / "r.json").write_text(dumps(review), encoding="utf-8")

    assert main(["apply", "r.json", "--in-place", "--no-recheck"]) == 0

    assert (tmp_path / "doc.txt").read_bytes() == raw.replace("He go", "He goes").encode(encoding)


# Against the real server


def test_review_output_in_a_missing_folder_is_one_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    code, _, err = run_cli("review", str(doc), "-o", "/proc/nope/x.review.json")
    assert code == 2 and err.count("\n") == 1
    assert err == "reviewer: /proc/nope/x.review.json: cannot write: No such file or directory\n"


def test_an_unknown_mother_tongue_is_a_usage_error(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    code, out, err = run_cli("check", "--mother-tongue", "zz", str(doc))
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert "unknown mother tongue 'zz'" in err


def test_an_unknown_rule_is_warned_about_with_close_matches(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    code, _, err = run_cli("check", str(doc), "--enable", "EN_A_VS_AM,HE_VERB_AGR",
                           "--disable-category", "GRAMAR")
    assert code == 1
    assert ("reviewer: warning: no rule 'EN_A_VS_AM' in LanguageTool or reviewer "
            "(did you mean EN_A_VS_AN") in err
    assert "no category 'GRAMAR' in LanguageTool or reviewer (did you mean GRAMMAR?)" in err
    assert "HE_VERB_AGR" not in err


def test_a_utf16_document_says_its_encoding_in_json(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_bytes(TEXT.encode("utf-16"))
    code, out, err = run_cli("check", str(doc), "-f", "json")
    report = json.loads(out)
    assert code == 1, err
    assert report["documents"][0]["encoding"] == "utf-16-le"
    assert {f["text"] for f in report["findings"]} >= {"go"}


class ClosedAfterFirstLine(io.StringIO):
    """stdout of `reviewer review doc.txt | head -1`: the reader leaves after one line."""

    def write(self, text: str) -> int:
        if "\n" in self.getvalue():
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def test_review_into_a_closed_pipe_does_not_say_the_report_was_not_written(
    lt_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    out = ClosedAfterFirstLine()
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(BrokenPipeError):  # handled once, by reviewer.cli.entry
        main(["review", "doc.txt", "--server", lt_url])
    assert out.getvalue().startswith("reports/doc.review.json: ")
    assert "not written" not in capsys.readouterr().err
    assert (tmp_path / "reports" / "doc.html").exists()
