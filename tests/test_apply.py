"""Applying accepted suggestions: exactly their spans, never on other text."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.cli import main
from reviewer.review import apply as applying
from reviewer.review.apply import apply, conflicting
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.suggest import Status, Suggestion
from testkit.review_factory import suggestions

TEXT = st.text(alphabet="ab c.\n«é𝔘", min_size=1, max_size=200)


def accepted(s: Suggestion, choice: int = 0) -> Suggestion:
    return replace(s, status=Status.ACCEPTED, choice=choice)


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A text and non-overlapping, non-empty spans of it with their replacements."""
    text = draw(TEXT)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12, unique=True)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    reps = draw(st.lists(st.text(alphabet="xyz -", max_size=5), min_size=len(spans),
                         max_size=len(spans)))
    return text, [(a, b, r) for (a, b), r in zip(spans, reps, strict=True)]


@settings(max_examples=200)
@given(text_and_edits())
def test_apply_changes_exactly_the_accepted_spans(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    text, edits = case
    sugg = suggestions(text, [(a, b, (r,)) for a, b, r in edits])
    outcome = apply(text, [accepted(s) for s in sugg])
    expected, pos = [], 0
    for a, b, r in edits:
        expected += [text[pos:a], r]
        pos = b
    assert outcome.text == "".join(expected) + text[pos:]
    assert len(outcome.applied) == len(edits) and outcome.complete


MARGIN = "MARGIN ONE. " * 5  # longer than the fingerprint's reach, made of other letters


@given(text_and_edits(), st.text(alphabet="ab c.", max_size=30),
       st.text(alphabet="ab c.", max_size=30), st.integers(0, len(MARGIN) - 48))
def test_text_added_or_removed_far_away_moves_nothing_onto_other_text(
    case: tuple[str, list[tuple[int, int, str]]], before: str, after: str, cut: int
) -> None:
    text, edits = case
    doc = MARGIN + text + MARGIN
    n = len(MARGIN)
    sugg = [accepted(s) for s in suggestions(doc, [(a + n, b + n, (r,)) for a, b, r in edits])]
    edited_doc = before + MARGIN[cut:] + text + MARGIN + after
    outcome = apply(edited_doc, sugg)
    corrected_text = apply(doc, sugg).text[n:-n]  # exact, by the test above
    assert outcome.text == before + MARGIN[cut:] + corrected_text + MARGIN + after
    assert outcome.complete


def test_he_go_accepted_never_applies_to_he_went() -> None:
    original = "He go to school every day. She likes it."
    (s,) = suggestions(original, [(3, 5, ("goes", "went"))], rule="HE_VERB_AGR")
    edited_since = "He went to school every day. She likes it."
    outcome = apply(edited_since, [accepted(s, choice=1)])
    assert outcome.text == edited_since
    assert outcome.stale == (accepted(s, choice=1),) and not outcome.applied


def test_same_word_in_a_different_sentence_is_stale_not_applied() -> None:
    original = "He go to school. We go home."
    (s,) = suggestions(original, [(3, 5, ("goes",))])
    outcome = apply("He will go to school. We go home.", [accepted(s)])
    assert outcome.text == "He will go to school. We go home." and outcome.stale


def test_text_found_again_where_it_moved() -> None:
    original = "x" * 80 + " He go to school every day."
    (s,) = suggestions(original, [(84, 86, ("goes",))])
    moved = "Intro.\n" + original
    expected = "Intro.\n" + "x" * 80 + " He goes to school every day."
    assert apply(moved, [accepted(s)]).text == expected


def test_overlapping_accepted_suggestions_conflict_and_neither_applies() -> None:
    text = "Using a opportunity today."
    a, b = suggestions(text, [(6, 7, ("an",)), (6, 19, ("an opportunity",))])
    outcome = apply(text, [accepted(a), accepted(b)])
    assert outcome.text == text
    assert {s.id for s in outcome.conflicts} == {a.id, b.id} and not outcome.applied


SPANS = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 4)).map(
    lambda p: (p[0], p[0] + p[1])), max_size=12).map(sorted)


@settings(max_examples=300)
@given(SPANS)
def test_the_sweep_finds_the_spans_that_overlap_any_other(spans: list[tuple[int, int]]) -> None:
    every_pair = {i for i, a in enumerate(spans) for j, b in enumerate(spans)
                  if i != j and applying._overlap(min(a, b), max(a, b))}
    assert conflicting(spans) == every_pair


def test_ten_thousand_edits_of_one_span_are_compared_with_their_neighbours_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 20: every pair was compared (10,000 on one span: 21 s); one sweep now."""
    text = "He go home."
    one = suggestions(text, [(3, 5, ("goes",))])[0]
    many = [accepted(replace(one, finding=replace(one.finding, id=f"{one.id}-{n}")))
            for n in range(2, 10_002)]
    compared = 0
    real = applying._overlap

    def counted(a: tuple[int, int], b: tuple[int, int]) -> bool:
        nonlocal compared
        compared += 1
        return real(a, b)

    monkeypatch.setattr(applying, "_overlap", counted)
    outcome = apply(text, many)
    assert outcome.text == text and len(outcome.conflicts) == 10_000
    assert compared <= 2 * len(many)


def test_edited_text_and_choices_are_applied_pending_and_rejected_are_not() -> None:
    text = "one two three four"
    s1, s2, s3, s4 = suggestions(text, [(0, 3, ("1", "uno")), (4, 7, ("2",)),
                                        (8, 13, ("3",)), (14, 18, ())])
    outcome = apply(text, [
        accepted(s1, choice=1),
        replace(s2, status=Status.REJECTED),
        s3,
        replace(s4, status=Status.EDITED, edited_text="FOUR"),
    ])
    assert outcome.text == "uno two three FOUR"


def test_apply_command_reports_conflicts_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Using a opportunity today.\n"
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    a, b, c = suggestions(text, [(6, 7, ("an",)), (6, 19, ("an occasion",)), (20, 25, ("now",))])
    sha = hashlib.sha256(text.encode()).hexdigest()
    review = ReviewFile(str(doc), sha, (accepted(a), accepted(b), accepted(c)))
    path = tmp_path / "doc.review.json"
    path.write_text(dumps(review), encoding="utf-8")

    code = main(["apply", str(path), "--no-recheck"])

    out = capsys.readouterr().out
    assert code == 1
    assert (tmp_path / "doc.corrected.txt").read_text(encoding="utf-8") == (
        "Using a opportunity now.\n")
    assert f"conflict  {a.id} RULE 'a'" in out and f"conflict  {b.id} RULE" in out
    assert "1 applied, 0 stale, 2 in conflict" in out
    assert doc.read_text(encoding="utf-8") == text


def test_an_apply_ends_with_a_line_only_when_not_written_or_not_rechecked() -> None:
    from reviewer.pipelines.correcting import ApplyResult, closing_line
    from reviewer.review.apply import ApplyOutcome
    from reviewer.review.recheck import Recheck

    done = ApplyResult(Path("out.txt"), "doc.txt", False, ApplyOutcome("text", (), (), ()), ())
    assert closing_line(done) == ""
    assert closing_line(replace(done, recheck_error="no server")) == (
        "reviewer: out.txt is written; the re-check did not run")
    held = replace(done, checked=Recheck((), ()), written=False)
    assert closing_line(held) == (
        "reviewer: out.txt not written: 0 fix(es) regressed (--allow-regressions writes anyway)")
