"""The incremental cache: LanguageTool's answer for each block, and each document's findings.

Entries live in one SQLite file (`checks.sqlite3` in the cache folder, WAL
mode, so concurrent runs read while one writes), in two tables:

- `answers`: LanguageTool's answer for a block, keyed by the hash of the
  LanguageTool version, the settings digest and the block text: a block whose
  text, settings and engine are unchanged is not sent again;
- `documents`: a document's findings (before suppression), keyed by the hash of
  the same version, everything that decides findings (settings, severities,
  glossary, pattern rules, and reviewer's own code and data: `code_digest`) and
  the document's bytes: an unchanged document is neither parsed for blocks nor
  checked by our rules again.

The cache never fails a run. A file that is not a database is rebuilt; a
locked or otherwise unusable one is bypassed. Either way `warn` gets one line.
New answers are written in one transaction when the run ends.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path

from reviewer import __version__, codec
from reviewer.lt.client import CheckResult, EngineRequestError, RawMatch
from reviewer.model import Finding

FILE_NAME = "checks.sqlite3"
SCHEMA_VERSION = "1"  # part of every key: bump when the stored answer's shape changes
PACKAGE = Path(__file__).resolve().parent
# Files of the package that can change a finding: code, rule files, the model, defaults.
CODE_SUFFIXES = (".py", ".json", ".toml", ".xml", ".lock", ".tsv", ".gz")  # data/: tables, models
# Distributions whose upgrade can change a finding: word frequencies (confidence), Markdown.
FINDING_DEPENDENCIES = ("wordfreq", "markdown-it-py")
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


@functools.cache
def code_digest() -> str:
    """A hash of reviewer's version and of every package file that can change a finding.

    Python rule modules, the pattern-rule XML, the confidence model, the defaults:
    editing any of them (or upgrading reviewer, Python or `FINDING_DEPENDENCIES`)
    makes every cached document stale. About 4 ms for the 120 files.
    """
    h = hashlib.sha256(__version__.encode())
    h.update(f"\0python {sys.version_info[:2]}".encode())
    for name in FINDING_DEPENDENCIES:
        h.update(f"\0{name} {_version(name)}".encode())
    for p in sorted(PACKAGE.rglob("*")):
        if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts:
            h.update(b"\0" + p.relative_to(PACKAGE).as_posix().encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _version(distribution: str) -> str:
    """The installed version of `distribution`, or ""."""
    # Read from the name of its `.dist-info` folder, first on sys.path as importlib.metadata
    # looks: importing importlib.metadata (its e-mail parser) costs tens of ms a run.
    want = re.sub(r"[-_.]+", "_", distribution).lower()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            stem, dash, version = name.removesuffix(".dist-info").partition("-")
            if (name.endswith(".dist-info") and dash
                    and re.sub(r"[-_.]+", "_", stem).lower() == want):
                return version
    import importlib.metadata  # an .egg-info or other install: the slow road

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


TABLES = ("answers", "documents")


class ResultCache:
    """Cached answers for one LanguageTool version and one settings digest.

    `findings_digest` (everything else that decides findings) scopes the
    documents' findings; without it, documents are not cached.
    Thread-safe: the checker's request pool calls `get` and `put` from several
    threads. Call `close` (or use as a context manager) to write new answers.
    """

    def __init__(self, path: Path, version: str, settings_digest: str,
                 warn: Warn = warn_stderr, findings_digest: str = "") -> None:
        self.path = path
        self.version = version
        self._scope = "\x1f".join((SCHEMA_VERSION, version, settings_digest))
        self._doc_scope = ("\x1f".join((SCHEMA_VERSION, version, findings_digest, code_digest()))
                           if findings_digest else "")
        self._warn = warn
        self._lock = threading.Lock()
        self._pending: dict[str, dict[str, str | bytes]] = {t: {} for t in TABLES}
        self._hits: dict[str, list[str]] = {t: [] for t in TABLES}
        self.hits = 0
        self.misses = 0
        self._db = self._open()

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self._scope}\x1f{text}".encode()).hexdigest()

    def document_key(self, content: str) -> str:
        """The key of a document whose content digest is `content` ("" when not cached)."""
        if not self._doc_scope:
            return ""
        return hashlib.sha256(f"{self._doc_scope}\x1f{content}".encode()).hexdigest()

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
            db.execute("CREATE TABLE IF NOT EXISTS documents "
                       "(key TEXT PRIMARY KEY, payload BLOB NOT NULL, used REAL NOT NULL)")
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

    def _lookup(self, table: str, key: str) -> str | bytes | None:
        # Called with the lock held.
        if self._db is None:
            return None
        row = self._db.execute(f"SELECT payload FROM {table} WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        self._hits[table].append(key)
        payload: str | bytes = row[0]
        return payload

    def get(self, text: str) -> CheckResult | None:
        """The cached answer for `text`, or None."""
        if self._db is None:
            return None
        key = self.key(text)
        with self._lock:
            try:
                payload = self._lookup("answers", key)
                return decode(str(payload)) if payload is not None else None
            except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
                self._give_up(exc)
                return None

    def put(self, text: str, result: CheckResult) -> None:
        """Remember `result` for `text` (written by `close`)."""
        with self._lock:
            self._pending["answers"][self.key(text)] = encode(result)

    def findings(self, key: str, path: str) -> list[Finding] | None:
        """The findings cached under document `key`, placed in `path`; None when unknown."""
        if self._db is None or not key:
            return None
        with self._lock:
            try:
                payload = self._lookup("documents", key)
                if payload is None:
                    return None
                found = codec.decode(payload, list[Finding])
            except (sqlite3.Error, codec.RecordError) as exc:
                self._give_up(exc)
                return None
        return [f if f.path == path else replace(f, path=path) for f in found]

    def put_findings(self, key: str, findings: Sequence[Finding]) -> None:
        """Remember a document's findings under `key` (written by `close`)."""
        if key:
            with self._lock:
                self._pending["documents"][key] = codec.compact(list(findings))

    def close(self) -> None:
        """Write the new answers, refresh the used ones, and close the file."""
        with self._lock:
            db, self._db = self._db, None
        if db is None:
            return
        now = time.time()
        try:
            if any(self._pending.values()) or any(self._hits.values()):
                db.execute("BEGIN IMMEDIATE")
                for table in TABLES:
                    db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)",
                                   [(k, p, now) for k, p in self._pending[table].items()])
                    db.executemany(f"UPDATE {table} SET used = ? WHERE key = ?",
                                   [(now, k) for k in self._hits[table]])
                    db.execute(f"DELETE FROM {table} WHERE used < ?",
                               (now - KEEP_DAYS * 86400,))
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
               warn: Warn = warn_stderr, findings_digest: str = "") -> ResultCache | None:
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
    return ResultCache(path, version, settings_digest, warn, findings_digest)
