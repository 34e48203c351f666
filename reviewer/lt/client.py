"""The one adapter around language-tool-python; no other module imports it.

language-tool-python builds the request (language, mother tongue, picky level,
enabled and disabled rules and categories) and talks HTTP. Its `Match` objects
are not used: they drop `subId`, `shortMessage` and rule URLs, convert only
`offset` from UTF-16, and cache positions in class attributes shared between
threads. We take the server's JSON instead and parse it into `RawMatch`,
keeping UTF-16 offsets; `reviewer.checker` maps them to code points.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from dataclasses import asdict, dataclass
from typing import Any

import language_tool_python
from language_tool_python.exceptions import LanguageToolError


class EngineRequestError(Exception):
    """A request to LanguageTool failed (connection, HTTP error, bad answer)."""


class SettingsError(ValueError):
    """The settings are refused (unknown language, say); a usage error."""


@dataclass(frozen=True, slots=True)
class LTSettings:
    """What decides LanguageTool's answer, besides the text."""

    language: str = "en-US"
    mother_tongue: str | None = None
    picky: bool = False
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def digest(self) -> str:
        """A short hash of the settings, for caches and review files."""
        blob = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RawMatch:
    """One match as the server sent it; `offset`/`length` are UTF-16 units."""

    offset: int
    length: int
    rule_id: str
    sub_id: str
    description: str
    category: str
    category_name: str
    issue_type: str
    message: str
    short_message: str
    replacements: tuple[str, ...]
    url: str
    sentence: str


@dataclass(frozen=True, slots=True)
class CheckResult:
    matches: tuple[RawMatch, ...]
    version: str


def parse_response(payload: Any) -> CheckResult:
    """Parse a `/v2/check` JSON answer; raise `EngineRequestError` on a bad shape."""
    try:
        version = str(payload.get("software", {}).get("version", ""))
        return CheckResult(tuple(_parse_match(m) for m in payload["matches"]), version)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise EngineRequestError(f"unexpected answer from LanguageTool: {exc!r}") from None


def _parse_match(m: dict[str, Any]) -> RawMatch:
    rule = m["rule"]
    urls = rule.get("urls") or []
    return RawMatch(
        offset=int(m["offset"]),
        length=int(m["length"]),
        rule_id=str(rule["id"]),
        sub_id=str(rule.get("subId", "")),
        description=str(rule.get("description", "")),
        category=str(rule.get("category", {}).get("id", "")),
        category_name=str(rule.get("category", {}).get("name", "")),
        issue_type=str(rule.get("issueType", "")),
        message=str(m.get("message", "")),
        short_message=str(m.get("shortMessage", "")),
        replacements=tuple(str(r["value"]) for r in m.get("replacements", [])),
        url=str(urls[0]["value"]) if urls else "",
        sentence=str(m.get("sentence", "")),
    )


class LTClient:
    """A connection to one LanguageTool server with fixed settings.

    Safe to share between threads: each call is an independent HTTP request.
    """

    def __init__(self, url: str, settings: LTSettings) -> None:
        self.url = url
        self.settings = settings
        try:
            tool = language_tool_python.LanguageTool(
                settings.language,
                remote_server=url,
                mother_tongue=settings.mother_tongue,
            )
        except LanguageToolError as exc:
            raise EngineRequestError(f"{url}: {exc}") from None
        except ValueError as exc:
            raise SettingsError(str(exc)) from None
        tool.picky = settings.picky
        tool.enabled_rules = set(settings.enabled_rules)
        tool.disabled_rules = set(settings.disabled_rules)
        tool.enabled_categories = set(settings.enabled_categories)
        tool.disabled_categories = set(settings.disabled_categories)
        self._tool = tool
        self._check_url = urllib.parse.urljoin(tool.url, "check")

    def params(self, text: str) -> dict[str, str]:
        """The form fields language-tool-python sends for `text`."""
        params: dict[str, str] = self._tool._create_params(text)
        for key in ("enabledRules", "disabledRules", "enabledCategories", "disabledCategories"):
            if key in params:  # sets have no order: keep requests reproducible
                params[key] = ",".join(sorted(params[key].split(",")))
        return params

    def check(self, text: str) -> CheckResult:
        """Check `text`; raise `EngineRequestError` when the request fails."""
        try:
            payload = self._tool._query_server(
                self._check_url, self.params(text), num_tries=1, method="post"
            )
        except LanguageToolError as exc:
            raise EngineRequestError(str(exc).strip()) from None
        return parse_response(payload)

    def rules(self) -> dict[str, dict[str, str]]:
        """Every rule the server knows for the language: id -> category, issue type..."""
        url = urllib.parse.urljoin(self._tool.url, "configinfo")
        try:
            payload = self._tool._query_server(url, {"language": self.settings.language})
        except LanguageToolError as exc:
            raise EngineRequestError(str(exc).strip()) from None
        return {
            r["ruleId"]: {k: str(v) for k, v in r.items() if isinstance(v, str)}
            for r in payload.get("rules", [])
        }
