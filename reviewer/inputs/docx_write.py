"""Writing corrections into a Word package: tracked changes, comments, or plain edits.

Each correction replaces a span of the extracted text (reviewer.text.docx_read). Its
runs are split where the span starts and ends, wrapped one by one in `w:del`
(their `w:t` become `w:delText`), and the replacement follows in a `w:ins`
whose runs copy the formatting of the runs they replace: the replacement's
common prefix and suffix with the old text keep their own run's formatting,
the changed middle takes the formatting of the run it starts in. A hidden
bookmark `_reviewer_<id>` around each revision lets `reviewer import` find it
again after the editor worked. With `track=False` the runs are replaced in
place. Comments (`Note`) go into word/comments.xml (created, with its
relationship and content type, when the document has none).

Only the parts that change are serialized again; every other zip member is
copied byte for byte, in the same order and with the same zip metadata. The
result is read again before it is returned.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from reviewer.inputs.writeback import Correction, WriteBackError
from reviewer.text.docx_package import (
    CT_MACRO_MAIN,
    CT_MAIN,
    PARSER,
    Package,
    PackageError,
    open_package,
    parse_part,
)
from reviewer.text.docx_text import Block, Item, W, blocks, placed
from reviewer.text.segment import Kind

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
RT_COMMENTS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
               "comments")
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PKG_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
BOOKMARK_PREFIX = "_reviewer_"
# Parts that hold or drive macros: left out when a .docm is written as .docx.
_MACRO_TYPES = ("application/vnd.ms-office.vbaProject", "application/vnd.ms-word.vbaData",
                "application/vnd.ms-word.keyMapCustomizations",
                "application/vnd.ms-word.attachedToolbars")


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """How to write: as revisions by `author` (or plain edits), at `date` (now when "")."""

    author: str = "reviewer"
    date: str = ""
    track: bool = True
    drop_macros: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """A Word comment on the extracted-text span [start, end)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Ids:
    """Fresh w:id values (revisions, comments and bookmarks share the counter)."""

    next: int
    comments: list[tuple[int, str]] = field(default_factory=list)

    def take(self) -> int:
        self.next += 1
        return self.next


def bookmark_name(sid: str) -> str:
    """The hidden bookmark around the revision of suggestion `sid` (Word: letters,
    digits and underscores, at most 40 characters)."""
    return BOOKMARK_PREFIX + sid.replace("-", "_")


def write(
    raw: bytes,
    corrections: Sequence[Correction],
    options: WriteOptions,
    notes: Sequence[Note] = (),
    marks: dict[Correction, str] | None = None,
) -> bytes:
    """The package `raw` with `corrections` written (and `notes` as comments); `marks`
    names the suggestion of each correction, for its bookmark. `WriteBackError` when a
    correction cannot be written (its place is protected or in a pending revision)."""
    try:
        pkg = open_package(raw)
    except PackageError as exc:
        raise WriteBackError(str(exc)) from None
    if pkg.macros and not options.drop_macros:
        raise WriteBackError("a macro-enabled document (.docm): reviewer writes no macros; "
                             "--allow-drop-macros writes a .docx without them")
    roots: dict[str, Any] = {}
    found = blocks(pkg, roots)
    where = placed(found)
    date = options.date or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = _Ids(_max_id(roots))
    changed: set[str] = set()
    ops: list[tuple[int, int, int, Any]] = []  # (start, kind, end, payload)
    for c in corrections:
        ops.append((c.start, 1, c.end, c))
    taken = [(c.start, c.end) for c in corrections]
    last_end = -1
    for n in sorted(notes, key=lambda n: (n.start, n.end)):
        if n.end <= n.start or n.start < last_end or any(
                s < n.end and n.start < e or s == e and n.start < s < n.end for s, e in taken):
            continue  # comments go on spans no correction and no other comment touches
        last_end = n.end
        ops.append((n.start, 0, n.end, n))
    ops.sort(key=lambda o: (o[0], o[1]), reverse=True)
    for prev, cur in zip(sorted(taken), sorted(taken)[1:], strict=False):
        if cur[0] < prev[1]:
            raise WriteBackError(f"corrections at {prev[0]} and {cur[0]} overlap")
    ctx = _Context(options, date, ids)
    for start, _, end, payload in ops:
        base, block = _block_at(where, start, end)
        if block is None:
            if isinstance(payload, Note):
                continue
            raise WriteBackError(f"correction at {start}-{end}: not inside checked prose")
        if isinstance(payload, Note):
            if ctx.comment(block, start - base, end - base, payload.text):
                changed.add(block.part)
            continue
        sid = (marks or {}).get(payload, "")
        ctx.replace(block, start - base, end - base, payload.replacement, sid)
        changed.add(block.part)
    out = {name: _xml(roots[name]) for name in changed}
    if ids.comments:
        out.update(_comments(pkg, ids.comments, options, date))
    removed: set[str] = set()
    if pkg.macros:
        removed, more = _drop_macros(pkg)
        out.update(more)
    data = _zip(pkg, out, removed)
    try:
        blocks(open_package(data))
    except PackageError as exc:  # never hand back a file we could not read ourselves
        raise WriteBackError(f"the corrected document would not read again: {exc}") from None
    return data


