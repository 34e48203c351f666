"""Re-review: merge a new check of an edited document into an existing review.

A suggestion is matched by its fingerprint (`Finding.id`: rule, matched text
and normalised surroundings, no offsets), so a decision follows its text when
the document changed elsewhere. Rules:

- found again: the new finding (new offsets) keeps the old decision, as long
  as the matched text is the same and, for an accepted one, the chosen
  replacement is still offered; otherwise it is reopened as pending;
- gone: the old suggestion stays, marked `obsolete`, with its history;
- obsolete and found again: its last decision from the history comes back;
- new: pending.

A decision is never carried onto different text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer.review.store import ReviewFile
from reviewer.review.suggest import DECIDED, HistoryEntry, Status, Suggestion

DECISION_ACTIONS = ("decide", "import", "interactive", "serve")


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
        return cls(
            path=path,
            review=review,
            text=text,
            new=tuple(s.id for s in found if s.id not in known),
            obsolete=tuple(h.id for h in added if h.action == "obsolete"),
            reopened=tuple(h.id for h in added if h.action == "reopened"),
            kept=tuple(s.id for s in found if s.id in known),
        )


def merge(
    old: Sequence[Suggestion],
    history: Sequence[HistoryEntry],
    new: Sequence[Suggestion],
    now: str,
) -> tuple[tuple[Suggestion, ...], tuple[HistoryEntry, ...]]:
    """The merged suggestions and the history entries the merge adds."""
    old_by_id = {s.id: s for s in old}
    added: list[HistoryEntry] = []
    out: list[Suggestion] = []
    for s in new:
        prev = old_by_id.get(s.id)
        if prev is None:
            out.append(s)
            continue
        source = prev
        if prev.status is Status.OBSOLETE:
            source = _last_decision(prev, history)
            added.append(HistoryEntry(at=now, id=s.id, action="restored", status=source.status))
        carried, reason = carry(source, s)
        if reason:
            added.append(HistoryEntry(at=now, id=s.id, action="reopened", status=Status.PENDING,
                                      comment=reason))
        out.append(carried)
    new_ids = {s.id for s in new}
    for prev in old:
        if prev.id in new_ids:
            continue
        if prev.status is not Status.OBSOLETE:
            added.append(HistoryEntry(at=now, id=prev.id, action="obsolete", status=Status.OBSOLETE,
                                      comment=f"was {prev.status.value}"))
        out.append(replace(prev, status=Status.OBSOLETE))
    out.sort(key=lambda s: (s.status is Status.OBSOLETE, *s.sort_key()))
    return tuple(out), tuple(added)


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
    for h in reversed(history):
        if h.id == prev.id and h.action in DECISION_ACTIONS:
            return replace(prev, status=h.status, choice=h.choice, edited_text=h.edited_text,
                           comment=h.comment, by=h.by, at=h.at)
    return replace(prev, status=Status.PENDING)
