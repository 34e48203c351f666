"""The quality harness's readers and metrics, on tiny inline sets."""

from __future__ import annotations

import pytest

from bench.qualitybench.datasets import is_doubled, parse_jfleg, parse_m2, parse_mlqe, parse_realec
from bench.qualitybench.metrics import Detection, score

REALEC = (
    "Nevertheless\tc\nNevertheless\tc\n,\tc\n,\tc\n\n"
    "He\tc\ngo\ti\nhome\tc\n.\tc\n\n"
    "Ok\tc\n.\tc\n"
)

M2 = """S He go to the school .
A 1 2|||SVA|||goes|||REQUIRED|||-NONE-|||0
A 3 3|||ArtOrDet|||a|||REQUIRED|||-NONE-|||0

S All is well .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0
"""


def test_realec_skips_blocks_whose_tokens_are_all_doubled() -> None:
    data = parse_realec(REALEC)
    assert data.skipped == 1
    assert [s.tokens for s in data.sentences] == [("He", "go", "home", "."), ("Ok", ".")]
    assert [s.gold_tokens for s in data.sentences] == [frozenset({1}), frozenset()]
    assert [s.erroneous for s in data.sentences] == [True, False]


def test_doubled_means_every_token_twice_in_a_row() -> None:
    assert is_doubled(["a", "a", "b", "b"])
    assert not is_doubled(["a", "a", "b"])
    assert not is_doubled(["very", "very", "good", "idea"])


def test_m2_edits_mark_tokens_and_an_insertion_marks_the_next_token() -> None:
    first, second = parse_m2(M2).sentences
    assert first.erroneous and first.gold_tokens == frozenset({1, 3})
    assert not second.erroneous and second.gold_tokens == frozenset()


def test_jfleg_is_erroneous_when_a_reference_differs() -> None:
    refs = ["He goes .\nIt is fine .\n", "He went .\nIt is fine .\n"]
    data = parse_jfleg("He go .\nIt is fine .\n", refs)
    assert [s.erroneous for s in data.sentences] == [True, False]
    assert data.sentences[0].gold_tokens is None


def test_mlqe_reads_word_tags_between_gap_tags() -> None:
    data = parse_mlqe("He go home .\nOk .\n", "He goes home .\nOk .\n",
                      "OK OK OK BAD OK OK OK OK OK\nOK OK OK OK OK\n")
    assert [s.erroneous for s in data.sentences] == [True, False]
    assert data.sentences[0].gold_tokens == frozenset({1})


def test_scores_at_sentence_and_token_level() -> None:
    sentences = parse_realec(REALEC).sentences  # one erroneous, one clean
    found = [[Detection("AGREEMENT", "GRAMMAR", "major", (1,))],
             [Detection("NOISE", "STYLE", "info", (0,))]]
    s = score(sentences, found)
    assert (s.sentence.tp, s.sentence.fp, s.sentence.fn) == (1, 1, 0)
    assert s.false_alarm_rate == 1.0
    assert s.sentence.f() == pytest.approx(0.5 * 1.25 / (0.25 * 0.5 + 1))
    assert s.token is not None and (s.token.tp, s.token.fp, s.token.fn) == (1, 1, 0)
    assert s.rules["NOISE"].fp == 1 and s.rules["AGREEMENT"].token_tp == 1
    assert s.to_dict()["f05"] == round(s.sentence.f(), 4)


def test_a_missing_data_set_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from bench.qualitybench.cli import main

    assert main(["m2", "/no/such/set.m2"]) == 2
    assert "cannot read m2 data at /no/such/set.m2" in capsys.readouterr().err


def test_the_threshold_for_a_false_alarm_rate_is_the_lowest_that_meets_it() -> None:
    from bench.qualitybench.metrics import threshold_at_false_alarms

    data = parse_realec(REALEC).sentences  # one erroneous sentence, one clean
    found = [[Detection("R", "C", "minor", (1,), confidence=0.3)],
             [Detection("R", "C", "minor", (0,), confidence=0.6),
              Detection("R", "C", "minor", (0,), confidence=0.2)]]
    assert threshold_at_false_alarms(data, found, 1.0) == 0.0
    assert threshold_at_false_alarms(data, found, 0.5) > 0.6  # the clean one's highest
    assert score(data, [[d for d in ds if d.confidence > 0.6] for ds in found]).false_alarms == 0
