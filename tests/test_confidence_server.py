"""Confidences on real findings, and MLQE-PE checked as bilingual PO files (real server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.qualitybench.cli import main as quality
from bench.qualitybench.datasets import parse_mlqe
from bench.qualitybench.runner import check_sentences, reviewer_options
from reviewer.lt.engine import Engine

pytestmark = pytest.mark.server

RunCli = Any


def test_real_findings_get_confidences_between_0_and_1(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("He go to shcool with Kazbat. It is a opportunity.\n", encoding="utf-8")
    _, out, _ = run_cli("check", str(path), "--format", "json")
    found = {f["text"]: f["confidence"] for f in json.loads(out)["findings"]}
    assert {"go", "shcool", "Kazbat", "a"} <= found.keys()
    assert all(0.0 < c < 1.0 for c in found.values())
    assert found["Kazbat"] < found["shcool"]  # a capitalised unknown word: likely a name


MT = "Anna Ivanovna from Kazbat have arrived .\nIt is fine .\n"
PE = "Anna Ivanovna from Kazbat has arrived .\nIt is fine .\n"
SRC = ["Анна Ивановна из Казбата приехала.", "Всё хорошо."]


def test_bilingual_po_findings_come_back_to_their_segment(lt_url: str) -> None:
    sentences = parse_mlqe(MT, PE, None).sentences
    with Engine(lt_url) as engine:
        found = check_sentences(sentences, engine, reviewer_options(["--jobs", "1"]),
                                batch_size=2, sources=SRC)
    assert found[1] == []
    spelling = {t for d in found[0] if d.rule_id == "MORFOLOGIK_RULE_EN_US" for t in d.tokens}
    # "Ivanovna" (token 1) and "Kazbat" (token 3) are transliterations of the source
    assert spelling and spelling <= {1, 3}
    assert all(0.0 < d.confidence < 1.0 for d in found[0])


def test_the_harness_hides_findings_below_the_threshold(
    lt_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for ext, text in (("mt", MT), ("pe", PE), ("src", "\n".join(SRC) + "\n")):
        (tmp_path / f"dev.{ext}").write_text(text, encoding="utf-8")
    runs = {}
    for flags in (["--all"], ["--min-confidence", "0.99"], []):
        assert quality(["mlqe", str(tmp_path), "--bilingual", "--format", "json",
                        "--server", lt_url, *flags]) == 0
        runs[" ".join(flags)] = json.loads(capsys.readouterr().out)
    assert runs["--all"]["min_confidence"] == 0.0 and runs["--all"]["bilingual"] is True
    assert runs["--all"]["recall"] == 1.0
    assert runs["--min-confidence 0.99"]["recall"] == 0.0
    assert 0.0 < runs[""]["min_confidence"] < 1.0  # the shipped model's threshold


def test_names_and_local_terms_fall_below_the_threshold_and_the_project_adds_its_own(
    run_cli: RunCli, tmp_path: Path
) -> None:
    from reviewer.confidence import load_model

    threshold = load_model().min_confidence
    path = tmp_path / "doc.txt"
    path.write_text("The akimat of Ust-Kamenogorsk paid 5 billion tenge to Samruk-Kazyna. "
                    "The goverment agreed.\n", encoding="utf-8")
    _, out, _ = run_cli("check", str(path), "--format", "json", "--no-config")
    found = {f["text"]: f["confidence"] for f in json.loads(out)["findings"]}
    assert all(found[w] < threshold for w in ("akimat", "Ust-Kamenogorsk", "tenge")), found
    assert found["goverment"] >= threshold  # a real misspelling stays
    # The project's accepted words extend the gazetteer: a compound of them is a name too.
    config = tmp_path / "reviewer.toml"
    config.write_text('accept_words = ["Samruk", "Kazyna"]\n', encoding="utf-8")
    _, out, _ = run_cli("check", str(path), "--format", "json", "--config", str(config))
    project = {f["text"]: f["confidence"] for f in json.loads(out)["findings"]}
    assert project["Samruk-Kazyna"] < threshold <= found["goverment"]
    assert project["Samruk-Kazyna"] <= found["Samruk-Kazyna"]
