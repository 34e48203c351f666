"""A calibrated confidence (0-1) on every finding: of findings at 0.8, about 80% are real.

`score` computes the features of each finding of one document
(`reviewer.confidence.features`) and applies the trained model
(`reviewer.confidence.model`, shipped as `reviewer/data/confidence.json`).
The model and how it was trained: docs/quality.md, "Confidence model".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reviewer.confidence.features import Features, Prose, document_features, features, zipf
from reviewer.confidence.model import Model, ModelError, load_model
from reviewer.model import Finding
from reviewer.text.segment import Segment


def score(
    findings: Sequence[Finding],
    text: str,
    segments: Sequence[Segment] | None = None,
    model: Model | None = None,
) -> list[float]:
    """The confidence of each finding of one document, in the order given.

    `text` is the document's text and `segments` its segments (None for plain
    text); `model` defaults to the shipped one.
    """
    if not findings:
        return []
    model = model or load_model()
    return [model.confidence(f) for f in document_features(findings, text, segments)]


def with_confidence(
    findings: Sequence[Finding],
    text: str,
    segments: Sequence[Segment] | None = None,
    model: Model | None = None,
) -> list[Finding]:
    """`findings` with their `confidence` set by `score`."""
    return [replace(f, confidence=round(c, 4))
            for f, c in zip(findings, score(findings, text, segments, model), strict=True)]


def warm_up() -> None:
    """Load what scoring reads on first use (wordfreq's English table, about 0.3 s), so that
    it can happen while LanguageTool works rather than after."""
    zipf("the")


def visible(findings: Sequence[Finding], min_confidence: float) -> list[Finding]:
    """The findings at or above `min_confidence` (the others are hidden by default)."""
    return [f for f in findings if f.confidence >= min_confidence]


__all__ = ["Features", "Model", "ModelError", "Prose", "document_features", "features",
           "load_model", "score", "visible", "warm_up", "with_confidence"]
