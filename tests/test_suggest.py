"""Building suggestions from findings (reviewer.review.suggest)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from reviewer.codec import convert
from reviewer.review.diffs import Op
from reviewer.review.suggest import MANUAL_NOTE, Decision, Status, build_suggestion
from reviewer.rules.safety import Safety
from reviewer.text.sentences import sentence_bounds
from testkit.review_factory import finding

TEXT = "Intro line.\n\nFirst sentence here. Using a opportunity I would. Last one!\n"


def test_sentence_is_cut_at_sentence_ends_within_the_paragraph() -> None:
    start = TEXT.index(" a ") + 1
    s, e = sentence_bounds(TEXT, start, start + 1)
    assert TEXT[s:e] == "Using a opportunity I would."


def test_languagetool_sentence_is_used_when_found_around_the_span() -> None:
    start = TEXT.index(" a ") + 1
    hint = "First sentence here. Using a opportunity I would. "
    s, e = sentence_bounds(TEXT, start, start + 1, hint)
    assert TEXT[s:e] == hint.strip()


def test_very_long_sentence_is_narrowed_to_a_window_at_word_ends() -> None:
    text = " ".join(f"w{i}" for i in range(400)) + "."
    start = text.index(" w200 ") + 1
    s, e = sentence_bounds(text, start, start + 4)
    assert 300 < e - s <= 410
    assert text[s - 1] == " " and text[e] == " " and s < start < e


def test_suggestion_with_replacements_has_a_diff_per_alternative() -> None:
    start = TEXT.index(" a ") + 1
    s = build_suggestion(finding(TEXT, start, start + 1, "EN_A_VS_AN", ("an", "the", "an")),
                         TEXT)
    assert TEXT[s.sentence_start : s.sentence_end] == "Using a opportunity I would."
    assert [a.text for a in s.alternatives] == ["an", "the"]  # each replacement once
    assert s.diff("an", TEXT) == ((Op.EQUAL, "Using a"), (Op.INSERT, "n"),
                                  (Op.EQUAL, " opportunity I would."))
    assert s.safety is Safety.SAFE  # a/an
    assert s.note == "" and s.status is Status.PENDING


def test_the_sentence_is_derived_from_the_text_reviewed_never_from_another() -> None:
    start = TEXT.index(" a ") + 1
    s = build_suggestion(finding(TEXT, start, start + 1, "EN_A_VS_AN", ("an",)), TEXT)
    assert s.context(TEXT) == ("Using ", " opportunity I would.")
    edited = TEXT.replace("Intro", "Preface")  # the span moved: no sentence to show
    assert s.context(edited) is None and s.context(None) is None
    assert s.diff("an", edited) == ((Op.EQUAL, "a"), (Op.INSERT, "n"))


def test_a_suggestion_keeps_no_copy_of_its_sentence_or_context() -> None:
    start = TEXT.index(" a ") + 1
    f = replace(finding(TEXT, start, start + 1, "EN_A_VS_AN", ("an",)),
                context=TEXT[start - 10 : start + 10], sentence="Using a opportunity I would.")
    s = build_suggestion(f, TEXT)
    assert s.finding.context == "" and s.finding.sentence == ""
    assert (s.sentence_start, s.sentence_end) == (TEXT.index("Using"), TEXT.index(" Last"))


def test_suggestion_without_replacements_asks_for_a_manual_edit() -> None:
    start = TEXT.index("First")
    s = build_suggestion(finding(TEXT, start, start + 5, "RULE", ()), TEXT)
    assert s.manual and s.alternatives == () and s.note == MANUAL_NOTE
    assert s.safety is Safety.MANUAL


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"status": "accepted"}, "missing required field `id`"),
        ({"id": "", "status": "accepted"}, "without an 'id'"),
        ({"id": "x", "status": "maybe"}, "Invalid enum value 'maybe' - at `$.status`"),
        ({"id": "x", "status": "obsolete"}, "not a decision"),
        ({"id": "x", "status": "accepted", "choice": -1}, "non-negative integer"),
        ({"id": "x", "status": "accepted", "choice": True}, "got `bool` - at `$.choice`"),
        ({"id": "x", "status": "edited"}, "needs 'edited_text'"),
        ({"id": "x", "status": "rejected", "by": 3}, "Expected `str`, got `int` - at `$.by`"),
    ],
)
def test_bad_decision_records_are_refused_with_the_field(record: dict[str, object],
                                                         problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        decision = convert(record, Decision)
        if decision.problem():
            raise ValueError(decision.problem())
