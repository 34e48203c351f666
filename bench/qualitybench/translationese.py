"""A whole text with an editor's list of problems: span overlap, recall and precision per kind.

The set (`../shared/eval/translationese-dev/`, its README) is a text of a few
pieces, one paragraph a line, and a gold list: tab-separated rows, `#` header
lines first, of `line` (1-based, blank lines counted), the exact text in that
line, its occurrence (1 = the first match of repeated `str.find`), its `kind`
(article, preposition, calque, ... or `neutral`: acceptable, not scored) and
better English. The text is checked as one document, the way `reviewer check`
checks a file, and every finding becomes a character span of its line.

A finding is right when its span overlaps a non-neutral gold span. Recall =
non-neutral gold problems overlapped by at least one finding / non-neutral
gold problems; precision = right findings / findings, leaving out findings
that overlap only neutral spans. Any text with an editor's list in this
format can be scored the same way (`--gold FILE`).
"""

from __future__ import annotations

import bisect
import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.checker import CheckOptions, check_documents
from reviewer.inputs.registry import load as load_input
from reviewer.lt.engine import Engine
from reviewer.model import Finding, Severity
from reviewer.text.document import Document, parse_document

NEUTRAL = "neutral"
TEXT_NAME = "dev.txt"
GOLD_SUFFIX = ".gold.tsv"  # dev.txt -> dev.gold.tsv


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One row of the editor's list, placed: line (1-based) and span within the line."""

    line: int
    start: int
    end: int
    kind: str
    text: str
    better: str

    @property
    def neutral(self) -> bool:
        return self.kind == NEUTRAL


@dataclass(frozen=True, slots=True)
class Spot:
    """One finding, reduced to what span scoring needs: its line and span in that line."""

    rule_id: str
    category: str
    line: int
    start: int
    end: int
    text: str
    confidence: float


@dataclass(frozen=True, slots=True)
class AnnotatedText:
    path: Path
    text: str
    gold: tuple[GoldItem, ...]


def text_and_gold(path: Path, gold: Path | None = None) -> tuple[Path, Path]:
    """The text and gold files of a set: a folder (dev.txt, dev.gold.tsv), or a text file
    whose gold is `gold` or, by default, NAME.gold.tsv next to it."""
    text = path / TEXT_NAME if path.is_dir() else path
    return text, gold or text.with_name(text.stem + GOLD_SUFFIX)


def parse_gold(text: str, rows: str, where: str = "gold") -> tuple[GoldItem, ...]:
    """The gold rows placed in `text`'s lines; ValueError names the first row that does
    not fit (no such line, text not found, a malformed row)."""
    lines = text.split("\n")
    items = []
    reader = csv.reader((r for r in rows.splitlines() if r.strip() and not r.startswith("#")),
                        delimiter="\t", quoting=csv.QUOTE_NONE)
    for n, row in enumerate(reader, 1):
        if len(row) < 4:
            raise ValueError(f"{where}: row {n} has {len(row)} fields, expected 5")
        try:
            line, occurrence = int(row[0]), int(row[2])
        except ValueError:
            raise ValueError(f"{where}: row {n}: line and occurrence must be numbers") from None
        if not 1 <= line <= len(lines):
            raise ValueError(f"{where}: row {n}: no line {line}")
        start = -1
        for _ in range(max(occurrence, 1)):
            start = lines[line - 1].find(row[1], start + 1)
            if start < 0:
                raise ValueError(f"{where}: row {n}: {row[1]!r} (occurrence {occurrence}) "
                                 f"is not in line {line}")
        items.append(GoldItem(line, start, start + len(row[1]), row[3].strip(), row[1],
                              row[4] if len(row) > 4 else ""))
    return tuple(items)


def read_annotated(path: Path, gold: Path | None = None) -> AnnotatedText:
    """Read a text and its editor's list (see `text_and_gold`)."""
    text_path, gold_path = text_and_gold(path, gold)
    text = text_path.read_text(encoding="utf-8")
    return AnnotatedText(text_path, text,
                         parse_gold(text, gold_path.read_text(encoding="utf-8"), str(gold_path)))


def spots(findings: Iterable[Finding], text: str) -> list[Spot]:
    """Each finding as a span of the line it starts in (cut at that line's end)."""
    starts = [0]
    for i, c in enumerate(text):
        if c == "\n":
            starts.append(i + 1)
    out = []
    for f in findings:
        k = bisect.bisect_right(starts, f.start) - 1
        line_end = starts[k + 1] - 1 if k + 1 < len(starts) else len(text)
        end = max(f.start + 1, min(f.end, line_end))  # an empty span still marks a place
        out.append(Spot(f.rule_id, f.category, k + 1, f.start - starts[k], end - starts[k],
                        text[f.start:min(f.end, line_end)], f.confidence))
    return out


