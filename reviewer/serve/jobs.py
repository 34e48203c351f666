"""Re-check and Apply as a page asks for them: the review and apply pipelines.

Re-check is `reviewer review`'s `review_document` and Apply is `reviewer
apply`'s `apply_review` (reviewer.review), called here directly. The site runs
each job in the engine thread (`reviewer.serve.worker`), which gives it
`server`: the URL of a live LanguageTool server, or JobError when none can be
had.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reviewer.pipelines.correcting import ApplyError, apply_review, report_lines
from reviewer.pipelines.reviewing import review_document
from reviewer.pipelines.session import EngineFailure, UsageError
from reviewer.review.merge import Reviewed
from reviewer.settings import Settings

Server = Callable[[], str]


class JobError(Exception):
    """A Re-check or Apply that could not run; the message says why, for the page."""


@dataclass(frozen=True, slots=True)
class ApplySummary:
    """What an Apply did, as a page shows it: the lines `reviewer apply` prints, and counts.

    `written` is False when a fix regressed: then nothing was written.
    """

    target: str
    lines: tuple[str, ...]
    applied: int
    stale: int
    conflicts: int
    regressed: int
    written: bool
    code: int


def recheck(settings: Settings, document: str, review_file: Path, server: Server) -> Reviewed:
    """Review `document` again into `review_file` with `settings`, as `reviewer review` does.

    Raises JobError, or ReviewFileError for a review file that cannot be merged into.
    """
    try:
        return review_document(document, review_file, replace(settings, server=(server(),)))
    except (UsageError, EngineFailure) as exc:
        raise JobError(f"reviewer: {exc}") from None


def apply(engine: Mapping[str, Any], review_file: Path, server: Server) -> ApplySummary:
    """Write the corrected document of `review_file`, as `reviewer apply` does.

    The corrected text is re-checked first with the settings the review file
    records and the `engine` settings by name (server, jobs, start_timeout);
    without a server it is written all the same, as `reviewer apply` does.
    Raises JobError when nothing could be written.
    """
    try:
        given: Mapping[str, Any] | None = {**engine, "server": (server(),)}
        why = ""
    except JobError as exc:
        given, why = None, str(exc)
    try:
        result = apply_review(review_file, recheck=given)
    except ApplyError as exc:
        raise JobError(f"reviewer: {exc}") from None
    if why and result.outcome.applied:
        result = replace(result, recheck_error=why)
    lines = report_lines(result)
    if result.recheck_error:
        lines.append(f"The re-check did not run: {result.recheck_error}")
    regressed = len(result.checked.regressed) if result.checked else 0
    if not result.written:
        lines.append(f"Not written: {regressed} fix(es) regressed; reject or edit them, "
                     "then Apply again.")
    return ApplySummary(
        target=str(result.target),
        lines=tuple(lines),
        applied=len(result.outcome.applied),
        stale=len(result.outcome.stale),
        conflicts=len(result.outcome.conflicts) + len(result.refused),
        regressed=regressed,
        written=result.written,
        code=int(result.code),
    )
