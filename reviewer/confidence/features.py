"""What the confidence model knows about a finding: a few dozen named numbers.

Features are generic so that new rules get a fair confidence before the model
has seen them: the rule id counts only for rules the model was trained on,
and every finding also has its category, issue type and source. The rest
describe the flagged word (frequency in English, casing, whether it is
capitalised mid-sentence, repeated in the document, or a transliteration of
a word of the source segment) and its sentence (length, other findings in it).
Evidence that a flagged word is a name mostly matters for spelling, so those
features also exist multiplied by "this is a spelling finding" (`spell:*`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.confidence import translit
from reviewer.model import Finding
from reviewer.text.segment import Kind, Segment

Features = dict[str, float]

SPELLING = "misspelling"
TRANSLIT_MATCH = 0.8  # skeleton similarity from which a word counts as a transliteration

_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”»)\]]*\s+|\n")
_END_CHARS = frozenset(".!?…\"'”»)]")  # besides whitespace, what a sentence end is made of
SENTENCE_REACH = 2000  # characters read on each side of a finding for its sentence
_END_SLACK = 200
_FIRST_REACH = 300
# Shapes of Russian names in Latin letters: surname and patronymic endings, and
# letter groups English spelling rarely has (kh, zh, shch, ts before a vowel, initial ye/yu/ya).
_RUSSIAN_SHAPE = re.compile(
    r"(?:[oe]v|[oe]va|[iy]na|sk(?:y|iy|ii|aya|aia)|[oe]vich|[oe]vna|enko|chuk|yan|shvili|dze)$"
    r"|kh|zh|shch|ts[aeiouy]|^y[aeu][^aeiou]",
    re.IGNORECASE,
)


def zipf(word: str) -> float:
    """How common `word` is in English: wordfreq's Zipf scale (0 for unseen, 7 for `the`)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@dataclass(frozen=True, slots=True)
class Prose:
    """The prose a finding sits in: a plain document or one segment of a file.

    `start`/`end` is the finding's span in `text`; `source` the segment's
    source text (bilingual input), else None; `segment` the segment's index
    (-1 for plain text).
    """

    text: str
    start: int
    end: int
    source: str | None = None
    segment: int = -1


def segment_offset(segment: Segment, offset: int) -> int:
    """The offset in `segment.text` of the file offset `offset` (inverse of `to_file`)."""
    for p in segment.pieces:
        if offset < p.file_start:
            return p.seg_start
        if offset < p.file_end:
            return p.seg_start + (offset - p.file_start if p.kind is Kind.TEXT else 0)
    return len(segment.text)


