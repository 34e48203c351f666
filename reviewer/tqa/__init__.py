"""The translation-QA rule pack: what LanguageTool does not see in translated English.

`RULES` is the registry: a rule exists when it is listed here. Each rule's id,
category, severity, issue type, options and documentation live next to its
code, in the module of its family.
"""

from __future__ import annotations

from collections.abc import Mapping

from reviewer.tqa import (
    address,
    brackets,
    consistency,
    dates,
    numbers,
    quotes,
    scripts,
    spacing,
)
from reviewer.tqa.rule import Hit, Rule

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
        scripts.UNTRANSLATED,
        spacing.SPACE_BEFORE_PUNCTUATION,
        spacing.MISSING_SPACE,
        spacing.DOUBLED_SPACE,
        spacing.DOUBLED_WORD,
        consistency.INCONSISTENT_SPELLING,
        address.EXCLAMATION_AFTER_ADDRESS,
    )
}

PREFIX = "TQA_"

__all__ = ["PREFIX", "RULES", "Hit", "Rule"]
