"""`reviewer rules`: every rule, ours and LanguageTool's, on or off under the settings."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.rules import RULES


def rules_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, dict[str, Any]]:
    assert main(["rules", "--format", "json", "--no-config", *argv]) == 0
    return {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}


def test_ours_are_listed_with_category_severity_and_whether_they_run(
    capsys: pytest.CaptureFixture[str]
) -> None:
    rows = rules_json(capsys, "--ours")
    assert set(rows) == set(RULES)
    assert rows["TQA_DECIMAL_COMMA"] == {"id": "TQA_DECIMAL_COMMA", "source": "reviewer",
                                         "category": "NUMBERS", "severity": "major", "on": True,
                                         "title": "Decimal comma"}
    rows = rules_json(capsys, "--ours", "--disable", "TQA_URL", "--disable-category", "NUMBERS")
    assert not rows["TQA_URL"]["on"] and not rows["TQA_DECIMAL_COMMA"]["on"]
    assert rows["TQA_EMPTY_TARGET"]["on"] and rows["TQA_EMPTY_TARGET"]["severity"] == "critical"


def test_an_unknown_rule_of_ours_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--ours", "--disable", "TQA_DECIMAL_COMA"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("reviewer: unknown rule TQA_DECIMAL_COMA (did you mean "
                           "TQA_DECIMAL_COMMA?) (see docs/rules.md)")


def test_check_goes_with_docs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--ours", "--check"]) == 2
    assert "--check goes with --docs" in capsys.readouterr().err


@pytest.mark.server
def test_languagetools_rules_come_from_the_server(run_cli: Any) -> None:
    code, out, _ = run_cli("rules", "--format", "json", "--no-config")
    rows = {r["id"]: r for r in json.loads(out)["rules"]}
    assert code == 0 and set(RULES) <= set(rows)
    a_an = rows["EN_A_VS_AN"]
    assert (a_an["source"], a_an["category"], a_an["on"]) == ("languagetool", "MISC", True)
    assert rows["MORFOLOGIK_RULE_EN_US"]["severity"] == "major"
    assert not rows["WHITESPACE_PARAGRAPH"]["on"]  # LanguageTool keeps it off by default
    code, out, _ = run_cli("rules", "--format", "json", "--no-config", "--disable", "EN_A_VS_AN",
                           "--enable", "WHITESPACE_PARAGRAPH")
    rows = {r["id"]: r for r in json.loads(out)["rules"]}
    assert not rows["EN_A_VS_AN"]["on"] and rows["WHITESPACE_PARAGRAPH"]["on"]


def test_a_server_that_does_not_answer_is_an_engine_error_told_as_check_tells_it(
    capsys: pytest.CaptureFixture[str]
) -> None:
    # Nothing listens on a port that was just bound and let go.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    assert main(["rules", "--no-config", "--server", url]) == 3
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"reviewer: LanguageTool: {url}: ")
