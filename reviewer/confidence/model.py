"""The trained confidence model: logistic regression plus a calibration map.

The model file (`reviewer/data/confidence.json`, written by
`bench/train_confidence.py`) holds plain numbers: an intercept, one weight per
feature name, and the calibration map from the regression's probability to
the observed rate of real findings, as (x, y) points to interpolate between.
Applying it is a dot product, a logistic function and an interpolation; no
numerical library is needed at run time.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer import data
from reviewer.confidence.features import Features

SCHEMA_VERSION = 1
MODEL_FILE = "confidence.json"


class ModelError(ValueError):
    """A model file that cannot be used; the message names the problem."""


@dataclass(frozen=True, slots=True)
class Model:
    """Weights by feature name, and the calibration map (increasing x)."""

    intercept: float
    weights: Mapping[str, float]
    calibration_x: tuple[float, ...]
    calibration_y: tuple[float, ...]
    min_confidence: float = 0.0
    info: Mapping[str, Any] = field(default_factory=dict)

    def raw(self, features: Features) -> float:
        """The regression's probability, before calibration."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def calibrate(self, p: float) -> float:
        """The observed rate of real findings at raw probability `p` (linear between points)."""
        xs, ys = self.calibration_x, self.calibration_y
        if not xs:
            return p
        i = bisect.bisect_right(xs, p)
        if i == 0:
            return ys[0]
        if i == len(xs):
            return ys[-1]
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 + (y1 - y0) * (p - x0) / (x1 - x0) if x1 > x0 else y1

    def confidence(self, features: Features) -> float:
        """Calibrated confidence (0-1) that a finding with these features is real."""
        return self.calibrate(self.raw(features))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "intercept": self.intercept,
            "weights": dict(sorted(self.weights.items())),
            "calibration": {"x": list(self.calibration_x), "y": list(self.calibration_y)},
            "min_confidence": self.min_confidence,
            "info": dict(self.info),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ModelError(f"model schema_version {data.get('schema_version')!r}, expected "
                             f"{SCHEMA_VERSION}")
        try:
            xs = tuple(float(x) for x in data["calibration"]["x"])
            ys = tuple(float(y) for y in data["calibration"]["y"])
            model = cls(
                intercept=float(data["intercept"]),
                weights={str(k): float(v) for k, v in data["weights"].items()},
                calibration_x=xs,
                calibration_y=ys,
                min_confidence=float(data.get("min_confidence", 0.0)),
                info=dict(data.get("info", {})),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"model file is malformed: {exc!r}") from None
        if len(xs) != len(ys) or any(b < a for a, b in zip(xs, xs[1:], strict=False)):
            raise ModelError("calibration x must increase and pair with y")
        return model


def load_model(path: str | Path | None = None) -> Model:
    """The model at `path`, or the one shipped in the package."""
    if path is None:
        text = data.read_text(MODEL_FILE)
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"model file is not JSON: {exc}") from None
    return Model.from_dict(fields)


def save_model(model: Model, path: str | Path) -> None:
    """Write `model` as stable, readable JSON."""
    Path(path).write_text(json.dumps(model.to_dict(), indent=1, sort_keys=False) + "\n",
                          encoding="utf-8")
