"""The input formats, chosen by `--input-format` or by the file's extension."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from types import ModuleType

from reviewer.inputs.writeback import Correction, WriteBackError, refusal
from reviewer.model import Finding
from reviewer.text.document import Document, InputError
from reviewer.text.segment import Segment, SegmentIndex

WriteBack = Callable[[bytes, Sequence[Correction]], bytes]


@dataclass(frozen=True, slots=True)
class InputFormat:
    """One format: how to find its prose and how to write corrections back.

    `module` (imported when a file of the format is first read: a check of
    plain text loads no parser) has `NAME`, `extract(data)` and
    `write_back(data, corrections)`.
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    module: str
    bilingual: bool = False  # segments carry their source text
    annotates: str = ""  # the module's function that adds to a document's findings (docx)

    def code(self) -> ModuleType:
        return importlib.import_module(self.module)

    def extract(self, data: bytes) -> tuple[Segment, ...]:
        segments: tuple[Segment, ...] = self.code().extract(data)
        return segments

    def write_back(self, data: bytes, corrections: Sequence[Correction]) -> bytes:
        out: bytes = self.code().write_back(data, corrections)
        return out


TEXT = "text"
FORMATS: dict[str, InputFormat] = {
    f.name: f
    for f in (
        InputFormat(TEXT, "plain UTF-8 text (the default)", (".txt", ".text"),
                    "reviewer.inputs.plain"),
        InputFormat("markdown", "Markdown (CommonMark and tables): prose only",
                    (".md", ".markdown", ".mdown", ".mkd"), "reviewer.inputs.markdown"),
        InputFormat("html", "HTML: text of block elements, tags and code skipped",
                    (".html", ".htm", ".xhtml"), "reviewer.inputs.html"),
        InputFormat("xliff", "XLIFF 1.2 or 2.x (read from the file): the targets",
                    (".xlf", ".xliff", ".xlf2"), "reviewer.inputs.xliff", bilingual=True),
        InputFormat("po", "gettext PO: the msgstr of each entry", (".po", ".pot"),
                    "reviewer.inputs.po", bilingual=True),
        InputFormat("docx", "Word .docx (.docm read only): paragraphs, tables, headers, "
                    "notes, text boxes", (".docx", ".docm"), "reviewer.inputs.docx",
                    annotates="mark_revised"),
    )
}
BY_EXTENSION = "auto"  # --input-format auto: each file in the format its extension says


def format_for(path: str, name: str | None = None) -> InputFormat:
    """The format named, or the one the extension says (plain text when none does)."""
    if name and name != BY_EXTENSION:
        return FORMATS[name]
    suffix = PurePath(path).suffix.lower()
    for f in FORMATS.values():
        if suffix in f.extensions:
            return f
    return FORMATS[TEXT]


def load(doc: Document, name: str | None = None) -> Document:
    """`doc` with its segments extracted, or `InputError` naming the file and the cause."""
    fmt = format_for(doc.path, name)
    try:
        segments = fmt.extract(doc.utf8)
    except ValueError as exc:
        raise InputError(doc.path, f"not valid {fmt.name}: {exc}") from None
    return replace(doc, segments=segments, format=fmt.name)


def annotate(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """`findings` of `doc` with what its format adds to them (see `InputFormat.annotates`)."""
    fmt = FORMATS.get(doc.format)
    if fmt is None or not fmt.annotates:
        return list(findings)
    marked: list[Finding] = getattr(fmt.code(), fmt.annotates)(doc.utf8, findings)
    return marked


def write_back(doc: Document, corrections: Sequence[Correction]) -> bytes:
    """`doc`'s original bytes with `corrections` written in its own format and encoding.

    Raises `WriteBackError` when a correction would break the markup or the
    result would not read again; use `refusals` to sort corrections first.
    """
    return doc.from_utf8(FORMATS[doc.format].write_back(doc.utf8, corrections))


def refusals(doc: Document, corrections: Sequence[Correction]) -> dict[Correction, str]:
    """The corrections that cannot be written into `doc`, each with the reason."""
    if doc.segments is None:
        return {}
    out = {}
    index = SegmentIndex(doc.segments)
    for c in corrections:
        reason = refusal(index, c)
        if reason:
            out[c] = reason
    return out


__all__ = ["FORMATS", "Correction", "InputFormat", "WriteBackError", "format_for", "load",
           "refusals", "write_back"]
