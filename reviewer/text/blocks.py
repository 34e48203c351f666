"""Paragraphs, and the blocks of whole paragraphs sent to the checker as one request."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reviewer.text.document import Document
from reviewer.text.sentences import paragraphs, sentences

DEFAULT_BLOCK_CHARS = 4000


@dataclass(frozen=True, slots=True)
class Block:
    """A run of whole paragraphs sent to the checker as one request.

    `start` is an offset in the document's text, or in segment `segment`'s
    text when `segment` is not -1.
    """

    start: int
    text: str
    segment: int = -1
    markup: tuple[tuple[int, int, str], ...] = ()  # protected runs: (start, end, read as)


_LINE_BREAK = re.compile(r"\r?\n")
Pieces = Callable[[str, int, int], Iterator[tuple[int, int]]]


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _LINE_BREAK.finditer(text, start, end):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end


def blocks(text: str, max_chars: int = DEFAULT_BLOCK_CHARS) -> list[Block]:
    """Whole paragraphs grouped into blocks of at most `max_chars` where possible.

    A paragraph longer than `max_chars` is cut at line ends, then sentence ends,
    then hard, so that no request exceeds the server's limits.
    """
    out: list[Block] = []
    cur_start: int | None = None
    cur_end = 0
    for start, end in _bounded(text, max_chars):
        if cur_start is not None and end - cur_start > max_chars:
            out.append(Block(cur_start, text[cur_start:cur_end]))
            cur_start = None
        if cur_start is None:
            cur_start = start
        cur_end = end
    if cur_start is not None:
        out.append(Block(cur_start, text[cur_start:cur_end]))
    return out


def document_blocks(doc: Document, max_chars: int = DEFAULT_BLOCK_CHARS) -> list[Block]:
    """What to send to the checker: paragraph blocks, or the blocks of each segment."""
    if doc.segments is None:
        return blocks(doc.text, max_chars)
    return [
        Block(b.start, b.text, n, seg.markup(b.start, b.start + len(b.text)))
        for n, seg in enumerate(doc.segments)
        for b in blocks(seg.text, max_chars)
    ]


def _bounded(text: str, max_chars: int) -> Iterator[tuple[int, int]]:
    for start, end in paragraphs(text):
        yield from _split(text, start, end, max_chars, (_lines, sentences))


def _split(
    text: str, start: int, end: int, max_chars: int, levels: tuple[Pieces, ...]
) -> Iterator[tuple[int, int]]:
    """Pieces of at most `max_chars`: lines, then sentences, then hard cuts."""
    if end - start <= max_chars:
        yield start, end
        return
    if not levels:
        for s in range(start, end, max_chars):
            yield s, min(end, s + max_chars)
        return
    for lo, hi in levels[0](text, start, end):
        yield from _split(text, lo, hi, max_chars, levels[1:])
