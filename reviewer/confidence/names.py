"""Names and local terms are not misspellings: evidence that lowers a speller's confidence.

A speller flags every word its dictionary lacks, and in translated official
text most of those are names (`Asanaliev`, `Ust-Kamenogorsk`) and local terms
(`akimat`, `tenge`). The evidence that a flagged word is a name, each piece
general (no word of any one text):

- the gazetteer: administrative terms, currencies, units and place names of
  the CIS and Central Asia (`reviewer/data/gazetteer.tsv`, its source in its
  header), plus the project's `accept_words`; plural and possessive forms and
  hyphenated compounds of its entries count;
- capitalised in mid-sentence (the speller's dictionary lacks it);
- a transliteration shape: Slavic, Turkic and Caucasian name endings
  (`-ov`, `-yev`, `-enko`, `-bek`, `-uly`, `-shvili`), place-name parts
  (`Ust-`, `-stan`, `-sk`, `-abad`, `-kent`), letter groups (`kh`, `zh`);
- used again in the document, spelt the same;
- inside a quoted title (`«Green Corridor»`, "Bishkek Trolleybus");
- next to another capitalised word (the first word of a sentence does not count).

A gazetteer entry is a name on its own; otherwise a capitalised word needs
two of the other five. Against it: another word of the document one or two
letters away (`Asanaliev` / `Asanaliyev`: a name spelt two ways is reported),
a speller's replacement that is one edit away and common English (a typo
such as `Goverment`), and the word written in lowercase elsewhere in the
document (`BBC Chanell` next to `chanells`: a common word). How much a
finding is lowered: docs/quality.md, "Names".
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from reviewer import data
from reviewer.confidence import translit
from reviewer.confidence.features import Prose
from reviewer.confidence.frequency import zipf
from reviewer.model import Finding
from reviewer.suppress import is_spelling

GAZETTEER_FILE = "gazetteer.tsv"
# A named finding's confidence is at most this share of the threshold: hidden by default,
# shown with --all, and below every finding the model put under the threshold by itself
# only when it thought less of it.
LOWERED_SHARE = 0.5
COMMON_ZIPF = 4.0  # a replacement this common, one edit away, makes a typo likely
RARE_ZIPF = 3.0  # a word less common than this may be the same name spelt otherwise
TITLE_REACH = 80  # characters a quoted title may span around the word

_SHAPE = re.compile(
    # Slavic, Turkic, Caucasian and Central Asian surname and patronymic endings
    r"(?:[oe]v|[oe]va|[yi]ev|[yi]eva|in|ina|sk(?:y|iy|ii|aya)|[oe]vich|[oe]vna|enko|chuk|[iy]uk"
    r"|yan|yants|ian|shvili|dze|uly|kyzy|qizi|uulu|bek|bekov|bekova|bay|baev|bayev|gul|zhan"
    r"|jon|khan|iy|yi|ych|ovych|evych|ivna"
    # place-name parts
    r"|stan|sk|ysk|insk|ovsk|grad|gorod|abad|obod|kent|kand|tepe|tobe|dag|kul|kol|darya|daryo)$"
    r"|^(?:ust|novo|staro|nizhne|verkhne|kara|kyzyl|ak|kok|ulan|yuzhno|severo|krasno)-"
    r"|kh|zh|dzh|shch|ts[aeiouy]|cz|^y[aeou][^aeiou]|yy|[^aeiou]j[aeiou]",
    re.IGNORECASE,
)
_OPEN_QUOTES = "«“„\"'‘"
_OPENING = " \t\n\"'“‘«([-–—"  # what may stand before a sentence's first word
_CLOSE_QUOTES = "»”“\"'’"
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]\.\s?)+$")  # `N. ` or `N.A. ` before a surname
_NEIGHBOUR_BEFORE = re.compile(r"([^\W\d_]+)[ -]$")
_NEIGHBOUR_AFTER = re.compile(r"^[ -]([^\W\d_]+)")


@functools.cache
def shipped_gazetteer() -> frozenset[str]:
    """The shipped gazetteer's entries, in lower case, read on first use."""
    text = data.read_text(GAZETTEER_FILE)
    return frozenset(line.split("\t", 1)[0].strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def _forms(word: str) -> list[str]:
    """`word` in lower case, without a possessive, and without a plural ending."""
    lower = _POSSESSIVE.sub("", word.lower())
    out = [lower]
    for suffix in ("es", "s"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            out.append(lower[: -len(suffix)])
    return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """What speaks for a flagged word being a name, and what against."""

    gazetteer: bool = False
    cap_mid: bool = False
    shape: bool = False
    repeated: bool = False
    quoted_title: bool = False
    name_run: bool = False  # next to another capitalised word: `Aigul Bekturova`
    two_spellings: bool = False  # another word of the document one or two letters away
    typo: bool = False  # the speller's replacement is common English, one edit away
    lowercase: bool = False  # the document also writes it in lowercase: a common word

    @property
    def signals(self) -> int:
        return self.cap_mid + self.shape + self.repeated + self.quoted_title + self.name_run

    @property
    def name(self) -> bool:
        """A name or local term: lower the speller's finding."""
        if self.two_spellings:
            return False
        return self.gazetteer or (not (self.typo or self.lowercase) and self.signals >= 2)


class DocumentWords:
    """A document's words as written (case kept), counted, and grouped by first letter."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter(w for t in texts for w in _WORD.findall(t))
        self.by_initial: dict[str, list[str]] = {}
        self.lowercase: set[str] = set()  # each lowercase word's forms (`chanells`: chanell)
        # `_spelt_otherwise` per word: a name the speller flags recurs (each a comparison
        # with every word of its initial, a large document's slowest step)
        self.spelt_otherwise: dict[str, bool] = {}
        for w in self.counts:
            self.by_initial.setdefault(w[:1], []).append(w)
            if w.islower():
                self.lowercase.update(_forms(w))


@dataclass(frozen=True, slots=True)
class NameModel:
    """The gazetteer (shipped entries and the project's words) and how far a name is lowered."""

    extra: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def build(cls, accept_words: Iterable[str] = ()) -> NameModel:
        return cls(frozenset(w.strip().lower() for w in accept_words if w.strip()))

    def known(self, word: str) -> bool:
        """In the gazetteer: the word, its singular, or every part of a hyphenated compound."""
        entries = shipped_gazetteer()
        for form in _forms(word):
            if form in entries or form in self.extra:
                return True
            parts = form.split("-")
            if len(parts) > 1 and all(p in entries or p in self.extra for p in parts):
                return True
        return False

    def evidence(self, finding: Finding, prose: Prose, words: DocumentWords,
                 sentence_start: int) -> Evidence:
        """The evidence for `finding`'s word; `words` are the document's, `sentence_start`
        is where the finding's sentence starts in `prose.text`."""
        span = prose.text[prose.start : prose.end]
        m = _WORD.search(span)
        if m is None:
            return Evidence()
        word = m.group()
        start = prose.start + m.start()
        capitalised = word[:1].isupper()
        top = finding.replacements[0] if finding.replacements else ""
        text, end = prose.text, start + len(word)
        before = text[max(0, start - 40) : start]
        at_start = not text[sentence_start:start].strip(_OPENING)
        prev = _NEIGHBOUR_BEFORE.search(before)
        after = _NEIGHBOUR_AFTER.search(text[end : end + 40])
        found = Evidence(
            gazetteer=self.known(word),
            # After an initial (`N. Asanaliev`) a sentence splitter sees a new sentence.
            cap_mid=capitalised and (not at_start or bool(_INITIAL.search(before))),
            shape=capitalised and bool(_SHAPE.search(word)),
            repeated=words.counts[word] > 1,
            quoted_title=capitalised and _in_quoted_title(text, start, end),
            name_run=capitalised and (
                bool(after and after.group(1)[:1].isupper())
                or bool(prev and prev.group(1)[:1].isupper() and not prev.group(1).isupper()
                        and text[sentence_start : start - len(prev.group(0))].strip(_OPENING))),
            lowercase=capitalised and any(f in words.lowercase for f in _forms(word)),
        )
        if not found.name:
            return found  # the costlier evidence against a name is not needed
        return replace(
            found,
            two_spellings=_spelt_otherwise(word, words),
            typo=bool(top) and translit.edit_distance(word.lower(), top.lower()) <= 1
            and zipf(top.lower()) >= COMMON_ZIPF,
        )

    def lowered(self, confidence: float, threshold: float) -> float:
        """A name's confidence: at most LOWERED_SHARE of the threshold."""
        return min(confidence, threshold * LOWERED_SHARE)

    def applies(self, finding: Finding) -> bool:
        return is_spelling(finding)


def _in_quoted_title(text: str, start: int, end: int) -> bool:
    """Inside quotation marks that open on a capitalised word, within TITLE_REACH."""
    lo = max(0, start - TITLE_REACH)
    before = text[lo:start]
    opening = max(before.rfind(q) for q in _OPEN_QUOTES)
    if opening < 0 or "\n" in before[opening:]:
        return False
    after = text[end : end + TITLE_REACH]
    closing = min((i for i in (after.find(q) for q in _CLOSE_QUOTES) if i >= 0), default=-1)
    if closing < 0 or "\n" in after[:closing]:
        return False
    inside = before[opening + 1 :].lstrip()
    return not inside or inside[:1].isupper()


def _spelt_otherwise(word: str, words: DocumentWords) -> bool:
    """Another word of the document that is the same name spelt otherwise: same first
    letter and case, one or two letters away (not a plural or possessive of it), and
    itself rare in English (`Asanaliev` / `Asanaliyev`, not `May` / `Mary`)."""
    known = words.spelt_otherwise.get(word)
    if known is None:
        known = words.spelt_otherwise[word] = _compare(word, words)
    return known


def _compare(word: str, words: DocumentWords) -> bool:
    base = _forms(word)[-1]
    limit = 1 if len(word) < 7 else 2
    for other in words.by_initial.get(word[:1], ()):
        if other == word or abs(len(other) - len(word)) > limit or _forms(other)[-1] == base:
            continue
        if (translit.edit_distance(other.lower(), word.lower()) <= limit
                and zipf(other.lower()) < RARE_ZIPF):
            return True
    return False
