"""The change a suggestion makes, as editors see it: derived, never stored.

A diff is the suggestion's sentence as context, and exactly the finding's
span turned into exactly the replacement `apply` writes, word by word inside
the span (`civil{+ian+} population`: reviewer.review.textmap.word_diff). What
`list`, the terminal walk and the HTML card show is therefore what `reviewer
apply` does, and what `decide --edit TEXT` replaces.

(Diffs used to be word-level diffs of the whole sentence, stored in the
review file. A word diff of the sentence widens a partial-word span to the
whole word: `25-27March` showed `[-27March-]{+27 March+}` while the span was
`7March`, so an edit typed from what was shown damaged the text. The word
diff is now made of the span and its replacement only, and never reaches
beyond the span.)
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from reviewer.review.textmap import word_diff


class Op(StrEnum):
    """A diff operation."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class DiffOp(NamedTuple):
    """One operation of a diff: keep, delete or insert `text` (never empty)."""

    op: Op
    text: str


def span_diff(context: str, start: int, end: int, replacement: str) -> tuple[DiffOp, ...]:
    """`context[start:end]` replaced by `replacement`, the rest of `context` kept."""
    ops = [DiffOp(Op.EQUAL, context[:start]), *inner_diff(context[start:end], replacement),
           DiffOp(Op.EQUAL, context[end:])]
    merged: list[DiffOp] = []
    for d in ops:
        if merged and merged[-1].op is d.op:
            merged[-1] = DiffOp(d.op, merged[-1].text + d.text)
        elif d.text:
            merged.append(d)
    return tuple(merged)


def inner_diff(span: str, replacement: str) -> tuple[DiffOp, ...]:
    """`span` turned into `replacement` word by word (the change only: no context)."""
    return tuple(DiffOp(Op(kind), text) for kind, text in word_diff(span, replacement))
