"""A glossary file: source term -> required target term, one pair a line, tab-separated.

TSV rather than CSV because terms contain commas far more often than tabs,
and a TSV line needs no quoting. Blank lines and lines starting with `#`
are ignored. A source term matches at the start of a word, ignoring case,
so a stem (`разминирова`) covers every inflected form; the target term must
appear as whole words, ignoring case, with an English plural ending (`s`,
`es`) allowed. Several lines with one source term
give alternatives: any of them satisfies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.text.document import InputError, read_document


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    targets: tuple[str, ...]
    line: int

    def in_source(self, text: str) -> bool:
        return re.search(r"(?<!\w)" + re.escape(self.source), text, re.I) is not None

    def in_target(self, text: str) -> bool:
        return any(
            re.search(r"(?<!\w)" + re.escape(t) + r"(?:e?s)?(?!\w)", text, re.I)
            for t in self.targets
        )


def read_glossary(path: str | Path) -> tuple[Term, ...]:
    """The terms of a glossary file, or `InputError` naming the file, the line and the cause."""
    doc = read_document(path)
    by_source: dict[str, Term] = {}
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            raise InputError(path, f"line {number}: expected SOURCE<TAB>TARGET")
        source, target = fields[0].strip(), fields[1].strip()
        key = source.casefold()
        old = by_source.get(key)
        targets = (old.targets if old else ()) + (target,)
        by_source[key] = Term(source, targets, old.line if old else number)
    return tuple(by_source.values())
