"""Re-review merges: decisions follow their text, never onto other text (reviewer.review.merge)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.review.merge import merge
from reviewer.review.store import ReviewFile
from reviewer.review.suggest import Decision, Status, Suggestion
from tests.review_factory import suggestions

NOW = "2026-01-02T00:00:00Z"
MARGIN = "MARGIN ONE. " * 5  # longer than the fingerprint's reach, made of other letters
DECISIONS = st.sampled_from([
    (Status.PENDING, None, None),
    (Status.ACCEPTED, 0, None),
    (Status.ACCEPTED, 1, None),
    (Status.REJECTED, None, None),
    (Status.EDITED, None, "hand-made"),
])


def decided(sugg: tuple[Suggestion, ...], picks: list[tuple[Status, int | None, str | None]]
            ) -> ReviewFile:
    review = ReviewFile("doc.txt", "0" * 64, sugg)
    ds = [Decision(id=s.id, status=st_, choice=ch, edited_text=ed, by="ann",
                   at="2026-01-01T00:00:00Z")
          for s, (st_, ch, ed) in zip(sugg, picks, strict=False) if st_ is not Status.PENDING]
    return review.decide(ds, "decide")


@st.composite
def spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    words = draw(st.lists(st.sampled_from(["go", "a", "house", "«", "é", "𝔘"]),
                          min_size=1, max_size=12))
    text, out = "", []
    for w in words:
        out.append((len(text), len(text) + len(w)))
        text += w + " "
    return text, out


@settings(max_examples=100, deadline=None)
@given(spans(), st.data(), st.text(alphabet="ab c.\n", max_size=40),
       st.text(alphabet="ab c.\n", max_size=40), st.integers(0, len(MARGIN) - 48))
def test_decisions_survive_insertions_and_deletions_elsewhere(
    case: tuple[str, list[tuple[int, int]]], data: st.DataObject, before: str, after: str,
    cut: int,
) -> None:
    text, places = case
    doc = MARGIN + text + MARGIN
    n = len(MARGIN)
    old = suggestions(doc, [(a + n, b + n, ("X", "Y")) for a, b in places])
    review = decided(old, [data.draw(DECISIONS) for _ in old])
    edited = before + MARGIN[cut:] + text + MARGIN + after
    m = len(before) + n - cut
    new = suggestions(edited, [(a + m, b + m, ("X", "Y")) for a, b in places])

    merged, added = merge(review.suggestions, review.history, new, NOW)

    assert added == ()
    assert [s.decision() for s in merged] == [s.decision() for s in review.suggestions]
    assert [(s.finding.start, s.finding.end) for s in merged] == [
        (s.finding.start, s.finding.end) for s in new]


def test_changed_text_makes_the_old_suggestion_obsolete_and_the_new_one_pending() -> None:
    (old,) = suggestions("He go to school.", [(3, 5, ("goes", "went"))])
    review = decided((old,), [(Status.ACCEPTED, 1, None)])
    (new,) = suggestions("He gos to school.", [(3, 6, ("goes",))])

    merged, added = merge(review.suggestions, review.history, (new,), NOW)

    assert [(s.finding.text, s.status) for s in merged] == [
        ("gos", Status.PENDING), ("go", Status.OBSOLETE)]
    assert merged[1].choice == 1  # the obsolete one keeps what was decided
    assert [(h.action, h.comment) for h in added] == [("obsolete", "was accepted")]


def test_obsolete_suggestion_whose_text_comes_back_gets_its_decision_back() -> None:
    text = "He go to school."
    (old,) = suggestions(text, [(3, 5, ("goes",))])
    review = decided((old,), [(Status.REJECTED, None, None)])
    gone, added = merge(review.suggestions, review.history, (), NOW)
    assert gone[0].status is Status.OBSOLETE
    back, added2 = merge(gone, review.history + added, (old,), NOW)
    assert back[0].status is Status.REJECTED and back[0].by == "ann"
    assert [h.action for h in added2] == ["restored"]


def test_accepted_choice_follows_the_replacement_text_not_its_position() -> None:
    text = "He go to school."
    (old,) = suggestions(text, [(3, 5, ("goes", "went"))])
    review = decided((old,), [(Status.ACCEPTED, 1, None)])  # "went"
    (reordered,) = suggestions(text, [(3, 5, ("went", "goes"))])
    (merged,), _ = merge(review.suggestions, review.history, (reordered,), NOW)
    assert (merged.status, merged.replacement) == (Status.ACCEPTED, "went")
    (narrower,) = suggestions(text, [(3, 5, ("goes",))])
    (reopened,), added = merge(review.suggestions, review.history, (narrower,), NOW)
    assert reopened.status is Status.PENDING
    assert added[0].action == "reopened" and "'went'" in added[0].comment


def test_new_findings_come_in_pending() -> None:
    text = "He go to school. Using a opportunity."
    first, second = suggestions(text, [(3, 5, ("goes",)), (23, 24, ("an",))])
    review = decided((first,), [(Status.ACCEPTED, 0, None)])
    merged, _ = merge(review.suggestions, review.history, (first, second), NOW)
    assert [s.status for s in merged] == [Status.ACCEPTED, Status.PENDING]
    assert merged[0] == replace(first, status=Status.ACCEPTED, choice=0, by="ann",
                                at="2026-01-01T00:00:00Z")
