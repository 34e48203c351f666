"""Bilingual rules: each target against its source, in the spirit of translate-toolkit's pofilter.

Each rule compares one target (`Subject.text`) with its source segment
(`Subject.source`) and yields spans of the target (code points) with a
message; they run only where the input carries its source (XLIFF, PO,
`--source`). A rule's docstring is its user documentation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator

from reviewer.model import Severity
from reviewer.rules.base import Check, Hit, Options, Rule, Subject
from reviewer.text.protected import placeholder_spans, url_spans

Spans = Callable[[str], Iterator[tuple[int, int]]]

_NUMBER = re.compile(r"(?<![\w.,{%$])\d+(?:[ \u00a0\u202f.,]\d{3}(?!\d))*(?:[.,]\d+)?(?!\w)")
def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def check_numbers(subject: Subject, options: Options) -> Iterator[Hit]:
    """A number of the source missing or changed in the target.

    Numbers are compared by their digits only, so `3,5` matches `3.5` and
    `100 000` matches `100,000`. A target number not in the source is
    reported at its place (as changed when a source number is missing); a
    source number with no counterpart at all is reported on the whole target.
    """
    written = {_digits(m.group()): m.group() for m in _NUMBER.finditer(subject.source)}
    source = Counter(_digits(m.group()) for m in _NUMBER.finditer(subject.source))
    found = list(_NUMBER.finditer(subject.text))
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
        yield Hit(0, len(subject.text), f"number of the source missing: {', '.join(missing)}")


def _script(text: str) -> str:
    """The script most letters of `text` are written in ("" when it has no letters)."""
    scripts = Counter(
        unicodedata.name(c, "UNKNOWN").split()[0] for c in text if c.isalpha()
    )
    return scripts.most_common(1)[0][0] if scripts else ""


def check_untranslated(subject: Subject, options: Options) -> Iterator[Hit]:
    """A target that is the source unchanged, or still in the source's script.

    Equal texts count only when they hold at least two words or letters of a
    non-Latin script (a product name or `OK` may rightly stay as it is). A
    target mostly written in the source's non-Latin script (Cyrillic, say)
    is untranslated too; a few foreign letters inside English words are the
    rule pack's TQA_* script rules.
    """
    target = subject.text.strip()
    if not target:
        return
    src_script = _script(subject.source)
    if target == subject.source.strip():
        if len(target.split()) >= 2 or src_script not in ("", "LATIN"):
            yield Hit(0, len(subject.text), "the target is the source, untranslated")
        return
    if src_script not in ("", "LATIN") and _script(target) == src_script:
        yield Hit(0, len(subject.text), f"the target is still in the source's script "
                                       f"({src_script.title()})")


def check_empty(subject: Subject, options: Options) -> Iterator[Hit]:
    """An empty (or blank) target for a source with text.

    An XLIFF unit without a target counts as empty; the finding is an empty
    span where the target is, or would be.
    """
    if subject.source.strip() and not subject.text.strip():
        yield Hit(0, len(subject.text), "the target is empty")


LENGTH_MIN_SOURCE = 20
LENGTH_RANGE = (0.5, 2.0)


def check_length(subject: Subject, options: Options) -> Iterator[Hit]:
    """A target much shorter or longer than its source.

    Reported when the target has less than half or more than twice the
    source's characters; sources under 20 characters are left alone, as
    their ratios say little.
    """
    s, t = len(subject.source.strip()), len(subject.text.strip())
    if s < LENGTH_MIN_SOURCE or not t:
        return
    ratio = t / s
    lo, hi = LENGTH_RANGE
    if ratio < lo or ratio > hi:
        yield Hit(0, len(subject.text), f"the target is {ratio:.2f} times as long as the source")


def _kept(spans: Spans, what: str, subject: Subject) -> Iterator[Hit]:
    source = Counter(subject.source[s:e] for s, e in spans(subject.source))
    found = [(s, e, subject.text[s:e]) for s, e in spans(subject.text)]
    target = Counter(t for _, _, t in found)
    extra = target - source
    for s, e, t in found:
        if extra[t] > 0:
            extra[t] -= 1
            yield Hit(s, e, f"{what} {t} is not in the source")
    missing = source - target
    if missing:
        yield Hit(0, len(subject.text),
                  f"{what} of the source missing: {', '.join(sorted(missing.elements()))}")


def check_placeholders(subject: Subject, options: Options) -> Iterator[Hit]:
    """Placeholders and tags of the source kept as they are in the target.

    Placeholders are printf (`%s`, `%1$d`), Python (`%(name)s`), ICU and format
    (`{0}`, `{name}`), `{{x}}` and `${x}`; tags are HTML-like (`<b>`, `</b>`,
    `<br/>`). One added in the target is reported at its place; one of the
    source missing from the target is reported on the whole target.
    """
    yield from _kept(placeholder_spans, "placeholder", subject)


def check_urls(subject: Subject, options: Options) -> Iterator[Hit]:
    """URLs and e-mail addresses of the source kept unchanged in the target.

    One added in the target is reported at its place; one of the source
    missing from the target is reported on the whole target.
    """
    yield from _kept(url_spans, "URL or e-mail", subject)


def check_glossary(subject: Subject, options: Options) -> Iterator[Hit]:
    """A glossary term of the source whose required translation is not in the target.

    The glossary is a TSV file given with `--glossary` (docs/inputs.md). A
    source term matches at the start of a word, ignoring case, so a stem
    covers inflected forms; a target term must appear as whole words,
    ignoring case, with an English plural ending allowed. Several lines with
    one source term give alternatives.
    """
    for term in subject.glossary:
        if term.in_source(subject.source) and not term.in_target(subject.text):
            wanted = " or ".join(repr(t) for t in term.targets)
            yield Hit(0, len(subject.text), f"{term.source!r} should be translated as {wanted}")


CATEGORY = "TRANSLATION"


def _rule(rule_id: str, title: str, severity: Severity, issue_type: str, check: Check) -> Rule:
    return Rule(rule_id, title, CATEGORY, severity, issue_type, check, bilingual=True)


EMPTY_TARGET = _rule("TQA_EMPTY_TARGET", "Empty target", Severity.CRITICAL, "omission",
                     check_empty)
UNTRANSLATED = _rule("TQA_UNTRANSLATED", "Untranslated target", Severity.CRITICAL,
                     "untranslated", check_untranslated)
NUMBER_MISMATCH = _rule("TQA_NUMBER_MISMATCH", "Number missing or changed", Severity.MAJOR,
                        "numbers", check_numbers)
PLACEHOLDER = _rule("TQA_PLACEHOLDER", "Placeholder or tag not kept", Severity.MAJOR, "markup",
                    check_placeholders)
URL = _rule("TQA_URL", "URL or e-mail not kept", Severity.MAJOR, "inconsistent-entities",
            check_urls)
GLOSSARY = _rule("TQA_GLOSSARY", "Glossary term", Severity.MAJOR, "terminology",
                 check_glossary)
LENGTH_RATIO = _rule("TQA_LENGTH_RATIO", "Length ratio", Severity.MINOR, "length", check_length)
