"""Is an English word a transliteration of a word in the Russian source?

Russian names reach English in several spellings: BGN/PCGN (`Yegor`,
`Kuznetsov`, `Aleksandr`), GOST 7.79 and the scientific (ISO 9 style) scheme
(`Egor`, `Kuznecov`, `Jurij`), and the habits of newspapers and passports
(`Alexander`, `Dmitry`, `Yulia`). Rather than spelling every variant out (their
number grows with each letter), both sides are reduced to one skeleton in which
the variants coincide: `Юлия`, `Yuliya`, `Julija`, `Iuliia` and `Yulia` all
become `iulia` or within one letter of it. `similarity` then compares a word
with every source word, forgiving Russian case endings (`Ивановной` for
`Ivanovna`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Each Cyrillic letter as the skeleton letter(s) that all schemes' spellings share.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "z",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
    # Ukrainian and Belarusian letters that turn up in Russian texts' names
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}

# Latin spellings, longest first, as the same skeleton letters. The schemes:
# BGN/PCGN (kh, ts, ch, sh, shch, zh, ye, yo, yu, ya, y), GOST 7.79 B (x, cz,
# ch, sh, shh, zh, yo, yu, ya), scientific / ISO 9 (h or x, c, č, š, šč, ž, ë,
# ju, ja, j), and common habits (ks for x, tch, tz, j for й, iu/ia).
_LATIN = (
    ("shch", "s"), ("tsch", "c"), ("sch", "s"), ("shh", "s"), ("tch", "c"),
    ("kh", "h"), ("zh", "z"), ("ch", "c"), ("sh", "s"), ("ts", "c"), ("tz", "c"),
    ("cz", "c"), ("ph", "f"), ("ck", "k"),
    ("yo", "e"), ("jo", "e"), ("ye", "e"), ("je", "e"),
    ("yu", "iu"), ("ju", "iu"), ("ya", "ia"), ("ja", "ia"),
    ("x", "ks"), ("w", "v"), ("q", "k"), ("y", "i"), ("j", "i"),
)
_LATIN_RE = re.compile("|".join(re.escape(k) for k, _ in _LATIN))
_LATIN_MAP = dict(_LATIN)
_DOUBLE = re.compile(r"(.)\1+")
_CYRILLIC_WORD = re.compile(r"[а-яёіїєґў]+(?:-[а-яёіїєґў]+)*", re.IGNORECASE)

# Russian case endings can be longer than English ones: trim the source word more.
_SOURCE_TRIM = 3
_TARGET_TRIM = 1
_MIN_SKELETON = 3


def _ascii(word: str) -> str:
    """Lower case without diacritics: `Šč` -> `sc`, `ë` -> `e`."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def latin_skeleton(word: str) -> str:
    """The skeleton of a word in Latin letters (any scheme)."""
    # č, š, ž would lose their marks to plain c, s, z: spell them as digraphs first.
    text = word.lower().replace("č", "ch").replace("š", "sh").replace("ž", "zh")
    text = _LATIN_RE.sub(lambda m: _LATIN_MAP[m.group()], _ascii(text))
    text = "".join(c for c in text if c.isalpha())
    return _DOUBLE.sub(r"\1", text)


def cyrillic_skeleton(word: str) -> str:
    """The skeleton of a Russian word: what every scheme's spelling reduces to."""
    text = "".join(_CYRILLIC.get(c, c if c.isascii() and c.isalpha() else "")
                   for c in word.lower())
    return _DOUBLE.sub(r"\1", text)


def cyrillic_words(text: str) -> list[str]:
    """The Cyrillic words of a source text, in order."""
    return _CYRILLIC_WORD.findall(text)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (meant for short strings: words and skeletons)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _ratio(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    return 1.0 - edit_distance(a, b) / longest if longest else 0.0


def skeleton_similarity(target: str, source: str) -> float:
    """0-1: how alike two skeletons are, forgiving different endings."""
    best = 0.0
    for s in range(_SOURCE_TRIM + 1):
        src = source[: len(source) - s] if s else source
        if len(src) < _MIN_SKELETON:
            break
        for t in range(_TARGET_TRIM + 1):
            tgt = target[: len(target) - t] if t else target
            if len(tgt) < _MIN_SKELETON:
                break
            best = max(best, _ratio(tgt, src))
    return best


def similarity(word: str, source_words: Iterable[str]) -> float:
    """The best similarity (0-1) of a Latin `word` to any of the Russian `source_words`.

    1.0 means one of them transliterates to it in some scheme, up to case
    endings; about 0.8 leaves one letter in five different.
    """
    target = latin_skeleton(word)
    if len(target) < _MIN_SKELETON:
        return 0.0
    best = 0.0
    for source in source_words:
        skeleton = cyrillic_skeleton(source)
        if len(skeleton) >= _MIN_SKELETON:
            best = max(best, skeleton_similarity(target, skeleton))
            if best == 1.0:
                break
    return best
