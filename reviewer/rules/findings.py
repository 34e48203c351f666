"""The one road from a hit to a finding, for LanguageTool's rules and ours alike.

A hit is a span of the text a rule was given: a whole document, or one
segment of it (XLIFF, PO, Markdown, HTML). `to_finding` places it in the
file, and sets line and column, the matched text, its context, its sentence
(reviewer.text.sentences, the one splitter), its severity (one lookup,
overrides included: reviewer.severity) and an empty id; `assign_ids`
(reviewer.model) gives ids once per document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.model import FINDING_CONTEXT, Finding, Severity
from reviewer.rules.base import SOURCE, Hit, Rule
from reviewer.severity import SeverityMap
from reviewer.text.document import Document
from reviewer.text.lines import LineIndex
from reviewer.text.segment import Segment
from reviewer.text.sentences import sentence_bounds


@dataclass(frozen=True, slots=True)
class Origin:
    """Who reported a hit: the rule as findings name it.

    `severity` is the rule's own default (our rules have one); None lets the
    category and issue-type tables decide (LanguageTool's rules).
    """

    rule_id: str
    source: str
    category: str
    issue_type: str
    title: str = ""
    severity: Severity | None = None
    sub_id: str = ""
    url: str = ""

    @classmethod
    def of(cls, rule: Rule) -> Origin:
        return cls(rule.id, SOURCE, rule.category, rule.issue_type, rule.title, rule.severity)


@dataclass(frozen=True, slots=True)
class Scope:
    """The text hits are given in: a whole document, or one of its segments."""

    doc: Document
    index: LineIndex
    segment: Segment | None = None

    @property
    def text(self) -> str:
        return self.doc.text if self.segment is None else self.segment.text

    @property
    def unit(self) -> str:
        return "" if self.segment is None else self.segment.unit

    def to_file(self, start: int, end: int) -> tuple[int, int]:
        """A span of `text` as a span of the document's text."""
        return (start, end) if self.segment is None else self.segment.to_file(start, end)

    def masked(self, start: int, end: int) -> bool:
        """True when a document span touches code or a placeholder (never reported)."""
        return self.segment is not None and self.segment.masks(start, end)


def scopes(doc: Document, index: LineIndex | None = None) -> Iterator[Scope]:
    """The document whole (plain text), or each of its segments."""
    index = index or LineIndex(doc.text)
    if doc.segments is None:
        yield Scope(doc, index)
        return
    for seg in doc.segments:
        yield Scope(doc, index, seg)


def to_finding(origin: Origin, hit: Hit, scope: Scope, severities: SeverityMap) -> Finding:
    """`hit`, given in `scope.text`, as a finding placed in the document."""
    start, end = scope.to_file(hit.start, hit.end)
    line, column = scope.index.position(start)
    end_line, end_column = scope.index.position(end)
    s, e = sentence_bounds(scope.text, hit.start, hit.end, hit.sentence)
    text = scope.doc.text
    return Finding(
        path=scope.doc.path,
        start=start,
        end=end,
        rule_id=origin.rule_id,
        id="",
        sub_id=hit.sub_id or origin.sub_id,
        source=origin.source,
        category=origin.category,
        issue_type=origin.issue_type,
        severity=severities.severity(origin.rule_id, origin.category, origin.issue_type,
                                     origin.severity),
        message=hit.message,
        short_message=hit.short_message or origin.title,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text[start:end],
        context=text[max(0, start - FINDING_CONTEXT) : end + FINDING_CONTEXT],
        sentence=scope.text[s:e],
        replacements=hit.replacements,
        url=origin.url,
        unit=scope.unit,
        related=tuple(scope.to_file(s, e) for s, e in hit.also),
        confidence=1.0 if hit.confidence is None else round(hit.confidence, 4),
    )