def check_text(annotated: AnnotatedText, engine: Engine, options: CheckOptions,
               min_severity: Severity = Severity.INFO,
               min_confidence: float = 0.0) -> list[Spot]:
    """Check the text as one plain document and keep findings at or above the thresholds."""
    doc: Document = load_input(parse_document(annotated.path.name,
                                              annotated.text.encode("utf-8")))
    report = check_documents([doc], engine, options)
    if report.engine_errors:
        raise RuntimeError(f"{annotated.path}: {report.engine_errors[0].message}")
    kept = [f for f in report.findings
            if f.severity.at_least(min_severity) and f.confidence >= min_confidence]
    return spots(kept, doc.text)


def _overlaps(s: Spot, g: GoldItem) -> bool:
    return s.line == g.line and s.start < g.end and g.start < s.end


@dataclass(frozen=True, slots=True)
class SpanScores:
    """Recall per kind and precision over all findings (neutral-only ones left out)."""

    found: dict[str, int]  # kind -> gold problems overlapped
    total: dict[str, int]  # kind -> gold problems
    right: int
    wrong: int
    neutral_only: int
    rules: dict[str, tuple[int, int]]  # rule -> (right, wrong)
    misses: tuple[GoldItem, ...]
    false_alarms: tuple[Spot, ...]

    @property
    def recall(self) -> float:
        n = sum(self.total.values())
        return sum(self.found.values()) / n if n else 0.0

    @property
    def precision(self) -> float:
        n = self.right + self.wrong
        return self.right / n if n else 0.0

    def f(self, beta: float = 0.5) -> float:
        p, r, b2 = self.precision, self.recall, beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f05": round(self.f(), 4),
            "problems": sum(self.total.values()),
            "problems_found": sum(self.found.values()),
            "findings_right": self.right,
            "findings_wrong": self.wrong,
            "findings_on_neutral_only": self.neutral_only,
            "kinds": {k: {"found": self.found.get(k, 0), "total": n}
                      for k, n in sorted(self.total.items(), key=lambda kv: (-kv[1], kv[0]))},
            "rules": {r: {"right": a, "wrong": b} for r, (a, b) in
                      sorted(self.rules.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))},
            "false_alarms": [{"line": s.line, "text": s.text, "rule": s.rule_id,
                              "confidence": s.confidence} for s in self.false_alarms],
        }


def score_spans(gold: Sequence[GoldItem], found: Sequence[Spot]) -> SpanScores:
    """Score findings against the gold by span overlap (the README's rule)."""
    problems = [g for g in gold if not g.neutral]
    neutral = [g for g in gold if g.neutral]
    total = Counter(g.kind for g in problems)
    hit = Counter(g.kind for g in problems if any(_overlaps(s, g) for s in found))
    right = wrong = neutral_only = 0
    rules: dict[str, list[int]] = {}
    alarms = []
    for s in found:
        if any(_overlaps(s, g) for g in problems):
            right += 1
            rules.setdefault(s.rule_id, [0, 0])[0] += 1
        elif any(_overlaps(s, g) for g in neutral):
            neutral_only += 1
        else:
            wrong += 1
            rules.setdefault(s.rule_id, [0, 0])[1] += 1
            alarms.append(s)
    misses = tuple(g for g in problems if not any(_overlaps(s, g) for s in found))
    return SpanScores(dict(hit), dict(total), right, wrong, neutral_only,
                      {r: (a, b) for r, (a, b) in rules.items()}, misses, tuple(alarms))


def render(result: dict[str, Any], top: int) -> str:
    """The figures as text: headline, recall per kind, rules, false alarms."""
    without = f", without {', '.join(result['ablated'])}" if result["ablated"] else ""
    lines = [
        f"translationese {result['path']} ({result['configuration']}, min confidence "
        f"{result['min_confidence']:.2f}{without})",
        f"span  R {result['recall']:.3f} ({result['problems_found']}/{result['problems']})  "
        f"P {result['precision']:.3f} ({result['findings_right']}/"
        f"{result['findings_right'] + result['findings_wrong']})  F0.5 {result['f05']:.3f}  "
        f"on neutral only {result['findings_on_neutral_only']}",
        "",
        f"{'kind':16} {'found':>6} {'of':>6}",
    ]
    for kind, c in result["kinds"].items():
        lines.append(f"{kind:16} {c['found']:6} {c['total']:6}")
    lines += ["", f"{'rule (most wrong first)':44} {'right':>6} {'wrong':>6}"]
    for rule, c in list(result["rules"].items())[:top]:
        lines.append(f"{rule[:44]:44} {c['right']:6} {c['wrong']:6}")
    if result["false_alarms"]:
        lines += ["", "wrong findings:"]
        lines += [f"  line {a['line']:3} {a['rule']:36} {a['confidence']:.2f}  {a['text']!r}"
                  for a in result["false_alarms"]]
    return "\n".join(lines) + "\n"
