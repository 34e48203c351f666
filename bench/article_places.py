"""Where the article model disagrees with the writer, on REALEC and the translationese set.

    python bench/article_places.py ../shared/eval/realec ../shared/eval/translationese-dev \
        [--predictions REALEC.jsonl] [--bins]

Every place where the model prefers another article than the writer's
(`reviewer.rules.usage.article_places`), counted by where it stands and why it
is left alone (or `reported`), against each set's gold: on REALEC whether the
finding touches an annotated token, sits elsewhere in an annotated sentence, or
in a clean one; on the translationese set whether it overlaps an article
problem, another problem, or none. With `--predictions` (written by
`bench/quality.py realec ... --all --predictions FILE`) it also prints REALEC's
whole false-alarm rate: clean sentences flagged by a reported place or by any
other finding at the threshold. This is how TQA_ARTICLE's thresholds were
chosen (docs/quality.md); no LanguageTool server is needed.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qualitybench import translationese  # noqa: E402
from qualitybench.datasets import read_realec  # noqa: E402
from qualitybench.detok import detokenise  # noqa: E402

from reviewer.confidence.model import load_model  # noqa: E402
from reviewer.rules.usage import ArticlePlace, article_places  # noqa: E402

Key = tuple[str, str]  # (place, left or "reported")


def _key(place: ArticlePlace, bins: bool) -> Key:
    where = place.place
    if bins:
        where += f" {int(place.probs[place.best] * 20) / 20:.2f}"
    return where, place.left or "reported"


def realec_counts(path: Path, predictions: Path | None, min_confidence: float, bins: bool
                  ) -> tuple[dict[Key, Counter[str]], str]:
    """Places by key and label, and a line on the whole false-alarm rate (or "")."""
    data = read_realec(path)
    others: list[bool] = []
    if predictions:
        for line in predictions.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            others.append(any(d[0] != "TQA_ARTICLE" and d[4] >= min_confidence
                              for d in row["detections"]))
    counts: dict[Key, Counter[str]] = defaultdict(Counter)
    clean = flagged = by_model = 0
    for n, sentence in enumerate(data.sentences):
        text = detokenise(sentence.tokens)
        reported = False
        for place in article_places(text.text):
            touched = set(text.tokens_at(place.hit.start, place.hit.end))
            label = ("clean" if not sentence.erroneous else
                     "annotated" if touched & (sentence.gold_tokens or set()) else "elsewhere")
            counts[_key(place, bins)][label] += 1
            reported = reported or not place.left
        if not sentence.erroneous:
            clean += 1
            other = bool(others) and others[n]
            flagged += reported or other
            by_model += reported and not other
    line = ""
    if others:
        line = (f"REALEC false alarms, whole checker at {min_confidence:.2f}: {flagged}/{clean} = "
                f"{flagged / clean:.4f} ({by_model} flagged by the article model alone)")
    return counts, line


def dev_counts(path: Path, bins: bool) -> tuple[dict[Key, Counter[str]], int, int]:
    """Places by key and label; article problems found by reported places, and in all."""
    annotated = translationese.read_annotated(path)
    text = annotated.text
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    gold = [g for g in annotated.gold if not g.neutral]
    counts: dict[Key, Counter[str]] = defaultdict(Counter)
    found: set[int] = set()
    for place in article_places(text):
        k = bisect.bisect_right(starts, place.hit.start) - 1
        start = place.hit.start - starts[k]
        end = max(place.hit.end, place.hit.start + 1) - starts[k]
        hits = [n for n, g in enumerate(gold)
                if g.line == k + 1 and start < g.end and g.start < end]
        label = ("article" if any(gold[n].kind == "article" for n in hits) else
                 "other problem" if hits else "none")
        counts[_key(place, bins)][label] += 1
        if not place.left:
            found.update(n for n in hits if gold[n].kind == "article")
    return counts, len(found), sum(g.kind == "article" for g in gold)


def table(title: str, counts: dict[Key, Counter[str]], labels: Sequence[str]) -> str:
    lines = [title, f"{'place':28} {'left':16} " + " ".join(f"{x:>13}" for x in labels)]
    for (where, left), c in sorted(counts.items()):
        lines.append(f"{where:28} {left:16} " + " ".join(f"{c[x]:13}" for x in labels))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("realec", type=Path, help="REALEC's folder (realec-tune.tsv)")
    ap.add_argument("dev", type=Path, help="the translationese set's folder or text")
    ap.add_argument("--predictions", type=Path, help="bench/quality.py realec --all output")
    ap.add_argument("--bins", action="store_true", help="split places by the model's probability")
    args = ap.parse_args(argv)
    threshold = load_model().min_confidence
    realec, line = realec_counts(args.realec, args.predictions, threshold, args.bins)
    dev, found, total = dev_counts(args.dev, args.bins)
    sys.stdout.write(table("REALEC", realec, ("annotated", "elsewhere", "clean")) + "\n")
    sys.stdout.write(table("translationese", dev, ("article", "other problem", "none")) + "\n")
    sys.stdout.write(f"translationese articles found by reported places: {found}/{total}\n")
    if line:
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
