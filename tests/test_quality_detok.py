"""The quality harness's detokeniser: natural text, and spans back to tokens."""

from __future__ import annotations

from bench.qualitybench.detok import detokenise


def text(tokenised: str) -> str:
    return detokenise(tokenised.split()).text


def test_contractions_join_their_word() -> None:
    assert text("I do n't know .") == "I don't know."
    assert text("if he hadn 't said it") == "if he hadn't said it"
    assert text("It 's mine") == "It's mine"


def test_punctuation_sticks_to_the_word_before() -> None:
    assert text("for society .") == "for society."
    assert text("Well , ( maybe ) 5 % ; no !") == "Well, (maybe) 5%; no!"


def test_quotes_open_and_close() -> None:
    assert text('He said " hello there " .') == 'He said "hello there".'
    assert text("the students ' books") == "the students' books"
    assert text("`` quoted '' -LRB- x -RRB-") == '"quoted" (x)'
    assert text('the word \\" theft \\" here') == 'the word "theft" here'


def test_a_hyphen_between_numbers_is_a_range() -> None:
    assert text("aged 18 - 25 , or well - known") == "aged 18-25, or well - known"


def test_each_token_keeps_its_span() -> None:
    d = detokenise("I do n't know .".split())
    assert [d.text[s:e] for s, e in d.spans] == ["I", "do", "n't", "know", "."]


def test_a_character_span_maps_to_the_tokens_it_touches() -> None:
    d = detokenise("I do n't know .".split())  # "I don't know."
    assert d.tokens_at(2, 7) == (1, 2)  # "don't"
    assert d.tokens_at(8, 12) == (3,)  # "know"
    assert d.tokens_at(3, 4) == (1,)  # inside "do"


def test_a_span_between_tokens_belongs_to_the_next_token() -> None:
    d = detokenise("a big dog".split())
    assert d.tokens_at(1, 2) == (1,)  # the space before "big"
    assert d.tokens_at(9, 9) == (2,)  # the end of the sentence: the last token
