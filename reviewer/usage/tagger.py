"""A part-of-speech tagger: averaged perceptron over Penn Treebank tags.

Trained by `bench/train_usage.py` on the English Web Treebank (CC BY-SA 4.0,
see reviewer/data/USAGE.md). Frequent words that took one tag in at least 97 %
of their training uses are looked up, not scored; the rest are scored with
the features of `features()`. Tagging is linear in the number of tokens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

START = ("-START-", "-START2-")
END = ("-END-", "-END2-")


def normalise(word: str) -> str:
    """The form the model sees: numbers and years folded, words lower-cased."""
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


def shape(word: str) -> str:
    """A coarse shape: Xx, XX, x, d, with a hyphen mark."""
    kind = ("XX" if word.isupper() and len(word) > 1 else "Xx" if word[:1].isupper()
            else "d" if word[:1].isdigit() else "x")
    return kind + ("-" if "-" in word else "")


def features(i: int, word: str, context: Sequence[str], raw: Sequence[str],
             prev: str, prev2: str) -> list[str]:
    """The features of the word at `i` (`context` is padded by two on each side)."""
    j = i + 2
    w = context[j]
    return [
        "b",
        "s3 " + w[-3:],
        "s2 " + w[-2:],
        "p1 " + w[:1],
        "sh " + shape(raw[i]),
        "t1 " + prev,
        "t2 " + prev2,
        "tt " + prev + " " + prev2,
        "w " + w,
        "tw " + prev + " " + w,
        "w-1 " + context[j - 1],
        "s-1 " + context[j - 1][-3:],
        "w-2 " + context[j - 2],
        "w+1 " + context[j + 1],
        "s+1 " + context[j + 1][-3:],
        "w+2 " + context[j + 2],
    ]


@dataclass(frozen=True, slots=True)
class Tagger:
    """Weights by feature (tag index → weight), the tags, and the looked-up words."""

    tags: tuple[str, ...]
    weights: Mapping[str, Mapping[int, float]]
    lookup: Mapping[str, str]

    def tag(self, words: Sequence[str]) -> list[str]:
        """The tag of each word of one sentence."""
        context = [*START, *(normalise(w) for w in words), *END]
        prev, prev2 = START
        out = []
        n = len(self.tags)
        for i, word in enumerate(words):
            tag = self.lookup.get(context[i + 2])
            if tag is None:
                scores = [0.0] * n
                for f in features(i, word, context, words, prev, prev2):
                    for t, w in self.weights.get(f, {}).items():
                        scores[t] += w
                tag = self.tags[max(range(n), key=scores.__getitem__)]
            out.append(tag)
            prev2, prev = prev, tag
        return out
