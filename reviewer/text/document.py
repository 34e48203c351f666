"""Reading documents: the text as read, and what is needed to write it back.

Text is kept exactly as read (CRLF stays CRLF); only a UTF-8 BOM is set aside
and remembered so a corrected document can be written back the same way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.model import DocumentInfo
from reviewer.text.segment import Segment

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
    """Words as the report counts them: letters and digits, hyphens and apostrophes inside."""
    return sum(1 for _ in _WORD.finditer(text))
