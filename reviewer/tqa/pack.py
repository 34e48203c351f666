"""Running the rule pack on a document, and merging its findings with LanguageTool's.

Pack findings have source `reviewer`. Where one of our rules and a LanguageTool
rule it `overlaps` report overlapping or touching spans, one finding remains: ours when it
has a replacement or LanguageTool's has none, LanguageTool's otherwise.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reviewer.document import Document, LineIndex
from reviewer.lt import custom
from reviewer.model import Finding
from reviewer.severity import SeverityMap
from reviewer.tqa import PREFIX, RULES
from reviewer.tqa.rule import Hit, Options, OptionValue, Rule

SOURCE = "reviewer"
CONTEXT = 40
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


class PackConfigError(ValueError):
    """A rule id, category, option or option value the pack does not know."""


@dataclass(frozen=True, slots=True)
class PackConfig:
    """Which rules run and with which options; `language` is the document's language."""

    language: str = "en-US"
    disabled: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    options: Mapping[str, Options] = field(default_factory=dict)
    enabled: bool = True

    def rules(self) -> list[Rule]:
        """The rules that run, in registry order."""
        if not self.enabled:
            return []
        return [r for r in RULES.values()
                if r.id not in self.disabled and r.category not in self.disabled_categories]

    def options_for(self, rule: Rule) -> dict[str, OptionValue]:
        return {**rule.options, **self.options.get(rule.id, {}), "language": self.language}


def is_pack_rule(rule_id: str) -> bool:
    """True for the pack's ids; our LanguageTool pattern rules (`TQA_*` too) run in LanguageTool."""
    return rule_id.startswith(PREFIX) and rule_id not in custom.rule_ids()


def check_rule_ids(ids: Iterable[str]) -> None:
    """Raise `PackConfigError` for an id that looks like ours but is not registered."""
    unknown = sorted(i for i in ids if is_pack_rule(i) and i not in RULES)
    if unknown:
        raise PackConfigError(f"unknown rule {', '.join(unknown)} (see docs/rules.md)")


def parse_option(spec: str) -> tuple[str, str, OptionValue]:
    """`TQA_FOREIGN_QUOTES.style=straight` → (rule id, key, value typed like the default)."""
    name, sep, raw = spec.partition("=")
    rule_id, dot, key = name.strip().partition(".")
    if not sep or not dot:
        raise PackConfigError(f"rule option '{spec}': expected RULE.KEY=VALUE")
    check_rule_ids([rule_id])
    rule = RULES.get(rule_id)
    if rule is None:
        raise PackConfigError(f"rule option '{spec}': {rule_id} is not a pack rule")
    if key not in rule.options:
        known = ", ".join(sorted(rule.options)) or "none"
        raise PackConfigError(f"rule option '{spec}': {rule_id} has no option '{key}' "
                              f"(options: {known})")
    value = _typed(spec, rule.options[key], raw.strip())
    allowed = rule.choices.get(key)
    if allowed and value not in allowed:
        raise PackConfigError(f"rule option '{spec}': expected one of {', '.join(allowed)}")
    return rule_id, key, value


def _typed(spec: str, default: OptionValue, raw: str) -> OptionValue:
    if isinstance(default, bool):
        if raw.lower() not in ("true", "false"):
            raise PackConfigError(f"rule option '{spec}': expected true or false")
        return raw.lower() == "true"
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise PackConfigError(f"rule option '{spec}': expected an integer") from None
    if isinstance(default, tuple):
        return tuple(v.strip() for v in raw.split(",") if v.strip())
    return raw


def run(text: str, config: PackConfig) -> list[tuple[Rule, Hit]]:
    """Every hit of every enabled rule on `text`, in rule order."""
    return [(rule, hit) for rule in config.rules()
            for hit in rule.check(text, config.options_for(rule))]


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(0, start - 300)
    begin = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        begin = m.end()
    after = _SENTENCE_END.search(text, end, end + 300)
    stop = after.start() + 1 if after else min(len(text), end + 300)
    return text[begin:stop].strip()


def to_finding(
    rule: Rule, hit: Hit, doc: Document, index: LineIndex, severities: SeverityMap
) -> Finding:
    """A pack hit as a finding placed like LanguageTool's (1-based line and column)."""
    line, column = index.position(hit.start)
    end_line, end_column = index.position(hit.end)
    text = doc.text
    severity = severities.rules.get(rule.id) or severities.categories.get(rule.category)
    return Finding(
        path=doc.path,
        start=hit.start,
        end=hit.end,
        rule_id=rule.id,
        id="",
        sub_id="",
        source=SOURCE,
        category=rule.category,
        issue_type=rule.issue_type,
        severity=severity or rule.severity,
        message=hit.message,
        short_message=rule.title,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text[hit.start : hit.end],
        context=text[max(0, hit.start - CONTEXT) : hit.end + CONTEXT],
        sentence=_sentence(text, hit.start, hit.end),
        replacements=hit.replacements,
    )


def check_document(
    doc: Document, config: PackConfig, severities: SeverityMap, index: LineIndex | None = None
) -> list[Finding]:
    """The pack's findings on one document (ids not yet assigned)."""
    index = index or LineIndex(doc.text)
    return [to_finding(rule, hit, doc, index, severities) for rule, hit in run(doc.text, config)]


def merge(theirs: Sequence[Finding], ours: Sequence[Finding]) -> list[Finding]:
    """LanguageTool's and our findings with each shared problem reported once."""
    by_start = sorted(theirs, key=lambda f: f.start)
    starts = [f.start for f in by_start]
    longest = max((f.end - f.start for f in by_start), default=0)
    dropped_theirs: set[int] = set()
    kept_ours: list[Finding] = []
    for f in ours:
        overlaps = RULES[f.rule_id].overlaps
        clashing = []
        i = bisect.bisect_right(starts, f.end)
        while i > 0 and starts[i - 1] >= f.start - longest:
            i -= 1
            lt = by_start[i]
            if lt.rule_id in overlaps and f.start <= lt.end:  # overlapping or touching
                clashing.append(i)
        if clashing and not f.replacements and any(by_start[i].replacements for i in clashing):
            continue
        dropped_theirs.update(clashing)
        kept_ours.append(f)
    return [f for i, f in enumerate(by_start) if i not in dropped_theirs] + kept_ours


__all__ = [
    "OptionValue",
    "PackConfig",
    "PackConfigError",
    "check_document",
    "check_rule_ids",
    "is_pack_rule",
    "merge",
    "parse_option",
    "run",
]
