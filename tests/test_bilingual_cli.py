"""`reviewer check` with bilingual input: --source pairs, XLIFF and PO, a glossary, bad input."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data" / "inputs"
PAIR = DATA / "pair"


def findings(out: str) -> list[dict[str, object]]:
    return list(json.loads(out)["findings"])


def test_source_pair_checks_each_paragraph_against_its_source(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("check", str(PAIR / "target.en.txt"), "--source",
                             str(PAIR / "source.ru.txt"), "--glossary", str(PAIR / "terms.tsv"),
                             "--format", "json", "--fail-on", "never")
    assert code == 0, err
    got = {(f["rule_id"], f["unit"], f["line"], f["column"], f["text"])
           for f in findings(out) if f["source"] == "reviewer" and f["category"] == "TRANSLATION"}
    assert ("TQA_NUMBER_MISMATCH", "p2", 3, 58, "1998") in got
    assert ("TQA_UNTRANSLATED", "p3", 5, 1, "Спасибо за внимание.") in got
    assert ("TQA_GLOSSARY", "p2", 3, 1,
            "Kazakhstan allocated 3.5 million dollars for demining in 1998.") in got


def test_paragraph_counts_differ_is_one_clear_line(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("check", str(PAIR / "short.en.txt"), "--source",
                             str(PAIR / "source.ru.txt"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "short.en.txt: 2 paragraphs but its source" in err and "source.ru.txt has 3" in err
    assert "first diverge at paragraph 2 (line 3)" in err


def test_xliff_through_the_cli(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("check", str(DATA / "sample12.xlf"), "--format", "json",
                             "--fail-on", "never")
    assert code == 0, err
    got = {(f["rule_id"], f["unit"], f["line"], f["column"]) for f in findings(out)}
    assert ("EN_A_VS_AN", "error", 11, 23) in got
    assert ("TQA_EMPTY_TARGET", "missing", 18, 46) in got
    assert not [f for f in findings(out) if f["line"] in (6, 10, 14, 18)
                and f["rule_id"] != "TQA_EMPTY_TARGET"]


def test_input_format_option_overrides_the_extension(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.txt"
    path.write_text("Some prose here.\n\n```\nthis are code\n```\n", encoding="utf-8")
    code, out, _ = run_cli("check", str(path), "--format", "json", "--fail-on", "never")
    assert any(f["line"] == 4 for f in findings(out))  # plain text: the code is checked
    code, out, err = run_cli("check", str(path), "--input-format", "markdown", "--format", "json",
                             "--fail-on", "never")
    assert code == 0, err
    assert not any(f["line"] == 4 for f in findings(out))


def test_malformed_files_exit_2_naming_file_and_place(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.xlf"
    bad.write_text('<xliff version="1.2"><file><body><trans-unit id="1"><target>x</source>',
                   encoding="utf-8")
    code, out, err = run_cli("check", str(bad))
    assert code == 2 and out == ""
    assert err.startswith(f"reviewer: {bad}: not valid xliff: not well-formed XML at line 1")
    po = tmp_path / "bad.po"
    po.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    code, _, err = run_cli("check", str(po))
    assert code == 2 and f"{po}: not valid po: line 2: unterminated" in err
    terms = tmp_path / "terms.tsv"
    terms.write_text("one field only\n", encoding="utf-8")
    code, _, err = run_cli("check", str(DATA / "sample.po"), "--glossary", str(terms))
    assert code == 2 and f"{terms}: line 1: expected SOURCE<TAB>TARGET" in err


def test_bilingual_rules_disabled_like_the_others(run_cli) -> None:  # type: ignore[no-untyped-def]
    args = ("check", str(PAIR / "target.en.txt"), "--source", str(PAIR / "source.ru.txt"),
            "--format", "json", "--fail-on", "never")
    code, out, err = run_cli(*args, "--disable", "TQA_UNTRANSLATED,TQA_NUMBER_MISMATCH")
    assert code == 0, err
    rules = {f["rule_id"] for f in findings(out)}
    assert not rules & {"TQA_UNTRANSLATED", "TQA_NUMBER_MISMATCH"}
    code, out, err = run_cli(*args, "--disable-category", "TRANSLATION")
    assert code == 0, err
    assert not [f for f in findings(out) if f["category"] == "TRANSLATION"]


def test_source_is_for_plain_text_targets(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("check", str(DATA / "sample.po"), "--source",
                             str(PAIR / "source.ru.txt"))
    assert code == 2 and out == ""
    assert "sample.po: --source pairs plain-text files; po files carry their source" in err
