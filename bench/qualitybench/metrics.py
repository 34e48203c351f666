"""Scores: sentence-level and token-level detection, and counts per rule and category.

A detection is a finding kept by the run (see `runner`). Sentence level: a
sentence is flagged when it has at least one detection. Token level: the
tokens that detections touch, against the gold erroneous tokens.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .datasets import Sentence


@dataclass(frozen=True, slots=True)
class Detection:
    """One finding, reduced to what scoring needs."""

    rule_id: str
    category: str
    severity: str
    tokens: tuple[int, ...]
    start: int = 0  # character span in the detokenised sentence
    end: int = 0
    replacement: str | None = None  # the top replacement, if any
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def f(self, beta: float = 0.5) -> float:
        p, r = self.precision, self.recall
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f05": round(self.f(), 4)}


@dataclass(frozen=True, slots=True)
class RuleCounts:
    """How often a rule (or category) was right and wrong.

    `tp`/`fp`: detections in erroneous / clean sentences. `token_tp`/`token_fp`:
    detections that touch / miss a gold token (sets with token gold only).
    """

    detections: int = 0
    tp: int = 0
    fp: int = 0
    token_tp: int = 0
    token_fp: int = 0

    def _t(self) -> tuple[int, ...]:
        return (self.detections, self.tp, self.fp, self.token_tp, self.token_fp)

    def to_dict(self) -> dict[str, int]:
        return dict(zip(("detections", "tp", "fp", "token_tp", "token_fp"), self._t(),
                        strict=True))


@dataclass(frozen=True, slots=True)
class Scores:
    sentences: int
    erroneous: int
    sentence: PRF
    false_alarms: int
    token: PRF | None
    rules: dict[str, RuleCounts] = field(default_factory=dict)
    categories: dict[str, RuleCounts] = field(default_factory=dict)

    @property
    def clean(self) -> int:
        return self.sentences - self.erroneous

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Headline figures at the top level, details below them."""
        tok = self.token
        return {
            "precision": round(self.sentence.precision, 4),
            "recall": round(self.sentence.recall, 4),
            "f05": round(self.sentence.f(), 4),
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "token_precision": round(tok.precision, 4) if tok else None,
            "token_recall": round(tok.recall, 4) if tok else None,
            "token_f05": round(tok.f(), 4) if tok else None,
            "sentences": self.sentences,
            "erroneous_sentences": self.erroneous,
            "clean_sentences": self.clean,
            "false_alarms": self.false_alarms,
            "sentence_counts": self.sentence.to_dict(),
            "token_counts": tok.to_dict() if tok else None,
            "rules": {k: v.to_dict() for k, v in _by_fp(self.rules)},
            "categories": {k: v.to_dict() for k, v in _by_fp(self.categories)},
        }


def _by_fp(counts: dict[str, RuleCounts]) -> list[tuple[str, RuleCounts]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1].fp, -kv[1].detections, kv[0]))


def score(sentences: Sequence[Sentence], detections: Sequence[Iterable[Detection]]) -> Scores:
    """Score the detections of each sentence (same order as `sentences`)."""
    tp = fp = fn = 0
    ttp = tfp = tfn = 0
    has_token_gold = all(s.gold_tokens is not None for s in sentences)
    rules: Counter[tuple[str, str]] = Counter()
    cats: Counter[tuple[str, str]] = Counter()
    for sent, found in zip(sentences, detections, strict=True):
        found = list(found)
        if found and sent.erroneous:
            tp += 1
        elif found:
            fp += 1
        elif sent.erroneous:
            fn += 1
        gold = sent.gold_tokens or frozenset()
        for d in found:
            kinds = ["detections", "tp" if sent.erroneous else "fp"]
            if sent.gold_tokens is not None:
                kinds.append("token_tp" if gold.intersection(d.tokens) else "token_fp")
            for k in kinds:
                rules[(d.rule_id, k)] += 1
                cats[(d.category, k)] += 1
        if has_token_gold:
            flagged = {t for d in found for t in d.tokens}
            ttp += len(flagged & gold)
            tfp += len(flagged - gold)
            tfn += len(gold - flagged)
    erroneous = sum(s.erroneous for s in sentences)
    return Scores(
        sentences=len(sentences),
        erroneous=erroneous,
        sentence=PRF(tp, fp, fn),
        false_alarms=fp,
        token=PRF(ttp, tfp, tfn) if has_token_gold and sentences else None,
        rules=_collect(rules),
        categories=_collect(cats),
    )


def _collect(counter: Counter[tuple[str, str]]) -> dict[str, RuleCounts]:
    out: dict[str, dict[str, int]] = {}
    for (key, kind), n in counter.items():
        out.setdefault(key, {})[kind] = n
    return {k: RuleCounts(**v) for k, v in sorted(out.items())}


def threshold_at_false_alarms(sentences: Sequence[Sentence],
                              detections: Sequence[Sequence[Detection]], rate: float) -> float:
    """The lowest confidence threshold at which the false-alarm rate is at most `rate`.

    A clean sentence is a false alarm at threshold t when one of its detections has a
    confidence of at least t; thresholds tried are 0 and each detection's confidence
    (and just above the highest, where nothing is detected).
    """
    clean = [max((d.confidence for d in ds), default=-1.0)
             for s, ds in zip(sentences, detections, strict=True) if not s.erroneous]
    if not clean:
        return 0.0
    tops = sorted(clean)
    candidates = sorted({0.0, *(d.confidence for ds in detections for d in ds)})
    for t in candidates:
        alarms = len(tops) - bisect.bisect_left(tops, t)
        if alarms / len(tops) <= rate:
            return t
    return math.nextafter(candidates[-1], math.inf)
