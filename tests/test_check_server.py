"""`reviewer check` against the real LanguageTool server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reviewer.checker import CheckOptions, check_documents
from reviewer.codec import plain
from reviewer.lt import custom
from reviewer.lt.engine import Engine
from reviewer.text.document import parse_document
from tests.conftest import SEED

RunCli = Any


def lt_findings(out: str) -> list[dict[str, Any]]:
    data = json.loads(out)
    assert data["schema_version"] == 1
    return [f for f in data["findings"] if f["source"] == "languagetool"]


def write(tmp_path: Path, text: str, name: str = "doc.txt") -> str:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return str(p)


def test_known_errors_with_spans_and_replacements(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "Thank you.\n\nHe go to school. It is a opportunity.\n")
    code, out, _ = run_cli("check", path, "--format", "json")
    got = [(f["rule_id"], f["text"], f["line"], f["column"], f["replacements"][:2])
           for f in lt_findings(out)]
    assert got == [
        ("HE_VERB_AGR", "go", 3, 4, ["goes", "went"]),
        ("EN_A_VS_AN", "a", 3, 24, ["an"]),
    ]
    assert code == 1


def test_text_output_as_compilers_print_it(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "He go to school.\n")
    code, out, _ = run_cli("check", path)
    first, summary = out.splitlines()
    assert first.startswith(f"{path}:1:4: major HE_VERB_AGR ")
    assert first.endswith("→ goes, went")
    assert "\033[" not in out  # not a terminal: no colour
    assert summary == "1 finding in 1 document (1 major)"
    assert code == 1


def test_clean_text_gives_nothing_and_exit_0(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "The committee approved the budget on Monday.\n")
    code, out, _ = run_cli("check", path, "--format", "json")
    assert lt_findings(out) == []
    assert code == 0


def test_empty_file_gives_no_findings(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, _ = run_cli("check", write(tmp_path, ""))
    assert (code, out) == (0, "0 findings in 1 document\n")


def test_fail_on_gates_by_severity(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "Prices rose from 10 up to 30 dollars.\n")  # TQA_FROM_UP_TO: info
    assert run_cli("check", path)[0] == 0
    assert run_cli("check", path, "--fail-on", "info")[0] == 1
    assert run_cli("check", write(tmp_path, "He go.\n", "b.txt"), "--fail-on", "never")[0] == 0


def test_astral_characters_in_a_real_check(run_cli: RunCli, tmp_path: Path) -> None:
    text = "🦄 Title\n\nI 😀 think he go to school. It was a 𝒜wesome 🦄 event, thatt works.\n"
    _, out, _ = run_cli("check", write(tmp_path, text), "--format", "json")
    got = [(f["text"], text[f["start"] : f["end"]], f["line"], f["column"])
           for f in lt_findings(out)]
    assert got == [("go", "go", 3, 14), ("𝒜wesome", "𝒜wesome", 3, 37), ("thatt", "thatt", 3, 54)]


def test_crlf_and_bom_keep_positions(run_cli: RunCli, tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nHe go to school.\r\n")
    _, out, _ = run_cli("check", str(p), "--format", "json")
    (f,) = lt_findings(out)
    assert (f["line"], f["column"], f["text"]) == (3, 4, "go")


def test_mother_tongue_ru_with_picky_adds_false_friends(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "The accord was signed. We abort the operation.\n")
    plain = {f["rule_id"] for f in lt_findings(run_cli("check", path, "-f", "json")[1])}
    ru = lt_findings(run_cli("check", path, "-f", "json", "--mother-tongue", "ru", "--picky")[1])
    assert {f["category"] for f in ru} >= {"FALSE_FRIENDS"}
    assert "FALSE_FRIENDS" not in {f["category"] for f in lt_findings(
        run_cli("check", path, "-f", "json")[1])}
    assert plain != {f["rule_id"] for f in ru}


def test_picky_changes_results(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, 'He said: "hello".\n')
    default = lt_findings(run_cli("check", path, "-f", "json")[1])
    picky = lt_findings(run_cli("check", path, "-f", "json", "--picky")[1])
    assert default == []
    assert [f["rule_id"] for f in picky] == ["EN_QUOTES"]


def test_disable_rule_and_category(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "He go to school. It is a opportunity.\n")
    out = run_cli("check", path, "-f", "json", "--disable", "HE_VERB_AGR")[1]
    assert [f["rule_id"] for f in lt_findings(out)] == ["EN_A_VS_AN"]
    out = run_cli("check", path, "-f", "json", "--disable-category", "GRAMMAR")[1]
    assert "HE_VERB_AGR" not in [f["rule_id"] for f in lt_findings(out)]


def test_en_gb_accepts_british_spelling(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "The Ministry of Defence supports labour migration.\n")
    # LanguageTool's own spellers (our mixed-spelling rule would stand in for them)
    us = lt_findings(run_cli("check", path, "-f", "json", "--disable", "TQA_MIXED_SPELLING",
                             "--language", "en-US")[1])
    gb = lt_findings(run_cli("check", path, "-f", "json", "--language", "en-GB")[1])
    assert {f["text"] for f in us} == {"Defence", "labour"}
    assert gb == []


def test_british_words_in_an_american_document_are_inconsistencies_each_with_its_twin(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = write(tmp_path, "The Ministry of Defence supports labour migration in the neighboring "
                           "countries and their color guards.\n")
    found = json.loads(run_cli("check", path, "-f", "json", "--language", "en-US")[1])["findings"]
    assert [(f["rule_id"], f["text"], f["replacements"]) for f in found] == [
        ("TQA_MIXED_SPELLING", "Defence", ["Defense"]),
        ("TQA_MIXED_SPELLING", "labour", ["labor"])]
    assert all("Defence, labour" in f["message"] for f in found)
    # --language en: the document's majority (American here) decides, LanguageTool included
    data = json.loads(run_cli("check", path, "-f", "json", "--language", "en")[1])
    assert [f["rule_id"] for f in data["findings"]] == ["TQA_MIXED_SPELLING"] * 2


def test_unknown_language_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = run_cli("check", write(tmp_path, "x\n"), "--language", "xx-YY")
    assert code == 2
    assert err.startswith("reviewer: ") and len(err.strip().splitlines()) == 1


def test_seed_findings(run_cli: RunCli) -> None:
    _, out, _ = run_cli("check", str(SEED), "-f", "json", "--language", "en-US")
    # LanguageTool's own rules; our pattern rules (category TRANSLATIONESE) run in it too
    got = {(f["rule_id"], f["text"], f["line"]) for f in lt_findings(out)
           if f["category"] != custom.CATEGORY}
    assert ("EN_A_VS_AN", "a", 9) in got
    assert ("AUXILIARY_DO_WITH_INCORRECT_VERB_FORM", "manufacturing", 40) in got
    # 12 of LanguageTool's (FIRST_OF_ALL is off by default), less its spelling mistakes on
    # Defence and labour: British words in an American document are TQA_MIXED_SPELLING;
    # and less its comma after `Also` opening a sentence, which TQA_ALSO_FIRST reorders
    assert len(got) == 9
    # LanguageTool's own answer has 19: the five COMMA_PARENTHESIS_WHITESPACE
    # around « » and COMMA_PERIOD_CONFUSION on 3,5 give way to our rule pack,
    # which reports the same problems once (docs/rules.md).
    data = json.loads(out)
    ours = {(f["rule_id"], f["text"], f["line"]) for f in data["findings"]
            if f["source"] == "reviewer"}
    assert ("TQA_DECIMAL_COMMA", "3,5", 42) in ours
    assert ("TQA_MIXED_SPELLING", "Defence", 3) in ours


def test_parallel_and_sequential_agree_and_ids_are_stable(lt_url: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = parse_document("seed.txt", text.encode())
    with Engine(lt_url) as engine:
        one = check_documents([doc], engine, CheckOptions(jobs=1, block_chars=500))
        two = check_documents([doc], engine, CheckOptions(jobs=2, block_chars=500))
        moved = parse_document("seed.txt", ("New first paragraph.\n\n" + text).encode())
        three = check_documents([moved], engine, CheckOptions(jobs=2, block_chars=500))
    lt = [f for f in one.findings if f.source == "languagetool"]
    assert [plain(f) for f in lt] == [
        plain(f) for f in two.findings if f.source == "languagetool"]
    assert {f.id for f in lt} <= {f.id for f in three.findings}
    assert len({f.id for f in lt}) == len(lt)


def test_several_files_share_one_run(run_cli: RunCli, tmp_path: Path) -> None:
    a = write(tmp_path, "He go home.\n", "a.txt")
    b = write(tmp_path, "It is a opportunity.\n", "b.txt")
    _, out, _ = run_cli("check", a, b, "-f", "json")
    assert [(f["path"], f["rule_id"]) for f in lt_findings(out)] == [
        (a, "HE_VERB_AGR"), (b, "EN_A_VS_AN")]


@pytest.mark.parametrize(
    ("content", "cause"),
    [(b"\x00\x01binary", "binary file"), (b"caf\xe9\n", "invalid UTF-8")],
)
def test_bad_input_one_line_exit_2(
    run_cli: RunCli, tmp_path: Path, content: bytes, cause: str
) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    code, out, err = run_cli("check", str(p))
    assert code == 2 and out == ""
    assert err == f"reviewer: {p}: {cause}" + err.split(cause, 1)[1]
    assert len(err.strip().splitlines()) == 1


def test_missing_file_and_directory_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = run_cli("check", str(tmp_path / "missing.txt"), str(tmp_path))
    assert code == 2
    assert err.splitlines() == [
        f"reviewer: {tmp_path / 'missing.txt'}: no such file",
        # folders are searched for documents (reviewer.paths); this one holds none
        f"reviewer: {tmp_path}: no files to check in this folder (include: *.txt, *.md, "
        "*.html, *.xlf, *.xliff, *.po)",
    ]


def test_by_default_each_document_is_checked_in_the_variant_it_mostly_uses(
    run_cli: RunCli, tmp_path: Path
) -> None:
    british = write(tmp_path, "The colour of the centre is the programme's favourite.\n")
    assert lt_findings(run_cli("check", british, "-f", "json")[1]) == []
    data = json.loads(run_cli("check", british, "-f", "json", "--language", "en-US")[1])
    assert [(f["rule_id"], f["text"]) for f in data["findings"]] == [
        ("TQA_MIXED_SPELLING", w) for w in ("colour", "centre", "programme", "favourite")]
    # the seed: Defence and labour against neighboring, so en-GB, and the American word is
    # the inconsistency
    data = json.loads(run_cli("check", str(SEED), "-f", "json")[1])
    mixed = [f for f in data["findings"] if f["rule_id"] == "TQA_MIXED_SPELLING"]
    assert [(f["text"], f["replacements"]) for f in mixed] == [("neighboring", ["neighbouring"])]
    assert not any(f["rule_id"].startswith("MORFOLOGIK_RULE_EN_US") for f in data["findings"])


def test_a_british_text_that_spells_ise_is_not_asked_for_ize_nor_told_of_doubled_words(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = ("The committee organised an on on-site inspection of the centre. "
            "It realised that the programme had been organised by the council.\n")
    for language in ("en", "en-GB"):
        data = json.loads(run_cli("check", write(tmp_path, text), "-f", "json", "--all",
                                  "--language", language)[1])
        assert [(f["rule_id"], f["text"]) for f in data["findings"]] == [], language
    oxford = "We realized the plan and finalized the budget; we organised the visit.\n"
    data = json.loads(run_cli("check", write(tmp_path, oxford), "-f", "json", "--all",
                              "--language", "en-GB")[1])
    assert [f["text"] for f in data["findings"]
            if f["rule_id"] == "OXFORD_SPELLING_Z_NOT_S"] == ["organised"]
