"""Re-review: merge a new check of an edited document into an existing review.

A suggestion is matched by its fingerprint (`Finding.id`: rule, matched text
and normalised surroundings, no offsets), or else by its place: its span
mapped from the text reviewed onto the text now (reviewer.review.follow)
holds the same text and a new finding of the same rule. So a decision
follows its words when the document changed elsewhere, in the same sentence
included. Rules:

- found again: the new finding (new offsets, and a new id when its
  surroundings changed: a `moved` event links the two in the history) keeps
  the old decision, as long as the matched text is the same and, for an
  accepted one, the chosen replacement is still offered; otherwise it is
  reopened as pending;
- gone: the old suggestion stays, marked `obsolete`, with its history;
- obsolete and found again: its last decision from the history comes back;
- new: pending.

A decision is never carried onto different text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer.review.record import ReviewFile
from reviewer.review.suggest import DECIDED, HistoryEntry, Status, Suggestion

DECISION_ACTIONS = ("decide", "import", "interactive", "serve")
MOVED = "moved"  # a history event: the suggestion's id changed, `comment` is "from <old id>"
Place = Callable[[Suggestion], tuple[int, int] | None]


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What one review wrote: the review file, the text checked, and what changed.

    `new`: ids the file did not have; `obsolete`: ids whose text is gone since
    this review; `reopened`: decisions that could not be carried onto the new
    findings; `kept`: ids found again (their decisions kept where they fit).
    """

    path: Path
    review: ReviewFile
    text: str
    new: tuple[str, ...]
    obsolete: tuple[str, ...]
    reopened: tuple[str, ...]
    kept: tuple[str, ...]

    @classmethod
    def of(cls, path: Path, review: ReviewFile, text: str, found: Sequence[Suggestion],
           old: ReviewFile | None, added: Sequence[HistoryEntry]) -> Reviewed:
        """From the suggestions `found`, the file before (`old`) and the merge's history."""
        known = {s.id for s in old.suggestions} if old is not None else set()
        known |= {h.id for h in added if h.action == MOVED}
        return cls(
            path=path,
            review=review,
            text=text,
            new=tuple(s.id for s in found if s.id not in known),
            obsolete=tuple(h.id for h in added if h.action == "obsolete"),
            reopened=tuple(h.id for h in added if h.action == "reopened"),
            kept=tuple(s.id for s in found if s.id in known),
        )


def merge_suggestions(
    old: Sequence[Suggestion],
    history: Sequence[HistoryEntry],
    new: Sequence[Suggestion],
    now: str,
    place: Place | None = None,
) -> tuple[tuple[Suggestion, ...], tuple[HistoryEntry, ...]]:
    """The merged suggestions and the history entries the merge adds.

    `place` says where an old suggestion's span is in the new text (None when
    its text changed); without it suggestions are matched by id alone.
    """
    pairs = _pairs(old, new, place)
    with_history = {h.id for h in history}
    added: list[HistoryEntry] = []
    out: list[Suggestion] = []
    for s in new:
        prev = pairs.get(s.id)
        if prev is None:
            out.append(s)
            continue
        source = prev
        if prev.status is Status.OBSOLETE:
            source = _last_decision(prev, history)
            added.append(HistoryEntry(at=now, id=s.id, action="restored", status=source.status))
        carried, reason = carry(source, s)
        if prev.id != s.id and (prev.status in DECIDED or prev.id in with_history):
            added.append(HistoryEntry(at=now, id=s.id, action=MOVED, status=carried.status,
                                      choice=carried.choice, edited_text=carried.edited_text,
                                      comment=f"from {prev.id}"))
        if reason:
            added.append(HistoryEntry(at=now, id=s.id, action="reopened", status=Status.PENDING,
                                      comment=reason))
        out.append(carried)
    found = {p.id for p in pairs.values()}
    for prev in old:
        if prev.id in found:
            continue
        if prev.status is not Status.OBSOLETE:
            added.append(HistoryEntry(at=now, id=prev.id, action="obsolete", status=Status.OBSOLETE,
                                      comment=f"was {prev.status.value}"))
        out.append(replace(prev, status=Status.OBSOLETE))
    out.sort(key=lambda s: (s.status is Status.OBSOLETE, *s.sort_key()))
    return tuple(out), tuple(added)


def _pairs(old: Sequence[Suggestion], new: Sequence[Suggestion],
           place: Place | None) -> dict[str, Suggestion]:
    """The old suggestion each new one continues, by the new one's id: same id first,
    then an old span placed exactly on a new finding of the same rule."""
    old_by_id = {s.id: s for s in old}
    pairs = {s.id: old_by_id[s.id] for s in new if s.id in old_by_id}
    if place is None:
        return pairs
    taken = {p.id for p in pairs.values()}
    free = {(s.finding.rule_id, s.finding.start, s.finding.end): s for s in reversed(new)
            if s.id not in pairs}
    for prev in old:
        if prev.id in taken or prev.status is Status.OBSOLETE:
            continue
        at = place(prev)
        s = free.pop((prev.finding.rule_id, *at), None) if at is not None else None
        if s is not None:
            pairs[s.id] = prev
    return pairs


def carry(prev: Suggestion, new: Suggestion) -> tuple[Suggestion, str]:
    """`new` with `prev`'s decision, and why it could not be carried ("" when it was)."""
    if prev.status not in DECIDED:
        return new, ""
    if prev.finding.text != new.finding.text or prev.finding.rule_id != new.finding.rule_id:
        return new, "the matched text changed"
    choice = None
    if prev.status is Status.ACCEPTED:
        chosen = prev.alternatives[prev.choice or 0].text
        offered = [a.text for a in new.alternatives]
        if chosen not in offered:
            return new, f"the chosen replacement {chosen!r} is no longer offered"
        choice = offered.index(chosen)
    return replace(
        new,
        status=prev.status,
        choice=choice,
        edited_text=prev.edited_text,
        comment=prev.comment,
        by=prev.by,
        at=prev.at,
    ), ""


def _last_decision(prev: Suggestion, history: Sequence[HistoryEntry]) -> Suggestion:
    sid = prev.id
    for h in reversed(history):
        if h.id == sid and h.action in DECISION_ACTIONS:
            return replace(prev, status=h.status, choice=h.choice, edited_text=h.edited_text,
                           comment=h.comment, by=h.by, at=h.at)
        if h.id == sid and h.action == MOVED:  # its decisions were taken under its old id
            sid = h.comment.removeprefix("from ")
    return replace(prev, status=Status.PENDING)
