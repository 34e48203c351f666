"""The incremental cache: LanguageTool's answer for each block already checked.

Entries live in one SQLite file (`checks.sqlite3` in the cache folder, WAL
mode, so concurrent runs read while one writes) and are keyed by the hash of
the LanguageTool version, the settings digest and the block text: a block
whose text, settings and engine are unchanged is not sent again.

The cache never fails a run. A file that is not a database is rebuilt; a
locked or otherwise unusable one is bypassed. Either way `warn` gets one line.
New answers are written in one transaction when the run ends.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from reviewer.lt.client import CheckResult, EngineRequestError, RawMatch

FILE_NAME = "checks.sqlite3"
SCHEMA_VERSION = "1"  # part of every key: bump when the stored answer's shape changes
BUSY_TIMEOUT_MS = 2000
KEEP_DAYS = 60
Warn = Callable[[str], None]


def warn_stderr(message: str) -> None:
    print(f"reviewer: warning: {message}", file=sys.stderr)


def encode(result: CheckResult) -> str:
    return json.dumps({"version": result.version, "matches": [asdict(m) for m in result.matches]})


def decode(payload: str) -> CheckResult:
    data = json.loads(payload)
    matches = tuple(
        RawMatch(**{**m, "replacements": tuple(m["replacements"])}) for m in data["matches"]
    )
    return CheckResult(matches, str(data["version"]))


class ResultCache:
    """Cached answers for one LanguageTool version and one settings digest.

    Thread-safe: the checker's request pool calls `get` and `put` from several
    threads. Call `close` (or use as a context manager) to write new answers.
    """

    def __init__(self, path: Path, version: str, settings_digest: str,
                 warn: Warn = warn_stderr) -> None:
        self.path = path
        self._scope = "\x1f".join((SCHEMA_VERSION, version, settings_digest))
        self._warn = warn
        self._lock = threading.Lock()
        self._pending: dict[str, str] = {}
        self._hits: list[str] = []
        self.hits = 0
        self.misses = 0
        self._db = self._open()

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self._scope}\x1f{text}".encode()).hexdigest()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                             check_same_thread=False, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS answers "
                       "(key TEXT PRIMARY KEY, payload TEXT NOT NULL, used REAL NOT NULL)")
            db.execute("SELECT count(*) FROM answers WHERE key = ''").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _open(self) -> sqlite3.Connection | None:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if not _corrupt(exc):
                self._warn(f"cache {self.path} not used: {exc}")
                return None
            self._warn(f"cache {self.path} is damaged ({exc}); rebuilding it")
        except OSError as exc:
            self._warn(f"cache {self.path} not used: {exc.strerror or exc}")
            return None
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect()
        except (sqlite3.Error, OSError) as exc:
            self._warn(f"cache {self.path} not used: {exc}")
            return None

    def get(self, text: str) -> CheckResult | None:
        """The cached answer for `text`, or None."""
        if self._db is None:
            return None
        key = self.key(text)
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute("SELECT payload FROM answers WHERE key = ?",
                                       (key,)).fetchone()
                result = decode(row[0]) if row else None
            except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
                self._give_up(exc)
                return None
            if result is None:
                self.misses += 1
            else:
                self.hits += 1
                self._hits.append(key)
            return result

    def put(self, text: str, result: CheckResult) -> None:
        """Remember `result` for `text` (written by `close`)."""
        with self._lock:
            self._pending[self.key(text)] = encode(result)

    def close(self) -> None:
        """Write the new answers, refresh the used ones, and close the file."""
        with self._lock:
            db, self._db = self._db, None
        if db is None:
            return
        now = time.time()
        try:
            if self._pending or self._hits:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                               [(k, p, now) for k, p in self._pending.items()])
                db.executemany("UPDATE answers SET used = ? WHERE key = ?",
                               [(now, k) for k in self._hits])
                db.execute("DELETE FROM answers WHERE used < ?", (now - KEEP_DAYS * 86400,))
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._warn(f"cache {self.path}: new results not saved: {exc}")
        finally:
            db.close()

    def _give_up(self, exc: Exception) -> None:
        self._warn(f"cache {self.path} not used: {exc}")
        db, self._db = self._db, None
        if db is not None:
            db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _corrupt(exc: sqlite3.Error) -> bool:
    """True for a file that is not (or no longer) a database; False when locked, say."""
    text = str(exc).lower()
    return type(exc) is sqlite3.DatabaseError or "not a database" in text or "malformed" in text


def open_cache(path: Path, version_of: Callable[[], str], settings_digest: str,
               warn: Warn = warn_stderr) -> ResultCache | None:
    """A cache for the servers whose LanguageTool version `version_of` tells.

    None when the version cannot be learnt: answers are then never reused.
    """
    try:
        version = version_of()
    except EngineRequestError:
        return None  # the real requests will meet and report the same trouble
    if not version:
        warn("cache not used: LanguageTool did not tell its version")
        return None
    return ResultCache(path, version, settings_digest, warn)
