"""What the confidence model knows about a finding, from recorded findings (no server)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reviewer.confidence.features import (
    _SENTENCE_END,
    SENTENCE_REACH,
    Sentences,
    document_features,
    features,
    locate,
    segment_offset,
    sentence_span,
)
from reviewer.inputs.registry import load
from reviewer.model import Finding, Severity
from reviewer.text.document import Document, parse_document

SPELLING = ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling")


def finding(doc: Document, start: int, end: int, rule: tuple[str, str, str] = SPELLING,
            replacements: tuple[str, ...] = (), unit: str = "") -> Finding:
    """A finding as the checker records it (only what features read matters)."""
    rule_id, category, issue_type = rule
    return Finding(
        path=doc.path, start=start, end=end, rule_id=rule_id, id="", sub_id="",
        source="reviewer" if rule_id.startswith("TQA_") else "languagetool",
        category=category, issue_type=issue_type, severity=Severity.MAJOR, message="",
        short_message="", line=1, column=start + 1, end_line=1, end_column=end + 1,
        text=doc.text[start:end], context="", sentence="", replacements=replacements,
        unit=unit,
    )


def plain(text: str) -> Document:
    return parse_document("t.txt", text.encode())


def at(doc: Document, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    return start, start + len(word)


def test_a_name_mid_sentence_repeated_in_the_document() -> None:
    doc = plain("The owner of Kazbat said no. Kazbat stays open, and Kazbat is busy.\n")
    f = finding(doc, *at(doc, "Kazbat", 2), replacements=("Kazbek",))
    x = document_features([f], doc.text)[0]
    assert x["rule:MORFOLOGIK_RULE_EN_US"] == 1.0
    assert x["category:TYPOS"] == x["issue:misspelling"] == x["source:languagetool"] == 1.0
    assert x["capitalised"] == x["cap_mid"] == x["spell:cap_mid"] == 1.0
    assert x["repeats"] > 0 and x["spell:repeats"] == x["repeats"]
    assert x["zipf"] == 0.0  # not an English word
    assert x["has_source"] == 0.0 and x["translit"] == 0.0


def test_a_lowercase_typo_with_a_close_common_replacement() -> None:
    doc = plain("We recieve many letters.\n")
    x = features(finding(doc, *at(doc, "recieve"), replacements=("receive",)),
                 locate(finding(doc, *at(doc, "recieve")), doc.text))
    assert x["cap_mid"] == 0.0 and x["capitalised"] == 0.0
    assert x["spell:replacement_distance"] == 2 / 7
    assert x["spell:replacement_zipf"] > 0.5  # "receive" is a common word
    assert x["spell:no_replacement"] == 0.0


def test_the_first_word_of_a_sentence_is_not_capitalised_mid_sentence() -> None:
    doc = plain("It rains. Kazbat is closed.\n")
    f = finding(doc, *at(doc, "Kazbat"))
    x = document_features([f], doc.text)[0]
    assert x["capitalised"] == 1.0 and x["cap_mid"] == 0.0
    assert x["at_sentence_start"] == 1.0
    assert sentence_span(doc.text, f.start, f.end) == (10, 26)


def scanned_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span by scanning from the start (what `Sentences` must give)."""
    ends = re.compile(r"[.!?…]+[\"'”»)\]]*\s+|\n")
    begin = 0
    for m in ends.finditer(text, 0, start):
        begin = m.end()
    after = ends.search(text, max(end, begin))
    return begin, after.start() if after else len(text)


@given(st.text(alphabet="ab .!?…\"')\n", max_size=40), st.data())
def test_the_sentence_index_agrees_with_a_scan_from_the_start(text: str, data: st.DataObject
                                                              ) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert Sentences(text).span(start, end) == scanned_span(text, start, end)


def test_other_findings_in_the_same_sentence_are_counted() -> None:
    doc = plain("He go to shcool. She is fine.\n")
    grammar = ("HE_VERB_AGR", "GRAMMAR", "grammar")
    fs = [finding(doc, *at(doc, "go"), rule=grammar), finding(doc, *at(doc, "shcool")),
          finding(doc, *at(doc, "fine"), rule=grammar)]
    xs = document_features(fs, doc.text)
    assert [x["sentence_findings"] > 0 for x in xs] == [True, True, False]
    assert "zipf" in xs[0] and "spell:zipf" not in xs[0]  # spelling features for spelling only


def test_a_finding_without_letters_gets_no_word_features() -> None:
    doc = plain("It costs 5 , 9.\n")
    x = document_features([finding(doc, *at(doc, " ,"), rule=(
        "TQA_SPACE_BEFORE_PUNCTUATION", "TYPOGRAPHY", "whitespace"))], doc.text)[0]
    assert x["span_no_letters"] == 1.0 and x["source:reviewer"] == 1.0
    assert "zipf" not in x


PO = '''msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "a"
msgid "Анна Ивановна из \\"Казбата\\" приехала."
msgstr "Anna Ivanovna from \\"Kazbat\\" arrived."
'''


def test_po_findings_are_judged_on_their_segment_and_its_source() -> None:
    doc = load(parse_document("t.po", PO.encode()))
    assert doc.segments is not None
    seg = doc.segments[0]
    start, end = seg.to_file(seg.text.index("Kazbat"), seg.text.index("Kazbat") + 6)
    assert doc.text[start:end] == "Kazbat"
    f = finding(doc, start, end, unit=seg.unit)
    prose = locate(f, doc.text, doc.segments)
    assert prose.text[prose.start : prose.end] == "Kazbat"
    assert prose.source == seg.source and prose.segment == 0
    x = document_features([f], doc.text, doc.segments)[0]
    assert x["has_source"] == 1.0
    assert x["translit_match"] == x["name_in_source"] == x["spell:translit_match"] == 1.0
    assert x["cap_mid"] == 1.0  # after a quote, mid-sentence: PO syntax does not count


def test_segment_offsets_invert_file_offsets_across_escapes() -> None:
    doc = load(parse_document("t.po", PO.encode()))
    assert doc.segments is not None
    seg = doc.segments[0]
    for offset in range(len(seg.text)):
        assert segment_offset(seg, seg.file_start(offset)) == offset
    assert segment_offset(seg, seg.file_span[1] + 5) == len(seg.text)


def test_the_sentence_deep_in_a_long_text_is_the_one_a_scan_from_the_start_finds() -> None:
    # Only a stretch around the span is read: a 2 MB line costs what a short text does.
    unit = 'He said: "Stop!" ... and left.\nA list: one, two? three… ) next '
    text = unit * 3000 + "A Kazbat sentence here. Then more."
    kazbat = text.index("Kazbat")
    begin, end = sentence_span(text, kazbat, kazbat + 6)
    assert text[begin:end] == ") next A Kazbat sentence here"
    for start in (len(unit) * 1500 + 9, len(unit) * 2999 + 40, kazbat, 5):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
        assert sentence_span(text, start, start + 1)[0] == (ends[-1] if ends else 0)


def test_a_run_on_sentence_is_cut_at_the_reach() -> None:
    text = "word " * 3000
    start = len(text) // 2
    begin, end = sentence_span(text, start, start + 4)
    assert SENTENCE_REACH <= start - begin < SENTENCE_REACH + len("word ")
    assert end == start + 4 + SENTENCE_REACH
