"""HTML: the text of each block element (paragraph, heading, list item, cell...) as a segment.

Read with the standard library's `html.parser`, which reports where every
tag, text run and character reference starts. Tags and their attributes
are markup (never checked, never deleted by a correction); `<br>` reads as
a space. The content of `script`, `style`, `pre`, `textarea`, `template`,
`svg` and `math` is skipped; inline `code`, `kbd`, `samp` and `var` are
masked. Entities are atoms; a whitespace run that HTML would collapse
reads as one space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape
from html.parser import HTMLParser

from reviewer.inputs.writeback import Correction, splice
from reviewer.text.segment import Segment, SegmentBuilder

NAME = "html"

_BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html legend li main nav "
    "ol p section summary table tbody td tfoot th thead title tr ul option".split()
)
_SKIPPED = frozenset("script style pre textarea template svg math noscript".split())
_MASKED = frozenset("code kbd samp var tt".split())
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")


class _Extractor(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.segments: list[Segment] = []
        self._builder: SegmentBuilder | None = None
        self._skip: list[str] = []
        self._mask: tuple[str, int, int] | None = None  # tag, file start, depth

    def _here(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _flush(self) -> None:
        b = self._builder
        if b is not None and b.current.strip():
            self.segments.append(b.build())
        self._builder = None

    def _open(self, at: int) -> SegmentBuilder:
        if self._builder is None:
            self._builder = SegmentBuilder("", at)
        return self._builder

    def _tag_end(self, start: int) -> int:
        end = self.source.find(">", start)
        return len(self.source) if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        end = start + len(self.get_starttag_text() or "")
        self._markup(tag, start, end, opening=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        end = start + len(self.get_starttag_text() or "")
        self._markup(tag, start, end, opening=False)

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        self._markup(tag, start, self._tag_end(start), opening=False, closing=True)

    def _markup(self, tag: str, start: int, end: int, opening: bool, closing: bool = False) -> None:
        if self._skip:
            if closing and tag == self._skip[-1]:
                self._skip.pop()
            elif opening and tag in _SKIPPED:
                self._skip.append(tag)
            return
        if self._mask is not None:
            name, mstart, depth = self._mask
            if closing and tag == name:
                depth -= 1
            elif opening and tag == name:
                depth += 1
            self._mask = (name, mstart, depth)
            if depth == 0:
                seg_text = _WHITESPACE.sub(" ", unescape(_strip_tags(self.source[mstart:end])))
                self._open(mstart).mask(mstart, end, seg_text)
                self._mask = None
            return
        if opening and tag in _SKIPPED:
            self._flush()
            self._skip.append(tag)
        elif opening and tag in _MASKED:
            self._mask = (tag, start, 1)
        elif tag in _BLOCKS:
            self._flush()
        elif tag == "br":
            self._open(start).tag(start, end, " ")
        elif self._builder is not None:
            self._builder.tag(start, end)

    def handle_data(self, data: str) -> None:
        if self._skip or self._mask is not None:
            return
        start = self._here()
        pos = 0
        for m in _WHITESPACE.finditer(data):
            if m.group() == " ":
                continue
            if m.start() > pos:
                self._open(start + pos).prose(start + pos, data[pos : m.start()])
            if self._builder is not None:
                self._builder.atom(start + m.start(), start + m.end(), " ")
            pos = m.end()
        if pos < len(data):
            self._open(start + pos).prose(start + pos, data[pos:])

    def _reference(self) -> None:
        if self._skip or self._mask is not None:
            return
        start = self._here()
        m = re.compile(r"&#?[0-9A-Za-z]+;?").match(self.source, start)
        end = m.end() if m else start + 1
        value = unescape(self.source[start:end])
        self._open(start).mask(start, end, value, reads=value)  # entities stay as written

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def handle_comment(self, data: str) -> None:
        if self._builder is not None and not self._skip and self._mask is None:
            start = self._here()
            end = self.source.find("-->", start)
            self._builder.tag(start, len(self.source) if end < 0 else end + 3)


def _strip_tags(fragment: str) -> str:
    return re.sub(r"<[^>]*>", "", fragment)


def extract(raw: bytes) -> tuple[Segment, ...]:
    """The prose blocks of an HTML file, in file order."""
    text = raw.decode("utf-8").removeprefix("\ufeff")
    parser = _Extractor(text)
    parser.feed(text)
    parser.close()
    parser._flush()
    return tuple(parser.segments)


def escape(text: str) -> str:
    """`text` as HTML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_back(original: bytes, corrections: Sequence[Correction]) -> bytes:
    """The HTML file with corrected prose; tags and attributes unchanged."""
    return splice(original, corrections, extract, escape)
