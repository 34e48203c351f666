"""British and American spelling: which variant a document uses, and a mix of both.

A word is a British form when a regular change of its ending (`-our` → `-or`,
`-ise` → `-ize`, `-yse` → `-yze`, `-re` → `-er`, `-ence` → `-ense`, `-ogue` →
`-og`, `-elled` → `-eled`, `-mme` → `-m`) gives an American word that English
uses (wordfreq's Zipf frequency of 3 or more: `colour`/`color`, but not
`acre`/`acer` or `exercise`/`exercize`); the other way round for an American
form, except `-ize`, which British English writes too (Oxford spelling).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject

MIN_ZIPF = 3.0
AUTO = "en"  # --language en: the variant the document mostly uses

# (British ending, American ending), for words of at least MIN_LENGTH letters. The -ize
# forms are British too (Oxford spelling): only their -ise twins tell a variant apart.
_OXFORD = frozenset({"ize", "izes", "ized", "izing", "ization", "izations", "izer", "izers"})
_ENDINGS = (
    ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"), ("ourite", "orite"),
    ("ourites", "orites"), ("ourable", "orable"), ("ourful", "orful"), ("ourer", "orer"),
    ("ise", "ize"), ("ises", "izes"), ("ised", "ized"), ("ising", "izing"),
    ("isation", "ization"), ("isations", "izations"), ("iser", "izer"), ("isers", "izers"),
    ("yse", "yze"), ("yses", "yzes"), ("ysed", "yzed"), ("ysing", "yzing"),
    ("tre", "ter"), ("tres", "ters"), ("bre", "ber"), ("bres", "bers"),
    ("ence", "ense"), ("ences", "enses"),
    ("ogue", "og"), ("ogues", "ogs"),
    ("elled", "eled"), ("elling", "eling"), ("ellor", "elor"), ("ellors", "elors"),
    ("alled", "aled"), ("alling", "aling"),
    ("mme", "m"), ("mmes", "ms"),
)
MIN_LENGTH = 5
_WORD = re.compile(r"[A-Za-z]+")


@functools.cache
def _known(word: str) -> bool:
    # Imported here: wordfreq takes 0.1 s to import, and a run whose documents all come
    # from the cache never asks.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= MIN_ZIPF


@functools.cache
def counterpart(word: str) -> tuple[str, str] | None:
    """("GB" or "US", the same word in the other variant), or None for a word of both."""
    lower = word.lower()
    if len(lower) < MIN_LENGTH:
        return None
    # The endings first: most words have none of them, and a frequency lookup costs
    # more than all the comparisons (a 1 MB document has some 15,000 distinct words).
    for gb, us in _ENDINGS:
        for mine, other, variant in ((gb, us, "GB"), (us, gb, "US")):
            if lower.endswith(mine) and mine not in _OXFORD:
                twin = lower[: -len(mine)] + other
                if twin != lower and _known(lower) and _known(twin):
                    return variant, _cased(twin, word)
    return None


def _cased(twin: str, like: str) -> str:
    if like.isupper():
        return twin.upper()
    return twin.capitalize() if like[:1].isupper() else twin


@dataclass(frozen=True, slots=True)
class Variants:
    """Where a text uses British and where American forms."""

    british: tuple[tuple[int, int, str], ...]  # start, end, the American form
    american: tuple[tuple[int, int, str], ...]  # start, end, the British form

    @property
    def majority(self) -> str:
        return "en-GB" if len(self.british) > len(self.american) else "en-US"


@functools.lru_cache(maxsize=4)
def variants(text: str) -> Variants:
    """The British and American forms of `text` (asked twice per document: for the
    variant LanguageTool checks in, and by TQA_MIXED_SPELLING)."""
    british: list[tuple[int, int, str]] = []
    american: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(text):
        found = counterpart(m.group())
        if found is not None:
            (british if found[0] == "GB" else american).append((m.start(), m.end(), found[1]))
    return Variants(tuple(british), tuple(american))


def check_mixed_spelling(subject: Subject, options: Options) -> Iterator[Hit]:
    """British and American spelling in one document, reported once: `defence` in en-US.

    The variant is the language's (`en-US`, `en-GB`); with `--language en` it is
    the one the document mostly uses (LanguageTool is then asked in that
    variant). The other variant's words are reported once, on the alphabetically
    first of them, with the list of them all, instead of a spelling mistake on
    each: they are an inconsistency, not misspellings. A word is a British or American form
    when a regular change of its ending gives the other variant's word
    (`colour`/`color`, `realise`/`realize`, `centre`/`center`, `defence`/
    `defense`, `travelled`/`traveled`, `programme`/`program`).
    """
    found = variants(subject.text)
    language = str(options.get("language", "en-US")).lower()
    target = found.majority.lower() if language == AUTO else language
    if target not in ("en-us", "en-gb"):
        return
    wrong = found.british if target == "en-us" else found.american
    if not wrong:
        return
    words = list(dict.fromkeys(subject.text[s:e] for s, e, _ in wrong))
    # Anchored on the alphabetically first word, not the first in the text: moving
    # paragraphs must not move the finding (nor change its fingerprint).
    start, end, fixed = min(wrong, key=lambda w: (subject.text[w[0] : w[1]].lower(), w[0]))
    kind = "British" if target == "en-us" else "American"
    shown = ", ".join(words[:6]) + (f" and {len(words) - 6} more" if len(words) > 6 else "")
    yield Hit(start, end,
              f"{kind} spelling in a document checked as {target[:2]}-{target[3:].upper()}: "
              f"{shown}. Use one variant throughout (or --language en to follow the "
              "document's majority).", (fixed,),
              also=tuple((s, e) for s, e, _ in wrong if s != start))


MIXED_SPELLING = Rule(
    id="TQA_MIXED_SPELLING",
    title="British and American spelling mixed",
    category="CONSISTENCY",
    severity=Severity.MINOR,
    issue_type="inconsistency",
    check=check_mixed_spelling,
    overlaps=frozenset({"MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_GB"}),
)
