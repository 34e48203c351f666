"""Train the usage models shipped in reviewer/data (tagger, articles, prepositions).

    python bench/train_usage.py --ewt DIR --mlqe ../shared/eval/mlqe-ru-en [--out reviewer/data]

`--ewt DIR` holds the English Web Treebank's train, dev and test parts as
`src-train.conllu`, `src-dev.conllu`, `src-test.conllu` (UD_English-EWT,
CC BY-SA 4.0: the per-document files under `not-to-release/sources/`, joined in
the order of `not-to-release/file-lists/files.{train,dev,test}`; the same
sentences as `en_ewt-ud-*.conllu`). `--mlqe` is MLQE-PE ru-en (CC0): only the
human post-edits of its training part (`train.pe`) are read. Nothing else is
read, and the output is the same bytes for the same inputs.
Sources and licences of what is written: reviewer/data/USAGE.md.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.usage import articles, prepositions  # noqa: E402
from reviewer.usage.linear import Linear  # noqa: E402
from reviewer.usage.phrases import phrases  # noqa: E402
from reviewer.usage.tagger import END, START, Tagger, features, normalise  # noqa: E402
from reviewer.usage.tokens import tokens  # noqa: E402

Sentence = list[tuple[str, str]]  # (word, Penn tag)


def read_conllu(path: Path, documents: bool = False) -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file as (word, XPOS), hyphenated words joined (`agro-industrial`).

    With `documents`, an empty sentence marks the start of each paragraph: an
    earlier mention counts within its paragraph, as reviewer.rules.usage counts it.
    """
    rows: list[tuple[str, str, bool]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if documents and line.startswith(("# newdoc", "# newpar")):
            yield []
        if not line:
            if rows:
                yield _join_hyphens(rows)
                rows = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        rows.append((cols[1], cols[4], "SpaceAfter=No" in cols[9]))
    if rows:
        yield _join_hyphens(rows)


def _join_hyphens(rows: list[tuple[str, str, bool]]) -> Sentence:
    out: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(rows):
        word, tag, glued = rows[i]
        while (i + 2 < len(rows) and glued and rows[i + 1][0] == "-" and rows[i + 1][2]
               and word[-1:].isalpha() and rows[i + 2][0][:1].isalpha()):
            word, tag, glued = word + "-" + rows[i + 2][0], rows[i + 2][1], rows[i + 2][2]
            i += 2
        out.append((word, tag, glued))
        i += 1
    return [(w, t) for w, t, _ in out]


def train_tagger(sentences: list[Sentence], iterations: int = 6) -> Tagger:
    """An averaged perceptron (Collins 2002), trained in a seeded order."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sent in sentences:
        for word, tag in sent:
            counts[normalise(word)][tag] += 1
    lookup = {}
    for word, tags in counts.items():
        tag, n = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= 20 and n / total >= 0.97:
            lookup[word] = tag
    tags = tuple(sorted({t for sent in sentences for _, t in sent}))
    index = {t: i for i, t in enumerate(tags)}
    weights: dict[str, dict[int, float]] = defaultdict(dict)
    totals: dict[tuple[str, int], float] = defaultdict(float)
    stamps: dict[tuple[str, int], int] = defaultdict(int)
    step = 0
    rng = random.Random(13)
    order = list(sentences)
    for it in range(iterations):
        rng.shuffle(order)
        right = seen = 0
        for sent in order:
            words = [w for w, _ in sent]
            context = [*START, *(normalise(w) for w in words), *END]
            prev, prev2 = START
            for i, (word, gold) in enumerate(sent):
                guess = lookup.get(context[i + 2])
                if guess is None:
                    feats = features(i, word, context, words, prev, prev2)
                    scores = [0.0] * len(tags)
                    for f in feats:
                        for t, w in weights[f].items():
                            scores[t] += w
                    guess = tags[max(range(len(tags)), key=scores.__getitem__)]
                    step += 1
                    if guess != gold:
                        for t, delta in ((index[gold], 1.0), (index[guess], -1.0)):
                            for f in feats:
                                key = (f, t)
                                w = weights[f].get(t, 0.0)
                                totals[key] += (step - stamps[key]) * w
                                stamps[key] = step
                                weights[f][t] = w + delta
                right += guess == gold
                seen += 1
                prev2, prev = prev, guess
        print(f"tagger iteration {it + 1}: {right / seen:.4f} on training", file=sys.stderr)
    averaged: dict[str, dict[int, float]] = {}  # pruned: |weight| >= 1
    for f, ws in sorted(weights.items()):
        kept = {}
        for t, w in ws.items():
            key = (f, t)
            total = totals[key] + (step - stamps[key]) * w
            avg = round(total / step, 3)
            if abs(avg) >= 1.0:
                kept[t] = avg
        if kept:
            averaged[f] = dict(sorted(kept.items()))
    return Tagger.from_weights(tags, lookup, averaged)


def accuracy(tagger: Tagger, sentences: list[Sentence]) -> float:
    right = total = 0
    for sent in sentences:
        guess = tagger.tag([w for w, _ in sent])
        right += sum(g == t for g, (_, t) in zip(guess, sent, strict=True))
        total += len(sent)
    return right / total


def article_examples(documents: Iterator[list[Sentence]]) -> Iterator[tuple[list[str], str]]:
    """(features, label) of every noun phrase of every document."""
    for doc in documents:
        seen: set[str] = set()
        for sent in doc:
            words = [w for w, _ in sent]
            tags = [t for _, t in sent]
            for p in phrases(words, tags):
                head = words[p.head].lower()
                yield articles.features(words, tags, p, head in seen), articles.label(words, p)
                seen.add(head)


def ewt_documents(path: Path) -> Iterator[list[Sentence]]:
    doc: list[Sentence] = []
    for sent in read_conllu(path, documents=True):
        if not sent:
            if doc:
                yield doc
            doc = []
        else:
            doc.append(sent)
    if doc:
        yield doc


def wikitext_documents(path: Path, tagger: Tagger) -> Iterator[list[Sentence]]:
    """WikiText-2 paragraphs (tokenised, a line each; `= Title =` lines skipped), tagged.

    Its `@-@`, `@,@` and `@.@` are joined back; sentences holding `<unk>` (a rare
    word the release replaced) are left out.
    """
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("="):
            continue
        line = line.replace(" @-@ ", "-").replace(" @,@ ", ",").replace(" @.@ ", ".")
        doc = [list(zip(sent, tagger.tag(sent), strict=True))
               for sent in _split_tokenised(line) if "<unk>" not in sent]
        if doc:
            yield doc


def _split_tokenised(line: str) -> Iterator[list[str]]:
    sent: list[str] = []
    for word in line.split():
        sent.append(word)
        if word in (".", "!", "?"):
            yield sent
            sent = []
    if sent:
        yield sent


def tagged_lines(path: Path, tagger: Tagger) -> Iterator[list[Sentence]]:
    """Each line of a plain text file as one document of one tagged sentence."""
    for line in path.read_text(encoding="utf-8").splitlines():
        words = [t.word for t in tokens(line)]
        if words:
            yield [list(zip(words, tagger.tag(words), strict=True))]


def preposition_examples(documents: Iterator[list[Sentence]]
                         ) -> Iterator[tuple[list[str], str]]:
    """(features, preposition) of every preposition of `prepositions.CHOICES`."""
    for doc in documents:
        for sent in doc:
            words = [w for w, _ in sent]
            tags = [t for _, t in sent]
            for i, (word, tag) in enumerate(sent):
                low = word.lower()
                if low in prepositions.CHOICES and tag in ("IN", "TO", "RP"):
                    yield prepositions.features(words, tags, i), low


def fit(examples: list[tuple[list[str], str]], classes: tuple[str, ...], c: float = 0.5,
        min_count: int = 2) -> Linear:
    """Multinomial logistic regression (scikit-learn, `train` extra), as plain numbers.

    Features seen fewer than `min_count` times are left out, and weights under
    0.01 in every class are dropped.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _ in examples for f in feats)
    rows = [{f: 1 for f in feats if counts[f] >= min_count} for feats, _ in examples]
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    y = [classes.index(label) for _, label in examples]
    model = LogisticRegression(C=c, max_iter=2000, tol=1e-6)
    model.fit(x, y)
    weights = {}
    for name, col in sorted(vec.vocabulary_.items()):
        w = [round(float(model.coef_[k][col]), 3) for k in range(len(classes))]
        if max(abs(v) for v in w) >= 0.01:
            weights[name] = w
    return Linear.from_rows(classes, [round(float(v), 3) for v in model.intercept_], weights)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ewt", type=Path, required=True)
    ap.add_argument("--mlqe", type=Path, required=True)
    ap.add_argument("--wikitext", type=Path, required=True,
                    help="WikiText-2 (CC BY-SA 3.0): a folder with valid.txt and test.txt")
    ap.add_argument("--keep-tagger", action="store_true",
                    help="use the tagger already in --out (to retrain the other models only)")
    ap.add_argument("--skip", nargs="*", default=(), choices=("articles", "prepositions"),
                    help="models not to retrain (development only)")
    ap.add_argument("--out", type=Path, default=Path("reviewer/data"))
    args = ap.parse_args()
    t0 = time.time()
    train = list(read_conllu(args.ewt / "src-train.conllu"))
    dev = list(read_conllu(args.ewt / "src-dev.conllu"))
    test = list(read_conllu(args.ewt / "src-test.conllu"))
    if not args.keep_tagger:
        tagger = train_tagger(train + dev)
        print(f"tagger: {accuracy(tagger, test):.4f} on EWT test, {len(tagger.index)} features,"
              f" {time.time() - t0:.0f} s", file=sys.stderr)
        (args.out / "tagger.bin").write_bytes(tagger.to_bytes())
    tagger = Tagger.from_bytes((args.out / "tagger.bin").read_bytes())
    documents = [*ewt_documents(args.ewt / "src-train.conllu"),
                 *ewt_documents(args.ewt / "src-dev.conllu"),
                 *tagged_lines(args.mlqe / "train.pe", tagger)]
    for part in ("valid.txt", "test.txt"):
        documents += wikitext_documents(args.wikitext / part, tagger)
    for name, examples, classes in (
        ("articles", list(article_examples(iter(documents))), articles.CLASSES),
        ("prepositions", list(preposition_examples(iter(documents))), prepositions.CHOICES),
    ):
        if name in args.skip:
            continue
        print(f"{name}: {len(examples)} examples", file=sys.stderr)
        model = fit(examples, classes)
        (args.out / f"{name}.bin").write_bytes(model.to_bytes())
        print(f"{name}: {len(model.index)} features, {time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
