"""The shipped usage models, read once per process from reviewer/data."""

from __future__ import annotations

import functools
import gzip

from reviewer import data
from reviewer.usage import collocations, governors
from reviewer.usage.linear import Linear
from reviewer.usage.tagger import Tagger


def _read(name: str) -> bytes:
    return data.read_bytes(name)


@functools.cache
def tagger() -> Tagger:
    """The shipped part-of-speech tagger."""
    return Tagger.from_bytes(_read("tagger.bin"))


@functools.lru_cache(maxsize=8192)
def tags(words: tuple[str, ...]) -> tuple[str, ...]:
    """The tags of one sentence's words, remembered: a sentence that recurs (in another
    document of the run, a heading repeated) is tagged once. Within a document, the rules
    share one tagging (reviewer.rules.grammar.tagged.tagged_sentences)."""
    return tuple(tagger().tag(words))


@functools.cache
def article_model() -> Linear:
    """The shipped article model (classes `a`, `the`, `0`)."""
    return Linear.from_bytes(_read("articles.bin"))


@functools.cache
def preposition_model() -> Linear:
    """The shipped preposition model (classes: reviewer.usage.prepositions.CHOICES)."""
    return Linear.from_bytes(_read("prepositions.bin"))


@functools.cache
def collocation_table() -> dict[str, tuple[str, float]]:
    """The shipped calque table (reviewer.usage.collocations)."""
    return collocations.parse(gzip.decompress(_read("collocations.tsv.gz")).decode("utf-8"))


@functools.cache
def governor_table() -> governors.Table:
    """The shipped governor table (reviewer.usage.governors)."""
    return governors.parse(gzip.decompress(_read("governors.tsv.gz")).decode("utf-8"))
