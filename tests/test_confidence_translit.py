"""Transliteration evidence: an English word spelt from a word of the Russian source."""

from __future__ import annotations

import pytest

from reviewer.confidence.translit import (
    cyrillic_skeleton,
    cyrillic_words,
    latin_skeleton,
    similarity,
)

SOURCE = ("78-летняя Анна Ивановна Шестакова из Хабаровска рассказала Юлии и Егору, "
          "что Дмитрий Щукин и Фёдор Чайковский ждут в кафе «Казбат».")


@pytest.mark.parametrize(
    "word",
    [
        "Ivanovna", "Shestakova",
        "Khabarovsk", "Habarovsk",           # BGN/PCGN kh, scientific h
        "Yulia", "Yuliya", "Julija", "Iuliia",  # newspapers, BGN/PCGN, ISO 9, passports
        "Yegor", "Egor",
        "Dmitry", "Dmitriy", "Dmitrii",
        "Shchukin", "Ščukin", "Schukin",
        "Fyodor", "Fedor", "Fjodor",
        "Tchaikovsky", "Chaykovskiy", "Čajkovskij",
        "Kazbat",
    ],
)
def test_spellings_of_the_common_schemes_match_the_source(word: str) -> None:
    assert similarity(word, cyrillic_words(SOURCE)) >= 0.8


@pytest.mark.parametrize("word", ["government", "Moscow", "Pushkin", "cafe", "told"])
def test_words_not_in_the_source_do_not_match(word: str) -> None:
    assert similarity(word, cyrillic_words(SOURCE)) < 0.8


def test_case_endings_of_the_source_are_forgiven() -> None:
    # Хабаровска (genitive), Юлии (dative) against the dictionary forms
    assert similarity("Khabarovsk", ["Хабаровска"]) == 1.0
    assert similarity("Yulia", ["Юлии"]) >= 0.8


def test_skeletons_of_both_scripts_meet() -> None:
    assert latin_skeleton("Kuznetsov") == cyrillic_skeleton("Кузнецов") == "kuznecov"
    assert latin_skeleton("Alexander") == "aleksander"
    assert cyrillic_skeleton("Мария") == latin_skeleton("Mariya") == "maria"


def test_short_words_and_empty_sources_give_nothing() -> None:
    assert similarity("Li", ["Ли"]) == 0.0
    assert similarity("Kazbat", []) == 0.0
    assert cyrillic_words("no Russian here") == []
