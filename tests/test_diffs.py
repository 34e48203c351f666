"""The diff an editor sees is exactly the edit apply makes: the span out, the replacement in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer.review.diffs import Op, span_diff
from reviewer.review.suggest import build_suggestion
from testkit.review_factory import finding


def test_a_partial_word_span_is_shown_as_the_span_not_the_word() -> None:
    # LanguageTool's span is "7March" in "25-27March": the edit changes that, nothing more.
    assert span_diff("(25-27March 2007)", 5, 11, "7 March") == (
        (Op.EQUAL, "(25-27"), (Op.INSERT, " "), (Op.EQUAL, "March 2007)"))
    assert span_diff("(25-27March 2007)", 5, 11, "8 March") == (
        (Op.EQUAL, "(25-2"), (Op.DELETE, "7March"), (Op.INSERT, "8 March"),
        (Op.EQUAL, " 2007)"))


def test_inside_its_span_a_replacement_shows_word_by_word() -> None:
    text = "The civil population was warned."
    assert span_diff(text, 4, 20, "civilian population") == (
        (Op.EQUAL, "The civil"), (Op.INSERT, "ian"), (Op.EQUAL, " population was warned."))
    assert span_diff("This are wrong.", 0, 8, "These is") == (
        (Op.DELETE, "This"), (Op.INSERT, "These"), (Op.EQUAL, " "), (Op.DELETE, "are"),
        (Op.INSERT, "is"), (Op.EQUAL, " wrong."))


@given(st.text(alphabet="ab .é7", max_size=30), st.data())
def test_the_change_shown_never_reaches_beyond_the_span(context: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(context)))
    end = data.draw(st.integers(start, len(context)))
    replacement = data.draw(st.text(alphabet="ab .é7", max_size=10))
    ops = span_diff(context, start, end, replacement)
    assert "".join(d.text for d in ops if d.op is not Op.INSERT) == context
    assert "".join(d.text for d in ops if d.op is not Op.DELETE) == (
        context[:start] + replacement + context[end:])
    at = 0  # where each change is in `context`
    for d in ops:
        if d.op is not Op.EQUAL:
            assert start <= at <= end
        if d.op is not Op.INSERT:
            at += len(d.text)
        if d.op is Op.DELETE:
            assert at <= end


def test_no_operation_is_empty() -> None:
    assert span_diff("ab", 0, 0, "x") == ((Op.INSERT, "x"), (Op.EQUAL, "ab"))
    assert span_diff("ab", 0, 2, "") == ((Op.DELETE, "ab"),)


def test_a_suggestions_diff_puts_the_replacement_where_apply_puts_it() -> None:
    text = "Intro.\n\nSeminar « Mine Action » in Almaty (25-27March 2007).\n"
    start = text.index("7March")
    s = build_suggestion(finding(text, start, start + 6, "TQA_DATE", ("7 March",)), text)
    after = "".join(d.text for d in s.diff("7 March", text) if d.op is not Op.DELETE)
    corrected = text[: s.finding.start] + "7 March" + text[s.finding.end :]
    assert after == corrected[s.sentence_start : s.sentence_end + 1]
    assert [d for d in s.diff("27 March", text) if d.op is Op.DELETE] == [(Op.DELETE, "7March")]
