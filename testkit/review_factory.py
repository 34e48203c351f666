"""Suggestions for tests of the pure parts (merge, apply, store) that do not check text.

Findings here are placed by the test itself, as a checker would place them;
tests of checking use the real LanguageTool server instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from reviewer.model import Finding, Report, Severity, assign_ids
from reviewer.review.suggest import Suggestion, build_suggestions


def finding(text: str, start: int, end: int, rule: str = "RULE",
            replacements: tuple[str, ...] = ("X",)) -> Finding:
    """A finding of `rule` on `text[start:end]`, without its id yet."""
    return Finding(
        path="doc.txt", start=start, end=end, rule_id=rule, id="", sub_id="", source="test",
        category="GRAMMAR", issue_type="grammar", severity=Severity.MAJOR, message="msg",
        short_message="", line=1, column=start + 1, end_line=1, end_column=end + 1,
        text=text[start:end], context="", sentence="", replacements=replacements,
    )


def suggestions(text: str, spans: Iterable[tuple[int, int, tuple[str, ...]]],
                rule: str = "RULE") -> tuple[Suggestion, ...]:
    """Pending suggestions for findings at `spans` (start, end, replacements) of `text`."""
    found = assign_ids([finding(text, s, e, rule, r) for s, e, r in spans], text)
    return build_suggestions(Report(documents=(), findings=tuple(found)), text)
