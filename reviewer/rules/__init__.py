"""Our rules: what LanguageTool does not see in translated English.

`RULES` is the one registry of every rule of ours: monolingual and bilingual
rules in Python, and the pattern rules LanguageTool runs for us (read from
their XML file, reviewer.lt.custom). A rule exists when it is listed here.
Each Python rule's id, category, severity, issue type, options and
documentation live next to its code, in the module of its family, and its
examples in tests/data/rules/RULE_ID.toml; a pattern rule's examples are in
its XML.
"""

from __future__ import annotations

from collections.abc import Mapping

from reviewer.lt import custom
from reviewer.model import Severity
from reviewer.rules import (
    address,
    bilingual,
    brackets,
    consistency,
    dates,
    grammar,
    numbers,
    quotes,
    scripts,
    spacing,
    usage,
    variants,
)
from reviewer.rules.base import Rule
from reviewer.severity import ISSUE_TYPE_SEVERITY


def _pattern(rule: custom.CustomRule) -> Rule:
    severity = ISSUE_TYPE_SEVERITY.get(rule.issue_type, Severity.MINOR)
    return Rule(rule.id, rule.name, rule.category, severity, rule.issue_type, None,
                default_on=rule.default_on)


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
        dates.ROMAN_CENTURY,
        scripts.MIXED_SCRIPT,
        scripts.CYRILLIC_TEXT,
        spacing.SPACE_BEFORE_PUNCTUATION,
        spacing.MISSING_SPACE,
        spacing.DOUBLED_SPACE,
        spacing.DOUBLED_WORD,
        consistency.INCONSISTENT_SPELLING,
        variants.MIXED_SPELLING,
        address.EXCLAMATION_AFTER_ADDRESS,
        usage.ARTICLE,
        usage.PREPOSITION,
        usage.GOVERNED_PREPOSITION,
        usage.COLLOCATION,
        *grammar.RULES,
        bilingual.EMPTY_TARGET,
        bilingual.UNTRANSLATED,
        bilingual.NUMBER_MISMATCH,
        bilingual.PLACEHOLDER,
        bilingual.URL,
        bilingual.GLOSSARY,
        bilingual.LENGTH_RATIO,
        *(_pattern(r) for r in custom.rules()),
    )
}

PREFIX = "TQA_"


def is_ours(rule_id: str) -> bool:
    """True for an id of our namespace (`TQA_*`), registered or not."""
    return rule_id.startswith(PREFIX)


def checked_here(rule_id: str) -> bool:
    """True for a rule we run in Python; LanguageTool runs every other id (pattern rules too)."""
    rule = RULES.get(rule_id)
    return rule is not None and rule.check is not None


__all__ = ["PREFIX", "RULES", "Rule", "checked_here", "is_ours"]
