"""Dates and ordinals written the source language's way."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DAY_OF_MONTH = re.compile(
    r"(?<![\w.,-])(\d{1,2})\s+of\s+(" + MONTHS + r")\b(?:(,?)\s+(\d{4})\b)?"
)
_GOES_ON = re.compile(r"\s+[^\s.,;:!?)\]}\"'»”’]")  # the sentence continues after a date
_ORDINAL = re.compile(
    r"(?<![\w.,])(\d+)(?:(-)(st|nd|rd|th|d|й|я|е|го|му|м|х|ый|ой|ая)|(st|nd|rd|th))(?!\w)"
)


def month_day_order(options: Options) -> bool:
    """True when dates are written `August 6, 1997` (option `order`, or en-US)."""
    order = str(options["order"])
    if order == "auto":
        return str(options.get("language", "")).lower() == "en-us"
    return order == "month-day"


def check_date_order(subject: Subject, options: Options) -> Iterator[Hit]:
    """A date in the source language's form: `6 of August 1997`.

    English writes `6 August 1997` (day-month, en-GB and most varieties) or
    `August 6, 1997` (month-day, en-US). Option `order`: `auto` (default:
    month-day for en-US, day-month otherwise), `day-month` or `month-day`.
    In the month-day form a comma also closes the year when the sentence goes
    on (`of August 6, 1997, No. 1222`), as US style has it: without it, the
    corrected sentence gets a new finding (MISSING_COMMA_AFTER_YEAR).
    `the 6th of August` is English and is left alone.
    """
    text = subject.text
    us = month_day_order(options)
    for m in _DAY_OF_MONTH.finditer(text):
        day, month, year = m.group(1), m.group(2), m.group(4)
        if not 1 <= int(day) <= 31:
            continue
        if us:
            fixed = f"{month} {day}" + (f", {year}" if year else "")
            if year and _GOES_ON.match(text, m.end()):
                fixed += ","
        else:
            fixed = f"{day} {month}" + (f" {year}" if year else "")
        yield Hit(m.start(), m.end(), f"Write the date the English way: {fixed}.", (fixed,))


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
