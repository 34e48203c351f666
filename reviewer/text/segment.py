"""Segments: the checkable prose of a file, with a map back to the file's text.

A segment's text is what LanguageTool sees. Its pieces say where each part of
that text comes from in the file (code-point offsets into the file's text):

- TEXT: copied verbatim, so every character maps to one file character;
- ATOM: stands for a file run written differently (`&amp;`, `\\"`, a line
  break plus a blockquote marker); mapped and replaced as a whole;
- TAG: markup (`<b>`, `</g>`; `<br>` stands for a space); spans pass over it,
  but a correction must never delete it;
- MASK: protected, not prose (inline code, a placeholder, an entity, a URL:
  reviewer.text.protected); its text is kept so sentences stay whole, it is
  sent to LanguageTool as markup (read as `reads`), findings that touch it
  are dropped and no correction may change it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from reviewer.text.protected import protected_spans


class Kind(StrEnum):
    TEXT = "text"
    ATOM = "atom"
    TAG = "tag"
    MASK = "mask"


STAND_IN = "X"  # what LanguageTool reads in place of a placeholder, a URL or code


@dataclass(frozen=True, slots=True)
class Piece:
    """`text[seg_start:seg_end]` of a segment stands for `file[file_start:file_end]`.

    `reads` is what a checker reads in place of a MASK piece's text.
    """

    seg_start: int
    seg_end: int
    file_start: int
    file_end: int
    kind: Kind
    reads: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """One target (or one prose block) of a file, and its source text when there is one.

    `anchor` is the file offset where the text is, or would be when empty.
    `unit` names it in findings: the unit id (XLIFF), the msgid (PO), `p3` for
    the third paragraph of a plain-text pair, or "" for Markdown and HTML.
    """

    unit: str
    text: str
    pieces: tuple[Piece, ...]
    anchor: int
    source: str = ""
    has_source: bool = False
    starts: tuple[int, ...] = ()  # each piece's seg_start, for bisection (built by the builder)

    def _piece_at(self, offset: int) -> Piece | None:
        """The piece holding the character at `offset` (never a zero-width one)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0:
            p = self.pieces[i]
            if p.seg_start <= offset < p.seg_end:
                return p
            if p.seg_end > p.seg_start:
                return None
            i -= 1
        return None

    def file_start(self, offset: int) -> int:
        """The file offset where the segment character at `offset` begins."""
        p = self._piece_at(offset)
        if p is None:
            return self.file_end(offset) if offset else self.anchor
        if p.kind is Kind.TEXT:
            return p.file_start + offset - p.seg_start
        return p.file_start

    def file_end(self, offset: int) -> int:
        """The file offset just after the segment character before `offset`."""
        if offset <= 0:
            return self.anchor if not self.pieces else self.file_start(0)
        p = self._piece_at(offset - 1)
        if p is None:
            return self.anchor
        if p.kind is Kind.TEXT:
            return p.file_start + offset - p.seg_start
        return p.file_end

    def to_file(self, start: int, end: int) -> tuple[int, int]:
        """A segment span as a file span; an empty span stays empty."""
        if not self.text:
            return self.anchor, self.anchor
        s = self.file_start(min(start, len(self.text) - 1)) if start < len(self.text) else (
            self.file_end(len(self.text))
        )
        if end <= start:
            return s, s
        return s, self.file_end(end)

    def from_file(self, start: int, end: int) -> tuple[int, int] | None:
        """A file span as a segment span, when both ends fall on characters the segment maps
        (inside text, or at a piece's edge); None otherwise (`refusal` says why)."""
        ends = [self._seg_offset(start), self._seg_offset(end)]
        return (ends[0], ends[1]) if ends[0] is not None and ends[1] is not None else None

    def _seg_offset(self, at: int) -> int | None:
        for p in self.pieces:
            if p.kind is Kind.TEXT and p.file_start <= at <= p.file_end:
                return p.seg_start + at - p.file_start
            if at == p.file_start:
                return p.seg_start
            if at == p.file_end:
                return p.seg_end
        return None

    @property
    def file_span(self) -> tuple[int, int]:
        """The file run the whole segment comes from."""
        if not self.pieces:
            return self.anchor, self.anchor
        return self.pieces[0].file_start, self.pieces[-1].file_end

    def markup(self, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
        """The protected runs of `text[start:end]`: (start, end, what to read), from `start`."""
        return tuple(
            (max(p.seg_start, start) - start, min(p.seg_end, end) - start, p.reads)
            for p in self.pieces
            if p.kind is Kind.MASK and p.seg_end > p.seg_start
            and p.seg_start < end and start < p.seg_end
        )

    def masks(self, start: int, end: int) -> bool:
        """True when the file span [start, end) touches a MASK piece of this segment."""
        return any(
            p.kind is Kind.MASK and start < p.file_end and p.file_start < max(end, start + 1)
            for p in self.pieces
        )

    def refusal(self, start: int, end: int) -> str:
        """Why file[start:end] may not be replaced ("" when it may).

        A correction stays inside the segment, deletes no tag, touches no
        masked piece and does not cut an atom (an entity, an escape) in two.
        """
        lo, hi = self.file_span
        if not (lo <= start <= end <= hi):
            return "outside the prose it was found in"
        for p in self.pieces:
            inside = start < p.file_end and p.file_start < end
            if p.kind is Kind.TAG and (inside or start < p.file_start < end):
                return "would delete markup"
            if p.kind is Kind.MASK and inside:
                return "touches code or a placeholder"
            if p.kind is Kind.ATOM and inside and not (start <= p.file_start and p.file_end <= end):
                return "cuts an escape or entity in two"
        return ""


class SegmentIndex:
    """A file's segments by file position: the ones a span lies in, found without a scan.

    Looking through every segment for each correction was quadratic on a long
    document with many corrections (issue 20).
    """

    __slots__ = ("_segments", "_starts", "_reach")

    def __init__(self, segments: Sequence[Segment]) -> None:
        self._segments = sorted(segments, key=lambda seg: seg.file_span)
        self._starts = [seg.file_span[0] for seg in self._segments]
        # The furthest end of the segments up to each one: where to stop looking back.
        self._reach = list(accumulate((seg.file_span[1] for seg in self._segments), max))

    def around(self, start: int, end: int) -> list[Segment]:
        """The segments whose file span holds [start, end), in file order."""
        found = []
        k = bisect.bisect_right(self._starts, start) - 1
        while k >= 0 and self._reach[k] >= end:
            if end <= self._segments[k].file_span[1]:
                found.append(self._segments[k])
            k -= 1
        return found[::-1]


class SegmentBuilder:
    """Builds a segment piece by piece in file order."""

    def __init__(self, unit: str, anchor: int) -> None:
        self.unit = unit
        self.anchor = anchor
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0

    def _add(self, file_start: int, file_end: int, text: str, kind: Kind,
             reads: str = "") -> None:
        if kind is Kind.TEXT and self._pieces:
            last = self._pieces[-1]
            if last.kind is Kind.TEXT and last.file_end == file_start:
                self._pieces[-1] = Piece(
                    last.seg_start, last.seg_end + len(text), last.file_start, file_end, kind
                )
                self._parts.append(text)
                self._length += len(text)
                return
        self._pieces.append(
            Piece(self._length, self._length + len(text), file_start, file_end, kind, reads)
        )
        self._parts.append(text)
        self._length += len(text)

    def text(self, file_start: int, text: str) -> None:
        """Prose copied verbatim from `file_start`."""
        if text:
            self._add(file_start, file_start + len(text), text, Kind.TEXT)

    def prose(self, file_start: int, text: str) -> None:
        """Text copied verbatim from `file_start`, its placeholders and URLs protected."""
        pos = 0
        for s, e in protected_spans(text):
            self.text(file_start + pos, text[pos:s])
            self.mask(file_start + s, file_start + e, text[s:e])
            pos = e
        self.text(file_start + pos, text[pos:])

    def atom(self, file_start: int, file_end: int, text: str) -> None:
        """`text` standing for the file run [file_start, file_end)."""
        self._add(file_start, file_end, text, Kind.ATOM)

    def tag(self, file_start: int, file_end: int, text: str = "") -> None:
        """Markup: no text of its own, or a stand-in such as a space for `<br>`."""
        if file_end > file_start:
            self._add(file_start, file_end, text, Kind.TAG)

    def mask(self, file_start: int, file_end: int, text: str = "", reads: str = STAND_IN) -> None:
        """Protected text kept in (or left out of) the text; see `Kind.MASK`.

        `reads` is what LanguageTool reads instead (an entity reads as what it stands for).
        """
        self._add(file_start, file_end, text, Kind.MASK, reads)

    @property
    def current(self) -> str:
        return "".join(self._parts)

    def build(self, source: str | None = None) -> Segment:
        return Segment(
            unit=self.unit,
            text="".join(self._parts),
            pieces=tuple(self._pieces),
            anchor=self.anchor,
            source=source or "",
            has_source=source is not None,
            starts=tuple(p.seg_start for p in self._pieces),
        )
