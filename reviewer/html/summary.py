"""The report's summary: counts, findings per 1,000 words and the quality score.

The score is `reviewer.severity.quality_score` over the current findings
(obsolete suggestions are gone from the document), so the page and the CI
gates agree on the same number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reviewer.html.view import STATUSES
from reviewer.model import Severity
from reviewer.review.suggest import Status, Suggestion
from reviewer.severity import WEIGHTS, quality_score


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the page header; every tuple is in a stable display order."""

    findings: int
    words: int
    per_thousand_words: float
    score: float
    by_severity: tuple[tuple[str, int], ...]
    by_category: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    weights: tuple[tuple[str, int], ...]


def summarize(items: tuple[Suggestion, ...], words: int) -> Summary:
    """Counts by severity, category and status, and the score of the current findings."""
    current = [i for i in items if i.status is not Status.OBSOLETE]
    sev = Counter(i.finding.severity for i in current)
    cat = Counter(i.finding.category or "(none)" for i in current)
    status = Counter(i.status.value for i in items)
    return Summary(
        findings=len(current),
        words=words,
        per_thousand_words=round(len(current) * 1000 / words, 2) if words > 0 else 0.0,
        score=quality_score([i.finding.severity for i in current], words),
        by_severity=tuple((s.value, sev[s]) for s in Severity),
        # most frequent first, then by name, so equal inputs give equal pages
        by_category=tuple(sorted(cat.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_status=tuple((s, status[s]) for s in STATUSES),
        weights=tuple((s.value, WEIGHTS[s]) for s in Severity),
    )
