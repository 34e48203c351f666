"""What a translation-QA rule is, and what it reports.

A rule is a record: its id, category, severity, ITS 2.0 issue type, option
defaults, the LanguageTool rules that report the same problem, and a `check`
generator whose docstring is the rule's user documentation.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from reviewer.model import Severity

OptionValue = str | int | bool | tuple[str, ...]
Options = Mapping[str, OptionValue]


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    """A span a rule reports: code-point offsets, a message, certain replacements."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...] = ()


Check = Callable[[str, Options], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the pack.

    `choices` lists the allowed values of string options that take one of a
    few. `overlaps` names the LanguageTool rules that report the same problem on
    the same span; `reviewer.tqa.pack.merge` keeps only one of the two.
    Every rule's options also receive `language` (the document's language).
    """

    id: str
    title: str
    category: str
    severity: Severity
    issue_type: str
    check: Check
    options: Options = field(default_factory=dict)
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    overlaps: frozenset[str] = frozenset()

    @property
    def doc(self) -> str:
        """The user documentation: the docstring of `check`."""
        return inspect.getdoc(self.check) or ""


def int_option(options: Options, key: str) -> int:
    value = options[key]
    assert isinstance(value, int), key
    return value


def words_option(options: Options, key: str) -> tuple[str, ...]:
    value = options[key]
    return tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)
