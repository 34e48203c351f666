"""Hostile review files, round two (issue 20): deep nesting and forged ids.

A review file may come from an untrusted pull request. Whatever it holds, a
command says what is wrong in one line naming the file, exits 2, and never
lets the file's bytes reach the terminal as control sequences.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.commands.list_cmd import render
from reviewer.serve.served import ServeError, collect
from testkit.review_factory import suggestions
from tests import test_safety_tracebacks as first_round

# The first round's review of doc.txt (two pending suggestions) and its one-line check
TEXT = first_round.TEXT
review_file = first_round.review_file
one_line = first_round.one_line


def commands(sid: str) -> list[list[str]]:
    """Every command that reads a review file given on its command line."""
    return [["list", "doc.review.json"], ["decide", "doc.review.json", sid, "--reject"],
            ["apply", "doc.review.json", "--no-recheck"],
            ["check", "doc.txt", "--review-file", "doc.review.json"]]


# A value nested 1,000 deep: one line, exit 2, in every command


@pytest.mark.parametrize("field", ["settings", "check", "engine"])
def test_a_review_file_nested_1000_deep_is_one_line(
    review_file: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    data = json.loads(review_file.read_text(encoding="utf-8"))
    sid = data["suggestions"][0]["id"]
    data[field]["deep"] = "DEEP"
    deep = "[" * 1000 + "]" * 1000
    review_file.write_text(json.dumps(data).replace('"DEEP"', deep), encoding="utf-8")
    before = review_file.read_bytes()

    for argv in commands(sid):
        assert main(argv) == 2, argv
        err = one_line(capsys)
        assert "doc.review.json: JSON nested too deeply" in err, err
    with pytest.raises(ServeError, match="doc.review.json: JSON nested too deeply"):
        collect(["doc.review.json"])

    assert review_file.read_bytes() == before
    assert not (review_file.parent / "doc.corrected.txt").exists()


# Ids are fingerprints: a forged id is refused on load, and escaped wherever printed

FORGED = "\x1b]0;owned\x07\x1b[2J\u202e" + "a" * 8


def test_an_id_that_is_not_a_fingerprint_is_refused_on_load(
    review_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(review_file.read_text(encoding="utf-8"))
    data["suggestions"][0]["id"] = FORGED
    review_file.write_text(json.dumps(data), encoding="utf-8")

    for argv in commands(FORGED):
        assert main(argv) == 2, argv
        err = one_line(capsys)
        assert "invalid review file: id '\\x1b]0;owned\\x07\\x1b[2J\\u202eaaaaaaaa' is not " \
               "a suggestion id" in err, err
        assert "\x1b" not in err and "\u202e" not in err
    assert "\x1b" not in capsys.readouterr().out


@pytest.mark.parametrize("sid", ["0123456789abcdef", "0123456789abcdef-2",
                                 "0123456789abcdef-10"])
def test_ids_in_the_documented_format_are_taken(
    review_file: Path, capsys: pytest.CaptureFixture[str], sid: str
) -> None:
    data = json.loads(review_file.read_text(encoding="utf-8"))
    data["suggestions"][0]["id"] = sid
    review_file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["decide", "doc.review.json", sid, "--reject"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{sid} rejected"


@pytest.mark.parametrize("sid", ["0123456789ABCDEF", "0123456789abcde", "0123456789abcdef-1",
                                 "0123456789abcdef-02", "0123456789abcdef\n", ""])
def test_ids_out_of_the_documented_format_are_refused(
    review_file: Path, capsys: pytest.CaptureFixture[str], sid: str
) -> None:
    data = json.loads(review_file.read_text(encoding="utf-8"))
    data["suggestions"][1]["id"] = sid
    review_file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["list", "doc.review.json"]) == 2
    err = one_line(capsys)
    assert f"id {sid!r} is not a suggestion id" in err and "`$.suggestions[1].id`" in err, err


def test_an_id_is_escaped_when_printed_all_the_same() -> None:
    (s,) = suggestions(TEXT, [(3, 5, ("goes",))])
    forged = replace(s, finding=replace(s.finding, id=FORGED))
    shown = render(forged, False, TEXT)
    assert "\x1b" not in shown and "\u202e" not in shown
    assert shown.startswith("\\x1b]0;owned\\x07\\x1b[2J\\u202eaaaaaaaa  pending")
