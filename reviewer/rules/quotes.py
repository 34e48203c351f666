"""Quotation marks: foreign styles, mismatched pairs, unbalanced marks.

Quotation marks are paired per paragraph with a stack. Straight double quotes
`"` are read as opening or closing from the characters beside them; where
that is ambiguous (spaces on both sides) a `"` closes an open quotation and
opens one otherwise. Apostrophes (`'`, `’`) are never taken for quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.text.sentences import paragraphs

_MARKS = re.compile('[«»„‚‹›“”‘"]')
_OPENERS = "«„‚‹"
_CLOSERS = "»”›"
_OPENING_CONTEXT = " \t\r\n\u00a0([{—–-/"
_INNER_SPACE = " \t\u00a0"
ENGLISH_PAIRS = frozenset({"“”", '""'})
FOREIGN_PAIRS = frozenset({"«»", "„“", "„”", "‚‘", "‹›"})
STYLES = {"curly": ("“”", "‘’"), "straight": ('""', "''")}


@dataclass(frozen=True, slots=True)
class Quotation:
    """A pair of quotation marks, or a lone one (`open` or `close` is None)."""

    open: int | None
    close: int | None
    depth: int

    def pair(self, text: str) -> str:
        """The two marks, e.g. `«»`; empty for a lone mark."""
        if self.open is None or self.close is None:
            return ""
        return text[self.open] + text[self.close]


def quotations(text: str) -> Iterator[Quotation]:
    """Every quotation of `text`, paired paragraph by paragraph, lone marks included.

    The depth of a pair counts the pairs around it; lone marks do not count.
    """
    for start, end in paragraphs(text):
        stack: list[int] = []
        pairs: list[tuple[int, int]] = []
        for m in _MARKS.finditer(text, start, end):
            i = m.start()
            role = _role(text, i, start, end, text[stack[-1]] if stack else "")
            if role == "open":
                stack.append(i)
            elif role == "close":
                if stack:
                    pairs.append((stack.pop(), i))
                else:
                    yield Quotation(None, i, 0)
        for opened in stack:
            yield Quotation(opened, None, 0)
        around: list[int] = []  # closing positions of the pairs enclosing the current one
        for opened, closed in sorted(pairs):
            while around and around[-1] < opened:
                around.pop()
            yield Quotation(opened, closed, len(around))
            around.append(closed)


def _role(text: str, i: int, start: int, end: int, top: str) -> str:
    c = text[i]
    if c in _OPENERS:
        return "open"
    if c in _CLOSERS:
        return "close"
    if c == "“":
        return "close" if top == "„" else "open"
    if c == "‘":
        return "close" if top == "‚" else "skip"
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isdigit() and not top:
        return "skip"  # an inch mark: 5"
    opening_side = before in _OPENING_CONTEXT
    closing_side = after.isspace() or not after.isalnum()
    if opening_side and not closing_side:
        return "open"
    if closing_side and not opening_side:
        return "close"
    return "close" if top else "open"


def quote_style(text: str, options: Options) -> str:
    """`curly` or `straight`: option `style`, or for `auto` the marks the text already uses."""
    style = str(options["style"])
    if style != "auto":
        return style
    return "straight" if text.count('"') > text.count("“") + text.count("”") else "curly"


def _fixes(text: str, q: Quotation, style: str, message: str) -> Iterator[Hit]:
    assert q.open is not None and q.close is not None
    marks = STYLES[style][q.depth % 2]
    end = q.open + 1
    while end < q.close and text[end] in _INNER_SPACE:
        end += 1
    start = q.close
    while start > end and text[start - 1] in _INNER_SPACE:
        start -= 1
    if text[q.open : end] != marks[0]:
        yield Hit(q.open, end, message, (marks[0],))
    if text[start : q.close + 1] != marks[1]:
        yield Hit(start, q.close + 1, message, (marks[1],))


def check_foreign_quotes(subject: Subject, options: Options) -> Iterator[Hit]:
    """Guillemets and low-high quotes: `« Mine Action »`, `„Mine Action“` → `“Mine Action”`.

    Quotation marks of the source language (`«…»`, `„…“`, `„…”`, `‚…‘`,
    `‹…›`) become English ones, and spaces inside guillemets are removed.
    Option `style`: `curly` (`“…”`, inner `‘…’`), `straight` (`"…"`, inner
    `'…'`) or `auto` (default: straight when the text already uses more
    straight `"` than curly quotes, curly otherwise). Nested quotations get
    single marks.
    """
    text = subject.text
    style = quote_style(text, options)
    for q in quotations(text):
        pair = q.pair(text)
        if pair in FOREIGN_PAIRS:
            marks = STYLES[style][q.depth % 2]
            yield from _fixes(text, q, style, f"{pair[0]}…{pair[1]} are not English "
                              f"quotation marks: use {marks[0]}…{marks[1]}.")


def check_mismatched_quotes(subject: Subject, options: Options) -> Iterator[Hit]:
    """A quotation opened with one kind of mark and closed with another: `" the Great Silk way »`.

    Both marks become English ones in the style of TQA_FOREIGN_QUOTES (same
    `style` option), and spaces inside them are removed.
    """
    text = subject.text
    style = quote_style(text, options)
    for q in quotations(text):
        pair = q.pair(text)
        if pair and pair not in ENGLISH_PAIRS and pair not in FOREIGN_PAIRS:
            marks = STYLES[style][q.depth % 2]
            yield from _fixes(text, q, style, f"Quotation opened with {pair[0]} and closed "
                              f"with {pair[1]}: use {marks[0]}…{marks[1]}.")


def check_unbalanced_quotes(subject: Subject, options: Options) -> Iterator[Hit]:
    """A quotation mark with no partner in its paragraph: `He said "yes and left.`

    Quotations are paired within a paragraph, so a quotation running over
    several paragraphs is reported too. No replacement: where the quotation
    should end is not known.
    """
    text = subject.text
    for q in quotations(text):
        if q.open is None and q.close is not None:
            yield Hit(q.close, q.close + 1, f"Closing {text[q.close]} without an opening mark.")
        elif q.close is None and q.open is not None:
            yield Hit(q.open, q.open + 1, f"Opening {text[q.open]} is never closed.")


FOREIGN_QUOTES = Rule(
    id="TQA_FOREIGN_QUOTES",
    title="Foreign quotation marks",
    category="TYPOGRAPHY",
    severity=Severity.MINOR,
    issue_type="typographical",
    check=check_foreign_quotes,
    options={"style": "auto"},
    choices={"style": ("auto", *STYLES)},
    overlaps=frozenset({"COMMA_PARENTHESIS_WHITESPACE", "GERMAN_QUOTES", "EN_UNPAIRED_QUOTES"}),
    safe=True,
)

MISMATCHED_QUOTES = Rule(
    id="TQA_MISMATCHED_QUOTES",
    title="Mismatched quotation marks",
    category="TYPOGRAPHY",
    severity=Severity.MINOR,
    issue_type="typographical",
    check=check_mismatched_quotes,
    options={"style": "auto"},
    choices={"style": ("auto", *STYLES)},
    overlaps=frozenset({"COMMA_PARENTHESIS_WHITESPACE", "GERMAN_QUOTES", "EN_UNPAIRED_QUOTES"}),
    safe=True,
)

UNBALANCED_QUOTES = Rule(
    id="TQA_UNBALANCED_QUOTES",
    title="Unbalanced quotation mark",
    category="PUNCTUATION",
    severity=Severity.MINOR,
    issue_type="typographical",
    check=check_unbalanced_quotes,
    overlaps=frozenset({"EN_UNPAIRED_QUOTES"}),
)
