"""Markdown: the prose of paragraphs, headings and table cells as segments.

markdown-it-py (CommonMark, plus tables) decides the blocks, so fenced and
indented code, HTML blocks and front matter are never checked; it gives each
block's lines but not inline positions, so the inline syntax is scanned here
on the block's content, located line by line in the file. Inside prose:
code spans, autolinks, bare URLs, e-mail addresses and images are masked;
emphasis markers, link brackets and destinations and inline HTML tags are
markup; backslash escapes and entities are atoms; a line break inside a
paragraph (with any blockquote or list indentation) reads as one space.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer.inputs.writeback import Correction, WriteBackError, splice
from reviewer.text.segment import Segment, SegmentBuilder

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

NAME = "markdown"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
# Runs (of backticks, of an e-mail's name) are taken whole, from their start, and an image's
# text or a comment ends at the next opener: trying each character of a long run, or
# scanning to the end from each opener, was quadratic (cubic for backticks): issue 20.
_INLINE = re.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<code>(?<!`)(?P<ticks>`++).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<image>!\[[^\[\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\))"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--(?:(?!<!--).)*?-->)"
    r"|(?P<dest>\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\])"
    r"|(?P<bracket>[\[\]])"
    r"|(?P<url>(?:https?://|www\.)[^\s<>()]*[^\s<>().,;:!?'\"]"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<emphasis>\*+|~~|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9]))",
    re.S,
)


def _locate(line: str, content: str, cursor: int) -> int:
    """Where `content` (one line of a block's content) starts in the file line."""
    body = line.rstrip("\r\n")
    if body.endswith(content) and len(body) - len(content) >= cursor:
        return len(body) - len(content)
    trimmed = content.rstrip()
    if body.rstrip().endswith(trimmed) and len(body.rstrip()) - len(trimmed) >= cursor:
        return len(body.rstrip()) - len(trimmed)
    return body.find(content, cursor)


def _scan(b: SegmentBuilder, content: str, starts: list[int]) -> None:
    """Add inline `content` to `b`; `starts[k]` is the file offset of its line k."""
    offsets: list[int] = []
    for k, line in enumerate(content.split("\n")):
        offsets.extend(range(starts[k], starts[k] + len(line) + 1))

    def file(i: int) -> int:
        return offsets[i] if i < len(offsets) else offsets[-1]

    def text(i: int, j: int) -> None:
        pos = i
        while pos < j:
            nl = content.find("\n", pos, j)
            stop = j if nl < 0 else nl
            run = content[pos:stop]
            kept = run.rstrip(" \t") if nl >= 0 else run
            b.prose(file(pos), kept)
            if nl < 0:
                break
            b.atom(file(pos + len(kept)), file(nl + 1), " ")
            pos = nl + 1

    pos = 0
    for m in _INLINE.finditer(content):
        text(pos, m.start())
        kind = m.lastgroup if m.lastgroup != "ticks" else "code"
        fs, fe = file(m.start()), file(m.end() - 1) + 1
        value = m.group()
        if kind == "escape":
            b.atom(fs, fe, value[1])
        elif kind in ("code", "url", "autolink", "image"):
            b.mask(fs, fe, "" if kind == "image" else value.strip("`<>"))
        elif kind == "entity":  # protected: written back as written
            b.mask(fs, fe, html.unescape(value), reads=html.unescape(value))
        elif kind == "tag" and re.fullmatch(r"<br\s*/?>", value, re.I):
            b.tag(fs, fe, " ")
        else:
            b.tag(fs, fe)
        pos = m.end()
    text(pos, len(content))


def _parser() -> MarkdownIt:
    """CommonMark with tables, block structure only (imported when a Markdown file is read)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable("inline")


def extract(raw: bytes) -> tuple[Segment, ...]:
    """The prose blocks of a Markdown file, in file order."""
    text = raw.decode("utf-8").removeprefix("\ufeff")
    front = _FRONT_MATTER.match(text)
    parsed = text
    if front:
        parsed = re.sub(r"[^\n]", "", front.group()) + text[front.end() :]
    lines = text.splitlines(keepends=True)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    out: list[Segment] = []
    row_cursor: dict[int, int] = {}
    # Only the blocks are needed: markdown-it's inline pass (most of its time) is skipped.
    for token in _parser().parse(parsed):
        if token.type != "inline" or token.map is None or not token.content.strip():
            continue
        first = token.map[0]
        starts = []
        for k, content_line in enumerate(token.content.split("\n")):
            n = first + k
            if n >= len(lines):
                break
            cursor = row_cursor.get(n, 0)
            col = _locate(lines[n], content_line, cursor)
            if col < 0:
                break
            row_cursor[n] = col + len(content_line)
            starts.append(line_starts[n] + col)
        if len(starts) != token.content.count("\n") + 1:
            continue  # cannot place it in the file: leave it unchecked rather than misplace
        b = SegmentBuilder("", starts[0])
        _scan(b, token.content, starts)
        out.append(b.build())
    return tuple(out)


_SPECIAL = re.compile(r"([\\`*_\[\]<|])")


def escape(text: str) -> str:
    """`text` as Markdown prose (characters that would start markup are escaped;
    `|` too, which would split a table cell)."""
    return _SPECIAL.sub(r"\\\1", text)


def _blocks(raw: bytes) -> list[tuple[str, str, int]]:
    """The block structure of a Markdown file: every block token but the inline text."""
    text = raw.decode("utf-8").removeprefix("\ufeff")
    tokens = _parser().parse(text)
    return [(t.type, t.tag, t.level) for t in tokens if t.type != "inline"]


def write_back(original: bytes, corrections: Sequence[Correction]) -> bytes:
    """The Markdown file with corrected prose; markup and code unchanged.

    A correction that would change the blocks (a blank line splitting a
    paragraph or a table cell, a `---` line turning a paragraph into a
    heading...) is a WriteBackError: corrections change prose, never structure.
    """
    result = splice(original, corrections, extract, escape)
    if _blocks(result) != _blocks(original):
        raise WriteBackError("the correction would change the Markdown structure "
                             "(a blank line, a heading or a table row)")
    return result
