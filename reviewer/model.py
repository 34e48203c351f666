"""The records every part of reviewer passes around: findings and reports.

A `Finding` is immutable, carries its span in Python code points (never UTF-16
units), and has a stable `id` that survives edits elsewhere in the document.
Renderers read a `Report`; they never talk to a checker.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters, most severe first."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical up to 3 for info: lower is more severe."""
        return _SEVERITY_ORDER.index(self)

    def at_least(self, other: Severity) -> bool:
        """True when this severity is as severe as `other` or more."""
        return self.rank <= other.rank


_SEVERITY_ORDER = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.INFO)


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One issue at one span of one document.

    Fields are ordered so that sorting findings sorts them by document and
    position; `reviewer.codec.plain` gives plain JSON types.
    """

    path: str
    start: int
    end: int
    rule_id: str
    id: str
    sub_id: str
    source: str
    category: str
    issue_type: str
    severity: Severity
    message: str
    short_message: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    context: str  # up to FINDING_CONTEXT characters on each side of `text`
    sentence: str
    replacements: tuple[str, ...] = ()
    url: str = ""
    unit: str = ""
    confidence: float = 1.0  # calibrated: reviewer.confidence
    related: tuple[tuple[int, int], ...] = ()  # other spans this one finding reports



@dataclass(frozen=True, slots=True)
class EngineError:
    """A part of a document that could not be checked (never dropped silently)."""

    path: str
    start: int
    end: int
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a report records of each checked document."""

    path: str
    sha256: str
    characters: int
    words: int
    lines: int
    encoding: str = "utf-8"  # utf-8, or utf-16-le/-be, utf-32-le/-be (read with a BOM)


@dataclass(frozen=True, slots=True)
class Report:
    """The one record list that every renderer reads."""

    documents: tuple[DocumentInfo, ...]
    findings: tuple[Finding, ...]
    engine_errors: tuple[EngineError, ...] = ()
    engine: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    hidden: int = 0  # findings below `min_confidence`, left out
    min_confidence: float = 0.0

    @property
    def words(self) -> int:
        return sum(d.words for d in self.documents)

    def above(self, min_confidence: float) -> Report:
        """This report without the findings below `min_confidence` (counted in `hidden`)."""
        if min_confidence <= 0:
            return self
        kept = tuple(f for f in self.findings if f.confidence >= min_confidence)
        return replace(self, findings=kept, min_confidence=min_confidence,
                       hidden=self.hidden + len(self.findings) - len(kept))


_WS = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
# The document's text kept on each side of a finding's text (`Finding.context`).
FINDING_CONTEXT = 40
# The surroundings a fingerprint normalises on each side; `assign_ids` reads twice as much.
FINGERPRINT_CONTEXT = 24


def fingerprint(rule_id: str, text: str, before: str, after: str) -> str:
    """A stable id from the rule, the matched text and its normalised surroundings.

    Offsets are left out on purpose: inserting text elsewhere must not change it.
    The surroundings stop at a blank line, so moving paragraphs does not change it either.
    """
    before = _BLANK_LINE.split(before)[-1]
    after = _BLANK_LINE.split(after)[0]
    before = _WS.sub(" ", before[-FINGERPRINT_CONTEXT:]).lstrip()
    after = _WS.sub(" ", after[:FINGERPRINT_CONTEXT]).rstrip()
    key = "\x1f".join((rule_id, text, before, after))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# A finding's id as `assign_ids` makes it (docs/review-file.md): 16 hex digits of its
# fingerprint, and `-2`, `-3`... for repeats. Review files are checked against it on load.
ID_FORMAT = re.compile(r"[0-9a-f]{16}(?:-(?:[2-9]|[1-9][0-9]{1,8}))?")


def assign_ids(findings: list[Finding], text: str) -> list[Finding]:
    """Give each finding its fingerprint id; repeats of one fingerprint get `-2`, `-3`..."""
    seen: dict[str, int] = {}
    out = []
    for f in sorted(findings):
        fp = fingerprint(
            f.rule_id,
            f.text,
            text[max(0, f.start - 2 * FINGERPRINT_CONTEXT) : f.start],
            text[f.end : f.end + 2 * FINGERPRINT_CONTEXT],
        )
        seen[fp] = seen.get(fp, 0) + 1
        out.append(replace(f, id=fp if seen[fp] == 1 else f"{fp}-{seen[fp]}"))
    return out