def _block_at(where: list[tuple[int, Block]], start: int, end: int
              ) -> tuple[int, Block | None]:
    for base, block in where:
        if base <= start and end <= base + block.length:
            return base, block
    return 0, None


def _max_id(roots: dict[str, Any]) -> int:
    top = 0
    for root in roots.values():
        for el in root.iter():
            v = el.get(W + "id") if isinstance(el.tag, str) else None
            if v is not None and v.lstrip("-").isdigit():
                top = max(top, int(v))
    return top


class _Context:
    def __init__(self, options: WriteOptions, date: str, ids: _Ids) -> None:
        self.options = options
        self.date = date
        self.ids = ids

    def _revision(self, tag: str) -> Any:
        return etree.Element(W + tag, {W + "id": str(self.ids.take()),
                                       W + "author": self.options.author,
                                       W + "date": self.date})

    def replace(self, block: Block, s: int, e: int, replacement: str, sid: str) -> None:
        """Replace block[s:e) with `replacement`, as a revision or in place."""
        where = f"correction at {block.unit} {s}-{e}"
        if s == e:
            # An insertion goes next to a plain run on either side (`_insert` checks which):
            # the item after it may be a field or a link while the run before it is plain.
            self._insert(block, s, replacement, sid, where)
            return
        items = _items(block, s, e)
        for it in items:
            if it.kind is not Kind.TEXT or it.elem is None:
                raise WriteBackError(f"{where}: touches a protected span (a field, a "
                                     "link's edge, a bookmark, an image)")
            if it.revision:
                raise WriteBackError(f"{where}: inside a pending revision by {it.revision}")
        inner = [z for z in block.items if s < z.start < e and z.kind is Kind.MASK
                 and not z.text]
        if inner:
            raise WriteBackError(f"{where}: crosses a bookmark, link or content control edge")
        old = [(r, _run_text(r)) for r in _isolate(items, s, e)]
        new_runs = _new_runs(old, replacement)
        runs_list = [r for r, _ in old]
        last_run = runs_list[-1]
        if self.options.track:
            dels = []
            for r in runs_list:
                d = self._revision("del")
                r.addprevious(d)
                d.append(r)
                for t in r.iter(W + "t"):
                    t.tag = W + "delText"
                dels.append(d)
            end_el = dels[-1]
            if new_runs:
                ins = self._revision("ins")
                ins.extend(new_runs)
                dels[-1].addnext(ins)
                end_el = ins
            self._bookmark(dels[0], end_el, sid)
        else:
            cur = last_run
            for nr in new_runs:
                cur.addnext(nr)
                cur = nr
            for r in runs_list:
                r.getparent().remove(r)

    def _insert(self, block: Block, s: int, replacement: str, sid: str, where: str) -> None:
        """Insert `replacement` at block offset `s`, formatted like the run it follows (or,
        at the start of a paragraph, the run it precedes)."""
        before = [i for i in block.items if i.start < s <= i.start + len(i.text)]
        after = [i for i in block.items if i.start <= s < i.start + len(i.text)]
        if before and _plain(before[-1]):
            anchor, behind = _split_after(before[-1], s - 1 - before[-1].start), True
        elif after and _plain(after[0]):
            anchor, behind = _split_before(after[0], s - after[0].start), False
        else:
            raise WriteBackError(f"{where}: no plain run to insert next to")
        new_runs = _new_runs([(anchor, "")], replacement)
        if not new_runs:
            return
        placed = new_runs
        if self.options.track:
            ins = self._revision("ins")
            ins.extend(new_runs)
            placed = [ins]
        for el in placed:
            if behind:
                anchor.addnext(el)
                anchor = el
            else:
                anchor.addprevious(el)
        first, last = (placed[0], placed[-1])
        self._bookmark(first, last, sid)

    def _bookmark(self, first: Any, last: Any, sid: str) -> None:
        if not sid or not self.options.track:
            return
        n = str(self.ids.take())
        first.addprevious(etree.Element(W + "bookmarkStart",
                                        {W + "id": n, W + "name": bookmark_name(sid)}))
        last.addnext(etree.Element(W + "bookmarkEnd", {W + "id": n}))

    def comment(self, block: Block, s: int, e: int, text: str) -> bool:
        """Anchor a comment on block[s:e); False when its ends are not in plain runs."""
        items = _items(block, s, e)
        if not items or any(i.elem is None for i in (items[0], items[-1])) or \
                items[0].kind is not Kind.TEXT or items[-1].kind is not Kind.TEXT:
            return False
        last = _split_after(items[-1], e - 1 - items[-1].start)
        first = _split_before(items[0], s - items[0].start)
        if items[0] is items[-1] and first is not last:
            last = first
        n = self.ids.take()
        first.addprevious(etree.Element(W + "commentRangeStart", {W + "id": str(n)}))
        end = etree.Element(W + "commentRangeEnd", {W + "id": str(n)})
        last.addnext(end)
        ref = etree.SubElement(etree.Element(W + "r"), W + "commentReference",
                               {W + "id": str(n)}).getparent()
        end.addnext(ref)
        self.ids.comments.append((n, text))
        return True


