"""How safe a correction is to accept without reading it (as Ruff sorts its fixes).

- `safe`: deterministic and meaning-preserving: typography and spacing
  (quotes, spaces around punctuation, doubled spaces), the decimal comma,
  `a`/`an`, a doubled word. `decide --accept-safe` and `apply --safe-only`
  take only these.
- `unsafe`: grammar, spelling and word choice: right most of the time, but it
  changes words, so an editor reads it.
- `manual`: no replacement is offered; only an edit will do.

Our rules declare themselves safe (`Rule.safe`); LanguageTool's safe rules
are listed below, by id.
"""

from __future__ import annotations

from enum import StrEnum

from reviewer.rules import RULES


class Safety(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    MANUAL = "manual"


# LanguageTool rules whose replacements change typography, spacing or a/an only.
LANGUAGETOOL_SAFE = frozenset({
    "EN_A_VS_AN",
    "COMMA_PARENTHESIS_WHITESPACE",
    "WHITESPACE_RULE",
    "CONSECUTIVE_SPACES",
    "DOUBLE_PUNCTUATION",
    "ENGLISH_WORD_REPEAT_RULE",
    "ENGLISH_WORD_REPEAT_BEGINNING_RULE",
    "EN_QUOTES",
    "EN_UNPAIRED_QUOTES",
    "SENTENCE_WHITESPACE",
    "SPACE_BEFORE_PARENTHESIS",
    "COMMA_PERIOD_CONFUSION",
    "MISSING_SPACE_AFTER_COMMA",
    "ELLIPSIS",
    "DASH_RULE",
    "PUNCTUATION_PARAGRAPH_END",
    "UNIT_SPACE",
})


def safety(rule_id: str, has_replacement: bool) -> Safety:
    """The tier of a finding of `rule_id` (ours or LanguageTool's)."""
    if not has_replacement:
        return Safety.MANUAL
    ours = RULES.get(rule_id)
    if ours is not None:
        return Safety.SAFE if ours.safe else Safety.UNSAFE
    return Safety.SAFE if rule_id in LANGUAGETOOL_SAFE else Safety.UNSAFE
