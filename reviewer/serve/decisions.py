"""Decisions sent by the live page, taken like `reviewer decide` takes them.

The same store (`reviewer.review.store.update`: read, change and atomic write under
the file's lock) and the same validation (`ReviewFile.decide`, all or
nothing). On top: each decision names the revision of its suggestion the
page saw (`reviewer.serve.served.revisions`). When the suggestion has
changed since (another editor decided it, a re-review touched it), the
decision is refused as a conflict, never written over the other one, unless
it is the very decision already recorded (the same editor, the same comment).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.codec import RecordError, convert
from reviewer.review.record import ReviewFile, ReviewFileError
from reviewer.review.store import update
from reviewer.review.suggest import Decision, Suggestion
from reviewer.review.validation import decision_problem
from reviewer.serve.served import file_version, revisions, version_of

ACTION = "serve"  # the history's `action` for decisions taken in a live page
MAX_DECISIONS = 10_000
MAX_TYPED_NAME = 80  # the reviewer's name typed in a page (history's `by`)


class Conflict(Exception):
    """Suggestions changed since the page saw them; nothing was recorded."""

    def __init__(self, review: ReviewFile, version: str, ids: Sequence[str]) -> None:
        super().__init__(f"{len(ids)} suggestion(s) changed since this page showed them")
        self.review = review
        self.version = version
        self.ids = tuple(ids)


@dataclass(frozen=True, slots=True)
class Request:
    """One decision as a page sends it, with the revision it was made on."""

    decision: Decision
    rev: int


def clean_name(value: object) -> str:
    """A name typed in a page, as history keeps it: one line, at most MAX_TYPED_NAME characters."""
    if not isinstance(value, str):
        return ""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())[:MAX_TYPED_NAME]


def parse(body: Any, by: str, at: str) -> list[Request]:
    """The decisions in a page's request body; raise ValueError naming what is wrong.

    `by` and `at` are the server's (who the page says decides, and now).
    """
    records = body.get("decisions") if isinstance(body, dict) else None
    if not isinstance(records, list) or not records:
        raise ValueError("expected a JSON object with a non-empty 'decisions' list")
    if len(records) > MAX_DECISIONS:
        raise ValueError(f"at most {MAX_DECISIONS} decisions at once")
    out = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise ValueError(f"decision {i + 1}: expected an object")
        rev = record.get("rev")
        if not isinstance(rev, int) or isinstance(rev, bool) or rev < 0:
            raise ValueError(f"decision {i + 1}: 'rev' must be the suggestion's revision")
        fields = {"id": record.get("id"), "status": record.get("status"),
                  "choice": record.get("choice"), "edited_text": record.get("edited_text"),
                  "comment": record.get("comment", ""), "by": by, "at": at}
        try:  # the same record and checks as a decisions file (reviewer.review.store)
            decision = convert(fields, Decision)
        except RecordError as exc:
            raise ValueError(f"decision {i + 1}: {exc}") from None
        problem = decision.problem()
        if problem:
            raise ValueError(f"decision {i + 1}: {problem}")
        out.append(Request(decision, rev))
    return out


def _same(s: Suggestion, d: Decision) -> bool:
    """True when `d` is the decision `s` already has, to the comment and the editor.

    That is a decision sent twice (a double click, an answer lost on the way).
    Another editor who agrees, or a different comment, is a change the page
    has not seen: it would overwrite what stands without anyone reading it.
    """
    if decision_problem(s, d):
        return False
    return (s.status is d.status and s.replacement == s.decided(d).replacement
            and s.comment == d.comment and s.by == d.by)


@dataclass(frozen=True, slots=True)
class Taken:
    """The review file before and after decisions, with the versions of both."""

    before: ReviewFile
    after: ReviewFile
    prev: str
    version: str


def take(path: Path, requests: Sequence[Request]) -> Taken:
    """Record `requests` in the review file at `path`.

    Raises Conflict (nothing written) when a suggestion's revision is not the
    one its request was made on, ValueError when a decision does not fit
    (unknown id, obsolete suggestion, choice out of range...: nothing
    written), ReviewFileError when the file cannot be read or written.
    """
    before: list[ReviewFile] = []
    versions: list[str] = []

    def change(review: ReviewFile | None) -> ReviewFile:
        if review is None:
            raise ReviewFileError(path, "no such review file (removed?)")
        before.append(review)
        versions.append(file_version(path))  # under the lock: what `review` was read from
        known = {s.id: s for s in review.suggestions}
        unknown = [r.decision.id for r in requests if r.decision.id not in known]
        if unknown:
            raise ValueError(f"no suggestion {unknown[0]!r} in {path}")
        revs = revisions(review)
        changed = [r.decision.id for r in requests
                   if revs[r.decision.id] != r.rev and not _same(known[r.decision.id], r.decision)]
        if changed:
            raise Conflict(review, versions[0], changed)
        return review.decide([r.decision for r in requests], ACTION)

    after = update(path, change, lambda data: versions.append(version_of(data)))
    return Taken(before[0], after, versions[0], versions[1])
