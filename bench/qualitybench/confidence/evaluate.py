"""Measuring the model where it was not trained: reliability tables and thresholds.

A reliability table puts findings in bins of predicted confidence and gives,
per bin, how many there are, their mean confidence and the observed rate of
real findings: a calibrated model has the two close in every bin with enough
findings. Sentence-level figures at a threshold are the harness's own
(`qualitybench.metrics.score`) on the findings at or above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..datasets import Sentence
from ..metrics import Detection, Scores, score
from .collect import Checked

BINS = 10


@dataclass(frozen=True, slots=True)
class Bin:
    low: float
    high: float
    count: float  # weighted
    mean_confidence: float
    real_rate: float


def reliability(confidence: Sequence[float], real: Sequence[bool],
                bins: int = BINS) -> list[Bin]:
    """Findings binned by confidence ([0, 0.1), ..., [0.9, 1.0])."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in zip(confidence, real, strict=True)
                  if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        n = len(inside)
        out.append(Bin(lo, hi, n, sum(c for c, _ in inside) / n if n else 0.0,
                       sum(r for _, r in inside) / n if n else 0.0))
    return out


def calibration_error(table: Sequence[Bin]) -> float:
    """Expected calibration error: |confidence - rate| averaged over findings."""
    total = sum(b.count for b in table)
    return sum(b.count * abs(b.mean_confidence - b.real_rate) for b in table) / total


def brier(confidence: Sequence[float], real: Sequence[bool]) -> float:
    return sum((c - r) ** 2 for c, r in zip(confidence, real, strict=True)) / len(confidence)


def detections(checked: Sequence[Checked], confidence: Sequence[Sequence[float]],
               threshold: float) -> list[list[Detection]]:
    """Each sentence's findings at or above `threshold`, as the harness's detections."""
    return [[Detection(f.rule_id, f.category, f.severity.value, tokens, confidence=conf)
             for f, tokens, conf in zip(c.findings, c.tokens, confs, strict=True)
             if conf >= threshold]
            for c, confs in zip(checked, confidence, strict=True)]


def at_threshold(sentences: Sequence[Sentence], checked: Sequence[Checked],
                 confidence: Sequence[Sequence[float]], threshold: float) -> Scores:
    return score(sentences, detections(checked, confidence, threshold))


@dataclass(frozen=True, slots=True)
class Point:
    """Sentence and token figures of one set at one threshold."""

    threshold: float
    f05: float
    false_alarm_rate: float
    token_f05: float | None
    precision: float
    recall: float

    @classmethod
    def of(cls, threshold: float, s: Scores) -> Point:
        return cls(threshold, s.sentence.f(), s.false_alarm_rate,
                   s.token.f() if s.token else None, s.sentence.precision, s.sentence.recall)


@dataclass(frozen=True, slots=True)
class Limit:
    """The most false alarms a set may have, and how much F0.5 it may lose to get there."""

    set_name: str
    max_false_alarms: float


def choose_threshold(curves: dict[str, list[Point]], limits: Sequence[Limit],
                     keep_f05: dict[str, float]) -> float:
    """The threshold with the best mean sentence F0.5 over the sets in `curves`, among
    those that keep every set's false alarms within its limit and every set in
    `keep_f05` at or above that F0.5; the lowest threshold wins ties.

    Without any threshold meeting the limits, the one with the fewest limits broken
    (then the best mean F0.5) is taken.
    """
    thresholds = [p.threshold for p in next(iter(curves.values()))]

    def broken(i: int) -> int:
        over = sum(curves[lim.set_name][i].false_alarm_rate > lim.max_false_alarms
                   for lim in limits)
        under = sum(curves[name][i].f05 < f for name, f in keep_f05.items())
        return over + under

    def mean_f05(i: int) -> float:
        return sum(c[i].f05 for c in curves.values()) / len(curves)

    best = min(range(len(thresholds)), key=lambda i: (broken(i), -round(mean_f05(i), 4), i))
    return thresholds[best]
