"""How common an English word is, on wordfreq's Zipf scale, without loading wordfreq.

`zipf(word)` returns exactly what `wordfreq.zipf_frequency(word, "en")` returns (a test
compares them on every word of the list and on the words of the evaluation sets). Words made
of ASCII letters, digits, inner apostrophes, hyphens and spaces are looked up in
`reviewer/data/zipf_en.txt` (every ASCII entry of wordfreq 3.1's English list with its
centibel value, sorted, written by `bench/make_word_zipf.py`); anything else (another script,
an accent, a dot) is asked of wordfreq itself. Loading wordfreq with its language tables
took 0.25 s of a 0.7 s check; a binary search over the table reads 4 MB and nothing more.
"""

from __future__ import annotations

import math
import re
from functools import cache

from reviewer import data

DATA_FILE = "zipf_en.txt"

# The words whose tokens wordfreq's English tokenizer (Unicode word boundaries) finds the way
# this splits them: parts of letters and digits, an apostrophe only before a consonant inside
# letters (`don't`, `we'll`; `o'er` splits before the vowel), hyphens and spaces between.
_PART = r"(?:[a-z]+'[b-df-hj-np-tv-z][a-z]*|[a-z0-9]+)"
_SIMPLE = re.compile(rf"{_PART}(?:[- ]{_PART})*")
_TOKEN = re.compile(_PART)
# wordfreq.numbers: a run of two or more digits is looked up as zeros, its own
# frequency estimated from its digits (a year, or Benford's law otherwise).
_DIGITS = re.compile(r"\d\d+")
_MINIMUM = 10**0.0 / 1e9  # Zipf 0: wordfreq's floor, computed as wordfreq computes it
_DIGIT_FREQS = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
_YEAR_LOG_PEAK = -1.9185
_NOT_YEAR_PROB = 0.1
_REFERENCE_YEAR = 2019
_PLATEAU_WIDTH = 20


def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of `word` in English (0 for unseen, about 7.7 for `the`)."""
    text = word.lower().replace("’", "'")
    if not text.isascii() or not _SIMPLE.fullmatch(text):
        from wordfreq import zipf_frequency  # an uncommon shape: ask wordfreq itself

        return float(zipf_frequency(word, "en"))
    one_over = 0.0
    for token in _TOKEN.findall(text):
        smashed = _DIGITS.sub(lambda m: "0" * len(m.group()), token)
        centibels = _lookup(smashed)
        if centibels is None:
            return 0.0
        freq = 10 ** (-centibels / 100)
        if smashed != token:
            freq *= _digit_freq(token)
        one_over += 1.0 / freq
    if not one_over:
        return 0.0
    freq = max(1.0 / one_over, _MINIMUM)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)  # wordfreq keeps 3 digits
    return round(math.log(freq, 10) + 9, 2)


@cache
def _table() -> bytes:
    return data.read_bytes(DATA_FILE)


def _lookup(token: str) -> int | None:
    """The centibels of `token` in the sorted table (`word<TAB>cB` lines), or None."""
    data, key = _table(), token.encode("ascii")
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid) + 1
        tab = data.index(b"\t", start)
        end = data.index(b"\n", tab)
        found = data[start:tab]
        if found < key:
            lo = end + 1
        elif found > key:
            hi = start
        else:
            return int(data[tab + 1:end])
    return None


def _digit_freq(token: str) -> float:
    freq = 1.0
    for run in _DIGITS.findall(token):
        freq *= _year_freq(run) if len(run) == 4 else _benford_freq(run)
    return freq


def _benford_freq(digits: str) -> float:
    return _DIGIT_FREQS[int(digits[0])] / float(10 ** (len(digits) - 1))


def _year_freq(digits: str) -> float:
    year = int(digits)
    if year <= _REFERENCE_YEAR:
        log_freq = _YEAR_LOG_PEAK - 0.0083 * (_REFERENCE_YEAR - year)
    elif year <= _REFERENCE_YEAR + _PLATEAU_WIDTH:
        log_freq = _YEAR_LOG_PEAK
    else:
        log_freq = _YEAR_LOG_PEAK - 0.2 * (year - (_REFERENCE_YEAR + _PLATEAU_WIDTH))
    return float(10.0**log_freq) + _NOT_YEAR_PROB * _benford_freq(digits)
