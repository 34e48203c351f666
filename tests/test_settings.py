"""Settings are resolved once, by one function, and recorded for apply's re-check."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import build_parser
from reviewer.commands.common import OVERRIDES, overrides
from reviewer.config import SCHEMA, SETTINGS, ConfigError, Decides
from reviewer.formats import Format
from reviewer.model import Severity
from reviewer.pipelines.correcting import settings_of
from reviewer.pipelines.session import UsageError
from reviewer.review.record import ReviewFile
from reviewer.settings import CHECK_KEYS, Settings, check_options, resolve
from tests.conftest import ROOT


def test_recorded_settings_rebuild_the_same_check() -> None:
    args = build_parser().parse_args([
        "check", "x.txt", "--language", "en-GB", "--mother-tongue", "ru", "--disable",
        "TQA_DATE_ORDER,EN_A_VS_AN", "--rule-option", "TQA_FOREIGN_QUOTES.style=curly"])
    settings = resolve(overrides(args))
    again = resolve({}, ("review.json: check", settings.recorded()))
    assert check_options(again).digest() == check_options(settings).digest()
    assert again.rules().options == {"TQA_FOREIGN_QUOTES": {"style": "curly"}}
    assert again.origins["language"] == "review.json: check"


def test_apply_rechecks_with_the_recorded_rules_not_the_defaults() -> None:
    review = ReviewFile("d.txt", "0" * 64, (), check={
        "disable": ["TQA_DATE_ORDER"], "rule_options": ["TQA_DOUBLED_WORD.allowed=that"]})
    args = build_parser().parse_args(["apply", "r.json", "--jobs", "1"])
    settings = settings_of(review, Path("r.json"), overrides(args))
    assert "TQA_DATE_ORDER" in settings.rules().disabled
    assert settings.rules().options["TQA_DOUBLED_WORD"] == {"allowed": ("that",)}
    assert settings.jobs == 1


def test_a_review_file_without_recorded_settings_gives_its_languagetool_settings() -> None:
    review = ReviewFile("d.txt", "0" * 64, (), settings={
        "language": "en-GB", "mother_tongue": None, "picky": True,
        "enabled_rules": [], "disabled_rules": ["EN_A_VS_AN"],
        "enabled_categories": [], "disabled_categories": []})
    settings = settings_of(review, Path("r.json"), {})
    assert (settings.language, settings.picky, settings.disable) == (
        "en-GB", True, ("EN_A_VS_AN",))


def test_tampered_recorded_settings_are_refused_naming_the_key() -> None:
    review = ReviewFile("d.txt", "0" * 64, (), check={"ignore_patterns": ["(unclosed"]})
    with pytest.raises(UsageError, match=r"r\.json: check: key 'ignore_patterns'"):
        settings_of(review, Path("r.json"), {})
    with pytest.raises(ConfigError, match="unknown key 'shell'"):
        resolve({}, ("r.json", {"shell": "rm -rf /"}))


# Entry points: the command line itself, and the resident host that runs its commands.
CORE_SKIPS = {"cli.py", "__main__.py", "resident_host.py"}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_nothing_below_the_commands_reads_argparse_or_the_cli() -> None:
    package = ROOT / "reviewer"
    for path in package.rglob("*.py"):
        rel = path.relative_to(package)
        if rel.parts[0] == "commands" or rel.name in CORE_SKIPS:
            continue
        found = imports(path)
        assert "argparse" not in found, f"{rel} imports argparse"
        assert not any(m.startswith(("reviewer.commands", "reviewer.cli")) for m in found), rel
        if rel.parts[0] not in ("html",):
            assert "jinja2" not in found, f"{rel} imports jinja2"
        if rel.parts[0] == "formats":
            assert "reviewer.checker" not in found, f"{rel}: a renderer never sees the checker"


# A value other than the default for every setting of the table (reviewer.config.SETTINGS).
OTHER_VALUES: dict[str, Any] = {
    "language": "en-GB", "mother_tongue": "ru", "picky": True, "enable": ("PASSIVE_VOICE",),
    "disable": ("PASSIVE_VOICE",), "enable_categories": ("STYLE",),
    "disable_categories": ("STYLE",), "rule_options": ("TQA_FOREIGN_QUOTES.style=curly",),
    "severity_rules": {"EN_A_VS_AN": Severity.MINOR},
    "severity_categories": {"STYLE": Severity.MAJOR}, "min_confidence": 0.9, "learn": True,
    "accept_words": ("Kazbat",), "ignore_patterns": ("x+",), "include": ("*.x",),
    "exclude": ("old",), "cache": False, "server": ("http://localhost:1",),
    "format": (Format.JSON,), "output": ((Format.JSON, "r.json"),), "fail_on": "minor",
    "max_findings": 3, "max_density": 1.0, "max_score": 1.0, "review_files": ("r.json",),
    "start_timeout": 5.0, "jobs": 3, "input_format": "plain", "source": "s.txt",
    "glossary": "terms.tsv",
}


def test_every_setting_is_one_row_of_the_table() -> None:
    rows = [k.field for k in SETTINGS]
    assert len(rows) == len(set(rows))
    assert set(rows) == {f.name for f in fields(Settings)} - {"origins", "file"}
    assert set(rows) == set(OTHER_VALUES)


def test_each_option_of_the_table_is_the_command_lines_and_overrides_its_setting() -> None:
    parser = build_parser("check")
    for key in SETTINGS:
        if key.option is None:
            continue
        (action,) = [a for sub in parser._subparsers._group_actions  # type: ignore[union-attr]
                     for a in sub.choices["check"]._actions if key.option in a.option_strings]
        assert action.dest == key.dest
        assert OVERRIDES[action.dest] == key.field


def test_what_decides_the_findings_made_is_in_the_cache_digest_and_nothing_else_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the glossary read, no learned file found
    (tmp_path / "terms.tsv").write_text("mine\tmine\n", encoding="utf-8")
    before = check_options(resolve({})).findings_digest()
    moved = {k.name for k in SETTINGS
             if check_options(resolve({k.field: OTHER_VALUES[k.field]})).findings_digest()
             != before}
    assert moved == {k.name for k in SETTINGS if k.decides is Decides.FINDINGS}
    assert {k.name for k in SCHEMA if k.name in moved} < set(CHECK_KEYS)  # and recorded
