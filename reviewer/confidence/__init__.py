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
from reviewer.confidence.names import DocumentWords, NameModel
from reviewer.model import Finding
from reviewer.text.segment import Segment


def score(
    findings: Sequence[Finding],
    text: str,
    segments: Sequence[Segment] | None = None,
    model: Model | None = None,
    prepared: DocumentFeatures | None = None,
    names: NameModel | None = None,
) -> list[float]:
    """The confidence of each finding of one document, in the order given.

    `text` is the document's text and `segments` its segments (None for plain
    text); `model` defaults to the shipped one. `prepared` holds features
    computed ahead, while the document was being checked. With `names`, a
    speller's finding on a name or local term is lowered below the model's
    threshold (reviewer.confidence.names).
    """
    if not findings:
        return []
    model = model or load_model()
    document = prepared or DocumentFeatures(text, segments)
    out = [model.confidence(x) for x in document.of(findings)]
    if names is None:
        return out
    words: DocumentWords | None = None
    for i, f in enumerate(findings):
        if names.applies(f):
            words = words or DocumentWords(document.texts)
            prose, sentence_begin = document.placed(f)
            if names.evidence(f, prose, words, sentence_begin).name:
                out[i] = names.lowered(out[i], model.min_confidence)
    return out


def with_confidence(
    findings: Sequence[Finding],
    text: str,
    segments: Sequence[Segment] | None = None,
    model: Model | None = None,
    prepared: DocumentFeatures | None = None,
    names: NameModel | None = None,
    scored: frozenset[str] = frozenset(),
) -> list[Finding]:
    """`findings` with their `confidence` set by `score`.

    Findings of the rules in `scored` keep the confidence their own model gave
    them (reviewer.rules.usage: the probability of the suggested article).
    """
    scores = score(findings, text, segments, model, prepared, names)
    return [f if f.rule_id in scored else replace(f, confidence=round(c, 4))
            for f, c in zip(findings, scores, strict=True)]


def visible(findings: Sequence[Finding], min_confidence: float) -> list[Finding]:
    """The findings at or above `min_confidence` (the others are hidden by default)."""
    return [f for f in findings if f.confidence >= min_confidence]


__all__ = ["DocumentFeatures", "Features", "Model", "ModelError", "NameModel", "Prose",
           "document_features", "features", "load_model", "score", "visible", "with_confidence"]
