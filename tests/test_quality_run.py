"""The quality harness end to end on a real server: spans come back to their sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.qualitybench.cli import main
from bench.qualitybench.datasets import parse_m2
from bench.qualitybench.runner import check_sentences, plain_options
from reviewer.lt.engine import Engine

pytestmark = pytest.mark.server

M2 = """S This is fine .

S He have a apple .
A 1 2|||SVA|||has|||REQUIRED|||-NONE-|||0
A 2 3|||ArtOrDet|||an|||REQUIRED|||-NONE-|||0

S It is fine too .
"""


def test_findings_map_back_to_their_sentence_and_tokens(lt_url: str) -> None:
    sentences = parse_m2(M2).sentences
    with Engine(lt_url) as engine:
        found = check_sentences(sentences, engine, plain_options(jobs=1), batch_size=2)
    assert found[0] == [] and found[2] == []
    by_rule = {d.rule_id: d.tokens for d in found[1]}
    assert by_rule["EN_A_VS_AN"] == (2,)


def test_json_output_has_the_figures_at_the_top(
    lt_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tiny.m2"
    path.write_text(M2)
    assert main(["m2", str(path), "--plain-lt", "--format", "json", "--server", lt_url]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sentences"] == 3
    assert result["precision"] == 1.0 and result["false_alarm_rate"] == 0.0
    assert {"recall", "f05", "token_f05"} <= result.keys()


def test_a_whole_text_is_scored_by_span_and_a_rule_can_be_ablated(
    lt_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "speech.txt").write_text("Opening\n\nHe have a apple in the garden.\n")
    (tmp_path / "speech.gold.tsv").write_text("# header\n3\ta apple\t1\tarticle\tan apple\n")
    args = ["translationese", str(tmp_path / "speech.txt"), "--format", "json",
            "--server", lt_url, "--all"]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kinds"] == {"article": {"found": 1, "total": 1}}
    assert result["rules"]["EN_A_VS_AN"] == {"right": 1, "wrong": 0}
    assert main([*args, "--ablate", "EN_A_VS_AN"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert "EN_A_VS_AN" not in result["rules"] and result["ablated"] == ["EN_A_VS_AN"]


def test_at_plains_false_alarm_rate_the_threshold_is_chosen_on_the_same_sentences(
    lt_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tiny.m2"
    path.write_text(M2)
    args = ["m2", str(path), "--format", "json", "--server", lt_url, "--no-correction"]
    assert main([*args, "--at-false-alarms", "plain"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["false_alarm_target"] == 0.0  # plain flags neither clean sentence
    assert result["false_alarm_rate"] <= result["false_alarm_target"]
    assert main([*args, "--at-false-alarms", "1.5"]) == 2
    assert "expected a rate from 0 to 1" in capsys.readouterr().err
