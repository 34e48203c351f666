"""Spans of a reviewed text found again in an edited one, and word diffs inside a span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.review.textmap import TextMap, word_diff

FILLER = st.text(alphabet="ab \n", max_size=12)
# Each span is made of characters found nowhere else in the text, and edits insert only
# capitals: where every span is after the edits is then known without any diff.
UNIQUE = [chr(0x4E00 + i) for i in range(400)]


@st.composite
def reviewed_and_edited(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], str,
                                                   list[tuple[int, int] | None]]:
    """A text with spans, the text after random edits, and each span's place after them
    (None when an edit touched it or glued a letter onto it)."""
    pieces = [draw(FILLER)]
    spans = []
    pool = iter(UNIQUE)
    for _ in range(draw(st.integers(1, 6))):
        at = sum(map(len, pieces))
        word = "".join(next(pool) for _ in range(draw(st.integers(1, 4))))
        spans.append((at, at + len(word)))
        pieces += [word, draw(FILLER)]
    old = "".join(pieces)
    raw = draw(st.lists(st.tuples(st.integers(0, len(old)), st.integers(0, 4),
                                  st.text(alphabet="XY", max_size=3)), max_size=6))
    edits, last = [], -1
    for pos, cut, ins in sorted(raw):
        cut = min(cut, len(old) - pos)
        if pos > last and (cut or ins):  # no two edits at one place, none overlapping
            edits.append((pos, cut, ins))
            last = pos + cut
    new, prev = [], 0
    for pos, cut, ins in edits:
        new += [old[prev:pos], ins]
        prev = pos + cut
    new_text = "".join(new) + old[prev:]
    return old, spans, new_text, [_expected(old, new_text, s, e, edits) for s, e in spans]


def _expected(old: str, new: str, s: int, e: int,
              edits: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    shift = 0
    for pos, cut, ins in edits:
        if pos < e and s < pos + cut or s < pos < e:
            return None  # deleted from, or inserted into
        if pos + cut <= s:
            shift += len(ins) - cut
    at = s + shift
    stop = at + e - s
    left = at > 0 and new[at - 1].isalnum() and (s == 0 or old[s - 1] != new[at - 1])
    right = stop < len(new) and new[stop].isalnum() and (e == len(old) or old[e] != new[stop])
    return None if left or right else (at, stop)


@settings(max_examples=500)
@given(reviewed_and_edited())
def test_a_span_is_found_again_exactly_when_its_text_is_unchanged(
    case: tuple[str, list[tuple[int, int]], str, list[tuple[int, int] | None]],
) -> None:
    old, spans, new, expected = case
    m = TextMap.between(old, new)
    assert [m.span(s, e) for s, e in spans] == expected
    for (s, e), where in zip(spans, expected, strict=True):
        if where is not None:
            assert new[where[0]:where[1]] == old[s:e]


def test_an_edit_in_the_same_sentence_leaves_the_words_decided_where_they_are() -> None:
    old = "The civil population was warned. Mines were cleared."
    new = "Yesterday the whole civil population was warned twice. Mines were cleared."
    m = TextMap.between(old, new)
    start = old.index("civil population")
    assert m.span(start, start + 16) == (new.index("civil population"),
                                         new.index("civil population") + 16)
    assert m.span(old.index("Mines"), old.index("Mines") + 5) == (new.index("Mines"),
                                                                  new.index("Mines") + 5)


def test_a_short_word_between_two_edits_is_kept() -> None:
    # diff_cleanupSemantic would fold the kept `a` into the edits around it.
    old = "He bought a apple yesterday."
    new = "He purchased a red apple yesterday."
    assert TextMap.between(old, new).span(10, 11) == (13, 14)


def test_a_word_grown_at_its_edge_is_another_word() -> None:
    m = TextMap.between("the civil population", "the uncivil population")
    assert m.span(4, 20) is None
    assert m.span(10, 20) == (12, 22)  # `population` is untouched


def test_a_rewritten_span_is_not_found() -> None:
    m = TextMap.between("the civil population fled", "the local population fled")
    assert m.span(4, 9) is None


def test_positions_follow_diff_xindex() -> None:
    # As diff_xIndex gives them: a position after an insertion moves past it, a deleted
    # one goes to where the deletion was.
    m = TextMap.between("The cat", "The big cat")
    assert [m.position(i) for i in range(8)] == [0, 1, 2, 3, 8, 9, 10, 11]
    d = TextMap.between("ab cd ef", "ab ef")
    assert [d.position(i) for i in range(9)] == [0, 1, 2, 3, 3, 3, 3, 4, 5]


def test_a_word_diff_shows_what_grew_and_replaces_what_changed() -> None:
    assert word_diff("civil population", "civilian population") == (
        ("equal", "civil"), ("insert", "ian"), ("equal", " population"))
    assert word_diff("a", "an") == (("equal", "a"), ("insert", "n"))
    assert word_diff("7March", "7 March") == (("equal", "7"), ("insert", " "),
                                              ("equal", "March"))
    assert word_diff("This are", "These is") == (
        ("delete", "This"), ("insert", "These"), ("equal", " "), ("delete", "are"),
        ("insert", "is"))
    assert word_diff("same", "same") == (("equal", "same"),)


@given(st.text(alphabet="ab .\n7é", max_size=20), st.text(alphabet="ab .\n7é", max_size=20))
def test_a_word_diff_is_exactly_its_two_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(t for k, t in ops if k != "insert") == old
    assert "".join(t for k, t in ops if k != "delete") == new
    assert all(t for _, t in ops)
