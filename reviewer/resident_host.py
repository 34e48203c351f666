"""The resident process: the checking path imported and the models read, one fork per command.

A module of the top floor, beside `reviewer.__main__`: like it, it runs commands
(`reviewer.cli`); `reviewer.resident` holds what the callers need.

    python -m reviewer.resident_host      (started by `reviewer server start`)

It listens on `resident.sock` in the cache folder (mode 0600; a caller of
another user is refused by SO_PEERCRED as well). A request is one message:
a JSON header (the command line, working folder, environment, umask, and the
caller's `reviewer` package and Python) with the caller's standard input,
output and error attached (SCM_RIGHTS). The host answers `no <why>` (the
caller then runs the command itself) or forks: the child takes the caller's
files, folder and environment, says `ok <pid>`, runs the command as
`reviewer.cli.entry` would, and says `exit <code>`. The host itself never
runs a command, holds no thread and no connection, so a fork is safe, and it
exits when its code on disk changes (the next caller runs in-process).
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import signal
import socket
import struct
import sys
import time
import traceback
from typing import Any

from reviewer import resident
from reviewer.cachedir import read_state, write_state

MAX_HEADER = 1 << 20  # a command line and an environment: far less
MAX_LOG = 1 << 20
_FDS = 3


def prewarm() -> None:
    """Import the checking path and read what every check reads (models, tables); nothing
    that depends on the environment or the working folder is remembered here."""
    import reviewer.cli  # noqa: F401
    import reviewer.commands.check  # noqa: F401
    import reviewer.formats.json_format  # noqa: F401
    import reviewer.formats.text  # noqa: F401
    import reviewer.lt.transport  # noqa: F401
    import reviewer.pipelines.output  # noqa: F401
    from reviewer.cache import code_digest
    from reviewer.confidence import frequency, names
    from reviewer.rules import variants
    from reviewer.rules.grammar import countable
    from reviewer.usage import models

    code_digest()
    for load in (models.tagger, models.article_model, models.preposition_model,
                 models.collocation_table, models.governor_table, names.shipped_gazetteer,
                 countable.uncountable, variants.pairs):
        load()
    frequency.zipf("the")  # reads the word-frequency table
    import http.client  # noqa: F401  (imported by the first request of a child otherwise)


def serve(listener: socket.socket, package: str, fingerprint: str) -> None:
    """Accept requests until the code on disk changes or the host is told to stop."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    while True:
        conn, _ = listener.accept()
        with contextlib.closing(conn):
            try:
                header, fds = _receive(conn)
            except EOFError:
                continue
            except (OSError, ValueError) as exc:
                _log(f"refused a request: {exc}")
                continue
            try:
                why = _refusal(conn, header, package, fingerprint)
                if why:
                    conn.sendall(f"no {why}\n".encode())
                    _log(f"refused: {why}")
                    if why == "stale":
                        return
                    continue
                if os.fork() == 0:
                    listener.close()
                    _child(conn, fds, header)  # never returns
            finally:
                for fd in fds:
                    os.close(fd)


def _receive(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    conn.settimeout(10.0)  # a caller that connects and says nothing is dropped
    fds = array.array("i")
    data, ancillary, _, _ = conn.recvmsg(8, socket.CMSG_LEN(_FDS * fds.itemsize))
    if not data and not ancillary:
        raise EOFError  # a probe (`reviewer server start` waits for the socket to accept)
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    received = list(fds)
    try:
        return _header(conn, data, received), received
    except BaseException:
        for fd in received:  # the host lives long: no descriptor of a bad request is kept
            os.close(fd)
        raise


def _header(conn: socket.socket, data: bytes, fds: list[int]) -> dict[str, Any]:
    if len(data) != 8 or len(fds) != _FDS:
        raise ValueError("not a request")
    (size,) = struct.unpack("<Q", data)
    if size > MAX_HEADER:
        raise ValueError("header too large")
    raw = b""
    while len(raw) < size:
        part = conn.recv(size - len(raw))
        if not part:
            raise ValueError("truncated request")
        raw += part
    header = json.loads(raw)
    if not isinstance(header, dict):
        raise ValueError("not a request")
    return header


def _refusal(conn: socket.socket, header: dict[str, Any], package: str,
             fingerprint: str) -> str:
    """Why this request is not run here ("" when it is)."""
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", creds)
    if uid != os.getuid():
        return "another user"
    if header.get("package") != package or header.get("executable") != sys.executable:
        return "another installation"
    if resident.code_fingerprint(package) != fingerprint:
        return "stale"
    if not isinstance(header.get("argv"), list) or not isinstance(header.get("env"), dict):
        return "malformed"
    return ""


def _child(conn: socket.socket, fds: list[int], header: dict[str, Any]) -> None:
    """Run one command on the caller's files, in its folder and environment; never returns."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # subprocess waits for its children
        # SIGTERM ends the command as Ctrl-C does (as reviewer.cli's handler, set again by
        # run_command), not as it ends the host.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.chdir(header["cwd"])
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in header["env"].items()})
        os.umask(int(header.get("umask", 0o022)))
        sys.stdout.reconfigure(line_buffering=os.isatty(1))  # type: ignore[union-attr]
        conn.settimeout(None)
        conn.sendall(f"ok {os.getpid()}\n".encode())
        command = next((a for a in header["argv"] if not str(a).startswith("-")), "")
        _log(f"runs `{command}` in {os.getcwd()}")
        from reviewer.cli import run_command

        code = run_command([str(a) for a in header["argv"]])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:  # Ctrl-C before the command's own handling began
        print("reviewer: interrupted", file=sys.stderr)
        code = 130
    except BaseException:  # noqa: BLE001 - a bug: printed as the caller's process would
        traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        with contextlib.suppress(OSError):
            conn.sendall(f"exit {code}\n".encode())
        os._exit(code)


def _log(line: str) -> None:
    """One line of the log (`resident.log`; at 1 MB it becomes `resident.log.1`)."""
    path = resident.log_path()
    with contextlib.suppress(OSError):
        if path.stat().st_size > MAX_LOG:
            path.replace(path.with_name(path.name + ".1"))
    stamp = f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {os.getpid()} {line}\n"
    with contextlib.suppress(OSError):  # a symlink planted as the log is not written through
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(stamp)


def listen() -> socket.socket:
    """The listening socket at `resident.socket_path()`, readable by this user only."""
    path = resident.socket_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(str(partial))
    finally:
        os.umask(old)
    listener.listen(16)
    os.replace(partial, path)  # a caller never sees a socket that does not listen yet
    return listener


def main() -> int:
    package = resident.PACKAGE
    fingerprint = resident.code_fingerprint(package)
    prewarm()
    # `reviewer server stop` sends SIGTERM: leave through `finally`, which removes the socket.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    listener = listen()
    state = {"pid": os.getpid(), "package": package, "fingerprint": fingerprint}
    write_state(resident.state_path(), state)
    _log(f"listening at {resident.socket_path()} ({package})")
    try:
        serve(listener, package, fingerprint)
    finally:
        listener.close()
        if read_state(resident.state_path()).get("pid") == os.getpid():  # not a successor's
            resident.socket_path().unlink(missing_ok=True)
            resident.state_path().unlink(missing_ok=True)
        _log("stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
