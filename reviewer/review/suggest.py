"""Suggestions: each finding as a reviewable edit, and the decisions taken on them.

A `Suggestion` is a finding, the bounds of its sentence (the context shown
around the span) and its decision; every distinct replacement of the finding
is an `Alternative`, and `choice` says which one an editor accepted. A
finding without replacements has no alternatives: it asks for a manual edit
(`--edit TEXT`). `safety` says how safe its replacements are to take unread
(reviewer.rules.safety).

What can be derived is not kept: the sentence's text and the diff an editor
sees (`Suggestion.diff`: the sentence, exactly the span deleted, exactly the
replacement inserted) come from the document's text when shown, so a
suggestion costs the same whatever the length of its sentence or the number
of its alternatives.

`edited_text` always replaces the finding's span (not the whole sentence).
Spans are Python code points, as in `Finding`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from reviewer.model import Finding, Report
from reviewer.review.diffs import DiffOp, span_diff
from reviewer.rules.safety import Safety, safety
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
    """One replacement of the span."""

    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """Where an editor left a suggestion: the six fields every decision record shares.

    `choice` is a 0-based index into the suggestion's alternatives (accepted
    only); `edited_text` replaces the span (edited only); `at` is ISO 8601 UTC.
    """

    status: Status = Status.PENDING
    choice: int | None = None
    edited_text: str | None = None
    comment: str = ""
    by: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision(Verdict):
    """An editor's decision on suggestion `id` (also the decisions-import record)."""

    id: str

    def problem(self) -> str:
        """What makes this record unusable as a decision, or "" (the checks of any import)."""
        if not self.id:
            return "decision without an 'id'"
        if self.status is Status.OBSOLETE:
            return f"{self.id}: 'obsolete' is not a decision"
        if self.choice is not None and self.choice < 0:
            return f"{self.id}: 'choice' must be a non-negative integer"
        if self.status is Status.EDITED and self.edited_text is None:
            return f"{self.id}: status 'edited' needs 'edited_text'"
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEntry(Decision):
    """One line of a review file's append-only history.

    `action`: `decide`, `import`, `interactive`, `serve` (a decision), or `review`
    events: `obsolete` (its text is gone), `restored` (its text came back),
    `reopened` (a decision could not be carried onto the new findings).
    """

    action: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Suggestion(Verdict):
    """A finding as a proposed edit of its sentence, with the editor's decision.

    `finding` carries neither its context nor its sentence (both derived from
    the document when shown); `sentence_start:sentence_end` bounds the
    sentence in the document's text.
    """

    finding: Finding
    sentence_start: int
    sentence_end: int
    safety: Safety = Safety.UNSAFE

    @property
    def id(self) -> str:
        return self.finding.id

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        """The finding's replacements, each once, in the order offered."""
        return tuple(map(Alternative, dict.fromkeys(self.finding.replacements)))

    @property
    def manual(self) -> bool:
        """True when LanguageTool offered no replacement: only a manual edit will do."""
        return not self.finding.replacements

    @property
    def note(self) -> str:
        return MANUAL_NOTE if self.manual else ""

    @property
    def replacement(self) -> str | None:
        """The text that replaces the span when applied, or None when nothing is to apply."""
        if self.status is Status.EDITED:
            return self.edited_text
        if self.status is Status.ACCEPTED and self.finding.replacements:
            return list(dict.fromkeys(self.finding.replacements))[self.choice or 0]
        return None

    def context(self, text: str | None) -> tuple[str, str] | None:
        """The sentence's text before and after the span, read from the document's `text`.

        None when `text` is not the text this suggestion was made of (the
        document changed, or could not be read): the span is not where it was.
        """
        f = self.finding
        if text is None or text[f.start : f.end] != f.text:
            return None
        return text[self.sentence_start : f.start], text[f.end : self.sentence_end]

    def diff(self, replacement: str, text: str | None) -> tuple[DiffOp, ...]:
        """What apply would write: the sentence with the span replaced by `replacement`.

        The sentence comes from `text`, the document's text; without it (see
        `context`) the diff is the span and its replacement alone.
        """
        before, after = self.context(text) or ("", "")
        return span_diff(before + self.finding.text + after, len(before),
                         len(before) + len(self.finding.text), replacement)

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
        return Decision(id=self.id, status=self.status, choice=self.choice,
                        edited_text=self.edited_text, comment=self.comment, by=self.by,
                        at=self.at)


def build_suggestion(finding: Finding, text: str) -> Suggestion:
    """The pending suggestion for `finding` in the document `text`."""
    s, e = sentence_bounds(text, finding.start, finding.end, finding.sentence)
    return Suggestion(finding=replace(finding, context="", sentence=""), sentence_start=s,
                      sentence_end=e, safety=safety(finding.rule_id, bool(finding.replacements)))


def build_suggestions(report: Report, text: str) -> tuple[Suggestion, ...]:
    """One suggestion per finding of a one-document report, in document order."""
    return tuple(sorted((build_suggestion(f, text) for f in report.findings),
                        key=Suggestion.sort_key))


def span_problem(suggestions: Sequence[Suggestion], text: str) -> str:
    """What does not fit `text`, the document's text they were made on, or "".

    Every suggestion that is not obsolete (those were made on an earlier text)
    holds its matched text at its offsets, and its sentence ends inside `text`.
    """
    for i, s in enumerate(suggestions):
        if s.status is Status.OBSOLETE:
            continue
        f = s.finding
        at = f"`$.suggestions[{i}]`"
        if s.sentence_end > len(text):
            return f"its sentence ends at {s.sentence_end}, after the document's end " \
                   f"({len(text)}) - at {at}"
        if text[f.start:f.end] != f.text:
            return f"the document does not hold {f.text[:40]!r} at {f.start}-{f.end} - at {at}"
    return ""
