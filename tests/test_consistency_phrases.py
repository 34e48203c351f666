"""TQA_INCONSISTENT_SPELLING's phrases: found from a word's start only (issue 20)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.rules import consistency

# The pattern before issue 20: it tried every letter of a word as a phrase's start.
TRIED_EVERYWHERE = re.compile(f"{consistency._WORD}(?: {consistency._WORD})+")
PIECES = ["Ab", "cd", "a", "Ёлка", "é", " ", " ", "  ", "-", "--", "'", "’", "1", "_", ".",
          "\n", "Mine Action", "Centre"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_phrases_are_the_same_as_when_every_letter_was_tried(text: str) -> None:
    assert [m.span() for m in consistency._PHRASE.finditer(text)] == [
        m.span() for m in TRIED_EVERYWHERE.finditer(text)]


def test_a_phrase_never_starts_inside_a_word() -> None:
    assert [m.group() for m in consistency._PHRASE.finditer("co-operate Mine Action x")] == [
        "co-operate Mine Action x"]
    assert not consistency._PHRASE.search("x" * 100 + "-" + "y" * 100)
