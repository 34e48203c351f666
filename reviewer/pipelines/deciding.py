"""Recording decisions in a review file: from the command line, a decisions file or Word.

Every batch is all or nothing, taken under the review file's lock
(reviewer.review.store): one bad id or decision and nothing is recorded
(ReviewFileError). `reviewer decide` and `reviewer import` end here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer.files import FileError, read_bounded
from reviewer.inputs.docx_import import decisions
from reviewer.pipelines.session import UsageError
from reviewer.review.record import ReviewFile, ReviewFileError
from reviewer.review.store import update
from reviewer.review.suggest import Decision, Status, Suggestion
from reviewer.rules.safety import Safety
from reviewer.text.docx_package import PackageError

# The decisions to take on the review file as it is under the lock, and notes on them.
Choose = Callable[[ReviewFile], tuple[Sequence[Decision], Sequence[str]]]


@dataclass(frozen=True, slots=True)
class Bulk:
    """A decision on every pending suggestion, narrowed by rule, category and severity.

    Accepting takes only suggestions with a replacement (not those that need a
    manual edit); `safe_only`, only those whose fix is safe (reviewer.rules.safety).
    """

    status: Status
    safe_only: bool = False
    rules: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()

    def takes(self, s: Suggestion) -> bool:
        f = s.finding
        return (s.status is Status.PENDING
                and (not self.rules or f.rule_id in self.rules)
                and (not self.categories or f.category in self.categories)
                and (not self.severities or f.severity.value in self.severities)
                and not (self.status is Status.ACCEPTED and not self.safe_only and s.manual)
                and not (self.safe_only and s.safety is not Safety.SAFE))


@dataclass(frozen=True, slots=True)
class Recorded:
    """The review file after a batch, the decisions taken, and notes on them."""

    review: ReviewFile
    taken: tuple[Decision, ...]
    notes: tuple[str, ...] = ()

    def decided(self) -> list[Suggestion]:
        """Each suggestion decided, once, in order (of several decisions, the last holds)."""
        ids = dict.fromkeys(self.review.get(d.id).id for d in self.taken)
        return [self.review.get(i) for i in ids]


def existing(path: Path) -> Path:
    """`path`, or UsageError when it is no review file to decide in."""
    if not path.is_file():
        raise UsageError(f"{path}: no such review file")
    return path


def record(path: Path, choose: Choose, action: str) -> Recorded:
    """Take the decisions `choose` makes of the review file at `path`; all or nothing."""
    existing(path)
    taken: list[Decision] = []
    notes: list[str] = []

    def change(review: ReviewFile | None) -> ReviewFile:
        if review is None:  # removed since the check above
            raise ReviewFileError(path, "no such review file")
        found, said = choose(review)
        try:
            new = review.decide(list(found), action)
        except ValueError as exc:
            raise ReviewFileError(path, f"{exc}: nothing recorded") from None
        taken[:] = found
        notes[:] = said
        return new

    new = update(path, change)
    return Recorded(new, tuple(taken), tuple(notes))


def import_from_word(path: Path, document: str, user: str, at: str) -> Recorded:
    """Record the verdicts an editor gave in the Word document `document` (accepted or
    rejected revisions, comment replies); `user` decided where Word does not say who."""
    existing(path)
    try:
        raw = read_bounded(document)
    except FileError as exc:
        raise UsageError(f"{document}: {exc.cause}") from None

    def choose(review: ReviewFile) -> tuple[list[Decision], list[str]]:
        try:
            return decisions(review.suggestions, raw, user, at)
        except PackageError as exc:
            raise ReviewFileError(document, str(exc)) from None

    return record(path, choose, "import")
