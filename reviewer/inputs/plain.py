"""Plain text: checked whole, or paired paragraph by paragraph with its source (`--source`).

Paragraphs are runs of text between blank lines (`reviewer.text.sentences.paragraphs`).
A pair must have as many paragraphs on both sides; when it does not, a
length-based alignment (in the manner of Gale and Church) finds the first
paragraph where one side has a paragraph the other lacks, or two paragraphs
where the other has one, and the error names it in both files.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from reviewer.inputs.writeback import Correction, splice
from reviewer.text.document import Document, InputError
from reviewer.text.lines import LineIndex
from reviewer.text.segment import Segment, SegmentBuilder
from reviewer.text.sentences import paragraphs

NAME = "text"


def extract(raw: bytes) -> tuple[Segment, ...]:
    """The whole text as one segment, its placeholders and URLs protected."""
    text = raw.decode("utf-8").removeprefix("\ufeff")
    b = SegmentBuilder("", 0)
    b.prose(0, text)
    return (b.build(),)


def escape(text: str) -> str:
    return text


def write_back(original: bytes, corrections: Sequence[Correction]) -> bytes:
    """The text with the corrections spliced in."""
    return splice(original, corrections, extract, escape)


def pair(target: Document, source: Document) -> Document:
    """`target` split into paragraph segments, each with its source paragraph.

    Raises `InputError` naming both files and the first place they diverge
    when the paragraph counts differ.
    """
    tgt = list(paragraphs(target.text))
    src = list(paragraphs(source.text))
    if len(tgt) != len(src):
        i, j = first_divergence([e - s for s, e in src], [e - s for s, e in tgt])
        src_line = LineIndex(source.text).position(src[min(i, len(src) - 1)][0])[0] if src else 1
        tgt_line = LineIndex(target.text).position(tgt[min(j, len(tgt) - 1)][0])[0] if tgt else 1
        raise InputError(
            target.path,
            f"{len(tgt)} paragraphs but its source {source.path} has {len(src)}; "
            f"they first diverge at paragraph {j + 1} (line {tgt_line}) of {target.path} "
            f"and paragraph {i + 1} (line {src_line}) of {source.path}",
        )
    segments = []
    for n, ((ts, te), (ss, se)) in enumerate(zip(tgt, src, strict=True), start=1):
        b = SegmentBuilder(f"p{n}", ts)
        b.prose(ts, target.text[ts:te].rstrip())
        segments.append(b.build(source.text[ss:se].rstrip()))
    return replace(target, segments=tuple(segments), format=NAME)


_SKIP = 4.0  # cost of a paragraph with no counterpart
_MERGE = 2.0  # extra cost of two paragraphs against one


def first_divergence(src: Sequence[int], tgt: Sequence[int]) -> tuple[int, int]:
    """(source index, target index) of the first paragraph not aligned one to one."""
    ratio = (sum(tgt) + 1) / (sum(src) + 1)

    def match(a: int, b: int) -> float:
        return abs(math.log((b + 1) / (ratio * a + 1)))

    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    steps = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in steps:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if (di, dj) == (1, 1):
                    c = match(src[i], tgt[j])
                elif di == 0 or dj == 0:
                    c = _SKIP
                else:
                    c = _MERGE + match(sum(src[i:a]), sum(tgt[j:b]))
                if cost[i][j] + c < cost[a][b]:
                    cost[a][b] = cost[i][j] + c
                    back[a][b] = (di, dj)
    path = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        i, j = i - di, j - dj
        path.append((i, j, di, dj))
    for i, j, di, dj in reversed(path):
        if (di, dj) != (1, 1):
            return i, j
    return min(n, m), min(n, m)

