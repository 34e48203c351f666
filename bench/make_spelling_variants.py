"""Write reviewer/data/spelling_variants.tsv: British/American spelling pairs.

    .venv/bin/python bench/make_spelling_variants.py [--check]

Source: the English word list of wordfreq 3.1 (its data: CC BY-SA 4.0, Robyn Speer
and contributors; https://github.com/rspeer/wordfreq). A pair is two words that
English uses (Zipf frequency 3 or more, as `reviewer.rules.variants.MIN_ZIPF`
says) which one regular change of ending turns into each other (`colour`/`color`,
`realise`/`realize`, `centre`/`center`, `travelled`/`traveled`: the endings in
`reviewer.rules.variants.ENDINGS`). The variant detector reads this table
instead of asking wordfreq at run time, which took 0.43 s a document to load.
The output is sorted, so two runs write the same bytes; `--check` only says
whether the shipped file is what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wordfreq import iter_wordlist, zipf_frequency

from reviewer.rules.variants import DATA_FILE, ENDINGS, MIN_LENGTH, MIN_ZIPF

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.derived, run as a script
from bench.derived import write_or_check  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "reviewer" / "data" / DATA_FILE
HEADER = (
    "# British<TAB>American spelling pairs, written by bench/make_spelling_variants.py from\n"
    "# wordfreq 3.1's English list (CC BY-SA 4.0, Robyn Speer and contributors): both words at\n"
    f"# Zipf {MIN_ZIPF:g} or more, one regular change of ending apart. Do not edit by hand.\n"
)


def pairs() -> list[tuple[str, str]]:
    """Every (British, American) pair of the word list, sorted."""
    found: set[tuple[str, str]] = set()
    for word in iter_wordlist("en"):
        if zipf_frequency(word, "en") < MIN_ZIPF:
            break  # the list is ordered by frequency
        if len(word) < MIN_LENGTH or not word.isalpha() or not word.isascii():
            continue
        for gb, us in ENDINGS:
            if word.endswith(gb):
                twin = word[: -len(gb)] + us
                if zipf_frequency(twin, "en") >= MIN_ZIPF:
                    found.add((word, twin))
    return sorted(found)


def render(rows: list[tuple[str, str]]) -> str:
    return HEADER + "".join(f"{gb}\t{us}\n" for gb, us in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file instead of writing it")
    args = parser.parse_args()
    text = render(pairs())
    return write_or_check(OUT, text, args.check, f"{text.count(chr(10)) - 3} pairs")


if __name__ == "__main__":
    sys.exit(main())
