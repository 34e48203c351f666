"""The self-contained HTML review report: a pure function of a `Page` and a clock.

Only this package imports jinja2. Document text and rule messages reach the
page through autoescaping (markup) or `|tojson` (the script's data), never
unescaped. The inline style and script are hashed into a Content-Security-
Policy, so nothing else can run or load. The live page of `reviewer serve` is
the same page with a `Live` record: its policy also lets the script talk to
the page's own origin (`connect-src 'self'`), nothing else.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from reviewer.clock import stamp, utc_now
from reviewer.codec import plain
from reviewer.html.summary import Summary, summarize
from reviewer.html.view import Live, Page, item_data
from reviewer.review.suggest import MANUAL_NOTE, Status, Suggestion
from reviewer.text.sentences import paragraphs

Clock = Callable[[], datetime]

ICONS = {"critical": "‼", "major": "▲", "minor": "●", "info": "ℹ"}
TEMPLATE = "report.html.j2"
INDEX_TEMPLATE = "index.html.j2"
# Past this many paragraphs the browser lays out only what is near the screen
# (content-visibility); below it everything is laid out, so a full-page
# screenshot or a search with the browser's find sees the whole text.
LONG_DOCUMENT = 200
# Compact JSON for the script's data: the 10,000-finding page stays small.
JSON_OPTIONS = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of a marked paragraph: text, or the opening or closing of a mark."""

    kind: str  # "text", "open" or "close"
    text: str = ""
    item: Suggestion | None = None


def render(page: Page, clock: Clock = utc_now, live: Live | None = None) -> str:
    """The report as one HTML string; equal pages and clocks give equal bytes.

    With `live`, the live page of `reviewer serve` (same template and script).
    """
    css, js = _asset("report.css"), _asset("report.js")
    env = _environment()
    summary = summarize(page.suggestions, page.words)
    marked = page.suggestions if live is None or live.marked else ()
    paras = list(marked_paragraphs(page.text, marked))
    return env.get_template(TEMPLATE).render(
        page=page,
        summary=summary,
        pending=dict(summary.by_status).get(Status.PENDING.value, 0),
        chart=_chart(summary),
        settings=_settings(page.settings),
        paragraphs=paras,
        long=len(paras) > LONG_DOCUMENT,
        generated=stamp(clock()),
        csp=content_security_policy(css, js, connect=live is not None),
        css=Markup(css),
        js=Markup(js),
        icons=ICONS,
        live=live,
        data=_script_data(page, live),
    )


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One served review on the index page of `reviewer serve`."""

    href: str
    document: str
    review_file: str
    counts: tuple[tuple[str, int], ...]
    notice: str = ""


def render_index(entries: Sequence[IndexEntry], title: str) -> str:
    """The list of served reviews: links, no script, the report's style."""
    css = _asset("report.css")
    policy = (f"default-src 'none'; style-src '{_sha256(css)}'; base-uri 'none'; "
              "form-action 'none'")
    return _environment().get_template(INDEX_TEMPLATE).render(
        entries=entries, title=title, csp=policy, css=Markup(css))


def live_policy() -> str:
    """The live page's policy as an HTTP header: also no framing by other sites."""
    return (content_security_policy(_asset("report.css"), _asset("report.js"), connect=True)
            + "; frame-ancestors 'none'")


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


def content_security_policy(css: str, js: str, connect: bool = False) -> str:
    """Only the inline style and script with exactly these contents may apply or run.

    `connect`: the script may also fetch from and listen to the page's own origin.
    """
    return (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        + ("connect-src 'self'; " if connect else "")
        + "img-src data:; base-uri 'none'; form-action 'none'"
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


def _script_data(page: Page, live: Live | None) -> dict[str, Any]:
    data = {
        "path": page.path,
        "sha256": page.sha256,
        "manual_note": MANUAL_NOTE,
        "text": page.text,
        "paragraphs": [list(p) for p in _paragraph_spans(page.text)],
        "items": [item_data(s) for s in page.suggestions],
    }
    if live is not None:
        data["live"] = plain(live)
    return data


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
