"""Fitting the confidence model: logistic regression, then isotonic calibration.

Every finding of the training parts is a row: its features exactly as
`reviewer.confidence` computes them at run time, its label (real or not,
`data.is_real`) and its weight. The regression's strength is chosen by
grouped cross-validation (a sentence and its bilingual copy stay in one
fold); the calibration map is fitted on the out-of-fold probabilities, so it
maps what the regression says about findings it has not seen to how often
such findings were real. Everything is deterministic: folds come from a
hash of the sentence id, the solver has no randomness.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from reviewer.confidence.features import Features, document_features
from reviewer.confidence.model import Model

from .collect import Checked
from .data import Part, is_real

FOLDS = 5
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
# Findings a rule (or category, issue type, source) needs in training for a weight of its
# own; below it, a rule is judged by its category, issue type and source alone.
MIN_SUPPORT = 8
_ONE_HOT = ("rule:", "category:", "issue:", "source:")
# Calibrated confidences stay inside (0, 1): no finding is certain either way.
FLOOR, CEILING = 0.01, 0.99


@dataclass(frozen=True, slots=True)
class Row:
    """One finding as the model sees it."""

    part: str
    set_name: str
    sentence: int  # index in the part
    features: Features
    real: bool
    weight: float
    training: bool

    @property
    def group(self) -> str:
        return f"{self.set_name}:{self.sentence}"

    @property
    def fold(self) -> int:
        return zlib.crc32(self.group.encode()) % FOLDS


def build_rows(parts: Sequence[Part], checked: dict[str, list[Checked]]) -> list[Row]:
    """One row per finding of every part, features computed as at run time."""
    rows = []
    for part in parts:
        for n, c in enumerate(checked[part.name]):
            if not c.findings:
                continue
            feats = document_features(c.findings, c.document.text, c.document.segments)
            for f, tokens in zip(feats, c.tokens, strict=True):
                rows.append(Row(part.name, part.set_name, n, f, is_real(tokens, c.gold),
                                part.weight, part.training))
    return rows


def vocabulary(rows: Sequence[Row], min_support: int = MIN_SUPPORT) -> list[str]:
    """Feature names of the training rows; one-hot names only with enough support."""
    support: Counter[str] = Counter()
    for r in rows:
        if r.training:
            support.update(k for k, v in r.features.items() if v)
    return sorted(k for k, n in support.items()
                  if not k.startswith(_ONE_HOT) or n >= min_support)


def matrix(rows: Sequence[Row], vocab: Sequence[str]) -> np.ndarray:
    index = {k: i for i, k in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        for k, v in r.features.items():
            j = index.get(k)
            if j is not None:
                x[i, j] = v
    return x


def _arrays(rows: Sequence[Row]) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([r.real for r in rows], dtype=float),
            np.array([r.weight for r in rows], dtype=float))


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> LogisticRegression:
    lr = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    lr.fit(x, y, sample_weight=w)
    return lr


def out_of_fold(rows: Sequence[Row], vocab: Sequence[str], c: float) -> np.ndarray:
    """The regression's probability for each (training) row from a model fitted without
    the row's fold."""
    x = matrix(rows, vocab)
    y, w = _arrays(rows)
    folds = np.array([r.fold for r in rows])
    out = np.zeros(len(rows))
    for k in range(FOLDS):
        held = folds == k
        lr = fit(x[~held], y[~held], w[~held], c)
        out[held] = lr.predict_proba(x[held])[:, 1]
    return out


def log_loss(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-(w * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() / w.sum())


def calibration(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[list[float], list[float]]:
    """The calibration map: isotonic regression of the labels on the raw probabilities,
    one point per block of equal fitted rate, placed at the block's mean raw probability.

    Interpolating between block centres (rather than keeping isotonic's steps) keeps
    the map strictly increasing, so the regression's ranking survives calibration.
    """
    iso = IsotonicRegression(y_min=FLOOR, y_max=CEILING, out_of_bounds="clip")
    fitted = iso.fit(p, y, sample_weight=w).predict(p)
    xs: list[float] = []
    ys: list[float] = []
    for level in np.unique(fitted):
        block = fitted == level
        xs.append(round(float(np.average(p[block], weights=w[block])), 6))
        ys.append(round(float(level), 6))
    return xs, ys


@dataclass(frozen=True, slots=True)
class Fitted:
    """The model and what training learnt about it."""

    model: Model
    vocab: list[str]
    c: float
    losses: dict[float, float]  # cross-validated log loss per C
    oof: np.ndarray  # calibrated out-of-fold confidence of each training row


def train(rows: Sequence[Row], info: dict[str, object]) -> Fitted:
    """Choose C, fit on every training row, calibrate on out-of-fold probabilities."""
    train_rows = [r for r in rows if r.training]
    vocab = vocabulary(train_rows)
    y, w = _arrays(train_rows)
    losses, oofs = {}, {}
    for c in C_GRID:
        oofs[c] = out_of_fold(train_rows, vocab, c)
        losses[c] = round(log_loss(oofs[c], y, w), 5)
    best = min(C_GRID, key=lambda c: (losses[c], c))
    lr = fit(matrix(train_rows, vocab), y, w, best)
    xs, ys = calibration(oofs[best], y, w)
    weights = {k: round(float(v), 6) for k, v in zip(vocab, lr.coef_[0], strict=True)
               if abs(v) >= 1e-6}
    model = Model(round(float(lr.intercept_[0]), 6), weights, tuple(xs), tuple(ys),
                  info={**info, "C": best, "features": len(vocab)})
    calibrated = np.array([model.calibrate(float(p)) for p in oofs[best]])
    return Fitted(model, vocab, best, losses, calibrated)
