"""Mine calques from where Russian speakers' English was corrected, and measure the table.

    python bench/mine_calques.py --realec ../shared/eval/realec/realec-tune.tsv \
        --mlqe ../shared/eval/mlqe-ru-en --ewt /work/data/ewt --wikitext /work/data/wikitext2 \
        --bigrams frequency_bigramdictionary_en_243_342.txt \
        [--out TABLE.tsv] [--measure ../shared/eval/translationese-dev]

A calque of Russian (`in two times`, `make accent on`, `working places`) is a
phrase of two to four common words that Russian speakers write again and again
and native English does not. The script finds such phrases from two kinds of
evidence and nothing else (no phrase is listed by hand):

1. **Corrected** (the mined side): an n-gram is *corrected* where it overlaps a
   token a REALEC annotator marked wrong (`realec-tune.tsv`, CC BY-SA 4.0: the
   tokens of learners' essays labelled c/i) or where a post-editor changed
   MLQE-PE's machine translation (`train.mt` → `train.pe`, CC0; tokens aligned
   with difflib) and the n-gram is gone from the post-edit. The post-edit's words
   in that slot are the replacement. A candidate is corrected `MIN_CORRECTED`
   times or more, in at least `MIN_SHARE` of the times it is written.
2. **Not native** (the check): none of its words is rare (wordfreq's Zipf value
   `MIN_ZIPF` or more: a misspelling is the speller's, not a calque), it never
   occurs in native edited text (UD English EWT, CC BY-SA 4.0; WikiText-2's
   validation and test articles, CC BY-SA 3.0), and, for two words, the pair is
   missing from the Google Books Ngram pairs of symspellpy (CC BY 3.0; every pair
   there is seen 6.4 million times or more); and one word at least is not a
   function word (`FUNCTION_ZIPF`).

`--bigrams` comes with symspellpy 6.9.0's wheel (`pip download symspellpy==6.9.0
--no-deps`), `--ewt` is UD English EWT's CoNLL-U files, `--wikitext` a copy of
WikiText-2 (`valid.txt`, `test.txt`), as for bench/train_usage.py.

The table is written sorted (`phrase<TAB>replacement<TAB>times corrected<TAB>
times written`; the replacement empty where no post-edit gave one), the same
bytes for the same inputs. It is not shipped: measured, it finds none of the
development set's calques (docs/quality.md, "Calques mined from corrected
English"); were it shipped, REALEC makes it CC BY-SA 4.0.

`--measure DEV` prints the figures: how many of the development set's calques
and lexical errors the sources could give at all (the ceiling); the table's
matches on the development set (span overlap with its gold, by kind); where its
matches land in REALEC (on a marked token, elsewhere in a marked sentence, in a
clean sentence), again with the table mined from one half of REALEC and counted
on the other (the honest figure: the table is mined from REALEC itself); in
MLQE-PE dev; and, with `--conll M2`, in CoNLL (measured, never mined). The
development set is read for measuring only, after mining.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer.confidence.frequency import zipf
from reviewer.usage.tokens import tokens

ORDERS = (2, 3, 4)  # n-gram lengths
MIN_CORRECTED = 2  # times an n-gram must be corrected: one text is no evidence
MIN_SHARE = 0.5  # of the times it is written
MIN_ZIPF = 3.0  # every word at least this common (wordfreq's Zipf scale)
# A word this common is a function word (`the`, `of`, `from`; `make` and `two` are under it):
# an n-gram of function words only (`in the`, `'s to`) says nothing of its own.
FUNCTION_ZIPF = 6.2
# What to mine from: both sets pooled, one of them, or phrases each set corrects (once or more)
# that pass the same tests in both: evidence from two sources.
SOURCES = ("both", "realec", "mlqe", "agree")
HEADER = ("# phrase\treplacement\tcorrected\twritten  (bench/mine_calques.py, from REALEC, "
          "CC BY-SA 4.0, and MLQE-PE, CC0: this table is CC BY-SA 4.0)")

Gram = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Corrected:
    """A sentence of corrected English: its lowercased words, which were corrected, and what
    a post-editor wrote for each corrected n-gram (none for an annotation without fixes)."""

    words: tuple[str, ...]
    wrong: tuple[bool, ...]
    fixes: tuple[tuple[Gram, str], ...] = ()
    post_edit: bool = False  # corrected n-grams are those of `fixes`, not all over `wrong`

    def grams(self) -> Iterator[tuple[int, int, Gram, bool, str]]:
        """Every n-gram with its span, whether it was corrected, and the fix written there."""
        fixes = dict(self.fixes)
        for i, j, g in grams(self.words):
            if self.post_edit:
                yield i, j, g, g in fixes, fixes.get(g, "")
            else:
                yield i, j, g, any(self.wrong[i:j]), ""


def _is_word(w: str) -> bool:
    return w.replace("-", "").replace("'", "").isalpha()


def grams(words: Sequence[str]) -> Iterator[tuple[int, int, Gram]]:
    """Every n-gram of words only (no number, no mark) with its token span."""
    for n in ORDERS:
        for i in range(len(words) - n + 1):
            g = tuple(words[i:i + n])
            if all(_is_word(w) for w in g):
                yield i, i + n, g


def read_realec(path: Path) -> list[Corrected]:
    """REALEC's sentences: a token per line, `word<TAB>c|i`, a blank line between sentences."""
    out: list[Corrected] = []
    words: list[str] = []
    wrong: list[bool] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if words:
                out.append(Corrected(tuple(words), tuple(wrong)))
            words, wrong = [], []
            continue
        word, label = line.split("\t")[:2]
        words.append(word.lower())
        wrong.append(label == "i")
    return out


