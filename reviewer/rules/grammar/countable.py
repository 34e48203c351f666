"""Plurals of nouns English keeps singular: `advices`, `equipments`."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from reviewer import data
from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.rules.grammar.tagged import (
    NOUN,
    cased,
    tagged_sentences,
)

UNCOUNTABLE_FILE = "uncountable.tsv"


# --- uncountable nouns in the plural ---------------------------------------------------

@functools.cache
def uncountable() -> dict[str, str]:
    """Plural → singular of the nouns English keeps singular (reviewer/data/uncountable.tsv)."""
    text = data.read_text(UNCOUNTABLE_FILE)
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {plural: singular for plural, singular in rows}


def check_uncountable_plural(subject: Subject, options: Options) -> Iterator[Hit]:
    """A plural of a noun English keeps singular: `new equipments` → `new equipment`.

    The nouns come from native counts (reviewer/data/uncountable.tsv, written by
    `bench/make_uncountable.py`): a noun the English Web Treebank never puts in
    the plural and whose plural is under 1 % of its singular in wordfreq's
    English list (`advice`, `equipment`, `research`, `knowledge`, `training`).
    The word must be tagged as a plural noun, so `he researches` is left alone.
    """
    table = uncountable()
    for s in tagged_sentences(subject.text):
        for i, word in enumerate(s.words):
            singular = table.get(word)
            if singular is None or not (s.tags[i] == "NNS" or (i == 0 and s.tags[i] in NOUN)):
                continue
            tok = s.toks[i]
            yield Hit(tok.start, tok.end,
                      f"'{singular}' has no plural in this sense: use the singular.",
                      (cased(singular, tok.word),), sub_id=word)


UNCOUNTABLE_PLURAL = Rule(
    id="TQA_UNCOUNTABLE_PLURAL",
    title="Uncountable noun in the plural",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_uncountable_plural,
    # LanguageTool's own rules for single words: their call (and message) stands
    yields=frozenset({"INFORMATIONS", "SOFTWARES"}),
)
