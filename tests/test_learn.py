"""Learning from editors' decisions: per-rule acceptance, proposals, adjusted confidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reviewer.learn import Counts, Learned, LearnError, dumps, load_learned, proposals
from reviewer.model import Finding, Severity

Run = Any


def finding(rule: str, confidence: float, context: str = "") -> Finding:
    return Finding("d.txt", 0, 1, rule, "", context, "languagetool", "GRAMMAR", "grammar",
                   Severity.MAJOR, "m", "", 1, 1, 1, 2, "x", "", "", (), confidence=confidence)


def test_a_rules_decisions_update_the_models_confidence_like_a_prior() -> None:
    learned = Learned(rules={"NOISY": Counts(rejected=30), "GOOD": Counts(accepted=9, edited=1)})
    noisy, good, other = learned.adjust(
        [finding("NOISY", 0.6), finding("GOOD", 0.6), finding("OTHER", 0.6)])
    assert noisy.confidence == pytest.approx(0.15)  # (10 * 0.6 + 0) / (10 + 30)
    assert good.confidence == pytest.approx(0.8)  # (10 * 0.6 + 10) / (10 + 10)
    assert other.confidence == 0.6


def test_rejected_article_findings_quiet_their_noun_not_every_article() -> None:
    # Editors rejected `the` before "support" ten times; other nouns keep the model's word.
    learned = Learned(rules={"TQA_ARTICLE": Counts(rejected=12, accepted=8),
                             "TQA_ARTICLE[support]": Counts(rejected=10)})
    support, budget = learned.adjust([finding("TQA_ARTICLE", 0.8, "support"),
                                      finding("TQA_ARTICLE", 0.8, "budget")])
    assert support.confidence == pytest.approx(0.4)  # (10 * 0.8 + 0) / (10 + 10)
    assert budget.confidence == pytest.approx(0.5333, abs=1e-4)  # the rule's: (8 + 8) / 30
    assert proposals(learned.rules) == ([], ["TQA_ARTICLE"])  # no proposal per noun


def test_rules_editors_keep_rejecting_are_proposed_for_disabling_or_demoting() -> None:
    counts = {"ALWAYS_NO": Counts(rejected=9, accepted=1), "OFTEN_NO": Counts(rejected=6,
              accepted=4), "FINE": Counts(accepted=8, rejected=2), "FEW": Counts(rejected=3)}
    assert proposals(counts) == (["ALWAYS_NO"], ["OFTEN_NO"])


@pytest.mark.server
def test_learning_from_real_review_files_quiets_a_rule_editors_reject(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "doc.txt"
    doc.write_text("\n\n".join(["It is a opportunity for us."] * 6) + "\n\nHe go home.\n",
                   encoding="utf-8")
    review = tmp_path / "doc.review.json"
    assert run_cli("review", str(doc), "-o", str(review), "--no-config")[0] == 0
    assert run_cli("decide", str(review), "--reject-all", "--rule", "EN_A_VS_AN",
                   "--comment", "house style")[0] == 0
    assert run_cli("decide", str(review), "--accept-all", "--rule", "HE_VERB_AGR")[0] == 0
    code, out, _ = run_cli("rules", "--from", str(review))
    assert code == 0
    assert 'disable = ["EN_A_VS_AN"]' in out
    code, out, _ = run_cli("rules", "--from", str(review), "--format", "json")
    rows = json.loads(out)["rules"]
    assert rows["EN_A_VS_AN"]["rejected"] == 6 and rows["EN_A_VS_AN"]["rate"] == 0
    assert rows["HE_VERB_AGR"]["accepted"] == 1
    # reviewer learn + learn = true: the rule's confidence falls, HE_VERB_AGR's rises
    (tmp_path / "reviewer.toml").write_text("learn = true\n", encoding="utf-8")
    assert run_cli("learn", str(review))[0] == 0
    learned = json.loads((tmp_path / "reviewer-learned.json").read_text(encoding="utf-8"))
    assert learned["rules"]["EN_A_VS_AN"]["rejected"] == 6
    code, out, _ = run_cli("check", str(doc), "-f", "json", "--all")
    after = {f["rule_id"]: f["confidence"] for f in json.loads(out)["findings"]}
    code, out, _ = run_cli("check", str(doc), "-f", "json", "--all", "--no-config")
    before = {f["rule_id"]: f["confidence"] for f in json.loads(out)["findings"]}
    assert after["EN_A_VS_AN"] < before["EN_A_VS_AN"]
    assert after["HE_VERB_AGR"] > before["HE_VERB_AGR"]


def test_a_learned_file_says_schema_version_and_one_from_before_that_says_format_still_loads(
        tmp_path: Path) -> None:
    learned = Learned(rules={"NOISY": Counts(rejected=30)})
    assert json.loads(dumps(learned))["schema_version"] == 1
    old = tmp_path / "old.json"
    old.write_text('{"format": 1, "rules": {"NOISY": {"rejected": 30}}}', encoding="utf-8")
    assert load_learned(old) == learned
    old.write_text('{"format": 2, "rules": {}}', encoding="utf-8")
    with pytest.raises(LearnError, match="old.json: schema_version 2, this reviewer reads 1"):
        load_learned(old)


def test_learn_writes_beside_no_review_file_and_says_what_it_learned(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.cli import main
    from testkit.serve_helper import write_review

    review = write_review(tmp_path)  # three suggestions of three rules
    assert main(["decide", str(review), "--reject-all"]) == 0
    capsys.readouterr()
    assert main(["learn", str(review), "-o", str(review)]) == 2
    assert capsys.readouterr().err == (
        f"reviewer: {review}: would overwrite the review file {review}; nothing written\n")
    out = tmp_path / "learned.json"
    assert main(["learn", str(review), "-o", str(out)]) == 0
    assert capsys.readouterr().err == (
        f"{out}: 3 decisions on 3 rules from 1 review file(s); `learn = true` in the "
        "configuration uses them\n")
    assert out.exists()
