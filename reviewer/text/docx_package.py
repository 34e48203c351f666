"""Opening a Word package safely: the zip checked, the parts found, each XML part hardened.

python-docx reads the package (`docx.opc.pkgreader.PackageReader`: the content
types, the relationship graph and each part's bytes, parsed by nobody yet);
everything it does not give, the checks here add before any part is parsed:

- a corrupt zip, an encrypted zip entry, too many members, or a zip bomb (a
  member that unpacks to more than `MAX_RATIO` times its packed size, or more
  than `MAX_UNPACKED` bytes in all);
- an OLE compound file: a binary `.doc` ("convert to .docx") or a .docx that
  is encrypted or IRM-protected (Word stores those as OLE files too);
- strict OOXML (ISO/IEC 29500 strict namespaces), which Word can re-save as
  transitional;
- a DTD or an entity declaration in any XML member (an XML bomb, or an external
  entity that would read a local file): refused, never resolved;
- no main document part.

XML parts are parsed by `parse_part` with a parser that resolves no entity,
loads no DTD and opens no network connection. Macros are data: nothing in a
package is ever run.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MEMBERS = 10_000
MAX_UNPACKED = 512 * 1024 * 1024  # all members together, unpacked
MAX_RATIO = 100  # unpacked / packed size of one member (XML packs about 10:1)
SMALL = 64 * 1024  # members this small are never a bomb whatever their ratio

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
RT_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                      "officeDocument")
STRICT_RT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
CT_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         dtd_validation=False, huge_tree=False, remove_blank_text=False)


class PackageError(ValueError):
    """A Word file that cannot be read safely; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the package: its name in the zip, content type, relationship type and
    the relationships it has (rId -> (type, target part name, external))."""

    name: str  # zip member name, no leading slash: word/document.xml
    content_type: str
    reltype: str
    rels: dict[str, tuple[str, str, bool]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Package:
    """A checked Word package: the raw zip, its members' bytes, and its parts."""

    raw: bytes
    members: dict[str, bytes]
    parts: dict[str, Part]
    main: str  # the main document part's member name

    @property
    def macros(self) -> bool:
        """True for a macro-enabled document (.docm)."""
        return self.parts[self.main].content_type == CT_MACRO_MAIN

    def related(self, part: str, reltype_suffix: str) -> list[str]:
        """The member names of `part`'s internal relationships of a type ending in
        `/reltype_suffix`, sorted by name (header1, header2...)."""
        return sorted(t for rt, t, ext in self.parts[part].rels.values()
                      if rt.endswith("/" + reltype_suffix) and not ext and t in self.members)


def open_package(raw: bytes, suffix: str = ".docx") -> Package:
    """The package in `raw`, checked; `PackageError` says in one line why not."""
    if raw.startswith(OLE_MAGIC):
        if suffix == ".doc":
            raise PackageError("a binary Word 97-2003 document: convert it to .docx "
                               "(Word or LibreOffice: Save As) and check that")
        raise PackageError("an encrypted or IRM-protected Word document (an OLE compound "
                           "file, not a zip package): save an unprotected copy")
    if suffix == ".doc":
        raise PackageError("not a binary Word document either: name a .docx file .docx")
    members = _members(raw)
    for name, data in members.items():
        if _is_xml(name) and _declares_dtd(data):
            raise PackageError(f"{name} declares a DTD or entities: refused (no Word part "
                               "needs one; it could expand into gigabytes or read local files)")
    main = _main_part(members)
    try:
        from docx.opc.pkgreader import PackageReader  # the package's relationship graph
        reader = PackageReader.from_file(io.BytesIO(raw))  # type: ignore[no-untyped-call]
    except Exception as exc:  # python-docx raises KeyError, ValueError, its own errors
        raise PackageError(f"not a readable Word package: {_one_line(exc)}") from None
    parts: dict[str, Part] = {}
    for partname, content_type, reltype, _blob in reader.iter_sparts():
        parts[partname.membername] = Part(partname.membername, content_type, reltype)
    for source, srel in reader.iter_srels():
        owner = parts.get(source.membername) if source.membername else None
        if owner is None:
            continue
        target = "" if srel.is_external else srel.target_partname.membername
        owner.rels[srel.rId] = (srel.reltype, target if not srel.is_external
                                else srel.target_ref, srel.is_external)
    if main not in parts:
        raise PackageError(f"the main document part {main} is missing")
    if parts[main].content_type not in (CT_MAIN, CT_MACRO_MAIN):
        raise PackageError(f"the main part {main} is {parts[main].content_type!r}, "
                           "not a Word document")
    return Package(raw, members, parts, main)


def parse_part(pkg: Package, name: str) -> Any:
    """The root element of XML part `name`, parsed with the hardened parser."""
    try:
        root = etree.fromstring(pkg.members[name], PARSER)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"{name} is not well-formed XML: {_one_line(exc)}") from None
    if root.getroottree().docinfo.doctype:
        raise PackageError(f"{name} declares a DTD: refused")
    if isinstance(root.tag, str) and root.tag.startswith("{" + STRICT_W_NS):
        raise PackageError(_STRICT)
    return root


_STRICT = ("a strict Open XML document, which reviewer cannot read: save it in Word as "
           "'Word Document (*.docx)' (transitional)")


def _members(raw: bytes) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageError(f"not a Word document (not a readable zip package: {exc})") from None
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"{len(infos)} zip members: more than {MAX_MEMBERS}, refused")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise PackageError(f"zip member {info.filename} is encrypted")
        total += info.file_size
        if total > MAX_UNPACKED:
            raise PackageError(f"unpacks to more than {MAX_UNPACKED // 2**20} MB: a zip bomb, "
                               "refused")
        if info.file_size > SMALL and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(f"zip member {info.filename} unpacks to "
                               f"{info.file_size // max(info.compress_size, 1)} times its "
                               f"size (limit {MAX_RATIO}): a zip bomb, refused")
    out = {}
    try:
        for info in infos:
            if not info.is_dir():
                with zf.open(info) as f:  # reads at most file_size bytes, CRC checked
                    out[info.filename] = f.read(info.file_size + 1)
                if len(out[info.filename]) != info.file_size:
                    raise PackageError(f"zip member {info.filename} is not the size it says")
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise PackageError(f"corrupt zip package: {_one_line(exc)}") from None
    return out


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _declares_dtd(data: bytes) -> bool:
    head = data.decode("utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data
    text = head if isinstance(head, str) else head.decode("utf-8", "replace")
    return "<!DOCTYPE" in text or "<!ENTITY" in text


def _main_part(members: dict[str, bytes]) -> str:
    rels = members.get("_rels/.rels")
    if rels is None:
        raise PackageError("no package relationships (_rels/.rels): not a Word document")
    try:
        root = etree.fromstring(rels, PARSER)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"_rels/.rels is not well-formed XML: {_one_line(exc)}") from None
    for rel in root:
        kind = rel.get("Type", "")
        if kind == STRICT_RT_OFFICE_DOCUMENT:
            raise PackageError(_STRICT)
        if kind == RT_OFFICE_DOCUMENT:
            name = str(rel.get("Target", "")).lstrip("/")
            if name not in members:
                raise PackageError(f"the main document part {name} is missing")
            return name
    raise PackageError("no main document part (no officeDocument relationship)")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
