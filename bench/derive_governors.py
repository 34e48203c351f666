"""Derive the governor table of the preposition rule (reviewer/data/governors.tsv.gz).

    python bench/derive_governors.py --bigrams FILE [--out reviewer/data/governors.tsv.gz]

`--bigrams` is symspellpy's `frequency_bigramdictionary_en_243_342.txt` (PyPI
`symspellpy` 6.9.0, inside the wheel: `pip download symspellpy==6.9.0 --no-deps`;
242,342 English word pairs with their Google Books Ngram counts, every pair seen
at least 6.4 million times; Google Books Ngram data CC BY 3.0, SymSpell MIT).

A row gives, for one word (a governor: a noun, verb or adjective form, in lower
case), how often each preposition of reviewer.usage.prepositions.CHOICES
follows it in the bigram list: `obstacle<TAB>in:68 to:382`, in units of
`UNIT` occurrences. A preposition the row does not name was seen fewer times
than the list's floor (6.4 million), which the row's first field says in the
same units. Only words with at least `MIN_TOTAL` listed occurrences before a
preposition are kept: below that a missing pair says little.

The output is sorted and the same bytes for the same inputs.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.derived import gzipped, write_or_check  # noqa: E402
from reviewer.usage.prepositions import CHOICES  # noqa: E402

UNIT = 100_000  # the table's counts are in these units (the list's floor is 64 of them)
MIN_TOTAL = 20_000_000  # listed occurrences before a preposition a governor needs
# Words that are not governors: determiners, pronouns, prepositions, conjunctions,
# auxiliaries and the like (the rule asks only after a noun, verb or adjective, but the
# tagger's call on a function word is no reason to ship its row).
FUNCTION_WORDS = frozenset(CHOICES) | frozenset(
    "a an the this that these those and or but nor if than as so not no all any some each "
    "every which who whom whose what when where why how it its he she they we you i me him "
    "her them us my your our their his is are was were be been being am do does did have "
    "has had will would shall should can could may might must up out off down".split())
HEADER = ("# governor\tpreposition:count ...  (counts in units of {unit:,}; the floor is {floor}; "
          "bench/derive_governors.py, from Google Books Ngram bigrams via symspellpy, "
          "CC BY 3.0; reviewer/data/README.md)")


def read_bigrams(path: Path) -> dict[tuple[str, str], int]:
    """The word pairs of symspellpy's list with their counts (its lines end in CRLF)."""
    pairs: dict[tuple[str, str], int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        a, b, count = line.split()
        pairs[(a, b)] = int(count)
    return pairs


def derive(pairs: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    """Each governor's counts before each listed preposition, in UNITs."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for (a, b), n in pairs.items():
        if b in CHOICES and a.isalpha() and a.islower() and a not in FUNCTION_WORDS:
            counts[a][b] = n
    return {gov: {p: round(n / UNIT) for p, n in sorted(by.items())}
            for gov, by in sorted(counts.items()) if sum(by.values()) >= MIN_TOTAL}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bigrams", type=Path, required=True)
    out = Path(__file__).resolve().parents[1] / "reviewer/data/governors.tsv.gz"
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--check", action="store_true",
                        help="say whether --out is what this script writes; write nothing")
    args = parser.parse_args(argv)
    if not args.bigrams.is_file():
        print(f"{args.bigrams}: not found", file=sys.stderr)
        return 2
    pairs = read_bigrams(args.bigrams)
    rows = derive(pairs)
    floor = round(min(pairs.values()) / UNIT)
    text = HEADER.format(unit=UNIT, floor=floor) + "\n" + "".join(
        f"{gov}\t{' '.join(f'{p}:{n}' for p, n in by.items())}\n" for gov, by in rows.items())
    data = gzipped(text)
    return write_or_check(args.out, data, args.check, f"{len(rows)} governors, {len(data):,} bytes")


if __name__ == "__main__":
    sys.exit(main())
