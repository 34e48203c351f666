"""Where a command may write (issue 20): planted links, devices, FIFOs, a user's own files.

The rule, in `reviewer.files.output_path`: a path the user typed (`-o FILE`,
the review file given to `decide`) is written through its symlink, and a device
or FIFO there is opened and written like a shell's `>`; a name the command made
itself (`reports/doc.html`, `doc.corrected.txt`, `reports/index.html`,
`reviewer-learned.json`) never follows a link out of the working folder and is
never a device or FIFO. Nothing is ever `os.replace`d onto a special file.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.files import UnsafeOutput, write_output
from reviewer.html.write import write_index
from reviewer.review.store import load
from tests.test_safety_files import forged, write

TEXT = "He go home.\n"
VICTIM = "precious\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory, with doc.txt and its review file in reports/ (one edit)."""
    (tmp_path / "work").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "victim.txt").write_text(VICTIM, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    (tmp_path / "work" / "doc.txt").write_text(TEXT, encoding="utf-8")
    write(tmp_path / "work" / "reports" / "doc.review.json", forged("doc.txt", TEXT, 3, 2, "goes"))
    return tmp_path / "work"


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# Item 1: a link planted where a command names its output


def test_apply_does_not_write_through_a_planted_link_out_of_the_folder(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = work.parent / "outside" / "victim.txt"
    (work / "reports" / "doc.corrected.txt").symlink_to(victim)

    assert main(["apply", "reports/doc.review.json", "--no-recheck"]) == 2

    err = one_line(capsys)
    assert f"reports/doc.corrected.txt: a symlink to {victim}, outside the working folder" in err
    assert victim.read_text(encoding="utf-8") == VICTIM
    assert (work / "reports" / "doc.corrected.txt").is_symlink()


def test_apply_writes_through_a_link_the_user_names(work: Path) -> None:
    victim = work.parent / "outside" / "victim.txt"
    (work / "out.txt").symlink_to(victim)

    assert main(["apply", "reports/doc.review.json", "-o", "out.txt", "--no-recheck"]) == 0

    assert victim.read_text(encoding="utf-8") == "He goes home.\n"
    assert (work / "out.txt").is_symlink()


def test_a_default_output_follows_a_link_that_stays_in_the_folder(work: Path) -> None:
    (work / "site").mkdir()
    (work / "reports" / "doc.corrected.txt").symlink_to(work / "site" / "doc.txt")

    assert main(["apply", "reports/doc.review.json", "--no-recheck"]) == 0

    assert (work / "site" / "doc.txt").read_text(encoding="utf-8") == "He goes home.\n"


@pytest.mark.parametrize("planted", ["reports/doc.html", "reports/doc.review.json"])
def test_review_does_not_write_through_a_planted_link_out_of_the_folder(
    work: Path, capsys: pytest.CaptureFixture[str], planted: str
) -> None:
    victim = work.parent / "outside" / "victim.txt"
    (work / planted).unlink(missing_ok=True)
    (work / planted).symlink_to(victim)

    assert main(["review", "doc.txt"]) == 2  # refused before LanguageTool is asked

    assert f"{planted}: a symlink to {victim}, outside the working folder" in one_line(capsys)
    assert victim.read_text(encoding="utf-8") == VICTIM


def test_review_does_not_follow_a_planted_reports_folder(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "reports" / "doc.review.json").unlink()
    (work / "reports").rmdir()
    (work / "reports").symlink_to(work.parent / "outside")

    assert main(["review", "doc.txt"]) == 2

    assert "outside the working folder" in one_line(capsys)
    assert sorted(p.name for p in (work.parent / "outside").iterdir()) == ["victim.txt"]


def test_the_index_page_does_not_follow_a_planted_link(work: Path) -> None:
    victim = work.parent / "outside" / "victim.txt"
    (work / "reports" / "index.html").symlink_to(victim)
    with pytest.raises(UnsafeOutput, match="outside the working folder"):
        write_index("reports", [], "Review")
    assert victim.read_text(encoding="utf-8") == VICTIM


def test_learn_writes_its_default_file_only_inside_the_folder(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = work.parent / "outside" / "victim.txt"
    (work / "reviewer-learned.json").symlink_to(victim)

    assert main(["learn", "reports/doc.review.json"]) == 2
    assert "reviewer-learned.json: a symlink to" in one_line(capsys)
    assert victim.read_text(encoding="utf-8") == VICTIM

    assert main(["learn", "reports/doc.review.json", "-o", "reviewer-learned.json"]) == 0
    assert victim.read_text(encoding="utf-8").startswith("{")  # named: written through


def test_a_name_made_outside_the_folder_may_not_leave_its_own_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"  # a review file given outside the working folder
    elsewhere.mkdir()
    (elsewhere / "doc.html").symlink_to(tmp_path / "victim.txt")
    with pytest.raises(UnsafeOutput, match="outside the working folder"):
        write_output(elsewhere / "doc.html", b"page", named=False, cwd=tmp_path / "work")
    assert write_output(elsewhere / "new.html", b"page", named=False,
                        cwd=tmp_path / "work") == elsewhere / "new.html"


# Item 2: devices and FIFOs are written by opening them, never replaced


def test_apply_onto_a_character_device_writes_to_it(work: Path) -> None:
    # A node of its own for /dev/null's device: the code this fixes replaced the device
    # file itself (as root, /dev/null), which a test must never risk on a shared machine.
    null = work / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root (or CAP_MKNOD)")

    assert main(["apply", "reports/doc.review.json", "-o", str(null), "--no-recheck"]) == 0

    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(p.name for p in work.iterdir()) == ["doc.txt", "null", "reports"]


def test_a_fifo_named_as_output_is_written_not_replaced(work: Path) -> None:
    fifo = work / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: `>(jq .)`
    try:
        assert main(["apply", "reports/doc.review.json", "-o", str(fifo), "--no-recheck"]) == 0
        assert os.read(reader, 1000) == b"He goes home.\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_not_waited_on(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = work / "out.fifo"
    os.mkfifo(fifo)

    assert main(["apply", "reports/doc.review.json", "-o", str(fifo), "--no-recheck"]) == 2

    assert "out.fifo: a FIFO with no reader" in one_line(capsys)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_format_output_onto_a_fifo_is_written_through_it(tmp_path: Path) -> None:
    fifo = tmp_path / "sarif.fifo"  # what `check --output sarif=FIFO` writes with
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_output(fifo, [b'{"runs": ', b"[]}"], named=True)
        assert os.read(reader, 1000) == b'{"runs": []}'
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sarif.fifo"]  # no temporary file


def test_a_fifo_planted_where_a_report_goes_is_refused(work: Path) -> None:
    os.mkfifo(work / "reports" / "doc.html")
    with pytest.raises(UnsafeOutput, match="not a regular file"):
        write_output(work / "reports" / "doc.html", b"page", named=False)
    assert stat.S_ISFIFO(os.stat(work / "reports" / "doc.html").st_mode)


# Item 4: only the temporary files reviewer made are removed


def test_decide_leaves_a_users_file_that_looks_temporary(work: Path) -> None:
    notes = work / "reports" / ".doc.review.json.notes.tmp"
    notes.write_text("my notes\n", encoding="utf-8")
    sid = load(work / "reports" / "doc.review.json").suggestions[0].id

    assert main(["decide", "reports/doc.review.json", sid, "--reject"]) == 0

    assert notes.read_text(encoding="utf-8") == "my notes\n"
    assert sorted(p.name for p in (work / "reports").iterdir()) == [
        ".doc.review.json.notes.tmp", "doc.review.json"]
    # a killed writer's temporary file is still removed by the next writer: tests/test_store.py



def test_a_pipe_named_through_dev_fd_is_written(tmp_path: Path) -> None:
    read, written = os.pipe()  # what `--output sarif=>(jq .)` names: /dev/fd/63
    try:
        write_output(f"/dev/fd/{written}", b"[]", named=True)
        assert os.read(read, 100) == b"[]"
    finally:
        os.close(read)
        os.close(written)


# Against the real server: `check --output` and `baseline create`


def test_check_writes_sarif_into_a_fifo_and_leaves_it_a_fifo(  # type: ignore[no-untyped-def]
    run_cli, work: Path
) -> None:
    fifo = work / "sarif.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # there before the writer opens
    held = os.open(fifo, os.O_WRONLY)  # the reader sees end of file only once this closes
    os.set_blocking(reader, True)
    got: list[bytes] = []
    drain = threading.Thread(target=lambda: got.extend(iter(lambda: os.read(reader, 1 << 16),
                                                            b"")))
    drain.start()
    try:
        code, _, err = run_cli("check", "doc.txt", "--output", f"sarif={fifo}")
    finally:
        os.close(held)
        drain.join()
        os.close(reader)
    assert code in (0, 1), err
    assert json.loads(b"".join(got))["version"] == "2.1.0"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_baseline_create_does_not_follow_a_planted_default_file(  # type: ignore[no-untyped-def]
    run_cli, work: Path
) -> None:
    victim = work.parent / "outside" / "victim.txt"
    (work / "reviewer-baseline.json").symlink_to(victim)

    code, _, err = run_cli("baseline", "create", "doc.txt")

    assert code == 2 and "outside the working folder" in err, err
    assert victim.read_text(encoding="utf-8") == VICTIM
