"""The user's files, touched safely: bounded reads, atomic writes through symlinks, locks.

- Reads take regular files only (a device such as `/dev/zero`, a FIFO or a
  socket is refused before a byte is read) and at most `MAX_BYTES`.
- Writes resolve the path once (a symlink is written through, never replaced
  by a regular file) and are atomic: a temporary file in the target's folder,
  fsync, rename, fsync of the folder. A crash leaves the old file or the new one.
- Locks are taken on the resolved path of a file, so two names of one file
  lock each other, with `filelock` (any platform) on a lock file in a folder
  the caller names (the cache folder): none is left next to the user's files.
- `clash` says when an output would overwrite one of the run's inputs.

This module imports nothing from reviewer: the layers above map `FileError`
to their own errors.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_BYTES = 100 * 1024 * 1024  # larger inputs are refused: no document or review file is this big
# Lock files are shared by the paths whose hash falls in one slot: their number stays
# bounded, and unrelated writers rarely wait for each other (writes are short).
LOCK_SLOTS = 256
# O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused after the open).
# Windows has no FIFOs and no O_NONBLOCK or O_CLOEXEC, and reads text files unless O_BINARY.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_READ = os.O_RDONLY | _NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class FileError(Exception):
    """A file that cannot be read as asked; names the file and the cause."""

    def __init__(self, path: str | Path, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = str(path)
        self.cause = cause


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_bounded(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`, or FileError (also when over `limit` bytes)."""
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(path, _READ)
    except FileNotFoundError:
        raise FileError(path, "no such file") from None
    except PermissionError:
        raise FileError(path, "permission denied") from None
    except IsADirectoryError:
        raise FileError(path, "is a directory") from None
    except OSError as exc:
        raise FileError(path, exc.strerror or str(exc)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileError(path, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise FileError(path, "not a regular file (a device, FIFO or socket)")
        if st.st_size > limit:
            raise FileError(path, f"too large ({_size(st.st_size)}; at most {_size(limit)})")
        if _NONBLOCK:
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:  # a file growing while read is still bounded
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileError(path, f"too large (more than {_size(limit)})")
        return b"".join(chunks)
    except OSError as exc:
        raise FileError(path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def resolved(path: str | Path) -> Path:
    """`path` with every symlink resolved (also a dangling one: writing creates its target)."""
    return Path(os.path.realpath(path))


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when `a` and `b` name one file (through symlinks and hard links)."""
    if resolved(a) == resolved(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def clash(output: str | Path, inputs: Iterable[str | Path]) -> str | None:
    """The first of `inputs` that writing `output` would overwrite, or None."""
    for i in inputs:
        if same_file(output, i):
            return str(i)
    return None


def atomic_write(path: str | Path, data: bytes | Iterable[bytes]) -> Path:
    """Replace the file `path` resolves to with `data`; returns the path written.

    `data` may come in pieces (a large page written as it is rendered). A
    symlink is written through (its target changes, the link stays); a file
    that existed keeps its permission bits.
    """
    p = resolved(path)
    folder = p.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in (data,) if isinstance(data, bytes) else data:
                f.write(piece)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, os.stat(p).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if os.name != "nt":  # the rename is durable once the folder is synced (not on Windows)
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    return p


def lock_path(path: str | Path, folder: str | Path) -> Path:
    """The lock file in `folder` that guards the file `path` resolves to."""
    name = os.path.normcase(os.fsdecode(resolved(path)))
    slot = int(hashlib.sha256(os.fsencode(name)).hexdigest(), 16) % LOCK_SLOTS
    return Path(folder) / f"file-{slot:03d}.lock"


@contextmanager
def locked(path: str | Path, folder: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock for the file `path` resolves to; yields the resolved path.

    The lock is a `filelock.FileLock` on a lock file in `folder`, chosen by
    the resolved path: every name of the file (symlinks included) takes the
    same lock, the lock survives the atomic rename of the file, a process
    that dies releases it, and no lock file is left next to the file.
    """
    p = resolved(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    Path(folder).mkdir(parents=True, exist_ok=True)
    from filelock import FileLock  # only writers lock: a check need not import it

    with FileLock(lock_path(p, folder)):
        yield p
