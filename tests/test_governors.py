"""Prepositions after their governor (TQA_GOVERNED_PREPOSITION): native counts and model agree."""

from __future__ import annotations

from bench.derive_governors import derive
from reviewer.rules.base import Subject
from reviewer.rules.usage import GOVERNED_PREPOSITION
from reviewer.usage import governors, models


def findings(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[h.start:h.end], h.replacements)
            for h in GOVERNED_PREPOSITION.check(Subject(text), {})]


def test_a_verb_of_motion_arrives_in_a_city() -> None:
    assert findings("Many of you arrived to Minsk only yesterday.") == [("to", ("in",))]
    assert findings("Many of you arrived in Minsk only yesterday.") == []


def test_a_time_phrase_is_no_governors_choice() -> None:
    assert findings("The delegation arrived on Monday.") == []
    assert findings("The cost was estimated in 2019.") == []
    assert findings("The cost is estimated in 42 million euros.") == [("in", ("at",))]


def test_an_infinitive_after_to_is_left_alone() -> None:
    words = ["They", "need", "to", "build", "roads", "."]
    assert governors.governed(words, ["PRP", "VBP", "TO", "VB", "NNS", "."], 2) is None
    assert governors.governed(words, ["PRP", "VBP", "TO", "NN", "NNS", "."], 2) == "need"


def test_prepositions_of_their_own_meaning_are_adjuncts() -> None:
    def adjunct(words: str, tags: str, i: int) -> bool:
        return governors.adjunct(words.split(), tags.split(), i)
    assert adjunct("a speech by the minister", "DT NN IN DT NN", 2)  # the agent
    assert adjunct("wait at the border", "VB IN DT NN", 1)  # a place
    assert adjunct("this approach in practice", "DT NN IN NN", 2)
    assert not adjunct("estimated in 42 million", "VBN IN CD CD", 1)  # a number: the verb's
    assert adjunct("schools from Vilnius to Belgrade", "NNS IN NNP TO NNP", 1)  # a range
    assert not adjunct("attention on preservation", "NN IN NN", 1)


def test_by_after_a_participle_is_suggested_only_before_a_number() -> None:
    assert not governors.fits(["driven", "to", "meetings"], ["VBN", "TO", "NNS"], 1, "by")
    assert governors.fits(["increased", "on", "35"], ["VBN", "IN", "CD"], 1, "by")


def test_the_table_counts_a_pair_it_lacks_at_the_floor() -> None:
    table = governors.Table({"obstacle": {"in": 68, "to": 382}}, 64)
    assert table.count("obstacle", "for") == 64
    assert table.ratio("obstacle", "for", "to") == 382 / 64
    assert table.dominance("obstacle", "to") == 1.0


def test_the_derivation_keeps_governors_with_enough_evidence() -> None:
    pairs = {("obstacle", "to"): 38_240_576, ("obstacle", "in"): 6_824_320,
             ("the", "to"): 90_000_000, ("rare", "to"): 6_400_000, ("Paris", "in"): 50_000_000}
    # no function word, no name, no word with too little evidence
    assert derive(pairs) == {"obstacle": {"in": 68, "to": 382}}


def test_the_shipped_table_knows_which_preposition_follows_common_words() -> None:
    table = models.governor_table()
    assert table.floor == 64
    assert table.ratio("depends", "from", "on") > 50
    assert table.ratio("attention", "on", "to") > 5
    assert table.ratio("participate", "on", "in") > 50
