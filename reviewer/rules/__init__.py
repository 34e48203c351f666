"""Our rules: what LanguageTool does not see in translated English.

`RULES` is the one registry of every rule of ours, monolingual and bilingual:
a rule exists when it is listed here. Each rule's id, category, severity,
issue type, options and documentation live next to its code, in the module
of its family; its examples are in tests/data/rules/RULE_ID.toml.
"""

from __future__ import annotations

from collections.abc import Mapping

from reviewer.rules import (
    bilingual,
    brackets,
    consistency,
    dates,
    numbers,
    quotes,
    scripts,
    spacing,
)
from reviewer.rules.base import Rule

RULES: Mapping[str, Rule] = {
    rule.id: rule
    for rule in (
        numbers.DECIMAL_COMMA,
        numbers.THOUSANDS_SEPARATOR,
        numbers.NUMBER_SIGN,
        numbers.FROM_UP_TO,
        quotes.FOREIGN_QUOTES,
        quotes.MISMATCHED_QUOTES,
        quotes.UNBALANCED_QUOTES,
        brackets.UNBALANCED_BRACKETS,
        dates.DATE_ORDER,
        dates.ORDINAL_SUFFIX,
        scripts.MIXED_SCRIPT,
        scripts.CYRILLIC_TEXT,
        spacing.SPACE_BEFORE_PUNCTUATION,
        spacing.MISSING_SPACE,
        spacing.DOUBLED_SPACE,
        spacing.DOUBLED_WORD,
        consistency.INCONSISTENT_SPELLING,
        bilingual.EMPTY_TARGET,
        bilingual.UNTRANSLATED,
        bilingual.NUMBER_MISMATCH,
        bilingual.PLACEHOLDER,
        bilingual.URL,
        bilingual.GLOSSARY,
        bilingual.LENGTH_RATIO,
    )
}

PREFIX = "TQA_"


def is_ours(rule_id: str) -> bool:
    """True for an id of our namespace (`TQA_*`), registered or not."""
    return rule_id.startswith(PREFIX)


__all__ = ["PREFIX", "RULES", "Rule", "is_ours"]
