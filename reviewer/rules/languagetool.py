"""LanguageTool's matches as hits on the one road (reviewer.rules.findings).

The server counts offsets in UTF-16 units within the block it was sent; a
hit counts code points within the text its block was cut from (the whole
document, or one segment). A match whose every replacement keeps the same
leading words is narrowed to the part that changes (`exact`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reviewer.lt.client import CheckResult
from reviewer.lt.offsets import utf16_to_codepoints
from reviewer.rules.base import Hit
from reviewer.rules.findings import Origin
from reviewer.text.blocks import Block

SOURCE = "languagetool"


def match_hits(result: CheckResult, block: Block) -> Iterator[tuple[Origin, Hit]]:
    """Each match of `result` for `block`, as the rule that made it and its hit."""
    table = utf16_to_codepoints(block.text)  # once per block, not per match
    for m in result.matches:
        if table is None:
            start, end = m.offset, m.offset + m.length
        else:
            start, end = table[m.offset], table[min(m.offset + m.length, len(table) - 1)]
        cut, replacements = exact(block.text[start:end], m.replacements)
        origin = Origin(m.rule_id, SOURCE, m.category, m.issue_type, sub_id=m.sub_id, url=m.url)
        yield origin, Hit(block.start + start + cut, block.start + end, m.message,
                          replacements, m.short_message, m.sentence)


def _punctuation(text: str) -> bool:
    return bool(text) and not any(c.isalnum() or c.isspace() for c in text)


def exact(text: str, replacements: Sequence[str]) -> tuple[int, tuple[str, ...]]:
    """How many leading characters of a match's `text` its replacements keep, and the
    replacements without them: the match then starts there, and ends where it ended.

    Pattern rules mark context with the error (`in UK` -> `in the UK`, `believe,` ->
    `believe`); the span an editor sees, and a token measure, should be the error
    alone (`UK` -> `the UK`, `,` -> ``). Only leading words that every replacement keeps
    are cut: whole words and their space, or the words before punctuation that is all
    that is left (`believe,`). The span never becomes empty.
    """
    if not replacements or not text:
        return 0, tuple(replacements)
    cut = _common_prefix(text, replacements)
    return cut, tuple(r[cut:] for r in replacements)


def _common_prefix(text: str, replacements: Sequence[str]) -> int:
    n = 0
    limit = min(len(text), *(len(r) for r in replacements))
    while n < limit and all(r[n] == text[n] for r in replacements):
        n += 1
    # Back to the last cut that leaves whole words: after a space, or before
    # punctuation that is all that is left of the text (`believe,` -> `,`).
    for k in range(min(n, len(text) - 1), 0, -1):
        if text[k - 1].isspace() or (text[k - 1].isalnum() and _punctuation(text[k:])):
            # Only words are cut: spaces alone (`  ` -> ` `) are the error itself.
            return k if any(c.isalnum() for c in text[:k]) else 0
    return 0
