"""The rules as a run's settings leave them: ours and LanguageTool's, each on or off.

`reviewer rules` lists them. Severities include the overrides; LanguageTool's
rules are those the server lists for the language (`/v2/configinfo`), and
those it keeps off by default are off unless enabled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reviewer.pipelines.session import UsageError, engine_session
from reviewer.rules import RULES, Rule
from reviewer.rules.run import RuleConfigError
from reviewer.rules.variants import document_variant
from reviewer.settings import Settings


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One line of the listing."""

    id: str
    source: str
    category: str
    severity: str
    on: bool
    title: str


def ours(settings: Settings) -> list[RuleRow]:
    """Our rules as the settings leave them."""
    try:
        running = {r.id for r in settings.rules().rules()}
    except RuleConfigError as exc:
        raise UsageError(str(exc)) from None
    sev = settings.severities()
    lt = settings.languagetool()

    def on(r: Rule) -> bool:
        if not r.in_languagetool:
            return r.id in running
        return ((r.default_on or r.id in lt.enabled_rules) and r.id not in lt.disabled_rules
                and r.category not in lt.disabled_categories)

    return [RuleRow(r.id, "languagetool" if r.in_languagetool else "reviewer", r.category,
                    sev.severity(r.id, r.category, r.issue_type, r.severity).value, on(r),
                    r.title) for r in RULES.values()]


def languagetools(settings: Settings) -> list[RuleRow]:
    """LanguageTool's rules for the language, asked of the server the settings name."""
    lt = settings.languagetool()
    asked = replace(lt, language=document_variant(lt.language))  # no document: undecided
    with engine_session(settings.server, settings.start_timeout) as engine:
        listed = engine.client(asked).rules()
    sev = settings.severities()
    rows = []
    for rule_id, info in sorted(listed.items()):
        if rule_id in RULES:
            continue  # our pattern rules: listed with ours
        category, issue_type = info.get("categoryId", ""), info.get("locQualityIssueType", "")
        default_on = info.get("isDefaultOff", "") not in ("yes", "true", "True") \
            or rule_id in lt.enabled_rules \
            or category in lt.enabled_categories
        on = default_on and rule_id not in lt.disabled_rules \
            and category not in lt.disabled_categories
        rows.append(RuleRow(rule_id, "languagetool", category,
                            sev.severity(rule_id, category, issue_type).value, on,
                            info.get("description", "")))
    return rows
