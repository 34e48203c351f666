"""docs/rules.md stays in sync with the rules' docstrings."""

from __future__ import annotations

from pathlib import Path

from reviewer.cli import main
from reviewer.rules import RULES
from reviewer.rules.docs import render
from tests.conftest import ROOT


def test_rules_md_is_generated_from_the_docstrings() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render(), "out of date: run reviewer rules --docs docs/rules.md"


def test_every_rule_is_documented_with_its_options() -> None:
    text = render()
    for rule in RULES.values():
        assert f"## {rule.id}\n" in text
        if rule.in_languagetool:  # documented by its examples
            assert f"**{rule.title}** · issue type `{rule.issue_type}`" in text
            continue
        assert rule.doc.splitlines()[0] in text
        for key in rule.options:
            assert f"- `{key}`: default" in text


def test_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.md"
    assert main(["rules", "--docs", str(path), "--check"]) == 1
    assert main(["rules", "--docs", str(path)]) == 0
    assert main(["rules", "--docs", str(path), "--check"]) == 0
