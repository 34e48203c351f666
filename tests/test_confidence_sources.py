"""What the shipped confidence model may learn from: only sets whose licences allow it.

CoNLL-2013 (NUCLE: non-commercial research) and JFLEG (CC BY-NC-SA) are measured on,
never fitted or tuned on; translationese-dev is read with token gold from its list.
"""

from __future__ import annotations

import json

import pytest

from bench.qualitybench.confidence.data import parts
from bench.qualitybench.dev_sentences import parse_translationese
from tests.conftest import ROOT

EVAL = ROOT.parent / "shared" / "eval"
if not EVAL.is_dir():  # a worktree beside the main checkout
    EVAL = ROOT.parents[1] / "shared" / "eval"
MODEL = ROOT / "reviewer" / "data" / "confidence.json"
FREE = {"mlqe-train", "realec-train", "translationese"}

TEXT = ("Report on grain\n"
        "\n"
        "In 2019 were allocated 12 billion tenge. Wheat accounted for two thirds. "
        "Amount of subsidy is 5,000 tenge.\n")
GOLD = ("# header one\n# header two\n"
        "3\tIn 2019 were allocated\t1\tword-order\t12 billion tenge were allocated in 2019\n"
        "3\tAmount of subsidy\t1\tarticle\tThe amount of the subsidy\n"
        "3\ttwo thirds\t1\tneutral\ttwo-thirds\n")


def test_translationese_sentences_carry_token_gold_and_neutral_forms_are_not_gold() -> None:
    data = parse_translationese(TEXT, GOLD)
    assert [s.tokens[:3] for s in data.sentences] == [
        ("Report", "on", "grain"), ("In", "2019", "were"), ("Wheat", "accounted", "for"),
        ("Amount", "of", "subsidy")]
    assert [s.erroneous for s in data.sentences] == [False, True, False, True]
    assert data.sentences[1].gold_tokens == frozenset({0, 1, 2, 3})
    assert data.sentences[3].gold_tokens == frozenset({0, 1, 2})


def test_a_gold_fragment_missing_from_its_line_is_an_error() -> None:
    with pytest.raises(ValueError, match="'in 2020' not found 1 time"):
        parse_translationese(TEXT, "3\tin 2020\t1\tdate\tin 2021\n")


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the checkout")
def test_only_freely_licensed_sets_train_and_conll_is_only_measured() -> None:
    by_name = {p.name: p for p in parts(EVAL)}
    assert {p.set_name for p in by_name.values() if p.training} == FREE
    assert not by_name["conll13"].training


def test_the_shipped_model_names_its_sources_and_its_licence() -> None:
    info = json.loads(MODEL.read_text(encoding="utf-8"))["info"]
    assert set(info["training_findings"]) <= FREE | {"mlqe-train-po"}
    assert set(info["sources"]) == FREE
    assert info["licence"] == "CC-BY-SA-4.0"
    note = (MODEL.parent / "confidence.json.license").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in note and "REALEC" in note
