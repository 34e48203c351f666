"""The incremental cache, against the real server: what is sent again and what is not."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reviewer import cache as cache_module
from reviewer import checker
from reviewer.checker import CheckOptions, check_documents
from reviewer.lt.client import CheckResult, LTSettings, Markup
from reviewer.lt.engine import Engine
from reviewer.model import Report, Severity
from reviewer.rules.run import RuleConfig
from reviewer.severity import SeverityMap
from reviewer.text.document import Document, parse_document

RunCli = Callable[..., tuple[int, str, str]]
PARAGRAPHS = [
    "This are a first paragraph about a apple.",
    "The second paragraph is fine as it stands.",
    "Thirdly, there is a error in this one too.",
    "The fourth one speaks of mine fields near the border.",
]
CLOSING = "This closing paragraph ends the document here."


class CountingEngine(Engine):
    """The real engine; counts the texts it sends to the server."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.sent: list[str] = []

    def check(self, text: str, markup: Markup, settings: LTSettings) -> CheckResult:
        self.sent.append(text)
        return super().check(text, markup, settings)


@pytest.fixture
def engine(lt_url: str) -> Iterator[CountingEngine]:
    with CountingEngine(lt_url) as e:
        yield e


def doc(paragraphs: list[str], path: str = "doc.txt") -> Document:
    return parse_document(path, "\n\n".join(paragraphs).encode() + b"\n")


def check(engine: CountingEngine, docs: list[Document], cache: Path | None,
          settings: LTSettings | None = None, **changes: Any) -> Report:
    engine.sent.clear()
    # small blocks: one paragraph each, so that an edit touches one block
    options = CheckOptions(languagetool=settings or LTSettings(), jobs=2, block_chars=60,
                           cache_path=cache, **changes)
    return check_documents(docs, engine, options)


def blocks_sent(engine: CountingEngine) -> list[str]:
    # Blocks go out in parallel: their order is not the document's.
    return sorted(t for t in engine.sent if t != "Version.")  # the version probe


def test_unchanged_blocks_are_not_sent_again(engine: CountingEngine, tmp_path: Path) -> None:
    cache = tmp_path / "checks.sqlite3"
    docs = [doc(PARAGRAPHS, "a.txt"), doc(PARAGRAPHS[::-1], "b.txt")]
    first = check(engine, docs, cache)
    assert len(blocks_sent(engine)) == 8 and first.findings
    second = check(engine, docs, cache)
    assert engine.sent == ["Version."]
    assert second == first
    edited = [PARAGRAPHS[0], "The second paragraph are changed.", *PARAGRAPHS[2:]]
    third = check(engine, [doc(edited, "a.txt"), docs[1]], cache)
    assert blocks_sent(engine) == ["The second paragraph are changed."]
    assert third == check(engine, [doc(edited, "a.txt"), docs[1]], None)  # same as uncached


def test_other_settings_do_not_reuse_answers(engine: CountingEngine, tmp_path: Path) -> None:
    cache = tmp_path / "checks.sqlite3"
    check(engine, [doc(PARAGRAPHS)], cache)
    check(engine, [doc(PARAGRAPHS)], cache, LTSettings(language="en-GB"))
    assert len(blocks_sent(engine)) == 4


