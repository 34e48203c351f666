"""The user's files, touched safely: bounded reads, one road for writes, locks.

- Reads take regular files only (a device such as `/dev/zero`, a FIFO or a
  socket is refused before a byte is read) and at most `MAX_BYTES`.
- Writes go one road, `write_output`, which decides where a write may land
  (`output_path`): a path the user named is written through its symlink, and
  a device or FIFO there is opened and written; a name the command made
  itself may not follow a symlink out of the working folder, nor be a
  device or FIFO. Regular files are replaced atomically: a temporary file in
  the target's folder, fsync, rename, fsync of the folder. A crash leaves the
  old file or the new one, and only temporary files this module made and
  recorded are ever removed.
- Locks are taken on the resolved path of a file, so two names of one file
  lock each other, with `filelock` (any platform) on a lock file in a folder
  the caller names (the cache folder): none is left next to the user's files.
- `clash` says when an output would overwrite one of the run's inputs.

This module imports nothing from reviewer: the layers above map `FileError`
to their own errors.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
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
_CLOEXEC_BINARY = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_READ = os.O_RDONLY | _NONBLOCK | _CLOEXEC_BINARY
_WRITE = os.O_WRONLY | _NONBLOCK | _CLOEXEC_BINARY  # a device or FIFO: no O_TRUNC, no O_CREAT
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC_BINARY
TMP_SUFFIX = ".tmp"


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


class UnsafeOutput(OSError):
    """An output that must not be written; `strerror` says why (callers print it with the path)."""

    def __init__(self, path: str | Path, cause: str) -> None:
        super().__init__(errno.EPERM, cause, os.fspath(path))


def inside(path: str | Path, folder: str | Path) -> bool:
    """True when `path` resolves (symlinks followed) to `folder` or somewhere under it."""
    p, f = resolved(path), resolved(folder)
    return p == f or f in p.parents


def _special(p: Path) -> bool:
    """True for an existing file that is neither regular nor a folder (device, FIFO, socket)."""
    try:
        mode = os.stat(p).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def output_path(path: str | Path, *, named: bool, cwd: str | Path | None = None) -> Path:
    """The file that writing `path` changes (symlinks resolved), or UnsafeOutput.

    `named`: the user typed this very path (`-o FILE`, the review file given
    to `decide`); a symlink there is written through wherever it leads, and a
    device or FIFO is written by opening it, as a shell's `>` would. Otherwise
    the command made the name (`reports/doc.html`, `doc.corrected.txt` by the
    review file, `reports/index.html`): a symlink may be followed only while
    the file stays inside the working folder `cwd` (for a name made outside
    it, inside the folder it was made in), and a device, FIFO or socket is
    refused, since a planted link must not choose what is overwritten.
    """
    p = resolved(path)
    if named:
        return p
    here = os.path.abspath(cwd if cwd is not None else os.getcwd())
    made = os.path.abspath(path)
    at, top = os.path.normcase(made), os.path.normcase(here)
    base = here if at == top or at.startswith(top.rstrip(os.sep) + os.sep) \
        else os.path.dirname(made)
    if not inside(p, base):
        raise UnsafeOutput(path, f"a symlink to {p}, outside the working folder: not followed "
                                 "for an output reviewer names itself (remove the link, or "
                                 "name the output with -o)")
    if _special(p):
        raise UnsafeOutput(path, "not a regular file (a device, FIFO or socket): not written "
                                 "for an output reviewer names itself (name it with -o)")
    return p


def write_output(path: str | Path, data: bytes | Iterable[bytes], *, named: bool,
                 cwd: str | Path | None = None, journal: Path | None = None) -> Path:
    """Write `data` to the output `path` as `output_path` allows; returns the path written.

    The one road for every file a command writes. A regular file (or a new
    one) is replaced atomically: a temporary file in the target's folder,
    fsync, rename, fsync of the folder; a crash leaves the old file or the
    new one, and a file that existed keeps its permission bits. A device or
    FIFO the user named is opened and written (never replaced by a regular
    file); a FIFO with no reader is refused rather than waited on. `data` may
    come in pieces (a large page written as it is rendered). With `journal`
    (written under the file's lock: `locked`), the temporary file's name is
    recorded first, so that the next writer removes it if this one is killed.
    """
    pieces = (data,) if isinstance(data, bytes) else data
    if named and _special(Path(path)):  # opened by its name: /dev/fd/63 resolves to no file
        _write_open(Path(path), pieces)
        return Path(path)
    p = output_path(path, named=named, cwd=cwd)  # never special unless named
    folder = p.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{p.name}.{secrets.token_hex(4)}{TMP_SUFFIX}"
    if journal is not None:
        journal.write_text(os.fsdecode(tmp) + "\n", encoding="utf-8")
    fd = os.open(tmp, _CREATE, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in pieces:
                f.write(piece)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, os.stat(p).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if os.name != "nt":  # the rename is durable once the folder is synced (not on Windows)
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    return p


def _write_open(p: Path, pieces: Iterable[bytes]) -> None:
    try:
        fd = os.open(p, _WRITE)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # O_NONBLOCK: a FIFO nobody reads would block for ever
            raise UnsafeOutput(p, "a FIFO with no reader") from None
        raise
    try:
        if _NONBLOCK:
            os.set_blocking(fd, True)
        for piece in pieces:
            view = memoryview(piece)
            while view:
                view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def lock_path(path: str | Path, folder: str | Path) -> Path:
    """The lock file in `folder` that guards the file `path` resolves to."""
    name = os.path.normcase(os.fsdecode(resolved(path)))
    slot = int(hashlib.sha256(os.fsencode(name)).hexdigest(), 16) % LOCK_SLOTS
    return Path(folder) / f"file-{slot:03d}.lock"


def journal_path(path: str | Path, folder: str | Path) -> Path:
    """The file, next to the lock of `path`, naming the temporary file its writer makes."""
    return lock_path(path, folder).with_suffix(".writing")


def _remove_left(journal: Path) -> None:
    """Remove the temporary files a killed writer recorded in `journal`, and only those.

    A live writer holds the lock, so every name recorded is a dead one's. A
    user's own `.x.review.json.notes.tmp` is never named here, so never removed.
    """
    try:
        names = journal.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return
    for name in names:
        if Path(name).name.startswith(".") and name.endswith(TMP_SUFFIX):
            Path(name).unlink(missing_ok=True)
    journal.unlink(missing_ok=True)


@contextmanager
def locked(path: str | Path, folder: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock for the file `path` resolves to; yields the resolved path.

    The lock is a `filelock.FileLock` on a lock file in `folder`, chosen by
    the resolved path: every name of the file (symlinks included) takes the
    same lock, the lock survives the atomic rename of the file, a process
    that dies releases it, and no lock file is left next to the file. Taking
    it removes the temporary files of a writer killed while holding it
    (recorded in `journal_path`: write with `write_output(..., journal=...)`).
    """
    p = resolved(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    Path(folder).mkdir(parents=True, exist_ok=True)
    from filelock import FileLock  # only writers lock: a check need not import it

    with FileLock(lock_path(p, folder)):
        _remove_left(journal_path(p, folder))
        yield p