def _pe_position(opcodes: Sequence[tuple[str, int, int, int, int]], i: int, end: bool) -> int:
    """Where mt's token boundary `i` falls in the post-edit."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" and i1 <= i <= i2:
            return j1 + (i - i1)
        if i1 <= i <= i2 and (i1 < i < i2 or (end and i == i2) or (not end and i == i1)):
            return j2 if end else j1
    return 0


def post_edited(mt: str, pe: str) -> Corrected:
    """A machine translation and its post-edit: the mt tokens the editor changed, and for
    each n-gram over them that is gone from the post-edit, the post-edit's words there."""
    m = mt.lower().split()
    p = pe.lower().split()
    opcodes = difflib.SequenceMatcher(a=m, b=p, autojunk=False).get_opcodes()
    wrong = [False] * len(m)
    for tag, i1, i2, _, _ in opcodes:
        if tag in ("replace", "delete"):
            wrong[i1:i2] = [True] * (i2 - i1)
        elif tag == "insert" and i1 > 0:
            wrong[i1 - 1] = True  # a word was missing after this one
    pe_text = f" {' '.join(p)} "
    fixes = []
    for i, j, g in grams(m):
        if any(wrong[i:j]) and f" {' '.join(g)} " not in pe_text:
            fix = p[_pe_position(opcodes, i, False):_pe_position(opcodes, j, True)]
            fixes.append((g, " ".join(fix)))
    return Corrected(tuple(m), tuple(wrong), tuple(fixes), post_edit=True)


def read_mlqe(folder: Path, split: str) -> list[Corrected]:
    mt = (folder / f"{split}.mt").read_text(encoding="utf-8").splitlines()
    pe = (folder / f"{split}.pe").read_text(encoding="utf-8").splitlines()
    return [post_edited(a, b) for a, b in zip(mt, pe, strict=True)]


