"""Word documents: reading the prose with locators, refusing bad packages, writing revisions."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reviewer.inputs.docx_apply import WordOptions, write_applied
from reviewer.inputs.docx_import import W14, W15, decisions
from reviewer.inputs.docx_write import Note, WriteOptions, write
from reviewer.inputs.writeback import Correction, WriteBackError
from reviewer.review.apply import apply
from reviewer.review.store import load
from reviewer.review.suggest import Status, Suggestion
from reviewer.text.document import Document, InputError, parse_document, read_document
from testkit.review_factory import suggestions
from tests.word_docs import W_NS, members, sample

DATE = "2026-01-02T03:04:05Z"


def _at(text: str, needle: str, replacement: str) -> Correction:
    i = text.index(needle)
    return Correction(i, i + len(needle), replacement)


def test_blocks_are_read_in_order_with_locators(tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    assert [s.unit for s in doc.segments or ()] == [
        "p1", "table1/r1/c1", "table1/r2/c2", "p2", "p3", "p4", "header1", "footnote1"]
    assert doc.text.splitlines() == [
        "This is a apple in the the garden.", "Cell one", "Their is a cell.",
        "See the site for more more details.", "Page 1 of the the report.",
        "A sentence with a note.", "Teh header of the report",
        "Teh footnote says it twice twice."]
    assert doc.format == "docx"


def test_field_results_links_and_bookmarks_are_protected(tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    page = doc.text.index("Page 1") + len("Page ")
    assert doc.masked(page, page + 1)  # the PAGE field's result
    link = doc.text.index("the site")
    assert doc.masked(link - 1, link + 2)  # across the hyperlink's edge
    assert not doc.masked(link, link + len("the site"))  # its text is prose


def test_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Kept ")
    from docx.oxml import parse_xml
    p._p.append(parse_xml(
        f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="Anna" w:date="{DATE}"><w:r><w:t>new '
        '</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="2" w:author="Anna" w:date="{DATE}"><w:r><w:delText>'
        'old </w:delText></w:r></w:del>'))
    p.add_run("text.")
    path = tmp_path / "t.docx"
    d.save(str(path))
    doc = read_document(path)
    assert doc.text == "Kept new text."
    # Another author's pending insertion is not ours to revise.
    with pytest.raises(WriteBackError, match="pending revision by Anna"):
        write(doc.raw, [_at(doc.text, "new", "newer")], WriteOptions(date=DATE))


def _zip(entries: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bad(tmp_path: Path, name: str, raw: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "\n" not in str(exc.value)
    return str(exc.value)


def test_bad_packages_are_refused_in_one_line(tmp_path: Path) -> None:
    good = members(sample(tmp_path / "s.docx"))
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    assert "convert it to .docx" in _bad(tmp_path, "old.doc", ole)
    assert "encrypted or IRM-protected" in _bad(tmp_path, "locked.docx", ole)
    assert "not a readable zip" in _bad(tmp_path, "broken.docx", b"PK\x03\x04 truncated")
    bomb = dict(good, **{"word/media/bomb.bin": bytes(50_000_000)})
    assert "zip bomb" in _bad(tmp_path, "bomb.docx", _zip(bomb))
    dtd = dict(good)
    dtd["word/document.xml"] = good["word/document.xml"].replace(
        b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
    assert "declares a DTD" in _bad(tmp_path, "xxe.docx", _zip(dtd))
    no_main = {k: v for k, v in good.items() if k != "word/document.xml"}
    assert "main document part word/document.xml is missing" in _bad(
        tmp_path, "empty.docx", _zip(no_main))
    strict = dict(good)
    strict["word/document.xml"] = good["word/document.xml"].replace(
        W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    assert "strict Open XML" in _bad(tmp_path, "strict.docx", _zip(strict))


def test_revisions_keep_formatting_and_every_other_member(tmp_path: Path) -> None:
    path = sample(tmp_path / "s.docx")
    doc = read_document(path)
    fixes = [_at(doc.text, "a apple", "an apple"), _at(doc.text, "the the", "the"),
             _at(doc.text, "Their", "There"), _at(doc.text, "Teh header", "The header"),
             _at(doc.text, "twice twice", "twice")]
    tracked = write(doc.raw, fixes, WriteOptions(author="Rita", date=DATE))
    plain = write(doc.raw, fixes, WriteOptions(track=False))
    expected = ("This is an apple in the garden.\nCell one\nThere is a cell.\n"
                "See the site for more more details.\nPage 1 of the the report.\n"
                "A sentence with a note.\nThe header of the report\nTeh footnote says it twice.")
    assert parse_document("t.docx", tracked).text == expected
    assert parse_document("p.docx", plain).text == expected
    before, after = members(path), _members(tracked)
    changed = {"word/document.xml", "word/header1.xml", "word/footnotes.xml"}
    assert {k for k in before if before[k] != after[k]} == changed
    assert list(after) == list(before)
    body = after["word/document.xml"].decode()
    assert '<w:del w:id=' in body and 'w:author="Rita"' in body
    assert '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">an apple</w:t>' in body
    reopened = docx.Document(io.BytesIO(plain))  # python-docx opens what we write
    assert reopened.paragraphs[0].runs[1].bold and reopened.paragraphs[0].runs[1].text == (
        "an apple")


def test_a_revision_across_runs_keeps_each_runs_formatting(tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    fix = _at(doc.text, "is a apple", "is an apple")  # plain "is " + bold "a apple"
    body = _members(write(doc.raw, [fix], WriteOptions(date=DATE)))["word/document.xml"]
    ins = body.decode().split("<w:ins ")[1].split("</w:ins>")[0]
    assert '<w:r><w:t xml:space="preserve">is </w:t></w:r>' in ins
    assert '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">an apple</w:t></w:r>' in ins


def test_protected_spans_are_refused(tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    for fix in (_at(doc.text, "1 of", "one of"), _at(doc.text, "See the", "See")):
        with pytest.raises(WriteBackError, match="protected|edge"):
            write(doc.raw, [fix], WriteOptions())


def test_comments_part_is_added_with_its_relationship(tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    i = doc.text.index("more more")
    out = _members(write(doc.raw, [], WriteOptions(date=DATE),
                         [Note(i, i + 9, "Possible typo\nreviewer id 0123")]))
    assert b"reviewer id 0123" in out["word/comments.xml"]
    assert b"comments.xml" in out["word/_rels/document.xml.rels"]
    assert b"/word/comments.xml" in out["[Content_Types].xml"]
    assert b"<w:commentRangeStart" in out["word/document.xml"]


def test_macros_are_never_written_unless_dropped(tmp_path: Path) -> None:
    good = members(sample(tmp_path / "s.docx"))
    macro = dict(good)
    macro["[Content_Types].xml"] = good["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    raw = _zip(macro)
    path = tmp_path / "m.docm"
    path.write_bytes(raw)
    doc = read_document(path)  # read only
    fix = _at(doc.text, "Their", "There")
    with pytest.raises(WriteBackError, match="macro-enabled"):
        write(raw, [fix], WriteOptions())
    out = _members(write(raw, [fix], WriteOptions(drop_macros=True)))
    assert b"macroEnabled" not in out["[Content_Types].xml"]


def _members(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _reviewed(tmp_path: Path) -> tuple[Path, list[Suggestion]]:
    """The sample with three accepted suggestions applied and one pending, commented."""
    doc = read_document(sample(tmp_path / "s.docx"))
    spans = [(doc.text.index(old), doc.text.index(old) + len(old), (new,))
             for old, new in (("a apple", "an apple"), ("the the", "the"),
                              ("Their", "There"), ("more more", "more"))]
    found = list(suggestions(doc.text, spans))
    found[:3] = [replace(s, status=Status.ACCEPTED, choice=0) for s in found[:3]]
    outcome = apply(doc.text, found)
    out = tmp_path / "reviewed.docx"
    out.write_bytes(write_applied(doc, outcome, found, WordOptions(author="QA")))
    return out, found


def test_import_reads_revisions_and_comment_replies(tmp_path: Path) -> None:
    out, found = _reviewed(tmp_path)
    raw = out.read_bytes()
    body = _members(raw)["word/document.xml"].decode()
    # The editor accepts "an apple" and rejects "There"; "the" stays pending.
    body = re.sub(r'<w:del [^>]*><w:r><w:rPr><w:b/></w:rPr><w:delText[^>]*>a apple'
                  r'</w:delText></w:r></w:del><w:ins [^>]*>(.*?)</w:ins>', r"\1", body)
    body = re.sub(r'<w:del [^>]*><w:r>(<w:delText[^>]*>Their</w:delText>)</w:r></w:del>'
                  r'<w:ins [^>]*>.*?</w:ins>', lambda m: "<w:r>" + m.group(1).replace(
                      "delText", "t") + "</w:r>", body)
    comments = _members(raw)["word/comments.xml"].decode()
    ours = re.search(r'w14:paraId="([0-9A-F]{8})"[^>]*>(?:(?!</w:p>).)*reviewer id ',
                     comments)
    assert ours is not None
    last = re.findall(r'w14:paraId="([0-9A-F]{8})"', comments)[-1]
    reply = (f'<w:comment w:id="900" w:author="Ed"><w:p xmlns:w14="{W14[1:-1]}" '
             'w14:paraId="2000AAAA"><w:r><w:t>Keep it: a quote.</w:t></w:r></w:p></w:comment>')
    comments = comments.replace("</w:comments>", reply + "</w:comments>")
    extended = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx '
                f'xmlns:w15="{W15[1:-1]}"><w15:commentEx w15:paraId="{last}"/><w15:commentEx '
                f'w15:paraId="2000AAAA" w15:paraIdParent="{last}"/></w15:commentsEx>')
    parts = _members(raw)
    parts["word/document.xml"] = body.encode()
    parts["word/comments.xml"] = comments.encode()
    parts["word/commentsExtended.xml"] = extended.encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.microsoft.com/'
        b'office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>'
        b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/commentsExtended.xml" ContentType="'
        b'application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"'
        b"/></Types>")
    got, notes = decisions(tuple(found), _zip(parts), "lee", "2026-01-01T00:00:00Z")
    by_id = {d.id: d for d in got}
    assert by_id[found[0].id].status is Status.ACCEPTED and by_id[found[0].id].by == "lee"
    assert by_id[found[1].id].status is Status.PENDING
    assert by_id[found[2].id].status is Status.REJECTED
    assert (by_id[found[3].id].comment, by_id[found[3].id].by) == ("Keep it: a quote.", "Ed")
    assert notes == []


def test_import_refuses_what_is_not_a_word_document(run_cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                    ) -> None:
    out, found = _reviewed(tmp_path)
    review_file = tmp_path / "r.json"
    from reviewer.review.record import ReviewFile, dump_bytes
    review_file.write_bytes(dump_bytes(ReviewFile(str(tmp_path / "s.docx"), "0" * 64,
                                                  tuple(found))))
    text = tmp_path / "edited.docx"
    text.write_text("plain text")
    code, _, err = run_cli("import", str(review_file), str(text))
    assert code == 2 and "not a readable zip" in err and len(err.strip().splitlines()) == 1
    code, stdout, err = run_cli("import", str(review_file), str(out), "--user", "lee")
    assert code == 0, err
    assert f"{found[3].id} pending" not in stdout  # nothing answered on it


def test_findings_in_another_authors_revision_say_so(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path
) -> None:
    d = docx.Document()
    p = d.add_paragraph("We saw ")
    from docx.oxml import parse_xml
    p._p.append(parse_xml(
        f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="Anna" w:date="{DATE}"><w:r><w:t>a '
        'elephant</w:t></w:r></w:ins>'))
    p.add_run(" in the garden. He go home now.")
    path = tmp_path / "revised.docx"
    d.save(str(path))
    review_file = tmp_path / "r.json"
    code, _, err = run_cli("review", str(path), "-o", str(review_file))
    assert code in (0, 1), err
    messages = {s.finding.text: s.finding.message for s in load(review_file).suggestions}
    assert messages["a"].endswith("(in a pending revision by Anna)")
    assert not messages["go"].endswith("Anna)")


WORD_MADE = Path(__file__).parent / "data" / "word"


def _paragraphs(xml: bytes) -> list[bytes]:
    root = etree.fromstring(xml)
    return [etree.tostring(p, method="c14n") for p in root.iter(f"{{{W_NS}}}p")]


def test_a_word_made_document_changes_only_in_the_corrected_runs() -> None:
    raw = (WORD_MADE / "par-hyperlinks.docx").read_bytes()
    doc = parse_document("par-hyperlinks.docx", raw)
    assert doc.text.splitlines()[1] == "One awesome hyperlink."
    fixes = [_at(doc.text, "awesome hyperlink", "awesome link"),  # inside a hyperlink
             _at(doc.text, "here, the", "here, then the")]
    out = write(raw, fixes, WriteOptions(date=DATE))
    assert parse_document("o.docx", out).text == doc.text.replace(
        "awesome hyperlink", "awesome link").replace("here, the", "here, then the")
    before, after = _members(raw), _members(out)
    assert [k for k in before if before[k] != after[k]] == ["word/document.xml"]
    old, new = _paragraphs(before["word/document.xml"]), _paragraphs(after["word/document.xml"])
    assert len(old) == len(new)
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [1, 2]
    assert b'w:rStyle w:val="Hyperlink"' in new[1].split(b"<w:ins")[1]  # the link's style
    docx.Document(io.BytesIO(out))  # python-docx reopens it


def test_comments_join_a_word_made_comments_part() -> None:
    raw = (WORD_MADE / "comments-rich-para.docx").read_bytes()
    doc = parse_document("c.docx", raw)
    i = doc.text.index("worthy")
    out = _members(write(raw, [], WriteOptions(date=DATE), [Note(i, i + 6, "reviewer id x")]))
    before = _members(raw)
    old = etree.fromstring(before["word/comments.xml"])
    new = etree.fromstring(out["word/comments.xml"])
    assert len(new) == len(old) + 1 and b"reviewer id x" in out["word/comments.xml"]
    assert out["word/_rels/document.xml.rels"] == before["word/_rels/document.xml.rels"]
    assert out["[Content_Types].xml"] == before["[Content_Types].xml"]


def test_check_review_and_apply_on_word_files(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path
) -> None:
    path = sample(tmp_path / "s.docx")
    code, stdout, _ = run_cli("check", str(path), "--fail-on", "never")
    assert code == 0
    assert re.search(r"s\.docx:3:1: \[table1/r2/c2\] \w+ ", stdout), stdout
    assert "[footnote1]" in stdout and "[header1]" in stdout
    macro = members(path)
    macro["[Content_Types].xml"] = macro["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    docm = tmp_path / "m.docm"
    docm.write_bytes(_zip(macro))
    review_file = tmp_path / "m.review.json"
    assert run_cli("review", str(docm), "-o", str(review_file))[0] in (0, 1)
    assert run_cli("decide", str(review_file), "--accept-all")[0] == 0
    code, _, err = run_cli("apply", str(review_file), "--no-recheck")
    assert code == 2 and "--allow-drop-macros" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "m.corrected.docx").exists()
    code, out, err = run_cli("apply", str(review_file), "--no-recheck", "--allow-drop-macros")
    assert code in (0, 1), err
    written = _members((tmp_path / "m.corrected.docx").read_bytes())
    assert b"macroEnabled" not in written["[Content_Types].xml"]
    assert b"<w:ins " in written["word/document.xml"]


def test_text_boxes_content_controls_and_equations(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    d = docx.Document()
    p = d.add_paragraph("Before the box ")
    p._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>Inside teh box.</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    p.add_run(" after it.")
    q = d.add_paragraph("Name: ")
    q._p.append(parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr><w:tag w:val="client"/></w:sdtPr><w:sdtContent>'
        '<w:r><w:t>Acme Ltd</w:t></w:r></w:sdtContent></w:sdt>'))
    q.add_run(" and ")
    q._p.append(parse_xml(
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        '<m:r><m:t>x=2</m:t></m:r></m:oMath>'))
    q.add_run(".")
    path = tmp_path / "boxes.docx"
    d.save(str(path))
    doc = read_document(path)
    assert [s.unit for s in doc.segments or ()] == ["p1", "p1/textbox1", "p2"]
    assert doc.text.splitlines() == ["Before the box \ufffc after it.", "Inside teh box.",
                                     "Name: Acme Ltd and x=2."]
    box = doc.text.index("\ufffc")
    assert doc.masked(box, box + 1)  # the drawing itself
    eq = doc.text.index("x=2")
    assert doc.masked(eq, eq + 3)
    tag = doc.text.index("Acme")
    assert doc.masked(tag - 1, tag + 1) and not doc.masked(tag, tag + 4)
    fixed = write(doc.raw, [_at(doc.text, "teh", "the")], WriteOptions(track=False))
    assert parse_document("f.docx", fixed).text.splitlines()[1] == "Inside the box."


def test_an_insertion_between_a_plain_run_and_a_field_goes_after_the_run(
    tmp_path: Path
) -> None:
    # `Page 1`: the page number is a field; inserting right before it is allowed by
    # `refusals` (the run before is plain) and must be written there, not refused.
    raw = sample(tmp_path / "s.docx").read_bytes()
    doc = parse_document("s.docx", raw)
    at = doc.text.index("Page ") + len("Page ")
    assert doc.masked(at, at + 1) and not doc.masked(at - 1, at)
    fix = Correction(at, at, "no. ")
    assert not refusals_of(doc, fix)
    for track in (True, False):
        out = write(raw, [fix], WriteOptions(track=track, date=DATE))
        assert "Page no. 1 of" in parse_document("o.docx", out).text


_SAMPLE: dict[str, bytes] = {}


def _sample_raw(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if "raw" not in _SAMPLE:
        _SAMPLE["raw"] = sample(tmp_path_factory.mktemp("fuzz") / "s.docx").read_bytes()
    return _SAMPLE["raw"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_writable_corrections_read_back_as_spliced(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    raw = _sample_raw(tmp_path_factory)
    doc = parse_document("s.docx", raw)
    spans = sorted(data.draw(st.lists(
        st.tuples(st.integers(0, len(doc.text)), st.integers(0, 6),
                  st.text("ab \t", max_size=4)), max_size=4)))
    fixes: list[Correction] = []
    for start, length, rep in spans:
        c = Correction(start, min(start + length, len(doc.text)), rep)
        if fixes and c.start <= fixes[-1].end:
            continue
        if refusals_of(doc, c):
            continue
        fixes.append(c)
    expected = doc.text
    for c in reversed(fixes):
        expected = expected[:c.start] + c.replacement + expected[c.end:]
    for track in (True, False):
        try:
            out = write(raw, fixes, WriteOptions(track=track, date=DATE))
        except WriteBackError as exc:  # only an insertion with no run to go next to
            assert "no plain run" in str(exc) and any(c.start == c.end for c in fixes)
            continue
        assert parse_document("o.docx", out).text == expected


def refusals_of(doc: Document, c: Correction) -> str:
    from reviewer.inputs.registry import refusals
    return refusals(doc, [c]).get(c, "")
