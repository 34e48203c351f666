"""After applying: which corrected findings remain, and which fixes made new ones.

The corrected text is checked again with the review's settings. A finding
*remains* when its rule is still reported at the corrected place. A fix
*regressed* when its corrected sentence has a finding that the sentence did
not have before (the same rule on the same text): `This are wrong.` with both
fixes accepted gives `These is wrong.`, and THIS_NNS on `These` is new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.model import Finding
from reviewer.review.apply import Applied
from reviewer.review.suggest import Status, Suggestion
from reviewer.text.sentences import sentence_bounds


@dataclass(frozen=True, slots=True)
class Recheck:
    remaining: tuple[tuple[Applied, Finding], ...]
    regressed: tuple[tuple[Applied, Finding], ...]


def compare(
    applied: Sequence[Applied],
    suggestions: Sequence[Suggestion],
    original: str,
    corrected: str,
    findings: Sequence[Finding],
) -> Recheck:
    """Compare the re-check's `findings` on `corrected` with what the review had on `original`."""
    remaining: list[tuple[Applied, Finding]] = []
    regressed: list[tuple[Applied, Finding]] = []
    blamed: set[str] = set()
    live = [s.finding for s in suggestions if s.status is not Status.OBSOLETE]
    for a in applied:
        rule = a.suggestion.finding.rule_id
        for f in findings:
            if f.rule_id == rule and f.start <= a.new_end and a.new_start <= f.end:
                remaining.append((a, f))
                break
        o_start, o_end = sentence_bounds(original, a.start, a.end)
        before = {(f.rule_id, f.text) for f in live if o_start <= f.start and f.end <= o_end}
        c_start, c_end = sentence_bounds(corrected, a.new_start, a.new_end)
        for f in findings:
            if (f.id not in blamed and f.start < c_end and c_start < f.end
                    and (f.rule_id, f.text) not in before):
                blamed.add(f.id)
                regressed.append((a, f))
    return Recheck(tuple(remaining), tuple(regressed))
