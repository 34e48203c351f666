"""Suggestions: each finding as a reviewable edit, and the decisions taken on them.

A `Suggestion` shows its finding's sentence before and after the proposed
replacement as a word-level diff, with diff-match-patch patch text placed at
the sentence's offset in the document. Every replacement LanguageTool offered
is an `Alternative`; `choice` says which one an editor accepted. A finding
without replacements has no alternatives: it asks for a manual edit
(`--edit TEXT`).

`edited_text` always replaces the finding's span (not the whole sentence).
Spans are Python code points, as in `Finding`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from reviewer.model import Finding, Report
from reviewer.review.diffs import DiffOp, patch_text, word_diff
from reviewer.text.sentences import sentence_bounds

MANUAL_NOTE = "No replacement offered: edit this text by hand (reviewer decide ID --edit TEXT)."


class Status(StrEnum):
    """Where a suggestion stands. `obsolete`: its text is gone from the document."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"
    OBSOLETE = "obsolete"


DECIDED = (Status.ACCEPTED, Status.REJECTED, Status.EDITED)
TO_APPLY = (Status.ACCEPTED, Status.EDITED)


@dataclass(frozen=True, slots=True)
class Alternative:
    """One replacement of the span, and the sentence it would give."""

    text: str
    after: str
    diff: tuple[DiffOp, ...]
    patch: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "after": self.after,
            "diff": [d.to_list() for d in self.diff],
            "patch": self.patch,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alternative:
        return cls(
            text=str(data["text"]),
            after=str(data["after"]),
            diff=tuple(DiffOp.from_list(d) for d in data["diff"]),
            patch=str(data["patch"]),
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """An editor's decision on one suggestion (also the decisions-import record).

    `choice` is a 0-based index into the suggestion's alternatives (accepted
    only); `edited_text` replaces the span (edited only); `at` is ISO 8601 UTC.
    """

    id: str
    status: Status
    choice: int | None = None
    edited_text: str | None = None
    comment: str = ""
    by: str = ""
    at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "choice": self.choice,
            "edited_text": self.edited_text,
            "comment": self.comment,
            "by": self.by,
            "at": self.at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        """Parse and check one record; raise ValueError naming the bad field."""
        if not isinstance(data, dict):
            raise ValueError("a decision must be a JSON object")
        if not isinstance(data.get("id"), str) or not data["id"]:
            raise ValueError("decision without an 'id'")
        try:
            status = Status(str(data.get("status")))
        except ValueError:
            raise ValueError(f"{data['id']}: unknown status {data.get('status')!r}") from None
        if status is Status.OBSOLETE:
            raise ValueError(f"{data['id']}: 'obsolete' is not a decision")
        choice = data.get("choice")
        if choice is not None and (not isinstance(choice, int) or isinstance(choice, bool)
                                   or choice < 0):
            raise ValueError(f"{data['id']}: 'choice' must be a non-negative integer")
        edited = data.get("edited_text")
        if edited is not None and not isinstance(edited, str):
            raise ValueError(f"{data['id']}: 'edited_text' must be a string")
        if status is Status.EDITED and edited is None:
            raise ValueError(f"{data['id']}: status 'edited' needs 'edited_text'")
        for key in ("comment", "by", "at"):
            if not isinstance(data.get(key, ""), str):
                raise ValueError(f"{data['id']}: '{key}' must be a string")
        return cls(
            id=data["id"],
            status=status,
            choice=choice if status is Status.ACCEPTED else None,
            edited_text=edited if status is Status.EDITED else None,
            comment=str(data.get("comment", "")),
            by=str(data.get("by", "")),
            at=str(data.get("at", "")),
        )


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a review file's append-only history.

    `action`: `decide`, `import`, `interactive` (a decision), or `review`
    events: `obsolete` (its text is gone), `restored` (its text came back),
    `reopened` (a decision could not be carried onto the new findings).
    """

    at: str
    id: str
    action: str
    status: Status
    choice: int | None = None
    edited_text: str | None = None
    comment: str = ""
    by: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "id": self.id,
            "action": self.action,
            "status": self.status.value,
            "choice": self.choice,
            "edited_text": self.edited_text,
            "comment": self.comment,
            "by": self.by,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HistoryEntry:
        return cls(
            at=str(data["at"]),
            id=str(data["id"]),
            action=str(data["action"]),
            status=Status(data["status"]),
            choice=data.get("choice"),
            edited_text=data.get("edited_text"),
            comment=str(data.get("comment", "")),
            by=str(data.get("by", "")),
        )


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A finding as a proposed edit of its sentence, with the editor's decision."""

    finding: Finding
    sentence_start: int
    sentence_end: int
    before: str
    alternatives: tuple[Alternative, ...]
    status: Status = Status.PENDING
    choice: int | None = None
    edited_text: str | None = None
    comment: str = ""
    by: str = ""
    at: str = ""

    @property
    def id(self) -> str:
        return self.finding.id

    @property
    def manual(self) -> bool:
        """True when LanguageTool offered no replacement: only a manual edit will do."""
        return not self.alternatives

    @property
    def note(self) -> str:
        return MANUAL_NOTE if self.manual else ""

    @property
    def replacement(self) -> str | None:
        """The text that replaces the span when applied, or None when nothing is to apply."""
        if self.status is Status.EDITED:
            return self.edited_text
        if self.status is Status.ACCEPTED and self.alternatives:
            return self.alternatives[self.choice or 0].text
        return None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.finding.start, self.finding.end, self.id)

    def decided(self, d: Decision) -> Suggestion:
        """This suggestion with decision `d` (already validated against it)."""
        return replace(
            self,
            status=d.status,
            choice=(d.choice or 0) if d.status is Status.ACCEPTED else None,
            edited_text=d.edited_text if d.status is Status.EDITED else None,
            comment=d.comment,
            by=d.by,
            at=d.at,
        )

    def decision(self) -> Decision:
        return Decision(self.id, self.status, self.choice, self.edited_text,
                        self.comment, self.by, self.at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "finding": self.finding.to_dict(),
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "before": self.before,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "note": self.note,
            "status": self.status.value,
            "choice": self.choice,
            "edited_text": self.edited_text,
            "comment": self.comment,
            "by": self.by,
            "at": self.at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Suggestion:
        finding = Finding.from_dict(data["finding"])
        if data.get("id", finding.id) != finding.id:
            raise ValueError(f"suggestion id {data['id']!r} differs from its finding's id")
        return cls(
            finding=finding,
            sentence_start=int(data["sentence_start"]),
            sentence_end=int(data["sentence_end"]),
            before=str(data["before"]),
            alternatives=tuple(Alternative.from_dict(a) for a in data["alternatives"]),
            status=Status(data["status"]),
            choice=data.get("choice"),
            edited_text=data.get("edited_text"),
            comment=str(data.get("comment", "")),
            by=str(data.get("by", "")),
            at=str(data.get("at", "")),
        )


def alternative(finding: Finding, before: str, s_start: int, value: str) -> Alternative:
    """The alternative that puts `value` in place of the finding's span.

    `before` is the finding's sentence, which starts at `s_start` in the document.
    """
    a, b = finding.start - s_start, finding.end - s_start
    after = before[:a] + value + before[b:]
    ops = word_diff(before, after)
    return Alternative(value, after, ops, patch_text(ops, s_start))


def preview(s: Suggestion, value: str) -> Alternative:
    """What putting `value` in the span of `s` would do (for an edit)."""
    return alternative(s.finding, s.before, s.sentence_start, value)


def build_suggestion(finding: Finding, text: str) -> Suggestion:
    """The pending suggestion for `finding` in the document `text`."""
    s, e = sentence_bounds(text, finding.start, finding.end, finding.sentence)
    before = text[s:e]
    alts = tuple(alternative(finding, before, s, r) for r in _unique(finding.replacements))
    return Suggestion(finding, s, e, before, alts)


def build_suggestions(report: Report, text: str) -> tuple[Suggestion, ...]:
    """One suggestion per finding of a one-document report, in document order."""
    return tuple(sorted((build_suggestion(f, text) for f in report.findings),
                        key=Suggestion.sort_key))


def _unique(values: tuple[str, ...]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        seen.setdefault(v, None)
    return list(seen)
