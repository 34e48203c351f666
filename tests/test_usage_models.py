"""The usage models: tokens, tags, noun phrases and the model file format, by example."""

from __future__ import annotations

from array import array

import pytest

from reviewer.usage import models
from reviewer.usage.linear import Linear
from reviewer.usage.packed import ModelFileError, pack, unpack
from reviewer.usage.phrases import phrases
from reviewer.usage.tokens import tokens


def words(text: str) -> list[str]:
    return [t.word for t in tokens(text)]


def test_tokens_keep_hyphenated_words_and_split_clitics() -> None:
    text = "The country's agro-industrial complex doesn't stop; the Termez–Hairatan line."
    found = list(tokens(text))
    assert [t.word for t in found] == [
        "The", "country", "'s", "agro-industrial", "complex", "does", "n't", "stop", ";",
        "the", "Termez–Hairatan", "line", "."]
    assert all(text[t.start:t.end] == t.word for t in found)


def test_a_long_run_of_letters_is_one_token() -> None:
    # no pattern backtracks: a 200,000-letter token comes back whole
    assert [t.end for t in tokens("x" * 200_000)] == [200_000]


def test_the_tagger_tells_nouns_from_verbs_in_plain_sentences() -> None:
    tagged = models.tagger().tag(words("The committee approved the new budget of the city."))
    assert tagged == ["DT", "NN", "VBD", "DT", "JJ", "NN", "IN", "DT", "NN", "."]


def test_noun_phrases_with_and_without_articles() -> None:
    w = words("The ministry sent experts to the northern regions of France last year.")
    tags = models.tagger().tag(w)
    found = [" ".join(w[p.start:p.head + 1]) for p in phrases(w, tags)]
    assert found == ["The ministry", "experts", "the northern regions", "France", "last year"]


def test_phrases_after_another_determiner_have_no_article_slot() -> None:
    w = words("This plan and our budget and Russia's share.")
    tags = models.tagger().tag(w)
    assert [w[p.head] for p in phrases(w, tags)] == ["Russia"]


def test_the_article_model_knows_what_natives_write() -> None:
    from reviewer.usage import articles
    w = words("We paid attention to the development of tourism.")
    tags = models.tagger().tag(w)
    dev = next(p for p in phrases(w, tags) if w[p.head] == "development")
    probs = models.article_model().probabilities(articles.features(w, tags, dev, False))
    assert dict(zip(articles.CLASSES, probs, strict=True))["the"] > 0.7


def test_a_model_file_reads_back_as_written_and_is_byte_stable() -> None:
    model = Linear.from_rows(("a", "b"), (0.5, -0.5), {"x": (1.0, 2.0), "y": (-1.0, 0.25)})
    data = model.to_bytes()
    again = Linear.from_bytes(data)
    assert again.to_bytes() == data
    assert again.probabilities(["x"]) == pytest.approx(model.probabilities(["x"]))
    header, names, arrays = unpack(pack({"k": 1}, ["p", "q"], {"w": array("f", [1.5, 2.5])}))
    assert (header, names, list(arrays["w"])) == ({"k": 1}, ["p", "q"], [1.5, 2.5])


def test_a_file_of_another_format_is_refused() -> None:
    import gzip
    with pytest.raises(ModelFileError):
        unpack(gzip.compress(b"{}"))
    whole = pack({"k": 1}, ["p"], {"w": array("f", [1.5])})
    for cut in (len(whole) - 1, 20, 8):
        with pytest.raises(ModelFileError):
            unpack(whole[:cut])


def test_each_place_the_article_model_disputes_says_where_it_stands_and_why_it_is_left() -> None:
    from reviewer.rules.usage import article_places
    text = ("The council paid attention to development of tourism in the France, "
            "and men in post - school education use the sport.")
    found = [(text[p.hit.start:p.hit.end], p.place, p.left) for p in article_places(text)]
    assert found == [
        ("development", "before of", ""),  # reported: `the development of`
        ("the France", "remove", ""),
        ("post", "after preposition", "spaced compound"),
        ("the", "swap", "threshold"),  # `a sport` is not probable enough
    ]
