"""`reviewer review` writes the HTML report next to the review file (real server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.html.write import report_path

RunCli = Any


def test_report_path_sits_next_to_the_review_file() -> None:
    assert report_path("reports/seed.review.json") == Path("reports/seed.html")
    assert report_path("out/x.json") == Path("out/x.json.html")


def test_review_writes_the_report(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "letter.txt"
    doc.write_text("He go to school.\n", "utf-8")
    code, out, err = run_cli("review", str(doc), "-o", str(tmp_path / "r" / "letter.review.json"))
    assert code == 0, err
    html = (tmp_path / "r" / "letter.html").read_text("utf-8")
    assert out.splitlines()[-1] == f"{tmp_path / 'r' / 'letter.html'}: HTML report"
    assert html.count('<mark class="m sev-') == html.count('"rule":')
    assert "HE_VERB_AGR" in html


def test_unwritable_report_is_one_line_and_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "letter.txt"
    doc.write_text("He go to school.\n", "utf-8")
    (tmp_path / "letter.html").mkdir()  # where the report would go
    review_file = tmp_path / "letter.review.json"
    code, _, err = run_cli("review", str(doc), "-o", str(review_file))
    assert code == 2
    assert err.count("\n") == 1 and "HTML report not written" in err
    assert f"{tmp_path / 'letter.html'}: Is a directory" in err
    assert review_file.exists()  # the decisions' file is kept
