"""The input formats, chosen by `--input-format` or by the file's extension."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from reviewer.inputs import docx, html, markdown, plain, po, xliff
from reviewer.inputs.writeback import Correction, WriteBackError, refusal
from reviewer.model import Finding
from reviewer.text.document import Document, InputError
from reviewer.text.segment import Segment

WriteBack = Callable[[bytes, Sequence[Correction]], bytes]


@dataclass(frozen=True, slots=True)
class InputFormat:
    """One format: how to find its prose and how to write corrections back."""

    name: str
    description: str
    extensions: tuple[str, ...]
    extract: Callable[[bytes], tuple[Segment, ...]]
    write_back: WriteBack
    bilingual: bool = False  # segments carry their source text
    # what the format says about findings in it (a Word revision's author), else None
    annotate: Callable[[bytes, Sequence[Finding]], list[Finding]] | None = None


FORMATS: dict[str, InputFormat] = {
    f.name: f
    for f in (
        InputFormat(plain.NAME, "plain UTF-8 text (the default)", plain.EXTENSIONS,
                    plain.extract, plain.write_back),
        InputFormat(markdown.NAME, "Markdown (CommonMark and tables): prose only",
                    markdown.EXTENSIONS, markdown.extract, markdown.write_back),
        InputFormat(html.NAME, "HTML: text of block elements, tags and code skipped",
                    html.EXTENSIONS, html.extract, html.write_back),
        InputFormat(xliff.NAME, "XLIFF 1.2 or 2.x (read from the file): the targets",
                    xliff.EXTENSIONS, xliff.extract, xliff.write_back, bilingual=True),
        InputFormat(po.NAME, "gettext PO: the msgstr of each entry", po.EXTENSIONS,
                    po.extract, po.write_back, bilingual=True),
        InputFormat(docx.NAME, "Word .docx (.docm read only): paragraphs, tables, headers, "
                    "notes, text boxes", docx.EXTENSIONS, docx.extract, docx.write_back,
                    annotate=docx.mark_revised),
    )
}
AUTO = "auto"


def format_for(path: str, name: str | None = None) -> InputFormat:
    """The format named, or the one the extension says (plain text when none does)."""
    if name and name != AUTO:
        return FORMATS[name]
    suffix = PurePath(path).suffix.lower()
    for f in FORMATS.values():
        if suffix in f.extensions:
            return f
    return FORMATS[plain.NAME]


def load(doc: Document, name: str | None = None) -> Document:
    """`doc` with its segments extracted, or `InputError` naming the file and the cause."""
    fmt = format_for(doc.path, name)
    try:
        segments = fmt.extract(doc.utf8)
    except ValueError as exc:
        raise InputError(doc.path, f"not valid {fmt.name}: {exc}") from None
    return replace(doc, segments=segments, format=fmt.name)


def annotate(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """`findings` of `doc` with what its format adds to them (see `InputFormat.annotate`)."""
    fmt = FORMATS.get(doc.format)
    if fmt is None or fmt.annotate is None:
        return list(findings)
    return fmt.annotate(doc.utf8, findings)


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
    for c in corrections:
        reason = refusal(doc.segments, c)
        if reason:
            out[c] = reason
    return out


__all__ = ["FORMATS", "Correction", "InputFormat", "WriteBackError", "format_for", "load",
           "refusals", "write_back"]
