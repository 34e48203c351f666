"""The review file: suggestions, decisions and their history for one document.

Layout (docs/review-file.md): `schema_version`, `document` {path, sha256},
`engine` {name, version}, `settings` (LanguageTool's) and `settings_hash`, `check`
(every setting that decides findings, for `apply`'s re-check), a derived `summary`,
`suggestions` in document order and an append-only `history`. Written with
sorted keys and indentation so that it diffs cleanly in git.

A suggestion stores what cannot be recomputed (span, matched text, rule,
message, replacements, fingerprint, decision) and nothing twice: the
document's path and the suggestion's id are written once, the sentence and
the diff are derived from the document when shown (`trust.document_text`), and
empty values are left out. That keeps a review file a few times the size of
its document, whatever the length of its sentences.

Every change is a read-modify-write under an exclusive lock on the file's
resolved path (`locked`: two names of one file lock each other; the lock file
is in the cache folder, none is left next to the review file), and every
write is atomic through symlinks (temporary file in the same folder, fsync,
rename, fsync of the folder): a reader sees the old file or the new one, and
two processes never lose each other's decisions.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reviewer import files
from reviewer.cachedir import cache_dir
from reviewer.codec import RecordError, convert, decode, decode_plain, encode_bytes, plain
from reviewer.files import FileError, read_bounded
from reviewer.model import ID_FORMAT
from reviewer.review.suggest import (
    DECIDED,
    Decision,
    HistoryEntry,
    Status,
    Suggestion,
    span_problem,
)
from reviewer.text.placeholders import placeholder_change

SCHEMA_VERSION = 3
REVIEW_SUFFIX = ".review.json"  # how `reviewer review` names a document's review file
_SURROGATE = re.compile("[\ud800-\udfff]")  # one search, not a Python loop per character
DECISIONS_SCHEMA_VERSION = 1
LOCKS = "locks"  # the folder of lock files, in the cache folder
MIN_PREFIX = 4  # shortest id prefix `get` takes
# Longest texts a decision may carry (characters): an edit replaces a span, a comment is a
# note. Longer ones are refused, so no review file grows by a pasted file.
MAX_EDIT = 10_000
MAX_COMMENT = 10_000
MAX_WHO_WHEN = 200  # `by` and `at`: who decided and when


class ReviewFileError(Exception):
    """A review or decisions file that cannot be used; names the file and the cause."""

    def __init__(self, path: str | Path, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = str(path)
        self.cause = cause


class _Ids:
    """The suggestions of a review file by id, and their ids in order for prefixes."""

    __slots__ = ("by_id", "twice", "ordered")

    def __init__(self, suggestions: Iterable[Suggestion]) -> None:
        self.by_id: dict[str, Suggestion] = {}
        self.twice: set[str] = set()  # ids given twice (no writer of ours makes them)
        for s in suggestions:
            if s.id in self.by_id:
                self.twice.add(s.id)
            else:
                self.by_id[s.id] = s
        self.ordered = sorted(self.by_id)

    def get(self, key: str) -> Suggestion:
        found = self.by_id.get(key)
        if found is not None:
            if key in self.twice:
                raise KeyError(f"ambiguous id {key!r}")
            return found
        if len(key) < MIN_PREFIX:
            raise KeyError(f"id {key!r} is too short: give at least {MIN_PREFIX} characters")
        # The ids starting with `key` are together in sorted order, from where `key` would go.
        i = bisect_left(self.ordered, key)
        first = self.ordered[i] if i < len(self.ordered) else ""
        if not first.startswith(key):
            raise KeyError(f"no suggestion {key!r}")
        if i + 1 < len(self.ordered) and self.ordered[i + 1].startswith(key):
            raise KeyError(f"ambiguous id {key!r}")
        return self.by_id[first]


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """The whole content of one review file."""

    document_path: str
    document_sha256: str
    suggestions: tuple[Suggestion, ...]
    history: tuple[HistoryEntry, ...] = ()
    engine: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    settings_hash: str = ""
    check: dict[str, Any] = field(default_factory=dict)
    # The text reviewed (the offsets index it), so that decisions follow the document's
    # edits (reviewer.review.follow); "" in files written before it was kept.
    document_text: str = ""
    # Built on the first look-up, from `suggestions` alone (which never change): one pass
    # over the suggestions for any number of look-ups, where a scan each was quadratic.
    _ids: _Ids | None = field(default=None, init=False, repr=False, compare=False)

    def _index(self) -> _Ids:
        if self._ids is None:
            object.__setattr__(self, "_ids", _Ids(self.suggestions))
        assert self._ids is not None
        return self._ids

    def get(self, key: str) -> Suggestion:
        """The suggestion with id `key`, or the only one whose id starts with it."""
        return self._index().get(key)

    def summary(self) -> dict[str, int]:
        counts = Counter(s.status.value for s in self.suggestions)
        return {s.value: counts.get(s.value, 0) for s in Status}

    def decide(self, decisions: Iterable[Decision], action: str) -> ReviewFile:
        """This file with `decisions` taken, each logged in the history.

        All or nothing: raises ValueError listing every decision that does not
        fit its suggestion (unknown id, obsolete, choice out of range...).
        """
        by_id = self._index().by_id
        errors: list[str] = []
        checked: dict[str, Decision] = {}
        for d in decisions:
            try:
                s = self.get(d.id)
            except KeyError as exc:
                errors.append(str(exc.args[0]))
                continue
            if d.id != s.id:  # a prefix: the decision is recorded under the whole id
                d = replace(d, id=s.id)
            problem = decision_problem(s, d)
            if problem:
                errors.append(f"{s.id}: {problem}")
            else:
                checked[s.id] = d  # a later decision on the same id wins
        if errors:
            raise ValueError("; ".join(errors))
        new = {i: by_id[i].decided(d) for i, d in checked.items()}
        entries = tuple(
            HistoryEntry(at=d.at, id=d.id, action=action, status=d.status,
                         choice=new[d.id].choice, edited_text=new[d.id].edited_text,
                         comment=d.comment, by=d.by)
            for d in checked.values()
        )
        return replace(
            self,
            suggestions=tuple(new.get(s.id, s) for s in self.suggestions),
            history=self.history + entries,
        )

    def to_plain(self) -> dict[str, Any]:
        """The file's content as plain JSON types (docs/review-file.md)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": "reviewer",
            "document": {"path": self.document_path, "sha256": self.document_sha256,
                         **({"text": self.document_text} if self.document_text else {})},
            "engine": dict(self.engine),
            "settings": self.settings,
            "settings_hash": self.settings_hash,
            "check": self.check,
            "summary": self.summary(),
            "suggestions": [stored(s) for s in self.suggestions],
            "history": plain(self.history),
        }


