"""Decisions follow the document's edits: a review's spans placed in the document's text now.

A review file keeps the text it was made on (`document.text`). When the
document has changed since, each suggestion's span is mapped onto the text
now (reviewer.review.textmap): a suggestion whose text is unchanged at its
mapped place is there, with its decision; one whose text changed is not
(obsolete on a re-review, stale for `apply`). Files written before the text
was kept cannot be mapped: their suggestions are found by fingerprint only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from reviewer.review.record import ReviewFile
from reviewer.review.suggest import Status, Suggestion
from reviewer.review.textmap import TextMap

Place = Callable[[Suggestion], tuple[int, int] | None]


def text_map(review: ReviewFile, text: str) -> TextMap | None:
    """The map from the text `review` was made on to `text`; None when the file lacks it."""
    return TextMap.between(review.document_text, text) if review.document_text else None


def placer(m: TextMap, fallback: Place | None = None) -> Place:
    """Where a suggestion made on the reviewed text is in the text now, or None.

    `fallback` is asked for the suggestions whose text changed where they were
    (`apply --force`: found again by fingerprint elsewhere).
    """
    def place(s: Suggestion) -> tuple[int, int] | None:
        at = m.span(s.finding.start, s.finding.end) if s.status is not Status.OBSOLETE else None
        return at if at is not None or fallback is None else fallback(s)
    return place


def moved(suggestions: Sequence[Suggestion], m: TextMap) -> tuple[Suggestion, ...]:
    """The suggestions (not obsolete) whose text is unchanged, with their spans and
    sentences in the text now; line and column stay those of the review."""
    out = []
    for s in suggestions:
        at = m.span(s.finding.start, s.finding.end) if s.status is not Status.OBSOLETE else None
        if at is None:
            continue
        out.append(replace(
            s, finding=replace(s.finding, start=at[0], end=at[1]),
            sentence_start=min(m.position(s.sentence_start), at[0]),
            sentence_end=max(m.position(s.sentence_end), at[1])))
    return tuple(out)
