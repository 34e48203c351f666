"""Re-review merges: decisions follow their text, never onto other text (reviewer.review.merge)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.review.follow import Place, placer
from reviewer.review.merge import merge_suggestions
from reviewer.review.record import ReviewFile
from reviewer.review.suggest import Decision, Status, Suggestion
from reviewer.review.textmap import TextMap
from testkit.review_factory import suggestions

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

    merged, added = merge_suggestions(review.suggestions, review.history, new, NOW)

    assert added == ()
    assert [s.decision() for s in merged] == [s.decision() for s in review.suggestions]
    assert [(s.finding.start, s.finding.end) for s in merged] == [
        (s.finding.start, s.finding.end) for s in new]


def test_changed_text_makes_the_old_suggestion_obsolete_and_the_new_one_pending() -> None:
    (old,) = suggestions("He go to school.", [(3, 5, ("goes", "went"))])
    review = decided((old,), [(Status.ACCEPTED, 1, None)])
    (new,) = suggestions("He gos to school.", [(3, 6, ("goes",))])

    merged, added = merge_suggestions(review.suggestions, review.history, (new,), NOW)

    assert [(s.finding.text, s.status) for s in merged] == [
        ("gos", Status.PENDING), ("go", Status.OBSOLETE)]
    assert merged[1].choice == 1  # the obsolete one keeps what was decided
    assert [(h.action, h.comment) for h in added] == [("obsolete", "was accepted")]


def test_obsolete_suggestion_whose_text_comes_back_gets_its_decision_back() -> None:
    text = "He go to school."
    (old,) = suggestions(text, [(3, 5, ("goes",))])
    review = decided((old,), [(Status.REJECTED, None, None)])
    gone, added = merge_suggestions(review.suggestions, review.history, (), NOW)
    assert gone[0].status is Status.OBSOLETE
    back, added2 = merge_suggestions(gone, review.history + added, (old,), NOW)
    assert back[0].status is Status.REJECTED and back[0].by == "ann"
    assert [h.action for h in added2] == ["restored"]


def test_accepted_choice_follows_the_replacement_text_not_its_position() -> None:
    text = "He go to school."
    (old,) = suggestions(text, [(3, 5, ("goes", "went"))])
    review = decided((old,), [(Status.ACCEPTED, 1, None)])  # "went"
    (reordered,) = suggestions(text, [(3, 5, ("went", "goes"))])
    (merged,), _ = merge_suggestions(review.suggestions, review.history, (reordered,), NOW)
    assert (merged.status, merged.replacement) == (Status.ACCEPTED, "went")
    (narrower,) = suggestions(text, [(3, 5, ("goes",))])
    (reopened,), added = merge_suggestions(review.suggestions, review.history, (narrower,), NOW)
    assert reopened.status is Status.PENDING
    assert added[0].action == "reopened" and "'went'" in added[0].comment


def test_new_findings_come_in_pending() -> None:
    text = "He go to school. Using a opportunity."
    first, second = suggestions(text, [(3, 5, ("goes",)), (23, 24, ("an",))])
    review = decided((first,), [(Status.ACCEPTED, 0, None)])
    merged, _ = merge_suggestions(review.suggestions, review.history, (first, second), NOW)
    assert [s.status for s in merged] == [Status.ACCEPTED, Status.PENDING]
    assert merged[0] == replace(first, status=Status.ACCEPTED, choice=0, by="ann",
                                at="2026-01-01T00:00:00Z")


# Decisions follow their words through edits in the same sentence (reviewer.review.follow).

def _placed(old_text: str, new_text: str) -> Place:
    return placer(TextMap.between(old_text, new_text))


def test_an_edit_next_to_a_decided_word_keeps_its_decision_under_its_new_id() -> None:
    text = "He go to school."
    (old,) = suggestions(text, [(3, 5, ("goes",))])
    review = decided((old,), [(Status.REJECTED, None, None)])
    edited = "Every day he go to school."
    (new,) = suggestions(edited, [(13, 15, ("goes",))])
    assert new.id != old.id  # its surroundings changed: the fingerprint did too

    by_id, _ = merge_suggestions(review.suggestions, review.history, (new,), NOW)
    (kept,), added = merge_suggestions(review.suggestions, review.history, (new,), NOW,
                                       _placed(text, edited))

    assert [s.status for s in by_id] == [Status.PENDING, Status.OBSOLETE]
    assert (kept.id, kept.status, kept.by) == (new.id, Status.REJECTED, "ann")
    assert [(h.action, h.id, h.comment) for h in added] == [("moved", new.id, f"from {old.id}")]
    # Gone later and back again, it finds the decision taken under its old id.
    gone, out = merge_suggestions((kept,), review.history + added, (), NOW)
    back, _ = merge_suggestions(gone, review.history + added + out, (new,), NOW)
    assert (back[0].status, back[0].by) == (Status.REJECTED, "ann")


def test_a_decision_is_not_carried_onto_a_rewritten_word_or_another_rule() -> None:
    text = "He go to school."
    (old,) = suggestions(text, [(3, 5, ("goes",))])
    review = decided((old,), [(Status.ACCEPTED, 0, None)])
    rewritten = "He went to school."
    (other,) = suggestions(rewritten, [(3, 7, ("goes",))])
    merged, _ = merge_suggestions(review.suggestions, review.history, (other,), NOW,
                                  _placed(text, rewritten))
    assert [s.status for s in merged] == [Status.PENDING, Status.OBSOLETE]
    edited = "So he go to school."
    (new,) = suggestions(edited, [(6, 8, ("goes",))], rule="OTHER_RULE")
    merged, _ = merge_suggestions(review.suggestions, review.history, (new,), NOW,
                                  _placed(text, edited))
    assert [s.status for s in merged] == [Status.PENDING, Status.OBSOLETE]


# Words without a letter in common: where each one is after the edits is known.
WORDS = ["go", "a", "the", "sky", "bum", "jiff", "«", "é", "𝔘", "vow"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=len(WORDS), unique=True),
       st.data())
def test_a_decision_survives_exactly_when_its_words_are_untouched(
    tokens: list[str], data: st.DataObject,
) -> None:
    # Edits rewrite whole words (in capitals) and add words in front: the words left
    # as they were keep their decisions, the others do not.
    text = " ".join(tokens) + "."
    starts = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
    old = suggestions(text, [(s, s + len(t), ("X", "Y")) for s, t in zip(starts, tokens,
                                                                         strict=True)])
    review = decided(old, [data.draw(DECISIONS) for _ in old])
    changed = data.draw(st.sets(st.integers(0, len(tokens) - 1)))
    grown = data.draw(st.lists(st.sampled_from(["NEW", "WORDS", "HERE"]), max_size=3))
    after = [t.upper() + "Z" if i in changed else t for i, t in enumerate(tokens)]
    edited = " ".join(grown + after) + "."
    at = [sum(len(t) + 1 for t in grown) + sum(len(t) + 1 for t in after[:i])
          for i in range(len(after))]
    new = suggestions(edited, [(a, a + len(t), ("X", "Y")) for a, t in zip(at, after,
                                                                        strict=True)])

    merged, _ = merge_suggestions(review.suggestions, review.history, new, NOW,
                                  _placed(text, edited))

    by_text = {s.finding.text: s for s in merged if s.status is not Status.OBSOLETE}
    for i, s in enumerate(review.suggestions):
        now = by_text[after[i]]
        if i in changed:
            assert now.status is Status.PENDING
        else:
            assert now.decision() == replace(s.decision(), id=now.id)
