"""The sets the confidence model learns from and is measured on, and how each is split.

| part | set | role |
| --- | --- | --- |
| `mlqe-train`, `mlqe-train-po` | MLQE-PE train (7,000), plain and as PO | training |
| `realec-train` | REALEC tuning set, first half | training |
| `translationese` | translationese-dev (168 sentences) | training |
| `mlqe-dev`, `mlqe-dev-po` | MLQE-PE dev (1,000), plain and as PO | held out |
| `realec-heldout` | REALEC tuning set, second half | held out |
| `conll13` | CoNLL-2013 test set | measured only |

Only sets whose licences let us ship what is learnt from them train the model
(and choose its threshold): MLQE-PE (CC0), translationese-dev (written for the
project) and REALEC (CC BY-SA 4.0: the model file carries its attribution and
share-alike, reviewer/data/README.md). CoNLL-2013 (NUCLE: non-commercial
research) and JFLEG (CC BY-NC-SA) are only measured on.

The PO parts are the same segments with their Russian source, checked as a
bilingual file: the source/target checks run and transliterations can be seen.

A finding is *real* when the annotators marked a token near it: one it
touches, or the token just before or after it (a gold token of a missing
word sits after the gap, and LanguageTool often marks the word before a
missing comma). Gold tokens are the harness's: REALEC `i` tokens, tokens of
M2 edits, MLQE-PE `BAD` word tags and the word after a `BAD` gap tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..datasets import (
    Dataset,
    Sentence,
    parse_mlqe,
    read_m2,
    read_mlqe_sources,
    read_realec,
)
from ..dev_sentences import read_translationese

NEAR = 1  # tokens on either side of a finding that still make it real


@dataclass(frozen=True, slots=True)
class Part:
    """Sentences of one set in one role, with their sources for bilingual parts."""

    name: str
    sentences: tuple[Sentence, ...]
    training: bool
    sources: tuple[str, ...] | None = None
    weight: float = 1.0  # of each finding in training

    @property
    def set_name(self) -> str:
        """The evaluation set this part belongs to (`mlqe-dev-po` -> `mlqe-dev`)."""
        return self.name.removesuffix("-po")


def _mlqe(folder: Path, split: str) -> tuple[Dataset, tuple[str, ...]]:
    def read(ext: str) -> str:
        return (folder / f"{split}.{ext}").read_text(encoding="utf-8")

    data = parse_mlqe(read("mt"), read("pe"), read("tags"))
    return data, read_mlqe_sources(folder / f"{split}.mt")


def realec_halves(sentences: Sequence[Sentence]) -> tuple[tuple[Sentence, ...], ...]:
    """The first and second half of REALEC, in file order (an essay is not cut in two
    more than once)."""
    half = len(sentences) // 2
    return tuple(sentences[:half]), tuple(sentences[half:])


def parts(eval_dir: Path) -> list[Part]:
    """Every part, training parts first."""
    train, train_src = _mlqe(eval_dir / "mlqe-ru-en", "train")
    dev, dev_src = _mlqe(eval_dir / "mlqe-ru-en", "dev")
    realec_train, realec_heldout = realec_halves(read_realec(eval_dir / "realec").sentences)
    translationese = read_translationese(eval_dir / "translationese-dev").sentences
    conll = read_m2(eval_dir / "conll13").sentences
    # MLQE-PE is seen twice (plain and bilingual): each copy weighs half.
    return [
        Part("mlqe-train", train.sentences, True, weight=0.5),
        Part("mlqe-train-po", train.sentences, True, train_src, weight=0.5),
        Part("realec-train", realec_train, True),
        Part("translationese", translationese, True),
        Part("mlqe-dev", dev.sentences, False),
        Part("mlqe-dev-po", dev.sentences, False, dev_src),
        Part("realec-heldout", realec_heldout, False),
        Part("conll13", conll, False),
    ]


def is_real(tokens: Sequence[int], gold: frozenset[int] | None) -> bool:
    """True when a gold token lies within `NEAR` tokens of the finding's tokens."""
    if not gold or not tokens:
        return False
    lo, hi = min(tokens) - NEAR, max(tokens) + NEAR
    return any(lo <= g <= hi for g in gold)
