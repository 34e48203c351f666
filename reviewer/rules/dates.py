"""Dates and ordinals written the source language's way."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
MONTH_NAMES = tuple(MONTHS.split("|"))
_DAY_OF_MONTH = re.compile(
    r"(?<![\w.,-])(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s+of\s+(" + MONTHS
    + r")\b(?:(,?)\s+(\d{4})\b)?"
)
# A day-first numeric date with full stops, in prose: after a word that introduces a date.
_DOTTED = re.compile(
    r"\b(?:on|of|from|dated|since|until|till|by|before|after|to|as of)[ \u00a0]+"
    r"(([0-3]?\d)\.([01]?\d)\.((?:1[89]|20)\d\d))(?![\w]|[.,]\d)"
)
# The sentence continues after a date (on the same line: a date may end a heading line).
_GOES_ON = re.compile(r"[^\S\n]+[^\s.,;:!?)\]}\"'»”’]")
_ORDINAL = re.compile(
    r"(?<![\w.,])(\d+)(?:(-)(st|nd|rd|th|d|й|я|е|го|му|м|х|ый|ой|ая)|(st|nd|rd|th))(?!\w)"
)

# Roman numerals before "century": XX century, the XVII-th century, XVII–XVIII centuries.
_ROMAN_CENTURY = re.compile(
    r"(?<![\w.-])(?:(the|The)\s+)?(([IVX]{1,6})(?:-?th)?(?:\s*[-–—]\s*([IVX]{1,6})(?:-?th)?)?)"
    r"\s+centur(?:y|ies)\b"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# A preposition right before the numerals: the English century needs `the` there.
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(?:in|of|to|from|since|until|till|by|during|throughout|for|before|after|at|into"
    r"|within|through|over|across|around|between)"
    r"[ \t\u00a0]+\Z", re.IGNORECASE)


def _roman(numeral: str) -> int | None:
    """`XVII` → 17; None unless it is the usual way of writing a number from 1 to 39."""
    total = 0
    for i, letter in enumerate(numeral):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if 0 < total < 40 and _as_roman(total) == numeral else None


def _as_roman(n: int) -> str:
    tens, ones = divmod(n, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[ones]


def month_day_order(options: Options) -> bool:
    """True when dates are written `August 6, 1997` (option `order`, or en-US)."""
    order = str(options["order"])
    if order == "auto":
        return str(options.get("language", "")).lower() == "en-us"
    return order == "month-day"


def _english_date(day: str, month: str, year: str | None, us: bool, goes_on: bool) -> str:
    """`6 August 1997`, or `August 6, 1997` (`goes_on`: with the comma that closes the year)."""
    if not us:
        return f"{day} {month}" + (f" {year}" if year else "")
    fixed = f"{month} {day}" + (f", {year}" if year else "")
    return fixed + "," if year and goes_on else fixed


def check_date_order(subject: Subject, options: Options) -> Iterator[Hit]:
    """A date in the source language's form: `6 of August 1997`, `10-12 of March`, `05.11.2020`.

    English writes `6 August 1997` (day-month, en-GB and most varieties) or
    `August 6, 1997` (month-day, en-US). Option `order`: `auto` (default:
    month-day for en-US, day-month otherwise), `day-month` or `month-day`.
    In the month-day form a comma also closes the year when the sentence goes
    on (`of August 6, 1997, No. 1222`), as US style has it: without it, the
    corrected sentence gets a new finding (MISSING_COMMA_AFTER_YEAR).
    `the 6th of August` is English and is left alone. A range of days takes
    an en dash: `10-12 of March 2021` → `10–12 March 2021`.

    A numeric date with full stops is day-first in Russian (and German)
    writing, `05.11.2020`; English prose spells the month out:
    `5 November 2020`. Reported after a word that introduces a date (`on`,
    `from`, `of`, `dated`, `since`...), so that version numbers and date
    stamps in headers or lists are left alone.
    """
    text = subject.text
    us = month_day_order(options)
    hits: list[Hit] = []
    for m in _DAY_OF_MONTH.finditer(text):
        first, last, month, year = m.group(1), m.group(2), m.group(3), m.group(5)
        if not 1 <= int(first) <= 31 or (last and not int(first) < int(last) <= 31):
            continue
        day = f"{first}–{last}" if last else first
        fixed = _english_date(day, month, year, us, bool(_GOES_ON.match(text, m.end())))
        hits.append(Hit(m.start(), m.end(), f"Write the date the English way: {fixed}.", (fixed,)))
    for m in _DOTTED.finditer(text):
        day, number, year = int(m.group(2)), int(m.group(3)), m.group(4)
        if not (1 <= day <= 31 and 1 <= number <= 12):
            continue
        month = MONTH_NAMES[number - 1]
        fixed = _english_date(str(day), month, year, us, bool(_GOES_ON.match(text, m.end())))
        hits.append(Hit(m.start(1), m.end(1), f"Write the date the English way: {fixed}.",
                        (fixed,)))
    yield from sorted(hits, key=lambda hit: hit.start)


def ordinal(n: int) -> str:
    """`1` → `1st`, `12` → `12th`, `22` → `22nd`."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def check_ordinal_suffix(subject: Subject, options: Options) -> Iterator[Hit]:
    """A Russian-style or wrong ordinal: `1-st` → `1st`, `2-nd` → `2nd`, `3th` → `3rd`.

    Russian writes ordinals with a hyphen and a case ending (`1-й`, `2-го`);
    translations carry this over as `1-st`, `2-nd`, `3-d`. English joins the
    suffix to the number, and the suffix follows the number (`21st`, `12th`).
    """
    text = subject.text
    for m in _ORDINAL.finditer(text):
        number = int(m.group(1))
        fixed = ordinal(number)
        if m.group(2) is None and m.group() == fixed:
            continue
        yield Hit(m.start(), m.end(), f"Write the ordinal the English way: {fixed}.", (fixed,))


