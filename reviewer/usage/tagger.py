"""A part-of-speech tagger: averaged perceptron over Penn Treebank tags.

Trained by `bench/train_usage.py` on the English Web Treebank (CC BY-SA 4.0,
see reviewer/data/USAGE.md). Frequent words that took one tag in at least 97 %
of their training uses are looked up, not scored; the rest are scored with
the features of `features()`. Tagging is linear in the number of tokens.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reviewer.usage.packed import pack, unpack

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
        # a capital at a sentence's start says little: its own shape
        "sh " + shape(raw[i]) + ("0" if i == 0 else ""),
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
    """The tags, the looked-up words, and per feature its (tag, weight) pairs.

    Feature k's pairs are `tag_ids[j]`, `weights[j]` for j from `starts[k]` to
    `starts[k + 1]`, k being its place in `index`.
    """

    tags: tuple[str, ...]
    lookup: Mapping[str, str]
    index: Mapping[str, int]
    starts: Sequence[int]
    tag_ids: Sequence[int]
    weights: Sequence[float]

    def tag(self, words: Sequence[str]) -> list[str]:
        """The tag of each word of one sentence."""
        context = [*START, *(normalise(w) for w in words), *END]
        prev, prev2 = START
        out = []
        # Locals, and each feature's pairs as two array slices: half the time of indexing
        # the arrays pair by pair (1 MB of text is about 200,000 words to tag). The sums
        # are made in the same order, so the tags are the same.
        tags, lookup, index = self.tags, self.lookup.get, self.index.get
        starts, tag_ids, weights = self.starts, self.tag_ids, self.weights
        for i, word in enumerate(words):
            tag = lookup(context[i + 2])
            if tag is None:
                scores = [0.0] * len(tags)
                for f in features(i, word, context, words, prev, prev2):
                    k = index(f)
                    if k is not None:
                        start, end = starts[k], starts[k + 1]
                        for t, w in zip(tag_ids[start:end], weights[start:end], strict=True):
                            scores[t] += w
                tag = tags[scores.index(max(scores))]  # the first best, as max(key=) picks
            out.append(tag)
            prev2, prev = prev, tag
        return out

    @classmethod
    def from_weights(cls, tags: Sequence[str], lookup: Mapping[str, str],
                     weights: Mapping[str, Mapping[int, float]]) -> Tagger:
        names = sorted(weights)
        starts, tag_ids, values = array("I", [0]), array("B"), array("f")
        for name in names:
            for t, w in sorted(weights[name].items()):
                tag_ids.append(t)
                values.append(w)
            starts.append(len(values))
        return cls(tuple(tags), dict(lookup), {f: k for k, f in enumerate(names)}, starts,
                   tag_ids, values)

    def to_bytes(self) -> bytes:
        names = sorted(self.index, key=self.index.__getitem__)
        return pack({"schema_version": 1, "kind": "tagger", "tags": list(self.tags),
                     "lookup": dict(sorted(self.lookup.items()))}, names,
                    {"starts": array("I", self.starts), "tags": array("B", self.tag_ids),
                     "weights": array("f", self.weights)})

    @classmethod
    def from_bytes(cls, data: bytes) -> Tagger:
        header, names, arrays = unpack(data)
        index = dict(zip(names, range(len(names)), strict=True))
        return cls(tuple(header["tags"]), header["lookup"], index, arrays["starts"],
                   arrays["tags"], arrays["weights"])
