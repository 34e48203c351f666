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

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.confidence import translit
from reviewer.confidence.frequency import zipf
from reviewer.model import Finding
from reviewer.text.segment import Kind, Segment

Features = dict[str, float]

SPELLING = "misspelling"
TRANSLIT_MATCH = 0.8  # skeleton similarity from which a word counts as a transliteration

_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
# Not reviewer.text.sentences: the shipped model (data/confidence.json) was trained on these
# ends (every line break is one), and its features must not move under it.
_SENTENCE_END = re.compile(r"[.!?…]++[\"'”»)\]]*+\s+|\n")
# The same ends in a whole text, tried only from the start of a run of end marks: trying
# every mark of a long run ("!!!…" with no space after) was quadratic. Not for a search
# from inside a run (the look-behind sees the text before `pos`).
_SENTENCE_END_IN_TEXT = re.compile(r"(?<![.!?…])" + _SENTENCE_END.pattern)
_END_CHARS = frozenset(".!?…\"'”»)]")  # with whitespace, all a sentence end is made of
SENTENCE_REACH = 2000  # characters read on each side of a finding for its sentence
# Shapes of Russian names in Latin letters: surname and patronymic endings, and
# letter groups English spelling rarely has (kh, zh, shch, ts before a vowel, initial ye/yu/ya).
_RUSSIAN_SHAPE = re.compile(
    r"(?:[oe]v|[oe]va|[iy]na|sk(?:y|iy|ii|aya|aia)|[oe]vich|[oe]vna|enko|chuk|yan|shvili|dze)$"
    r"|kh|zh|shch|ts[aeiouy]|^y[aeu][^aeiou]",
    re.IGNORECASE,
)


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


class Sentences:
    """Where sentences (and lines) end in one text, found once for all its findings.

    `span` answers what a scan of the text from its start would (cut at
    SENTENCE_REACH), in O(log n) plus at most SENTENCE_REACH characters: a document
    with thousands of findings is not rescanned for each (that was quadratic: 75 s
    of a 1 MB check).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.end()) for m in _SENTENCE_END_IN_TEXT.finditer(text)]
        self._starts = [s for s, _ in found]
        self._ends = [e for _, e in found]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or line) around [start, end): from the end of the previous one."""
        text, ends = self.text, self._ends
        # The scan of text[:start] from 0 finds the same ends as the whole text's up to
        # the last one at or before `start`; from there at most one more, cut at `start`.
        i = bisect.bisect_right(ends, start)
        begin = ends[i - 1] if i else 0
        # An end earlier than SENTENCE_REACH before `start` is cut away below, so the scan
        # starts there, stepped back off any sentence-end characters: no end crosses a
        # character that cannot be part of one, so the ends found are the same. Without
        # this, a finding deep in a run-on line rescanned the line (quadratic).
        lo = max(begin, start - SENTENCE_REACH)
        while lo > begin and (text[lo - 1] in _END_CHARS or text[lo - 1].isspace()):
            lo -= 1
        for m in _SENTENCE_END.finditer(text, lo, start):
            begin = m.end()
        stop = self._next_start(max(end, begin))
        # A "sentence" running on beyond SENTENCE_REACH (a list, a 2 MB line) is cut
        # there: the features read it, and a finding must cost what it does in short text.
        return max(begin, start - SENTENCE_REACH), min(stop, max(end, begin) + SENTENCE_REACH)

    def _next_start(self, pos: int) -> int:
        """Where the first sentence end found searching from `pos` starts (or the text's end)."""
        j = bisect.bisect_right(self._ends, pos)
        if j == len(self._ends):
            return len(self.text)
        if self._starts[j] >= pos:
            return self._starts[j]
        inside = _SENTENCE_END.search(self.text, pos, self._ends[j])  # `pos` within a match
        if inside:
            return inside.start()
        return self._starts[j + 1] if j + 1 < len(self._starts) else len(self.text)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around [start, end): from the end of the previous one."""
    return Sentences(text).span(start, end)


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
    sentence_at: tuple[int, int] | None = None,
) -> Features:
    """The named features of one finding.

    `stats` counts the words of the whole document (repeated use of a name);
    `neighbours` is the number of other findings in the same sentence;
    `sentence_at` is the finding's `sentence_span` when the caller knows it.
    """
    text = prose.text
    span = text[prose.start : prose.end]
    s_begin, s_end = sentence_at or sentence_span(text, prose.start, prose.end)
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


class DocumentFeatures:
    """The features of one document's findings, computed as the findings come in.

    `add` computes all a finding's features but one, `sentence_findings` (how
    many other findings share its sentence), and may run while the document is
    still being checked; `of` completes them once every finding is known.
    `text` is the document's text and `segments` its segments (None for plain
    text): findings of segmented files are judged on their segment's prose.
    """

    def __init__(self, text: str, segments: Sequence[Segment] | None = None) -> None:
        self._text = text
        self._segments = segments
        self._stats: DocumentStats | None = None
        self._sentences: dict[int, Sentences] = {}  # by segment (-1: the whole text)
        # id(finding) -> (the finding, its segment, its sentence's start, its features)
        self._known: dict[int, tuple[Finding, int, int, Features]] = {}

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self._entry(f)

    def _entry(self, f: Finding) -> tuple[Finding, int, int, Features]:
        known = self._known.get(id(f))
        if known is not None and known[0] is f:
            return known
        if self._stats is None:
            texts = [self._text] if self._segments is None else [s.text for s in self._segments]
            self._stats = DocumentStats.of(texts)
        p = locate(f, self._text, self._segments)
        if p.segment not in self._sentences:
            self._sentences[p.segment] = Sentences(p.text)
        span = self._sentences[p.segment].span(p.start, p.end)
        entry = (f, p.segment, span[0], features(f, p, self._stats, 0, span))
        self._known[id(f)] = entry
        return entry

    @property
    def texts(self) -> list[str]:
        """The document's prose: its text, or its segments' texts."""
        return [self._text] if self._segments is None else [s.text for s in self._segments]

    def placed(self, finding: Finding) -> tuple[Prose, int]:
        """Where `finding` sits in prose, and where its sentence begins there."""
        _, _, sentence_begin, _ = self._entry(finding)
        return locate(finding, self._text, self._segments), sentence_begin

    def of(self, findings: Sequence[Finding]) -> list[Features]:
        """The features of each of `findings` (same order), all of them one document's."""
        entries = [self._entry(f) for f in findings]
        per_sentence = Counter((seg, begin) for _, seg, begin, _ in entries)
        out = []
        for _, seg, begin, x in entries:
            others = per_sentence[(seg, begin)] - 1
            # Replacing a key keeps its place: the model sums features in this order.
            out.append({**x, "sentence_findings": math.log1p(others)} if others else x)
        return out


def document_features(
    findings: Sequence[Finding], text: str, segments: Sequence[Segment] | None = None
) -> list[Features]:
    """The features of each finding of one document (same order as `findings`).

    `text` is the document's text and `segments` its segments (None for plain
    text): findings of segmented files are judged on their segment's prose.
    """
    return DocumentFeatures(text, segments).of(findings)
