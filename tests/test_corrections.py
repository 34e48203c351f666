"""Corrections never damage a file: exact edits, safety tiers, regressions (issue 13).

Each test is an example an editor met: the text, what `list` shows, the decision,
and the corrected file `apply` writes (or refuses to write).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.inputs.applying import apply_in_format
from reviewer.inputs.registry import load as load_input
from reviewer.review.recheck import compare
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.store import load
from reviewer.review.suggest import Decision, Status
from reviewer.rules.safety import Safety
from reviewer.text.document import parse_document
from testkit.review_factory import finding, suggestions

Run = Any


def review_file(tmp_path: Path, text: str, spans: list[tuple[int, int, tuple[str, ...]]],
                rule: str) -> Path:
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    import hashlib

    review = ReviewFile(str(doc), hashlib.sha256(text.encode()).hexdigest(),
                        suggestions(text, spans, rule))
    path = tmp_path / "doc.review.json"
    path.write_text(dumps(review), encoding="utf-8")
    return path


def test_list_shows_exactly_the_span_and_an_edit_of_it_replaces_only_the_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Seminar in Almaty (25-27March 2007).\n"
    start = text.index("7March")
    path = review_file(tmp_path, text, [(start, start + 6, ("7 March",))], "TQA_MISSING_SPACE")
    assert main(["list", str(path), "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "(25-27{+ +}March 2007)." in out  # inside the span, word by word
    sid = load(path).suggestions[0].id
    assert main(["decide", str(path), sid, "--edit", "7 March"]) == 0
    assert main(["list", str(path), "--color", "never"]) == 0
    assert "(25-27{+ +}March 2007)." in capsys.readouterr().out
    assert main(["apply", str(path), "--no-recheck", "-o", str(tmp_path / "out.txt")]) == 0
    assert (tmp_path / "out.txt").read_text() == "Seminar in Almaty (25-27 March 2007).\n"


def test_list_reads_the_sentence_from_the_document_and_only_from_the_one_reviewed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Seminar in Almaty (25-27March 2007).\n"
    start = text.index("7March")
    path = review_file(tmp_path, text, [(start, start + 6, ("7 March",))], "TQA_MISSING_SPACE")
    assert "7March" not in path.read_text("utf-8").replace('"7March"', "")  # no sentence kept
    (tmp_path / "doc.txt").write_text("Seminar in Astana (25-27March 2007).\n", "utf-8")
    assert main(["list", str(path), "--color", "never"]) == 0
    out, err = capsys.readouterr()
    assert "    7{+ +}March\n" in out  # the span alone: the text moved on
    assert "is not the text reviewed" in err


def test_accept_safe_takes_only_safe_fixes_and_apply_safe_only_writes_only_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "It is a opportunity and he go home.\n"
    a, go = text.index(" a ") + 1, text.index(" go ") + 1
    path = review_file(tmp_path, text, [(a, a + 1, ("an",))], "EN_A_VS_AN")
    review = load(path)
    mixed = review.suggestions + suggestions(text, [(go, go + 2, ("goes",))], "HE_VERB_AGR")
    path.write_text(dumps(ReviewFile(review.document_path, review.document_sha256, mixed)))
    assert [s.safety for s in load(path).suggestions] == [Safety.SAFE, Safety.UNSAFE]
    assert main(["decide", str(path), "--accept-safe"]) == 0
    assert [s.status.value for s in load(path).suggestions] == ["accepted", "pending"]
    assert main(["decide", str(path), "--accept-all"]) == 0
    out = tmp_path / "out.txt"
    assert main(["apply", str(path), "--no-recheck", "--safe-only", "-o", str(out)]) == 0
    assert out.read_text() == "It is an opportunity and he go home.\n"
    assert main(["apply", str(path), "--no-recheck", "-o", str(out)]) == 0
    assert out.read_text() == "It is an opportunity and he goes home.\n"


@pytest.mark.server
def test_fixes_that_make_a_new_error_are_regressed_and_not_written(
    run_cli: Run, tmp_path: Path
) -> None:
    doc = tmp_path / "this.txt"
    doc.write_text("This are wrong.\n", encoding="utf-8")
    path = tmp_path / "this.review.json"
    assert run_cli("review", str(doc), "-o", str(path), "--no-config")[0] == 0
    assert run_cli("decide", str(path), "--accept-all")[0] == 0
    out = tmp_path / "out.txt"
    code, stdout, err = run_cli("apply", str(path), "-o", str(out))
    assert code == 1
    assert "regressed" in stdout and "THIS_NNS" in stdout and "'These'" in stdout
    assert "not written" in err and not out.exists()
    code, stdout, _ = run_cli("apply", str(path), "-o", str(out), "--allow-regressions")
    assert code == 1 and out.read_text() == "These is wrong.\n"


def test_a_regression_in_a_table_cell_is_blamed_on_the_fix_in_that_cell() -> None:
    """Issue 20: sentences found in the raw HTML ran across elements, from the a->an fix in
    the paragraph to the cell, so the new THIS_NNS was blamed on a->an."""
    page = ("<html><body>\n<p>It is a apple.</p>\n<h2>Prices</h2>\n"
            "<table><tr><td>This are cheap</td></tr></table>\n</body></html>\n")
    fixes = [("a apple", 3, 4, "an", "EN_A_VS_AN"), ("This are", 0, 4, "These", "THIS_FIX"),
             ("This are", 5, 8, "is", "ARE_FIX")]
    made = []
    for where, s, e, rep, rule in fixes:
        at = page.index(where)
        made += [x.decided(Decision(id=x.id, status=Status.ACCEPTED, choice=0))
                 for x in suggestions(page, [(at + s, at + e, (rep,))], rule)]
    original = load_input(parse_document("doc.html", page.encode()))
    outcome, data, refused = apply_in_format(original, made)
    corrected = load_input(parse_document("doc.html", data))
    assert "<td>These is cheap</td>" in corrected.text and not refused
    these = corrected.text.index("These is")
    new = replace(finding(corrected.text, these, these + 5, "THIS_NNS"), id="n1")
    checked = compare(outcome.applied, made, original, corrected, [new])
    assert [(a.suggestion.finding.rule_id, f.rule_id) for a, f in checked.regressed] == [
        ("THIS_FIX", "THIS_NNS")]
