"""Source/target checks on pairs: each rule with examples that fire and examples that do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.inputs.registry import load
from reviewer.model import Finding, Severity
from reviewer.rules import RULES
from reviewer.rules.base import Subject
from reviewer.rules.glossary import read_glossary
from reviewer.rules.run import RuleConfig, check_document
from reviewer.severity import SeverityMap
from reviewer.text.document import Document, InputError, parse_document

DATA = Path(__file__).parent / "data" / "inputs"


def bilingual(doc: Document) -> list[Finding]:
    """The findings of the bilingual rules alone."""
    monolingual = frozenset(r.id for r in RULES.values() if not r.bilingual)
    return check_document(doc, RuleConfig(disabled=monolingual), SeverityMap(), language="en-US")

def test_severities() -> None:
    for rule in ("TQA_EMPTY_TARGET", "TQA_UNTRANSLATED", "TQA_NUMBER_MISMATCH", "TQA_PLACEHOLDER"):
        assert RULES[rule].severity.at_least(Severity.MAJOR)
    assert not RULES["TQA_LENGTH_RATIO"].severity.at_least(Severity.MAJOR)


def test_glossary_file(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text("# source\ttarget\nразминировани\tdemining\nмин\tmine\nмин\tlandmine\n",
                    encoding="utf-8")
    terms = read_glossary(path)
    assert [(t.source, t.targets, t.line) for t in terms] == [
        ("разминировани", ("demining",), 2), ("мин", ("mine", "landmine"), 3)]
    check = RULES["TQA_GLOSSARY"].check
    found = check(Subject("Mine clearance", "Гуманитарное разминирование", True, terms), {})
    assert [h.message for h in found] == ["'разминировани' should be translated as 'demining'"]
    assert not list(check(Subject("A ban on mine use", "Запрет мин", True, terms), {}))


def test_bad_glossary_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text("мина\tmine\nразминирование demining\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"terms\.tsv: line 2: expected SOURCE<TAB>TARGET"):
        read_glossary(path)


def test_findings_carry_unit_and_file_place() -> None:
    doc = load(parse_document("sample.po", (DATA / "sample.po").read_bytes()))
    got = {(f.rule_id, f.unit, f.line, f.column, f.text) for f in bilingual(doc)}
    assert got == {
        ("TQA_EMPTY_TARGET", "Спасибо за внимание.", 20, 9, ""),
        ("TQA_PLACEHOLDER", "[button] Отправить {0} сообщение[0]", 25, 12, "Send message"),
    }
    xlf = load(parse_document("sample20.xlf", (DATA / "sample20.xlf").read_bytes()))
    assert [(f.rule_id, f.unit, f.line, f.column, f.source) for f in bilingual(xlf)] == [
        ("TQA_UNTRANSLATED", "u3", 19, 17, "reviewer")]


def test_category_severity_overrides_reach_bilingual_findings() -> None:
    # They used to take only per-rule overrides; now every finding takes one severity lookup.
    doc = load(parse_document("sample.po", (DATA / "sample.po").read_bytes()))
    monolingual = frozenset(r.id for r in RULES.values() if not r.bilingual)
    found = check_document(doc, RuleConfig(disabled=monolingual),
                           SeverityMap(categories={"TRANSLATION": Severity.INFO}),
                           language="en-US")
    assert found and {f.severity for f in found} == {Severity.INFO}
