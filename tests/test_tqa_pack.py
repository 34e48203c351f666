"""The rule pack's registry, configuration and merging, without LanguageTool."""

from __future__ import annotations

import re

import pytest

from reviewer.model import Finding, Severity
from reviewer.rules import RULES
from reviewer.rules.base import Hit, Rule, Subject
from reviewer.rules.run import (
    RuleConfig,
    RuleConfigError,
    check_document,
    merge_findings,
    parse_option,
    rule_hits,
)
from reviewer.severity import SeverityMap
from reviewer.text.document import parse_document
from tests.conftest import SEED

ISSUE_TYPES = {"typographical", "locale-violation", "characters", "untranslated",
               "inconsistency", "duplication", "whitespace", "style", "omission", "numbers",
               "markup", "inconsistent-entities", "terminology", "length", "grammar"}


def run(text: str, config: RuleConfig) -> list[tuple[Rule, Hit]]:
    return rule_hits(Subject(text), config, "en-US")


def test_registry_records_are_complete() -> None:
    for rule_id, rule in RULES.items():
        assert rule_id == rule.id and rule_id.startswith("TQA_") and rule_id.isupper()
        assert rule.issue_type in ISSUE_TYPES, rule_id
        assert isinstance(rule.severity, Severity)
        assert rule.in_languagetool or rule.doc.count("\n") >= 2, \
            f"{rule_id}: document the rule in its docstring"
        assert set(rule.choices) <= set(rule.options)


def test_disabling_a_rule_or_a_category() -> None:
    text = "It cost 3,5 million in « Almaty »."
    ids = {r.id for r, _ in run(text, RuleConfig())}
    assert ids == {"TQA_DECIMAL_COMMA", "TQA_FOREIGN_QUOTES"}
    assert {r.id for r, _ in run(text, RuleConfig(disabled=frozenset({"TQA_DECIMAL_COMMA"})))} \
        == {"TQA_FOREIGN_QUOTES"}
    assert {r.id for r, _ in run(text, RuleConfig(disabled_categories=frozenset({"TYPOGRAPHY"})))} \
        == {"TQA_DECIMAL_COMMA"}
    assert run(text, RuleConfig(enabled=False)) == []


def test_rule_options_are_parsed_and_typed_like_their_defaults() -> None:
    assert parse_option("TQA_FOREIGN_QUOTES.style=curly") == (
        "TQA_FOREIGN_QUOTES", "style", "curly")
    assert parse_option("TQA_CYRILLIC_TEXT.min_letters=4") == (
        "TQA_CYRILLIC_TEXT", "min_letters", 4)
    assert parse_option("TQA_DOUBLED_SPACE.after_full_stop=false")[2] is False
    assert parse_option("TQA_DOUBLED_WORD.allowed=had,that,is")[2] == ("had", "that", "is")


@pytest.mark.parametrize(("spec", "cause"), [
    ("TQA_FOREIGN_QUOTES.style", "expected RULE.KEY=VALUE"),
    ("TQA_NOPE.style=curly", "unknown rule TQA_NOPE"),
    ("TQA_FOREIGN_QUOTES.colour=red", "has no option 'colour' (options: style)"),
    ("TQA_FOREIGN_QUOTES.style=fancy", "expected one of auto, curly, straight"),
    ("TQA_CYRILLIC_TEXT.min_letters=two", "expected an integer"),
    ("TQA_DOUBLED_SPACE.after_full_stop=maybe", "expected true or false"),
])
def test_bad_rule_options_name_the_cause(spec: str, cause: str) -> None:
    with pytest.raises(RuleConfigError, match=re.escape(cause)):
        parse_option(spec)


