"""Which document a review file may touch, and where `apply` may write.

A review file is a CI artifact and may come from an untrusted pull request,
so what it names is not trusted: its `document.path` is only a hint.

- The document is the one the user names (`--document DOC`), or else the
  one the review file names, if that path resolves (symlinks followed) inside
  the working directory, or else the file of that name next to the review
  file. Anything else (`/etc/os-release`, `../../x`, a link out of the
  working directory) is refused: the user must name the document.
- The document's SHA-256 must be the review file's `document.sha256`
  (mismatch: refused unless forced); only then are the spans checked against
  its text (`span_problem`): each suggestion's text must be where it says.
- No output may be the review file, and only `--in-place` may write the document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reviewer.files import inside, same_file
from reviewer.review.record import ReviewFile
from reviewer.review.suggest import span_problem as held_problem
from reviewer.text.document import InputError, read_document

NEXT_TO = "next to the review file"


class Refusal(Exception):
    """A document or an output the command must not touch; the message says why."""


@dataclass(frozen=True, slots=True)
class Choice:
    """The document chosen for a review file, and how it was found."""

    path: str
    how: str  # "given", "named" (the review file's path) or NEXT_TO


def choose_document(review: ReviewFile, review_path: str | Path, given: str | None,
                    cwd: str | Path | None = None) -> Choice:
    """The document `apply` may read and write for `review`, or Refusal."""
    if given:
        return Choice(given, "given")
    named = review.document_path
    here = Path(cwd) if cwd is not None else Path.cwd()
    full = named if os.path.isabs(named) else str(here / named)
    if named and inside(full, here) and os.path.exists(full):
        return Choice(named, "named")
    beside = Path(review_path).parent / Path(named).name if Path(named).name else None
    if beside is not None and beside.is_file() and inside(beside, Path(review_path).parent):
        return Choice(str(beside), NEXT_TO)
    where = ("is not inside the working directory" if named and not inside(full, here)
             else "is not there")
    raise Refusal(f"the document it names, {named!r}, {where} (nor next to the review file): "
                  "name the document with --document DOC")


def document_text(review: ReviewFile, review_path: str | Path) -> str | None:
    """The text of the review's document, when it may be read and is the one reviewed.

    The document is chosen as `apply` chooses it (`choose_document`); None when
    none may be read, it cannot be read, or it has changed since (its SHA-256
    differs): then no sentence can be shown around a span.
    """
    try:
        doc = read_document(choose_document(review, review_path, None).path)
    except (Refusal, InputError):
        return None
    return doc.text if doc.sha256 == review.document_sha256 else None


def check_sha(review: ReviewFile, sha256: str, doc_path: str) -> None:
    """Refusal when the document is not the version the review was made on."""
    if sha256 != review.document_sha256:
        raise Refusal(
            f"{doc_path} is not the document this review was made on (SHA-256 "
            f"{sha256[:12]}..., the review file has {review.document_sha256[:12]}...): run "
            f"`reviewer review {doc_path}` again, or --force to apply what still fits")


def default_output(review_path: Path, document: str) -> Path:
    """Where `apply` writes when no output is named: `<name>.corrected<ext>` by the review
    file (a .docm's corrections as a .docx: reviewer never writes macros)."""
    doc = Path(document)
    suffix = ".docx" if doc.suffix.lower() == ".docm" else doc.suffix
    return review_path.parent / f"{doc.stem}.corrected{suffix}"


def check_apply_output(target: str | Path, review_path: str | Path, doc_path: str,
                 in_place: bool) -> None:
    """Refusal when writing `target` would overwrite the review file, or the document
    without `--in-place`."""
    if same_file(target, review_path):
        raise Refusal(f"{target} is the review file itself: choose another output")
    if not in_place and same_file(target, doc_path):
        raise Refusal(f"{target} is the document itself: use --in-place")


def span_problem(review: ReviewFile, text: str) -> str:
    """What in `review` does not fit the document `text` it was made on, or "".

    Only for the document whose SHA-256 the review file records: there every
    span is inside the text and holds the suggestion's matched text (the sentence
    around it is read from that text, never stored).
    """
    return held_problem(review.suggestions, text)