def locate(finding: Finding, text: str, segments: Sequence[Segment] | None = None) -> Prose:
    """Where `finding` sits in prose: the document's text, or the segment holding it."""
    if segments is None:
        return Prose(text, finding.start, finding.end)
    candidates = [i for i, s in enumerate(segments)
                  if s.file_span[0] <= finding.start <= s.file_span[1]]
    named = [i for i in candidates if segments[i].unit == finding.unit]
    if not (named or candidates):
        return Prose(text, finding.start, finding.end)
    index = (named or candidates)[0]
    seg = segments[index]
    start = segment_offset(seg, finding.start)
    end = max(start, segment_offset(seg, finding.end))
    return Prose(seg.text, start, end, seg.source if seg.has_source else None, index)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around [start, end): from the end of the previous one.

    Only about SENTENCE_REACH characters on each side of the span are read, so
    a finding in a long document costs what one in a short document does; a
    "sentence" running on beyond that (a list, a run-on line) is cut there.
    """
    for reach in (_FIRST_REACH, SENTENCE_REACH):  # most sentences are short: look near first
        found = _anchor(text, start, reach)
        begin = anchor = max(0, start - 2 * reach) if found is None else found
        for m in _SENTENCE_END.finditer(text, anchor, start):
            begin = m.end()
        if found is not None and (begin > anchor or anchor == 0):
            break
    lo = max(end, begin)
    hi = min(len(text), lo + SENTENCE_REACH)
    # An end that starts before `hi` may run past it ("!)" and its spaces).
    after = _SENTENCE_END.search(text, lo, min(len(text), hi + _END_SLACK))
    return begin, after.start() if after and after.start() < hi else hi


def _anchor(text: str, start: int, reach: int) -> int | None:
    """About `reach` characters before `start`, where no sentence end can begin mid-way.

    A sentence end is made only of punctuation, closing quotes and whitespace,
    so none crosses the position just after any other character: scanning from
    there finds the same ends as scanning from the start of the text. None
    when the stretch before is nothing but such characters.
    """
    pos = start - reach
    stop = max(0, pos - reach)
    while pos > stop:
        if text[pos - 1] not in _END_CHARS and not text[pos - 1].isspace():
            return pos
        pos -= 1
    return 0 if pos <= 0 else None


@dataclass(frozen=True, slots=True)
class DocumentStats:
    """Word counts over all the prose of a document (lower case)."""

    words: Counter[str]

    @classmethod
    def of(cls, texts: Sequence[str]) -> DocumentStats:
        return cls(Counter(w.lower() for t in texts for w in _WORD.findall(t)))


def _first_word(text: str) -> str:
    m = _WORD.search(text)
    return m.group() if m else ""


def _distance_ratio(a: str, b: str) -> float:
    """Edit distance of `a` to `b` over the longer length (0 same, 1 nothing shared)."""
    longest = max(len(a), len(b))
    return translit.edit_distance(a, b) / longest if longest else 0.0


def features(
    finding: Finding,
    prose: Prose,
    stats: DocumentStats | None = None,
    neighbours: int = 0,
) -> Features:
    """The named features of one finding.

    `stats` counts the words of the whole document (repeated use of a name);
    `neighbours` is the number of other findings in the same sentence.
    """
    text = prose.text
    span = text[prose.start : prose.end]
    s_begin, s_end = sentence_span(text, prose.start, prose.end)
    sentence = text[s_begin:s_end]
    head = sentence.lstrip(" \t\"'“‘«([-–—")
    sentence_start = s_begin + len(sentence) - len(head)
    out: Features = {
        f"rule:{finding.rule_id}": 1.0,
        f"category:{finding.category}": 1.0,
        f"issue:{finding.issue_type}": 1.0,
        f"source:{finding.source}": 1.0,
        "replacements": float(bool(finding.replacements)),
        "replacements_log": math.log1p(len(finding.replacements)),
        "span_chars": math.log1p(len(span)),
        "span_words": math.log1p(len(_WORD.findall(span))),
        "span_no_letters": float(not any(c.isalpha() for c in span)),
        "sentence_words": math.log1p(len(_WORD.findall(sentence))),
        "sentence_findings": math.log1p(neighbours),
        "sentence_lower_start": float(head[:1].islower()),
        "at_sentence_start": float(prose.start <= sentence_start),
        "has_source": float(prose.source is not None),
    }
    word = _first_word(span)
    if not word:
        return out
    lower = word.lower()
    capitalised = word[:1].isupper() and not word.isupper()
    cap_mid = capitalised and prose.start > sentence_start
    repeats = (stats.words[lower] - 1) if stats is not None and stats.words[lower] > 1 else 0
    similarity = (translit.similarity(word, translit.cyrillic_words(prose.source))
                  if prose.source else 0.0)
    frequency = zipf(lower)
    word_features = {
        "zipf": frequency / 8,
        "capitalised": float(capitalised),
        "cap_mid": float(cap_mid),
        "all_caps": float(len(word) > 1 and word.isupper()),
        "digit": float(any(c.isdigit() for c in word)),
        "repeats": math.log1p(repeats),
        "translit": similarity,
        "translit_match": float(similarity >= TRANSLIT_MATCH),
        "russian_shape": float(bool(_RUSSIAN_SHAPE.search(word))),
        # A capitalised word the source spells in Cyrillic: a name, most likely.
        "name_in_source": float(capitalised and similarity >= TRANSLIT_MATCH),
        "cap_mid_unseen": float(cap_mid and frequency == 0),
    }
    out.update(word_features)
    if finding.issue_type == SPELLING:
        top = finding.replacements[0] if finding.replacements else ""
        out.update({f"spell:{k}": v for k, v in word_features.items()})
        out["spell:no_replacement"] = float(not top)
        out["spell:replacement_distance"] = _distance_ratio(lower, top.lower()) if top else 1.0
        out["spell:replacement_case_only"] = float(bool(top) and top.lower() == lower)
        out["spell:replacement_split"] = float(" " in top or "-" in top)
        out["spell:replacement_zipf"] = zipf(top.lower()) / 8 if top else 0.0
    return out


def document_features(
    findings: Sequence[Finding], text: str, segments: Sequence[Segment] | None = None
) -> list[Features]:
    """The features of each finding of one document (same order as `findings`).

    `text` is the document's text and `segments` its segments (None for plain
    text): findings of segmented files are judged on their segment's prose.
    """
    located = [locate(f, text, segments) for f in findings]
    prose_texts = [text] if segments is None else [s.text for s in segments]
    stats = DocumentStats.of(prose_texts)
    sentences = [(p.segment, sentence_span(p.text, p.start, p.end)[0]) for p in located]
    per_sentence = Counter(sentences)
    return [
        features(f, p, stats, per_sentence[key] - 1)
        for f, p, key in zip(findings, located, sentences, strict=True)
    ]
