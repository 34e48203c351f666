"""Spaces around punctuation, doubled spaces and doubled words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject, words_option
from reviewer.rules.dates import MONTHS

_SPACE_BEFORE = re.compile(
    r"(?<=\S)[ \t\u00a0]+(?=[,;:!?)\]]|\.(?![.\w])|(?<=\d[ \u00a0])%)"  # word , / 30 %
    r"|(?<=[(\[])[ \t\u00a0]+(?=\S)"  # ( word
)
_MISSING_AFTER = re.compile(
    r"(?<=[\w)\]»”\"])[,;](?=[^\W\d_])"  # word,word
    r"|(?<=[^\W\d_])[:!?](?=[A-Za-z])"  # word:word
    r"|(?<=[a-z]{2})\.(?=[A-Z][a-z])"  # end.Next
)
_GLUED_MONTH = re.compile(r"(\d)(" + MONTHS + r")\b")
_DOUBLED_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
# Whole words only: `on on-site`, `co co-operation` and `line-by-line line` are not doubled.
_DOUBLED_WORD = re.compile(r"(?<![\w'’-])(\w+)([ \t\u00a0]+|[ \t]*\r?\n[ \t]*)(\1)(?![\w-]|['’]\w)",
                           re.IGNORECASE)
_URL_LIKE = re.compile(r"://|@|www\.|\.(?:com|org|net|kz|ru|io)\b")


def _in_url(text: str, i: int) -> bool:
    start = text.rfind(" ", 0, i) + 1
    end = text.find(" ", i)
    return bool(_URL_LIKE.search(text, start, end if end != -1 else len(text)))


def check_space_before_punctuation(subject: Subject, options: Options) -> Iterator[Hit]:
    """A space before `,` `.` `;` `:` `!` `?` `)` `]` or `%`, or after `(` `[`: `here .` → `here.`

    English puts no space before these marks (French and Russian
    typography differ) and none inside brackets. Spaces at the start of a
    line, before an ellipsis or before `.5` and `.NET` are left alone; spaces
    inside quotation marks are the quotation rules'.
    """
    text = subject.text
    for m in _SPACE_BEFORE.finditer(text):
        opener = text[m.start() - 1] if m.start() else ""
        if opener in ("(", "["):
            message = f"No space after '{opener}'."
        else:
            message = f"No space before '{text[m.end()]}'."
        yield Hit(m.start(), m.end(), message, ("",))


def check_missing_space(subject: Subject, options: Options) -> Iterator[Hit]:
    """No space after punctuation, or a number glued to a month: `Almaty,Kazakhstan`, `25-27March`.

    A comma, semicolon, colon, `!` or `?` directly followed by a letter, or a
    full stop between a lowercase word and a capitalised one (`end.Next`),
    gets a space after it. A number directly followed by a month name
    (`27March`) gets a space before the month. Web addresses, e-mail
    addresses and file names are left alone.
    """
    text = subject.text
    for m in _MISSING_AFTER.finditer(text):
        if _in_url(text, m.start()):
            continue
        mark = m.group()
        yield Hit(m.start(), m.end(), f"Missing space after '{mark}'.", (mark + " ",))
    for m in _GLUED_MONTH.finditer(text):
        yield Hit(m.start(), m.end(), "Missing space between the number and the month.",
                  (f"{m.group(1)} {m.group(2)}",))


def check_doubled_space(subject: Subject, options: Options) -> Iterator[Hit]:
    """Two or more spaces between words: `This  is` → `This is`.

    Indentation at the start of a line and spaces before a line end are left
    alone. Option `after_full_stop` (default true): also report two spaces
    after a full stop (the typewriter convention).
    """
    text = subject.text
    after_stop = bool(options["after_full_stop"])
    for m in _DOUBLED_SPACE.finditer(text):
        if not after_stop and text[m.start() - 1] in ".!?":
            continue
        yield Hit(m.start(), m.end(), "Doubled space.", (" ",))


def check_doubled_word(subject: Subject, options: Options) -> Iterator[Hit]:
    """The same word twice in a row: `the the` → `the`.

    Case is ignored (`The the`); a word that is part of a hyphenated one is
    not doubled (`on on-site`, `one-on-one one`); numbers are left alone (`10 10` in tables),
    and so are the words in option `allowed` (default `had`, `that`: `he had
    had`, `that that`), compared in lowercase.
    """
    text = subject.text
    allowed = {w.lower() for w in words_option(options, "allowed")}
    for m in _DOUBLED_WORD.finditer(text):
        word = m.group(1)
        if word.isdigit() or word.lower() in allowed:
            continue
        yield Hit(m.start(), m.end(), f"Doubled word: '{word}'.", (word,))


SPACE_BEFORE_PUNCTUATION = Rule(
    id="TQA_SPACE_BEFORE_PUNCTUATION",
    title="Space before punctuation",
    category="TYPOGRAPHY",
    severity=Severity.MINOR,
    issue_type="whitespace",
    check=check_space_before_punctuation,
    overlaps=frozenset({"COMMA_PARENTHESIS_WHITESPACE"}),
    safe=True,
)

MISSING_SPACE = Rule(
    id="TQA_MISSING_SPACE",
    title="Missing space after punctuation",
    category="TYPOGRAPHY",
    severity=Severity.MINOR,
    issue_type="whitespace",
    check=check_missing_space,
    overlaps=frozenset({"COMMA_PARENTHESIS_WHITESPACE", "SENTENCE_WHITESPACE",
                        "MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_GB"}),
    safe=True,
)

DOUBLED_SPACE = Rule(
    id="TQA_DOUBLED_SPACE",
    title="Doubled space",
    category="TYPOGRAPHY",
    severity=Severity.MINOR,
    issue_type="whitespace",
    check=check_doubled_space,
    options={"after_full_stop": True},
    overlaps=frozenset({"CONSECUTIVE_SPACES", "WHITESPACE_RULE"}),
    safe=True,
)

DOUBLED_WORD = Rule(
    id="TQA_DOUBLED_WORD",
    title="Doubled word",
    category="REPETITIONS",
    severity=Severity.MINOR,
    issue_type="duplication",
    check=check_doubled_word,
    options={"allowed": ("had", "that")},
    overlaps=frozenset({"ENGLISH_WORD_REPEAT_RULE"}),
    safe=True,
)