@dataclass(frozen=True, slots=True)
class _DocumentRef:
    path: str
    sha256: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class _Stored:
    """A review file as stored; decoding it checks every field's type."""

    schema_version: int
    document: _DocumentRef
    suggestions: tuple[Suggestion, ...]
    history: tuple[HistoryEntry, ...] = ()
    engine: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    settings_hash: str = ""
    check: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Version:
    schema_version: int | None = None


@dataclass(frozen=True, slots=True)
class _Decisions:
    """A decisions-import file (exported by the HTML report)."""

    schema_version: int
    document_sha256: str
    decisions: tuple[Decision, ...]


# What a stored suggestion leaves out of its finding: kept once in the file
# (restored on reading), derived from the document when shown, and values
# written only when not empty. Verdict fields are left out when empty too.
_FINDING_FROM_FILE = ("path", "id")
_FINDING_DERIVED = ("context", "sentence")
_FINDING_OPTIONAL: dict[str, Any] = {"sub_id": "", "url": "", "unit": "", "related": []}
_VERDICT_OPTIONAL = {"choice": None, "edited_text": None, "comment": "", "by": "", "at": ""}


def stored(s: Suggestion) -> dict[str, Any]:
    """A suggestion as the review file writes it (docs/review-file.md)."""
    data: dict[str, Any] = plain(s)
    finding = data["finding"]
    for key in (*_FINDING_FROM_FILE, *_FINDING_DERIVED):
        del finding[key]
    for key in _FINDING_OPTIONAL:
        if not finding.get(key, True):
            del finding[key]
    for key, empty in _VERDICT_OPTIONAL.items():
        if data[key] == empty:
            del data[key]
    data["id"] = s.id
    return data


