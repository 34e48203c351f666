"""Noun phrases of tagged text, and the article slot before each.

A noun phrase here is what an article can stand before: an optional a/an/the,
then modifiers (adjectives, numbers, participles, nouns) and a noun head, the
last noun of the run. Phrases after another determiner (`this`, `our`,
`Russia's`, `each`) have no article slot and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

ARTICLES = {"a": "a", "an": "a", "the": "the"}
NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
MODIFIER = frozenset({"JJ", "JJR", "JJS", "CD", "VBN", "VBG", "NN", "NNS", "NNP", "NNPS"})
# Tags and words after which a noun phrase has its determiner already.
DETERMINED = frozenset({"PRP$", "WP$", "POS", "PDT"})
OTHER_DETERMINERS = frozenset({
    "this", "that", "these", "those", "some", "any", "no", "every", "each", "all", "another",
    "both", "either", "neither", "such", "what", "which", "whose", "many", "much", "several",
    "few", "little", "more", "most", "less", "least", "enough", "other", "one", "own",
    "whatever", "whichever", "half", "certain", "various", "numerous",
})


@dataclass(frozen=True, slots=True)
class Phrase:
    """One noun phrase: token indexes of its article (or -1), first word and head."""

    article: int  # index of a/an/the, or -1 when there is none
    first: int  # first word after the article
    head: int  # the noun head (last noun of the run)

    @property
    def start(self) -> int:
        return self.article if self.article >= 0 else self.first


def phrases(words: Sequence[str], tags: Sequence[str]) -> Iterator[Phrase]:
    """The noun phrases of one tagged sentence, left to right, never overlapping."""
    n = len(words)
    i = 0
    fresh = True  # the previous token ended a phrase, or was no modifier
    while i < n:
        low = words[i].lower()
        article = -1
        first = i
        if low in ARTICLES and tags[i] == "DT":
            article, first = i, i + 1
        elif tags[i] not in MODIFIER or _determined(words, tags, i) or not fresh:
            fresh = tags[i] not in MODIFIER
            i += 1
            continue
        j = first
        head = -1
        while j < n and tags[j] in MODIFIER and words[j].lower() not in OTHER_DETERMINERS:
            if head >= 0 and tags[j] not in NOUN:
                break  # after a noun only nouns go on: `France last year` is two phrases
            if tags[j] in NOUN:
                head = j
            j += 1
        if head >= 0 and (article >= 0 or tags[first] not in ("VBN", "VBG")):
            yield Phrase(article, first, head)
            i, fresh = head + 1, True
        else:
            # `sent experts`: a participle that starts no phrase lets the next word start one
            i, fresh = i + 1, tags[i] in ("VBN", "VBG") or tags[i] not in MODIFIER


def _determined(words: Sequence[str], tags: Sequence[str], i: int) -> bool:
    if i == 0:
        return False
    prev = words[i - 1].lower()
    return tags[i - 1] in DETERMINED or prev in OTHER_DETERMINERS or (
        tags[i - 1] == "DT" and prev not in ARTICLES)
