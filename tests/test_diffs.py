"""Word-level diffs and strict patches (reviewer.review.diffs)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer.review.diffs import (
    Op,
    apply_patch_fuzzy,
    apply_patch_strict,
    patch_text,
    source_text,
    target_text,
    tokens,
    word_diff,
)

WORDS = st.lists(st.sampled_from(["He", "go", "goes", "to", "school", " ", ", ", ". ", "«",
                                  "a", "an", "opportunity", "\n", "é", "𝔘"]), max_size=30)


def test_a_changed_word_is_replaced_whole() -> None:
    ops = word_diff("Using a opportunity I would", "Using an opportunity I would")
    assert [(d.op, d.text) for d in ops] == [
        (Op.EQUAL, "Using "), (Op.DELETE, "a"), (Op.INSERT, "an"),
        (Op.EQUAL, " opportunity I would"),
    ]


def test_removed_space_is_one_deletion() -> None:
    ops = word_diff("Seminar « Confidence", "Seminar «Confidence")
    assert [(d.op, d.text) for d in ops] == [
        (Op.EQUAL, "Seminar «"), (Op.DELETE, " "), (Op.EQUAL, "Confidence"),
    ]


@given(st.builds("".join, WORDS), st.builds("".join, WORDS))
def test_diff_rebuilds_both_sides_without_empty_or_repeated_ops(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert source_text(ops) == a
    assert target_text(ops) == b
    assert all(d.text for d in ops)
    assert all(x.op is not y.op for x, y in zip(ops, ops[1:], strict=False))


@given(st.builds("".join, WORDS), st.builds("".join, WORDS))
def test_changes_never_split_a_word(a: str, b: str) -> None:
    for d in word_diff(a, b):
        if d.op is not Op.EQUAL:
            side = a if d.op is Op.DELETE else b
            assert "".join(tokens(d.text)) == d.text
            assert d.text in side


def test_patch_is_placed_at_the_sentence_offset() -> None:
    doc = "Intro. He go to school every day. Bye."
    ops = word_diff("He go to school every day.", "He goes to school every day.")
    patch = patch_text(ops, offset=7)
    assert patch.startswith("@@ -8,")
    assert apply_patch_strict(doc, patch) == "Intro. He goes to school every day. Bye."


def test_he_go_patch_never_lands_on_he_went() -> None:
    ops = word_diff("He go to school.", "He goes to school.")
    patch = patch_text(ops)
    # diff-match-patch's own fuzzy apply reports success and garbles the text ...
    fuzzy, ok = apply_patch_fuzzy("He went to school.", patch)
    assert ok == [True] and fuzzy != "He went to school."
    # ... strict application refuses it.
    assert apply_patch_strict("He went to school.", patch) is None
    assert apply_patch_strict("He go to school.", patch) == "He goes to school."


def test_unicode_patch_text_round_trips() -> None:
    ops = word_diff("Seminar « Mine » 𝔘", "Seminar «Mine» 𝔘")
    assert apply_patch_strict("Seminar « Mine » 𝔘", patch_text(ops)) == "Seminar «Mine» 𝔘"
