"""Applying reviewed suggestions to a file in its own format (for `reviewer apply`).

`reviewer.review.apply` locates and verifies each suggestion in the file's text;
here each located edit is checked against the format (no tag deleted, nothing
protected touched: code, placeholders, entities, URLs), and a unit with a
refused edit is left untouched as a whole: its other edits are left out too,
so a target is never half corrected. The rest are written with the format's
escaping by `write_back`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.inputs.registry import write_back
from reviewer.inputs.writeback import Correction, refusal
from reviewer.review.apply import Outcome, apply
from reviewer.review.suggest import Suggestion
from reviewer.text.document import Document


def apply_in_format(
    doc: Document, suggestions: Sequence[Suggestion]
) -> tuple[Outcome, bytes, list[tuple[Suggestion, str]]]:
    """The outcome, the corrected file's bytes, and the suggestions refused with the reason."""
    outcome = apply(doc.text, suggestions)
    if doc.segments is None:
        return outcome, doc.encode(outcome.text), []
    refused = []
    spoilt: set[tuple[int, int]] = set()  # the file spans of units with a refused edit
    for a in outcome.applied:
        reason = refusal(doc.segments, Correction(a.start, a.end, a.replacement))
        if reason:
            refused.append((a.suggestion, reason))
            spoilt.update(_units(doc, a.start, a.end))
    first = {s.id for s, _ in refused}
    for a in outcome.applied:
        if spoilt & set(_units(doc, a.start, a.end)) and a.suggestion.id not in first:
            refused.append((a.suggestion, "another correction in its unit was refused: "
                                          "the unit is left as it is"))
    if refused:
        left_out = {s.id for s, _ in refused}
        outcome = apply(doc.text, [s for s in suggestions if s.id not in left_out])
    data = write_back(doc, [Correction(a.start, a.end, a.replacement) for a in outcome.applied])
    return outcome, data, refused


def _units(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """The file spans of the segments a file span lies in."""
    return [seg.file_span for seg in doc.segments or ()
            if seg.file_span[0] <= start and end <= seg.file_span[1]]