def native_counts(ewt: Path, wikitext: Path) -> Counter[Gram]:
    """How often each n-gram occurs in native edited English: EWT's and WikiText-2's."""
    counts: Counter[Gram] = Counter()
    for path in sorted(ewt.glob("*.conllu")):
        if path.name.startswith(("src", "all")):
            continue  # the same sentences again
        words: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            if not line:
                counts.update(g for _, _, g in grams(words))
                words = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" not in cols[0] and "." not in cols[0]:
                    words.append(cols[1].lower())
    for name in ("valid.txt", "test.txt"):
        for line in (wikitext / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.strip().startswith("="):
                counts.update(g for _, _, g in grams(line.lower().replace(" @-@ ", "-").split()))
    return counts


def read_bigrams(path: Path) -> set[tuple[str, str]]:
    pairs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            pairs.add((parts[0], parts[1]))
    return pairs


def content(g: Gram) -> bool:
    """Whether an n-gram has a word that is not a function word (a clitic is one: `'s`)."""
    return any(zipf(w) < FUNCTION_ZIPF and w[:1].isalpha() for w in g)


def mine(sentences: Iterable[Corrected], native: Counter[Gram], bigrams: set[tuple[str, str]],
         min_corrected: int = MIN_CORRECTED) -> list[tuple[str, str, int, int]]:
    """The table's rows: phrase, replacement, times corrected, times written."""
    corrected: Counter[Gram] = Counter()
    written: Counter[Gram] = Counter()
    fixes: defaultdict[Gram, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for _, _, g, wrong, fix in s.grams():
            written[g] += 1
            if wrong:
                corrected[g] += 1
                if fix:
                    fixes[g][fix] += 1
    rows = []
    for g, n in corrected.items():
        if n < min_corrected or n < MIN_SHARE * written[g]:
            continue
        if native[g] or any(zipf(w) < MIN_ZIPF for w in g) or not content(g):
            continue
        if len(g) == 2 and (g[0], g[1]) in bigrams:
            continue
        best = sorted(fixes[g].items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append((" ".join(g), best[0][0] if best else "", n, written[g]))
    return sorted(rows)


def write_table(rows: list[tuple[str, str, int, int]], out: Path) -> None:
    lines = [HEADER] + [f"{p}\t{r}\t{n}\t{w}" for p, r, n, w in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def mine_from(source: str, realec: list[Corrected], mlqe: list[Corrected],
              native: Counter[Gram], bigrams: set[tuple[str, str]],
              min_corrected: int = MIN_CORRECTED) -> list[tuple[str, str, int, int]]:
    """The table mined from `source` (one of `SOURCES`)."""
    if source == "agree":
        learners = {p for p, *_ in mine(realec, native, bigrams, 1)}
        translations = {p for p, *_ in mine(mlqe, native, bigrams, 1)}
        return [r for r in mine(realec + mlqe, native, bigrams, 1)
                if r[0] in learners and r[0] in translations]
    return mine((realec if source != "mlqe" else []) + (mlqe if source != "realec" else []),
                native, bigrams, min_corrected)


# --- measuring -------------------------------------------------------------------------------

def matches(text: str, table: set[str]) -> Iterator[tuple[int, int, str]]:
    """Character spans of `text` where a phrase of the table is written (lower case)."""
    toks = list(tokens(text))
    low = [t.word.lower() for t in toks]
    for i, j, g in grams(low):
        phrase = " ".join(g)
        if phrase in table:
            yield toks[i].start, toks[j - 1].end, phrase


def _gold(folder: Path) -> tuple[list[str], list[tuple[int, int, int, str, str]]]:
    """The development set's lines and its gold rows as (line, start, end, kind, text)."""
    lines = (folder / "dev.txt").read_text(encoding="utf-8").splitlines()
    gold = []
    with (folder / "dev.gold.tsv").open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r and not r[0].startswith("#")]
    for line_no, exact, occurrence, kind, _ in rows:
        line = lines[int(line_no) - 1]
        at = -1
        for _ in range(int(occurrence)):
            at = line.find(exact, at + 1)
        gold.append((int(line_no), at, at + len(exact), kind, exact))
    return lines, gold


KINDS = ("calque", "lexical")


def measure_dev(folder: Path, table: set[str]) -> dict[str, object]:
    """Span overlap with the development set's gold: right/wrong findings, found by kind."""
    lines, gold = _gold(folder)
    right: list[str] = []
    wrong: list[str] = []
    hit: set[int] = set()
    for n, line in enumerate(lines, 1):
        for s, e, phrase in matches(line, table):
            over = [k for k, (ln, gs, ge, _, _) in enumerate(gold)
                    if ln == n and gs < e and s < ge]
            real = [k for k in over if gold[k][3] != "neutral"]
            if real:
                right.append(f"{phrase} ({gold[real[0]][3]})")
                hit.update(real)
            elif not over:
                wrong.append(phrase)
    found = Counter(gold[k][3] for k in hit)
    total = Counter(g[3] for g in gold)
    return {"right": right, "wrong": wrong,
            "found": {k: f"{found[k]}/{total[k]}" for k in KINDS}}


def ceiling(folder: Path, sentences: Sequence[Corrected]) -> dict[str, object]:
    """How many of the development set's calques and lexical errors the sources could give:
    problems with an n-gram (not of function words only) written in them, corrected there
    once, corrected `MIN_CORRECTED` times (those n-grams: corrected / written)."""
    written: Counter[Gram] = Counter()
    corrected: Counter[Gram] = Counter()
    for s in sentences:
        for _, _, g, wrong, _ in s.grams():
            written[g] += 1
            corrected[g] += wrong
    counts = Counter[str]()
    enough: list[str] = []
    for *_, kind, exact in _gold(folder)[1]:
        if kind not in KINDS:
            continue
        inside = [g for _, _, g in grams([t.word.lower() for t in tokens(exact)]) if content(g)]
        counts["problems"] += 1
        counts["written"] += any(written[g] for g in inside)
        counts["corrected once"] += any(corrected[g] for g in inside)
        counts["corrected enough"] += any(corrected[g] >= MIN_CORRECTED for g in inside)
        enough += [f"{' '.join(g)} {corrected[g]}/{written[g]}" for g in inside
                   if corrected[g] >= MIN_CORRECTED]
    return {**counts, "n-grams corrected enough": enough}


@dataclass(frozen=True, slots=True)
class Flags:
    """Where the table's phrases land in corrected text: on a corrected token, elsewhere in a
    corrected sentence, in a clean sentence (and how many clean sentences there are)."""

    on_token: int
    elsewhere: int
    clean: int
    clean_sentences: int
    examples: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.on_token} on a corrected token, {self.elsewhere} elsewhere in a corrected "
                f"sentence, {self.clean} of {self.clean_sentences} clean sentences flagged "
                f"{list(self.examples)}")


def flags(sentences: Iterable[Corrected], table: set[str]) -> Flags:
    """Count the table's matches by where they land (a sentence's first match only)."""
    on_token = elsewhere = clean = clean_sentences = 0
    examples: Counter[str] = Counter()
    for s in sentences:
        clean_sentences += not any(s.wrong)
        hits = [(i, j, " ".join(g)) for i, j, g in grams(s.words) if " ".join(g) in table]
        if not hits:
            continue
        i, j, phrase = hits[0]
        if any(s.wrong[i:j]):
            on_token += 1
        elif any(s.wrong):
            elsewhere += 1
        else:
            clean += 1
            examples[phrase] += 1
    return Flags(on_token, elsewhere, clean, clean_sentences,
                 tuple(p for p, _ in examples.most_common(6)))


def read_m2(path: Path) -> list[Corrected]:
    """CoNLL's sentences (M2 format), each token marked where an annotator's edit touches it."""
    out = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        if not lines or not lines[0].startswith("S "):
            continue
        words = lines[0][2:].lower().split()
        wrong = [False] * len(words)
        for line in lines[1:]:
            start, end = (int(x) for x in line[2:].split("|||")[0].split())
            if "noop" in line or start < 0:
                continue
            for k in range(start, max(end, start + 1)):
                if k < len(words):
                    wrong[k] = True
        out.append(Corrected(tuple(words), tuple(wrong)))
    return out


def _report(args: argparse.Namespace, realec: list[Corrected], mlqe: list[Corrected],
            native: Counter[Gram], bigrams: set[tuple[str, str]],
            rows: list[tuple[str, str, int, int]]) -> None:
    table = {p for p, *_ in rows}
    print(f"ceiling on translationese-dev ({args.source}):",
          ceiling(args.measure, (realec if args.source != "mlqe" else [])
                  + (mlqe if args.source not in ("realec", "agree") else [])))
    print("translationese-dev:", measure_dev(args.measure, table))
    print("REALEC, mined from all of it:", flags(realec, table))
    for k in (0, 1):  # mined from one half, counted on the other
        held = {p for p, *_ in mine_from(args.source, realec[k::2], mlqe, native, bigrams,
                                         args.min_corrected)}
        print(f"REALEC half {2 - k}, table of half {k + 1}:", flags(realec[1 - k::2], held))
    print("MLQE-PE dev:", flags(read_mlqe(args.mlqe, "dev"), table))
    if args.conll:
        print("CoNLL:", flags(read_m2(args.conll), table))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--realec", type=Path, required=True, help="realec-tune.tsv")
    ap.add_argument("--mlqe", type=Path, required=True, help="MLQE-PE ru-en folder")
    ap.add_argument("--ewt", type=Path, required=True, help="UD English EWT folder (*.conllu)")
    ap.add_argument("--wikitext", type=Path, required=True, help="WikiText-2 folder")
    ap.add_argument("--bigrams", type=Path, required=True,
                    help="symspellpy's frequency_bigramdictionary_en_243_342.txt")
    ap.add_argument("--source", choices=SOURCES, default="both", help="mine from (both)")
    ap.add_argument("--min-corrected", type=int, default=MIN_CORRECTED)
    ap.add_argument("--out", type=Path, help="write the table here")
    ap.add_argument("--measure", type=Path, help="translationese-dev folder: print figures")
    ap.add_argument("--conll", type=Path, help="with --measure: an M2 file to count on too")
    args = ap.parse_args()
    for p in (args.realec, args.mlqe, args.ewt, args.wikitext, args.bigrams, args.measure,
              args.conll):
        if p is not None and not p.exists():
            print(f"mine_calques: {p}: not found", file=sys.stderr)
            return 2
    realec = read_realec(args.realec)
    mlqe = read_mlqe(args.mlqe, "train")
    native = native_counts(args.ewt, args.wikitext)
    bigrams = read_bigrams(args.bigrams)
    rows = mine_from(args.source, realec, mlqe, native, bigrams, args.min_corrected)
    print(f"{len(rows)} phrases mined ({args.source})")
    if args.out:
        write_table(rows, args.out)
    if args.measure:
        _report(args, realec, mlqe, native, bigrams, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
