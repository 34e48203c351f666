"""A multinomial logistic regression over named binary features, applied in pure Python."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reviewer.usage.packed import pack, unpack


@dataclass(frozen=True, slots=True)
class Linear:
    """Class names, an intercept per class, and per feature one weight per class.

    `weights[k * n + c]` is feature k's weight for class c (n classes), where
    k is the feature's place in `index`.
    """

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    index: Mapping[str, int]
    weights: Sequence[float]

    def probabilities(self, features: Iterable[str]) -> list[float]:
        """The probability of each class given the features present."""
        n = len(self.classes)
        z = list(self.intercept)
        for f in features:
            k = self.index.get(f)
            if k is not None:
                row = k * n
                for c in range(n):
                    z[c] += self.weights[row + c]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    @classmethod
    def from_rows(cls, classes: Sequence[str], intercept: Sequence[float],
                  rows: Mapping[str, Sequence[float]]) -> Linear:
        names = sorted(rows)
        weights = array("f", (w for name in names for w in rows[name]))
        return cls(tuple(classes), tuple(intercept), {f: k for k, f in enumerate(names)},
                   weights)

    def to_bytes(self) -> bytes:
        names = sorted(self.index, key=self.index.__getitem__)
        return pack({"schema_version": 1, "kind": "linear", "classes": list(self.classes),
                     "intercept": list(self.intercept)},
                    names, {"weights": array("f", self.weights)})

    @classmethod
    def from_bytes(cls, data: bytes) -> Linear:
        header, names, arrays = unpack(data)
        return cls(tuple(header["classes"]), tuple(header["intercept"]),
                   dict(zip(names, range(len(names)), strict=True)), arrays["weights"])
