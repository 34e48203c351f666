"""Parsing recorded LanguageTool answers and mapping them to findings.

The JSON files in tests/data/lt were captured from the real 6.8 server;
the real server itself is exercised in test_check_server.py.
"""

from __future__ import annotations

import json

import pytest

from reviewer.lt.client import EngineRequestError, LTClient, LTSettings, parse_response, without
from reviewer.model import Severity
from reviewer.rules.findings import Scope, to_finding
from reviewer.rules.languagetool import exact, match_hits
from reviewer.severity import SeverityMap
from reviewer.text.blocks import Block
from reviewer.text.document import parse_document
from reviewer.text.lines import LineIndex
from tests.conftest import DATA


def load(name: str) -> tuple[str, dict[str, object]]:
    data = json.loads((DATA / "lt" / f"{name}.json").read_text(encoding="utf-8"))
    return data["text"], data["response"]


def findings_for(name: str, prefix: str = "") -> list[tuple[str, str, tuple[str, ...]]]:
    text, response = load(name)
    full = prefix + text
    doc = parse_document("t.txt", full.encode())
    result = parse_response(response)
    block = Block(len(prefix), text)
    scope = Scope(doc, LineIndex(full))
    return [
        (f.rule_id, full[f.start : f.end], f.replacements[:2])
        for f in (to_finding(origin, hit, scope, SeverityMap())
                  for origin, hit in match_hits(result, block))
    ]


def test_plain_answer() -> None:
    assert findings_for("plain") == [
        ("HE_VERB_AGR", "go", ("goes", "went")),
        ("EN_A_VS_AN", "a", ("an",)),
    ]


def test_astral_characters_before_and_inside_an_error() -> None:
    # 😀 stands before "go"; 𝒜 is inside "𝒜wesome"; 🦄 before "thatt".
    assert findings_for("astral") == [
        ("HE_VERB_AGR", "go", ("goes", "went")),
        ("MORFOLOGIK_RULE_EN_US", "𝒜wesome", ("awesome",)),
        ("MORFOLOGIK_RULE_EN_US", "thatt", ("that", "theist")),
    ]


def test_block_offset_and_lines_are_added() -> None:
    got = findings_for("astral", prefix="Title 🦄\n\n")
    assert [g[1] for g in got] == ["go", "𝒜wesome", "thatt"]


def test_fields_are_kept() -> None:
    _, response = load("plain")
    m = parse_response(response).matches[0]
    assert (m.rule_id, m.category, m.issue_type) == ("HE_VERB_AGR", "GRAMMAR", "grammar")
    assert m.description and m.message and m.sentence == "He go to school yesterday."
    assert parse_response(response).version == "6.8"


def test_severity_comes_from_category_then_issue_type() -> None:
    sev = SeverityMap()
    assert sev.severity("HE_VERB_AGR", "GRAMMAR", "grammar") is Severity.MAJOR
    assert sev.severity("FIRST_OF_ALL", "REDUNDANCY", "style") is Severity.INFO
    assert sev.severity("X", "UNKNOWN", "whitespace") is Severity.MINOR
    over = SeverityMap(
        rules={"HE_VERB_AGR": Severity.CRITICAL}, categories={"STYLE": Severity.MINOR}
    )
    assert over.severity("HE_VERB_AGR", "GRAMMAR", "grammar") is Severity.CRITICAL
    assert over.severity("A", "STYLE", "style") is Severity.MINOR


@pytest.mark.parametrize("payload", [{}, {"matches": [{"offset": 1}]}, None, []])
def test_malformed_answers_are_engine_errors(payload: object) -> None:
    with pytest.raises(EngineRequestError):
        parse_response(payload)


def test_disabled_rules_are_left_out_by_us_not_sent_to_languagetool() -> None:
    # LanguageTool builds a new pipeline for each request naming disabledRules (slower):
    # the client leaves those rules' matches out of the answer instead.
    _, response = load("plain")
    result = parse_response(response)
    rules = [m.rule_id for m in result.matches]
    assert len(set(rules)) >= 2
    off = rules[0]
    kept = without(result, [off])
    assert [m.rule_id for m in kept.matches] == [r for r in rules if r != off]
    assert without(result, []) is result
    one_sub = f"{result.matches[0].rule_id}[{result.matches[0].sub_id}]"
    assert result.matches[0] not in without(result, [one_sub]).matches
    params = _client_without_server(("PER_CENT",)).params("He go home.")
    assert "disabledRules" not in params and params["text"] == "He go home."


def _client_without_server(disabled: tuple[str, ...]) -> LTClient:
    client = LTClient.__new__(LTClient)  # no server asked for its languages
    client.settings = LTSettings(language="en-US", disabled_rules=disabled)
    return client


@pytest.mark.parametrize(("text", "replacements", "span", "narrowed"), [
    # words every replacement keeps are context, not the error
    ("in UK", ["in the UK"], "UK", ["the UK"]),
    ("let to", ["let me", "let us"], "to", ["me", "us"]),
    ("In this connection", ["In this regard"], "connection", ["regard"]),
    # a removed comma is the error, not the word before it
    ("believe,", ["believe"], ",", [""]),
    ("emphasize especially,", ["emphasize especially"], ",", [""]),
    # nothing kept by all, or only part of a word: the match as LanguageTool gave it
    ("a antipersonnel mines", ["a antipersonnel mine", "antipersonnel mines"],
     "a antipersonnel mines", ["a antipersonnel mine", "antipersonnel mines"]),
    ("antihuman", ["anti-human"], "antihuman", ["anti-human"]),
    ("region", ["the region"], "region", ["the region"]),
    # never an empty span: an insertion after the text keeps the text
    ("Also", ["Also,"], "Also", ["Also,"]),
    ("no the", ["no"], "no the", ["no"]),
    # spaces are not words: a doubled space stays whole
    ("  ", [" "], "  ", [" "]),
    ("thatt", [], "thatt", []),
])
def test_a_match_is_narrowed_to_what_its_replacements_change(
        text: str, replacements: list[str], span: str, narrowed: list[str]) -> None:
    cut, got = exact(text, replacements)
    assert (text[cut:], list(got)) == (span, narrowed)
    assert all(text[:cut] + r == full for r, full in zip(got, replacements, strict=True))
