"""Writing corrections back: the file re-reads, markup and other units stay byte-identical."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.inputs import html, markdown, plain, po, xliff
from reviewer.inputs.registry import load, refusals, write_back
from reviewer.inputs.writeback import Correction, WriteBackError
from reviewer.text.document import parse_document
from reviewer.text.segment import Kind, Piece, Segment, SegmentIndex

DATA = Path(__file__).parent / "data" / "inputs"


def fix(raw: bytes, wrong: str, right: str, occurrence: int = 0) -> Correction:
    """A correction of the `occurrence`-th `wrong` in the file's text."""
    text = raw.decode("utf-8")
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(wrong, at + 1)
    return Correction(at, at + len(wrong), right)


def test_xliff12_target_corrected_rest_byte_identical() -> None:
    raw = (DATA / "sample12.xlf").read_bytes()
    at = fix(raw, "a <g", "").start
    out = xliff.write_back(raw, [Correction(at, at + 1, "an")])
    assert out == raw.replace(b"It is a <g", b"It is an <g")
    by_unit = {s.unit: s.text for s in xliff.extract(out)}
    assert by_unit["error"] == "It is an opportunity for us & them."
    assert by_unit["greeting"] == "Dear Chairman!"


def test_xliff_replacement_is_escaped_and_entities_are_never_rewritten() -> None:
    raw = (DATA / "sample12.xlf").read_bytes()
    out = xliff.write_back(raw, [fix(raw, "for us", "for <us>")])
    assert b"for &lt;us&gt; &amp; them." in out
    assert xliff.extract(out)[1].text == "It is a opportunity for <us> & them."
    # An entity is protected: an edit that would rewrite it is refused, the file untouched.
    with pytest.raises(WriteBackError, match="placeholder"):
        xliff.write_back(raw, [fix(raw, "us &amp; them", "us and them")])


def test_xliff20_tag_kept() -> None:
    raw = (DATA / "sample20.xlf").read_bytes()
    out = xliff.write_back(raw, [fix(raw, "opportunity", "chance")])
    assert b'It is a <pc id="1">chance</pc> for <ph id="2"/> us.' in out


@pytest.mark.parametrize("wrong", ['a <g id="1">opportunity', "Press <x"])
def test_corrections_that_would_delete_markup_are_refused(wrong: str) -> None:
    raw = (DATA / "sample12.xlf").read_bytes()
    c = fix(raw, wrong, "x")
    doc = load(parse_document("t.xlf", raw))
    assert c in refusals(doc, [c])
    with pytest.raises(WriteBackError, match="markup|placeholder"):
        write_back(doc, [c])


def test_po_correction_across_a_string_break_reads_with_polib(tmp_path: Path) -> None:
    raw = (DATA / "sample.po").read_bytes()
    out = po.write_back(raw, [fix(raw, 'opportunity "\n"for', "chance for")])
    assert b'"It is a chance for \\"us\\" and %s."' in out
    path = tmp_path / "out.po"
    path.write_bytes(out)
    entry = polib.pofile(str(path)).find("Это возможность для %s.")
    assert entry is not None and entry.msgstr == 'It is a chance for "us" and %s.'


def test_po_escapes_and_agrees_with_polib(tmp_path: Path) -> None:
    raw = (DATA / "sample.po").read_bytes()
    out = po.write_back(raw, [fix(raw, "Dear Chairman!", 'Dear "Chair"\n')])
    path = tmp_path / "out.po"
    path.write_bytes(out)
    ours = {s.unit: s.text for s in po.extract(out)}
    theirs = polib.pofile(str(path))
    assert theirs.find("Уважаемый председатель!").msgstr == 'Dear "Chair"\n'
    for entry in theirs:
        if entry.msgid and not entry.msgid_plural:
            assert ours[entry.msgid] == entry.msgstr
    assert out.replace(b'Dear \\"Chair\\"\\n', b"Dear Chairman!") == raw


def test_markdown_correction_keeps_markup_and_code() -> None:
    raw = (DATA / "sample.md").read_bytes()
    out = markdown.write_back(raw, [fix(raw, "a example", "an example"),
                                    fix(raw, "has", "have")])
    assert out == raw.replace(b"is a example of", b"is an example of").replace(
        b"We has", b"We have")
    with pytest.raises(WriteBackError):
        markdown.write_back(raw, [fix(raw, "`inline codez`", "code")])
    with pytest.raises(WriteBackError):  # inside a fenced code block: not prose
        markdown.write_back(raw, [fix(raw, "a example", "an example", 1)])


def test_html_correction_keeps_tags() -> None:
    raw = (DATA / "sample.html").read_bytes()
    out = html.write_back(raw, [fix(raw, "We has", "We have")])
    assert out == raw.replace(b"We has", b"We have")
    with pytest.raises(WriteBackError):  # would delete <b>
        html.write_back(raw, [fix(raw, "a <b>example", "an example")])
    with pytest.raises(WriteBackError):  # an attribute is not prose
        html.write_back(raw, [fix(raw, "a example", "an example")])


def test_plain_text_splices() -> None:
    assert plain.write_back(b"He go home.\n", [Correction(3, 5, "goes")]) == b"He goes home.\n"


@settings(max_examples=300)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 10)), max_size=10),
       st.integers(0, 40), st.integers(0, 5))
def test_the_segments_around_a_span_are_those_that_hold_it(
    spans: list[tuple[int, int]], start: int, width: int
) -> None:
    """Nested, overlapping, empty and touching segments alike."""
    segments = [Segment("u", "x" * b, (Piece(0, b, a, a + b, Kind.TEXT),), a) for a, b in spans]
    held = [seg for seg in segments if seg.file_span[0] <= start
            and start + width <= seg.file_span[1]]
    found = SegmentIndex(segments).around(start, start + width)
    assert sorted(map(id, found)) == sorted(map(id, held))
    assert [seg.file_span for seg in found] == sorted(seg.file_span for seg in held)


def test_many_corrections_in_a_long_document_look_at_their_own_segment_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 20: each correction looked through every segment of the file (quadratic)."""
    raw = "".join(f"Paragraph {i} has a error.\n\n" for i in range(1_000)).encode()
    doc = load(parse_document("doc.md", raw))  # a segment per paragraph
    corrections = [fix(raw, "a error", "an error", i) for i in range(1_000)]
    looked = 0
    span = Segment.file_span

    def counted(seg: Segment) -> tuple[int, int]:
        nonlocal looked
        looked += 1
        return span.fget(seg)  # type: ignore[attr-defined, no-any-return]

    monkeypatch.setattr(Segment, "file_span", property(counted))
    assert refusals(doc, corrections) == {}
    out = write_back(doc, corrections)
    assert out.count(b"an error") == 1_000
    assert looked < 20 * (len(corrections) + len(doc.segments or ()))
