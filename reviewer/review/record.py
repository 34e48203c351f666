"""The review file as a record, and its codec: suggestions, decisions and their history.

Layout (docs/review-file.md): `schema_version`, `document` {path, sha256, text},
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

Reading and writing the file under its lock is reviewer.review.store's job;
what a decoded file must hold beyond types is reviewer.review.validation's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from reviewer.codec import RecordError, convert, decode_plain, encode_bytes, plain
from reviewer.review.suggest import Decision, HistoryEntry, Status, Suggestion
from reviewer.review.validation import decision_problem, stored_problem

SCHEMA_VERSION = 3
REVIEW_SUFFIX = ".review.json"  # how `reviewer review` names a document's review file
MIN_PREFIX = 4  # shortest id prefix `get` takes


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


@dataclass(frozen=True)  # not slots: `_index` is cached in the instance's __dict__
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

    @cached_property
    def _index(self) -> _Ids:
        # Built on the first look-up, from `suggestions` alone (which never change): one pass
        # over the suggestions for any number of look-ups, where a scan each was quadratic.
        return _Ids(self.suggestions)

    def get(self, key: str) -> Suggestion:
        """The suggestion with id `key`, or the only one whose id starts with it."""
        return self._index.get(key)

    def summary(self) -> dict[str, int]:
        counts = Counter(s.status.value for s in self.suggestions)
        return {s.value: counts.get(s.value, 0) for s in Status}

    def decide(self, decisions: Iterable[Decision], action: str) -> ReviewFile:
        """This file with `decisions` taken, each logged in the history.

        All or nothing: raises ValueError listing every decision that does not
        fit its suggestion (unknown id, obsolete, choice out of range...).
        """
        by_id = self._index.by_id
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
    """The document reviewed: its path, its SHA-256 and the text the offsets index."""

    path: str
    sha256: str
    text: str = ""


# ReviewFile's `document_*` fields, stored together in `document`.
_IN_DOCUMENT = {f"document_{f.name}": f.name for f in fields(_DocumentRef)}


@dataclass(frozen=True, slots=True)
class SchemaVersion:
    """Only the version of a file we write: read first, to refuse a newer one in one line."""

    schema_version: int | None = None


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


def _record(data: dict[str, Any]) -> ReviewFile:
    """The record of a file's plain data, every field's type checked (RecordError)."""
    if "document" not in data:
        raise RecordError("Object missing required field `document`")
    try:
        document = convert(data["document"], _DocumentRef)
    except RecordError as exc:  # its path as in the file, not in `_DocumentRef`
        text = str(exc)
        raise RecordError(text.replace("`$", "`$.document") if "`$" in text
                          else f"{text} - at `$.document`") from None
    flat = {f.name: data[f.name] for f in fields(ReviewFile)
            if f.name in data and f.name not in _IN_DOCUMENT}
    flat.update({name: getattr(document, key) for name, key in _IN_DOCUMENT.items()})
    return convert(flat, ReviewFile)


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
        version = convert(raw, SchemaVersion).schema_version
    except RecordError as exc:
        raise ReviewFileError(path, record_cause(exc)) from None
    if version is None:
        raise ReviewFileError(path, "not a review file (no schema_version)")
    if version > SCHEMA_VERSION:
        raise ReviewFileError(
            path, f"schema_version {version} is newer than this reviewer reads "
                  f"({SCHEMA_VERSION}): upgrade reviewer")
    try:
        review = _record(_restore(raw))
    except RecordError as exc:
        raise ReviewFileError(path, f"invalid review file: {exc}") from None
    problem = stored_problem(review.suggestions, review.history, review.document_text)
    if problem:
        raise ReviewFileError(path, f"invalid review file: {problem}")
    return review


def record_cause(exc: RecordError) -> str:
    """A decoding error as the cause a ReviewFileError names."""
    text = str(exc)
    if text.startswith("corrupt or truncated JSON"):
        return text
    return "expected a JSON object" if "Expected `object`" in text else text
