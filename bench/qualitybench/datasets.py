"""Readers for the four evaluation formats, all giving `Sentence` records.

A sentence is erroneous when its annotators changed something: an `i` token
(REALEC), a gold edit (M2), a reference that differs from the source (JFLEG),
a post-edit that differs from the machine translation (MLQE-PE). Token-level
gold follows the MultiGED convention: a missing word marks the token after
the gap (the last token at the end of a sentence).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .detok import detokenise

Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One tokenised sentence and its gold labels.

    `gold_tokens` holds the indices of erroneous tokens, or is None when the
    set has no token-level labels (JFLEG).
    """

    id: str
    tokens: tuple[str, ...]
    erroneous: bool
    gold_tokens: frozenset[int] | None = None
    # For correction scores: gold edits (start, end, correction) per annotator (M2),
    # or tokenised reference rewrites (JFLEG).
    gold_edits: tuple[frozenset[Edit], ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dataset:
    """The sentences of one set, and how many blocks the reader left out (and why)."""

    kind: str
    sentences: tuple[Sentence, ...]
    skipped: int = 0
    skipped_reason: str = ""


class Kind(StrEnum):
    REALEC = "realec"
    M2 = "m2"
    JFLEG = "jfleg"
    MLQE = "mlqe"
    TRANSLATIONESE = "translationese"  # a whole text and its span gold: translationese.py


def is_doubled(tokens: Sequence[str]) -> bool:
    """True for a REALEC conversion artefact: every token written twice in a row."""
    return len(tokens) >= 2 and len(tokens) % 2 == 0 and tokens[0::2] == tokens[1::2]


def _blocks(lines: Iterator[str]) -> Iterator[list[str]]:
    block: list[str] = []
    for line in lines:
        if line.strip():
            block.append(line.rstrip("\n"))
        elif block:
            yield block
            block = []
    if block:
        yield block


def parse_realec(text: str) -> Dataset:
    """REALEC (MultiGED): `token<TAB>c|i` lines, a blank line between sentences."""
    sentences, skipped = [], 0
    for n, block in enumerate(_blocks(iter(text.splitlines()))):
        rows = [line.split("\t") for line in block]
        tokens = tuple(r[0] for r in rows)
        if is_doubled(tokens):
            skipped += 1
            continue
        gold = frozenset(i for i, r in enumerate(rows) if r[-1].strip() == "i")
        sentences.append(Sentence(f"realec:{n + 1}", tokens, bool(gold), gold))
    return Dataset("realec", tuple(sentences), skipped, "every token doubled")


def _gap_token(start: int, end: int, length: int) -> set[int]:
    if end > start:
        return set(range(start, min(end, length)))
    return {min(start, length - 1)} if length else set()


def parse_m2(text: str) -> Dataset:
    """M2: `S tokens` then `A start end|||type|||correction|||...|||annotator` lines.

    Edits of every annotator count; `noop` edits mark a sentence as checked and clean.
    """
    sentences = []
    for n, block in enumerate(_blocks(iter(text.splitlines()))):
        tokens = tuple(block[0][2:].split())
        gold: set[int] = set()
        by_annotator: dict[str, set[Edit]] = {}
        for line in block[1:]:
            fields = line[2:].split("|||")
            start, end = (int(x) for x in fields[0].split())
            annotator = by_annotator.setdefault(fields[-1], set())
            if fields[1] == "noop" or start < 0:
                continue
            annotator.add((start, end, " ".join(fields[2].split())))
            gold |= _gap_token(start, end, len(tokens))
        edits = tuple(frozenset(by_annotator[a]) for a in sorted(by_annotator)) or (frozenset(),)
        erroneous = any(edits)
        sentences.append(Sentence(f"m2:{n + 1}", tokens, erroneous, frozenset(gold), edits))
    return Dataset("m2", tuple(sentences))


def _norm(line: str) -> str:
    return " ".join(line.split())


def parse_jfleg(source: str, references: Sequence[str]) -> Dataset:
    """JFLEG: one sentence a line; erroneous when any reference differs from it."""
    src = source.splitlines()
    refs = [r.splitlines() for r in references]
    sentences = []
    for n, line in enumerate(src):
        mine = tuple(_norm(r[n]) for r in refs if n < len(r))
        changed = any(r != _norm(line) for r in mine)
        sentences.append(Sentence(f"jfleg:{n + 1}", tuple(line.split()), changed,
                                  references=mine))
    return Dataset("jfleg", tuple(sentences))


def parse_mlqe(mt: str, pe: str, tags: str | None) -> Dataset:
    """MLQE-PE: erroneous when the post-edit differs; BAD word tags are token gold.

    `dev.tags` interleaves gap and word tags (gap, word, gap, ..., word, gap);
    a BAD gap (a missing word) marks the word after it.
    """
    mts, pes = mt.splitlines(), pe.splitlines()
    tag_lines = tags.splitlines() if tags is not None else []
    sentences = []
    for n, (m, p) in enumerate(zip(mts, pes, strict=True)):
        tokens = tuple(m.split())
        gold: frozenset[int] | None = None
        if n < len(tag_lines):
            t = tag_lines[n].split()
            if len(t) == 2 * len(tokens) + 1:
                bad = {i for i in range(len(tokens)) if t[2 * i + 1] == "BAD"}
                bad |= {min(i, len(tokens) - 1) for i in range(len(tokens) + 1)
                        if t[2 * i] == "BAD" and tokens}
                gold = frozenset(bad)
        sentences.append(Sentence(f"mlqe:{n + 1}", tokens, _norm(m) != _norm(p), gold))
    return Dataset("mlqe", tuple(sentences))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _in(path: Path, name: str) -> Path:
    return path / name if path.is_dir() else path.with_name(name)


def read_realec(path: Path) -> Dataset:
    if path.is_dir():
        path = path / "realec-tune.tsv"
    return parse_realec(_read(path))


def read_m2(path: Path) -> Dataset:
    if path.is_dir():
        path = next(iter(sorted(path.glob("*.m2"))))
    return parse_m2(_read(path))


def read_jfleg(path: Path) -> Dataset:
    """`path` is the JFLEG folder (dev.src, dev.ref0..3) or its `.src` file."""
    src = _in(path, "dev.src") if path.is_dir() else path
    refs = sorted(src.parent.glob(src.stem + ".ref*"))
    return parse_jfleg(_read(src), [_read(r) for r in refs])


def read_mlqe(path: Path, split: str = "dev") -> Dataset:
    """`path` is the MLQE-PE folder (SPLIT.mt, SPLIT.pe, SPLIT.tags) or an `.mt` file."""
    mt = _in(path, f"{split}.mt") if path.is_dir() else path
    tags = mt.with_suffix(".tags")
    return parse_mlqe(
        _read(mt), _read(mt.with_suffix(".pe")), _read(tags) if tags.exists() else None
    )


def read_mlqe_sources(path: Path, split: str = "dev") -> tuple[str, ...]:
    """The detokenised Russian sources next to the MLQE-PE `.mt` file (`SPLIT.src`)."""
    mt = _in(path, f"{split}.mt") if path.is_dir() else path
    lines = _read(mt.with_suffix(".src")).splitlines()
    return tuple(detokenise(line.split()).text for line in lines)


READERS: dict[Kind, Callable[[Path], Dataset]] = {
    Kind.REALEC: read_realec,
    Kind.M2: read_m2,
    Kind.JFLEG: read_jfleg,
    Kind.MLQE: read_mlqe,
}
