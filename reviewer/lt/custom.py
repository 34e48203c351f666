"""Our LanguageTool pattern rules: where the rule file lives and what it declares.

LanguageTool 6.8 loads `org/languagetool/rules/en/grammar_custom.xml` from its
classpath; `RULES_DIR` is the folder that holds that path and goes first on
the server's classpath (`reviewer.lt.server`). This module reads the same file
for everything else that must know the rules: their ids (so that `--enable`
and `--disable` send them to LanguageTool), the generated documentation and
the test that runs every `<example>` through the server.
"""

from __future__ import annotations

import functools
import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent / "rules"
GRAMMAR_FILE = RULES_DIR / "org" / "languagetool" / "rules" / "en" / "grammar_custom.xml"
CATEGORY = "TRANSLATIONESE"  # the category of every rule in the file


@dataclass(frozen=True, slots=True)
class Example:
    """One `<example>`: its text, the marked span (code points) and the expected suggestions.

    `corrections` is empty for an example the rule must leave alone.
    """

    text: str
    start: int
    end: int
    corrections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SubRule:
    """One `<rule>` of a rule group; LanguageTool numbers them from 1 (`subId`)."""

    sub_id: str
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class CustomRule:
    """A rule group of the file: id, name, category, ITS issue type, on by default or not."""

    id: str
    name: str
    category: str
    issue_type: str
    default_on: bool
    rules: tuple[SubRule, ...]


def _example(element: ET.Element) -> Example:
    text, start, end = element.text or "", 0, 0
    for child in element:
        if child.tag == "marker":
            start = len(text)
            text += child.text or ""
            end = len(text)
        text += child.tail or ""
    raw = element.get("correction")
    corrections = tuple(raw.split("|")) if raw is not None else ()
    return Example(text, start, end, corrections)


def parse(xml: str) -> tuple[CustomRule, ...]:
    """The rule groups of a LanguageTool rule file, in file order."""
    root = ET.fromstring(xml)
    out = []
    for category in root.iter("category"):
        for group in category:
            if group.tag not in ("rule", "rulegroup"):
                continue
            members = group.findall("rule") if group.tag == "rulegroup" else [group]
            out.append(CustomRule(
                id=group.get("id", ""),
                name=group.get("name", ""),
                category=category.get("id", ""),
                issue_type=group.get("type") or category.get("type") or "",
                default_on=group.get("default", "on") != "off",
                rules=tuple(
                    SubRule(str(n), tuple(_example(e) for e in member.findall("example")))
                    for n, member in enumerate(members, 1)
                ),
            ))
    return tuple(out)


@functools.cache
def rules() -> tuple[CustomRule, ...]:
    """The rules of the packaged rule file."""
    return parse(GRAMMAR_FILE.read_text(encoding="utf-8"))


def rule_ids() -> frozenset[str]:
    return frozenset(r.id for r in rules())


def digest() -> str:
    """A short hash of the rule file: answers cached under another file are stale."""
    return hashlib.sha256(GRAMMAR_FILE.read_bytes()).hexdigest()[:16]


__all__ = [
    "CATEGORY",
    "GRAMMAR_FILE",
    "RULES_DIR",
    "CustomRule",
    "Example",
    "SubRule",
    "digest",
    "parse",
    "rule_ids",
    "rules",
]
