"""The cache folder: where reviewer keeps jars, the background server's state and caches.

A module of its own, below everything that keeps a file there (LanguageTool's
jars and server, the result cache, review files' locks), so that none of them
imports another's module to find it.
"""

from __future__ import annotations

import json
import os
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
