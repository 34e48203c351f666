"""Running our rules on a document, and merging their findings with LanguageTool's.

Our findings have source `reviewer`. Where one of our rules and a LanguageTool
rule it `overlaps` report overlapping or touching spans, one finding remains: ours when it
has a replacement or LanguageTool's has none, LanguageTool's otherwise. A rule
it `yields` to always keeps its finding there, and ours is dropped.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reviewer.model import Finding
from reviewer.rules import RULES, is_ours
from reviewer.rules.base import Hit, Options, OptionValue, Rule, Subject
from reviewer.rules.findings import Origin, scopes, to_finding
from reviewer.rules.glossary import Term
from reviewer.severity import SeverityMap
from reviewer.text.document import Document
from reviewer.text.lines import LineIndex


class RuleConfigError(ValueError):
    """A rule id, option or option value that none of our rules has."""


@dataclass(frozen=True, slots=True)
class RuleConfig:
    """Which of our rules run, and with which options (the language is each document's)."""

    disabled: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    options: Mapping[str, Options] = field(default_factory=dict)
    enabled: bool = True

    def rules(self) -> list[Rule]:
        """The rules that run, in registry order."""
        if not self.enabled:
            return []
        return [r for r in RULES.values() if r.check is not None
                and r.id not in self.disabled and r.category not in self.disabled_categories]

    def options_for(self, rule: Rule, language: str) -> dict[str, OptionValue]:
        """`rule`'s options as configured, and `language`: the variant its text is checked in."""
        return {**rule.options, **self.options.get(rule.id, {}), "language": language}


def check_rule_ids(ids: Iterable[str]) -> None:
    """Raise `RuleConfigError` for an id that looks like ours but is not registered."""
    unknown = sorted(i for i in ids if is_ours(i) and i not in RULES)
    if unknown:
        hints = [difflib.get_close_matches(i, list(RULES), n=1, cutoff=0.75) for i in unknown]
        close = sorted({h[0] for h in hints if h})
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise RuleConfigError(f"unknown rule {', '.join(unknown)}{hint} (see docs/rules.md)")


def parse_option(spec: str) -> tuple[str, str, OptionValue]:
    """`TQA_FOREIGN_QUOTES.style=straight` → (rule id, key, value typed like the default)."""
    name, sep, raw = spec.partition("=")
    rule_id, dot, key = name.strip().partition(".")
    if not sep or not dot:
        raise RuleConfigError(f"rule option '{spec}': expected RULE.KEY=VALUE")
    check_rule_ids([rule_id])
    rule = RULES.get(rule_id)
    if rule is None:
        raise RuleConfigError(f"rule option '{spec}': {rule_id} is not one of our rules")
    if key not in rule.options:
        known = ", ".join(sorted(rule.options)) or "none"
        raise RuleConfigError(f"rule option '{spec}': {rule_id} has no option '{key}' "
                              f"(options: {known})")
    value = _typed(spec, rule.options[key], raw.strip())
    allowed = rule.choices.get(key)
    if allowed and value not in allowed:
        raise RuleConfigError(f"rule option '{spec}': expected one of {', '.join(allowed)}")
    return rule_id, key, value


def _typed(spec: str, default: OptionValue, raw: str) -> OptionValue:
    if isinstance(default, bool):
        if raw.lower() not in ("true", "false"):
            raise RuleConfigError(f"rule option '{spec}': expected true or false")
        return raw.lower() == "true"
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise RuleConfigError(f"rule option '{spec}': expected an integer") from None
    if isinstance(default, tuple):
        return tuple(v.strip() for v in raw.split(",") if v.strip())
    return raw


def rule_hits(subject: Subject, config: RuleConfig, language: str) -> list[tuple[Rule, Hit]]:
    """Every hit of every rule that runs on `subject`, in `language`, in registry order."""
    out: list[tuple[Rule, Hit]] = []
    for rule in config.rules():
        if rule.check is not None and (subject.has_source or not rule.bilingual):
            options = config.options_for(rule, language)
            out.extend((rule, hit) for hit in rule.check(subject, options))
    return out


def check_document(
    doc: Document,
    config: RuleConfig,
    severities: SeverityMap,
    index: LineIndex | None = None,
    glossary: tuple[Term, ...] = (),
    *,
    language: str,
) -> list[Finding]:
    """Our findings on one document in `language`, its variant (`document_variant`), whole
    or segment by segment (ids not yet assigned).

    Bilingual rules run on segments that carry their source. Findings of the
    other rules that touch code or a placeholder are dropped, as LanguageTool's are,
    and so is a replacement whose span is not the same text in the file (it runs
    across markup the segment leaves out).
    """
    origins = {r.id: Origin.of(r) for r in config.rules()}
    out = []
    for scope in scopes(doc, index):
        seg = scope.segment
        subject = Subject(scope.text, seg.source if seg else "", bool(seg and seg.has_source),
                          glossary)
        for rule, hit in rule_hits(subject, config, language):
            f = to_finding(origins[rule.id], hit, scope, severities)
            if f.replacements and f.text != scope.text[hit.start:hit.end]:
                continue  # the span runs across markup (`a <a href=...>link`): not ours to edit
            if rule.bilingual or not scope.masked(f.start, f.end):
                out.append(f)
    return out


def merge_findings(theirs: Sequence[Finding], ours: Sequence[Finding]) -> list[Finding]:
    """LanguageTool's and our findings with each shared problem reported once."""
    by_start = sorted(theirs, key=lambda f: f.start)
    starts = [f.start for f in by_start]
    longest = max((f.end - f.start for f in by_start), default=0)
    dropped_theirs: set[int] = set()
    kept_ours: list[Finding] = []
    for f in ours:
        rule = RULES[f.rule_id]
        overlaps = rule.overlaps | rule.yields
        clashing = []
        for start, end in ((f.start, f.end), *f.related):
            i = bisect.bisect_right(starts, end)
            while i > 0 and starts[i - 1] >= start - longest:
                i -= 1
                lt = by_start[i]
                if lt.rule_id in overlaps and start <= lt.end:  # overlapping or touching
                    clashing.append(i)
        if clashing and not f.replacements and any(by_start[i].replacements for i in clashing):
            continue
        if any(by_start[i].rule_id in rule.yields for i in clashing):
            continue
        dropped_theirs.update(clashing)
        kept_ours.append(f)
    return [f for i, f in enumerate(by_start) if i not in dropped_theirs] + kept_ours
