"""Files we never touch, and review files we never trust (issue 13).

Each test is an attack or a slip a user made, with what must happen instead:
exit 2, one line naming the file, and nothing written.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from reviewer import files
from reviewer.cli import main
from reviewer.files import FileError, read_bounded
from reviewer.review import store
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.store import load
from reviewer.review.suggest import Status
from reviewer.text.document import InputError, read_document
from testkit.review_factory import suggestions

SCRIPT = "#!/bin/sh\necho hello\n"


def sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def forged(doc_path: str, text: str, at: int, length: int, edit: str) -> ReviewFile:
    """A review file naming `doc_path` (with its true SHA-256) and one forged edit."""
    (s,) = suggestions(text, [(at, at + length, ("x",))])
    s = replace(s, status=Status.EDITED, edited_text=edit)
    return ReviewFile(doc_path, sha(text), (s,))


def write(path: Path, review: ReviewFile) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(review), encoding="utf-8")
    return path


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory of the run; `tmp_path/outside` is outside it."""
    (tmp_path / "work").mkdir()
    (tmp_path / "outside").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "work"


# `reviewer review`: neither the review file nor its HTML report may be the document


@pytest.mark.parametrize(("doc", "args"), [
    ("reports/page.html", []),                         # report: reports/page.html
    ("page.html", ["-o", "page.review.json"]),         # report: page.html
    ("page.html", ["-o", "page.html"]),                # the review file itself
])
def test_review_never_writes_over_the_document(
    work: Path, capsys: pytest.CaptureFixture[str], doc: str, args: list[str]
) -> None:
    page = work / doc
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("<p>He go home.</p>\n", encoding="utf-8")

    code = main(["review", doc, *args])  # refused before LanguageTool is asked

    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "would overwrite the document" in err
    assert page.read_text(encoding="utf-8") == "<p>He go home.</p>\n"
    assert sorted(p.name for p in work.rglob("*") if p.is_file()) == ["page.html"]


# `reviewer apply`: the output is never the review file


