"""Segments and their maps: every format's prose maps back onto the file's own characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.inputs import html, markdown, po, xliff
from reviewer.inputs.plain import first_divergence
from reviewer.inputs.registry import FORMATS, format_for, load
from reviewer.text.document import parse_document
from reviewer.text.segment import Kind, Segment

DATA = Path(__file__).parent / "data" / "inputs"
SAMPLES = ["sample12.xlf", "sample20.xlf", "sample.po", "sample.md", "sample.html"]


def assert_consistent(seg: Segment, text: str) -> None:
    pos = 0
    for p in seg.pieces:
        assert p.seg_start == pos  # pieces cover the segment's text in order
        pos = p.seg_end
        if p.kind is Kind.TEXT:
            assert text[p.file_start : p.file_end] == seg.text[p.seg_start : p.seg_end]
    assert pos == len(seg.text)


@pytest.mark.parametrize("name", SAMPLES)
def test_text_pieces_are_the_files_own_characters(name: str) -> None:
    doc = load(parse_document(name, (DATA / name).read_bytes()))
    assert doc.segments
    for seg in doc.segments:
        assert_consistent(seg, doc.text)


def test_bom_crlf_and_astral_characters_before_a_target() -> None:
    raw = ("\ufeff<?xml version='1.0'?>\r\n<xliff version='1.2'><file><body>\r\n"
           "<trans-unit id='😀'><source>Привет 😀</source>\r\n"
           "<target>Hi 😀 there\r\nfriend &#x1F600; a apple</target></trans-unit>"
           "</body></file></xliff>").encode()
    doc = load(parse_document("t.xlf", raw))
    assert doc.segments is not None
    (seg,) = doc.segments
    assert seg.unit == "😀" and seg.source == "Привет 😀"
    assert seg.text == "Hi 😀 there\nfriend 😀 a apple"
    assert_consistent(seg, doc.text)
    at = seg.text.index("a apple")
    start, end = seg.to_file(at, at + 1)
    assert doc.text[start:end] == "a" and doc.text[start : start + 7] == "a apple"
    nl = seg.text.index("\n")
    assert doc.text[slice(*seg.to_file(nl, nl + 1))] == "\r\n"  # one character, two in the file
    ref = seg.text.index("😀", nl)
    assert doc.text[slice(*seg.to_file(ref, ref + 1))] == "&#x1F600;"


def test_markdown_with_crlf_line_ends() -> None:
    raw = b"# Title\r\n\r\nA line\r\n> quoted `code` here\r\n"
    segs = markdown.extract(raw)
    assert [s.text for s in segs] == ["Title", "A line", "quoted code here"]
    text = raw.decode()
    for s in segs:
        assert_consistent(s, text)


def test_zero_width_tags_are_passed_over_at_span_edges() -> None:
    raw = b'<p>This is <b>a</b> <i>example</i>.</p>'
    (seg,) = html.extract(raw)
    text = raw.decode()
    at = seg.text.index("a ")
    assert text[slice(*seg.to_file(at, at + 1))] == "a"  # not `<b>a</b>`
    assert text[slice(*seg.to_file(at, at + 9))] == "a</b> <i>example"


def test_po_plural_and_context_units() -> None:
    units = [s.unit for s in po.extract((DATA / "sample.po").read_bytes())]
    assert units[-2:] == ["[button] Отправить {0} сообщение[0]",
                          "[button] Отправить {0} сообщение[1]"]


def test_xliff_translate_no_is_left_out() -> None:
    raw = (b'<xliff version="2.0"><file id="f"><unit id="a" translate="no"><segment>'
           b"<source>x</source><target>it are</target></segment></unit></file></xliff>")
    assert xliff.extract(raw) == ()


@pytest.mark.parametrize(("src", "tgt", "first"), [
    ([100, 200, 300, 80], [110, 290, 90], (1, 1)),  # the 2nd source paragraph was dropped
    ([100, 50, 300], [100, 50, 20, 300], (2, 2)),  # the target has an extra 3rd paragraph
    ([100, 200, 300], [100, 200, 150, 150], (2, 2)),  # the 3rd paragraph was split in two
])
def test_first_divergence(src: list[int], tgt: list[int], first: tuple[int, int]) -> None:
    assert first_divergence(src, tgt) == first


def test_format_by_extension_or_option() -> None:
    assert format_for("a/b.XLF").name == "xliff"
    assert format_for("b.po").name == "po" and format_for("b.md").name == "markdown"
    assert format_for("b.htm").name == "html" and format_for("b.txt").name == "text"
    assert format_for("README").name == "text"
    assert format_for("b.txt", "markdown").name == "markdown"
    assert format_for("b.docx").name == "docx" and format_for("b.DOCM").name == "docx"
    assert set(FORMATS) == {"text", "markdown", "html", "xliff", "po", "docx"}


def test_xliff_alternative_translations_are_not_targets() -> None:
    raw = (b'<xliff version="1.2"><file><body><trans-unit id="a"><source>x y</source>'
           b"<target>the target</target><alt-trans><source>x y</source>"
           b"<target>a alternative</target></alt-trans></trans-unit></body></file></xliff>")
    assert [(s.unit, s.text) for s in xliff.extract(raw)] == [("a", "the target")]


def test_markdown_inline_br_reads_as_a_space() -> None:
    (seg,) = markdown.extract(b"one<br>two <br/> three\n")
    assert seg.text == "one two   three"
