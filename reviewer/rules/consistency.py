"""The same name or term written two ways in one document."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject, int_option

_WORD = r"[^\W\d_]+(?:[-'’][^\W\d_]+)*"
_TOKEN = re.compile(_WORD)
# Words joined by single plain spaces: the only places a multi-word name is looked for.
# From a word's start only, each word taken whole: trying every letter of a long word
# (a 1 MB token) was quadratic, and no phrase can start inside a word (issue 20).
_WHOLE_WORD = r"[^\W\d_]++(?:[-'’][^\W\d_]++)*+"
_PHRASE = re.compile(rf"(?<![^\W\d_])(?<![^\W\d_][-'’]){_WHOLE_WORD}(?: {_WHOLE_WORD})+")
_OPENING = " \t\u00a0\"“«(‘'-–—•*|#>"
_HYPHEN_PARTS = re.compile(r"(^|-)(\w)")


def _shape(word: str) -> str:
    """The word with the first letter of each hyphenated part in lowercase."""
    if word.islower():
        return word
    if "-" not in word:
        return word[0].lower() + word[1:]
    return _HYPHEN_PARTS.sub(lambda m: m.group(1) + m.group(2).lower(), word)


def _key(word: str) -> str:
    return word.lower().replace("-", "")


def _acronym(word: str) -> bool:
    """`NATO`, `US`, and plurals such as `IDs`, `URLs`."""
    return len(word) > 1 and (word.isupper() or (word[-1] == "s" and word[:-1].isupper()))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _as_case_of(reference: str, word: str) -> str:
    return reference[0].upper() + reference[1:] if word[0].isupper() else reference


def _word_variants(text: str) -> Iterator[Hit]:
    counts = Counter(_TOKEN.findall(text))
    shapes: dict[str, Counter[str]] = defaultdict(Counter)
    for word, n in counts.items():
        if not _acronym(word):  # US / us, NATO / Nato
            shapes[_key(word)][_shape(word)] += n
    varied = {word for word in counts
              if not _acronym(word) and len(shapes[_key(word)]) > 1}
    if not varied:
        return
    found = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)
             if m.group() in varied]
    first: dict[str, int] = {}
    for start, _, word in found:
        first.setdefault(word, start)
    for start, end, word in found:
        key, shape = _key(word), _shape(word)
        best, top = shapes[key].most_common(1)[0]
        if shape == best:
            continue
        ref = min((w for w in first if _key(w) == key and _shape(w) == best), key=first.__getitem__)
        yield Hit(
            start,
            end,
            f"'{word}' is written '{ref}' elsewhere in the document "
            f"(line {_line(text, first[ref])}).",
            (_as_case_of(ref, word),) if top > shapes[key][shape] else (),
        )


def _title_line(text: str, start: int, end: int) -> bool:
    """A heading in Title Case: most long words capitalised, no full stop at the end."""
    if end - start > 300 or text[start:end].rstrip().endswith("."):
        return False
    long = [w for w in _TOKEN.findall(text, start, end) if len(w) > 3]
    return (3 <= len(long) <= 20 and sum(w[0].isupper() for w in long) >= 0.75 * len(long)
            and not text[start:end].rstrip().endswith("."))


def _phrases(text: str) -> Iterator[tuple[list[str], list[int], bool]]:
    """Runs of words joined by single spaces with a capital after the first word.

    Each as (words, their offsets, whether the first word starts a sentence).
    """
    titles: dict[int, bool] = {}
    line_start = seen = 0  # the line's start is looked for since the last match only
    for m in _PHRASE.finditer(text):
        phrase = m.group()
        rest = phrase[phrase.index(" ") :]
        if rest == rest.lower():
            continue
        line_start = text.rfind("\n", seen, m.start()) + 1 or line_start
        seen = m.start()
        if line_start not in titles:
            line_end = text.find("\n", m.start())
            titles[line_start] = _title_line(text, line_start,
                                             line_end if line_end != -1 else len(text))
        if titles[line_start]:
            continue
        j = m.start() - 1
        while j >= line_start and text[j] in _OPENING:
            j -= 1
        words = phrase.split(" ")
        offsets, pos = [], m.start()
        for w in words:
            offsets.append(pos)
            pos += len(w) + 1
        yield words, offsets, j < line_start or text[j] in ".!?:;"


def _comparable(pairs: list[tuple[str, str]]) -> bool:
    """A name on both sides: capitalised edges, one word capitalised the same in both."""
    anchored = any(a == b and a[0].isupper() for a, b in pairs)
    edges = all(a[0].isupper() or b[0].isupper() for a, b in (pairs[0], pairs[-1]))
    return anchored and edges


def _name_variants(text: str, sizes: tuple[int, ...]) -> Iterator[Hit]:
    # key -> (form as written, offset, whether its first word starts a sentence)
    groups: dict[str, list[tuple[str, int, bool]]] = defaultdict(list)
    for words, offsets, sentence_start in _phrases(text):
        # A name needs a capitalised word that is not capitalised for starting a sentence.
        capitals = [i for i, w in enumerate(words) if w[0].isupper()
                    and not (i == 0 and sentence_start)]
        windows: set[tuple[int, int]] = set()
        for c in capitals:
            for n in sizes:
                for i in range(max(0, c - n + 1), min(c, len(words) - n) + 1):
                    if (i, n) not in windows:
                        windows.add((i, n))
                        form = " ".join(words[i : i + n])
                        groups[form.lower()].append((form, offsets[i], i == 0 and sentence_start))
    seen: set[int] = set()
    for occurrences in groups.values():
        # A sentence's first word says nothing of how the name is capitalised: the reference
        # is taken from the other occurrences when there are any, and that word is not compared.
        counted = [form for form, _, free in occurrences if not free] or [
            form for form, _, _ in occurrences]
        counts = Counter(counted)
        if len({form for form, _, _ in occurrences}) < 2:
            continue
        reference, top = counts.most_common(1)[0]
        where = next(start for form, start, _ in occurrences if form == reference)
        for form, start, free in occurrences:
            pairs = list(zip(form.split(" "), reference.split(" "), strict=True))
            if free:
                pairs[0] = (pairs[0][1], pairs[0][1])
            if form == reference or not _comparable(pairs):
                continue
            for a, b in pairs:
                if a != b and a[1:] == b[1:] and start not in seen:
                    seen.add(start)
                    yield Hit(
                        start,
                        start + len(a),
                        f"'{form}' is written '{reference}' elsewhere in "
                        f"the document (line {_line(text, where)}).",
                        (b,) if top > counts[form] else (),
                    )
                start += len(a) + 1


def check_inconsistent_spelling(subject: Subject, options: Options) -> Iterator[Hit]:
    """One name or term spelt two ways: `Kazbat` / `KazBat`, `Great Silk way` / `Great Silk Way`.

    Reported are words that differ in case inside the word (`KazBat`) or in
    hyphenation (`peace-keeping` / `peacekeeping`), and words of a
    multi-word name that differ in capitalisation while another word of the
    name is capitalised the same in both (`Great Silk way` / `Great Silk
    Way`; option `max_words`, default 3). The less frequent spelling is
    reported; the replacement is the more frequent one, given only when one
    spelling is strictly more frequent (on a tie the spelling met first is
    the reference). Not compared: a capital at the start of a sentence or
    line, words in capitals (acronyms), lines in Title Case (headings), and
    single words that differ only in their first letter (`State` / `state`).
    """
    text = subject.text
    hits = set(_word_variants(text))
    taken = {(h.start, h.end) for h in hits}
    sizes = tuple(range(2, int_option(options, "max_words") + 1))
    hits.update(h for h in _name_variants(text, sizes) if (h.start, h.end) not in taken)
    yield from sorted(hits)


INCONSISTENT_SPELLING = Rule(
    id="TQA_INCONSISTENT_SPELLING",
    title="Inconsistent spelling of a name or term",
    category="CONSISTENCY",
    severity=Severity.MINOR,
    issue_type="inconsistency",
    check=check_inconsistent_spelling,
    options={"max_words": 3},
    overlaps=frozenset({"MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_GB"}),
)
