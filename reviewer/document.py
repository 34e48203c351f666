"""Reading documents, and positions inside them.

Text is kept exactly as read (CRLF stays CRLF); only a UTF-8 BOM is set aside
and remembered so a corrected document can be written back the same way.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reviewer.inputs.segment import Segment
from reviewer.model import DocumentInfo

BOM = "\ufeff"


class InputError(Exception):
    """A document that cannot be read; the message names the file and the cause."""

    def __init__(self, path: str | Path, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = str(path)
        self.cause = cause


@dataclass(frozen=True, slots=True)
class Document:
    """A document's text (without BOM) and what is needed to place spans in it.

    `segments` is None for plain text, checked whole. For other input formats
    (reviewer.inputs) only the segments are checked, and findings are placed
    in `text`, the file as read, through each segment's map.
    """

    path: str
    text: str
    raw: bytes
    bom: bool = False
    segments: tuple[Segment, ...] | None = None
    format: str = "text"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def info(self) -> DocumentInfo:
        prose = self.text if self.segments is None else "\n".join(s.text for s in self.segments)
        return DocumentInfo(
            path=self.path,
            sha256=self.sha256,
            characters=len(prose),
            words=count_words(prose),
            lines=self.text.count("\n") + (1 if self.text and not self.text.endswith("\n") else 0),
        )

    def blocks(self, max_chars: int = 4000) -> list[Block]:
        """What to send to the checker: paragraph blocks, or the blocks of each segment."""
        if self.segments is None:
            return blocks(self.text, max_chars)
        return [
            Block(b.start, b.text, n)
            for n, seg in enumerate(self.segments)
            for b in blocks(seg.text, max_chars)
        ]

    def place(self, block: Block, start: int, end: int) -> tuple[int, int, str]:
        """A span inside `block` as a span of `text`, with the unit it belongs to."""
        if block.segment < 0 or self.segments is None:
            return block.start + start, block.start + end, ""
        seg = self.segments[block.segment]
        file_start, file_end = seg.to_file(block.start + start, block.start + end)
        return file_start, file_end, seg.unit

    def masked(self, start: int, end: int, segment: int = -1) -> bool:
        """True when a span of `text` touches code or a placeholder (never reported).

        `segment` names the one segment to look in (faster); -1 looks in all.
        """
        if self.segments is None:
            return False
        if segment >= 0:
            return self.segments[segment].masks(start, end)
        return any(s.masks(start, end) for s in self.segments)

    def encode(self, text: str) -> bytes:
        """The bytes of `text` written the way this document was read (BOM kept)."""
        return ((BOM if self.bom else "") + text).encode("utf-8")


def read_document(path: str | Path) -> Document:
    """Read a UTF-8 text file, or raise `InputError` naming the file and the cause."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(path, "is a directory")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    return parse_document(str(path), raw)


def parse_document(path: str, raw: bytes) -> Document:
    """Decode `raw` as a document, or raise `InputError`."""
    if b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"invalid UTF-8 at byte {exc.start} (line {line})") from None
    bom = text.startswith(BOM)
    return Document(path=path, text=text[1:] if bom else text, raw=raw, bom=bom)


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


class LineIndex:
    """Maps code-point offsets to 1-based lines and columns."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, column in code points."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


@dataclass(frozen=True, slots=True)
class Block:
    """A run of whole paragraphs sent to the checker as one request.

    `start` is an offset in the document's text, or in segment `segment`'s
    text when `segment` is not -1.
    """

    start: int
    text: str
    segment: int = -1


_PARAGRAPH_BREAK = re.compile(r"(?:\r?\n)[ \t]*(?:\r?\n)+")
_LINE_BREAK = re.compile(r"\r?\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, separators excluded."""
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def blocks(text: str, max_chars: int = 4000) -> list[Block]:
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


def _bounded(text: str, max_chars: int) -> Iterator[tuple[int, int]]:
    for start, end in paragraphs(text):
        yield from _split(text, start, end, max_chars, (_LINE_BREAK, _SENTENCE_END))


def _split(
    text: str, start: int, end: int, max_chars: int, seps: tuple[re.Pattern[str], ...]
) -> Iterator[tuple[int, int]]:
    if end - start <= max_chars:
        yield start, end
        return
    if not seps:
        for s in range(start, end, max_chars):
            yield s, min(end, s + max_chars)
        return
    pos = start
    for m in seps[0].finditer(text, start, end):
        if m.start() > pos:
            yield from _split(text, pos, m.start(), max_chars, seps[1:])
        pos = m.end()
    if pos < end:
        yield from _split(text, pos, end, max_chars, seps[1:])


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