def _restore(data: Any) -> Any:
    """A review file's plain data with what its suggestions leave out put back.

    Files of older schema versions carry these fields (and alternatives with
    their text, diffs and patches, now derived): what is derived is dropped.
    """
    if not isinstance(data, dict) or not isinstance(data.get("suggestions"), list):
        return data
    document = data.get("document")
    path = document.get("path") if isinstance(document, dict) else None
    for s in data["suggestions"]:
        finding = s.get("finding") if isinstance(s, dict) else None
        if not isinstance(finding, dict):
            continue
        if isinstance(path, str):
            finding.setdefault("path", path)
        if isinstance(s.get("id"), str):
            finding.setdefault("id", s["id"])
        for key, empty in _FINDING_OPTIONAL.items():
            finding.setdefault(key, empty)
        for key in _FINDING_DERIVED:
            finding[key] = ""
    return data


def decision_problem(s: Suggestion, d: Decision) -> str:
    """Why decision `d` cannot be taken on `s`, or "" when it can."""
    if s.status is Status.OBSOLETE:
        return "obsolete (its text is no longer in the document)"
    if d.status is Status.ACCEPTED:
        if s.manual:
            return "no replacement to accept: use --edit TEXT"
        if d.choice is not None and d.choice >= len(s.alternatives):
            return f"choice {d.choice + 1} out of range (1-{len(s.alternatives)})"
    if d.status is Status.EDITED and d.edited_text is None:
        return "an edit needs its text"
    if d.status not in DECIDED and d.status is not Status.PENDING:
        return f"cannot set status {d.status.value!r}"
    for name, limit in (("edited_text", MAX_EDIT), ("comment", MAX_COMMENT), ("by", MAX_WHO_WHEN),
                        ("at", MAX_WHO_WHEN)):
        problem = text_problem(getattr(d, name) or "", limit, document=name == "edited_text")
        if problem:
            return f"{name.replace('_', ' ')} {problem}"
    if d.status is Status.EDITED and d.edited_text is not None and s.finding.unit:
        change = placeholder_change(s.finding.text, d.edited_text)  # a bilingual unit
        if change:
            return f"edited text {change} (a translation keeps its placeholders)"
    return ""


def dumps(review: ReviewFile) -> str:
    """The file's text: sorted keys, two-space indent, one suggestion per block."""
    return dump_bytes(review).decode("utf-8")


def dump_bytes(review: ReviewFile) -> bytes:
    """The file's content as written (`dumps` encoded, without a copy of it as text)."""
    return encode_bytes(review.to_plain())


