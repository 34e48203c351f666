"""Brackets that are never closed, or closed without being opened."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.text.sentences import paragraphs

_BRACKETS = re.compile(r"[()\[\]{}]")
_PARTNER = {")": "(", "]": "[", "}": "{"}
_ENUMERATOR = re.compile(r"\d{1,3}|[A-Za-z]|[ivxIVX]{1,5}")
_LIST_LEAD = " \t\r\n-–—•*"


def _smiley(text: str, i: int) -> bool:
    """`:)`, `;-)`, and the Russian-style `)))`, ` )`, `((`."""
    c = text[i]
    if c in "()" and (text[i - 1 : i] == c or text[i + 1 : i + 2] == c):
        return True
    if c == ")" and (text[i - 1 : i].isspace() or text[max(0, i - 2) : i].endswith(
            (":", ";", ":-", ";-"))):
        return True
    return False


def _lone_closer_allowed(text: str, i: int, start: int) -> bool:
    """True for a list marker (`1)`, `a)`, `iv)` after a line start, space or dash) or a smiley."""
    if _smiley(text, i):
        return True
    j = i
    while j > start and i - j < 5 and text[j - 1].isalnum():
        j -= 1
    lead_ok = j == start or text[j - 1] in _LIST_LEAD
    return lead_ok and bool(_ENUMERATOR.fullmatch(text, j, i))


def check_unbalanced_brackets(subject: Subject, options: Options) -> Iterator[Hit]:
    """A bracket with no partner in its paragraph: `(25-27 March`, `see above]`.

    `(`, `[` and `{` must be closed in the same paragraph by their own kind.
    List markers such as `1)`, `a)` and `iv)` after a line start, a space or a
    dash, and smileys such as `:)`, `)))` or `((` are not brackets. No replacement: where
    the bracket belongs is not known.
    """
    text = subject.text
    for start, end in paragraphs(text):
        stack: list[int] = []
        closed_at = -1  # `x))` after a real bracket is not a smiley
        for m in _BRACKETS.finditer(text, start, end):
            i, c = m.start(), m.group()
            if c in "([{":
                stack.append(i)
            elif _PARTNER[c] in (text[j] for j in stack):
                while text[stack[-1]] != _PARTNER[c]:
                    j = stack.pop()
                    yield Hit(j, j + 1, f"'{text[j]}' is never closed.")
                stack.pop()
                closed_at = i
            elif closed_at == i - 1 or not _lone_closer_allowed(text, i, start):
                yield Hit(i, i + 1, f"'{c}' closes a bracket that was not opened.")
        for i in stack:
            if not _smiley(text, i):
                yield Hit(i, i + 1, f"'{text[i]}' is never closed.")


UNBALANCED_BRACKETS = Rule(
    id="TQA_UNBALANCED_BRACKETS",
    title="Unbalanced bracket",
    category="PUNCTUATION",
    severity=Severity.MINOR,
    issue_type="typographical",
    check=check_unbalanced_brackets,
    overlaps=frozenset({"EN_UNPAIRED_BRACKETS"}),
)
