"""LanguageTool's wire detail: offsets in UTF-16 code units, turned into code points."""

from __future__ import annotations


def utf16_to_codepoints(text: str) -> list[int] | None:
    """A table from UTF-16 offsets to code-point offsets, or None when they coincide."""
    # Same test as "no character >= U+10000", done in C rather than a Python loop.
    if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return None
    table: list[int] = []
    for i, c in enumerate(text):
        table.append(i)
        if ord(c) >= 0x10000:
            table.append(i)  # the low surrogate belongs to the same character
    table.append(len(text))
    return table