@pytest.fixture
def our_rules_ran(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the documents our rules are run on (they are skipped when cached)."""
    ran: list[str] = []
    real = checker.our_rules.check_document

    def counting(doc: Document, *args: Any, **kwargs: Any) -> Any:
        ran.append(doc.path)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(checker.our_rules, "check_document", counting)
    return ran


def test_an_unchanged_document_is_taken_whole_from_the_cache(
    engine: CountingEngine, tmp_path: Path, our_rules_ran: list[str]
) -> None:
    cache = tmp_path / "checks.sqlite3"
    docs = [doc(PARAGRAPHS, "a.txt"), doc([*PARAGRAPHS, CLOSING], "b.txt")]
    first = check(engine, docs, cache)
    assert our_rules_ran == ["a.txt", "b.txt"]
    our_rules_ran.clear()
    again = check(engine, docs, cache)
    assert engine.sent == ["Version."] and our_rules_ran == []  # nothing sent, nothing run
    assert again == first
    moved = check(engine, [doc(PARAGRAPHS, "moved/a.txt")], cache)
    assert our_rules_ran == [] and moved.findings == tuple(
        replace(f, path="moved/a.txt") for f in first.findings if f.path == "a.txt")
    edited = check(engine, [doc([*PARAGRAPHS[:3], "The fourth one are edited."], "a.txt")],
                   cache)
    assert our_rules_ran == ["a.txt"] and blocks_sent(engine) == ["The fourth one are edited.\n"]
    assert edited == check(engine, [doc([*PARAGRAPHS[:3], "The fourth one are edited."],
                                        "a.txt")], None)


def test_what_decides_findings_is_part_of_a_documents_key(
    engine: CountingEngine, tmp_path: Path, our_rules_ran: list[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "checks.sqlite3"
    docs = [doc(["He said «yes» in 1997.", *PARAGRAPHS])]
    first = check(engine, docs, cache)
    quotes = [f for f in first.findings if f.rule_id == "TQA_FOREIGN_QUOTES"]
    assert quotes and quotes[0].severity is not Severity.INFO
    info = SeverityMap(rules={"TQA_FOREIGN_QUOTES": Severity.INFO})
    overridden = check(engine, docs, cache, severities=info)
    assert [f.severity for f in overridden.findings if f.rule_id == "TQA_FOREIGN_QUOTES"] == [
        Severity.INFO] * len(quotes)
    without = check(engine, docs, cache, rules=RuleConfig(disabled=frozenset(
        {"TQA_FOREIGN_QUOTES"})))
    assert not [f for f in without.findings if f.rule_id == "TQA_FOREIGN_QUOTES"]
    assert len(our_rules_ran) == 3  # each a new key: our rules ran every time
    monkeypatch.setattr("reviewer.cache.code_digest", lambda: "a rule module was edited")
    assert check(engine, docs, cache) == first
    assert len(our_rules_ran) == 4
    assert check(engine, docs, cache) == first  # cached under the new code's key
    assert len(our_rules_ran) == 4


def test_a_corrupt_cache_is_rebuilt_with_a_warning(
    engine: CountingEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "checks.sqlite3"
    cache.write_bytes(b"this is not a database\x00" * 200)
    report = check(engine, [doc(PARAGRAPHS)], cache)
    err = capsys.readouterr().err
    assert f"reviewer: warning: cache {cache} is damaged" in err and "rebuilding it" in err
    assert report == check(engine, [doc(PARAGRAPHS)], None)
    check(engine, [doc(PARAGRAPHS)], cache)
    assert blocks_sent(engine) == []  # the rebuilt cache works
    assert capsys.readouterr().err == ""


def test_a_locked_cache_is_bypassed_with_a_warning(
    engine: CountingEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "checks.sqlite3"
    other = sqlite3.connect(cache, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # another program holds the whole file
    try:
        report = check(engine, [doc(PARAGRAPHS)], cache)
    finally:
        other.close()
    err = capsys.readouterr().err
    assert f"reviewer: warning: cache {cache} not used: database is locked" in err
    assert len(blocks_sent(engine)) == 4
    assert report == check(engine, [doc(PARAGRAPHS)], None)


def test_answers_not_saved_while_another_run_writes(
    engine: CountingEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "checks.sqlite3"
    check(engine, [doc([*PARAGRAPHS[:2], CLOSING])], cache)
    other = sqlite3.connect(cache, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a concurrent run in the middle of its write
    try:
        report = check(engine, [doc([*PARAGRAPHS, CLOSING])], cache)
    finally:
        other.close()
    assert blocks_sent(engine) == sorted(PARAGRAPHS[2:])  # WAL: the cached answers were still read
    assert "new results not saved: database is locked" in capsys.readouterr().err
    assert report == check(engine, [doc([*PARAGRAPHS, CLOSING])], None)


def test_the_cli_uses_the_cache_folder_and_no_cache_skips_it(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVIEWER_NO_CACHE")
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "doc.txt"
    path.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    first = run_cli("check", str(path), "--no-cache", "--no-config")
    assert not (tmp_path / "cache").exists()
    assert run_cli("check", str(path), "--no-config") == first
    db = sqlite3.connect(tmp_path / "cache" / "checks.sqlite3")
    assert db.execute("SELECT count(*) FROM answers").fetchone() == (1,)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()
    assert run_cli("check", str(path), "--no-config") == first


def test_cache_false_in_the_config_and_the_env_variable_turn_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer.cli import build_parser
    from reviewer.commands.common import settings_from_args
    from reviewer.pipelines.session import options_for

    monkeypatch.delenv("REVIEWER_NO_CACHE")
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    config = tmp_path / "reviewer.toml"
    config.write_text("cache = false\n", encoding="utf-8")

    def cache_path(*argv: str) -> Path | None:
        args = build_parser().parse_args(["check", "x.txt", *argv])
        return options_for(settings_from_args(args)).cache_path

    assert cache_path("--no-config") == tmp_path / "cache" / "checks.sqlite3"
    assert cache_path("--config", str(config)) is None
    monkeypatch.setenv("REVIEWER_NO_CACHE", "1")
    assert cache_path("--no-config") is None


def test_the_code_digest_changes_with_a_dependency_that_can_change_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache_module.code_digest.cache_clear()
    before = cache_module.code_digest()
    real = cache_module._version
    monkeypatch.setattr(cache_module, "_version",
                        lambda name: "99.0" if name == "wordfreq" else real(name))
    cache_module.code_digest.cache_clear()
    try:
        assert cache_module.code_digest() != before
    finally:
        monkeypatch.undo()
        cache_module.code_digest.cache_clear()
    assert cache_module.code_digest() == before

