"""The same name or term written two ways in one document."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.model import Severity
from reviewer.tqa.rule import Hit, Options, Rule, int_option

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_OPENING = " \t\u00a0\"“«(‘'-–—•*"
_HYPHEN_PARTS = re.compile(r"(^|-)(\w)")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    word: str
    sentence_start: bool
    title_line: bool


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for line in re.finditer(r"[^\n]+", text):
        words = list(_TOKEN.finditer(text, line.start(), line.end()))
        long = [w.group() for w in words if len(w.group()) > 3]
        title = (
            3 <= len(long) <= 20
            and sum(w[0].isupper() for w in long) >= 0.75 * len(long)
            and not line.group().rstrip().endswith(".")
        )
        for w in words:
            j = w.start() - 1
            while j >= line.start() and text[j] in _OPENING:
                j -= 1
            starts = j < line.start() or text[j] in ".!?:;"
            tokens.append(_Token(w.start(), w.end(), w.group(), starts, title))
    return tokens


def _shape(word: str) -> str:
    """The word with the first letter of each hyphenated part in lowercase."""
    return _HYPHEN_PARTS.sub(lambda m: m.group(1) + m.group(2).lower(), word)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _as_case_of(reference: str, word: str) -> str:
    return reference[0].upper() + reference[1:] if word[0].isupper() else reference


def _word_variants(text: str, tokens: list[_Token]) -> Iterator[Hit]:
    groups: dict[str, list[_Token]] = defaultdict(list)
    for t in tokens:
        if len(t.word) > 1 and t.word.isupper():
            continue  # acronyms and shouting: US / us, NATO / Nato
        groups[t.word.lower().replace("-", "")].append(t)
    for group in groups.values():
        counts = Counter(_shape(t.word) for t in group)
        if len(counts) < 2:
            continue
        reference, top = counts.most_common(1)[0]
        first = next(t for t in group if _shape(t.word) == reference)
        for t in group:
            shape = _shape(t.word)
            if shape == reference:
                continue
            sure = top > counts[shape]
            yield Hit(
                t.start,
                t.end,
                f"'{t.word}' is written '{first.word}' elsewhere in the document "
                f"(line {_line(text, first.start)}).",
                (_as_case_of(first.word, t.word),) if sure else (),
            )


def _comparable(pairs: list[tuple[str, str]]) -> bool:
    """A name on both sides: capitalised edges, one word capitalised the same in both."""
    anchored = any(a == b and a[0].isupper() for a, b in pairs)
    edges = all(a[0].isupper() or b[0].isupper() for a, b in (pairs[0], pairs[-1]))
    return anchored and edges


def _name_variants(text: str, tokens: list[_Token], sizes: tuple[int, ...]) -> Iterator[Hit]:
    groups: dict[tuple[str, ...], list[tuple[tuple[str, ...], tuple[_Token, ...]]]] = (
        defaultdict(list))
    for n in sizes:
        for i in range(len(tokens) - n + 1):
            gram = tuple(tokens[i : i + n])
            if any(t.title_line for t in gram) or any(
                text[a.end : b.start] != " " for a, b in zip(gram, gram[1:], strict=False)
            ):
                continue
            form = tuple(
                (t.word[0].lower() + t.word[1:]) if k == 0 and t.sentence_start else t.word
                for k, t in enumerate(gram)
            )
            if any(w[0].isupper() for w in form):
                groups[tuple(w.lower() for w in form)].append((form, gram))
    seen: set[tuple[int, int]] = set()
    for occurrences in groups.values():
        counts = Counter(form for form, _ in occurrences)
        if len(counts) < 2:
            continue
        reference, top = counts.most_common(1)[0]
        where = next(g for f, g in occurrences if f == reference)[0].start
        for form, gram in occurrences:
            pairs = list(zip(form, reference, strict=True))
            if form == reference or not _comparable(pairs):
                continue
            for k, (a, b) in enumerate(pairs):
                t = gram[k]
                if a == b or a[1:] != b[1:] or (t.start, t.end) in seen:
                    continue
                seen.add((t.start, t.end))
                name = " ".join(reference)
                yield Hit(
                    t.start,
                    t.end,
                    f"'{' '.join(form)}' is written '{name}' elsewhere in the document "
                    f"(line {_line(text, where)}).",
                    (b,) if top > counts[form] else (),
                )


def check_inconsistent_spelling(text: str, options: Options) -> Iterator[Hit]:
    """One name or term spelt two ways: `Kazbat` / `KazBat`, `Great Silk way` / `Great Silk Way`.

    Reported are words that differ in case inside the word (`KazBat`) or in
    hyphenation (`peace-keeping` / `peacekeeping`), and words of a
    multi-word name that differ in capitalisation while another word of the
    name is capitalised the same in both (`Great Silk way` / `Great Silk
    Way`; option `max_words`, default 3). The less frequent spelling is
    reported; the replacement is the more frequent one, given only when one
    spelling is strictly more frequent. Not compared: a capital at the start of
    a sentence or line, words in capitals (acronyms), lines in Title Case
    (headings), and single words that differ only in their first letter
    (`State` / `state`).
    """
    tokens = _tokens(text)
    hits = set(_word_variants(text, tokens))
    sizes = tuple(range(2, int_option(options, "max_words") + 1))
    taken = {(h.start, h.end) for h in hits}
    hits.update(h for h in _name_variants(text, tokens, sizes) if (h.start, h.end) not in taken)
    yield from sorted(hits)


INCONSISTENT_SPELLING = Rule(
    id="TQA_INCONSISTENT_SPELLING",
    title="Inconsistent spelling of a name or term",
    category="CONSISTENCY",
    severity=Severity.MINOR,
    issue_type="inconsistency",
    check=check_inconsistent_spelling,
    options={"max_words": 3},
)
