"""Reading `translationese-dev` as `Sentence` records, for training the confidence model.

The set is one text (`dev.txt`, a paragraph a line) and an editor's gold list
(`dev.gold.tsv`: line, exact fragment, occurrence, kind, better English). Each
paragraph is cut into sentences after `.`, `!` or `?` followed by a space and
a capital or an opening quote; a sentence's tokens are its whitespace-separated
words as written, so `detokenise` gives the text back. A token is gold when it
overlaps a gold fragment that is not `neutral` (an acceptable form: a finding
there is treated as not real). A sentence is erroneous when it has a gold token.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from .datasets import Dataset, Sentence

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z«\"“(])")
_WORD = re.compile(r"\S+")
NEUTRAL = "neutral"


def gold_spans(lines: Sequence[str], gold: Sequence[Sequence[str]]) -> dict[int, list[range]]:
    """Character spans of the non-neutral gold fragments, by 1-based line number."""
    spans: dict[int, list[range]] = {}
    for row in gold:
        number, fragment, occurrence, kind = int(row[0]), row[1], int(row[2]), row[3]
        if kind == NEUTRAL:
            continue
        line, at = lines[number - 1], -1
        for _ in range(occurrence):
            at = line.find(fragment, at + 1)
            if at < 0:
                raise ValueError(f"dev.gold.tsv: {fragment!r} not found {occurrence} "
                                 f"time(s) in line {number}")
        spans.setdefault(number, []).append(range(at, at + len(fragment)))
    return spans


def parse_translationese(text: str, gold_tsv: str) -> Dataset:
    """The sentences of `dev.txt` with token gold from `dev.gold.tsv`."""
    lines = text.splitlines()
    rows = [r for r in csv.reader(gold_tsv.splitlines(), delimiter="\t",
                                  quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]
    spans = gold_spans(lines, rows)
    sentences = []
    for number, line in enumerate(lines, 1):
        start = 0
        for part in [*_SENTENCE_END.split(line)]:
            if not part.strip():
                continue
            start = line.index(part, start)
            words = [(start + m.start(), start + m.end(), m.group())
                     for m in _WORD.finditer(part)]
            gold = frozenset(i for i, (s, e, _) in enumerate(words)
                             if any(s < g.stop and g.start < e for g in spans.get(number, ())))
            sentences.append(Sentence(f"translationese:{number}:{start}",
                                      tuple(w for _, _, w in words), bool(gold), gold))
            start += len(part)
    return Dataset("translationese", tuple(sentences))


def read_translationese(folder: Path) -> Dataset:
    """`folder` holds `dev.txt` and `dev.gold.tsv`."""
    return parse_translationese((folder / "dev.txt").read_text(encoding="utf-8"),
                                (folder / "dev.gold.tsv").read_text(encoding="utf-8"))
