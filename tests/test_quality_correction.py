"""The quality harness's correction scores: top replacements applied, edits compared."""

from __future__ import annotations

import pytest

from bench.qualitybench.correction import corrected, score_corrections
from bench.qualitybench.datasets import parse_jfleg, parse_m2
from bench.qualitybench.metrics import Detection

M2 = """S He have a apple .
A 1 2|||SVA|||has|||REQUIRED|||-NONE-|||0
A 2 3|||ArtOrDet|||an|||REQUIRED|||-NONE-|||0
"""


def fix(start: int, end: int, replacement: str | None) -> Detection:
    return Detection("RULE", "GRAMMAR", "major", (), start, end, replacement)


def test_top_replacements_are_applied_left_to_right_skipping_overlaps() -> None:
    text = "He have a apple."
    assert corrected(text, [fix(8, 9, "an"), fix(3, 7, "has")]) == "He has an apple."
    assert corrected(text, [fix(3, 7, "has"), fix(5, 9, "X")]) == "He has a apple."
    assert corrected(text, [fix(3, 7, None)]) == text


def test_m2_keeps_gold_edits_per_annotator() -> None:
    (sentence,) = parse_m2(M2).sentences
    assert sentence.gold_edits == (frozenset({(1, 2, "has"), (2, 3, "an")}),)


def test_edit_level_counts_with_errant() -> None:
    pytest.importorskip("errant")
    from bench.qualitybench.correction import load

    annotator = load()
    if annotator is None:
        pytest.skip("the spaCy model package of the quality extra is not installed")
    sentences = parse_m2(M2).sentences
    counts = score_corrections(annotator, sentences, [[fix(8, 9, "an")]])
    assert counts is not None and (counts.tp, counts.fp, counts.fn) == (1, 0, 1)
    jfleg = parse_jfleg("He go home .\n", ["He goes home .\n", "He went home .\n"]).sentences
    counts = score_corrections(annotator, jfleg, [[fix(3, 5, "goes")]])
    assert counts is not None and (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
