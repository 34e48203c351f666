"""Calques of native collocations: `peace population` for `civilian population`.

The table (reviewer/data/collocations.tsv, derived by bench/derive_calques.py
from Google Books Ngram word pairs and WordNet) maps a modifier + noun pair (or a
verb + object pair: `do mistakes`) that
native English does not use to the native collocation of a related word in the
same slot, with a confidence: how sure the bigram list's silence on the pair is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

# an adjective or a noun before a noun, or a verb's base or present form before its object
MODIFIER_TAGS = frozenset({"JJ", "NN", "VB", "VBP"})
HEAD_TAGS = frozenset({"NN", "NNS"})


@dataclass(frozen=True, slots=True)
class Calque:
    """A pair of words at `index` and `index + 1` and the collocation to use instead."""

    index: int
    native: str
    confidence: float


def parse(text: str) -> dict[str, tuple[str, float]]:
    """The table's rows: `calque<TAB>collocation<TAB>confidence`, `#` lines skipped."""
    table: dict[str, tuple[str, float]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            calque, native, strength = line.split("\t")
            table[calque] = (native, float(strength))
    return table


def calques(words: Sequence[str], tags: Sequence[str],
            table: Mapping[str, tuple[str, float]]) -> Iterator[Calque]:
    """The modifier + noun pairs of a tagged sentence that the table names.

    The first word is an adjective, a noun or a verb (`MODIFIER_TAGS`), the
    second a noun, both in lower
    case (a capitalised word is part of a name), and the head ends the noun
    phrase (`peace population`, not `peace population figures`); an auxiliary
    before a subject and its verb is no verb + object pair.
    """
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if tags[i] not in MODIFIER_TAGS or tags[i + 1] not in HEAD_TAGS:
            continue
        if not (a.islower() and b.islower()):
            continue
        after = tags[i + 2] if i + 2 < len(tags) else ""
        if after in HEAD_TAGS:
            continue
        if tags[i].startswith("VB") and after == "VB":
            continue  # an auxiliary before the subject: `What do mistakes cost?`
        found = table.get(f"{a} {b}")
        if found is not None:
            yield Calque(i, found[0], found[1])
