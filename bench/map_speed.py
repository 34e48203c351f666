"""How long decisions take to follow an edit: 10,000 suggestions of a 1 MB document mapped.

    .venv/bin/python bench/map_speed.py [--size 1000000] [--suggestions 10000] [--repeat 3]

The document is the seed's text repeated to `--size` characters, with a
suggestion on a word about every `size / suggestions` characters. Two edits
are timed: one sentence rewritten in the middle, and 100 words replaced all
over the document. Each figure (median of the repeats) covers the diff of
the text reviewed and the text now (reviewer.review.textmap.TextMap.between)
and the mapping of every suggestion with its sentence
(reviewer.review.follow.placer), as a re-review or `apply` does it; and
apart, the suggestions rebuilt at their new places (`follow.moved`, for
`apply`'s re-check). Also
printed: the review file's size with and without the text reviewed
(`document.text`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from reviewer.model import Finding, Severity
from reviewer.review.follow import moved, placer
from reviewer.review.record import ReviewFile, dump_bytes
from reviewer.review.suggest import Suggestion, build_suggestion
from reviewer.review.textmap import TextMap

SEED = Path(__file__).resolve().parent.parent / "seeds" / "mine-action-statement.en.txt"


def document(size: int, n: int) -> tuple[str, tuple[Suggestion, ...]]:
    seed = SEED.read_text(encoding="utf-8")
    text = (seed * (size // len(seed) + 1))[:size]
    step = size // n
    found = []
    for k in range(n):
        start = text.find(" ", k * step) + 1
        end = start + 1
        while end < len(text) and text[end].isalnum():
            end += 1
        found.append(Finding(
            path="big.txt", start=start, end=end, rule_id="RULE", id=f"id{k}", sub_id="",
            source="bench", category="GRAMMAR", issue_type="grammar", severity=Severity.MAJOR,
            message="m", short_message="", line=1, column=1, end_line=1, end_column=1,
            text=text[start:end], context="", sentence="", replacements=("x",)))
    return text, tuple(build_suggestion(f, text) for f in found)


def rewritten(text: str) -> str:
    mid = text.index(". ", len(text) // 2) + 2
    stop = text.index(". ", mid) + 1
    return text[:mid] + "This sentence was written again by the editor." + text[stop:]


def scattered(text: str, edits: int = 100) -> str:
    rnd = random.Random(7)
    out = text
    for _ in range(edits):
        at = out.find(" ", rnd.randrange(len(out))) + 1
        end = out.find(" ", at)
        out = out[:at] + "EDITED" + out[end:]
    return out


def timed(old: str, new: str, suggestions: tuple[Suggestion, ...],
          repeat: int) -> tuple[float, float, float, int]:
    diffs, places, moves = [], [], []
    kept = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        m = TextMap.between(old, new)
        t1 = time.perf_counter()
        place = placer(m)
        kept = sum(place(s) is not None for s in suggestions)
        t2 = time.perf_counter()
        moved(suggestions, m)
        t3 = time.perf_counter()
        diffs.append(t1 - t0)
        places.append(t2 - t1)
        moves.append(t3 - t2)
    return statistics.median(diffs), statistics.median(places), statistics.median(moves), kept


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/map_speed.py")
    p.add_argument("--size", type=int, default=1_000_000)
    p.add_argument("--suggestions", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    text, suggestions = document(args.size, args.suggestions)
    for name, new in (("one sentence rewritten", rewritten(text)),
                      ("100 words replaced", scattered(text))):
        diff, mapping, records, kept = timed(text, new, suggestions, args.repeat)
        print(f"{name}: diff {diff * 1000:.0f} ms + mapping {mapping * 1000:.0f} ms = "
              f"{(diff + mapping) * 1000:.0f} ms for {len(suggestions):,} suggestions "
              f"({kept:,} kept) in {len(text):,} characters; the moved records (apply's "
              f"re-check) {records * 1000:.0f} ms more (median of {args.repeat})")
    review = ReviewFile("big.txt", "0" * 64, suggestions)
    plain = len(dump_bytes(review))
    with_text = len(dump_bytes(ReviewFile("big.txt", "0" * 64, suggestions,
                                          document_text=text)))
    print(f"review file: {plain / 1e6:.1f} MB, {with_text / 1e6:.1f} MB with the text "
          f"reviewed (+{(with_text - plain) / plain:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
