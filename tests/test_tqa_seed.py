"""The rule pack end to end: `reviewer check` on the seed with the real LanguageTool server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import SEED

RunCli = Any

# What `reviewer check` reports on the seed (en-US): (source, rule, line, column, text, first
# replacement). The pack's findings, at their exact places, and LanguageTool's, with our
# pattern rules (TQA_* from languagetool, reviewer/lt/rules/) that are on by default.
# The seed mostly writes British forms (Defence, labour against neighboring): the default
# (`en`, the document's variant) would check it as en-GB. These tests pin en-US.
US = ("--language", "en-US")
SEED_FINDINGS = [
    # Defence and labour: British words in an American document, each an inconsistency
    ('reviewer', 'TQA_MIXED_SPELLING', 3, 87, 'Defence', 'Defense'),
    ('reviewer', 'TQA_FOREIGN_QUOTES', 3, 154, '« ', '"'),
    ('reviewer', 'TQA_FOREIGN_QUOTES', 3, 229, ' »', '"'),
    ('reviewer', 'TQA_MISSING_SPACE', 3, 237, '7March', '7 March'),
    ('reviewer', 'TQA_EXCLAMATION_AFTER_ADDRESS', 5, 17, '!', ','),
    ('reviewer', 'TQA_EXCLAMATION_AFTER_ADDRESS', 5, 39, '!', ','),
    ('languagetool', 'TQA_LET_TO', 7, 19, 'to', 'me'),
    ('languagetool', 'TQA_MISSING_THE_OF', 7, 58, 'convocation', 'the convocation'),
    ('reviewer', 'TQA_ARTICLE', 7, 73, 'a', 'the'),
    ('languagetool', 'TQA_SO_ADJ_NOUN', 7, 94, 'so vital topic', 'such a vital topic'),
    ('languagetool', 'EN_A_VS_AN', 9, 7, 'a', 'an'),
    ('languagetool', 'TQA_ADVERB_BEFORE_OBJECT', 9, 37, 'express also', 'also express'),
    ('reviewer', 'TQA_ARTICLE', 9, 170, 'support', 'the support'),
    ('languagetool', 'TQA_IN_MY_OPINION', 9, 200, 'by our opinion', 'in our opinion'),
    ('languagetool', 'TQA_COLLOCATION_CALQUE', 9, 221, 'bring in', 'make'),
    ('languagetool', 'TQA_GERUND_OF', 9, 259, 'strengthening of', 'the strengthening of'),
    ('reviewer', 'TQA_ARTICLE', 9, 310, 'development', 'the development'),
    ('languagetool', 'TQA_MISSING_THE_OF', 9, 347, 'struggle', 'the struggle'),
    ('reviewer', 'TQA_EXCLAMATION_AFTER_ADDRESS', 11, 33, '!', ','),
    ('reviewer', 'TQA_ARTICLE', 13, 1, 'Last', 'The last'),
    ('languagetool', 'TQA_PREPOSITION_CALQUE', 13, 33, 'of', 'to'),
    ('languagetool', 'TQA_GERUND_OF', 13, 36, 'rising of', 'the rising of'),
    ('languagetool', 'TQA_WORD_CALQUE', 13, 61, 'an international', 'international'),
    ('languagetool', 'TQA_WORD_CALQUE', 13, 88, 'safety', 'security'),
    ('languagetool', 'TQA_GERUND_OF', 15, 16, 'rising of', 'the rising of'),
    ('languagetool', 'TQA_MISSING_THE_OF', 15, 59, 'region', 'the region'),
    ('languagetool', 'TQA_THE_WITH_NAME', 15, 69, 'the Central Asia', 'Central Asia'),
    ('reviewer', 'TQA_ARTICLE', 15, 145, 'modern', 'the modern'),
    ('languagetool', 'TQA_PREPOSITION_CALQUE', 15, 201, 'on a junction', 'at the junction'),
    ('reviewer', 'TQA_ARTICLE', 15, 204, 'a', 'the'),
    ('reviewer', 'TQA_MISMATCHED_QUOTES', 15, 289, '" ', '"'),
    ('reviewer', 'TQA_MISMATCHED_QUOTES', 15, 309, ' »', '"'),
    ('reviewer', 'TQA_ARTICLE', 15, 360, 'amount', 'the amount'),
    ('reviewer', 'TQA_MIXED_SPELLING', 15, 383, 'labour', 'labor'),
    ('languagetool', 'TQA_WORD_CALQUE', 15, 491, 'traffic of drugs', 'trafficking in drugs'),
    ('languagetool', 'TQA_WORD_CALQUE', 15, 539, 'trade of people', 'trafficking in people'),
    ('languagetool', 'TQA_WORD_CALQUE', 17, 9, 'connection', 'regard'),
    ('languagetool', 'TQA_THE_WITH_NAME', 17, 108, 'the Central Asia', 'Central Asia'),
    ('languagetool', 'TQA_COMMA_BEFORE_THAT', 17, 139, ',', ''),
    ('languagetool', 'EN_COMPOUNDS_TRANS_BORDER', 17, 198, 'trans-border', 'transborder'),
    ('languagetool', 'TQA_COLLOCATION_CALQUE', 17, 241, 'apply', 'make'),
    ('reviewer', 'TQA_ARTICLE', 17, 276, 'available', 'the available'),
    ('languagetool', 'TQA_MISSING_THE_OF', 19, 4, 'opinion', 'the opinion'),
    ('reviewer', 'TQA_ARTICLE', 19, 57, 'coordination', 'the coordination'),
    ('reviewer', 'TQA_ARTICLE', 19, 73, 'United', 'the United'),
    ('languagetool', 'TQA_COMMA_BEFORE_THAT', 19, 172, ',', ''),
    ('languagetool', 'TQA_GERUND_OF', 19, 303, 'strengthening of', 'the strengthening of'),
    ('reviewer', 'TQA_ARTICLE', 21, 11, 'expansion', 'the expansion'),
    ('reviewer', 'TQA_ARTICLE', 21, 335, 'maintenance', 'the maintenance'),
    ('reviewer', 'TQA_EXCLAMATION_AFTER_ADDRESS', 23, 17, '!', ','),
    ('languagetool', 'MORFOLOGIK_RULE_EN_US', 25, 41, 'antihuman', None),
    ('languagetool', 'TQA_WORD_CALQUE', 25, 152, 'peace population', 'civilian population'),
    ('languagetool', 'TQA_COMMA_BEFORE_THAT', 27, 12, ',', ''),
    ('reviewer', 'TQA_FROM_UP_TO', 27, 43, 'from 10 up to 30', 'from 10 to 30'),
    ('languagetool', 'TQA_WORD_CALQUE', 27, 86, 'invalids', 'disabled'),
    ('reviewer', 'TQA_ARTICLE', 27, 339, 'the', 'an'),
    ('languagetool', 'TQA_WORD_CALQUE', 27, 444, 'of planetary scale', 'on a global scale'),
    ('reviewer', 'TQA_FROM_UP_TO', 29, 58, 'from 3 up to 40', 'from 3 to 40'),
    ('reviewer', 'TQA_FROM_UP_TO', 29, 240, 'from 300 up to 1000', 'from 300 to 1000'),
    ('languagetool', 'TQA_GERUND_OF', 31, 29, 'joining of', 'the joining of'),
    ('reviewer', 'TQA_FOREIGN_QUOTES', 31, 54, '«', '"'),
    ('languagetool', 'TQA_MISSING_THE_OF', 31, 76, 'prohibition', 'the prohibition'),
    ('reviewer', 'TQA_FOREIGN_QUOTES', 31, 193, ' »', '"'),
    ('languagetool', 'TQA_WORD_CALQUE', 31, 197, 'for today', 'as of today'),
    ('languagetool', 'TQA_COLLOCATION_CALQUE', 31, 235, 'make', 'take'),
    ('languagetool', 'TQA_A_LOT_OF_THE', 33, 11, 'a lot of the', 'a lot of'),
    ('reviewer', 'TQA_ARTICLE', 35, 21, 'the', 'a'),
    ('reviewer', 'TQA_ARTICLE', 35, 39, 'border', 'the border'),
    ('languagetool', 'TQA_MISSING_THE_OF', 35, 145, 'use', 'the use'),
    ('reviewer', 'TQA_ARTICLE', 35, 175, 'frontier', 'the frontier'),
    ('reviewer', 'TQA_ARTICLE', 36, 85, 'absence', 'the absence'),
    ('reviewer', 'TQA_ARTICLE', 36, 96, 'Armed', 'the Armed'),
    ('languagetool', 'TQA_GERUND_OF', 36, 187, 'defending of', 'the defending of'),
    ('languagetool', 'TQA_DOCUMENT_FROM_DATE', 38, 75, 'from', 'of'),
    ('reviewer', 'TQA_DATE_ORDER', 38, 80, '6 of August 1997', 'August 6, 1997,'),
    ('reviewer', 'TQA_NUMBER_SIGN', 38, 97, '№', 'No.'),
    ('reviewer', 'TQA_FOREIGN_QUOTES', 38, 104, '« ', '"'),
    ('languagetool', 'TQA_MISSING_THE_OF', 38, 112, 'prohibition', 'the prohibition'),
    ('reviewer', 'TQA_FOREIGN_QUOTES', 38, 163, ' »', '"'),
    ('languagetool', 'TQA_MISSING_THE_OF', 38, 217, 'export', 'the export'),
    ('languagetool', 'TQA_COMMA_BEFORE_THAT', 40, 37, ',', ''),
    ('languagetool', 'TQA_NO_ARTICLE', 40, 59, 'no the', 'no'),
    ('languagetool', 'EN_COMPOUNDS_MINE_FIELDS', 40, 66, 'mine fields', 'minefields'),
    ('languagetool', 'AUXILIARY_DO_WITH_INCORRECT_VERB_FORM', 40, 148, 'manufacturing',
     'manufacture'),
    ('languagetool', 'A_NNS', 40, 162, 'a antipersonnel mines', 'a antipersonnel mine'),
    ('reviewer', 'TQA_GOVERNED_PREPOSITION', 40, 223, 'on', 'for'),  # requirements on
    ('languagetool', 'TQA_COMMA_BEFORE_THAT', 40, 277, ',', ''),
    ('reviewer', 'TQA_ARTICLE', 40, 287, 'operational', 'the operational'),
    ('languagetool', 'TQA_MISSING_THE_OF', 40, 333, 'interests', 'the interests'),
    ('reviewer', 'TQA_ARTICLE', 40, 422, 'a', 'the'),
    ('languagetool', 'TQA_WORD_CALQUE', 42, 163, 'civil population', 'civilian population'),
    ('reviewer', 'TQA_DATE_ORDER', 42, 206, '19 of August 2003', 'August 19, 2003,'),
    ('languagetool', 'TQA_MISSING_THE_OF', 42, 227, 'territory', 'the territory'),
    ('languagetool', 'TQA_MISSING_THE_OF', 42, 248, 'structure', 'the structure'),
    ('reviewer', 'TQA_SINCE_WITH_PRESENT', 42, 278, 'operates', None),
    ('languagetool', 'MORFOLOGIK_RULE_EN_US', 42, 316, 'Kazbat', 'Kazan'),
    ('languagetool', 'COMMA_AFTER_A_MONTH', 42, 364, 'August, 2003', 'August 2003'),
    ('languagetool', 'TQA_PRESENT_TIME', 42, 378, 'until present time', 'until now'),
    ('reviewer', 'TQA_ARTICLE', 42, 384, 'present', 'the present'),
    ('reviewer', 'TQA_DECIMAL_COMMA', 42, 423, '3,5', '3.5'),
    ('reviewer', 'TQA_ARTICLE', 44, 4, 'conclusion', 'the conclusion'),
    ('languagetool', 'TQA_COMMA_BEFORE_THAT', 44, 71, ',', ''),
    ('languagetool', 'TQA_IN_FURTHER', 44, 89, 'in further', 'in the future'),
    ('languagetool', 'TQA_ADVERB_BEFORE_OBJECT', 44, 105, 'support completely',
     'completely support'),
    ('reviewer', 'TQA_ALSO_FIRST', 46, 1, 'Also I would', 'I would also'),
    ('languagetool', 'TQA_COLLOCATION_CALQUE', 46, 30, 'assurance', 'confidence'),
    ('languagetool', 'TQA_MISSING_THE_OF', 46, 81, 'struggle', 'the struggle'),
    ('languagetool', 'POSSESSIVE_APOSTROPHE', 46, 140, 'mines', "mines'"),
    ('languagetool', 'TQA_THANK_YOU_FOR_ATTENTION', 48, 15, 'attention', 'your attention'),
]


def findings(out: str) -> list[dict[str, Any]]:
    return list(json.loads(out)["findings"])


def summary(out: str) -> list[tuple[Any, ...]]:
    return [(f["source"], f["rule_id"], f["line"], f["column"], f["text"],
             (f["replacements"] or [None])[0]) for f in findings(out)]


def check_seed(run_cli: RunCli, *options: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, err = run_cli("check", str(SEED), "--format", "json", "--no-config",
                             *US, *options)
    assert code != 2, err
    return code, findings(out)


def test_the_seed_with_languagetool_and_the_pack(run_cli: RunCli) -> None:
    code, out, _ = run_cli("check", str(SEED), "--format", "json", "--no-config", *US)
    assert summary(out) == SEED_FINDINGS
    assert code == 1  # major findings
    ours = [f for f in findings(out) if f["source"] == "reviewer"]
    assert all(f["id"] and f["message"] and f["sentence"] for f in ours)
    text = SEED.read_text(encoding="utf-8")
    assert all(text[f["start"] : f["end"]] == f["text"] for f in ours)
    # Ours replace LanguageTool's on the same problem (docs/rules.md):
    ids = {f["rule_id"] for f in findings(out)}
    assert not ids & {"COMMA_PARENTHESIS_WHITESPACE", "COMMA_PERIOD_CONFUSION"}


def test_british_date_order_and_curly_quotes_on_request(run_cli: RunCli) -> None:
    _, found = check_seed(run_cli, "--language", "en-GB",
                          "--rule-option", "TQA_FOREIGN_QUOTES.style=curly")
    got = {(f["rule_id"], f["line"], f["column"], f["replacements"][0]) for f in found
           if f["rule_id"] in ("TQA_DATE_ORDER", "TQA_FOREIGN_QUOTES") and f["line"] == 38}
    assert got == {
        ("TQA_DATE_ORDER", 38, 80, "6 August 1997"),
        ("TQA_FOREIGN_QUOTES", 38, 104, "“"),
        ("TQA_FOREIGN_QUOTES", 38, 163, "”"),
    }


def test_disabling_our_rule_brings_back_languagetools(run_cli: RunCli) -> None:
    code, out, err = run_cli("check", str(SEED), "--format", "json", "--no-config",
                             "--disable", "TQA_FOREIGN_QUOTES,TQA_DECIMAL_COMMA,EN_A_VS_AN")
    assert code != 2, err
    assert json.loads(out)["settings"]["disabled_rules"] == ["EN_A_VS_AN"]  # ours are not sent
    found = findings(out)
    ids = [f["rule_id"] for f in found]
    assert "EN_A_VS_AN" not in ids
    assert "TQA_FOREIGN_QUOTES" not in ids and "TQA_DECIMAL_COMMA" not in ids
    assert ids.count("COMMA_PARENTHESIS_WHITESPACE") == 4  # the spaces inside « »
    assert ids.count("COMMA_PERIOD_CONFUSION") == 1
    assert "TQA_MISMATCHED_QUOTES" in ids  # other pack rules still run


def test_severity_overrides_from_the_configuration(
    run_cli: RunCli, tmp_path: Path, monkeypatch: Any
) -> None:
    (tmp_path / "reviewer.toml").write_text(
        '[severity.rules]\nTQA_NUMBER_SIGN = "critical"\n\n'
        '[severity.categories]\nLOCALE = "info"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", str(SEED), "--format", "json", "--fail-on", "critical",
                           *US)
    severity = {f["rule_id"]: f["severity"] for f in findings(out)}
    assert severity["TQA_NUMBER_SIGN"] == "critical"
    assert severity["TQA_DATE_ORDER"] == "info"
    assert severity["TQA_DECIMAL_COMMA"] == "major"
    assert code == 1


def test_an_unknown_pack_rule_is_a_usage_error(run_cli: RunCli) -> None:
    code, out, err = run_cli("check", str(SEED), "--no-config", "--enable", "TQA_NO_SUCH_RULE")
    assert (code, out) == (2, "")
    assert err.strip() == "reviewer: unknown rule TQA_NO_SUCH_RULE (see docs/rules.md)"
    code, _, err = run_cli("check", str(SEED), "--no-config",
                           "--rule-option", "TQA_DATE_ORDER.order=backwards")
    assert code == 2
    assert "expected one of auto, day-month, month-day" in err


OVERLAPS_TEXT = (
    "He said the the answer is here .\n\n"
    "This is  a test,and more.Next one is ( here ) and [there.\n\n"
    "We paid 3,5 million in Kаzakhstan.\n\n"
    "He said \"hello and left. She said „hello“ and « bye ».\n"
)
SHARED = {"COMMA_PARENTHESIS_WHITESPACE", "CONSECUTIVE_SPACES", "ENGLISH_WORD_REPEAT_RULE",
          "SENTENCE_WHITESPACE", "EN_UNPAIRED_BRACKETS", "EN_UNPAIRED_QUOTES",
          "COMMA_PERIOD_CONFUSION", "GERMAN_QUOTES", "MORFOLOGIK_RULE_EN_US"}


def test_one_finding_per_problem_shared_with_languagetool(run_cli: RunCli, tmp_path: Path) -> None:
    from reviewer.rules import RULES

    path = tmp_path / "shared.txt"
    path.write_text(OVERLAPS_TEXT, encoding="utf-8")
    _, out, _ = run_cli("check", str(path), "--format", "json", "--no-config",
                        "--disable", ",".join(RULES))
    assert {f["rule_id"] for f in findings(out)} >= SHARED  # LanguageTool alone sees them all
    # --enable keeps TQA_UNBALANCED_QUOTES on whatever the default configuration says.
    _, out, _ = run_cli("check", str(path), "--format", "json", "--no-config",
                        "--enable", "TQA_UNBALANCED_QUOTES")
    both = findings(out)
    assert "TQA_UNBALANCED_QUOTES" in {f["rule_id"] for f in both}
    assert not {f["rule_id"] for f in both} & SHARED
    for ours in (f for f in both if f["source"] == "reviewer"):
        for theirs in (f for f in both if f["rule_id"] in RULES[ours["rule_id"]].overlaps):
            assert theirs["end"] < ours["start"] or ours["end"] < theirs["start"], (ours, theirs)
