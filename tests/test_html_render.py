"""The HTML report as text: golden file, CSP, no inline handlers, escaping, marks.

These tests render recorded review data (a real `reviewer review` of the seed,
kept in tests/data/html/); the browser tests run the page itself. After a
deliberate change of the template, CSS or JS, regenerate the golden file with
`REVIEWER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_html_render.py`
and read its diff.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reviewer.html.render import PIECE_CHARS, marked_paragraphs, pieces, render
from reviewer.html.summary import summarize
from reviewer.html.view import Page, page_from_review
from reviewer.model import Finding, Severity
from reviewer.review.store import load
from reviewer.review.suggest import Decision, Status, build_suggestion
from reviewer.severity import quality_score
from tests.conftest import DATA, SEED

HTML_DATA = DATA / "html"
GOLDEN = HTML_DATA / "seed.golden.html"
NOON = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOON


def seed_page() -> Page:
    """The recorded seed review with one decision of each kind."""
    review = load(HTML_DATA / "seed.review.json").decide(
        [
            Decision(id="b6eced91548ab91c", status=Status.ACCEPTED, choice=0,
                     at="2026-11-28T11:00:00Z"),
            Decision(id="c007cb080e540b76", status=Status.ACCEPTED, choice=1,
                     at="2026-11-28T11:01:00Z"),
            Decision(id="5993bd8f83937290", status=Status.REJECTED, at="2026-11-28T11:02:00Z"),
            Decision(id="6b66cc8bb4233de7", status=Status.EDITED, edited_text="inhumane",
                     at="2026-11-28T11:03:00Z"),
        ],
        "decide",
    )
    return page_from_review(review, SEED.read_text("utf-8"), checked_at="2026-11-28T10:00:00Z")


def finding(text: str, start: int, end: int, rule: str = "R", replacements: tuple[str, ...] = (),
            severity: Severity = Severity.MAJOR, message: str = "msg") -> Finding:
    return Finding(
        path="doc.txt", start=start, end=end, rule_id=rule, id=f"{rule}-{start}-{end}",
        sub_id="", source="languagetool", category="GRAMMAR", issue_type="grammar",
        severity=severity, message=message, short_message="", line=1, column=start + 1,
        end_line=1, end_column=end + 1, text=text[start:end], context=text, sentence=text,
        replacements=replacements,
    )


def page_of(text: str, findings: list[Finding]) -> Page:
    return Page(path="doc.txt", sha256="0" * 64, text=text, words=len(text.split()),
                suggestions=tuple(build_suggestion(f, text) for f in findings))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>/<style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in self.raw else None
        if self._in:
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in][-1] += data


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


def test_seed_report_matches_the_golden_file() -> None:
    html = render(seed_page(), clock)
    if os.environ.get("REVIEWER_UPDATE_GOLDEN"):
        GOLDEN.write_text(html, "utf-8")
    assert html == GOLDEN.read_text("utf-8")


def test_same_inputs_and_clock_give_the_same_bytes() -> None:
    assert render(seed_page(), clock) == render(seed_page(), clock)
    later = render(seed_page(), lambda: datetime(2026, 11, 29, tzinfo=UTC))
    assert later != render(seed_page(), clock)
    assert "2026-11-29T00:00:00Z" in later


def test_csp_comes_first_and_hashes_the_inline_style_and_script() -> None:
    html = render(seed_page(), clock)
    tags = parse(html)
    head = [t for t in tags.tags if t[0] not in ("html",)]
    assert head[0][0] == "head" and head[1][0] == "meta"
    assert head[1][1]["http-equiv"] == "Content-Security-Policy"
    csp = head[1][1]["content"] or ""

    def digest(s: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    (css,) = tags.raw["style"]
    inline_js = [s for (t, a), s in zip([t for t in tags.tags if t[0] == "script"],
                                        tags.raw["script"], strict=True)
                 if a.get("type") != "application/json"]
    assert len(inline_js) == 1
    assert f"style-src '{digest(css)}'" in csp
    assert f"script-src '{digest(inline_js[0])}'" in csp
    assert csp.startswith("default-src 'none';")
    assert "base-uri 'none'" in csp and "form-action 'none'" in csp


def test_no_style_attributes_no_event_handlers_no_external_resources() -> None:
    tags = parse(render(seed_page(), clock)).tags
    for tag, attrs in tags:
        assert "style" not in attrs, tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for a in ("src", "href", "action", "srcset"):
            value = attrs.get(a) or ""
            assert a not in attrs or value.startswith("#"), (tag, a, value)


def test_one_mark_per_current_suggestion_with_icon_and_hidden_words() -> None:
    page = seed_page()
    html = render(page, clock)
    marks = re.findall(r'<mark class="m sev-(\w+)" id="m-(\w+)"', html)
    assert [m[1] for m in marks] == [s.id for s in page.suggestions]
    assert len(marks) == 19
    assert '<span class="icon" aria-hidden="true">▲</span><span class="vh">major issue ' in html


def test_obsolete_suggestions_get_no_mark_but_stay_in_the_data() -> None:
    page = seed_page()
    gone = replace(page.suggestions[0], status=Status.OBSOLETE)
    page = replace(page, suggestions=(gone, *page.suggestions[1:]))
    html = render(page, clock)
    assert f'id="m-{gone.id}"' not in html
    assert html.count("<mark ") == 18
    assert f'"id":"{gone.id}"' in html


def test_document_text_and_messages_are_escaped_everywhere() -> None:
    text = ('<script>alert(1)</script> "><img src=x onerror=alert(2)> '
            '<a href="javascript:alert(3)">x</a> </script> {{ 7*7 }} {% raw %}\n')
    f = finding(text, 0, 8, message="</script><script>alert(4)</script> {{ x }}",
                replacements=("</script>",))
    html = render(page_of(text, [f]), clock)
    tags = parse(html).tags
    assert [t for t, _ in tags].count("script") == 2
    assert "img" not in [t for t, _ in tags]
    assert [a for t, a in tags if t == "a"] == [{"class": "skip", "href": "#document"}]
    assert "&lt;script&gt;</mark>alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "{{ 7*7 }}" in html  # shown as text, not evaluated
    data = html.split('<script type="application/json" id="review-data">')[1]
    data = data.split("</script>")[0]
    assert "<" not in data and ">" not in data  # |tojson escapes them as \u003c, \u003e
    assert json.loads(data)["items"][0]["message"].startswith("</script>")


def test_overlapping_spans_nest_and_every_finding_keeps_one_mark() -> None:
    text = "He go to the school yesterday.\n\nSecond paragraph here.\n"
    fs = [finding(text, 3, 5, "A"), finding(text, 3, 12, "B"), finding(text, 9, 19, "C"),
          finding(text, 25, 40, "D"), finding(text, 32, 32, "E")]
    paras = list(marked_paragraphs(text, page_of(text, fs).suggestions))
    kinds = [[t.kind for t in p] for p in paras]
    opened = [t.item.finding.rule_id for p in paras for t in p if t.kind == "open" and t.item]
    assert sorted(opened) == ["A", "B", "C", "D", "E"]
    for k in kinds:
        assert k.count("open") == k.count("close")
    # text joins back to each paragraph: marks never add or lose characters
    assert ["".join(t.text for t in p) for p in paras] == [
        "He go to the school yesterday.", "Second paragraph here.\n"]


def test_summary_agrees_with_the_ci_score() -> None:
    page = seed_page()
    s = summarize(page.suggestions, page.words)
    severities = [x.finding.severity for x in page.suggestions]
    assert s.score == quality_score(severities, page.words)
    assert s.findings == 19
    assert s.per_thousand_words == round(19 * 1000 / page.words, 2)
    assert dict(s.by_status) == {"pending": 15, "accepted": 2, "rejected": 1, "edited": 1,
                                 "obsolete": 0}
    assert sum(n for _, n in s.by_category) == 19
    assert dict(s.weights) == {"critical": 10, "major": 5, "minor": 1, "info": 0}


def test_empty_document_renders() -> None:
    html = render(page_of("", []), clock)
    assert "No findings." in html and "<mark" not in html


@pytest.mark.parametrize("name", ["report.css", "report.js"])
def test_static_assets_cannot_close_their_tag(name: str) -> None:
    text = (Path(__file__).parent.parent / "reviewer" / "static" / name).read_text("utf-8")
    assert "</" not in text


def test_a_long_paragraph_is_laid_out_in_pieces_that_never_cut_a_finding() -> None:
    # A document on one line: pieces let the browser skip what is far from the screen.
    text = "He go to the market every day and it is a opportunity for him. " * 200
    spans = [(m.start(), m.end()) for m in re.finditer(r"a opportunity for him\. He go", text)]
    page = page_of(text, [finding(text, s, e, rule=f"R{i}") for i, (s, e) in enumerate(spans)])
    cut = pieces(text, page.suggestions)
    assert len(cut) > 5 and all(p.cut for p in cut[:-1]) and not cut[-1].cut
    assert "".join(text[p.start : p.end] for p in cut) == text
    assert all(p.end - p.start <= PIECE_CHARS + 100 for p in cut)
    assert not [s for s, e in spans for p in cut if s < p.end < e]  # no span is cut
    html = render(page, clock)
    assert html.count('<p class="para cut">') == len(cut) - 1
    assert len(re.findall(r'<mark class="m ', html)) == len(spans)
    data = json.loads(html.split('id="review-data">')[1].split("</script>")[0])
    assert data["paragraphs"][0] == [cut[0].start, cut[0].end, 1]
    assert data["paragraphs"][-1] == [cut[-1].start, cut[-1].end]
