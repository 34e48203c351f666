"""Reading a Word document (.docx, .docm): its prose as text, one segment per block.

The text is not the file (a zip package) but its extracted prose: one block
per line group, in reading order (reviewer.text.docx_text), blocks separated
by a line break. `reviewer.text.document.parse_document` makes a `Document`
of it (`raw` stays the package's bytes, so a review file's sha256 is the
.docx file's); the writer (reviewer.inputs.docx) places corrections in the
same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reviewer.text.docx_package import open_package
from reviewer.text.docx_text import Block, blocks, placed
from reviewer.text.segment import Kind, Segment, SegmentBuilder

NAME = "docx"  # the `Document.format` of a Word document

Revision = tuple[int, int, str]  # (start, end, author) in the extracted text


@dataclass(frozen=True, slots=True)
class WordText:
    """A Word document's extracted prose, its segments, and its pending revisions."""

    text: str
    segments: tuple[Segment, ...]
    revisions: tuple[Revision, ...]


@lru_cache(maxsize=2)  # a document is read, then checked and annotated from the same bytes
def read_word(raw: bytes, suffix: str) -> WordText:
    """The prose of the Word package `raw`; `PackageError` (a ValueError) says why not.

    `suffix` is the file's (".doc" only to say "convert it"); pass it always, even
    ".docx": the cache tells `f(raw)` from `f(raw, ".docx")`.
    """
    found = blocks(open_package(raw, suffix))
    text, segments = layout(found)
    revisions = tuple((base + i.start, base + i.start + len(i.text), i.revision)
                      for base, block in placed(found) for i in block.items if i.revision)
    return WordText(text, segments, revisions)


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
