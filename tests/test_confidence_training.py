"""The training side of the confidence model: labels, thresholds, reliability, calibration."""

from __future__ import annotations

import pytest

from bench.qualitybench.confidence.data import is_real
from bench.qualitybench.confidence.evaluate import (
    Limit,
    Point,
    calibration_error,
    choose_threshold,
    reliability,
)


def test_a_finding_is_real_when_a_gold_token_is_next_to_it() -> None:
    assert is_real((3,), frozenset({3}))
    assert is_real((3,), frozenset({4}))  # the word after a missing comma
    assert is_real((3, 4), frozenset({2}))
    assert not is_real((3,), frozenset({5}))
    assert not is_real((3,), frozenset())
    assert not is_real((), frozenset({0}))
    assert not is_real((3,), None)


def test_reliability_bins_count_confidence_against_real_rate() -> None:
    conf = [0.05, 0.15, 0.85, 0.95, 1.0]
    real = [False, True, True, True, False]
    table = reliability(conf, real, bins=2)
    assert [(b.count, b.real_rate) for b in table] == [(2, 0.5), (3, 2 / 3)]
    assert table[1].mean_confidence == pytest.approx(0.9333, abs=1e-4)
    assert calibration_error(table) == pytest.approx((2 * 0.4 + 3 * (0.9333 - 2 / 3)) / 5,
                                                     abs=1e-4)


def curve(*points: tuple[float, float]) -> list[Point]:
    return [Point(t / 10, f, fa, None, 0.0, 0.0) for t, (f, fa) in enumerate(points)]


def test_the_threshold_keeps_false_alarms_within_the_limits() -> None:
    curves = {
        "a": curve((0.80, 0.20), (0.82, 0.16), (0.80, 0.12), (0.70, 0.05)),
        "b": curve((0.45, 0.25), (0.44, 0.19), (0.43, 0.15), (0.30, 0.05)),
    }
    limits = [Limit("a", 0.15), Limit("b", 0.20)]
    assert choose_threshold(curves, limits, {}) == 0.2  # best mean F0.5 within the limits
    # keeping set b's F0.5 at 0.44 or more allows no threshold within a's limit:
    # the fewest broken conditions, then the best F0.5
    assert choose_threshold(curves, limits, {"b": 0.44}) == 0.1
    assert choose_threshold(curves, [], {}) == 0.1  # no limits: the best mean F0.5


def test_calibration_is_increasing_and_inside_0_1() -> None:
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    from bench.qualitybench.confidence.train import calibration

    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 2000)
    y = (rng.uniform(0, 1, 2000) < p**2).astype(float)  # over-confident raw scores
    xs, ys = calibration(p, y, np.ones_like(p))
    assert xs == sorted(xs) and ys == sorted(ys)
    assert 0.0 < ys[0] and ys[-1] < 1.0
    middle = ys[min(range(len(xs)), key=lambda i: abs(xs[i] - 0.5))]
    assert middle == pytest.approx(0.25, abs=0.1)
