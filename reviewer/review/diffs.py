"""The change a suggestion makes, as editors see it: derived, never stored.

A diff is the suggestion's sentence as context, exactly the finding's span
as the text deleted and exactly the replacement `apply` writes as the text
inserted. What `list`, the terminal walk and the HTML card show is therefore
what `reviewer apply` does, and what `decide --edit TEXT` replaces.

(Diffs used to be word-level diffs of the whole sentence, made with
diff-match-patch and stored in the review file. A word diff widens a
partial-word span to the whole word: `25-27March` showed `[-27March-]{+27
March+}` while the span was `7March`, so an edit typed from what was shown
damaged the text. The stored diffs were also most of a review file's size.)
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


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
    ops = (DiffOp(Op.EQUAL, context[:start]), DiffOp(Op.DELETE, context[start:end]),
           DiffOp(Op.INSERT, replacement), DiffOp(Op.EQUAL, context[end:]))
    return tuple(d for d in ops if d.text)