def loads(text: str, path: str | Path) -> ReviewFile:
    """Parse a review file's text; raise ReviewFileError naming `path` and the cause."""
    try:
        raw = decode_plain(text)
        version = convert(raw, _Version).schema_version
    except RecordError as exc:
        raise ReviewFileError(path, _cause(exc)) from None
    if version is None:
        raise ReviewFileError(path, "not a review file (no schema_version)")
    if version > SCHEMA_VERSION:
        raise ReviewFileError(
            path, f"schema_version {version} is newer than this reviewer reads "
                  f"({SCHEMA_VERSION}): upgrade reviewer")
    try:
        data = convert(_restore(raw), _Stored)
    except RecordError as exc:
        raise ReviewFileError(path, f"invalid review file: {exc}") from None
    for i, s in enumerate(data.suggestions):
        problem = suggestion_problem(s)
        if problem:
            raise ReviewFileError(path, f"invalid review file: {problem} - at "
                                        f"`$.suggestions[{i}]`")
    seen: set[str] = set()
    for i, s in enumerate(data.suggestions):
        if not ID_FORMAT.fullmatch(s.id):  # ids are printed and put in pages and URLs
            raise ReviewFileError(path, f"invalid review file: id {s.id!r} is not a "
                                        f"suggestion id (16 hex digits, then -2, -3... for "
                                        f"repeats) - at `$.suggestions[{i}].id`")
        if s.id in seen:
            raise ReviewFileError(path, f"invalid review file: id {s.id!r} is given twice - "
                                        f"at `$.suggestions[{i}].finding.id`")
        seen.add(s.id)
    for i, h in enumerate(data.history):
        problem = history_problem(h)
        if problem:
            raise ReviewFileError(path, f"invalid review file: {problem} - at "
                                        f"`$.history[{i}]`")
    text = data.document.text
    problem = (text_problem(text, document=True) or span_problem(data.suggestions, text)
               if text else "")
    if problem:
        raise ReviewFileError(path, f"invalid review file: `document.text`: {problem}")
    return ReviewFile(
        document_path=data.document.path,
        document_sha256=data.document.sha256,
        suggestions=data.suggestions,
        history=data.history,
        engine=data.engine,
        settings=data.settings,
        settings_hash=data.settings_hash,
        check=data.check,
        document_text=text,
    )


def _cause(exc: RecordError) -> str:
    text = str(exc)
    if text.startswith("corrupt or truncated JSON"):
        return text
    return "expected a JSON object" if "Expected `object`" in text else text


def suggestion_problem(s: Suggestion) -> str:
    """What no writer of ours produces in a suggestion (a hand edit gone wrong), or "".

    Beyond types: the span lies in its sentence and is as long as the finding's
    text (the text itself is compared with the document by `apply`);
    the choice is one of the alternatives; the alternatives' and the
    decision's texts are text (no NUL, no lone surrogate). Nothing shown is
    stored apart from what `apply` writes: diffs are derived (`Suggestion.diff`).
    """
    f = s.finding
    if not 0 <= f.start <= f.end:
        return f"span {f.start}-{f.end} is not a span"
    if not s.sentence_start <= f.start <= f.end <= s.sentence_end:
        return "the span is outside its sentence"
    if len(f.text) != f.end - f.start:
        return "the finding's text is not as long as its span"
    for k, alt in enumerate(s.alternatives):
        problem = text_problem(alt.text, document=True)
        if problem:
            return f"alternative {k}: its text {problem}"
    if s.choice is not None and not 0 <= s.choice < max(1, len(s.alternatives)):
        return f"choice {s.choice} is not one of its {len(s.alternatives)} alternatives"
    if s.status is Status.EDITED and s.edited_text is None:
        return "status 'edited' without 'edited_text'"
    for name in ("edited_text", "comment", "by", "at"):
        problem = text_problem(getattr(s, name) or "", document=name == "edited_text")
        if problem:
            return f"'{name}' {problem}"
    return ""


def text_problem(text: str, limit: int | None = None, document: bool = False) -> str:
    """Why `text` cannot be a decision's text, or "": a lone surrogate (not Unicode
    text), more than `limit` characters, or for text going into the document a NUL."""
    if not text:
        return ""
    if document and "\x00" in text:
        return "contains a NUL character"
    if _SURROGATE.search(text):
        return "contains a lone surrogate (not valid Unicode text)"
    if limit is not None and len(text) > limit:
        return f"is {len(text):,} characters long (at most {limit:,})"
    return ""


def history_problem(h: HistoryEntry) -> str:
    """What no writer of ours produces in a history entry, or ""."""
    if h.choice is not None and h.choice < 0:
        return f"choice {h.choice} is negative"
    for name in ("edited_text", "comment", "by", "at", "id", "action"):
        problem = text_problem(getattr(h, name) or "", document=name == "edited_text")
        if problem:
            return f"'{name}' {problem}"
    return ""


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
        version = decode(text, _Version).schema_version
    except RecordError as exc:
        raise ReviewFileError(path, _cause(exc)) from None
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
