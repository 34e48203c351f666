"""The prose of a Word document: blocks of paragraphs, each character mapped to its run.

A *block* is what one segment checks: a body paragraph (`p12`), a table cell
(`table1/r3/c2`, its paragraphs joined by line breaks), a header or footer part
(`header1`), a footnote or endnote (`footnote4`, numbered as printed) or a text
box (`p5/textbox1`). A block's text is its runs joined; every character is an
`Item` piece that knows its element (`w:t`, `w:tab`...) and offset, so a
correction can be written back into the runs it came from (reviewer.inputs.docx_write).

Read as the document would print with all changes accepted: inserted text
(`w:ins`, `w:moveTo`) is in, deleted text (`w:del`, `w:moveFrom`) is out; each
item remembers the author of the pending revision it is in. Protected
(MASK) items: field results, equations, images and other objects, symbols;
zero-width masks mark bookmarks and the edges of hyperlinks, content controls,
smart tags and simple fields, so no correction crosses them. Field codes and
hyperlink targets are not text at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer.text.docx_package import W_NS, Package, parse_part
from reviewer.text.segment import STAND_IN, Kind

W = "{" + W_NS + "}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
OBJECT = "\ufffc"  # the text of an image or an embedded object

# Elements whose edges no correction may cross; their content is read.
_CONTAINERS = {W + "hyperlink", W + "smartTag", W + "customXml", W + "sdt"}
_REVISED_IN = {W + "ins", W + "moveTo"}
_REVISED_OUT = {W + "del", W + "moveFrom"}
_SIMPLE_TEXT = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "\u2011"}
_OBJECTS = {W + "drawing", W + "pict", W + "object", MC + "AlternateContent", W + "sym",
            W + "ptab"}


@dataclass(frozen=True, slots=True)
class Item:
    """`text` at `start` of its block: from `elem` (a w:t from its offset `at`, or a whole
    w:tab/w:br...) when TEXT; protected when MASK (elem None, or zero width)."""

    start: int
    text: str
    kind: Kind
    elem: Any = None
    at: int = 0
    revision: str = ""  # the author of the pending revision it is in
    reads: str = STAND_IN


@dataclass(slots=True)
class Block:
    """One checked unit: its locator, part, paragraphs and items in order."""

    unit: str
    part: str
    paragraphs: list[Any] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    length: int = 0

    @property
    def text(self) -> str:
        return "".join(i.text for i in self.items)

    def add(self, text: str, kind: Kind, elem: Any = None, at: int = 0, revision: str = "",
            reads: str = STAND_IN) -> None:
        self.items.append(Item(self.length, text, kind, elem, at, revision, reads))
        self.length += len(text)


class _Walker:
    """Walks the parts in reading order and yields blocks."""

    def __init__(self, pkg: Package, roots: dict[str, Any] | None = None) -> None:
        self.pkg = pkg
        self.roots = roots if roots is not None else {}
        self.fields: list[bool] = []  # open complex fields: True once past `separate`
        self.out: list[Block] = []

    def root(self, name: str) -> Any:
        if name not in self.roots:
            self.roots[name] = parse_part(self.pkg, name)
        return self.roots[name]

    def run(self) -> list[Block]:
        main = self.pkg.main
        body = self.root(main).find(W + "body")
        if body is not None:
            self.container(body, main, "", own_blocks=True)
        for kind in ("header", "footer"):
            for name in self.pkg.related(main, kind):
                self.container(self.root(name), name, _stem(name), own_blocks=False)
        for kind in ("footnotes", "endnotes"):
            for name in self.pkg.related(main, kind):
                n = 0
                for note in self.root(name).iterchildren(W + kind[:-1]):
                    if note.get(W + "type") in ("separator", "continuationSeparator",
                                                "continuationNotice"):
                        continue
                    n += 1
                    self.container(note, name, f"{kind[:-1]}{n}", own_blocks=False)
        return self.out

    def container(self, elem: Any, part: str, unit: str, own_blocks: bool) -> None:
        """Block-level content: each paragraph its own block (the body), or all of them
        one block named `unit` (a cell, a header, a note, a text box)."""
        joined = None if own_blocks else Block(unit, part)
        if joined is not None:
            self.out.append(joined)
        counts = {"p": 0, "table": 0}
        for child in _block_children(elem):
            if child.tag == W + "p":
                counts["p"] += 1
                if joined is None:
                    block = Block(_join(unit, f"p{counts['p']}"), part)
                    self.out.append(block)
                    self.paragraph(child, block)
                else:
                    if joined.paragraphs:
                        joined.add("\n", Kind.TAG)
                    self.paragraph(child, joined)
            elif child.tag == W + "tbl":
                counts["table"] += 1
                self.table(child, part, _join(unit, f"table{counts['table']}"))

    def table(self, tbl: Any, part: str, unit: str) -> None:
        for r, tr in enumerate(_within(tbl, (W + "tr",)), start=1):
            for c, tc in enumerate(_within(tr, (W + "tc",)), start=1):
                self.container(tc, part, f"{unit}/r{r}/c{c}", own_blocks=False)

    def paragraph(self, p: Any, block: Block) -> None:
        block.paragraphs.append(p)
        boxes: list[Any] = []
        self.inline(p, block, "", boxes)
        for n, box in enumerate(boxes, start=1):
            self.container(box, block.part, f"{block.unit}/textbox{n}", own_blocks=False)

    def inline(self, elem: Any, block: Block, revision: str, boxes: list[Any]) -> None:
        for child in elem:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "r":
                self.run_(child, block, revision, boxes)
            elif tag in _REVISED_IN:
                self.inline(child, block, child.get(W + "author", "") or "?", boxes)
            elif tag in _REVISED_OUT:
                continue
            elif tag in _CONTAINERS:
                block.add("", Kind.MASK)
                inner = child.find(W + "sdtContent") if tag == W + "sdt" else child
                if inner is not None:
                    self.inline(inner, block, revision, boxes)
                block.add("", Kind.MASK)
            elif tag == W + "fldSimple":
                block.add("", Kind.MASK)
                text = "".join(t.text or "" for t in child.iter(W + "t"))
                block.add(text, Kind.MASK)
                block.add("", Kind.MASK)
            elif tag in (W + "bookmarkStart", W + "bookmarkEnd"):
                block.add("", Kind.MASK)
            elif tag in (M + "oMath", M + "oMathPara"):
                text = "".join(t.text or "" for t in child.iter(M + "t")) or OBJECT
                block.add(text, Kind.MASK)

    def run_(self, r: Any, block: Block, revision: str, boxes: list[Any]) -> None:
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                    block.add("", Kind.MASK)
                continue
            if self.fields and not self.fields[-1]:
                continue  # a field's code (instrText): not text
            in_result = bool(self.fields)
            if tag == W + "t":
                text = child.text or ""
                if in_result:
                    block.add(text, Kind.MASK)
                elif text:
                    block.add(text, Kind.TEXT, child, 0, revision)
            elif tag in _SIMPLE_TEXT:
                text = _SIMPLE_TEXT[tag]
                block.add(text, Kind.MASK if in_result else Kind.TEXT, child, 0, revision)
            elif tag in _OBJECTS:
                block.add(OBJECT, Kind.MASK, reads="")
                boxes.extend(_text_boxes(child))
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                block.add("", Kind.MASK)


def _text_boxes(elem: Any) -> Iterator[Any]:
    """The text box contents of a drawing; of an mc:AlternateContent only its Choice (the
    Fallback repeats it in VML)."""
    if elem.tag == MC + "AlternateContent":
        choice = elem.find(MC + "Choice")
        if choice is None:
            choice = elem.find(MC + "Fallback")
        if choice is None:
            return
        elem = choice
    for box in elem.iter(W + "txbxContent"):
        a = box.getparent()
        while a is not None and a is not elem and a.tag != W + "txbxContent":
            a = a.getparent()
        if a is None or a is elem:  # not inside another text box: that one holds it
            yield box


def _within(elem: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """The children of `elem` with one of `tags`, also inside content controls and custom XML."""
    for child in elem:
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _within(content, tags)
        elif child.tag == W + "customXml":
            yield from _within(child, tags)
        elif child.tag in tags:
            yield child


def _block_children(elem: Any) -> Iterator[Any]:
    """Paragraphs and tables, also inside block-level content controls and custom XML."""
    return _within(elem, (W + "p", W + "tbl"))


def _join(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix else name


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].removesuffix(".xml")


def blocks(pkg: Package, roots: dict[str, Any] | None = None) -> list[Block]:
    """Every block of the document in reading order: body (paragraphs and tables), headers
    and footers, footnotes, endnotes; text boxes after the paragraph that holds them.
    `roots` (part name -> parsed root) is filled with the parts parsed."""
    return _Walker(pkg, roots).run()


def placed(found: Sequence[Block]) -> list[tuple[int, Block]]:
    """The blocks with prose and where each starts in the extracted text."""
    out: list[tuple[int, Block]] = []
    pos = 0
    for block in found:
        if not any(i.kind is Kind.TEXT for i in block.items):
            continue
        if out:
            pos += 1  # the line break between blocks
        out.append((pos, block))
        pos += block.length
    return out