def test_findings_are_placed_like_languagetools_and_take_severity_overrides() -> None:
    doc = parse_document("d.txt", b"Title\n\nIt cost 3,5 million.\n")
    severities = SeverityMap(rules={"TQA_DECIMAL_COMMA": Severity.CRITICAL})
    (f,) = check_document(doc, RuleConfig(), severities, language="en-US")
    assert (f.rule_id, f.source, f.line, f.column, f.end_line, f.end_column) == (
        "TQA_DECIMAL_COMMA", "reviewer", 3, 9, 3, 12)
    assert (f.text, f.replacements, f.severity) == ("3,5", ("3.5",), Severity.CRITICAL)
    assert f.sentence == "It cost 3,5 million."
    (g,) = check_document(doc, RuleConfig(), SeverityMap(categories={"NUMBERS": Severity.INFO}),
                          language="en-US")
    assert g.severity is Severity.INFO


def lt(rule_id: str, start: int, end: int, replacements: tuple[str, ...] = ()) -> Finding:
    return Finding("d.txt", start, end, rule_id, "", "", "languagetool", "TYPOGRAPHY",
                   "typographical", Severity.MINOR, "m", "", 1, start + 1, 1, end + 1, "", "",
                   "", replacements)


def test_merge_keeps_one_finding_per_shared_problem() -> None:
    doc = parse_document("d.txt", "It cost 3,5 million in « Almaty ».".encode())
    ours = check_document(doc, RuleConfig(), SeverityMap(), language="en-US")
    theirs = [
        lt("COMMA_PERIOD_CONFUSION", 8, 11, ("3.5",)),  # same problem: ours has a replacement
        lt("COMMA_PARENTHESIS_WHITESPACE", 22, 25, ("« ",)),  # spaces around «: ours wins
        lt("EN_A_VS_AN", 0, 2, ("An",)),  # another problem: kept
        lt("COMMA_PARENTHESIS_WHITESPACE", 3, 4),  # same rule elsewhere: kept
    ]
    merged = merge_findings(theirs, ours)
    assert sorted((f.rule_id, f.start) for f in merged) == [
        ("COMMA_PARENTHESIS_WHITESPACE", 3),
        ("EN_A_VS_AN", 0),
        ("TQA_DECIMAL_COMMA", 8),
        ("TQA_FOREIGN_QUOTES", 23),
        ("TQA_FOREIGN_QUOTES", 31),
    ]


def test_merge_keeps_languagetools_when_only_it_has_a_replacement() -> None:
    doc = parse_document("d.txt", b"See items 1,2 and 3.")
    ours = check_document(doc, RuleConfig(), SeverityMap(), language="en-US")
    assert [(f.rule_id, f.replacements) for f in ours] == [("TQA_DECIMAL_COMMA", ())]
    merged = merge_findings([lt("COMMA_PERIOD_CONFUSION", 10, 13, ("1.2",))], ours)
    assert [f.rule_id for f in merged] == ["COMMA_PERIOD_CONFUSION"]


def test_rules_find_the_same_in_every_copy_of_a_long_document() -> None:
    # Speed is measured by bench/tqa_speed.py, not asserted here.
    text = SEED.read_text(encoding="utf-8")
    big = (text + "\n\n") * 20
    copies = big.count("Statement of the")
    # the mixed-spelling rule reports once per document, not once per copy (the article
    # model remembers earlier mentions within a paragraph only)
    config = RuleConfig(disabled=frozenset({"TQA_MIXED_SPELLING"}))
    assert len(run(big, config)) == copies * len(run(text, config))


def test_phrases_on_one_long_line_are_those_of_the_same_text_on_many_lines() -> None:
    # A document on one line: each phrase's line start is found from the previous
    # phrase on, not from the start of the text (the same phrases either way).
    from reviewer.rules.consistency import _phrases

    unit = "We met Ivan Petrov there. Later Ivan Petrov left. "
    one_line = unit * 2000
    many_lines = unit.replace(". ", ".\n") * 2000
    assert [w for w, _, _ in _phrases(one_line)] == [w for w, _, _ in _phrases(many_lines)]
    assert len(list(_phrases(one_line))) == 4000
