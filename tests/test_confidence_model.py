"""Loading and applying the confidence model, on recorded findings (no server)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer import confidence
from reviewer.confidence.model import Model, ModelError, load_model, save_model
from reviewer.inputs.registry import load
from reviewer.text.document import parse_document
from tests.test_confidence_features import PO, at, finding, plain


def test_the_shipped_model_loads_and_is_sane() -> None:
    model = load_model()
    assert 0.0 < model.min_confidence < 1.0
    assert list(model.calibration_x) == sorted(model.calibration_x)
    assert all(0.0 < y < 1.0 for y in model.calibration_y)
    assert list(model.calibration_y) == sorted(model.calibration_y)  # isotonic
    assert "spell:cap_mid" in model.weights and "category:TYPOS" in model.weights
    assert model.info["command"] == "python bench/train_confidence.py"


def test_a_model_is_a_logistic_regression_and_a_calibration_map(tmp_path: Path) -> None:
    model = Model(intercept=-1.0, weights={"a": 2.0, "b": -1.0},
                  calibration_x=(0.2, 0.8), calibration_y=(0.1, 0.7))
    assert model.raw({"a": 0.5}) == pytest.approx(0.5)  # sigmoid(-1 + 1)
    assert model.raw({"a": 0.5, "unknown": 9.0}) == pytest.approx(0.5)  # unknown names ignored
    assert model.calibrate(0.5) == pytest.approx(0.4)  # halfway between the points
    assert model.calibrate(0.05) == 0.1 and model.calibrate(0.95) == 0.7  # flat outside
    path = tmp_path / "m.json"
    save_model(model, path)
    assert load_model(path) == model


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schema_version": 99}, "schema_version"),
        ({"calibration": {"x": [0.5, 0.2], "y": [0.1, 0.2]}}, "increase"),
        ({"calibration": {"x": [0.1], "y": [0.1, 0.2]}}, "pair"),
        ({"weights": {"a": "heavy"}}, "malformed"),
    ],
)
def test_a_broken_model_file_is_refused(tmp_path: Path, change: dict[str, object],
                                        message: str) -> None:
    data = {**load_model().to_dict(), **change}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        load_model(path)


def test_a_typo_is_more_likely_real_than_a_transliterated_name() -> None:
    typo_doc = plain("The commitee met on Monday.\n")
    typo = finding(typo_doc, *at(typo_doc, "commitee"), replacements=("committee",))
    po = load(parse_document("t.po", PO.encode()))
    assert po.segments is not None
    seg = po.segments[0]
    i = seg.text.index("Kazbat")
    name = finding(po, *seg.to_file(i, i + 6), replacements=("Kazbek",), unit=seg.unit)
    [c_typo] = confidence.score([typo], typo_doc.text)
    [c_name] = confidence.score([name], po.text, po.segments)
    assert 0.0 < c_name < c_typo < 1.0
    assert c_name < load_model().min_confidence <= c_typo  # the name is hidden by default


def test_a_rule_the_model_never_saw_is_judged_by_its_category_and_type() -> None:
    doc = plain("It costs 5,9 dollars.\n")
    rule = ("TQA_BRAND_NEW", "TYPOGRAPHY", "typographical")
    new = finding(doc, *at(doc, "5,9"), rule=rule)
    other = replace(new, rule_id="TQA_ANOTHER_NEW_ONE")
    assert confidence.score([new], doc.text) == confidence.score([other], doc.text)


def test_confidences_are_set_on_findings_and_hide_the_low_ones() -> None:
    doc = plain("He go to shcool and Kazbat is closed.\n")
    grammar = ("HE_VERB_AGR", "GRAMMAR", "grammar")
    fs = [finding(doc, *at(doc, "go"), rule=grammar, replacements=("goes",)),
          finding(doc, *at(doc, "shcool"), replacements=("school",)),
          finding(doc, *at(doc, "Kazbat"), replacements=("Kazbek",))]
    scored = confidence.with_confidence(fs, doc.text)
    assert [f.confidence for f in scored] == [
        round(c, 4) for c in confidence.score(fs, doc.text)]
    assert all(0.0 < f.confidence < 1.0 for f in scored)
    shown = confidence.visible(scored, 0.5)
    assert shown == [f for f in scored if f.confidence >= 0.5]
    assert confidence.score([], doc.text) == []
