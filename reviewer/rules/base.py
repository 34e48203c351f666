"""What a rule of ours is, what it is given, and what it reports.

A rule is a record: its id, category, default severity, ITS 2.0 issue type,
option defaults, the LanguageTool rules that report the same problem, and a
`check` generator whose docstring is the rule's user documentation. A
bilingual rule is the same record with `bilingual=True`: it runs only where
the text carries its source segment (XLIFF, PO, `--source`). A pattern rule
of ours written in LanguageTool's XML (reviewer.lt.custom) is the same record
without `check`: LanguageTool runs it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from reviewer.model import Severity
from reviewer.rules.glossary import Term

OptionValue = str | int | bool | tuple[str, ...]
Options = Mapping[str, OptionValue]

SOURCE = "reviewer"  # the `source` of every finding of ours


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    """A span a rule reports: code-point offsets in the text it was given.

    `sentence` is the checker's own idea of the sentence (LanguageTool sends
    one); `short_message` overrides the rule's title where the checker has one;
    `also` lists other places the one finding reports (every word of a mix).
    """

    start: int
    end: int
    message: str
    replacements: tuple[str, ...] = ()
    short_message: str = ""
    sentence: str = ""
    also: tuple[tuple[int, int], ...] = ()  # other spans the one finding stands for
    confidence: float | None = None  # a model's own probability (Rule.scored)
    sub_id: str = ""  # the context a model judged (learning counts decisions per context)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a rule checks: a text, and its source segment when the input is bilingual."""

    text: str
    source: str = ""
    has_source: bool = False
    glossary: tuple[Term, ...] = ()


Check = Callable[[Subject, Options], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of ours.

    `choices` lists the allowed values of string options that take one of a
    few. `overlaps` names the LanguageTool rules that report the same problem on
    the same span; `reviewer.rules.run.merge_findings` keeps only one of the two.
    `yields` names LanguageTool rules (pattern rules of ours included) whose
    finding on an overlapping span is kept instead of ours: a hand-written
    rule's precise call over a model's general one.
    Every rule's options also receive `language` (the document's language).
    """

    id: str
    title: str
    category: str
    severity: Severity
    issue_type: str
    check: Check | None  # None: a pattern rule that LanguageTool runs (reviewer.lt.custom)
    options: Options = field(default_factory=dict)
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    overlaps: frozenset[str] = frozenset()
    yields: frozenset[str] = frozenset()
    bilingual: bool = False
    safe: bool = False  # its replacements only fix typography, spacing or form (rules.safety)
    default_on: bool = True  # pattern rules may ship off (run with --enable RULE)
    scored: bool = False  # its hits carry their model's probability as the confidence

    @property
    def in_languagetool(self) -> bool:
        """True for a pattern rule: LanguageTool runs it, with its tagger."""
        return self.check is None

    @property
    def doc(self) -> str:
        """The user documentation: the docstring of `check` (pattern rules: their examples)."""
        return inspect.getdoc(self.check) or "" if self.check else ""


def int_option(options: Options, key: str) -> int:
    value = options[key]
    assert isinstance(value, int), key
    return value


def words_option(options: Options, key: str) -> tuple[str, ...]:
    value = options[key]
    return tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)
