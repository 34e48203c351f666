"""A resident process that runs `reviewer check` with its imports and models already loaded.

A check of one document spends most of its time before it checks anything:
starting Python, importing the checking path (0.15 s) and reading the usage
models (35 ms). `reviewer server start` therefore starts, beside LanguageTool,
a process that has done all of that once (`reviewer.resident_host`). A
`reviewer check` that finds it hands over its command line, working folder,
environment and its own standard input, output and error (`reviewer.resident.
client`); the host forks a child that runs the command exactly as the
`reviewer` process would have, on those same files, and sends back the exit
code. Each command runs in a fresh fork: nothing one run changes (environment,
working folder, caches) is seen by the next.

Linux only (it checks the caller's user with SO_PEERCRED); elsewhere, with
`REVIEWER_NO_RESIDENT=1`, or when the host runs other code than the caller's
(reviewer was upgraded or edited since it started), the command runs in its
own process as before.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import reviewer
from reviewer.cachedir import cache_dir

OFF_ENV = "REVIEWER_NO_RESIDENT"
COMMANDS = frozenset({"check"})  # the commands handed over (the others run in-process)
# This installation's `reviewer` package: a host serves callers of the same one only.
PACKAGE = os.path.dirname(reviewer.__file__)


def socket_path() -> Path:
    return cache_dir() / "resident.sock"


def state_path() -> Path:
    return cache_dir() / "resident.json"


def log_path() -> Path:
    return cache_dir() / "resident.log"


def code_fingerprint(package: str) -> str:
    """A hash of the path, size and modification time of every file of the `reviewer`
    package at `package`: a host whose code differs from its caller's is not used."""
    h = hashlib.sha256(package.encode())
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            st = os.stat(os.path.join(root, name))
            h.update(f"{os.path.relpath(os.path.join(root, name), package)}\0{st.st_size}\0"
                     f"{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]
