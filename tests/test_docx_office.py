"""Word documents in a real client: LibreOffice opens what `reviewer apply` writes, and the
revisions come back through `reviewer import`."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.inputs.docx_write import WriteOptions, write
from reviewer.inputs.writeback import Correction
from reviewer.review.store import load
from reviewer.review.suggest import Status
from reviewer.text.document import parse_document, read_document
from tests.word_docs import W_NS, from_seed, members, sample

pytestmark = pytest.mark.office
W = "{" + W_NS + "}"


@pytest.fixture(scope="session")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The headless LibreOffice command, with a profile of its own for the session."""
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice or poppler-utils missing: make system installs them")
    profile = tmp_path_factory.mktemp("lo-profile")
    yield ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]


def convert(soffice: list[str], path: Path, fmt: str, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    subprocess.run([*soffice, "--convert-to", fmt, "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=300)
    made = out / f"{path.stem}.{fmt.split(':')[0]}"
    assert made.is_file()
    return made


def _fixes(text: str) -> list[Correction]:
    out = []
    for needle, rep in (("a apple", "an apple"), ("the the", "the"), ("Their", "There"),
                        ("Teh header", "The header")):
        i = text.index(needle)
        out.append(Correction(i, i + len(needle), rep))
    return out


def test_libreoffice_shows_our_revisions(soffice: list[str], tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    tracked = tmp_path / "tracked.docx"
    tracked.write_bytes(write(doc.raw, _fixes(doc.text), WriteOptions(author="Rita")))
    odt = convert(soffice, tracked, "odt", tmp_path / "odt")
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    changes = re.search(r"<text:tracked-changes.*</text:tracked-changes>", content, re.S)
    assert changes is not None
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", changes.group(0))
    assert len(regions) == 6  # a deletion and an insertion for each fix in the body
    assert all("<dc:creator>Rita</dc:creator>" in r for r in regions)
    deleted = re.findall(r"<text:deletion>.*?</text:deletion>", changes.group(0))
    assert all(any(old in d for d in deleted) for old in ("a apple", "the the", "Their"))
    pdf = convert(soffice, tracked, "pdf", tmp_path / "pdf")
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "a applean apple" in shown and "TheirThere" in shown  # both, changes shown


def test_libreoffice_keeps_what_no_track_writes(soffice: list[str], tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    plain = tmp_path / "plain.docx"
    plain.write_bytes(write(doc.raw, _fixes(doc.text), WriteOptions(track=False)))
    resaved = convert(soffice, plain, "docx:MS Word 2007 XML", tmp_path / "resaved")
    assert read_document(resaved).text == read_document(plain).text


def in_libreoffice(soffice: list[str], src: Path, dst: Path, *action: str) -> Path:
    """`src` with its tracked changes accepted or rejected in LibreOffice, saved as `dst`
    (tests/office_uno.py, run by the system Python that has LibreOffice's uno)."""
    python = shutil.which("python3", path="/usr/bin")
    if python is None or subprocess.run([python, "-c", "import uno"],
                                        capture_output=True).returncode:
        pytest.skip("LibreOffice's Python bridge (python3-uno) missing")
    profile = soffice[1].split("=", 1)[1]
    subprocess.run([python, str(Path(__file__).parent / "office_uno.py"), profile, str(src),
                    str(dst), *action], check=True, capture_output=True, timeout=300)
    return dst


def test_accepting_all_in_libreoffice_gives_the_no_track_text(soffice: list[str],
                                                             tmp_path: Path) -> None:
    doc = read_document(sample(tmp_path / "s.docx"))
    tracked, plain = tmp_path / "tracked.docx", tmp_path / "plain.docx"
    tracked.write_bytes(write(doc.raw, _fixes(doc.text), WriteOptions()))
    plain.write_bytes(write(doc.raw, _fixes(doc.text), WriteOptions(track=False)))
    accepted = in_libreoffice(soffice, tracked, tmp_path / "accepted.docx", "accept-all")
    assert read_document(accepted).text == read_document(plain).text


@pytest.mark.server
def test_review_apply_import_round_trip(  # type: ignore[no-untyped-def]
    run_cli, lt_url: str, soffice: list[str], tmp_path: Path
) -> None:
    doc = from_seed(tmp_path / "statement.docx", paragraphs=12)
    review_file = tmp_path / "statement.review.json"
    code, _, err = run_cli("review", str(doc), "-o", str(review_file))
    assert code in (0, 1), err
    review = load(review_file)
    units = {s.finding.unit for s in review.suggestions}
    assert any(u.startswith("table1/") for u in units) and "footnote1" in units
    fixable = [s for s in review.suggestions if s.finding.replacements][:4]
    assert len(fixable) >= 3
    for s in fixable:
        assert run_cli("decide", str(review_file), s.id, "--accept")[0] == 0
    out = tmp_path / "statement.reviewed.docx"
    code, stdout, err = run_cli("apply", str(review_file), "-o", str(out), "--author", "QA",
                                "--no-recheck", "--comments", "none")
    assert code == 0, err + stdout
    plain = tmp_path / "statement.plain.docx"
    assert run_cli("apply", str(review_file), "-o", str(plain), "--no-track",
                   "--no-recheck")[0] == 0
    # LibreOffice opens it and keeps our revisions pending when it saves it again.
    resaved = convert(soffice, out, "docx:MS Word 2007 XML", tmp_path / "lo")
    code, stdout, err = run_cli("import", str(review_file), str(resaved), "--user", "ed")
    assert code == 0, err
    assert {load(review_file).get(s.id).status for s in fixable} == {Status.PENDING}
    assert "word/comments.xml" not in members(out)  # --comments none
    # The editor accepts the first two and rejects the rest, in LibreOffice.
    accepted = {s.finding.text for s in fixable[:2]}
    edited = in_libreoffice(soffice, out, tmp_path / "statement.edited.docx", "decide",
                            *accepted)
    code, stdout, err = run_cli("import", str(review_file), str(edited), "--user", "ed")
    assert code == 0, err
    after = load(review_file)
    for s in fixable:
        want = Status.ACCEPTED if s.finding.text in accepted else Status.REJECTED
        assert after.get(s.id).status is want, stdout
    assert [h.by for h in after.history if h.action == "import"][-1] == "ed"
    # Accepting everything in LibreOffice gives the text --no-track writes.
    every = in_libreoffice(soffice, out, tmp_path / "statement.all.docx", "accept-all")
    assert read_document(every).text == read_document(plain).text


def test_libreoffice_opens_a_corrected_word_made_document(soffice: list[str],
                                                          tmp_path: Path) -> None:
    raw = (Path(__file__).parent / "data" / "word" / "par-hyperlinks.docx").read_bytes()
    text = parse_document("p.docx", raw).text
    i = text.index("awesome hyperlink")
    out = tmp_path / "corrected.docx"
    out.write_bytes(write(raw, [Correction(i, i + 17, "awesome link")], WriteOptions()))
    content = zipfile.ZipFile(convert(soffice, out, "odt", tmp_path / "odt")).read(
        "content.xml").decode()
    assert content.count("<text:changed-region") == 2
    assert "<dc:creator>reviewer</dc:creator>" in content
