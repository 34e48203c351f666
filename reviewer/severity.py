"""Severity of a finding, from its rule, category and issue type.

Lookup order, for every finding whatever its rule: a per-rule override, a
per-category override, the rule's own default (our rules declare one), the
category table below, the issue-type table below, then `minor`. Weights for the
quality score live here too, so the report and the CI gates agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reviewer.model import Severity

# LanguageTool categories whose findings are judged the same whatever the
# issue type: STYLE-like categories are advice, TYPOS and GRAMMAR are errors.
CATEGORY_SEVERITY: Mapping[str, Severity] = {
    "GRAMMAR": Severity.MAJOR,
    "TYPOS": Severity.MAJOR,
    "CONFUSED_WORDS": Severity.MAJOR,
    "SEMANTICS": Severity.MAJOR,
    "NONSTANDARD_PHRASES": Severity.MINOR,
    "COLLOCATIONS": Severity.MINOR,
    "CASING": Severity.MINOR,
    "COMPOUNDING": Severity.MINOR,
    "PUNCTUATION": Severity.MINOR,
    "TYPOGRAPHY": Severity.MINOR,
    "REPETITIONS": Severity.MINOR,
    "FALSE_FRIENDS": Severity.INFO,
    "STYLE": Severity.INFO,
    "REDUNDANCY": Severity.INFO,
    "PLAIN_ENGLISH": Severity.INFO,
    "REPETITIONS_STYLE": Severity.INFO,
    "AMERICAN_ENGLISH_STYLE": Severity.INFO,
    "BRITISH_ENGLISH": Severity.INFO,
    "CREATIVE_WRITING": Severity.INFO,
    "WIKIPEDIA": Severity.INFO,
}

# ITS 2.0 issue types, used when the category is not in the table above.
ISSUE_TYPE_SEVERITY: Mapping[str, Severity] = {
    "misspelling": Severity.MAJOR,
    "grammar": Severity.MAJOR,
    "mistranslation": Severity.CRITICAL,
    "untranslated": Severity.CRITICAL,
    "omission": Severity.CRITICAL,
    "terminology": Severity.MAJOR,
    "inconsistency": Severity.MINOR,
    "typographical": Severity.MINOR,
    "whitespace": Severity.MINOR,
    "duplication": Severity.MINOR,
    "locale-violation": Severity.MINOR,
    "characters": Severity.MINOR,
    "uncategorized": Severity.MINOR,
    "style": Severity.INFO,
    "register": Severity.INFO,
}

# MQM-style penalty points per finding; the quality score is the sum per
# 1,000 words (lower is better).
WEIGHTS: Mapping[Severity, int] = {
    Severity.CRITICAL: 10,
    Severity.MAJOR: 5,
    Severity.MINOR: 1,
    Severity.INFO: 0,
}


@dataclass(frozen=True, slots=True)
class SeverityMap:
    """Default severities with the user's overrides per rule and per category."""

    rules: Mapping[str, Severity] = field(default_factory=dict)
    categories: Mapping[str, Severity] = field(default_factory=dict)

    def severity(
        self, rule_id: str, category: str, issue_type: str, default: Severity | None = None
    ) -> Severity:
        """The severity of a finding of `rule_id` (lookup order in the module docstring)."""
        if rule_id in self.rules:
            return self.rules[rule_id]
        if category in self.categories:
            return self.categories[category]
        if default is not None:
            return default
        if category in CATEGORY_SEVERITY:
            return CATEGORY_SEVERITY[category]
        return ISSUE_TYPE_SEVERITY.get(issue_type, Severity.MINOR)


def quality_score(severities: list[Severity], words: int) -> float:
    """Penalty points per 1,000 words (0 for an empty document)."""
    if words <= 0:
        return 0.0
    return round(sum(WEIGHTS[s] for s in severities) * 1000 / words, 2)
