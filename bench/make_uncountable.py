"""Write reviewer/data/uncountable.tsv: nouns English does not put in the plural.

    .venv/bin/python bench/make_uncountable.py --ewt /work/data/ewt [--check]

A noun is listed when the English Web Treebank (UD English EWT, CC BY-SA 4.0) tags
it NN at least `MIN_USES` times, never NNS, and as a noun in at least 90 % of its
uses other than verbs (so `high`, `left`, `inside` are out, `research` and `training`
in), its singular is common (wordfreq Zipf 3.5 or more) and its plural is rare against
it: under `MAX_RATIO` of the singular's frequency in wordfreq 3.1's English list (CC
BY-SA 4.0, Robyn Speer and contributors), whichever regular plural spelling is the more
frequent. `advice` (0.8 %), `equipment` (1.0 %), `research` (0.6 %) are in; `experience`
(19 %) and `cargo` (`cargoes` 2.9 %) are not. Rows are `plural<TAB>singular`, sorted, so
two runs write the same bytes; `--check` only says whether the shipped file is what
this script writes.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from wordfreq import word_frequency, zipf_frequency

from reviewer.rules.grammar.countable import UNCOUNTABLE_FILE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.derived, run as a script
from bench.derived import write_or_check  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "reviewer" / "data" / UNCOUNTABLE_FILE
PARTS = ("src-train.conllu", "src-dev.conllu", "src-test.conllu")
MIN_USES = 3
MIN_NOUN_SHARE = 0.9
MIN_ZIPF = 3.5
MIN_LENGTH = 4
MAX_RATIO = 0.01
HEADER = (
    "# plural<TAB>singular of nouns English uses in the singular only, written by\n"
    "# bench/make_uncountable.py from UD English EWT (CC BY-SA 4.0) and wordfreq 3.1's English\n"
    f"# list (CC BY-SA 4.0, Robyn Speer and contributors): plural under {MAX_RATIO:.0%} of the\n"
    "# singular's frequency. Do not edit by hand.\n"
)


def plural(word: str) -> str:
    """The regular plural spelling of `word`."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def counts(ewt: Path) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per lower-cased word: its NN uses, its NNS uses (by lemma) and its non-verb uses."""
    nn: Counter[str] = Counter()
    nns: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for part in PARTS:
        with open(ewt / part, encoding="utf-8") as f:
            for line in f:
                if line[:1] in ("#", "\n", ""):
                    continue
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue  # multi-word tokens and empty nodes
                form, tag = cols[1].lower(), cols[4]
                if tag == "NN":
                    nn[form] += 1
                elif tag == "NNS":
                    nns[cols[2].lower()] += 1
                if not tag.startswith("VB"):
                    other[form] += 1
    return nn, nns, other


def rows(ewt: Path) -> list[tuple[str, str]]:
    """Every (plural, singular) pair of the table, sorted."""
    nn, nns, other = counts(ewt)
    out = []
    for word, uses in nn.items():
        if (uses < MIN_USES or nns[word] or not word.isalpha() or len(word) < MIN_LENGTH
                or uses < MIN_NOUN_SHARE * other[word]
                or zipf_frequency(word, "en") < MIN_ZIPF):
            continue
        forms = {plural(word), word + "s", word + "es"}
        rate = max(word_frequency(f, "en") for f in forms) / word_frequency(word, "en")
        if rate < MAX_RATIO:
            out.append((plural(word), word))
    return sorted(out)


def render(table: list[tuple[str, str]]) -> str:
    return HEADER + "".join(f"{p}\t{s}\n" for p, s in table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ewt", type=Path, required=True,
                        help="folder with the EWT's src-{train,dev,test}.conllu")
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file instead of writing it")
    args = parser.parse_args()
    text = render(rows(args.ewt))
    nouns = text.count(chr(10)) - HEADER.count(chr(10))
    return write_or_check(OUT, text, args.check, f"{nouns} nouns")


if __name__ == "__main__":
    sys.exit(main())
