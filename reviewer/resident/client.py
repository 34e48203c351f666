"""Hand a command to the resident process when one runs (reviewer.resident).

Imported by `reviewer.cli.entry` before anything else, so it imports only
the standard library's socket support and the cache folder's module.
"""

from __future__ import annotations

import array
import json
import os
import signal
import socket
import struct
import sys
from collections.abc import Sequence

from reviewer import resident

CONNECT_TIMEOUT = 10.0  # seconds for the host to answer `ok` or `no`; then we run ourselves
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
INTERRUPTED = 130  # reviewer.exitcodes.ExitCode.INTERRUPTED, not imported: this path is lean


def run_resident(argv: Sequence[str]) -> int | None:
    """The exit code of `argv` run by the resident process, or None when it is not (none
    runs, it refused, or this platform has none): the caller then runs it itself."""
    if (sys.platform != "linux" or os.environ.get(resident.OFF_ENV)
            or next((a for a in argv if not a.startswith("-")), None) not in resident.COMMANDS
            # typed text (`check -` at a terminal): the child is not in the terminal's
            # foreground group, and reading from it would stop the child (SIGTTIN)
            or ("-" in argv and os.isatty(0))):
        return None
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(CONNECT_TIMEOUT)
        conn.connect(str(resident.socket_path()))
    except OSError:
        return None
    relay = _Relay()
    try:
        _send(conn, argv)
        answers = conn.makefile("rb")
        first = answers.readline().decode(errors="replace").split()
        if first[:1] != ["ok"] or len(first) != 2 or not first[1].isdigit():
            relay.restore()
            # refused (`no stale`...): run here, unless Ctrl-C came meanwhile
            return INTERRUPTED if relay.pending else None
        relay.forward_to(int(first[1]))
        conn.settimeout(None)
        last = answers.readline().decode(errors="replace").split()
    except OSError:
        relay.restore()
        return INTERRUPTED if relay.pending else None  # nothing was run: run it here
    finally:
        conn.close()
    if last[:1] == ["exit"] and len(last) == 2 and last[1].lstrip("-").isdigit():
        return int(last[1])
    print("reviewer: the command ended without an exit status (its process was killed)",
          file=sys.stderr)
    return 1


class _Relay:
    """Ctrl-C, SIGTERM and SIGHUP reach this process; the child (in the host's session)
    gets them, including one that came before the child was known."""

    def __init__(self) -> None:
        self.child: int | None = None
        self.pending: list[int] = []
        self._before = {sig: signal.signal(sig, self._handle) for sig in FORWARDED}

    def _handle(self, signum: int, frame: object) -> None:
        if self.child is None:
            self.pending.append(signum)
        else:
            _kill(self.child, signum)

    def forward_to(self, child: int) -> None:
        self.child = child
        for signum in self.pending:
            _kill(child, signum)

    def restore(self) -> None:
        for sig, handler in self._before.items():
            signal.signal(sig, handler)


def _send(conn: socket.socket, argv: Sequence[str]) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    header = json.dumps({
        "argv": list(argv), "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask,
        "package": resident.PACKAGE, "executable": sys.executable,
    }).encode()
    fds = array.array("i", [0, 1, 2])
    conn.sendmsg([struct.pack("<Q", len(header))],
                 [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
    conn.sendall(header)


def _kill(child: int, signum: int) -> None:
    try:
        os.kill(child, signum)
    except OSError:
        pass
