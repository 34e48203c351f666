"""Property: any correction inside prose is written back escaped, and reads back as that prose."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.inputs import html, markdown, po, xliff
from reviewer.inputs.writeback import Correction
from reviewer.text.segment import Kind

DATA = Path(__file__).parent / "data" / "inputs"
FORMATS = [(xliff, "sample12.xlf"), (xliff, "sample20.xlf"), (po, "sample.po"),
           (html, "sample.html")]
# Markdown prose takes most characters literally only after escaping; `&` and `<` are
# escaped by XML and HTML, quotes and backslashes by PO.
REPLACEMENT = st.text(alphabet=st.sampled_from(list("ab é😀&<>\"'\\\n{}%")), max_size=8)


@settings(max_examples=60, deadline=None)
@given(which=st.integers(0, len(FORMATS) - 1), pick=st.integers(0, 10_000),
       width=st.integers(0, 6), replacement=REPLACEMENT)
def test_text_corrections_round_trip(which: int, pick: int, width: int, replacement: str) -> None:
    module, name = FORMATS[which]
    raw = (DATA / name).read_bytes()
    text = raw.decode("utf-8")
    segments = module.extract(raw)
    pieces = [(n, p) for n, s in enumerate(segments) for p in s.pieces
              if p.kind is Kind.TEXT and p.seg_end > p.seg_start]
    n, piece = pieces[pick % len(pieces)]
    offset = pick % (piece.seg_end - piece.seg_start)
    seg_start = piece.seg_start + offset
    seg_end = min(piece.seg_end, seg_start + width)
    start = piece.file_start + offset
    end = start + (seg_end - seg_start)
    out = module.write_back(raw, [Correction(start, end, replacement)])
    again = module.extract(out)
    seg = segments[n]
    if module is html:  # HTML reads a whitespace run as one space
        replacement = " ".join(replacement.replace("\n", " ").split(" "))
    expected = seg.text[:seg_start] + replacement + seg.text[seg_end:]
    if module is html:
        assert " ".join(again[n].text.split()) == " ".join(expected.split())
    else:
        assert again[n].text == expected
    assert [s.text for i, s in enumerate(again) if i != n] == [
        s.text for i, s in enumerate(segments) if i != n]
    assert out.decode("utf-8")[:start] == text[:start]
    assert out.decode("utf-8").endswith(text[end:])


def test_markdown_special_characters_are_escaped() -> None:
    raw = b"Some prose here.\n"
    out = markdown.write_back(raw, [Correction(5, 10, "*not* `code` [x]")])
    assert markdown.extract(out)[0].text == "Some *not* `code` [x] here."
