"""The one module that talks to LanguageTool's HTTP API (`/v2/check`, `/v2/languages`,
`/v2/configinfo`), through `reviewer.lt.transport`.

language-tool-python is not used here: its public `check()` returns `Match`
objects that drop `subId`, `shortMessage` and rule URLs, convert only
`offset` from UTF-16 and cache positions in class attributes shared between
threads, and building requests through it meant calling its private
`_create_params` and `_query_server`. The API is a handful of form fields, so
we send them ourselves and parse the server's JSON into `RawMatch`, keeping
UTF-16 offsets; `reviewer.rules.languagetool` maps them to code points.
docs/checking.md says more.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from reviewer.lt.transport import TransportError, transport_for


class EngineRequestError(Exception):
    """A request to LanguageTool failed (connection, HTTP error, bad answer)."""


class SettingsError(ValueError):
    """The settings are refused (unknown language, say); a usage error."""


@dataclass(frozen=True, slots=True)
class LTSettings:
    """What decides LanguageTool's answer, besides the text."""

    language: str = "en"  # each document's own variant (reviewer.rules.variants.OWN_VARIANT)
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


def without(result: CheckResult, disabled: Iterable[str]) -> CheckResult:
    """`result` without the matches of `disabled` rules (`ID`, or `ID[subId]` for one sub-rule).

    What LanguageTool's `disabledRules` does, except that a match LanguageTool drops
    for overlapping a disabled rule's stays dropped.
    """
    off = frozenset(disabled)
    if not off:
        return result
    kept = tuple(m for m in result.matches
                 if m.rule_id not in off and f"{m.rule_id}[{m.sub_id}]" not in off)
    return CheckResult(kept, result.version)


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


Markup = tuple[tuple[int, int, str], ...]


def annotation(text: str, markup: Markup) -> list[dict[str, str]]:
    """`text` as LanguageTool's annotated-text parts: prose as text, each run as markup."""
    parts: list[dict[str, str]] = []
    pos = 0
    for start, end, reads in markup:
        if start > pos:
            parts.append({"text": text[pos:start]})
        parts.append({"markup": text[start:end], "interpretAs": reads})
        pos = end
    if pos < len(text):
        parts.append({"text": text[pos:]})
    return parts


class LTClient:
    """A connection to one LanguageTool server with fixed settings.

    Safe to share between threads: each thread keeps its own kept-alive
    connection, and every call is an independent request.
    The constructor asks the server for its languages and refuses unknown ones.
    """

    def __init__(self, url: str, settings: LTSettings) -> None:
        self.url = url.rstrip("/")
        self.settings = settings
        self._transport = transport_for(self.url)
        known = self.languages()
        for what, code in (("language", settings.language),
                           ("mother tongue", settings.mother_tongue)):
            if code is not None and code.lower() not in known:
                raise SettingsError(f"unknown {what} {code!r}: LanguageTool at {self.url} knows "
                                    f"{', '.join(sorted(known))}")

    def _request(self, method: str, path: str, data: dict[str, str] | None = None) -> Any:
        try:
            status, body = self._transport.send(method, f"/v2/{path}", data)
        except TransportError as exc:
            raise EngineRequestError(f"{self.url}: {exc}") from None
        if status != 200:
            text = body.decode("utf-8", "replace").strip()
            first = text.splitlines()[0] if text else ""
            raise EngineRequestError(f"{self.url}: HTTP {status} {first}".rstrip())
        try:
            return json.loads(body)
        except ValueError:
            raise EngineRequestError(f"{self.url}: the answer is not JSON") from None

    def params(self, text: str, markup: Markup = ()) -> dict[str, str]:
        """The form fields of a check of `text` (lists sorted: requests are reproducible).

        With `markup` (protected runs of `text`: start, end, what to read instead),
        the text goes as LanguageTool's annotated text: the runs are markup, not
        checked, and match offsets still count every character of `text`.
        """
        s = self.settings
        params = {"language": s.language}
        if markup:
            params["data"] = json.dumps({"annotation": annotation(text, markup)},
                                        ensure_ascii=False)
        else:
            params["text"] = text
        if s.mother_tongue:
            params["motherTongue"] = s.mother_tongue
        # disabledRules is not sent: LanguageTool 6.8 builds a new rule pipeline for every
        # request that names one (20-30 % slower, bench/scale.py throughput); `check`
        # leaves those rules' matches out instead.
        for key, values in (("enabledRules", s.enabled_rules),
                            ("enabledCategories", s.enabled_categories),
                            ("disabledCategories", s.disabled_categories)):
            if values:
                params[key] = ",".join(sorted(values))
        if s.picky:
            params["level"] = "picky"
        return params

    def check(self, text: str, markup: Markup = ()) -> CheckResult:
        """Check `text`; raise `EngineRequestError` when the request fails."""
        result = parse_response(self._request("POST", "check", self.params(text, markup)))
        return without(result, self.settings.disabled_rules)

    def languages(self) -> frozenset[str]:
        """The codes the server knows (`en`, `en-US`...), lower-cased."""
        payload = self._request("GET", "languages")
        try:
            return frozenset(str(lang[key]).lower() for lang in payload
                             for key in ("code", "longCode") if key in lang)
        except (TypeError, KeyError):
            raise EngineRequestError(f"{self.url}: unexpected answer to /v2/languages") from None

    def rules(self) -> dict[str, dict[str, str]]:
        """Every rule the server knows for the language: id -> category, issue type..."""
        payload = self._request("GET", "configinfo", {"language": self.settings.language})
        out: dict[str, dict[str, str]] = {}
        for r in payload.get("rules", []) if isinstance(payload, dict) else []:
            out.setdefault(str(r["ruleId"]), {k: str(v) for k, v in r.items()
                                              if isinstance(v, str | bool)})
        return out
