"""Findings never reported: accepted words, ignored patterns, inline suppression.

Inline suppression uses HTML comments, so it works in Markdown and HTML (and
any document where such a comment can stand):

    <!-- reviewer-disable -->                 everything, until reviewer-enable
    <!-- reviewer-disable EN_A_VS_AN, TYPOS -->  these rules or categories
    <!-- reviewer-enable -->                  ends every open disable
    <!-- reviewer-enable EN_A_VS_AN -->       ends that one only
    <!-- reviewer-disable-next-line RULE -->  the line after the comment
    <!-- reviewer-disable-line RULE -->       the comment's own line

Without a rule list a directive covers every rule. A name is a rule id or a
category id. A disable without enable runs to the end of the document.
Findings inside the directive comments themselves are dropped too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from reviewer.model import Finding, Report
from reviewer.patterns import Pattern, compile_pattern
from reviewer.text.document import Document

ALL = "*"
_DIRECTIVE = re.compile(
    r"<!--\s*reviewer-(disable-next-line|disable-line|disable|enable)\b(.*?)-->", re.S
)
SPELLING_PREFIXES = ("MORFOLOGIK_", "HUNSPELL_", "SPELLER_")


@dataclass(frozen=True, slots=True)
class Region:
    """A span of a document where some rules (or all: `*`) are not reported."""

    start: int
    end: int
    names: frozenset[str]
    whole: bool = False  # the finding must lie entirely inside, not just start inside

    def covers(self, f: Finding) -> bool:
        inside = self.start <= f.start < self.end and (not self.whole or f.end <= self.end)
        return inside and (ALL in self.names or f.rule_id in self.names
                           or f.category in self.names)


def _names(spec: str) -> frozenset[str]:
    names = frozenset(n for n in re.split(r"[\s,]+", spec.strip()) if n)
    return names or frozenset({ALL})


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def regions(text: str) -> list[Region]:
    """The suppressed regions that the directives in `text` declare."""
    out: list[Region] = []
    open_at: dict[str, int] = {}
    for m in _DIRECTIVE.finditer(text):
        kind, names = m.group(1), _names(m.group(2))
        out.append(Region(m.start(), m.end(), frozenset({ALL})))
        if kind == "disable":
            for n in names:
                open_at.setdefault(n, m.end())
        elif kind == "enable":
            for n in list(open_at) if ALL in names else names & open_at.keys():
                out.append(Region(open_at.pop(n), m.start(), frozenset({n})))
        elif kind == "disable-line":
            out.append(Region(*_line_span(text, m.start()), names))
        else:
            line_end = text.find("\n", m.end())
            if line_end >= 0:
                out.append(Region(*_line_span(text, line_end + 1), names))
    out.extend(Region(start, len(text) + 1, frozenset({n})) for n, start in open_at.items())
    return out


def is_spelling(f: Finding) -> bool:
    """A speller's finding (EN_A_VS_AN is a `misspelling` too, but not a speller's)."""
    return f.rule_id.startswith(SPELLING_PREFIXES) or (
        f.category == "TYPOS" and f.issue_type == "misspelling")


@dataclass(frozen=True, slots=True)
class Suppressor:
    """Decides which findings are dropped from a report."""

    accept_words: frozenset[str] = frozenset()
    ignore_patterns: tuple[Pattern, ...] = ()  # bounded in time (reviewer.patterns)
    inline: bool = True

    @classmethod
    def build(cls, accept_words: Iterable[str] = (), ignore_patterns: Iterable[str] = (),
              inline: bool = True) -> Suppressor:
        """Raises PatternError for an ignore pattern that cannot run in bounded time."""
        return cls(frozenset(accept_words), tuple(compile_pattern(p) for p in ignore_patterns),
                   inline)

    def keep(self, docs: Sequence[Document], findings: Iterable[Finding]) -> list[Finding]:
        """The findings that are reported, in their order."""
        by_path = {d.path: d.text for d in docs}
        spans: dict[str, list[Region]] = {}
        kept = []
        for f in findings:
            if f.path not in spans:
                spans[f.path] = self._regions(by_path.get(f.path, ""))
            if is_spelling(f) and f.text in self.accept_words:
                continue
            if any(r.covers(f) for r in spans[f.path]):
                continue
            kept.append(f)
        return kept

    def _regions(self, text: str) -> list[Region]:
        out = regions(text) if self.inline and "reviewer-" in text else []
        for p in self.ignore_patterns:
            out.extend(Region(start, end, frozenset({ALL}), whole=True)
                       for start, end in p.spans(text) if end > start)
        return out

    def apply(self, report: Report, docs: Sequence[Document]) -> Report:
        """`report` without the suppressed findings."""
        if not (self.accept_words or self.ignore_patterns or self.inline):
            return report
        kept = self.keep(docs, report.findings)
        if len(kept) == len(report.findings):
            return report
        return replace(report, findings=tuple(kept))
