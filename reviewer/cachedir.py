"""The cache folder: where reviewer keeps jars, the background server's state and caches.

A module of its own, below everything that keeps a file there (LanguageTool's
jars and server, the result cache, review files' locks), so that none of them
imports another's module to find it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

CACHE_ENV = "REVIEWER_CACHE_DIR"


def cache_dir() -> Path:
    """Where reviewer keeps jars, the background server's state and caches.

    `$REVIEWER_CACHE_DIR`, else the platform's user cache folder: on Linux
    `$XDG_CACHE_HOME/reviewer` or `~/.cache/reviewer`, on macOS
    `~/Library/Caches/reviewer`, on Windows `%LOCALAPPDATA%\\reviewer\\Cache`.
    """
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return platformdirs.user_cache_path("reviewer", appauthor=False)


def read_state(path: Path) -> dict[str, object]:
    """A small JSON state file kept in the cache folder (`server.json`, `resident.json`),
    or {} when it is missing or unreadable."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(path: Path, state: Mapping[str, object]) -> None:
    """Replace the state file `path` atomically; a symlink planted there is followed only
    inside its folder (reviewer.files.write_output, as for outputs reviewer names itself)."""
    from reviewer.files import write_output  # only where a state is written, not read

    write_output(path, json.dumps(state).encode("utf-8"), named=False, cwd=path.parent)
