"""XLIFF 1.2 and 2.0 (2.1): targets as segments, mapped to their place in the file.

Read with the standard library's expat parser rather than lxml or
translate-toolkit: expat reports the byte offset of every event (each run of
character data, each entity, each tag), which is what placing a finding at
its line and column in the original file needs; ElementTree and lxml give
element lines at best. No dependency is added.

Inline markup in a target: paired tags (`<g>`, `<mrk>`, `<pc>`) are passed
over and their text is checked; placeholders (`<x/>`, `<bx/>`, `<ex/>`,
`<ph/>`, `<sc/>`, `<ec/>`, `<cp/>` ...) and native code (`<ph>`, `<bpt>`,
`<ept>`, `<it>` with their content) are masked. Units marked
`translate="no"` and alternative translations (`<alt-trans>`, 2.x
`<mtc:matches>`) are left out; a unit without a target gives an empty
segment placed right after its source.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.inputs.writeback import Correction, splice
from reviewer.text.segment import Segment, SegmentBuilder

NAME = "xliff"

# Translations proposed elsewhere (1.2 alt-trans, 2.x translation candidates): not the target.
_ELSEWHERE = {"alt-trans", "matches"}
_CODE = {"ph", "bpt", "ept", "it", "sub", "x", "bx", "ex", "sc", "ec", "sm", "em", "cp"}


class XliffError(ValueError):
    """Not XLIFF we can read; the message gives the place and the cause."""


@dataclass(frozen=True, slots=True)
class _Event:
    kind: str  # "start", "end", "data", "entity" (not expanded), "other"
    start: int
    end: int
    name: str = ""
    data: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _events(raw: bytes) -> tuple[list[_Event], str]:
    """Every parse event with its byte extent, and the document's text."""
    parser = xml.parsers.expat.ParserCreate("UTF-8")  # UTF-16 files come as UTF-8
    parser.buffer_text = False
    found: list[tuple[str, int, str, str, tuple[tuple[str, str], ...]]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        found.append(("start", parser.CurrentByteIndex, _local(name), "", tuple(attrs.items())))

    def end(name: str) -> None:
        found.append(("end", parser.CurrentByteIndex, _local(name), "", ()))

    def data(text: str) -> None:
        found.append(("data", parser.CurrentByteIndex, "", text, ()))

    def other(*_: object) -> None:
        found.append(("other", parser.CurrentByteIndex, "", "", ()))

    def skipped(name: str, is_parameter: int) -> None:
        found.append(("entity", parser.CurrentByteIndex, name, "", ()))

    def external(context: str, base: str | None, system: str | None,
                 public: str | None) -> int:
        # Never fetched (it could be any file or URL): the reference stays as written.
        found.append(("entity", parser.CurrentByteIndex, context, "", ()))
        return 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.CommentHandler = other
    parser.ProcessingInstructionHandler = other
    parser.StartCdataSectionHandler = other
    parser.EndCdataSectionHandler = other
    parser.SkippedEntityHandler = skipped
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError as exc:
        raise XliffError(
            f"not well-formed XML at line {exc.lineno}, column {exc.offset + 1}: "
            f"{xml.parsers.expat.ErrorString(exc.code)}"
        ) from None
    text = raw.decode("utf-8")
    bom = 1 if text.startswith("\ufeff") else 0
    # Byte offsets to code points in one pass: the offsets only grow.
    byte_offsets = [b for _, b, *_ in found] + [len(raw)]
    points = []
    prev_byte = prev_point = 0
    for b in byte_offsets:
        prev_point += len(raw[prev_byte:b].decode("utf-8"))
        prev_byte = b
        points.append(prev_point - bom)
    events = [
        _Event(kind, points[i], points[i + 1], name, payload, attrs)
        for i, (kind, _, name, payload, attrs) in enumerate(found)
    ]
    return events, text[bom:]


def extract(raw: bytes) -> tuple[Segment, ...]:
    """The targets of an XLIFF 1.2 or 2.x file, in file order."""
    events, text = _events(raw)
    root = next((e for e in events if e.kind == "start"), None)
    if root is None or root.name != "xliff":
        raise XliffError("the root element is not <xliff>")
    version = dict(root.attrs).get("version", "")
    if version == "1.2":
        unit_tag, holder_tag = "trans-unit", "trans-unit"
    elif version.startswith("2."):
        unit_tag, holder_tag = "unit", "segment"
    else:
        raise XliffError(f"unsupported XLIFF version {version!r} (1.2 and 2.x are read)")
    return tuple(_Walker(events, text, unit_tag, holder_tag).segments())


class _Walker:
    def __init__(self, events: list[_Event], text: str, unit_tag: str, holder_tag: str) -> None:
        self.events = events
        self.text = text
        self.unit_tag = unit_tag
        self.holder_tag = holder_tag
        self._segment_name: str | None = None

    def segments(self) -> list[Segment]:
        out: list[Segment] = []
        unit = ""
        skip = False
        holders = 0
        source: str | None = None
        after_source = 0
        has_target = False
        i = 0
        events = self.events
        while i < len(events):
            e = events[i]
            if e.kind == "start" and e.name in _ELSEWHERE:
                i = self._skip(i) + 1
                continue
            if e.kind == "start" and e.name == self.unit_tag:
                attrs = dict(e.attrs)
                unit = attrs.get("id", "")
                skip = attrs.get("translate") == "no"
                holders = 0
            if e.kind == "start" and e.name == self.holder_tag:
                holders += 1
                source, has_target, after_source = None, False, e.end
                self._segment_name = dict(e.attrs).get("id")
            if e.kind == "start" and e.name in ("source", "target"):
                builder = SegmentBuilder(self._name(unit, holders), e.end)
                i = self._inline(i + 1, builder)
                close = events[i]
                if e.name == "source":
                    source = builder.current
                    after_source = close.end
                else:
                    has_target = True
                    if not skip:
                        out.append(builder.build(source))
            if e.kind == "end" and e.name == self.holder_tag and not has_target and not skip:
                if source is not None and source.strip():
                    empty = SegmentBuilder(self._name(unit, holders), after_source)
                    out.append(empty.build(source))
            i += 1
        return out

    def _name(self, unit: str, holders: int) -> str:
        if self.holder_tag == "segment" and holders > 1:
            return f"{unit}/{self._segment_name or holders}"
        return unit

    def _inline(self, i: int, b: SegmentBuilder) -> int:
        """Add a source or target's content to `b`; returns the index of its end event."""
        events = self.events
        depth = 0
        while True:
            e = events[i]
            if depth == 0 and e.kind == "end" and e.name in ("source", "target"):
                return i
            if e.kind == "data":
                raw = self.text[e.start : e.end]
                if raw == e.data:
                    b.prose(e.start, e.data)
                elif raw.startswith("&"):  # an entity or character reference: protected
                    b.mask(e.start, e.end, e.data, reads=e.data)
                else:
                    b.atom(e.start, e.end, e.data)
            elif e.kind == "entity":  # an entity expat could not expand (external)
                b.mask(e.start, e.end, self.text[e.start : e.end])
            elif e.kind == "start" and e.name in _CODE:
                j = self._skip(i)
                b.mask(e.start, events[j].end)
                i = j
            elif e.kind in ("start", "end", "other"):
                b.tag(e.start, e.end)
                depth += 1 if e.kind == "start" else -1 if e.kind == "end" else 0
            i += 1

    def _skip(self, i: int) -> int:
        """The index of the end event closing the element that starts at `i`."""
        depth = 0
        while True:
            e = self.events[i]
            depth += 1 if e.kind == "start" else -1 if e.kind == "end" else 0
            if depth == 0:
                return i
            i += 1


def escape(text: str) -> str:
    """`text` as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_back(original: bytes, corrections: Sequence[Correction]) -> bytes:
    """The XLIFF file with corrected targets; other bytes unchanged."""
    return splice(original, corrections, extract, escape)
