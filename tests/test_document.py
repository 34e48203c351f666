"""Reading documents, paragraph blocks and UTF-16 offsets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer.lt.offsets import utf16_to_codepoints
from reviewer.text.blocks import blocks
from reviewer.text.document import InputError, parse_document, read_document
from reviewer.text.lines import LineIndex
from reviewer.text.sentences import paragraphs


def test_bom_is_set_aside_and_remembered() -> None:
    doc = parse_document("a.txt", b"\xef\xbb\xbfHello.\r\n")
    assert doc.text == "Hello.\r\n"
    assert doc.bom
    assert doc.encode(doc.text) == b"\xef\xbb\xbfHello.\r\n"


def test_crlf_is_kept() -> None:
    assert parse_document("a.txt", b"One.\r\n\r\nTwo.\r\n").text == "One.\r\n\r\nTwo.\r\n"


@pytest.mark.parametrize(
    ("raw", "cause"),
    [
        (b"abc\x00def", "binary file"),
        (b"ok\n\xff\xfe bad", "invalid UTF-8 at byte 3 (line 2)"),
    ],
)
def test_bad_bytes_name_the_cause(raw: bytes, cause: str) -> None:
    with pytest.raises(InputError) as err:
        parse_document("bad.txt", raw)
    assert str(err.value).startswith("bad.txt: ")
    assert cause in str(err.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("x")
    p.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_document(p)


def test_paragraphs_exclude_blank_lines() -> None:
    text = "One.\n\nTwo\nlines.\r\n\r\n\nThree."
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two\nlines.", "Three."]


def test_blocks_group_whole_paragraphs_up_to_the_limit() -> None:
    text = "\n\n".join(["x" * 30] * 5)
    got = blocks(text, max_chars=70)
    assert [len(b.text) for b in got] == [62, 62, 30]
    assert all(text[b.start : b.start + len(b.text)] == b.text for b in got)


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    text = "First sentence here. Second sentence here. Third one."
    got = blocks(text, max_chars=25)
    assert [b.text for b in got] == ["First sentence here.", "Second sentence here.", "Third one."]


def test_utf16_table_maps_surrogate_pairs() -> None:
    text = "a😀b"
    assert utf16_to_codepoints("abc") is None
    table = utf16_to_codepoints(text)
    assert table is not None
    # UTF-16: a=0, 😀=1..2, b=3, end=4
    assert [table[i] for i in (0, 1, 3, 4)] == [0, 1, 2, 3]


def test_line_index_is_one_based_in_code_points() -> None:
    idx = LineIndex("ab\n😀cd\n")
    assert idx.position(0) == (1, 1)
    assert idx.position(4) == (2, 2)
