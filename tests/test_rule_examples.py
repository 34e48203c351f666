"""Every rule of ours against its examples in tests/data/rules/RULE_ID.toml.

Each example gives an input text (and, for a bilingual rule, its `source` and
perhaps a `glossary` of [source, target] pairs), the exact texts the rule
reports (in order) and, where the rule replaces, the text with every first
replacement applied; for a rule that gives its own confidence (Rule.scored),
`confidence` may list each finding's. Every registered rule must have an
example that it reports and one where it stays silent.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from reviewer.lt import custom
from reviewer.rules import RULES
from reviewer.rules.base import Hit, Subject
from reviewer.rules.glossary import Term
from reviewer.rules.run import RuleConfig

EXAMPLES = Path(__file__).resolve().parent / "data" / "rules"


def examples(rule_id: str) -> list[dict[str, Any]]:
    path = EXAMPLES / f"{rule_id}.toml"
    return list(tomllib.loads(path.read_text(encoding="utf-8"))["example"])


def apply(text: str, hits: list[Hit]) -> str:
    """`text` with the first replacement of each hit applied (hits must not overlap)."""
    for hit in sorted(hits, reverse=True):
        if hit.replacements:
            text = text[: hit.start] + hit.replacements[0] + text[hit.end :]
    return text


def subject(rule_id: str, example: dict[str, Any]) -> Subject:
    if not RULES[rule_id].bilingual:
        assert "source" not in example, f"{rule_id} is not bilingual: no source"
        return Subject(example["text"])
    terms: dict[str, Term] = {}
    for n, (source, target) in enumerate(example.get("glossary", []), 1):
        old = terms.get(source)
        terms[source] = Term(source, (old.targets if old else ()) + (target,), n)
    return Subject(example["text"], example["source"], True, tuple(terms.values()))


CASES = [
    pytest.param(rule_id, n, example, id=f"{rule_id}-{n}")
    for rule_id in RULES
    if (EXAMPLES / f"{rule_id}.toml").exists()
    for n, example in enumerate(examples(rule_id), 1)
]


@pytest.mark.parametrize(("rule_id", "n", "example"), CASES)
def test_rule_example(rule_id: str, n: int, example: dict[str, Any]) -> None:
    rule = RULES[rule_id]
    config = RuleConfig(options={rule_id: example.get("options", {})})
    options = config.options_for(rule, example.get("language", "en-US"))
    text = example["text"]
    hits = sorted(rule.check(subject(rule_id, example), options))
    assert [text[h.start : h.end] for h in hits] == example["found"]
    assert apply(text, hits) == example.get("corrected", text)
    assert all(h.message for h in hits)
    if "confidence" in example:
        assert [h.confidence for h in hits] == example["confidence"]


def test_every_rule_has_positive_and_negative_examples() -> None:
    """Python rules here; pattern rules in their XML (run by tests/test_lt_custom_rules.py)."""
    patterns = {r.id: r for r in custom.rules()}
    for rule_id, rule in RULES.items():
        if rule.in_languagetool:
            found = [bool(e.corrections) for sub in patterns[rule_id].rules
                     for e in sub.examples]
        else:
            assert (EXAMPLES / f"{rule_id}.toml").exists(), f"{rule_id} has no examples"
            found = [bool(e["found"]) for e in examples(rule_id)]
        assert True in found, f"{rule_id}: no example that it reports"
        assert False in found, f"{rule_id}: no example where it stays silent"


def test_no_examples_for_unregistered_rules() -> None:
    assert {p.stem for p in EXAMPLES.glob("*.toml")} <= set(RULES)


def test_every_option_in_examples_is_a_declared_option() -> None:
    for rule_id, rule in RULES.items():
        if rule.in_languagetool:
            continue
        for e in examples(rule_id):
            assert set(e.get("options", {})) <= set(rule.options), rule_id
