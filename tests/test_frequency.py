"""The confidence features' word frequencies: wordfreq's own figures, read from a table."""

from __future__ import annotations

import subprocess
import sys

import pytest
from wordfreq import iter_wordlist, zipf_frequency

from reviewer.confidence.frequency import zipf
from tests.conftest import ROOT

EXAMPLES = [
    "the", "mine", "demining", "kazakhstan", "tenge", "akimat", "don't", "we’ll", "o'er",
    "aaron's", "co-chairmen", "non-governmental", "electro buses", "2007", "1990s", "98-th",
    "7march", "25-27march", "17,4", "3.5", "u.s.", "café", "ёлка", "x2", "zzzzqx", "",
]


@pytest.mark.parametrize("word", EXAMPLES)
def test_a_word_has_the_frequency_wordfreq_gives_it(word: str) -> None:
    assert zipf(word) == zipf_frequency(word, "en")


def test_every_hundredth_word_of_the_list_has_wordfreqs_frequency() -> None:
    words = list(iter_wordlist("en"))[::100]
    assert [zipf(w) for w in words] == [zipf_frequency(w, "en") for w in words]


def test_unseen_words_are_zero_and_common_words_high() -> None:
    assert zipf("qwxzv") == 0.0
    assert zipf("The") == zipf("the") > 7


def test_the_shipped_table_is_what_its_script_writes() -> None:
    done = subprocess.run([sys.executable, "bench/make_word_zipf.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
