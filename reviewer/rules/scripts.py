"""Letters of another script: homoglyphs inside English words, untranslated Cyrillic."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject, int_option

# Cyrillic and Greek letters drawn like Latin ones.
HOMOGLYPHS = {
    **dict(zip("аеорсухіјѕԁһԛԝ", "aeopcyxijsdhqw", strict=True)),
    **dict(zip("АВЕКМНОРСТХУІЈЅ", "ABEKMHOPCTXYIJS", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABEZHIKMNOPTYXo", strict=True)),
}
_CYRILLIC = "\u0400-\u052f"
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_NON_LATIN_LETTER = re.compile(rf"[^\W\d_{_LATIN}\u00aa-\u00bf]")
_WORD = re.compile(r"\w+")
_HAS_LATIN = re.compile(f"[{_LATIN}]")
_RUN = re.compile(
    rf"[{_CYRILLIC}]+(?:[-'’][{_CYRILLIC}]+)*"
    rf"(?:[ \t\u00a0,.;:!?«»\"()–—-]+[{_CYRILLIC}]+(?:[-'’][{_CYRILLIC}]+)*)*"
)
_LATIN_WORD_NEAR = re.compile(rf"[{_LATIN}]{{2,}}")


def _foreign(c: str) -> bool:
    if "\u0370" <= c <= "\u03ff":
        return c in HOMOGLYPHS  # Greek letters are also symbols (μm, β-blocker)
    return bool(_NON_LATIN_LETTER.match(c))


def _word_at(text: str, i: int) -> tuple[int, int]:
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = i
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return start, end


def _lone_homoglyph_word(text: str, start: int, end: int) -> bool:
    """An all-Cyrillic word of homoglyphs between Latin words: `this is а test`."""
    if not all(c in HOMOGLYPHS for c in text[start:end]):
        return False
    before = _LATIN_WORD_NEAR.search(text, max(0, start - 20), start)
    after = _LATIN_WORD_NEAR.search(text, end, end + 20)
    between = text[before.end() : start] if before else "\n"
    following = text[end : after.start()] if after else "\n"
    return bool(before and after) and not re.search(f"[{_CYRILLIC}\n]", between + following)


def check_mixed_script(subject: Subject, options: Options) -> Iterator[Hit]:
    """Letters of another script inside an English word: a Cyrillic `а` in `Kаzakhstan`.

    Words typed on two keyboard layouts, or copied from the source, mix
    Latin letters with Cyrillic (or Greek) ones that look the same. They
    look right but are misspelt for spell checkers, search and sorting. Where
    every foreign letter has a Latin twin the replacement is certain
    (`Kаzakhstan` → `Kazakhstan`); a lone all-Cyrillic word of such letters
    between English words (`this is а test`) is treated the same way. Greek
    letters without a Latin twin (`μm`, `β-blocker`) are left alone.
    """
    text = subject.text
    pos = 0
    for m in _NON_LATIN_LETTER.finditer(text):
        if m.start() < pos or not _foreign(m.group()):
            continue
        start, end = _word_at(text, m.start())
        pos = end
        word = text[start:end]
        if not _HAS_LATIN.search(word) and not _lone_homoglyph_word(text, start, end):
            continue
        foreign = sorted({c for c in word if _foreign(c)})
        names = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in foreign)
        fixed = "".join(HOMOGLYPHS.get(c, c) for c in word)
        sure = all(c in HOMOGLYPHS for c in foreign)
        yield Hit(
            start,
            end,
            f"'{word}' mixes scripts: {names} {'is' if len(foreign) == 1 else 'are'} not Latin.",
            (fixed,) if sure else (),
        )


def check_cyrillic_text(subject: Subject, options: Options) -> Iterator[Hit]:
    """Text left in Cyrillic: `the akimat (акимат) decided` or a whole untranslated sentence.

    Runs of Cyrillic words (with the spaces and punctuation between them)
    are reported once per run when they have at least `min_letters` letters
    (default 2). No replacement: the text needs translating. Cyrillic letters
    inside Latin words are TQA_MIXED_SCRIPT's.
    """
    text = subject.text
    min_letters = int_option(options, "min_letters")
    for m in _RUN.finditer(text):
        start, end = m.span()
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue  # part of a mixed-script word
        letters = sum(c.isalpha() for c in m.group())
        if letters < min_letters or _lone_homoglyph_word(text, start, end):
            continue
        yield Hit(start, end, f"Untranslated text: '{m.group()}'.")


MIXED_SCRIPT = Rule(
    id="TQA_MIXED_SCRIPT",
    title="Mixed scripts in a word",
    category="CHARACTERS",
    severity=Severity.MAJOR,
    issue_type="characters",
    check=check_mixed_script,
    overlaps=frozenset({"MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_GB"}),
    safe=True,
)

CYRILLIC_TEXT = Rule(
    id="TQA_CYRILLIC_TEXT",
    title="Untranslated Cyrillic text",
    category="CHARACTERS",
    severity=Severity.MAJOR,
    issue_type="untranslated",
    check=check_cyrillic_text,
    options={"min_letters": 2},
    overlaps=frozenset({"MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_GB"}),
)