def check_roman_century(subject: Subject, options: Options) -> Iterator[Hit]:
    """A century in Roman numerals: `the XX century` → `the 20th century`.

    Russian numbers centuries in Roman numerals (`XX век`, `XVII–XVIII вв.`);
    English uses ordinals, with `the`: `the 20th century`, `the 17th–18th
    centuries` (or words: `the twentieth century`). The suggestion adds `the`
    after a preposition (`churches of XV–XVI centuries` → `churches of the
    15th–16th centuries`). `World War II`, `Louis XIV` and `Chapter XX` are
    not followed by `century` and are left alone.
    """
    text = subject.text
    for m in _ROMAN_CENTURY.finditer(text):
        first = _roman(m.group(3))
        last = _roman(m.group(4)) if m.group(4) else None
        if first is None or (m.group(4) and (last is None or last <= first)):
            continue
        fixed = ordinal(first) + (f"–{ordinal(last)}" if last else "")
        start = m.start(2)
        if not m.group(1) and _PREPOSITION_BEFORE.search(text, max(0, start - 16), start):
            fixed = "the " + fixed
        yield Hit(start, m.end(2), f"Write the century as an ordinal: {fixed}.", (fixed,))


DATE_ORDER = Rule(
    id="TQA_DATE_ORDER",
    title="Date in source-language order",
    category="LOCALE",
    severity=Severity.MINOR,
    issue_type="locale-violation",
    check=check_date_order,
    options={"order": "auto"},
    choices={"order": ("auto", "day-month", "month-day")},
    safe=True,
)

ORDINAL_SUFFIX = Rule(
    id="TQA_ORDINAL_SUFFIX",
    title="Russian-style ordinal",
    category="LOCALE",
    severity=Severity.MINOR,
    issue_type="locale-violation",
    check=check_ordinal_suffix,
    safe=True,
)

ROMAN_CENTURY = Rule(
    id="TQA_ROMAN_CENTURY",
    title="Century in Roman numerals",
    category="LOCALE",
    severity=Severity.MINOR,
    issue_type="locale-violation",
    check=check_roman_century,
)
