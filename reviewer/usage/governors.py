"""Which prepositions follow a word in native English: `obstacle for` where it is `obstacle to`.

The table (reviewer/data/governors.tsv.gz, derived by bench/derive_governors.py
from Google Books Ngram word pairs) gives, for a governor (a noun, verb or
adjective form), how often each preposition of
reviewer.usage.prepositions.CHOICES follows it. A preposition the table does
not name after a governor was seen fewer times than the list's floor.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

# a common noun, a verb or an adjective right before the preposition governs it
GOVERNOR_TAGS = frozenset({"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ"})
# Words that make the phrase after a preposition a time adjunct, not an object the
# governor chooses its preposition for: `arrived on Monday`, `estimated in 2019`.
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december spring summer autumn fall "
    "winter morning afternoon evening night day days week weeks month months year years "
    "decade decades century centuries time times period moment beginning end past future "
    "today yesterday tomorrow weekend quarter hour hours minute minutes".split())


@dataclass(frozen=True, slots=True)
class Table:
    """Counts of governor + preposition pairs, and the count below which a pair is unlisted."""

    counts: Mapping[str, Mapping[str, int]]
    floor: int

    def count(self, governor: str, preposition: str) -> int:
        """How often `preposition` follows `governor`: the floor where the list lacks the pair
        (an upper bound: the pair is rarer still)."""
        return self.counts.get(governor, {}).get(preposition, self.floor)

    def ratio(self, governor: str, written: str, other: str) -> float:
        """How many times more often `other` follows `governor` than `written` does, at least."""
        return self.count(governor, other) / self.count(governor, written)

    def dominance(self, governor: str, preposition: str) -> float:
        """How often `preposition` follows `governor` against the governor's most frequent
        preposition, `of` (the genitive) aside: 1.0 where it is the most frequent."""
        top = max((n for p, n in self.counts.get(governor, {}).items() if p != "of"), default=0)
        return self.count(governor, preposition) / top if top else 0.0


class _Rows(Mapping[str, Mapping[str, int]]):
    """Each governor's counts, its row read when first asked for (a check asks a few dozen
    of the table's 6,879 governors: reading them all took 40 ms of a check)."""

    def __init__(self, raw: dict[str, str]) -> None:
        self._raw = raw
        self._read: dict[str, Mapping[str, int]] = {}

    def __getitem__(self, governor: str) -> Mapping[str, int]:
        row = self._read.get(governor)
        if row is None:
            pairs = self._raw[governor]
            row = self._read[governor] = {
                p: int(n) for p, n in (pair.split(":") for pair in pairs.split())}
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def parse(text: str) -> Table:
    """The table's rows: `governor<TAB>prep:count prep:count`; its header names the floor."""
    raw: dict[str, str] = {}
    floor = 0
    for line in text.splitlines():
        if line.startswith("#"):
            floor = int(line.split("the floor is ")[1].split(";")[0])
        elif line:
            governor, pairs = line.split("\t")
            raw[governor] = pairs
    return Table(_Rows(raw), floor)


def governed(words: Sequence[str], tags: Sequence[str], i: int) -> str | None:
    """The governor of the preposition at `i` in lower case, or None where it has none.

    The governor is the common noun, verb or adjective right before the
    preposition, in lower case in the text (a capitalised word mid-sentence is
    part of a name). The preposition has no governor's choice to judge where `to`
    marks an infinitive, where the phrase after it is a time adjunct (`arrived on
    Monday`, `in 2019`) or where nothing follows it.
    """
    if i == 0 or i + 1 >= len(words) or tags[i - 1] not in GOVERNOR_TAGS:
        return None
    word = words[i - 1]
    if not (word.islower() or (i == 1 and word[1:].islower())) or not word.isalpha():
        return None
    nxt_tag = tags[i + 1]
    if nxt_tag in ("VB", "VBP", "MD") or not (nxt_tag[:1] in "DNJCP" or nxt_tag == "VBG"):
        return None  # an infinitive, or no noun phrase after it
    if _time(words, tags, i):
        return None
    return word.lower()


def _time(words: Sequence[str], tags: Sequence[str], i: int) -> bool:
    """Whether the phrase after the preposition at `i` says when: a time word or a year."""
    for k in range(i + 1, min(len(words), i + 5)):
        low = words[k].lower()
        if low in TIME_WORDS:
            return True
        if tags[k] == "CD":
            return len(low) == 4 and low.isdigit() and low[:2] in ("19", "20")
        if not tags[k].startswith(("DT", "JJ", "PRP$", "RB")):
            return False
    return False


# Prepositions that say something of their own after a noun or a participle, whichever
# word comes before: the agent (`a speech by`, `seen by`), the origin (`people from`), the
# topic (`data about`), a place or span (`over his shoulder`, `over the years`) and what
# goes with a thing (`passengers with`); `with` (company, instrument) after any word.
_OWN_MEANING = frozenset({"about", "by", "from", "over", "with"})
# Prepositions that place an event or a thing (`wait at the border`, `an approach in
# practice`, `the house in the city`): an adjunct, unless a number follows (`estimated in
# 42 million` is the verb's choice).
_PLACE = frozenset({"at", "in"})


def adjunct(words: Sequence[str], tags: Sequence[str], i: int) -> bool:
    """Whether the preposition at `i` opens a phrase of its own meaning, not its governor's.

    `of` (the genitive, after almost any noun), `with` (company or
    instrument), an agent, origin, topic or span after a noun or participle
    (`_OWN_MEANING`), a place (`_PLACE`, a number aside), a range
    (`from 5 to 10`) and `about` before a number (`about 40 percent`).
    """
    low, gov_tag = words[i].lower(), tags[i - 1]
    after = [w.lower() for w in words[i + 1:i + 7]]
    number = tags[i + 1] == "CD" if i + 1 < len(tags) else False
    if low in ("of", "with"):
        return True
    if low in _OWN_MEANING and gov_tag in ("NN", "NNS", "VBN"):
        return True
    if low in _PLACE and not number:
        return True
    if low == "from" and "to" in after:
        return True
    return low == "about" and number


def fits(words: Sequence[str], tags: Sequence[str], i: int, other: str) -> bool:
    """Whether preposition `other` could take the place of the one at `i`.

    `by` after a participle names its agent, which every passive may add and
    none chooses (`driven to meetings` is no `driven by`), unless a number
    follows: `increased on 35 percent` → `increased by 35 percent`.
    """
    if other == "by" and tags[i - 1] == "VBN":
        return i + 1 < len(tags) and tags[i + 1] == "CD"
    return True
