"""The calque rule (TQA_UNUSUAL_COLLOCATION): pairs native English does not use, by counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.derive_calques import Lexicon, derive
from reviewer.rules.base import Subject
from reviewer.rules.usage import COLLOCATION
from reviewer.usage import collocations, models

RunCli = Any


def findings(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[h.start:h.end], h.replacements) for h in COLLOCATION.check(Subject(text), {})]


def test_peace_population_is_a_calque_of_civilian_population() -> None:
    text = "Mines do not distinguish between the peace population and soldiers."
    assert findings(text) == [("peace population", ("civilian population",))]


def test_the_native_collocation_and_a_longer_noun_phrase_are_left_alone() -> None:
    assert findings("Mines do not distinguish between the civilian population and soldiers.") == []
    assert findings("The peace population figures were revised.") == []  # the noun phrase goes on
    assert findings("Peace Population is the name of the fund.") == []  # a name


def test_a_learners_big_amount_gets_the_collocation_of_its_synonym() -> None:
    (found,) = COLLOCATION.check(Subject("They spend a big amount of money on it."), {})
    assert found.replacements == ("large amount",)
    assert found.confidence is not None and found.confidence > 0.5


def test_a_verb_takes_the_object_its_synonym_takes() -> None:
    assert findings("Students often do mistakes in their essays.") == [
        ("do mistakes", ("make mistakes",))]
    assert findings("Students often make mistakes in their essays.") == []
    assert findings("What do mistakes cost us?") == []  # `do` is an auxiliary here


def test_only_a_modifier_before_a_noun_is_judged() -> None:
    table = {"peace population": ("civilian population", 0.9)}
    words = ["the", "peace", "population", "grew", "."]
    assert list(collocations.calques(words, ["DT", "NN", "NN", "VBD", "."], table)) == [
        collocations.Calque(1, "civilian population", 0.9)]
    assert list(collocations.calques(words, ["DT", "RB", "NN", "VBD", "."], table)) == []


def test_the_shipped_table_names_calques_not_native_pairs() -> None:
    table = models.collocation_table()
    assert table["peace population"][0] == "civilian population"
    assert "civilian population" not in table
    assert "large amount" not in table


def _synset(lemmas: list[str], *pointers: tuple[str, tuple[str, str]]) -> tuple[
        list[str], list[tuple[str, tuple[str, str], int, int]]]:
    return lemmas, [(symbol, target, 0, 0) for symbol, target in pointers]


def test_a_co_antonym_takes_the_slot_of_a_collocation() -> None:
    # peace is the opposite of war, a military action; civilian the opposite of military
    synsets = {
        ("n", "1"): _synset(["peace"], ("!", ("n", "2"))),
        ("n", "2"): _synset(["war"], ("!", ("n", "1")), ("@", ("n", "3"))),
        ("n", "3"): _synset(["military_action"]),
        ("a", "4"): _synset(["civilian"], ("!", ("a", "5"))),
        ("a", "5"): _synset(["military"], ("!", ("a", "4"))),
        ("n", "6"): _synset(["population"]),
    }
    pairs = {("civilian", "population"): 40_000_000, ("civilian", "life"): 20_000_000,
             ("peace", "talks"): 90_000_000, ("the", "population"): 20_000_000,
             ("a", "population"): 6_500_000,
             ("of", "peace"): 60_000_000, ("war", "and"): 70_000_000}
    rows = derive(pairs, Lexicon(synsets))
    assert ("peace population", "civilian population") in [(c, n) for c, n, _ in rows]
    assert all(c != "war population" for c, _, _ in rows)  # an opposite is no variant


def test_reviewer_check_reports_it_when_enabled_and_the_phrase_rule_keeps_its_own(
        run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "statement.txt"
    doc.write_text("Mines kill the peace population. Farmers spent a big amount of money.\n",
                   encoding="utf-8")

    def reported(*options: str) -> list[tuple[str, str, str]]:
        code, out, err = run_cli("check", str(doc), "-f", "json", "--fail-on", "never",
                                 "--no-config", *options)
        assert code == 0, err
        return [(f["rule_id"], f["text"], f["replacements"][0])
                for f in json.loads(out)["findings"] if "CALQUE" in f["rule_id"]
                or f["rule_id"] == "TQA_UNUSUAL_COLLOCATION"]

    # off by default
    assert ("TQA_UNUSUAL_COLLOCATION", "big amount", "large amount") not in reported()
    on = reported("--enable", "TQA_UNUSUAL_COLLOCATION")
    assert ("TQA_UNUSUAL_COLLOCATION", "big amount", "large amount") in on
    assert [r for r in on if r[1] == "peace population"] == [
        ("TQA_WORD_CALQUE", "peace population", "civilian population")]
