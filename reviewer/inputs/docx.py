"""Word documents (.docx, and .docm read only) as an input format: annotating and writing back.

Reading is `reviewer.text.docx_read` (`read_document` reads a .docx through
it); this module is the format's entry in `reviewer.inputs.registry`: its
segments, its findings marked when they fall in another author's pending
revision, and corrections written back into the runs as tracked changes
(reviewer.inputs.docx_write).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reviewer.inputs.docx_write import WriteOptions, write
from reviewer.inputs.writeback import Correction
from reviewer.model import Finding
from reviewer.text import docx_read
from reviewer.text.segment import Segment

NAME = docx_read.NAME  # the registry's name is the format reading gives the document


def extract(raw: bytes) -> tuple[Segment, ...]:
    """The segments of a Word package (ValueError when it cannot be read)."""
    return docx_read.read_word(raw, ".docx").segments


def mark_revised(raw: bytes, findings: Sequence[Finding]) -> list[Finding]:
    """`findings`, those inside another author's pending revision saying so: the editor
    has not accepted that text yet (read as if accepted)."""
    revisions = docx_read.read_word(raw, ".docx").revisions
    out = []
    for f in findings:
        who = sorted({a for s, e, a in revisions if s < max(f.end, f.start + 1) and f.start < e})
        if who:
            f = replace(f, message=f"{f.message} (in a pending revision by {', '.join(who)})")
        out.append(f)
    return out


def write_back(original: bytes, corrections: Sequence[Correction]) -> bytes:
    """The package with the corrections written as tracked changes by `reviewer`."""
    return write(original, corrections, WriteOptions(drop_macros=True))
