"""A calibrated confidence (0-1) on every finding: of findings at 0.8, about 80% are real.

`score` computes the features of each finding of one document
(`reviewer.confidence.features`) and applies the trained model
(`reviewer.confidence.model`, shipped as `reviewer/data/confidence.json`).
The model and how it was trained: docs/quality.md, "Confidence model".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reviewer.confidence.features import (
    DocumentFeatures,
    Features,
    Prose,
    document_features,
    features,
)
from reviewer.confidence.model import Model, ModelError, load_model
from reviewer.model import Finding
from reviewer.text.segment import Segment


def score(
    findings: Sequence[Finding],
    text: str,
    segments: Sequence[Segment] | None = None,
    model: Model | None = None,
    prepared: DocumentFeatures | None = None,
) -> list[float]:
    """The confidence of each finding of one document, in the order given.

    `text` is the document's text and `segments` its segments (None for plain
    text); `model` defaults to the shipped one. `prepared` holds features
    computed ahead, while the document was being checked.
    """
    if not findings:
        return []
    model = model or load_model()
    found = (prepared or DocumentFeatures(text, segments)).of(findings)
    return [model.confidence(x) for x in found]


def with_confidence(
    findings: Sequence[Finding],
    text: str,
    segments: Sequence[Segment] | None = None,
    model: Model | None = None,
    prepared: DocumentFeatures | None = None,
    scored: frozenset[str] = frozenset(),
) -> list[Finding]:
    """`findings` with their `confidence` set by `score`.

    Findings of the rules in `scored` keep the confidence their own model gave
    them (reviewer.rules.usage: the probability of the suggested article).
    """
    scores = score(findings, text, segments, model, prepared)
    return [f if f.rule_id in scored else replace(f, confidence=round(c, 4))
            for f, c in zip(findings, scores, strict=True)]


def visible(findings: Sequence[Finding], min_confidence: float) -> list[Finding]:
    """The findings at or above `min_confidence` (the others are hidden by default)."""
    return [f for f in findings if f.confidence >= min_confidence]


__all__ = ["DocumentFeatures", "Features", "Model", "ModelError", "Prose", "document_features",
           "features", "load_model", "score", "visible", "with_confidence"]
