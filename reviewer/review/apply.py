"""Apply accepted and edited suggestions to a document's text, never on the wrong text.

Each suggestion's matched text is verified at its recorded place: the text
must be there and its fingerprint (rule, text, surroundings) must be the
suggestion's id. Where the document moved, the text is found again by that
fingerprint, or by the caller's `place` (a document edited since the review:
reviewer.review.follow maps each span onto the text now). Otherwise the
suggestion is stale and not applied. Suggestions
whose spans overlap are a conflict: none of them is applied. All spans are
located in the original text first; the edits are then spliced in one pass,
which is the same as applying them from the end backwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reviewer.model import FINGERPRINT_CONTEXT, fingerprint
from reviewer.review.suggest import TO_APPLY, Suggestion

_REACH = 2 * FINGERPRINT_CONTEXT  # what `assign_ids` looks at around a span


@dataclass(frozen=True, slots=True)
class Applied:
    """An applied suggestion: its span in the original text and in the corrected one."""

    suggestion: Suggestion
    start: int
    end: int
    new_start: int
    new_end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class ApplyOutcome:
    """The corrected `text`, the suggestions applied, and those left stale or in conflict."""

    text: str
    applied: tuple[Applied, ...]
    stale: tuple[Suggestion, ...]
    conflicts: tuple[Suggestion, ...]

    @property
    def complete(self) -> bool:
        """True when every suggestion to apply was applied."""
        return not self.stale and not self.conflicts


def _base(sid: str) -> tuple[str, int]:
    base, _, n = sid.partition("-")
    return base, int(n) if n.isdigit() else 1


def _fits(s: Suggestion, text: str, at: int) -> bool:
    f = s.finding
    end = at + len(f.text)
    if text[at:end] != f.text:
        return False
    fp = fingerprint(f.rule_id, f.text, text[max(0, at - _REACH) : at], text[end : end + _REACH])
    return fp == _base(s.id)[0]


def locate(s: Suggestion, text: str) -> tuple[int, int] | None:
    """Where the suggestion's matched text is in `text` now, or None (stale)."""
    f = s.finding
    if _fits(s, text, f.start):
        return f.start, f.end
    if not f.text:
        return None
    found = []
    i = text.find(f.text)
    while i != -1:
        if _fits(s, text, i):
            found.append(i)
        i = text.find(f.text, i + 1)
    n = _base(s.id)[1]
    if len(found) < n:
        return None
    return found[n - 1], found[n - 1] + len(f.text)


def _held(span: tuple[int, int] | None, s: Suggestion, text: str) -> tuple[int, int] | None:
    return span if span is not None and text[span[0]:span[1]] == s.finding.text else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] < b[1] and b[0] < a[1]:
        return True
    return a[0] == b[0] and (a[0] == a[1] or b[0] == b[1])  # two edits at one point


def conflicting(spans: Sequence[tuple[int, int]]) -> set[int]:
    """The indexes of the spans (sorted by start) that overlap another, in one sweep.

    A span that overlaps a later one overlaps the next one (the next starts no
    later), and one that overlaps an earlier one starts before the furthest end
    so far or where the previous one starts: so each span is compared with its
    neighbours only, where comparing every pair was quadratic on many edits of
    one span.
    """
    bad: set[int] = set()
    reach = -1  # the furthest end of the spans before
    for i, span in enumerate(spans):
        if span[0] < reach or (i and _overlap(spans[i - 1], span)):
            bad.add(i)
        if i + 1 < len(spans) and _overlap(span, spans[i + 1]):
            bad.add(i)
        reach = max(reach, span[1])
    return bad


def apply(text: str, suggestions: Iterable[Suggestion],
          place: Callable[[Suggestion], tuple[int, int] | None] | None = None) -> ApplyOutcome:
    """Apply every accepted or edited suggestion that can be applied safely.

    `place` says where each suggestion's text is in `text` (None: stale);
    by default `locate`. A place that does not hold the matched text is stale.
    """
    todo = [s for s in suggestions if s.status in TO_APPLY and s.replacement is not None]
    placed: list[tuple[tuple[int, int], Suggestion]] = []
    stale: list[Suggestion] = []
    for s in todo:
        span = locate(s, text) if place is None else _held(place(s), s, text)
        if span is None:
            stale.append(s)
        else:
            placed.append((span, s))
    placed.sort(key=lambda p: (p[0], p[1].id))
    bad = conflicting([span for span, _ in placed])
    good = [p for i, p in enumerate(placed) if i not in bad]
    pieces: list[str] = []
    applied: list[Applied] = []
    pos = 0
    shift = 0
    for (start, end), s in good:
        rep = s.replacement or ""
        pieces.append(text[pos:start])
        pieces.append(rep)
        pos = end
        applied.append(Applied(s, start, end, start + shift, start + shift + len(rep), rep))
        shift += len(rep) - (end - start)
    pieces.append(text[pos:])
    return ApplyOutcome(
        text="".join(pieces),
        applied=tuple(applied),
        stale=tuple(stale),
        conflicts=tuple(s for i, (_, s) in enumerate(placed) if i in bad),
    )