def test_apply_refuses_to_write_over_its_review_file(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "He go home.\n"
    (work / "doc.txt").write_text(text, encoding="utf-8")
    review = write(work / "r.json", forged("doc.txt", text, 3, 2, "goes"))
    before = review.read_bytes()

    code = main(["apply", "r.json", "-o", "r.json", "--no-recheck"])

    assert code == 2
    assert "r.json is the review file itself" in capsys.readouterr().err
    assert review.read_bytes() == before


# A tampered review file: the document it names is not trusted


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_a_review_file_naming_a_file_outside_the_work_folder_touches_nothing(
    work: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    script = work.parent / "outside" / "deploy.sh"
    script.write_text(SCRIPT, encoding="utf-8")
    named = {"absolute": str(script), "dotdot": "../outside/deploy.sh", "symlink": "link.sh"}[how]
    if how == "symlink":
        (work / "link.sh").symlink_to(script)
    write(work / "reports" / "r.review.json", forged(named, SCRIPT, 15, 5, "hello; echo INJECTED"))

    for mode in (["--in-place"], []):
        code = main(["apply", "reports/r.review.json", *mode, "--no-recheck"])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1
        assert "is not inside the working directory" in err and "--document" in err
    assert script.read_text(encoding="utf-8") == SCRIPT
    assert sorted(p.name for p in (work / "reports").iterdir()) == ["r.review.json"]


def test_a_device_named_by_a_review_file_is_never_read(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(work / "r.json", forged("/dev/zero", "x", 0, 1, "y"))
    assert main(["apply", "r.json", "--no-recheck"]) == 2
    assert "'/dev/zero', is not inside the working directory" in capsys.readouterr().err
    # named by the user, it is refused before a byte is read
    assert main(["apply", "r.json", "--document", "/dev/zero", "--no-recheck"]) == 2
    assert "/dev/zero: not a regular file" in capsys.readouterr().err


def test_the_document_next_to_the_review_file_is_found(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = work.parent / "outside"
    text = "He go home.\n"
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    write(folder / "doc.review.json", forged("elsewhere/doc.txt", text, 3, 2, "goes"))

    code = main(["apply", str(folder / "doc.review.json"), "--no-recheck"])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith(f"note: elsewhere/doc.txt is not here: using {folder / 'doc.txt'}, "
                          "next to the review file\n")
    assert (folder / "doc.corrected.txt").read_text(encoding="utf-8") == "He goes home.\n"


def test_a_document_changed_since_the_review_is_refused_unless_forced(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = work / "doc.txt"
    doc.write_text("He go home.\n", encoding="utf-8")
    write(work / "r.json", forged("doc.txt", "He go home.\n", 3, 2, "goes"))
    doc.write_text("He go home.\n\nA new paragraph.\n", encoding="utf-8")

    assert main(["apply", "r.json", "--in-place", "--no-recheck"]) == 2
    err = capsys.readouterr().err
    assert "doc.txt is not the document this review was made on" in err
    assert doc.read_text(encoding="utf-8") == "He go home.\n\nA new paragraph.\n"

    assert main(["apply", "r.json", "--in-place", "--no-recheck", "--force"]) == 0
    assert doc.read_text(encoding="utf-8") == "He goes home.\n\nA new paragraph.\n"


def test_a_suggestion_whose_text_is_not_in_the_document_refuses_the_file(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "He go home.\n"
    (work / "doc.txt").write_text(text, encoding="utf-8")
    # made on other text, with the document's true SHA-256
    review = replace(forged("doc.txt", "He do home.\n", 3, 2, "goes"), document_sha256=sha(text))
    write(work / "r.json", review)

    assert main(["apply", "r.json", "--no-recheck"]) == 2
    err = capsys.readouterr().err
    assert "does not hold 'do' at 3-5 - at `$.suggestions[0]`" in err
    assert not (work / "doc.corrected.txt").exists()


# Symlinks are written through, and locks are taken on the file they resolve to


def test_apply_in_place_writes_through_a_symlinked_document(work: Path) -> None:
    real = work / "real.txt"
    real.write_text("He go home.\n", encoding="utf-8")
    (work / "link.txt").symlink_to(real)
    write(work / "r.json", forged("link.txt", "He go home.\n", 3, 2, "goes"))

    assert main(["apply", "r.json", "--in-place", "--no-recheck"]) == 0

    assert (work / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == "He goes home.\n"


def test_decide_through_a_symlinked_review_file_keeps_the_link(work: Path) -> None:
    text = "He go home.\n"
    (work / "real").mkdir()
    real = write(work / "real" / "r.json", forged("doc.txt", text, 3, 2, "goes"))
    (work / "r.json").symlink_to(real)
    sid = load(real).suggestions[0].id

    assert main(["decide", "r.json", sid, "--reject"]) == 0

    assert (work / "r.json").is_symlink()
    assert load(real).suggestions[0].status is Status.REJECTED
    assert sorted(p.name for p in work.iterdir()) == ["r.json", "real"]  # no lock file


def test_two_names_of_one_review_file_take_one_lock(work: Path) -> None:
    (work / "real").mkdir()
    (work / "other").mkdir()
    (work / "other" / "r.json").symlink_to(work / "real" / "r.json")
    assert store.lock_path(work / "other" / "r.json") == store.lock_path(work / "real" / "r.json")
    with store.locked(work / "other" / "r.json"):
        with pytest.raises(Timeout):  # what `locked` on the real name waits for
            FileLock(store.lock_path(work / "real" / "r.json")).acquire(timeout=0)
    with FileLock(store.lock_path(work / "real" / "r.json")).acquire(timeout=0):
        pass  # released with the first name's lock
    assert sorted(p.name for p in work.rglob("*")) == ["other", "r.json", "real"]


# Reads are bounded: regular files only, and a size limit


def test_reads_take_regular_files_only(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):  # a FIFO without writer must not block
        with pytest.raises(InputError, match="not a regular file"):
            read_document(path)
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_reads_stop_at_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1001)
    with pytest.raises(FileError, match="too large"):
        read_bounded(big, limit=1000)
    assert read_bounded(big, limit=1001) == b"a" * 1001
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    assert main(["list", str(big)]) == 2
    assert "big.txt: too large (1,001 bytes; at most 1,000 bytes)" in capsys.readouterr().err


# check and baseline: an --output is never one of the inputs


def test_check_and_baseline_outputs_never_overwrite_an_input_or_a_review_file(
    run_cli, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("He go home.\n", encoding="utf-8")
    code, _, err = run_cli("check", str(doc), "-o", f"json={doc}")
    assert code == 2 and f"would overwrite the input {doc}" in err
    code, _, err = run_cli("baseline", "create", str(doc), "-o", str(doc))
    assert code == 2 and f"would overwrite the input {doc}" in err
    assert doc.read_text(encoding="utf-8") == "He go home.\n"
    review = write(tmp_path / "r.json", forged(str(doc), "He go home.\n", 3, 2, "goes"))
    before = review.read_bytes()
    code, _, err = run_cli("check", str(doc), "--review-file", str(review),
                           "-o", f"sarif={review}")
    assert code == 2 and f"would overwrite the input {review}" in err
    assert review.read_bytes() == before


# Every user-supplied regex runs in bounded time

CATASTROPHIC = """
from reviewer.suppress import Suppressor
s = Suppressor.build(ignore_patterns=["(a+)+$", "x(b|bb)*y"])
print(s._regions("a" * 30 + "b\\n" + "x" + "b" * 40 + "z"))
"""


def test_a_catastrophic_ignore_pattern_does_not_hang_the_run() -> None:
    import subprocess
    import sys

    # A backtracking engine takes minutes here; the timeout only keeps a regression from
    # hanging the suite, the assertion is the answer.
    proc = subprocess.run([sys.executable, "-c", CATASTROPHIC], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "[]\n", "")


@pytest.mark.parametrize(("pattern", "cause"), [
    ("(?<=Ref)\\d+", "invalid perl operator: (?<="),
    ("(a)\\1", "invalid escape sequence: \\1"),
])
def test_patterns_that_need_backtracking_are_refused_with_a_clear_message(
    work: Path, capsys: pytest.CaptureFixture[str], pattern: str, cause: str
) -> None:
    (work / "reviewer.toml").write_text(f"ignore_patterns = ['{pattern}']\n", encoding="utf-8")
    assert main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "key 'ignore_patterns': invalid regular expression" in err
    assert cause in err and "RE2" in err


# Markdown: an edit that would break the markup is refused, `|` is escaped

MARKDOWN = "# Title\n\n| word | note |\n| --- | --- |\n| He go | x |\n\nShe go home.\n"


@pytest.mark.parametrize(("where", "edit", "written"), [
    ("He go |", "goes | y", "| He goes \\| y | x |"),   # escaped: the cell stays one cell
    ("She go", "goes\nthere", "She goes\nthere home."),  # a line break inside a paragraph
    ("He go |", "goes\n\nmore", None),                   # a blank line would end the table
    ("She go", "goes\n\nmore", None),                    # ... or split the paragraph
    ("She go", "goes\n---\n", None),                     # the paragraph would become a heading
    ("She go", "goes\n# Part", None),                    # a heading would split it
])
def test_markdown_edits_that_would_break_the_markup_are_refused(
    work: Path, capsys: pytest.CaptureFixture[str], where: str, edit: str, written: str | None
) -> None:
    doc = work / "doc.md"
    doc.write_text(MARKDOWN, encoding="utf-8")
    at = MARKDOWN.index(where) + where.index("go")
    other = MARKDOWN.index("Title")
    review = forged("doc.md", MARKDOWN, at, 2, edit)
    (title,) = suggestions(MARKDOWN, [(other, other + 5, ("Heading",))])
    review = replace(review, suggestions=(replace(title, status=Status.ACCEPTED, choice=0),
                                          *review.suggestions))
    write(work / "r.json", review)

    code = main(["apply", "r.json", "-o", "out.md", "--no-recheck"])

    out = capsys.readouterr().out
    result = (work / "out.md").read_text(encoding="utf-8")
    assert result.startswith("# Heading\n")  # the other suggestion is applied either way
    if written is None:
        assert code == 1 and "would change the Markdown structure" in out
        assert result == MARKDOWN.replace("Title", "Heading")
    else:
        assert code == 0 and written in result


def test_markdown_refusals_of_both_kinds_leave_out_only_the_refused_edits(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "He go home with %s.\n\nShe go home.\n\nThey goes home.\n"
    (work / "doc.md").write_text(text, encoding="utf-8")
    spans = [(3, 18, ("goes home with %d",)),  # touches the placeholder %s
             (text.index("She") + 4, text.index("She") + 6, ("goes\n\nmore",)),  # a new block
             (text.index("goes"), text.index("goes") + 4, ("go",))]  # fine
    made = [replace(s, status=Status.ACCEPTED, choice=0) for s in suggestions(text, spans)]
    write(work / "r.json", ReviewFile("doc.md", sha(text), tuple(made)))

    code = main(["apply", "r.json", "-o", "out.md", "--no-recheck"])

    out = capsys.readouterr().out
    assert code == 1
    assert (work / "out.md").read_text(encoding="utf-8") == text.replace("They goes", "They go")
    assert f"conflict  {made[0].id} RULE 'go home with %s': touches code or a placeholder" in out
    assert f"conflict  {made[1].id} RULE 'go': " in out and "Markdown structure" in out
    assert "out.md: 1 applied, 0 stale, 2 in conflict" in out


# `list`: what apply will write, with control characters escaped


def test_list_escapes_control_characters_and_shows_what_apply_writes(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "He go home.\n"
    (s,) = suggestions(text, [(3, 5, ("<script>", "goes"))])
    s = replace(s, finding=replace(s.finding, message="\x1b[2J\x1b]0;owned\x07 ok"),
                status=Status.ACCEPTED, choice=0, comment="fine\rREWRITTEN", by="\u202eann")
    (work / "doc.txt").write_text(text, encoding="utf-8")  # the sentence is read from it
    write(work / "r.json", ReviewFile("doc.txt", sha(text), (s,)))

    assert main(["list", "r.json", "--color", "never"]) == 0

    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b]0;owned\\x07 ok" in out
    assert "He [-go-]{+<script>+} home." in out  # the chosen alternative, as apply writes it
    assert "\\u202eann" in out and "fine\\rREWRITTEN" in out


def test_apply_prints_the_review_file_texts_escaped(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "He go home.\n"
    (work / "doc.txt").write_text(text, encoding="utf-8")
    (s,) = suggestions(text, [(3, 5, ("goes",))], rule="R\x1b[2J\u202e")
    write(work / "r.json", ReviewFile("doc.txt", sha(text), (replace(s, status=Status.ACCEPTED,
                                                                     choice=0),)))

    assert main(["apply", "r.json", "--no-recheck"]) == 0

    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert f"applied   {s.id} R\\x1b[2J\\u202e 'go' -> 'goes'" in out


# `reviewer learn`: never over a review file it reads; its learned file read bounded


def test_learn_never_writes_over_a_review_file_it_reads(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = write(work / "r.json", forged("doc.txt", "He go home.\n", 3, 2, "goes"))
    before = review.read_bytes()

    assert main(["learn", "r.json", "-o", "r.json"]) == 2

    assert "would overwrite the review file r.json" in one_line_err(capsys)
    assert review.read_bytes() == before


def test_a_learned_file_that_is_a_device_is_refused_not_read(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "reviewer.toml").write_text("learn = true\n", encoding="utf-8")
    (work / "reviewer-learned.json").symlink_to("/dev/zero")
    (work / "doc.txt").write_text("He go home.\n", encoding="utf-8")

    assert main(["check", "doc.txt"]) == 2

    assert "reviewer-learned.json: cannot read: not a regular file" in one_line_err(capsys)


def one_line_err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err
