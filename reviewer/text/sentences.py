"""Paragraphs and sentences: the one splitter that checking, suggestions and the report use.

A paragraph is text between blank lines. A sentence ends at `.`, `!`, `?` or `…`
(possibly repeated, possibly followed by closing quotes or brackets) before
whitespace. LanguageTool's own sentence, when a match carries it, is preferred
where it is found around the span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PARAGRAPH_BREAK = re.compile(r"(?:\r?\n)[ \t]*(?:\r?\n)+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)]*(?=\s)")
_SPACE = re.compile(r"\s*")

MAX_SENTENCE = 500  # longer "sentences" (lists, run-on paragraphs) are cut to a window
WINDOW = 200  # characters kept on each side of the span in such a window


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, separators excluded."""
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text[start:end]`, surrounding whitespace excluded."""
    stop = len(text) if end is None else end
    pos = _skip_space(text, start, stop)
    for m in _SENTENCE_END.finditer(text, pos, stop):
        yield pos, m.end()
        pos = _skip_space(text, m.end(), stop)
    tail = len(text[pos:stop].rstrip())
    if tail:
        yield pos, pos + tail


def _skip_space(text: str, pos: int, stop: int) -> int:
    m = _SPACE.match(text, pos, stop)
    return m.end() if m else pos


def sentence_bounds(text: str, start: int, end: int, hint: str = "") -> tuple[int, int]:
    """(start, end) of the sentence around the span `start:end` of `text`.

    Uses the checker's sentence (`hint`) where it is found around the span,
    else the paragraph cut into sentences. Always covers the span. A
    sentence longer than MAX_SENTENCE is narrowed to about WINDOW characters
    on each side of the span, cut at whitespace, so that what is stored and
    shown stays small. Only MAX_SENTENCE characters on each side are read.
    """
    s, e = _sentence(text, start, end, hint)
    if s is not None and e is not None and e - s <= MAX_SENTENCE:
        return s, e
    lo = start - WINDOW if s is None else max(s, start - WINDOW)
    hi = end + WINDOW if e is None else min(e, end + WINDOW)
    if s is None or lo > s:
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut != -1 else lo
    if e is None or hi < e:
        cut = text.rfind(" ", end, hi)
        hi = cut if cut != -1 else hi
    return lo, hi


def _sentence(text: str, start: int, end: int, hint: str) -> tuple[int | None, int | None]:
    """The sentence's bounds; None for a bound beyond MAX_SENTENCE of the span."""
    hint = hint.strip()
    if hint:
        lo = max(0, end - len(hint))
        i = text.find(hint, lo, start + len(hint))
        while i != -1:
            if i <= start and end <= i + len(hint):
                return i, i + len(hint)
            i = text.find(hint, i + 1, start + len(hint))
    lo, hi = max(0, start - MAX_SENTENCE), min(len(text), end + MAX_SENTENCE)
    p_start: int | None = 0 if lo == 0 else None
    for m in _PARAGRAPH_BREAK.finditer(text, lo, start):
        p_start = m.end()
    after = _PARAGRAPH_BREAK.search(text, end, hi)
    p_end: int | None = after.start() if after else (hi if hi == len(text) else None)
    s = p_start
    for m in _SENTENCE_END.finditer(text, lo if p_start is None else p_start,
                                    hi if p_end is None else p_end):
        stop = _skip_space(text, m.end(), hi if p_end is None else p_end)
        if stop <= start:
            s = stop
        elif m.start() >= end:
            return s, m.end()
    return s, p_end