def _plain(item: Item) -> bool:
    """True for a character of a run outside any pending revision."""
    return item.kind is Kind.TEXT and item.elem is not None and not item.revision


def _items(block: Block, s: int, e: int) -> list[Item]:
    """The items with characters in [s, e) (or the one at s when the span is empty)."""
    if s == e:
        return [i for i in block.items if i.start <= s < i.start + len(i.text)][:1]
    return [i for i in block.items if i.start < e and s < i.start + len(i.text)]


def _split_text(t: Any, k: int) -> Any:
    """Split w:t `t` before its character k; returns the new w:t holding the rest."""
    text = t.text or ""
    tail = etree.Element(W + "t")
    tail.text = text[k:]
    t.text = text[:k]
    for el in (t, tail):
        el.set(XML_SPACE, "preserve")
    t.addnext(tail)
    return tail


def _split_run_before(run: Any, child: Any) -> Any:
    """Split `run` so that `child` starts a run (same formatting); returns that run."""
    content = [c for c in run if c.tag != W + "rPr"]
    if content and content[0] is child:
        return run
    new = etree.Element(run.tag, dict(run.attrib))
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    moving = content[content.index(child):]
    for c in moving:
        new.append(c)
    run.addnext(new)
    return new


def _split_before(item: Item, k: int) -> Any:
    """The run that starts with character k of `item` (split off when needed)."""
    elem = item.elem
    if elem.tag == W + "t" and k > 0:
        elem = _split_text(elem, k + item.at)
    return _split_run_before(elem.getparent(), elem)


def _split_after(item: Item, k: int) -> Any:
    """The run that ends with character k of `item` (what follows split off)."""
    elem = item.elem
    run = elem.getparent()
    if elem.tag == W + "t" and k + 1 < len(elem.text or ""):
        _split_run_before(run, _split_text(elem, k + 1 + item.at))
        return run
    content = [c for c in run if c.tag != W + "rPr"]
    i = content.index(elem)
    if i + 1 < len(content):
        _split_run_before(run, content[i + 1])
    return run


def _isolate(items: list[Item], s: int, e: int) -> list[Any]:
    """Split runs so that exactly the characters [s, e) fill whole runs; those runs."""
    last = items[-1]
    _split_after(last, e - 1 - last.start)
    first_run = _split_before(items[0], max(0, s - items[0].start))
    runs = [first_run]
    for it in items[1:]:
        r = it.elem.getparent()
        if r is not runs[-1]:
            runs.append(r)
    return runs


def _run_text(run: Any) -> str:
    out = []
    for c in run:
        if c.tag == W + "t":
            out.append(c.text or "")
        elif c.tag == W + "tab":
            out.append("\t")
        elif c.tag in (W + "br", W + "cr"):
            out.append("\n")
        elif c.tag == W + "noBreakHyphen":
            out.append("\u2011")
    return "".join(out)


def _new_runs(old: list[tuple[Any, str]], replacement: str) -> list[Any]:
    """Runs holding `replacement`, each character formatted like the old character it
    stands for: the common prefix and suffix keep theirs, the middle takes the format of
    the run where the change starts."""
    if not replacement:
        return []
    chars: list[Any] = []  # the run each old character came from
    text = ""
    for run, t in old:
        chars.extend([run] * len(t))
        text += t
    if not chars:
        chars = [old[0][0]]
        text = ""
    p = 0
    while p < min(len(text), len(replacement)) and text[p] == replacement[p]:
        p += 1
    q = 0
    while q < min(len(text), len(replacement)) - p and text[-1 - q] == replacement[-1 - q]:
        q += 1
    middle = chars[min(p, len(chars) - 1)]
    source = ([chars[i] for i in range(p)] + [middle] * (len(replacement) - p - q)
              + [chars[len(text) - q + i] for i in range(q)])
    runs: list[Any] = []
    prev = None
    for ch, src in zip(replacement, source, strict=True):
        if src is not prev:
            r = etree.Element(W + "r")
            rpr = src.find(W + "rPr")
            if rpr is not None:
                r.append(copy.deepcopy(rpr))
            runs.append(r)
            prev = src
        _append_char(runs[-1], ch)
    return runs


