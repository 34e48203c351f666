"""The translationese set's span scoring: gold rows placed in lines, overlap, neutral items."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.qualitybench.cli import main
from bench.qualitybench.translationese import Spot, parse_gold, read_annotated, score_spans

TEXT = "Title\n\nIn 2019 the grain of the grain was sold on markets of Asia.\n"
GOLD = (
    "# line\ttext\toccurrence\tkind\tbetter\n"
    "# comment\n"
    "3\tthe grain\t2\tarticle\tgrain\n"
    "3\ton markets of\t1\tpreposition\tin the markets of\n"
    "3\tIn 2019\t1\tneutral\tIn 2019,\n"
)


def spot(line: int, start: int, end: int, rule: str = "R") -> Spot:
    return Spot(rule, "C", line, start, end, "", 0.5)


def test_gold_rows_are_placed_by_line_and_occurrence() -> None:
    items = parse_gold(TEXT, GOLD)
    line = TEXT.split("\n")[2]
    assert [(i.line, line[i.start:i.end], i.kind) for i in items] == [
        (3, "the grain", "article"), (3, "on markets of", "preposition"), (3, "In 2019", "neutral")]
    assert items[0].start == line.find("the grain", line.find("the grain") + 1)


def test_a_row_whose_text_is_not_in_its_line_is_named() -> None:
    with pytest.raises(ValueError, match=r"row 1: 'the rice' .* is not in line 3"):
        parse_gold(TEXT, "3\tthe rice\t1\tarticle\trice\n")


def test_recall_per_kind_and_precision_leave_neutral_findings_out() -> None:
    items = parse_gold(TEXT, GOLD)
    line = TEXT.split("\n")[2]
    second = line.find("the grain", line.find("the grain") + 1)
    found = [
        spot(3, second + 4, second + 9, "ARTICLE"),  # inside the article problem: right
        spot(3, 0, 2, "COMMA"),                      # only on the neutral item: left out
        spot(3, line.find("Asia"), line.find("Asia") + 4, "SPELL"),  # on nothing: wrong
        spot(1, 0, 5, "SPELL"),                      # same columns, other line: wrong
    ]
    s = score_spans(items, found)
    assert (s.found, s.total) == ({"article": 1}, {"article": 1, "preposition": 1})
    assert (s.right, s.wrong, s.neutral_only) == (1, 2, 1)
    assert (s.recall, s.precision) == (0.5, 1 / 3)
    assert [g.kind for g in s.misses] == ["preposition"]


def test_a_text_file_finds_its_gold_next_to_it(tmp_path: Path) -> None:
    (tmp_path / "statement.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "statement.gold.tsv").write_text(GOLD, encoding="utf-8")
    assert len(read_annotated(tmp_path / "statement.txt").gold) == 3


def test_a_missing_gold_file_is_one_line_and_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "statement.txt").write_text(TEXT, encoding="utf-8")
    assert main(["translationese", str(tmp_path / "statement.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "statement.gold.tsv" in err
