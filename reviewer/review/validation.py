"""What no writer of ours produces in a review file, and what a decision may not carry.

Decoding (reviewer.review.record) checks every field's type; these checks go
beyond types: spans within their sentences, choices among the alternatives,
texts that are Unicode text of a bounded length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewer.model import ID_FORMAT
from reviewer.review.suggest import (
    DECIDED,
    Decision,
    HistoryEntry,
    Status,
    Suggestion,
    span_problem,
)
from reviewer.text.placeholders import placeholder_change

_SURROGATE = re.compile("[\ud800-\udfff]")  # one search, not a Python loop per character
# Longest texts a decision may carry (characters): an edit replaces a span, a comment is a
# note. Longer ones are refused, so no review file grows by a pasted file.
MAX_EDIT = 10_000
MAX_COMMENT = 10_000
MAX_WHO_WHEN = 200  # `by` and `at`: who decided and when


def decision_problem(s: Suggestion, d: Decision) -> str:
    """Why decision `d` cannot be taken on `s`, or "" when it can."""
    if s.status is Status.OBSOLETE:
        return "obsolete (its text is no longer in the document)"
    if d.status is Status.ACCEPTED:
        if s.manual:
            return "no replacement to accept: use --edit TEXT"
        if d.choice is not None and d.choice >= len(s.alternatives):
            return f"choice {d.choice + 1} out of range (1-{len(s.alternatives)})"
    if d.status is Status.EDITED and d.edited_text is None:
        return "an edit needs its text"
    if d.status not in DECIDED and d.status is not Status.PENDING:
        return f"cannot set status {d.status.value!r}"
    for name, limit in (("edited_text", MAX_EDIT), ("comment", MAX_COMMENT),
                        ("by", MAX_WHO_WHEN), ("at", MAX_WHO_WHEN)):
        problem = text_problem(getattr(d, name) or "", limit, document=name == "edited_text")
        if problem:
            return f"{name.replace('_', ' ')} {problem}"
    if d.status is Status.EDITED and d.edited_text is not None and s.finding.unit:
        change = placeholder_change(s.finding.text, d.edited_text)  # a bilingual unit
        if change:
            return f"edited text {change} (a translation keeps its placeholders)"
    return ""


def suggestion_problem(s: Suggestion) -> str:
    """What no writer of ours produces in a suggestion (a hand edit gone wrong), or "".

    Beyond types: the span lies in its sentence and is as long as the finding's
    text (the text itself is compared with the document by `apply`);
    the choice is one of the alternatives; the alternatives' and the
    decision's texts are text (no NUL, no lone surrogate). Nothing shown is
    stored apart from what `apply` writes: diffs are derived (`Suggestion.diff`).
    """
    f = s.finding
    if not 0 <= f.start <= f.end:
        return f"span {f.start}-{f.end} is not a span"
    if not s.sentence_start <= f.start <= f.end <= s.sentence_end:
        return "the span is outside its sentence"
    if len(f.text) != f.end - f.start:
        return "the finding's text is not as long as its span"
    for k, alt in enumerate(s.alternatives):
        problem = text_problem(alt.text, document=True)
        if problem:
            return f"alternative {k}: its text {problem}"
    if s.choice is not None and not 0 <= s.choice < max(1, len(s.alternatives)):
        return f"choice {s.choice} is not one of its {len(s.alternatives)} alternatives"
    if s.status is Status.EDITED and s.edited_text is None:
        return "status 'edited' without 'edited_text'"
    for name in ("edited_text", "comment", "by", "at"):
        problem = text_problem(getattr(s, name) or "", document=name == "edited_text")
        if problem:
            return f"'{name}' {problem}"
    return ""


def text_problem(text: str, limit: int | None = None, document: bool = False) -> str:
    """Why `text` cannot be a decision's text, or "": a lone surrogate (not Unicode
    text), more than `limit` characters, or for text going into the document a NUL."""
    if not text:
        return ""
    if document and "\x00" in text:
        return "contains a NUL character"
    if _SURROGATE.search(text):
        return "contains a lone surrogate (not valid Unicode text)"
    if limit is not None and len(text) > limit:
        return f"is {len(text):,} characters long (at most {limit:,})"
    return ""


def history_problem(h: HistoryEntry) -> str:
    """What no writer of ours produces in a history entry, or ""."""
    if h.choice is not None and h.choice < 0:
        return f"choice {h.choice} is negative"
    for name in ("edited_text", "comment", "by", "at", "id", "action"):
        problem = text_problem(getattr(h, name) or "", document=name == "edited_text")
        if problem:
            return f"'{name}' {problem}"
    return ""


def stored_problem(suggestions: Sequence[Suggestion], history: Sequence[HistoryEntry],
                   text: str) -> str:
    """What no writer of ours produces in a decoded review file, and where, or ""."""
    for i, s in enumerate(suggestions):
        problem = suggestion_problem(s)
        if problem:
            return f"{problem} - at `$.suggestions[{i}]`"
    seen: set[str] = set()
    for i, s in enumerate(suggestions):
        if not ID_FORMAT.fullmatch(s.id):  # ids are printed and put in pages and URLs
            return (f"id {s.id!r} is not a suggestion id (16 hex digits, then -2, -3... for "
                    f"repeats) - at `$.suggestions[{i}].id`")
        if s.id in seen:
            return f"id {s.id!r} is given twice - at `$.suggestions[{i}].finding.id`"
        seen.add(s.id)
    for i, h in enumerate(history):
        problem = history_problem(h)
        if problem:
            return f"{problem} - at `$.history[{i}]`"
    problem = (text_problem(text, document=True) or span_problem(suggestions, text)
               if text else "")
    return f"`document.text`: {problem}" if problem else ""
