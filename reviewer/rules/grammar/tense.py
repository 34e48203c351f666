"""Tense with time expressions: a present perfect with a finished time, a present with
`since`."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.rules.grammar.tagged import (
    BE,
    CLAUSE_BREAK,
    FINITE,
    Tagged,
    is_year,
    tagged_sentences,
)

# --- tense with time expressions -------------------------------------------------------

_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"})
_UNITS = frozenset({"year", "week", "month", "summer", "winter", "spring", "autumn", "fall",
                    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday", "night", "time", "century", "decade"})
# Prepositions after which a year does not close the time: `since 2009`, `by 2020`.
_OPEN_TIME = frozenset({"since", "from", "until", "till", "by", "before", "after", "to",
                        "between", "through", "throughout", "for", "of", "over", "during"})
# Words that end the clause of a time expression.
def _finished_times(s: Tagged) -> Iterator[int]:
    """Token indexes of expressions of a finished past time: `in 2014`, `yesterday`,
    `last year`, `two years ago`, `on 28 February 2019`."""
    w = s.words
    for i, word in enumerate(w):
        before = w[i - 1] if i else ""
        if word == "yesterday" or word == "ago":
            yield i
        elif word == "last" and i + 1 < len(w) and w[i + 1] in _UNITS and before not in (
                _OPEN_TIME | {"the"}):
            yield i
        elif is_year(word) and before in ("in", "of", *_MONTHS):
            k = i - 1  # back over a date to the word before it: `on 28 of February 2019`
            while k > 0 and (w[k] in _MONTHS or w[k] == "of" or s.tags[k] == "CD"):
                k -= 1
            if w[k] in _OPEN_TIME or (k == i - 1 and before != "in"):
                continue  # `since 2009`, `by May 2020`, `the budget of 2019`
            nxt = w[i + 1] if i + 1 < len(w) else ""
            if before == "in" and s.tags[i + 1:i + 2] in (("NN",), ("NNS",), ("JJ",)) and (
                    nxt != "year"):
                continue  # `in 2019 prices`: the year modifies a noun
            yield i


def _perfects(s: Tagged) -> Iterator[tuple[int, int]]:
    """(auxiliary, participle) of each present perfect: `has provided`, `have already signed`."""
    w, t = s.words, s.tags
    for i, word in enumerate(w):
        if word not in ("has", "have") or t[i] not in ("VBZ", "VBP"):
            continue
        if i and t[i - 1] in ("MD", "TO"):
            continue  # `will have signed`, `to have done`
        j = i + 1
        while j < len(w) and t[j] == "RB":
            j += 1
        if j < len(w) and t[j] == "VBN":
            yield i, j


def _same_clause(s: Tagged, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not any(s.words[k] in CLAUSE_BREAK or s.tags[k] in ("WDT", "WP", "WRB")
                   for k in range(lo + 1, hi))


def check_perfect_with_past_time(subject: Subject, options: Options) -> Iterator[Hit]:
    """The present perfect with a finished time: `In 2016 the fund has financed twelve
    projects` → `financed`; `Last week the delegation has visited` → `visited`.

    A time that is over (`in 2014`, `on 28 February 2019`, `last year`,
    `yesterday`, `two years ago`) takes the past simple in English. Reported
    where such a time and a present perfect stand in one clause (no `which`,
    `and`, `because`... between them). `since 2009`, `by 2020`, `in the last
    years` and a year that modifies a noun (`in 2019 prices`) are open times
    and left alone; so are `will have` and `to have`.
    """
    for s in tagged_sentences(subject.text):
        times = list(_finished_times(s))
        if not times or "since" in s.words:
            continue
        for aux, part in _perfects(s):
            if any(_same_clause(s, t, aux) for t in times):
                start, end = s.span(aux, part)
                past = s.toks[part].word
                yield Hit(start, end,
                          "A finished time takes the past simple, not the present perfect.",
                          (past,) if part == aux + 1 else (), sub_id=s.words[part])


PERFECT_WITH_PAST_TIME = Rule(
    id="TQA_PERFECT_WITH_PAST_TIME",
    title="Present perfect with a finished time",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_perfect_with_past_time,
)


def _since_point(s: Tagged, i: int) -> int:
    """The last token of the point in time after `since` at `i`, or -1 for a clause."""
    w, t = s.words, s.tags
    j = i + 1
    if j < len(w) and w[j] == "the":
        j += 1
    if j < len(w) and (t[j] == "CD" or w[j] in _MONTHS or w[j] == "last"):
        while j + 1 < len(w) and (t[j + 1] == "CD" or w[j + 1] in _MONTHS or w[j + 1] in (
                "of", "year", "last") or (w[j] == "last" and w[j + 1] in _UNITS)):
            j += 1
        return j
    return -1


def _simple_present(s: Tagged, i: int) -> bool:
    """True for a present simple or a present of `be` + participle at `i`."""
    w, t = s.words, s.tags
    if w[i] in ("is", "are", "am"):
        return i + 1 < len(w) and t[i + 1] in ("VBN", "VBG")
    return t[i] in ("VBP", "VBZ") and w[i] not in ("has", "have", "do", "does")


def check_since_with_present(subject: Subject, options: Options) -> Iterator[Hit]:
    """The present with `since` and a point in time: `We work with this bank since 2012` →
    `We have worked with this bank since 2012`.

    Russian says `работаем с 2012 года` in the present; English takes the present
    perfect. Reported where `since` is followed by a point in time (a year, a
    month, a date, `last year`) and the verb of its clause is a present simple
    or `is`/`are` + participle: the verb before `since` in the same clause, or the
    first verb after the time when the sentence opens with it. `since` with a
    clause (`since it is raining`) is left alone.
    """
    for s in tagged_sentences(subject.text):
        for i, word in enumerate(s.words):
            if word != "since":
                continue
            end = _since_point(s, i)
            if end < 0:
                continue
            verb = -1
            if i == 0 or (i == 1 and s.tags[0] in ("RB", "CC")):
                verb = next((k for k in range(end + 1, len(s.words)) if s.tags[k] in FINITE), -1)
            else:
                k = i - 1
                while k >= 0 and s.tags[k] not in FINITE and s.words[k] not in CLAUSE_BREAK and (
                        s.tags[k] != ","):
                    k -= 1
                verb = k if k >= 0 and s.tags[k] in FINITE else -1
            if verb >= 0 and _simple_present(s, verb):
                last = verb + 1 if s.words[verb] in BE else verb
                start, stop = s.span(verb, last)
                yield Hit(start, stop,
                          "With 'since' and a point in time, English uses the present perfect "
                          "('have worked', 'have been installed').", sub_id=s.words[verb])


SINCE_WITH_PRESENT = Rule(
    id="TQA_SINCE_WITH_PRESENT",
    title="Present tense with 'since'",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_since_with_present,
)
