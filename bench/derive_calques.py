"""Derive the collocation table of the calque rule (reviewer/data/collocations.tsv.gz).

    python bench/derive_calques.py --bigrams FILE --wordnet DIR \
        [--out reviewer/data/collocations.tsv.gz]

`--bigrams` is symspellpy's `frequency_bigramdictionary_en_243_342.txt` (PyPI
`symspellpy` 6.9.0, inside the wheel: `pip download symspellpy==6.9.0 --no-deps`;
242,342 English word pairs with their Google Books Ngram counts, every pair seen
at least 6.4 million times; Google Books Ngram data CC BY 3.0, SymSpell MIT).
`--wordnet` is the folder of Princeton WordNet 3.0's `data.*` files
(Debian's `wordnet-base`: `apt-get install wordnet-base` puts them in
/usr/share/wordnet; WordNet 3.0 licence, permissive). This script is the only
thing that needs WordNet: the product reads the table and nothing else.

A row says that a pair of words is a calque of a native collocation:
`peace population` → `civilian population`. It is derived, not listed:

1. A native collocation is a modifier + noun (or verb + object) pair of the bigram
   list that makes up at least `STRENGTH` of the modifier's listed uses
   (`civilian population`: 35% of `civilian` + next word) or of the noun's (the
   noun mostly goes after it); where several fit one calque, the most frequent
   pair with the noun, of their modifiers and the calque's synonyms, is its
   replacement: `big amount` → `large amount`.
2. A related word takes one word's slot: a WordNet synonym, a similar or
   see-also adjective, a derivational neighbour, a pertainym, or, for a word that is
   only a noun, a co-antonym adjective (one whose antonym sits next to the noun's
   antonym: `peace` is the opposite of `war`, a `military action`, and `civilian`
   the opposite of `military`): Russian adjectives often come out as English
   nouns used as modifiers. A verb's slot takes its synonyms only: `do mistakes`
   for `make mistakes`.
3. The pair with the related word is a calque when it is missing from the
   bigram list (seen fewer than 6.4 million times) although it would be seen
   `EXPECTED` times that if its modifier took the noun as often, for its own
   frequency, as the related word does; and both words are common (`COMMON`).

The output is sorted and the same bytes for the same inputs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.derived, run as a script
from bench.derived import gzipped, write_or_check  # noqa: E402

STRENGTH = 0.10  # share of a word's listed uses that one collocation must make up
COMMON = 50_000_000  # listed uses (left and right) a word needs to count as common
# The calque is expected this many times the list's floor if its modifier took the
# collocation as often, for its own frequency, as the related word does.
EXPECTED = 4.0
MIN_COUNT = 10_000_000  # the collocation's own count: 1.5 times the list's floor at least
# WordNet pointers to a related word: similar, see also, derivation, pertainym, attribute
RELATIONS = frozenset({"&", "^", "+", "\\", "="})
HEADER = ("# calque\tcollocation\tconfidence  (bench/derive_calques.py, from Google Books "
          "Ngram bigrams via symspellpy, CC BY 3.0, and WordNet 3.0; reviewer/data/README.md)")

Synset = tuple[list[str], list[tuple[str, tuple[str, str], int, int]]]
# lemmas, (pointer, target synset, source word, target word): word 0 = the whole synset


def read_bigrams(path: Path) -> dict[tuple[str, str], int]:
    """The word pairs of symspellpy's list with their counts (its lines end in CRLF)."""
    pairs: dict[tuple[str, str], int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        a, b, count = line.split()
        pairs[(a, b)] = int(count)
    return pairs


def read_wordnet(folder: Path) -> dict[tuple[str, str], Synset]:
    """The synsets of WordNet by (pos, offset): lemmas and pointers."""
    synsets: dict[tuple[str, str], Synset] = {}
    for pos, name in (("n", "noun"), ("a", "adj"), ("v", "verb"), ("r", "adv")):
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            f = line.split(" | ")[0].split()
            count = int(f[3], 16)
            lemmas = [f[4 + 2 * i].lower().split("(")[0] for i in range(count)]
            k = 4 + 2 * count
            pointers = []
            for i in range(int(f[k])):
                symbol, offset, target_pos, source_target = f[k + 1 + 4 * i:k + 5 + 4 * i]
                target = ("a" if target_pos == "s" else target_pos, offset)
                source, which = int(source_target[:2], 16), int(source_target[2:], 16)
                pointers.append((symbol, target, source, which))
            synsets[(pos, f[0])] = (lemmas, pointers)
    return synsets


class Lexicon:
    """Single words related to a word in WordNet."""

    def __init__(self, synsets: dict[tuple[str, str], Synset]) -> None:
        self.synsets = synsets
        self.index: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, (lemmas, _) in sorted(synsets.items()):
            for lemma in lemmas:
                self.index[lemma].append(key)
        self.antonyms: dict[str, set[str]] = defaultdict(set)
        for lemmas, pointers in synsets.values():
            for symbol, target, source, which in pointers:
                if symbol == "!":
                    names = synsets[target][0]
                    self.antonyms[lemmas[source - 1]].add(names[which - 1])

    def _targets(self, word: str, symbols: Iterable[str]) -> set[str]:
        wanted = frozenset(symbols)
        out: set[str] = set()
        for key in self.index.get(word, ()):
            lemmas, pointers = self.synsets[key]
            out.update(lemmas)
            for symbol, target, source, which in pointers:
                if symbol in wanted and (source == 0 or lemmas[source - 1] == word):
                    names = self.synsets[target][0]
                    out.update(names if which == 0 else names[which - 1:which])
        return out

    def pos(self, word: str) -> set[str]:
        """The parts of speech of `word`'s synsets: `n`, `v`, `a`, `r`."""
        return {pos for pos, _ in self.index.get(word, ())}

    def synonyms(self, word: str) -> set[str]:
        """The lemmas of `word`'s synsets, `word` included."""
        return self._targets(word, ())

    def _around(self, word: str) -> set[str]:
        """The words of `word`'s synsets' lemmas and of those they point to, opposites aside."""
        out: set[str] = set()
        for key in self.index.get(word, ()):
            lemmas, pointers = self.synsets[key]
            pointed = [n for symbol, t, _, _ in pointers if symbol != "!"
                       for n in self.synsets[t][0]]
            for name in lemmas + pointed:
                out.update(name.split("_"))
        return out

    def related(self) -> dict[str, set[str]]:
        """Every word's related single words: RELATIONS and synonyms, and for a noun
        (only a noun) the adjectives that are its co-antonyms."""
        around = {a: self._around(a) for a in sorted(set().union(*self.antonyms.values()))}
        near = {w: set().union(*(around[a] for a in ants)) for w, ants in self.antonyms.items()}
        by_antonym: dict[str, set[str]] = defaultdict(set)
        for v, ants in self.antonyms.items():
            for a in ants:
                by_antonym[a].add(v)
        out: dict[str, set[str]] = {}
        for word in self.index:
            if not word.isalpha():
                continue
            rel = self._targets(word, RELATIONS)
            if self.pos(word) == {"n"}:  # a noun where Russian has an adjective: its co-antonyms
                for n in near.get(word, ()):
                    rel.update(v for v in by_antonym.get(n, ()) if "a" in self.pos(v))
            synonyms = self.synonyms(word)
            # an opposite is no variant
            rel = {r for r in rel if not self.antonyms.get(r, set()) & synonyms}
            rel = {r for r in rel if r.isalpha() and r != word}
            if rel:
                out[word] = rel
        return out


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else (
        word + "es" if word.endswith(("s", "x", "ch", "sh")) else word + "s")


def derive(pairs: dict[tuple[str, str], int], lexicon: Lexicon) -> list[tuple[str, str, float]]:
    """The (calque, collocation, confidence) rows, sorted.

    The confidence is 1 - floor / expected: how sure the list's silence on the
    calque is, given how often it would be seen if it were as native as the
    collocation (at least 1 - 1 / EXPECTED).
    """
    right: Counter[str] = Counter()
    left: Counter[str] = Counter()
    for (a, b), n in pairs.items():
        right[a] += n
        left[b] += n
    related = lexicon.related()
    calqued_as: dict[str, set[str]] = defaultdict(set)  # v: the words that have v as a variant
    for word, variants in related.items():
        for v in variants:
            calqued_as[v].add(word)
    nouns = {w for w, keys in lexicon.index.items() if any(k[0] == "n" for k in keys)}
    modifiers = {w for w, keys in lexicon.index.items() if any(k[0] in "an" for k in keys)}
    verbs = {w for w, keys in lexicon.index.items() if any(k[0] == "v" for k in keys)}
    singular = {_plural(w): w for w in sorted(nouns)}
    floor = min(pairs.values())

    def common(word: str) -> bool:
        return right[word] + left[word] >= COMMON

    expected: dict[tuple[str, str], float] = {}  # calque: its expected count, at the most
    natives: dict[tuple[str, str], set[str]] = defaultdict(set)  # calque: collocations' modifiers
    for (v, b), n in sorted(pairs.items()):
        if n < MIN_COUNT or not v.isalpha() or not b.isalpha():
            continue
        if singular.get(b, b) not in nouns or (v not in modifiers and v not in verbs):
            continue
        if max(n / right[v], n / left[b]) < STRENGTH:
            continue  # not a collocation: v seldom goes before b, and b seldom after v
        kin = calqued_as.get(v, set()) & modifiers  # v's kin in v's slot
        if v in verbs:
            kin |= lexicon.synonyms(v) & verbs  # `do mistakes` for `make mistakes`
        for a in sorted(kin):
            e = n * right[a] / right[v]
            if (a, b) not in pairs and common(a) and common(b) and e >= EXPECTED * floor:
                expected[(a, b)] = max(e, expected.get((a, b), 0.0))
                natives[(a, b)].add(v)
    rows = []
    for (a, b), e in sorted(expected.items()):
        # the replacement: the most frequent pair with b of a collocation's modifier or a synonym
        kin = sorted(natives[(a, b)] | (lexicon.synonyms(a) & (verbs if a in verbs else modifiers)))
        native = max((pairs.get((v, b), 0), v) for v in kin)[1]
        rows.append((f"{a} {b}", f"{native} {b}", 1 - floor / e))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bigrams", type=Path, required=True)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    out = Path(__file__).resolve().parents[1] / "reviewer/data/collocations.tsv.gz"
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--check", action="store_true",
                        help="say whether --out is what this script writes; write nothing")
    args = parser.parse_args(argv)
    for path in (args.bigrams, args.wordnet / "data.noun"):
        if not path.is_file():
            print(f"{path}: not found", file=sys.stderr)
            return 2
    rows = derive(read_bigrams(args.bigrams), Lexicon(read_wordnet(args.wordnet)))
    text = HEADER + "\n" + "".join(f"{c}\t{n}\t{s:.2f}\n" for c, n, s in rows)
    data = gzipped(text)
    return write_or_check(args.out, data, args.check, f"{len(rows)} calques, {len(data):,} bytes")


if __name__ == "__main__":
    sys.exit(main())
