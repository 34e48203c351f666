"""LanguageTool's matches as hits on the one road (reviewer.rules.findings).

The server counts offsets in UTF-16 units within the block it was sent; a
hit counts code points within the text its block was cut from (the whole
document, or one segment).
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.lt.client import CheckResult
from reviewer.lt.offsets import utf16_to_codepoints
from reviewer.rules.base import Hit
from reviewer.rules.findings import Origin
from reviewer.text.blocks import Block

SOURCE = "languagetool"


def hits(result: CheckResult, block: Block) -> Iterator[tuple[Origin, Hit]]:
    """Each match of `result` for `block`, as the rule that made it and its hit."""
    table = utf16_to_codepoints(block.text)  # once per block, not per match
    for m in result.matches:
        if table is None:
            start, end = m.offset, m.offset + m.length
        else:
            start, end = table[m.offset], table[min(m.offset + m.length, len(table) - 1)]
        origin = Origin(m.rule_id, SOURCE, m.category, m.issue_type, sub_id=m.sub_id, url=m.url)
        yield origin, Hit(block.start + start, block.start + end, m.message, m.replacements,
                          m.short_message, m.sentence)
