"""Word documents (.docx, and .docm read only): the prose of every block, one segment each.

The document's `text` is not the file (a zip package) but its extracted
prose: one block per line group, in reading order (reviewer.text.docx_text),
blocks separated by a line break. Findings are placed in that text, so they
print with the block's locator (`p12`, `table1/r3/c2`, `footnote4`) and a
line:column in the extracted text; `raw` stays the package's bytes, so the
review file's sha256 is the .docx file's. Corrections are written back into
the runs as tracked changes (reviewer.inputs.docx_write).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import PurePath

from reviewer.inputs.docx_write import WriteOptions, write
from reviewer.inputs.writeback import Correction
from reviewer.model import Finding
from reviewer.text.document import Document, InputError
from reviewer.text.docx_package import PackageError, open_package
from reviewer.text.docx_text import Block, blocks, placed
from reviewer.text.segment import Kind, Segment, SegmentBuilder

NAME = "docx"
EXTENSIONS = (".docx", ".docm")
READ_SUFFIXES = (*EXTENSIONS, ".doc")  # .doc only to say "convert it"


def layout(found: Sequence[Block]) -> tuple[str, tuple[Segment, ...]]:
    """The extracted text and one segment per block with prose."""
    texts = []
    segments = []
    for base, block in placed(found):
        texts.append(block.text)
        segments.append(_segment(base, block))
    return "\n".join(texts), tuple(segments)


def _segment(base: int, block: Block) -> Segment:
    b = SegmentBuilder(block.unit, base)
    run: list[str] = []
    run_start = 0

    def flush() -> None:
        if run:
            b.prose(base + run_start, "".join(run))
            run.clear()

    for item in block.items:
        if item.kind is Kind.TEXT:
            if not run:
                run_start = item.start
            run.append(item.text)
            continue
        flush()
        at = base + item.start
        if item.kind is Kind.TAG:
            b.tag(at, at + len(item.text), item.text)
        else:
            b.mask(at, at + len(item.text), item.text, item.reads)
    flush()
    return b.build()


Revised = tuple[tuple[int, int, str], ...]  # (start, end, author) in the extracted text


@lru_cache(maxsize=2)
def _analysed(raw: bytes, suffix: str) -> tuple[str, tuple[Segment, ...], Revised]:
    found = blocks(open_package(raw, suffix))
    text, segments = layout(found)
    revised = tuple((base + i.start, base + i.start + len(i.text), i.revision)
                    for base, block in placed(found) for i in block.items if i.revision)
    return text, segments, revised


def mark_revised(raw: bytes, findings: Sequence[Finding]) -> list[Finding]:
    """`findings`, those inside another author's pending revision saying so: the editor
    has not accepted that text yet (read as if accepted)."""
    revised = _analysed(raw, ".docx")[2]
    out = []
    for f in findings:
        who = sorted({a for s, e, a in revised if s < max(f.end, f.start + 1) and f.start < e})
        if who:
            f = replace(f, message=f"{f.message} (in a pending revision by {', '.join(who)})")
        out.append(f)
    return out


def read(path: str, raw: bytes) -> Document:
    """The Word document `raw` read from `path`, or `InputError` in one line."""
    suffix = PurePath(path).suffix.lower()
    try:
        text, segments, _ = _analysed(raw, suffix)
    except PackageError as exc:
        raise InputError(path, str(exc)) from None
    return Document(path=path, text=text, raw=raw, segments=segments, format=NAME)


def extract(raw: bytes) -> tuple[Segment, ...]:
    """The segments of a Word package (ValueError when it cannot be read)."""
    return _analysed(raw, ".docx")[1]


def write_back(original: bytes, corrections: Sequence[Correction]) -> bytes:
    """The package with the corrections written as tracked changes by `reviewer`."""
    return write(original, corrections, WriteOptions(drop_macros=True))
