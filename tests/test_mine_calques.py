"""Mining calques from corrected English (bench/mine_calques.py): what counts as evidence."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench.mine_calques import Corrected, flags, mine, post_edited, read_m2, read_realec


def learner(sentence: str, *wrong: str) -> Corrected:
    words = tuple(sentence.lower().split())
    return Corrected(words, tuple(w in wrong for w in words))


def test_a_post_edit_marks_the_changed_words_and_gives_their_replacement() -> None:
    s = post_edited("They pay attention on prices .", "They pay attention to prices .")
    assert s.wrong == (False, False, False, True, False, False)
    assert (("attention", "on"), "attention to") in s.fixes
    assert (("pay", "attention", "on", "prices"), "pay attention to prices") in s.fixes
    # what the editor kept is not corrected, though it touches the change
    assert all(g != ("they", "pay") for g, _ in s.fixes)


def test_a_phrase_corrected_in_two_texts_and_unknown_to_native_english_is_mined() -> None:
    texts = [learner("Young people pay attention on fashion .", "on"),
             learner("Parents pay attention on marks .", "on")]
    rows = mine(texts, Counter(), set())
    assert ("attention on", "", 2, 2) in rows
    assert ("pay attention on", "", 2, 2) in rows


def test_one_text_native_use_rare_words_and_function_words_are_no_evidence() -> None:
    twice = [learner("They pay attention on fashion .", "on")] * 2
    assert "attention on" not in {p for p, *_ in mine(twice[:1], Counter(), set())}
    # native English writes it: EWT or WikiText, or the Google Books pairs
    assert "attention on" not in {p for p, *_ in mine(twice, Counter({("attention", "on"): 1}),
                                                      set())}
    assert "attention on" not in {p for p, *_ in mine(twice, Counter(), {("attention", "on")})}
    misspelt = [learner("We shuold go now .", "shuold")] * 2
    assert not [p for p, *_ in mine(misspelt, Counter(), set()) if "shuold" in p]
    bare = [learner("It is in the house .", "in")] * 2
    assert "in the" not in {p for p, *_ in mine(bare, Counter(), set())}


def test_a_phrase_mostly_written_right_is_not_mined() -> None:
    texts = [learner("They pay attention on fashion .", "on")] * 2 + [
        learner("They pay attention on fashion .")] * 3
    assert "attention on" not in {p for p, *_ in mine(texts, Counter(), set())}


def test_the_post_edit_gives_the_replacement_of_a_mined_phrase() -> None:
    texts = [post_edited("We must make accent on quality .", "We must focus on quality ."),
             post_edited("They make accent on price .", "They focus on price .")]
    rows = {p: r for p, r, *_ in mine(texts, Counter(), set())}
    assert rows["make accent"] == "focus"
    assert rows["make accent on"] == "focus on"


def test_matches_are_counted_where_they_land() -> None:
    table = {"attention on"}
    found = flags([learner("They pay attention on fashion .", "on"),
                   learner("They pay attention on fashion and speek .", "speek"),
                   learner("All eyes and attention on him .")], table)
    assert (found.on_token, found.elsewhere, found.clean, found.clean_sentences) == (1, 1, 1, 1)


def test_realec_and_m2_files_read_as_marked_tokens(tmp_path: Path) -> None:
    tsv = tmp_path / "realec.tsv"
    tsv.write_text("They\tc\npay\tc\nattention\tc\non\ti\nit\tc\n\nFine\tc\n", encoding="utf-8")
    assert read_realec(tsv) == [learner("they pay attention on it", "on"), learner("fine")]
    m2 = tmp_path / "conll.m2"
    m2.write_text("S They pay attention on it .\nA 3 4|||Prep|||to|||REQUIRED|||-NONE-|||0\n\n"
                  "S Fine .\nA -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0\n", encoding="utf-8")
    assert read_m2(m2) == [learner("they pay attention on it .", "on"), learner("fine .")]