def _append_char(run: Any, ch: str) -> None:
    if ch == "\t":
        etree.SubElement(run, W + "tab")
        return
    if ch == "\n":
        etree.SubElement(run, W + "br")
        return
    last = run[-1] if len(run) else None
    if last is None or last.tag != W + "t":
        last = etree.SubElement(run, W + "t")
        last.set(XML_SPACE, "preserve")
        last.text = ""
    last.text = (last.text or "") + ch


def _xml(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True))


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _comments(pkg: Package, comments: list[tuple[int, str]], options: WriteOptions,
              date: str) -> dict[str, bytes]:
    """word/comments.xml with the new comments (and the relationship and content type
    of a new comments part)."""
    out: dict[str, bytes] = {}
    existing = pkg.related(pkg.main, "comments")
    if existing:
        name = existing[0]
        root = parse_part(pkg, name)
    else:
        folder = pkg.main.rpartition("/")[0]
        name = f"{folder}/comments.xml" if folder else "comments.xml"
        root = etree.Element(W + "comments", nsmap={"w": W[1:-1], "w14": W14[1:-1]})
        rels_name = _rels_name(pkg.main)
        rels = (etree.fromstring(pkg.members[rels_name], PARSER) if rels_name in pkg.members
                else etree.Element(PKG_RELS + "Relationships", nsmap={None: PKG_RELS[1:-1]}))
        taken = {r.get("Id") for r in rels}
        n = 1
        while f"rId{n}" in taken:
            n += 1
        etree.SubElement(rels, PKG_RELS + "Relationship",
                         {"Id": f"rId{n}", "Type": RT_COMMENTS, "Target": "comments.xml"})
        out[rels_name] = _xml(rels)
        types = etree.fromstring(pkg.members["[Content_Types].xml"], PARSER)
        etree.SubElement(types, PKG_CT + "Override",
                         {"PartName": "/" + name, "ContentType": CT_COMMENTS})
        out["[Content_Types].xml"] = _xml(types)
    for n, text in comments:
        c = etree.SubElement(root, W + "comment", {
            W + "id": str(n), W + "author": options.author, W + "date": date,
            W + "initials": options.author[:2]})
        for i, line in enumerate(text.split("\n")):
            p = etree.SubElement(c, W + "p")
            # Word links a reply to the last paragraph of the comment it answers
            p.set(W14 + "paraId", f"{0x10000000 + 16 * n + i:08X}")
            r = etree.SubElement(p, W + "r")
            t = etree.SubElement(r, W + "t")
            t.set(XML_SPACE, "preserve")
            t.text = line
    out[name] = _xml(root)
    return out


def _drop_macros(pkg: Package) -> tuple[set[str], dict[str, bytes]]:
    """The members to leave out and the parts to rewrite for a .docm written as .docx."""
    removed = {name for name, part in pkg.parts.items()
               if part.content_type.startswith(_MACRO_TYPES)}
    removed |= {_rels_name(n) for n in removed if _rels_name(n) in pkg.members}
    out: dict[str, bytes] = {}
    types = etree.fromstring(pkg.members["[Content_Types].xml"], PARSER)
    for el in list(types):
        if el.get("PartName", "").lstrip("/") in removed:
            types.remove(el)
        elif el.get("ContentType") == CT_MACRO_MAIN:
            el.set("ContentType", CT_MAIN)
    out["[Content_Types].xml"] = _xml(types)
    rels_name = _rels_name(pkg.main)
    if rels_name in pkg.members:
        rels = etree.fromstring(pkg.members[rels_name], PARSER)
        folder = pkg.main.rpartition("/")[0]
        for rel in list(rels):
            target = rel.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else (
                f"{folder}/{target}" if folder else target)
            if full in removed:
                rels.remove(rel)
        out[rels_name] = _xml(rels)
    return removed, out


def _zip(pkg: Package, changed: dict[str, bytes], removed: set[str]) -> bytes:
    """The package with `changed` members replaced (or added) and `removed` left out;
    every other member's bytes and zip metadata as they were."""
    src = zipfile.ZipFile(io.BytesIO(pkg.raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            if info.filename in removed or info.is_dir():
                continue
            data = changed.pop(info.filename, None)
            out.writestr(copy.copy(info), data if data is not None else pkg.members[info.filename])
        for name, data in changed.items():
            out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
