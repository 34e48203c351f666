"""British and American spelling: which variant a document uses, and a mix of both.

A word is a British form when a regular change of its ending (`-our` → `-or`,
`-ise` → `-ize`, `-yse` → `-yze`, `-re` → `-er`, `-ence` → `-ense`, `-ogue` →
`-og`, `-elled` → `-eled`, `-mme` → `-m`) gives an American word that English
uses (`colour`/`color`, but not `acre`/`acer` or `exercise`/`exercize`); the
other way round for an American form, except `-ize`, which British English
writes too (Oxford spelling). Which pairs English uses is a table shipped as
data (`reviewer/data/spelling_variants.tsv`: both words at wordfreq's Zipf
frequency 3 or more, written by `bench/make_spelling_variants.py`), read once
on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer import data
from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject

MIN_ZIPF = 3.0  # how common both words of a pair are (bench/make_spelling_variants.py)
OWN_VARIANT = "en"  # the shipped --language: each document in the variant it mostly spells
UNDECIDED = "en-US"  # the variant of a text that spells neither way more, or of no text
DATA_FILE = "spelling_variants.tsv"

# (British ending, American ending), for words of at least MIN_LENGTH letters. The -ize
# forms are British too (Oxford spelling): only their -ise twins tell a variant apart.
_OXFORD = frozenset({"ize", "izes", "ized", "izing", "ization", "izations", "izer", "izers"})
ENDINGS = (
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
# American forms that British English also writes, in a sense of its own: `program` (software).
# They are reported in a British text (TQA_MIXED_SPELLING) but do not vote for American.
_ALSO_BRITISH = frozenset({"program", "programs"})
MIN_LENGTH = 5
# LanguageTool's en-GB rule that asks for Oxford -ize: a text that spells -ise is not asked.
OXFORD_RULE = "OXFORD_SPELLING_Z_NOT_S"
_WORD = re.compile(r"[A-Za-z]+")


@functools.cache
def pairs() -> frozenset[tuple[str, str]]:
    """The (British, American) pairs of the shipped table, read on first use."""
    text = data.read_text(DATA_FILE)
    return frozenset(tuple(line.split("\t", 1)) for line in text.splitlines()  # type: ignore[misc]
                     if line and not line.startswith("#"))


@functools.cache
def counterpart(word: str) -> tuple[str, str] | None:
    """("GB" or "US", the same word in the other variant), or None for a word of both."""
    lower = word.lower()
    if len(lower) < MIN_LENGTH:
        return None
    known = pairs()
    for gb, us in ENDINGS:
        for mine, other, variant in ((gb, us, "GB"), (us, gb, "US")):
            if lower.endswith(mine) and mine not in _OXFORD:
                twin = lower[: -len(mine)] + other
                if (lower, twin) in known if variant == "GB" else (twin, lower) in known:
                    return variant, _cased(twin, word)
    return None


@functools.cache
def oxford(word: str) -> bool:
    """True for an -ize word whose -ise twin English also uses (`organize`/`organise`)."""
    lower = word.lower()
    known = pairs()
    return any(lower.endswith(us) and (lower[: -len(us)] + gb, lower) in known
               for gb, us in ENDINGS if us in _OXFORD)


def _cased(twin: str, like: str) -> str:
    if like.isupper():
        return twin.upper()
    return twin.capitalize() if like[:1].isupper() else twin


@dataclass(frozen=True, slots=True)
class Variants:
    """Where a text uses British and where American forms."""

    british: tuple[tuple[int, int, str], ...]  # start, end, the American form
    american: tuple[tuple[int, int, str], ...]  # start, end, the British form
    ise: int = 0  # British -ise forms with an -ize twin (`organised`)
    ize: int = 0  # -ize forms with an -ise twin (`organized`: American, or British Oxford)
    weak_american: int = 0  # American forms British English also writes (`program`)

    @property
    def majority(self) -> str:
        votes = len(self.american) - self.weak_american
        return "en-GB" if len(self.british) > votes else UNDECIDED

    @property
    def spells_ise(self) -> bool:
        """The text writes -ise more often than -ize: no demand for Oxford -ize."""
        return self.ise > self.ize


@functools.lru_cache(maxsize=4)
def variants(text: str) -> Variants:
    """The British and American forms of `text` (asked twice per document: for the
    variant LanguageTool checks in, and by TQA_MIXED_SPELLING)."""
    british: list[tuple[int, int, str]] = []
    american: list[tuple[int, int, str]] = []
    ise = ize = weak = 0
    for m in _WORD.finditer(text):
        word = m.group()
        found = counterpart(word)
        if found is None:
            ize += oxford(word)
            continue
        if found[0] == "GB":
            british.append((m.start(), m.end(), found[1]))
            ise += oxford(found[1])
        else:
            american.append((m.start(), m.end(), found[1]))
            weak += word.lower() in _ALSO_BRITISH
    return Variants(tuple(british), tuple(american), ise, ize, weak)


def document_variant(language: str, prose: str = "") -> str:
    """The language a text is checked in: `language` itself, or with `en` (OWN_VARIANT)
    the variant `prose` mostly spells (UNDECIDED when it spells neither more, or when
    there is no text: the rules LanguageTool lists for `en`)."""
    if language.lower() != OWN_VARIANT:
        return language
    return variants(prose).majority if prose else UNDECIDED


def refuted(text: str, language: str) -> frozenset[str]:
    """LanguageTool rules that the text's own spelling answers in `language` (the variant
    checked): OXFORD_RULE in an en-GB text that writes -ise more often than -ize."""
    if language.lower() == "en-gb" and variants(text).spells_ise:
        return frozenset({OXFORD_RULE})
    return frozenset()


def check_mixed_spelling(subject: Subject, options: Options) -> Iterator[Hit]:
    """British and American spelling in one document: `defence` in en-US.

    The variant is the language's (`en-US`, `en-GB`); with `--language en` it is
    the one the document mostly uses (LanguageTool is then asked in that
    variant). Each of the other variant's words is reported with its twin as the
    replacement and the list of them all in the message, instead of as a spelling
    mistake: they are an inconsistency, not misspellings. A word is a British or American form
    when a regular change of its ending gives the other variant's word
    (`colour`/`color`, `realise`/`realize`, `centre`/`center`, `defence`/
    `defense`, `travelled`/`traveled`, `programme`/`program`). `program`,
    which British English writes for software, is reported in a British text
    but does not count as American when the majority is taken. The text's own
    variant also answers LanguageTool: an en-GB text that writes `-ise` more
    often than `-ize` is not asked for Oxford `-ize` (OXFORD_SPELLING_Z_NOT_S).
    """
    found = variants(subject.text)
    target = document_variant(str(options["language"]), subject.text).lower()
    if target not in ("en-us", "en-gb"):
        return
    wrong = found.british if target == "en-us" else found.american
    if not wrong:
        return
    words = list(dict.fromkeys(subject.text[s:e] for s, e, _ in wrong))
    kind = "British" if target == "en-us" else "American"
    shown = ", ".join(words[:6]) + (f" and {len(words) - 6} more" if len(words) > 6 else "")
    message = (f"{kind} spelling in a document checked as {target[:2]}-{target[3:].upper()}: "
               f"{shown}. Use one variant throughout (or --language en to follow the "
               "document's majority).")
    # Each word its own finding: each is a correction of its own to review and apply.
    for start, end, fixed in wrong:
        yield Hit(start, end, message, (fixed,))


MIXED_SPELLING = Rule(
    id="TQA_MIXED_SPELLING",
    title="British and American spelling mixed",
    category="CONSISTENCY",
    severity=Severity.MINOR,
    issue_type="inconsistency",
    check=check_mixed_spelling,
    overlaps=frozenset({"MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_GB"}),
)
