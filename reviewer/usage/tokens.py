"""Words of a text with their code-point spans, split as the tagger was trained."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A word (letters, inner hyphens, dashes and apostrophes kept: `agro-industrial`, `O'Neill`,
# `Termez–Hairatan`), a clitic (`'s`, `n't`), a number with its separators, or one other
# character.
_TOKEN = re.compile(
    r"n['’]t\b|['’](?:s|re|ve|ll|d|m)\b"
    r"|[^\W\d_]+(?:(?:[-–]|['’](?!s\b|re\b|ve\b|ll\b|d\b|m\b))[^\W\d_]+)*(?=n['’]t\b)"
    r"|[^\W\d_]+(?:(?:[-–]|['’](?!s\b|re\b|ve\b|ll\b|d\b|m\b))[^\W\d_]+)*"
    r"|\d+(?:[.,/-]\d+)*(?:-[^\W\d_]+)?|\S"
)

# The tokens a sentence ends with; a line ending otherwise is a heading, which the usage and
# grammar rules leave alone (English leaves headings bare of articles, verbs, punctuation).
SENTENCE_FINAL = frozenset({".", "!", "?", ";", ":", "»", "”", '"', ")"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word or mark of a text: `text[start:end] == word`."""

    word: str
    start: int
    end: int


def tokens(text: str) -> Iterator[Token]:
    """Every token of `text`, in order (linear time: no pattern backtracks)."""
    for m in _TOKEN.finditer(text):
        yield Token(m.group(), m.start(), m.end())
