"""The grammar rules' shared parts: the countability table and one tagging per sentence.

Each rule's examples (what it flags, the near-misses it leaves) are in
tests/data/rules/TQA_*.toml, run by tests/test_rule_examples.py.
"""

from __future__ import annotations

from bench.make_uncountable import plural
from reviewer.rules import grammar, usage
from reviewer.rules.base import Subject
from reviewer.rules.grammar import countable, tagged
from reviewer.usage import models


def test_the_table_lists_nouns_english_keeps_singular() -> None:
    table = countable.uncountable()
    for word, singular in (("advices", "advice"), ("equipments", "equipment"),
                           ("researches", "research"), ("knowledges", "knowledge"),
                           ("trainings", "training"), ("informations", "information")):
        assert table[word] == singular


def test_the_table_leaves_countable_nouns_and_other_words() -> None:
    table = countable.uncountable()
    for word in ("experiences", "works", "books", "cargoes", "highs", "lefts", "insides"):
        assert word not in table


def test_regular_plurals_for_the_table() -> None:
    assert [plural(w) for w in ("advice", "box", "policy", "day", "research")] == [
        "advices", "boxes", "policies", "days", "researches"]


def test_a_heading_is_left_alone() -> None:
    text = "Equipments and advices for farmers"
    assert not [h for r in grammar.RULES for h in r.check(Subject(text), {})]


def test_a_document_is_tagged_once_for_every_rule_that_reads_tags() -> None:
    text = ("The number of tourists grow every summer.\n\n"
            "In 2017 were built 40 new schools, what is twice the plan.")
    models.tags.cache_clear()
    tagged.tagged_sentences.cache_clear()
    list(usage.ARTICLE.check(Subject(text), {}))
    assert models.tags.cache_info().misses == 2  # two sentences, tagged by the article rule
    # Whatever the sentence cache still holds (a document of more sentences than it keeps
    # was tagged once per rule: three times), the other rules read the document's tagging.
    models.tags.cache_clear()
    hits = [h for r in grammar.RULES for h in r.check(Subject(text), {})]
    hits += list(usage.GOVERNED_PREPOSITION.check(Subject(text), {}))
    assert [text[h.start:h.end] for h in sorted(hits)] == ["grow", "were built 40", "what"]
    assert models.tags.cache_info().misses == 0
