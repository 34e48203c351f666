"""Names: what to do with a spelling finding on a word that is most likely a name.

Strong evidence that a flagged word is a name: a spelling finding on a
capitalised word that transliterates a word of the Russian source (bilingual
input), or, without a source, a capitalised word used again in the same
document mid-sentence. Four ways to use it are compared on the same findings:

- *keep*: report every finding (the checker without a threshold);
- *drop*: remove findings with strong evidence, report the rest;
- *info*: lower their severity to info; what changes is the gate (`--fail-on
  major`, the default): a segment fails when it has a finding at major or above;
- *threshold*: let the evidence work through the model's confidence (a
  feature) and hide what falls below `min_confidence`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reviewer.confidence.features import Features
from reviewer.model import Finding, Severity

from ..datasets import Sentence
from ..metrics import Detection, Scores, score
from .collect import Checked


def strong_name(f: Finding, x: Features) -> bool:
    """A spelling finding on a word that is most likely a name."""
    if f.issue_type != "misspelling" or not x.get("capitalised"):
        return False
    if x.get("has_source"):
        return bool(x.get("name_in_source"))
    return bool(x.get("cap_mid")) and x.get("repeats", 0.0) > 0


@dataclass(frozen=True, slots=True)
class Item:
    """One finding with what the variants look at."""

    finding: Finding
    tokens: tuple[int, ...]
    confidence: float
    name: bool


Keep = Callable[[Item], bool]


def items(checked: Sequence[Checked], features: Sequence[Sequence[Features]],
          confidence: Sequence[Sequence[float]]) -> list[list[Item]]:
    return [[Item(f, t, c, strong_name(f, x))
             for f, t, c, x in zip(ch.findings, ch.tokens, cs, xs, strict=True)]
            for ch, xs, cs in zip(checked, features, confidence, strict=True)]


def _scores(sentences: Sequence[Sentence], found: Sequence[Sequence[Item]], keep: Keep,
            ) -> Scores:
    return score(sentences, [[Detection(i.finding.rule_id, i.finding.category,
                                        i.finding.severity.value, i.tokens)
                              for i in its if keep(i)] for its in found])


def variants(threshold: float) -> dict[str, Keep]:
    def at_major(i: Item) -> bool:
        return not i.name and i.finding.severity.at_least(Severity.MAJOR)

    return {
        "keep": lambda i: True,
        "drop": lambda i: not i.name,
        "gate before (major+)": lambda i: i.finding.severity.at_least(Severity.MAJOR),
        "gate with names as info": at_major,
        f"threshold {threshold:.2f}": lambda i: i.confidence >= threshold,
        f"threshold {threshold:.2f} + drop": lambda i: i.confidence >= threshold and not i.name,
    }


def table(sentences: Sequence[Sentence], found: Sequence[Sequence[Item]],
          threshold: float) -> list[tuple[str, Scores]]:
    """Scores of each variant on one part."""
    return [(name, _scores(sentences, found, keep))
            for name, keep in variants(threshold).items()]


def counts(found: Sequence[Sequence[Item]], sentences: Sequence[Sentence]) -> tuple[int, int]:
    """Findings with strong name evidence: in erroneous and in clean sentences."""
    names = [(s.erroneous, i) for s, its in zip(sentences, found, strict=True)
             for i in its if i.name]
    return sum(e for e, _ in names), sum(not e for e, _ in names)
