"""Edits keep a translation's placeholders (issue 20, item 17), as pofilter's printf check.

An editor's edit (`decide --edit`, an imported decision, the serve page) to a
bilingual unit may not add a `%s` to a python-format string nor drop one: the
program would crash or print the wrong value. The decision is refused (exit 2,
nothing recorded), and `apply` refuses such an edit in a review file all the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.store import load
from reviewer.review.suggest import Decision, Status
from reviewer.serve.decisions import Request, take
from testkit.review_factory import suggestions

PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
      '#, python-format\nmsgid "%s files deleted"\nmsgstr "%s files was deleted"\n')
WAS = PO.index("was")
UNIT = "%s files deleted"


def po_review(tmp_path: Path, start: int, end: int, edited: str | None = None) -> Path:
    """doc.po and its review file: one suggestion on PO[start:end] of the unit, maybe edited."""
    (tmp_path / "doc.po").write_text(PO, encoding="utf-8")
    (s,) = suggestions(PO, [(start, end, ("were",))])
    s = replace(s, finding=replace(s.finding, path="doc.po", unit=UNIT))
    if edited is not None:
        s = replace(s, status=Status.EDITED, edited_text=edited)
    review = ReviewFile("doc.po", hashlib.sha256(PO.encode()).hexdigest(), (s,))
    path = tmp_path / "doc.review.json"
    path.write_text(dumps(review), encoding="utf-8")
    return path


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(("start", "edit", "cause"), [
    (WAS, "were %s", "adds the placeholder '%s'"),
    (WAS, "were %(count)d", "adds the placeholder '%(count)d'"),
    (WAS - 9, "files were", "drops the placeholder '%s'"),  # a span over `%s files was`
])
def test_decide_refuses_an_edit_that_changes_the_placeholders(
    work: Path, capsys: pytest.CaptureFixture[str], start: int, edit: str, cause: str
) -> None:
    path = po_review(work, start, WAS + 3)
    before = path.read_bytes()
    sid = load(path).suggestions[0].id

    assert main(["decide", "doc.review.json", sid, "--edit", edit]) == 2

    err = one_line(capsys)
    assert f"edited text {cause} (a translation keeps its placeholders)" in err, err
    assert path.read_bytes() == before


def test_decide_takes_an_edit_that_keeps_them(work: Path) -> None:
    path = po_review(work, WAS, WAS + 3)
    sid = load(path).suggestions[0].id
    assert main(["decide", "doc.review.json", sid, "--edit", "were"]) == 0
    assert load(path).suggestions[0].edited_text == "were"


def test_an_imported_edit_that_adds_a_placeholder_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = po_review(work, WAS, WAS + 3)
    before = path.read_bytes()
    review = load(path)
    (work / "d.json").write_text(json.dumps({
        "schema_version": 1, "document_sha256": review.document_sha256,
        "decisions": [{"id": review.suggestions[0].id, "status": "edited",
                       "edited_text": "were %d"}]}), encoding="utf-8")

    assert main(["decide", "doc.review.json", "--import", "d.json"]) == 2

    assert "adds the placeholder '%d'" in one_line(capsys)
    assert path.read_bytes() == before


def test_apply_refuses_an_edit_in_the_file_that_adds_a_placeholder(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po_review(work, WAS, WAS + 3, edited="were %s")  # written by hand, or an older reviewer

    assert main(["apply", "doc.review.json", "--no-recheck"]) == 1

    out = capsys.readouterr().out
    assert "would change the unit's placeholders: adds the placeholder '%s'" in out, out
    assert (work / "doc.corrected.po").read_text(encoding="utf-8") == PO


def test_apply_writes_an_edit_that_keeps_them(work: Path) -> None:
    po_review(work, WAS, WAS + 3, edited="were")
    assert main(["apply", "doc.review.json", "--no-recheck"]) == 0
    assert (work / "doc.corrected.po").read_text(encoding="utf-8") == PO.replace("was", "were")


def test_an_edit_from_the_serve_page_that_adds_a_placeholder_records_nothing(
    work: Path
) -> None:
    path = po_review(work, WAS, WAS + 3)
    before = path.read_bytes()
    sid = load(path).suggestions[0].id
    edit = Decision(id=sid, status=Status.EDITED, edited_text="were %s", by="ann")

    with pytest.raises(ValueError, match="adds the placeholder '%s'"):
        take(path, [Request(edit, 0)])

    assert path.read_bytes() == before
