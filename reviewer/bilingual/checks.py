"""Source/target checks, in the spirit of translate-toolkit's pofilter.

Each check compares one target with its source and yields spans of the
target (code points) with a message. The registry `CHECKS` lists them; a
check's docstring is its user documentation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reviewer.bilingual.glossary import Term
from reviewer.model import Severity


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Pair:
    """One target and its source, and the glossary to hold it to."""

    source: str
    target: str
    glossary: tuple[Term, ...] = ()


_NUMBER = re.compile(r"(?<![\w.,{%$])\d+(?:[ \u00a0\u202f.,]\d{3}(?!\d))*(?:[.,]\d+)?(?!\w)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"]*[^\s<>()\".,;:!?']"
                  r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdifuxXoeEgGcp%]|%\([\w.]+\)[sdifr]"  # printf, python
    r"|\{\{\s*[\w.]+\s*\}\}|\$\{[\w.]+\}|\{[\w.]*(?::[^{}]*)?\}"  # {{x}}, ${x}, {0}, {name}
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"  # <b>, </b>, <br/>
)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def check_numbers(pair: Pair) -> Iterator[Hit]:
    """A number of the source missing or changed in the target.

    Numbers are compared by their digits only, so `3,5` matches `3.5` and
    `100 000` matches `100,000`. A target number not in the source is
    reported at its place (as changed when a source number is missing); a
    source number with no counterpart at all is reported on the whole target.
    """
    written = {_digits(m.group()): m.group() for m in _NUMBER.finditer(pair.source)}
    source = Counter(_digits(m.group()) for m in _NUMBER.finditer(pair.source))
    found = list(_NUMBER.finditer(pair.target))
    target = Counter(_digits(m.group()) for m in found)
    missing = [written[k] for k in (source - target).elements()]
    extra = target - source
    for m in found:
        key = _digits(m.group())
        if extra[key] > 0:
            extra[key] -= 1
            if missing:
                yield Hit(m.start(), m.end(),
                          f"{m.group()} differs from the source's number {missing.pop(0)}")
            else:
                yield Hit(m.start(), m.end(), f"{m.group()} is not in the source")
    if missing:
        yield Hit(0, len(pair.target), f"number of the source missing: {', '.join(missing)}")


def _script(text: str) -> str:
    """The script most letters of `text` are written in ("" when it has no letters)."""
    scripts = Counter(
        unicodedata.name(c, "UNKNOWN").split()[0] for c in text if c.isalpha()
    )
    return scripts.most_common(1)[0][0] if scripts else ""


def check_untranslated(pair: Pair) -> Iterator[Hit]:
    """A target that is the source unchanged, or still in the source's script.

    Equal texts count only when they hold at least two words or letters of a
    non-Latin script (a product name or `OK` may rightly stay as it is). A
    target mostly written in the source's non-Latin script (Cyrillic, say)
    is untranslated too; a few foreign letters inside English words are the
    rule pack's TQA_* script rules.
    """
    target = pair.target.strip()
    if not target:
        return
    src_script = _script(pair.source)
    if target == pair.source.strip():
        if len(target.split()) >= 2 or src_script not in ("", "LATIN"):
            yield Hit(0, len(pair.target), "the target is the source, untranslated")
        return
    if src_script not in ("", "LATIN") and _script(target) == src_script:
        yield Hit(0, len(pair.target), f"the target is still in the source's script "
                                       f"({src_script.title()})")


def check_empty(pair: Pair) -> Iterator[Hit]:
    """An empty (or blank) target for a source with text."""
    if pair.source.strip() and not pair.target.strip():
        yield Hit(0, len(pair.target), "the target is empty")


LENGTH_MIN_SOURCE = 20
LENGTH_RANGE = (0.5, 2.0)


def check_length(pair: Pair) -> Iterator[Hit]:
    """A target much shorter or longer than its source.

    Reported when the target has less than half or more than twice the
    source's characters; sources under 20 characters are left alone, as
    their ratios say little.
    """
    s, t = len(pair.source.strip()), len(pair.target.strip())
    if s < LENGTH_MIN_SOURCE or not t:
        return
    ratio = t / s
    lo, hi = LENGTH_RANGE
    if ratio < lo or ratio > hi:
        yield Hit(0, len(pair.target), f"the target is {ratio:.2f} times as long as the source")


def _kept(pattern: re.Pattern[str], what: str, pair: Pair) -> Iterator[Hit]:
    source = Counter(m.group() for m in pattern.finditer(pair.source))
    found = list(pattern.finditer(pair.target))
    target = Counter(m.group() for m in found)
    extra = target - source
    for m in found:
        if extra[m.group()] > 0:
            extra[m.group()] -= 1
            yield Hit(m.start(), m.end(), f"{what} {m.group()} is not in the source")
    missing = source - target
    if missing:
        yield Hit(0, len(pair.target),
                  f"{what} of the source missing: {', '.join(sorted(missing.elements()))}")


def check_placeholders(pair: Pair) -> Iterator[Hit]:
    """Placeholders and tags of the source (`{0}`, `%s`, `%(name)s`, `<b>`) kept as they are."""
    yield from _kept(_PLACEHOLDER, "placeholder", pair)


def check_urls(pair: Pair) -> Iterator[Hit]:
    """URLs and e-mail addresses of the source kept unchanged in the target."""
    yield from _kept(_URL, "URL or e-mail", pair)


def check_glossary(pair: Pair) -> Iterator[Hit]:
    """A glossary term of the source whose required translation is not in the target."""
    for term in pair.glossary:
        if term.in_source(pair.source) and not term.in_target(pair.target):
            wanted = " or ".join(repr(t) for t in term.targets)
            yield Hit(0, len(pair.target), f"{term.source!r} should be translated as {wanted}")


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    severity: Severity
    issue_type: str
    run: Callable[[Pair], Iterator[Hit]]
    title: str


CATEGORY = "TRANSLATION"
CHECKS: tuple[Check, ...] = (
    Check("TQA_EMPTY_TARGET", Severity.CRITICAL, "omission", check_empty, "Empty target"),
    Check("TQA_UNTRANSLATED", Severity.CRITICAL, "untranslated", check_untranslated,
          "Untranslated target"),
    Check("TQA_NUMBER_MISMATCH", Severity.MAJOR, "numbers", check_numbers,
          "Number missing or changed"),
    Check("TQA_PLACEHOLDER", Severity.MAJOR, "markup", check_placeholders,
          "Placeholder or tag not kept"),
    Check("TQA_URL", Severity.MAJOR, "inconsistent-entities", check_urls,
          "URL or e-mail not kept"),
    Check("TQA_GLOSSARY", Severity.MAJOR, "terminology", check_glossary, "Glossary term"),
    Check("TQA_LENGTH_RATIO", Severity.MINOR, "length", check_length, "Length ratio"),
)
