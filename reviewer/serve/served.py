"""The review files a `reviewer serve` serves, each under a short URL key."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer.files import FileError, read_bounded
from reviewer.review.record import REVIEW_SUFFIX, ReviewFile, ReviewFileError, loads
from reviewer.review.trust import Refusal, choose_document

DEFAULT_FOLDER = "reports"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ServeError(Exception):
    """`reviewer serve` cannot start; the message says why (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Served:
    """One served review file: `key` names it in URLs (`/r/<key>`).

    `document` is the document's path as the review file had it at start-up.
    """

    key: str
    path: Path
    document: str


def collect(names: Sequence[str]) -> tuple[Served, ...]:
    """The review files named: files as given, folders by their `*.review.json` files.

    A folder is searched with its subfolders: `reviewer review` of a folder
    mirrors the folder's tree in `reports/`.

    Every file is read once here, so a file that is not a review file stops
    the start with its name and the cause. Keys come from the file names
    (`reports/seed.review.json` -> `seed`), made unique with `-2`, `-3`...
    """
    paths: list[Path] = []
    for name in names or [DEFAULT_FOLDER]:
        p = Path(name)
        if p.is_dir():
            found = sorted(p.rglob(f"*{REVIEW_SUFFIX}"))
            if not found:
                raise ServeError(f"{p}: no *{REVIEW_SUFFIX} files here (make one with "
                                 "`reviewer review DOC`)")
            paths.extend(found)
        elif os.path.lexists(p):  # a file; a FIFO or a device is refused when read
            paths.append(p)
        else:
            raise ServeError(f"{p}: no such review file or folder")
    unique: dict[str, Path] = {}
    for p in paths:
        unique.setdefault(os.path.realpath(p), p)
    served: list[Served] = []
    taken: Counter[str] = Counter()
    for p in unique.values():
        try:
            review, _ = read(p)
        except ReviewFileError as exc:
            raise ServeError(str(exc)) from None
        stem = p.name[: -len(REVIEW_SUFFIX)] if p.name.endswith(REVIEW_SUFFIX) else p.stem
        base = _UNSAFE.sub("-", stem).strip("-.") or "review"
        taken[base] += 1
        key = base if taken[base] == 1 else f"{base}-{taken[base]}"
        served.append(Served(key, p, document_of(review, p)))
    return tuple(served)


def document_of(review: ReviewFile, review_path: Path) -> str:
    """The document a served review may show and re-check: the rule of `reviewer apply`.

    A review file is not trusted: it may name `/etc/os-release` or `../../x`
    (reviewer.review.trust). Raises ServeError naming the review file.
    """
    try:
        return choose_document(review, review_path, None).path
    except Refusal as exc:
        named = review.document_path
        full = Path(named) if os.path.isabs(named) else Path.cwd() / named
        if named and not os.path.lexists(full) and not os.path.isabs(named) \
                and ".." not in Path(named).parts:
            return named  # not there (yet): the page says it cannot read it
        raise ServeError(f"{review_path}: {exc}") from None


def version_of(data: bytes) -> str:
    """The version of a review file: a short hash of its bytes.

    Hashing the bytes costs a fraction of serialising the review again (a
    10,000-suggestion file: about 0.04 s against 2 s).
    """
    return hashlib.sha256(data).hexdigest()[:16]


def _bytes(path: Path) -> bytes:
    """The bytes of a review file: a regular file of bounded size (reviewer.files)."""
    try:
        return read_bounded(path)
    except FileError as exc:
        raise ReviewFileError(path, exc.cause) from None


def file_version(path: Path) -> str:
    """The version of the review file at `path` now."""
    return version_of(_bytes(path))


def read(path: Path) -> tuple[ReviewFile, str]:
    """A review file and its version, both from the same bytes."""
    data = _bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReviewFileError(path, f"invalid UTF-8 at byte {exc.start}") from None
    return loads(text, path), version_of(data)


def revisions(review: ReviewFile) -> dict[str, int]:
    """For each suggestion, how many history entries it has: its revision.

    Every decision and every re-review event appends one, so a page that
    knows revision n of a suggestion knows everything that happened to it.
    """
    counts = Counter(h.id for h in review.history)
    return {s.id: counts[s.id] for s in review.suggestions}
