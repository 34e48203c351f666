"""Applying reviewed suggestions to a file in its own format (for `reviewer apply`).

`reviewer.review.apply` locates and verifies each suggestion in the file's text;
here each located edit is checked against the format (no tag deleted, nothing
protected touched: code, placeholders, entities, URLs; in a bilingual unit, no
placeholder added or dropped), and a unit with a refused edit is left
untouched as a whole: its other edits are left out too, so a target is never
half corrected. The rest are written with the format's
escaping by `write_back`; an edit the format refuses only when written (a
Markdown edit that would change the block structure) is refused the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reviewer.inputs.registry import write_back
from reviewer.inputs.writeback import Correction, WriteBackError, placeholder_refusal, refusal
from reviewer.review.apply import Applied, ApplyOutcome, apply
from reviewer.review.suggest import Suggestion
from reviewer.text.document import Document
from reviewer.text.segment import SegmentIndex

Refused = list[tuple[Suggestion, str]]
UNIT_LEFT = "another correction in its unit was refused: the unit is left as it is"


def apply_in_format(
    doc: Document, suggestions: Sequence[Suggestion],
    place: Callable[[Suggestion], tuple[int, int] | None] | None = None,
) -> tuple[ApplyOutcome, bytes, Refused]:
    """The outcome, the corrected file's bytes, and the suggestions refused with the reason.

    `place` finds each suggestion in the text (reviewer.review.apply.apply).
    """
    outcome = apply(doc.text, suggestions, place)
    if doc.segments is None:
        return outcome, doc.encode(outcome.text), []
    index = SegmentIndex(doc.segments)
    refused: Refused = []
    spoilt: set[tuple[int, int]] = set()  # the file spans of units with a refused edit
    while True:  # each round leaves at least one suggestion out
        found = [(a.suggestion, reason) for a in outcome.applied
                 if (reason := refusal(index, _correction(a))
                     or placeholder_refusal(index, _correction(a)))]
        if not found:
            try:
                return outcome, write_back(doc, [_correction(a) for a in outcome.applied]), refused
            except WriteBackError:
                # The format refuses the batch (Markdown: a structure change): find
                # the corrections it refuses alone; none alone: nothing is written.
                found = _refused_alone(doc, outcome)
                if not found:
                    raise
        first = {s.id for s, _ in found}
        spoilt.update(u for a in outcome.applied if a.suggestion.id in first
                      for u in _units(index, a.start, a.end))
        refused += found
        refused += [(a.suggestion, UNIT_LEFT) for a in outcome.applied
                    if a.suggestion.id not in first and spoilt & set(_units(index, a.start, a.end))]
        left_out = {s.id for s, _ in refused}
        # Leaving some out may let a suggestion they overlapped apply: checked next round.
        outcome = apply(doc.text, [s for s in suggestions if s.id not in left_out], place)


def _refused_alone(doc: Document, outcome: ApplyOutcome) -> Refused:
    out = []
    for a in outcome.applied:
        try:
            write_back(doc, [_correction(a)])
        except WriteBackError as exc:
            out.append((a.suggestion, str(exc)))
    return out


def _correction(a: Applied) -> Correction:
    return Correction(a.start, a.end, a.replacement)


def _units(index: SegmentIndex, start: int, end: int) -> list[tuple[int, int]]:
    """The file spans of the segments a file span lies in."""
    return [seg.file_span for seg in index.around(start, end)]
