"""Write reviewer/data/zipf_en.txt: English word frequencies for the confidence features.

    .venv/bin/python bench/make_word_zipf.py [--check]

Source: the English list of wordfreq 3.1 ("large_en"; its data CC BY-SA 4.0, Robyn Speer and
contributors; https://github.com/rspeer/wordfreq). Every ASCII entry of the list, one
`word<TAB>centibels` line each (the frequency is 10 ** (-centibels / 100), as wordfreq stores
it), sorted by bytes so that `reviewer.confidence.frequency` can search it without loading it.
Two runs write the same bytes; `--check` only says whether the shipped file is what this writes.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from wordfreq import get_frequency_dict

from reviewer.confidence.frequency import DATA_FILE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.derived, run as a script
from bench.derived import write_or_check  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "reviewer" / "data" / DATA_FILE


def render() -> bytes:
    rows = []
    for word, freq in get_frequency_dict("en").items():
        if not word.isascii() or "\t" in word or "\n" in word:
            continue
        centibels = round(-100 * math.log10(freq))
        assert 10 ** (-centibels / 100) == freq, word  # exactly wordfreq's value
        rows.append((word.encode("ascii"), centibels))
    rows.sort()
    return b"".join(b"%s\t%d\n" % row for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file instead of writing it")
    args = parser.parse_args()
    data = render()
    lines = data.count(b"\n")
    return write_or_check(OUT, data, args.check, f"{lines} words, {len(data) / 1e6:.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
