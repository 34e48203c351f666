"""What Re-check and Apply do, as the site needs it; given by the `serve` command.

Re-check is `reviewer review` and Apply is `reviewer apply`: the same
functions, which live with the commands. The site never imports the
commands (nothing below them does); `reviewer.commands.serve` hands it a
`Jobs` built on them. The site runs each job in the engine thread
(`reviewer.serve.worker`), which gives it `server`: the URL of a live
LanguageTool server, or JobError when none can be had.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reviewer.review.merge import Reviewed

Server = Callable[[], str]


class JobError(Exception):
    """A Re-check or Apply that could not run; the message says why, for the page."""


@dataclass(frozen=True, slots=True)
class Applied:
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


class Jobs(Protocol):
    def recheck(self, document: str, review_file: Path, server: Server) -> Reviewed:
        """Review `document` again into `review_file` (raises JobError, ReviewFileError)."""

    def apply(self, review_file: Path, server: Server) -> Applied:
        """Write the corrected document, re-checked before it is written (raises JobError)."""

    def corrected(self, review_file: Path, document: str) -> Path:
        """Where Apply writes the corrected `document` of `review_file`."""
