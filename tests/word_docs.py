"""Word documents for the tests, made with python-docx (and lxml where it has no API)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

SEED = Path(__file__).parent.parent / "seeds" / "mine-action-statement.en.txt"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
    '{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
)


def sample(path: Path, footnote: str = "Teh footnote says it twice twice.") -> Path:
    """A small document: mixed formatting in one paragraph, a table, a header, a hyperlink,
    a PAGE field, a bookmark and a footnote."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Teh header of the report"
    p = d.add_paragraph("This is ")
    p.add_run("a apple").bold = True
    p.add_run(" in the the garden.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Cell one"
    t.cell(1, 1).text = "Their is a cell."
    link = d.add_paragraph("See ")
    link._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships" r:id="rIdLink"><w:r><w:t>the site</w:t></w:r>'
        '</w:hyperlink>'))
    link.add_run(" for more more details.")
    field = d.add_paragraph("Page ")
    for xml in ('<w:r xmlns:w="{ns}"><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r xmlns:w="{ns}"><w:instrText> PAGE </w:instrText></w:r>',
                '<w:r xmlns:w="{ns}"><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r xmlns:w="{ns}"><w:t>1</w:t></w:r>',
                '<w:r xmlns:w="{ns}"><w:fldChar w:fldCharType="end"/></w:r>'):
        field._p.append(parse_xml(xml.format(ns=W_NS)))
    field.add_run(" of the the report.")
    note = d.add_paragraph("A sentence with a note")
    note._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:footnoteReference w:id="1"/></w:r>'))
    note.add_run(".")
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(with_footnotes(buf.getvalue(), footnote, link=True))
    return path


def with_footnotes(raw: bytes, text: str, link: bool = False) -> bytes:
    """`raw` with a footnotes part holding one footnote (python-docx makes none)."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                    b"</Types>"))
            if info.filename == "word/_rels/document.xml.rels":
                extra = (b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org'
                         b'/officeDocument/2006/relationships/footnotes" '
                         b'Target="footnotes.xml"/>')
                if link:
                    extra += (b'<Relationship Id="rIdLink" Type="http://schemas.openxmlformats'
                              b'.org/officeDocument/2006/relationships/hyperlink" '
                              b'Target="https://example.org/" TargetMode="External"/>')
                data = data.replace(b"</Relationships>", extra + b"</Relationships>")
            z.writestr(info, data)
        z.writestr("word/footnotes.xml", FOOTNOTES.format(text=text).encode())
    return out.getvalue()


def from_seed(path: Path, paragraphs: int | None = None) -> Path:
    """The seed as a Word document: its paragraphs with every other one in a table cell,
    some words bold, a header and a footnote."""
    text = SEED.read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    if paragraphs is not None:
        paras = paras[:paragraphs]
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Mine action statement (draft)"
    table = None
    for n, para in enumerate(paras):
        if n % 4 == 3:
            table = table or d.add_table(rows=0, cols=1)
            table.add_row().cells[0].text = para
            continue
        p = d.add_paragraph()
        words = para.split(" ")
        half = len(words) // 2
        p.add_run(" ".join(words[:half]) + " ")
        p.add_run(words[half]).bold = True
        if words[half + 1:]:
            p.add_run(" " + " ".join(words[half + 1:]))
        if n == 0:
            p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:footnoteReference w:id="1"/></w:r>'))
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(with_footnotes(buf.getvalue(), "This note was added by the the editor."))
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}
