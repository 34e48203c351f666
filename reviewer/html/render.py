"""The self-contained HTML review report: a pure function of a `Page` and a clock.

Only this package imports jinja2. Document text and rule messages reach the
page through autoescaping (markup) or `|tojson` (the script's data), never
unescaped. The inline style and script are hashed into a Content-Security-
Policy, so nothing else can run or load.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from reviewer.clock import stamp, utc_now
from reviewer.html.summary import Summary, summarize
from reviewer.html.view import Page, item_data
from reviewer.review.suggest import Status, Suggestion
from reviewer.text.sentences import paragraphs

Clock = Callable[[], datetime]

ICONS = {"critical": "‼", "major": "▲", "minor": "●", "info": "ℹ"}
TEMPLATE = "report.html.j2"
# Compact JSON for the script's data: the 10,000-finding page stays small.
JSON_OPTIONS = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of a marked paragraph: text, or the opening or closing of a mark."""

    kind: str  # "text", "open" or "close"
    text: str = ""
    item: Suggestion | None = None


def render(page: Page, clock: Clock = utc_now) -> str:
    """The report as one HTML string; equal pages and clocks give equal bytes."""
    css, js = _asset("report.css"), _asset("report.js")
    env = _environment()
    summary = summarize(page.suggestions, page.words)
    return env.get_template(TEMPLATE).render(
        page=page,
        summary=summary,
        chart=_chart(summary),
        settings=_settings(page.settings),
        paragraphs=list(marked_paragraphs(page.text, page.suggestions)),
        generated=stamp(clock()),
        csp=content_security_policy(css, js),
        css=Markup(css),
        js=Markup(js),
        icons=ICONS,
        data=_script_data(page),
    )


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reviewer", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["json.dumps_kwargs"] = JSON_OPTIONS
    return env


def _asset(name: str) -> str:
    text = resources.files("reviewer").joinpath("static", name).read_text("utf-8")
    # A closing tag inside an inline asset would end it early.
    if "</" in text.replace("<\\/", ""):
        raise ValueError(f"static/{name} must not contain '</'")
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def content_security_policy(css: str, js: str) -> str:
    """Only the inline style and script with exactly these contents may apply or run."""
    return (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _settings(settings: dict[str, Any]) -> list[tuple[str, str]]:
    """Settings other than the language, each as readable text ("–" when unset)."""
    out = []
    for key, value in sorted(settings.items()):
        if key == "language":
            continue
        if isinstance(value, list | tuple):
            shown = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        else:
            shown = "" if value is None else str(value)
        out.append((key, shown or "–"))
    return out


def _script_data(page: Page) -> dict[str, Any]:
    return {
        "path": page.path,
        "sha256": page.sha256,
        "text": page.text,
        "paragraphs": [list(p) for p in _paragraph_spans(page.text)],
        "items": [item_data(s) for s in page.suggestions],
    }


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = list(paragraphs(text))
    return spans or [(0, len(text))]


def marked_paragraphs(text: str, items: tuple[Suggestion, ...]) -> Iterator[list[Token]]:
    """Each paragraph as tokens, one mark per current (not obsolete) item.

    A mark that crosses the end of an enclosing mark or of its paragraph is
    cut there, so marks nest properly and every item keeps exactly one mark.
    """
    spans = _paragraph_spans(text)
    starts = [s for s, _ in spans]
    placed: list[list[Suggestion]] = [[] for _ in spans]
    for item in items:
        if item.status is not Status.OBSOLETE:
            placed[max(0, bisect.bisect_right(starts, item.finding.start) - 1)].append(item)
    for (pstart, pend), its in zip(spans, placed, strict=True):
        yield list(_tokens(text, pstart, pend, its))


def _tokens(text: str, pstart: int, pend: int, items: list[Suggestion]) -> Iterator[Token]:
    cursor = pstart
    ends: list[int] = []  # the open marks' ends, innermost last
    order = sorted(items, key=lambda i: (i.finding.start, -i.finding.end, i.id))
    for item in order:
        start = min(max(item.finding.start, pstart), pend)
        while ends and ends[-1] <= start:
            end = ends.pop()
            if end > cursor:
                yield Token("text", text[cursor:end])
                cursor = end
            yield Token("close")
        if start > cursor:
            yield Token("text", text[cursor:start])
            cursor = start
        end = min(max(item.finding.end, start), ends[-1] if ends else pend)
        ends.append(end)
        yield Token("open", item=item)
    while ends:
        end = ends.pop()
        if end > cursor:
            yield Token("text", text[cursor:end])
            cursor = end
        yield Token("close")
    if pend > cursor:
        yield Token("text", text[cursor:pend])


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    y: int
    width: int


def _chart(summary: Summary) -> tuple[Bar, ...]:
    """Bars of the category chart, in summary order; widths out of 300 units."""
    top = max((n for _, n in summary.by_category), default=0)
    return tuple(
        Bar(label, n, 24 * i, max(1, round(300 * n / top)) if top else 0)
        for i, (label, n) in enumerate(summary.by_category)
    )
