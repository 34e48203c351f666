"""`reviewer check PATHS...`: files, folders and globs, filtered by include/exclude."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewer.paths import Selection, expand
from reviewer.text.document import InputError

RunCli = Callable[..., tuple[int, str, str]]
DEFAULT = Selection(include=("*.txt", "*.md", "*.html", "*.xlf", "*.xliff", "*.po"))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("docs/a.md", "docs/b.txt", "docs/img.png", "docs/drafts/c.md",
                 "docs/.git/d.md", "docs/ru/e.po", "notes.txt", "script.py"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("This are a test.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_is_walked_for_included_files(tree: Path) -> None:
    files, skipped = expand(["docs"], DEFAULT)
    assert files == ["docs/a.md", "docs/b.txt", "docs/drafts/c.md", "docs/ru/e.po"]
    assert skipped == []  # hidden .git skipped, img.png not included


def test_exclude_prunes_folders_and_files(tree: Path) -> None:
    sel = Selection(DEFAULT.include, exclude=("drafts", "ru/*.po"))
    assert expand(["docs"], sel)[0] == ["docs/a.md", "docs/b.txt"]


def test_globs_are_expanded_recursively_and_filtered_by_exclude(tree: Path) -> None:
    sel = Selection(DEFAULT.include, exclude=("**/drafts/*",))
    assert expand(["docs/**/*.md"], sel)[0] == ["docs/a.md"]


def test_files_named_explicitly_are_checked_unless_excluded(tree: Path) -> None:
    sel = Selection(DEFAULT.include, exclude=("notes.txt",))
    files, skipped = expand(["script.py", "notes.txt", "docs/a.md", "./docs/a.md"], sel)
    assert files == ["script.py", "docs/a.md"]  # duplicates dropped, include not applied
    assert skipped == ["notes.txt"]


def test_a_glob_without_matches_and_an_empty_folder_are_input_errors(tree: Path) -> None:
    (tree / "empty").mkdir()
    entries, _ = expand(["nothing/*.md", "notes.txt", "empty"], DEFAULT)
    assert [str(e) if isinstance(e, InputError) else e for e in entries] == [
        "nothing/*.md: no file matches this pattern",
        "notes.txt",
        "empty: no files to check in this folder (include: *.txt, *.md, *.html, *.xlf, "
        "*.xliff, *.po)",
    ]


def test_check_a_folder_and_a_glob_in_one_run(run_cli: RunCli, tree: Path) -> None:
    # (ru/ holds a .po file that is not real PO: out of this test)
    (tree / "reviewer.toml").write_text('exclude = ["drafts", "ru"]\n', encoding="utf-8")
    code, out, err = run_cli("check", "docs", "notes.*", "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    paths = [d["path"] for d in report["documents"]]
    assert paths == ["docs/a.md", "docs/b.txt", "notes.txt"]
    assert {f["path"] for f in report["findings"]} == set(paths)  # each one really checked


def test_every_bad_path_gets_one_line_and_exit_2(run_cli: RunCli, tree: Path) -> None:
    (tree / "empty").mkdir()
    code, out, err = run_cli("check", "docs", "missing/*.md", "gone.txt", "empty")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "reviewer: missing/*.md: no file matches this pattern",
        "reviewer: gone.txt: no such file",
        "reviewer: empty: no files to check in this folder (include: *.txt, *.md, *.html, "
        "*.xlf, *.xliff, *.po)",
    ]
