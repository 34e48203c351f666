"""gettext PO: each `msgstr` (each plural form) as a segment, mapped into its quoted strings.

A small scanner of our own rather than polib: polib gives an entry's line
but not where each character of a `msgstr` sits in the file, which placing
findings and writing corrections back needs. (polib serves in the tests as
the reference reader.) Escapes (`\\n`, `\\"`) are atoms; the break between two
quoted strings of one message is an empty atom, so a correction may span it.
The header entry and obsolete (`#~`) entries are left out; fuzzy entries
are checked like the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reviewer.inputs.writeback import Correction, splice
from reviewer.text.segment import Segment, SegmentBuilder

NAME = "po"

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+(?=")')
# The loop unrolled (runs of plain characters between escapes): the same strings, where a
# group repeated per character grew sre's stack with the string (slower per character).
_STRING = re.compile(r'"([^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"[ \t]*\r?$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v", "?": "?", "'": "'"}
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.))")


class PoError(ValueError):
    """Not a PO file we can read; the message gives the line and the cause."""


@dataclass
class _Field:
    keyword: str
    index: int | None
    strings: list[tuple[int, str]] = field(default_factory=list)  # (offset of content, content)


def _fields(text: str) -> list[list[_Field]]:
    """The entries of a PO file, each a list of its fields in order."""
    entries: list[list[_Field]] = []
    current: list[_Field] = []
    pos = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        start = pos
        pos += len(line)
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if not stripped and current:
                entries.append(current)
                current = []
            continue
        lead = len(line) - len(line.lstrip())
        m = _KEYWORD.match(line, lead)
        if m:
            keyword = m.group(1).split("[")[0]
            if keyword in ("msgctxt", "msgid") and current and current[-1].keyword == "msgstr":
                entries.append(current)
                current = []
            current.append(_Field(keyword, int(m.group(2)) if m.group(2) else None))
            rest = m.end()
        elif line.lstrip().startswith('"') and current:
            rest = lead
        else:
            raise PoError(f"line {number}: expected a keyword or a quoted string")
        s = _STRING.match(line.rstrip("\n"), rest)
        if not s:
            raise PoError(f"line {number}: unterminated or malformed string")
        current[-1].strings.append((start + rest + 1, s.group(1)))
    if current:
        entries.append(current)
    return entries


def _segment(unit: str, f: _Field) -> SegmentBuilder:
    anchor = f.strings[0][0] if f.strings else 0
    b = SegmentBuilder(unit, anchor)
    prev_end: int | None = None
    for offset, content in f.strings:
        if prev_end is not None:
            b.atom(prev_end, offset, "")
        pos = 0
        for m in _ESCAPE.finditer(content):
            b.prose(offset + pos, content[pos : m.start()])
            octal, hexa, char = m.groups()
            if octal:
                value = chr(int(octal, 8))
            elif hexa:
                value = chr(int(hexa, 16))
            elif char in _ESCAPES:
                value = _ESCAPES[char]
            else:
                raise PoError(f"unknown escape \\{char} in {content!r}")
            b.atom(offset + m.start(), offset + m.end(), value)
            pos = m.end()
        b.prose(offset + pos, content[pos:])
        prev_end = offset + len(content)
    return b


def extract(raw: bytes) -> tuple[Segment, ...]:
    """Every translation of a PO file, in file order, with its msgid as source."""
    text = raw.decode("utf-8").removeprefix("\ufeff")
    out: list[Segment] = []
    for entry in _fields(text):
        by_key = {(f.keyword, f.index): f for f in entry}
        ctxt = by_key.get(("msgctxt", None))
        msgid = by_key.get(("msgid", None))
        if msgid is None:
            raise PoError(f"an entry without msgid near offset {entry[0].strings[0][0]}")
        source = _segment("", msgid).current
        if not source and ctxt is None:
            continue  # the header
        context = _segment("", ctxt).current if ctxt else ""
        unit = f"[{context}] {source}" if ctxt else source
        plural = by_key.get(("msgid_plural", None))
        for f in entry:
            if f.keyword != "msgstr":
                continue
            name = unit if f.index is None else f"{unit}[{f.index}]"
            src = source if not f.index or plural is None else _segment("", plural).current
            out.append(_segment(name, f).build(src))
    return tuple(out)


def escape(text: str) -> str:
    """`text` as the content of a PO string."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


def write_back(original: bytes, corrections: Sequence[Correction]) -> bytes:
    """The PO file with corrected translations; other bytes unchanged."""
    return splice(original, corrections, extract, escape)
