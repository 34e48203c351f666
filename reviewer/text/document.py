"""Reading documents: the text as read, and what is needed to write it back.

Text is kept exactly as read (CRLF stays CRLF). Files are UTF-8, or UTF-8,
UTF-16 or UTF-32 with a byte-order mark; the BOM is set aside and the encoding
remembered, so a corrected document is written back the same way. Reads are
bounded (reviewer.files): regular files only, at most `MAX_BYTES`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from reviewer.files import FileError, read_bounded
from reviewer.model import DocumentInfo
from reviewer.text.segment import Segment

BOM = "\ufeff"
UTF8 = "utf-8"
# Byte-order marks, longest first (UTF-32-LE's starts with UTF-16-LE's), and the codec
# that reads what follows them.
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", UTF8),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
WORD_SUFFIXES = (".docx", ".docm", ".doc")  # .doc only to say "convert it"


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
    encoding: str = UTF8  # the codec of `raw`; with a BOM unless UTF-8 without one

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
            encoding=self.encoding,
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
        """The bytes of `text` written the way this document was read (encoding, BOM kept)."""
        return ((BOM if self.bom else "") + text).encode(self.encoding)

    @property
    def utf8(self) -> bytes:
        """The file's bytes as UTF-8 (BOM kept): what the input formats parse."""
        return self.raw if self.encoding == UTF8 else ((BOM if self.bom else "")
                                                       + self.text).encode(UTF8)

    def from_utf8(self, data: bytes) -> bytes:
        """UTF-8 bytes of this document's format (BOM kept) in the document's encoding."""
        return data if self.encoding == UTF8 else data.decode(UTF8).encode(self.encoding)


def read_document(path: str | Path) -> Document:
    """Read a text file, or raise `InputError` naming the file and the cause."""
    if any("\udc80" <= c <= "\udcff" for c in str(path)):  # undecodable bytes in the name
        raise InputError(path, "the file name is not valid UTF-8: rename the file")
    try:
        raw = read_bounded(path)
    except FileError as exc:
        raise InputError(path, exc.cause) from None
    return parse_document(str(path), raw)


def parse_document(path: str, raw: bytes) -> Document:
    """Decode `raw` as a document, or raise `InputError`.

    A Word document (`WORD_SUFFIXES`) is read as its extracted prose
    (reviewer.text.docx_read).
    """
    suffix = PurePath(path).suffix.lower()
    if suffix in WORD_SUFFIXES:
        return _read_word(path, raw, suffix)
    encoding = next((codec for bom, codec in BOMS if raw.startswith(bom)), UTF8)
    if encoding == UTF8 and b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text "
                               "(or UTF-16/UTF-32 with a byte-order mark)")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != UTF8:
            raise InputError(path, f"invalid {encoding.upper()} at byte {exc.start}") from None
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"invalid UTF-8 at byte {exc.start} (line {line})") from None
    bom = text.startswith(BOM)
    text = text[1:] if bom else text
    if "\x00" in text:
        raise InputError(path, f"binary file (contains NUL characters), expected "
                               f"{encoding.upper()} text")
    return Document(path=path, text=text, raw=raw, bom=bom, encoding=encoding)


def _read_word(path: str, raw: bytes, suffix: str) -> Document:
    # Imported here: lxml and python-docx load only when a Word document is read.
    from reviewer.text.docx_package import PackageError
    from reviewer.text.docx_read import NAME, read_word

    try:
        word = read_word(raw, suffix)
    except PackageError as exc:
        raise InputError(path, str(exc)) from None
    return Document(path=path, text=word.text, raw=raw, segments=word.segments, format=NAME)


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """Words as the report counts them: letters and digits, hyphens and apostrophes inside."""
    return sum(1 for _ in _WORD.finditer(text))
