"""After applying: which corrected findings remain, and which fixes made new ones.

The corrected text is checked again with the review's settings. A finding
*remains* when its rule is still reported at the corrected place. A fix
*regressed* when its corrected sentence has a finding that the sentence did
not have before (the same rule on the same text): `This are wrong.` with both
fixes accepted gives `These is wrong.`, and THIS_NNS on `These` is new.

In a file with markup (HTML, XLIFF, PO, Markdown) a sentence is found in the
text of the segment the fix is in, as it was checked: found in the raw file,
one "sentence" ran across elements, and a regression in a table cell was
blamed on a fix two elements up (issue 20).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.model import Finding
from reviewer.review.apply import Applied
from reviewer.review.suggest import Status, Suggestion
from reviewer.text.document import Document
from reviewer.text.segment import SegmentIndex
from reviewer.text.sentences import sentence_bounds


@dataclass(frozen=True, slots=True)
class Recheck:
    remaining: tuple[tuple[Applied, Finding], ...]
    regressed: tuple[tuple[Applied, Finding], ...]


class Sentences:
    """The sentence around a span of a document's text, in the prose that was checked."""

    __slots__ = ("text", "segments")

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.segments = None if doc.segments is None else SegmentIndex(doc.segments)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the sentence around `text[start:end]`, in the text's offsets."""
        held = [seg for seg in self.segments.around(start, end) if seg.pieces] if (
            self.segments is not None) else []
        if not held:
            return sentence_bounds(self.text, start, end)
        span = held[0].from_file(start, end)
        if span is None:
            return sentence_bounds(self.text, start, end)
        return held[0].to_file(*sentence_bounds(held[0].text, *span))


def compare(
    applied: Sequence[Applied],
    suggestions: Sequence[Suggestion],
    original: Document,
    corrected: Document,
    findings: Sequence[Finding],
) -> Recheck:
    """Compare the re-check's `findings` on `corrected` with what the review had on `original`.

    Both documents are read in their format (reviewer.inputs.load): with their segments.
    """
    remaining: list[tuple[Applied, Finding]] = []
    regressed: list[tuple[Applied, Finding]] = []
    blamed: set[str] = set()
    live = [s.finding for s in suggestions if s.status is not Status.OBSOLETE]
    before_fix, after_fix = Sentences(original), Sentences(corrected)
    for a in applied:
        rule = a.suggestion.finding.rule_id
        for f in findings:
            if f.rule_id == rule and f.start <= a.new_end and a.new_start <= f.end:
                remaining.append((a, f))
                break
        o_start, o_end = before_fix.around(a.start, a.end)
        before = {(f.rule_id, f.text) for f in live if o_start <= f.start and f.end <= o_end}
        c_start, c_end = after_fix.around(a.new_start, a.new_end)
        for f in findings:
            if (f.id not in blamed and f.start < c_end and c_start < f.end
                    and (f.rule_id, f.text) not in before):
                blamed.add(f.id)
                regressed.append((a, f))
    return Recheck(tuple(remaining), tuple(regressed))
