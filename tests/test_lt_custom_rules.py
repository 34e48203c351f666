"""Our LanguageTool pattern rules (reviewer/lt/rules/.../grammar_custom.xml) on the real server.

LanguageTool runs a rule's own `<example>`s only in its Java test suite; here
every example goes through `/v2/check` with only its rule enabled. An example
with `correction="a|b"` must be reported by its own `<rule>` exactly at the
`<marker>`, with the suggestions a, b first; an example without one must not be
reported by that `<rule>`.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

import pytest

from reviewer.lt import custom
from tests.conftest import SEED

CASES = [
    pytest.param(rule.id, sub.sub_id, example, id=f"{rule.id}-{sub.sub_id}-{n}")
    for rule in custom.rules()
    for sub in rule.rules
    for n, example in enumerate(sub.examples, 1)
]


def matches(url: str, text: str, rule_id: str) -> list[dict[str, Any]]:
    form = {"text": text, "language": "en-US", "enabledRules": rule_id, "enabledOnly": "true"}
    data = urllib.parse.urlencode(form).encode()
    with urllib.request.urlopen(url + "/v2/check", data, timeout=30) as answer:
        found: list[dict[str, Any]] = json.load(answer)["matches"]
    return found


@pytest.mark.server
@pytest.mark.parametrize(("rule_id", "sub_id", "example"), CASES)
def test_example(lt_url: str, rule_id: str, sub_id: str, example: custom.Example) -> None:
    # The examples are BMP text, so UTF-16 offsets equal code-point offsets.
    got = [
        (m["offset"], m["offset"] + m["length"], [r["value"] for r in m["replacements"]])
        for m in matches(lt_url, example.text, rule_id)
        if m["rule"].get("subId", "1") == sub_id
    ]
    if example.corrections:
        at_marker = [r for start, end, r in got if (start, end) == (example.start, example.end)]
        assert at_marker, f"not reported at {example.text[example.start:example.end]!r}: {got}"
        assert at_marker[0][: len(example.corrections)] == list(example.corrections)
    else:
        assert got == []


def test_every_rule_has_an_example_it_reports_and_one_it_leaves_alone() -> None:
    for rule in custom.rules():
        for sub in rule.rules:
            kinds = {bool(e.corrections) for e in sub.examples}
            assert kinds == {True, False}, f"{rule.id} rule {sub.sub_id}: {kinds}"


def test_rule_ids_are_ours_and_unique() -> None:
    ids = [rule.id for rule in custom.rules()]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("TQA_") and i == i.upper() for i in ids)
    assert {rule.category for rule in custom.rules()} == {custom.CATEGORY}


def test_examples_mark_their_span() -> None:
    for rule in custom.rules():
        for sub in rule.rules:
            for e in sub.examples:
                if e.corrections:
                    assert e.end > e.start, f"{rule.id}: no <marker> in {e.text!r}"


@pytest.mark.server
def test_rules_off_by_default_are_enabled_and_ours_disabled_by_id(run_cli: Any) -> None:
    seed = str(SEED)
    code, out, err = run_cli("check", seed, "--format", "json", "--no-config",
                             "--enable", "TQA_AMOUNT_OF_PLURAL",
                             "--disable", "TQA_MISSING_THE_OF")
    assert code != 2, err
    report = json.loads(out)
    assert report["settings"]["enabled_rules"] == ["TQA_AMOUNT_OF_PLURAL"]
    assert report["settings"]["disabled_rules"] == ["TQA_MISSING_THE_OF"]
    amounts = [(f["line"], f["text"], f["replacements"][0]) for f in report["findings"]
               if f["rule_id"] == "TQA_AMOUNT_OF_PLURAL"]
    # "increasing amount of tourists"
    assert amounts == [(15, "amount", "number")]
    assert all(f["source"] == "languagetool" and f["category"] == custom.CATEGORY
               for f in report["findings"] if f["rule_id"] == "TQA_AMOUNT_OF_PLURAL")
    assert "TQA_MISSING_THE_OF" not in {f["rule_id"] for f in report["findings"]}
