"""Source/target checks on pairs: each rule with examples that fire and examples that do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.bilingual import check_document
from reviewer.bilingual.checks import CHECKS, Pair
from reviewer.bilingual.glossary import read_glossary
from reviewer.inputs.registry import load
from reviewer.model import Severity
from reviewer.text.document import InputError, parse_document

DATA = Path(__file__).parent / "data" / "inputs"
RULES = {c.id: c for c in CHECKS}

# (rule, source, target, expected hit texts in the target; empty: must not fire)
EXAMPLES = [
    ("TQA_NUMBER_MISMATCH", "Взнос 3,5 млн долларов", "A 3.5 million dollar contribution", []),
    ("TQA_NUMBER_MISMATCH", "100 000 мин", "100,000 mines", []),
    ("TQA_NUMBER_MISMATCH", "Взнос 3,5 млн долларов", "A 3.6 million dollar contribution",
     ["3.6"]),
    ("TQA_NUMBER_MISMATCH", "В 1997 году, 6 августа", "In 1997", ["In 1997"]),
    ("TQA_NUMBER_MISMATCH", "Отправить {0} сообщений", "Send {0} messages", []),
    ("TQA_UNTRANSLATED", "Спасибо за внимание.", "Спасибо за внимание.",
     ["Спасибо за внимание."]),
    ("TQA_UNTRANSLATED", "Спасибо за внимание.", "Спасибо for your attention, друзья мои.",
     ["Спасибо for your attention, друзья мои."]),
    ("TQA_UNTRANSLATED", "Спасибо за внимание.", "Thank you for your attention.", []),
    ("TQA_UNTRANSLATED", "OK", "OK", []),
    ("TQA_UNTRANSLATED", "Thank you", "Thank you", ["Thank you"]),
    ("TQA_EMPTY_TARGET", "Спасибо.", "  ", ["  "]),
    ("TQA_EMPTY_TARGET", "", "", []),
    ("TQA_LENGTH_RATIO", "Казахстан поддерживает гуманитарное разминирование.", "Yes.",
     ["Yes."]),
    ("TQA_LENGTH_RATIO", "Казахстан поддерживает гуманитарное разминирование.",
     "Kazakhstan supports humanitarian demining.", []),
    ("TQA_LENGTH_RATIO", "Да.", "Yes, certainly, of course, we agree.", []),
    ("TQA_PLACEHOLDER", "Файл %s не найден", "File not found", ["File not found"]),
    ("TQA_PLACEHOLDER", "Файл %s не найден", "File %s not found", []),
    ("TQA_PLACEHOLDER", "Нажмите <b>{0}</b>", "Press <b>{1}</b>", ["{1}", "Press <b>{1}</b>"]),
    ("TQA_PLACEHOLDER", "Привет, %(name)s", "Hello, %(name)s", []),
    ("TQA_URL", "См. https://un.org/mines и info@un.org", "See https://un.org/mines",
     ["See https://un.org/mines"]),
    ("TQA_URL", "См. https://un.org/mines.", "See https://un.org/mines.", []),
    ("TQA_URL", "См. сайт.", "See https://example.com.", ["https://example.com"]),
]


@pytest.mark.parametrize(("rule", "source", "target", "expected"), EXAMPLES)
def test_examples(rule: str, source: str, target: str, expected: list[str]) -> None:
    hits = RULES[rule].run(Pair(source, target))
    assert [target[h.start : h.end] for h in hits] == expected


def test_every_check_has_examples_both_ways() -> None:
    for rule in RULES:
        outcomes = {bool(e[3]) for e in EXAMPLES if e[0] == rule} | (
            {True, False} if rule == "TQA_GLOSSARY" else set())
        assert outcomes == {True, False}, rule


def test_severities() -> None:
    for rule in ("TQA_EMPTY_TARGET", "TQA_UNTRANSLATED", "TQA_NUMBER_MISMATCH", "TQA_PLACEHOLDER"):
        assert RULES[rule].severity.at_least(Severity.MAJOR)
    assert not RULES["TQA_LENGTH_RATIO"].severity.at_least(Severity.MAJOR)


def test_glossary(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text("# source\ttarget\nразминировани\tdemining\nмин\tmine\nмин\tlandmine\n",
                    encoding="utf-8")
    terms = read_glossary(path)
    check = RULES["TQA_GLOSSARY"].run
    assert [h.message for h in check(Pair("Гуманитарное разминирование", "Mine clearance",
                                          terms))] == [
        "'разминировани' should be translated as 'demining'"]
    assert not list(check(Pair("Гуманитарное разминирование", "Humanitarian demining", terms)))
    assert not list(check(Pair("Запрет мин", "A ban on landmines", terms)))  # plural allowed
    assert not list(check(Pair("Запрет мин", "A ban on mine use", terms)))
    assert list(check(Pair("Запрет мин", "A ban on minefields", terms)))  # whole words
    assert not list(check(Pair("Запрет", "A ban", terms)))


def test_bad_glossary_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text("мина\tmine\nразминирование demining\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"terms\.tsv: line 2: expected SOURCE<TAB>TARGET"):
        read_glossary(path)


def test_findings_carry_unit_and_file_place() -> None:
    doc = load(parse_document("sample.po", (DATA / "sample.po").read_bytes()))
    got = {(f.rule_id, f.unit, f.line, f.column, f.text) for f in check_document(doc)}
    assert got == {
        ("TQA_EMPTY_TARGET", "Спасибо за внимание.", 20, 9, ""),
        ("TQA_PLACEHOLDER", "[button] Отправить {0} сообщение[0]", 25, 12, "Send message"),
    }
    xlf = load(parse_document("sample20.xlf", (DATA / "sample20.xlf").read_bytes()))
    assert [(f.rule_id, f.unit, f.line, f.column, f.source) for f in check_document(xlf)] == [
        ("TQA_UNTRANSLATED", "u3", 19, 17, "reviewer")]
