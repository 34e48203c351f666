"""Review files on disk: read, and changed under a lock; decisions-import files read.

Every change is a read-modify-write under an exclusive lock on the file's
resolved path (`locked`: two names of one file lock each other; the lock file
is in the cache folder, none is left next to the review file), and every
write is atomic through symlinks (temporary file in the same folder, fsync,
rename, fsync of the folder): a reader sees the old file or the new one, and
two processes never lose each other's decisions. The record and its codec are
reviewer.review.record.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer import files
from reviewer.cachedir import cache_dir
from reviewer.codec import RecordError, decode
from reviewer.files import FileError, read_bounded
from reviewer.review.record import (
    ReviewFile,
    ReviewFileError,
    SchemaVersion,
    dump_bytes,
    loads,
    record_cause,
)
from reviewer.review.suggest import Decision, Status

DECISIONS_SCHEMA_VERSION = 1
LOCKS = "locks"  # the folder of lock files, in the cache folder


@dataclass(frozen=True, slots=True)
class _Decisions:
    """A decisions-import file (exported by the HTML report)."""

    schema_version: int
    document_sha256: str
    decisions: tuple[Decision, ...]


def _read_text(path: Path) -> str:
    try:
        return read_bounded(path).decode("utf-8")
    except FileError as exc:
        raise ReviewFileError(path, exc.cause) from None
    except UnicodeDecodeError as exc:
        raise ReviewFileError(path, f"invalid UTF-8 at byte {exc.start}") from None


def load(path: str | Path) -> ReviewFile:
    """Read a review file (without locking: for readers that change nothing)."""
    return loads(_read_text(Path(path)), path)


def same_document(review: ReviewFile, doc_path: str | Path) -> bool:
    return os.path.realpath(review.document_path) == os.path.realpath(doc_path)


def lock_path(path: str | Path) -> Path:
    """The lock file (in the cache folder) that `locked` takes for the review file `path`."""
    return files.lock_path(path, cache_dir() / LOCKS)


@contextmanager
def locked(path: str | Path) -> Iterator[Path]:
    """Hold the exclusive lock of the review file `path`; yields its resolved path."""
    with files.locked(path, cache_dir() / LOCKS) as p:
        yield p


def update(
    path: str | Path,
    change: Callable[[ReviewFile | None], ReviewFile],
    written: Callable[[bytes], None] | None = None,
    *,
    named: bool = True,
) -> ReviewFile:
    """Read, change and write the review file under its lock; returns what was written.

    `change` gets None when the file does not exist yet. When it raises, the
    file is left as it was. `written`, if given, gets the bytes written, still
    under the lock (reviewer serve hashes them: a version of the file that no
    other writer can have changed yet). A symlinked review file the user
    `named` is written through; one `reviewer review` named itself
    (`reports/doc.review.json`) only while it stays in the working folder
    (`files.output_path`). A file that cannot be written is a ReviewFileError.
    """
    folder = cache_dir() / LOCKS
    try:
        files.output_path(path, named=named)
        with files.locked(path, folder) as p:
            old = load(p) if p.exists() else None
            new = change(old)
            data = dump_bytes(new)
            files.write_output(p, data, named=True, journal=files.journal_path(p, folder))
            if written is not None:
                written(data)
    except OSError as exc:
        raise ReviewFileError(path, f"cannot write: {exc.strerror or exc}") from None
    return new


def load_decisions(path: str | Path, review: ReviewFile) -> list[Decision]:
    """Read a decisions-import file made for `review`'s document; all or nothing.

    Raises ReviewFileError listing every problem: bad JSON or shape, another
    document version (`document_sha256`), unknown ids, decisions that do not fit.
    """
    text = _read_text(Path(path))
    try:
        version = decode(text, SchemaVersion).schema_version
    except RecordError as exc:
        raise ReviewFileError(path, record_cause(exc)) from None
    if version is None or version > DECISIONS_SCHEMA_VERSION:
        raise ReviewFileError(path, f"unsupported decisions schema_version {version!r} "
                                    f"(this reviewer reads {DECISIONS_SCHEMA_VERSION})")
    try:
        data = decode(text, _Decisions)
    except RecordError as exc:
        raise ReviewFileError(path, f"{exc}: none applied") from None
    if data.document_sha256 != review.document_sha256:
        raise ReviewFileError(
            path, f"decisions were made on another version of {review.document_path} "
                  f"(document_sha256 {data.document_sha256[:12]}..., review file has "
                  f"{review.document_sha256[:12]}...): none applied")
    errors: list[str] = []
    decisions: list[Decision] = []
    known = {s.id for s in review.suggestions}
    for i, d in enumerate(data.decisions):
        problem = d.problem()
        if problem:
            errors.append(f"decision {i + 1}: {problem}")
        elif d.id not in known:
            errors.append(f"decision {i + 1}: unknown id {d.id!r}")
        else:
            decisions.append(replace(
                d, choice=d.choice if d.status is Status.ACCEPTED else None,
                edited_text=d.edited_text if d.status is Status.EDITED else None))
    if not errors:
        try:
            review.decide(decisions, "import")
        except ValueError as exc:
            errors.append(str(exc))
    if errors:
        raise ReviewFileError(path, "; ".join(errors) + ": none applied")
    return decisions
