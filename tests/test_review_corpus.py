"""`reviewer review` of folders and globs: a review file and report each, an index, progress."""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote
from urllib.request import Request, urlopen

import pytest

from reviewer.cli import main
from reviewer.commands import progress as progress_mod
from reviewer.commands.progress import RunProgress, wanted
from reviewer.model import DocumentInfo, Report
from reviewer.pipelines import reviewing
from reviewer.pipelines.reviewing import Target, groups, plan, review_targets
from reviewer.pipelines.session import UsageError
from reviewer.review.store import load
from reviewer.serve.served import collect
from reviewer.settings import resolve

Run = Callable[..., tuple[int, str, str]]

NOTES = "He go to school every day.\n\nThe weather is fine today.\n"
GUIDE = "# Guide\n\nThis is a example of the guide.\n\n```\ncode is a example too\n```\n"
STRINGS = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "greeting"
msgstr "Their is a problem with the the printer."
'''


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """docs/ with a plain text, a Markdown file one folder down and a PO file."""
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "notes.txt").write_text(NOTES, "utf-8")
    (tmp_path / "docs" / "guide" / "intro.md").write_text(GUIDE, "utf-8")
    (tmp_path / "docs" / "strings.po").write_text(STRINGS, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


class _Links(HTMLParser):
    """The index's rows: each row's link and its cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self.scripts = 0
        self._row: tuple[str, list[str]] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "tr" and (a.get("class") or "").startswith("st-"):
            self._row = ("", [])
        if tag == "a" and self._row is not None:
            self._row = (a["href"] or "", self._row[1])
        if tag in ("td", "th") and self._row is not None:
            self._text = []
        if tag == "br" and self._text is not None:
            self._text.append("\n")

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._text is not None:
            self._row[1].append("".join(self._text).strip().split("\n")[0])  # not the note
            self._text = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None


def index_rows(index: Path) -> _Links:
    parser = _Links()
    parser.feed(index.read_text("utf-8"))
    return parser


def test_a_folder_of_three_formats_gets_a_review_file_and_report_each_and_an_index(
    run_cli: Run, corpus: Path
) -> None:
    code, out, err = run_cli("review", "docs")
    assert (code, err) == (0, "")
    reviews = {
        "docs/notes.txt": corpus / "reports" / "notes.review.json",
        "docs/guide/intro.md": corpus / "reports" / "guide" / "intro.review.json",
        "docs/strings.po": corpus / "reports" / "strings.review.json",
    }
    total = sum(len(load(p).suggestions) for p in reviews.values())
    # One summary line, nothing per document: the index lists them.
    assert out.splitlines() == [
        f"reviewer: 3 documents reviewed: {total} suggestions ({total} pending); {total} new, "
        "0 newly obsolete; index: reports/index.html"]
    found = {load(p).document_path: {s.finding.text for s in load(p).suggestions}
             for p in reviews.values()}
    assert "go" in found["docs/notes.txt"]
    assert "a" in found["docs/guide/intro.md"]  # the prose, not the code block
    assert "the the" in found["docs/strings.po"]
    assert {p.with_name(p.name.replace(".review.json", ".html")).is_file()
            for p in reviews.values()} == {True}

    index = corpus / "reports" / "index.html"
    page = index_rows(index)
    assert page.scripts == 0
    head = index.read_text("utf-8").split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="default-src '
                           "&#39;none&#39;; style-src &#39;sha256-")
    assert [cells[0] for _, cells in page.rows] == sorted(reviews)
    for href, cells in page.rows:
        review = load(reviews[cells[0]])
        report = (index.parent / unquote(href)).resolve()
        assert report.is_file() and report.stem == Path(reviews[cells[0]]).name.split(".")[0]
        # Document, status, words, findings, 4 severities, per 1,000, score, 5 statuses, file
        assert cells[1] == "to review"
        assert int(cells[3]) == len(review.suggestions) == int(cells[10])


def test_a_glob_reviews_what_it_matches_named_from_its_folder(run_cli: Run,
                                                              corpus: Path) -> None:
    code, out, err = run_cli("review", "docs/**/*.md", "--quiet")
    assert (code, err) == (0, "")
    assert out.startswith("reviewer: 1 document reviewed: ")
    assert [p.relative_to(corpus).as_posix() for p in (corpus / "reports").rglob("*.json")] == [
        "reports/guide/intro.review.json"]
    assert [cells[0] for _, cells in index_rows(corpus / "reports" / "index.html").rows] == [
        "docs/guide/intro.md"]


class _Breaking(BaseHTTPRequestHandler):
    """LanguageTool's API, forwarded to the real server, except for texts that say BREAK."""

    upstream = ""

    def do_GET(self) -> None:
        self._forward(None)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if b"BREAK" in body:
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"Error: broken on purpose")
            return
        self._forward(body)

    def _forward(self, body: bytes | None) -> None:
        req = Request(self.upstream + self.path, data=body, method=self.command,
                      headers={"Content-Type": self.headers.get("Content-Type", "")})
        with urlopen(req, timeout=60) as r:
            data = r.read()
            self.send_response(r.status)
            self.send_header("Content-Type", r.headers.get("Content-Type", ""))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def breaking_server(lt_url: str) -> Iterator[str]:
    handler = type("Handler", (_Breaking,), {"upstream": lt_url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_document_that_cannot_be_checked_keeps_its_review_and_the_others_are_written(
    corpus: Path, breaking_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "docs", "--server", breaking_server]) == 0
    notes = corpus / "reports" / "notes.review.json"
    before = notes.read_bytes()
    (corpus / "docs" / "notes.txt").write_text(NOTES + "\nBREAK here.\n", "utf-8")
    (corpus / "docs" / "guide" / "intro.md").write_text(GUIDE + "\nA other line.\n", "utf-8")
    capsys.readouterr()
    assert main(["review", "docs", "--server", breaking_server]) == 3
    out, err = capsys.readouterr()
    assert notes.read_bytes() == before  # left as it was
    assert "docs/notes.txt:1: could not be checked: " in err  # one block: the whole text
    assert "reports/notes.review.json left unchanged" in err
    intro = load(corpus / "reports" / "guide" / "intro.review.json")
    assert "A other line." in (corpus / "docs" / "guide" / "intro.md").read_text("utf-8")
    assert any(s.finding.text == "A" for s in intro.suggestions)  # the new text, reviewed
    assert out.startswith("reviewer: 2 documents reviewed, 1 not reviewed: ")
    rows = {cells[0]: (href, cells) for href, cells in
            index_rows(corpus / "reports" / "index.html").rows}
    href, cells = rows["docs/notes.txt"]
    assert href == "" and cells[1] == "not reviewed"


def test_progress_stays_off_when_not_a_tty_and_with_quiet(
    run_cli: Run, corpus: Path
) -> None:
    code, out, err = run_cli("review", "docs")  # capsys: stderr is no terminal
    assert (code, err) == (0, "") and len(out.splitlines()) == 1
    code, out, err = run_cli("review", "docs", "--quiet")
    assert (code, err) == (0, "") and len(out.splitlines()) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_keeps_a_terminal_free_of_the_bar_but_not_of_the_summary(
    run_cli: Run, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress_mod, "DELAY", 0.0)  # draw at once: the run is short
    term = _Terminal()
    monkeypatch.setattr("sys.stderr", term)
    code, out, _ = run_cli("review", "docs", "--quiet")
    assert code == 0 and term.getvalue() == ""
    assert out.startswith("reviewer: 3 documents reviewed: ") and len(out.splitlines()) == 1
    code, out, _ = run_cli("review", "docs")
    assert code == 0 and re.search(r"\d/3 \[.* documents/s", term.getvalue())
    assert out.startswith("reviewer: 3 documents reviewed: ") and len(out.splitlines()) == 1


def test_the_bar_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    term = _Terminal()
    monkeypatch.setattr("sys.stderr", term)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress_mod, "DELAY", 0.0)
    assert wanted() and not wanted(quiet=True)
    bar = RunProgress(3, wanted())
    for name in ("a.txt", "b.md", "c.po"):
        bar.blocks(2, 2)
        bar.document(name)
    bar.close()
    drawn = term.getvalue()
    assert re.search(r"0/3 \[.* documents/s", drawn) and "blocks 2/2" in drawn
    monkeypatch.setenv("CI", "true")
    assert not wanted()
    monkeypatch.setattr("sys.stderr", io.StringIO())
    monkeypatch.delenv("CI")
    assert not wanted()


def test_review_files_mirror_the_tree_given_and_never_clash(corpus: Path) -> None:
    settings = resolve({})
    work = plan(["docs", "docs/notes.txt"], settings, Path("reports"))
    assert work.corpus
    assert [(t.document, t.review_file.as_posix()) for t in work.targets] == [
        ("docs/notes.txt", "reports/notes.review.json"),
        ("docs/strings.po", "reports/strings.review.json"),
        ("docs/guide/intro.md", "reports/guide/intro.review.json"),
    ]
    one = plan(["docs/guide/intro.md"], settings, Path("out"))
    assert not one.corpus and one.targets == (Target("docs/guide/intro.md",
                                                     Path("out/intro.review.json")),)
    (corpus / "docs" / "notes.md").write_text("Notes.\n", "utf-8")
    with pytest.raises(UsageError, match="docs/notes.md and docs/notes.txt would share "
                                           "reports/notes.review.json"):
        plan(["docs"], settings, Path("reports"))
    with pytest.raises(UsageError, match="-o names the review file of one document, got 2"):
        plan(["docs/*.txt", "docs/*.po"], settings, Path("reports"), "x.review.json")


def test_reports_of_an_earlier_run_are_not_reviewed(corpus: Path) -> None:
    (corpus / "docs" / "reports").mkdir()
    (corpus / "docs" / "reports" / "notes.html").write_text("<p>old report</p>", "utf-8")
    work = plan(["docs"], resolve({}), Path("docs/reports"))
    assert "docs/reports/notes.html" not in [t.document for t in work.targets]


def test_interactive_with_several_documents_is_refused_before_any_check(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "docs", "-i"]) == 2  # not a server test: nothing was checked
    assert "--interactive walks one document, got 3" in capsys.readouterr().err
    assert not (corpus / "reports").exists()


def test_documents_are_checked_in_bounded_groups_one_after_another(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = [(corpus / p).stat().st_size for p in ("docs/notes.txt", "docs/strings.po")]
    targets = [Target("docs/notes.txt", Path("r/notes.review.json")),
               Target("docs/strings.po", Path("r/strings.review.json")),
               Target("docs/guide/intro.md", Path("r/intro.review.json"))]
    assert [len(g) for g in groups(targets, limit=sum(sizes))] == [2, 1]
    checked: list[list[str]] = []

    def fake_check(docs, engine, options, progress=None):  # type: ignore[no-untyped-def]
        checked.append([d.path for d in docs])
        return Report(documents=tuple(DocumentInfo(d.path, d.sha256, 0, 0, 0) for d in docs),
                      findings=())

    monkeypatch.setattr(reviewing, "check_documents", fake_check)
    monkeypatch.setattr(reviewing, "GROUP_BYTES", 1)  # one document a group
    outcomes = review_targets(targets, resolve({}))
    first = next(outcomes)
    # A group is checked, written and let go before the next one is read.
    assert checked == [["docs/notes.txt"]] and first.reviewed is not None
    rest = list(outcomes)
    assert checked == [[t.document] for t in targets]
    assert [o.row.status for o in (first, *rest)] == ["clean"] * 3
    assert json.loads(Path("r/intro.review.json").read_text("utf-8"))["suggestions"] == []


def test_serve_lists_the_review_files_of_a_mirrored_tree(run_cli: Run, corpus: Path) -> None:
    assert run_cli("review", "docs")[0] == 0
    served = collect(["reports"])
    assert sorted((s.key, s.document) for s in served) == [
        ("intro", "docs/guide/intro.md"), ("notes", "docs/notes.txt"),
        ("strings", "docs/strings.po")]
