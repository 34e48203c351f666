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
import functools
import hashlib
import itertools
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
# Past this many paragraphs the browser lays out only what is near the screen
# (content-visibility); below it everything is laid out, so a full-page
# screenshot or a search with the browser's find sees the whole text.
LONG_DOCUMENT = 200
# A paragraph longer than this (a list, a document on one line) is laid out in
# pieces cut at spaces outside any finding, so that the browser can skip the
# pieces far from the screen too.
PIECE_CHARS = 2000
# Compact JSON for the script's data: the 10,000-finding page stays small.
JSON_OPTIONS = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}


@dataclass(frozen=True, slots=True)
class Piece:
    """A paragraph, or a piece of a long one; `cut`: the paragraph goes on in the next piece."""

    start: int
    end: int
    cut: bool = False


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
    return "".join(render_parts(page, clock, live))


def render_parts(page: Page, clock: Clock = utc_now, live: Live | None = None
                 ) -> Iterator[str]:
    """`render` in pieces, each paragraph marked as it is reached (a large page is
    written as it is made, never held whole)."""
    css, js = asset("report.css"), asset("report.js")
    summary = summarize(page.suggestions, page.words)
    marked = page.suggestions if live is None or live.marked else ()
    spans = pieces(page.text, marked)
    paras = zip(spans, marked_paragraphs(page.text, marked, spans), strict=True)
    return environment().get_template(TEMPLATE).generate(
        page=page,
        summary=summary,
        pending=dict(summary.by_status).get(Status.PENDING.value, 0),
        chart=_chart(summary),
        settings=_settings(page.settings),
        paragraphs=paras,
        long=len(spans) > LONG_DOCUMENT,
        generated=stamp(clock()),
        csp=content_security_policy(css, js, connect=live is not None),
        css=Markup(css),
        js=Markup(js),
        icons=ICONS,
        live=live,
        data=_script_data(page, live, spans),
    )


def live_policy() -> str:
    """The live page's policy as an HTTP header: also no framing by other sites."""
    return (content_security_policy(asset("report.css"), asset("report.js"), connect=True)
            + "; frame-ancestors 'none'")


@functools.cache
def environment() -> Environment:
    """The templates' environment: autoescaping, strict, compact JSON for script data.

    One per process: it keeps the compiled templates (compiling the report's
    template took 70 ms, once per document of a folder).
    """
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


def asset(name: str) -> str:
    """A file of reviewer/static, checked to be safe to inline."""
    text = resources.files("reviewer").joinpath("static", name).read_text("utf-8")
    # A closing tag inside an inline asset would end it early.
    if "</" in text.replace("<\\/", ""):
        raise ValueError(f"static/{name} must not contain '</'")
    return text


def sha256_source(text: str) -> str:
    """The CSP source (`sha256-...`) that allows an inline style or script of `text`."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def content_security_policy(css: str, js: str, connect: bool = False) -> str:
    """Only the inline style and script with exactly these contents may apply or run.

    `connect`: the script may also fetch from and listen to the page's own origin.
    """
    return (
        f"default-src 'none'; style-src '{sha256_source(css)}'; script-src '{sha256_source(js)}'; "
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


def _script_data(page: Page, live: Live | None, spans: list[Piece]) -> dict[str, Any]:
    data = {
        "path": page.path,
        "sha256": page.sha256,
        "manual_note": MANUAL_NOTE,
        "text": page.text,
        "paragraphs": [[p.start, p.end, *((1,) if p.cut else ())] for p in spans],
        "items": [item_data(s) for s in page.suggestions],
    }
    if live is not None:
        data["live"] = plain(live)
    return data


def pieces(text: str, items: Sequence[Suggestion] = ()) -> list[Piece]:
    """The paragraphs of `text`, those longer than PIECE_CHARS cut into pieces.

    A piece ends after a space at or past PIECE_CHARS characters, never inside
    the span of a current item, so every mark and every proposed edit stays
    whole in one piece.
    """
    spans = list(paragraphs(text)) or [(0, len(text))]
    taken = sorted((i.finding.start, i.finding.end) for i in items
                   if i.status is not Status.OBSOLETE)
    starts = [s for s, _ in taken]
    reach = list(itertools.accumulate((e for _, e in taken), max))  # furthest end so far
    out: list[Piece] = []
    for pstart, pend in spans:
        start = pstart
        while pend - start > PIECE_CHARS:
            cut = _cut(text, start + PIECE_CHARS, pend, starts, reach)
            if cut is None:
                break
            out.append(Piece(start, cut, cut=True))
            start = cut
        out.append(Piece(start, pend))
    return out


def _cut(text: str, at: int, end: int, starts: list[int], reach: list[int]) -> int | None:
    """The first place after a space from `at` on that no span crosses, or None."""
    while True:
        space = text.find(" ", at, end)
        if space == -1:
            return None
        cut = space + 1
        i = bisect.bisect_left(starts, cut)  # spans that start before the cut
        if i == 0 or reach[i - 1] <= cut:
            return cut if cut < end else None
        at = reach[i - 1]


def marked_paragraphs(text: str, items: tuple[Suggestion, ...],
                      spans: Sequence[Piece] | None = None) -> Iterator[list[Token]]:
    """Each paragraph (or piece of one: `pieces`) as tokens, one mark per current item.

    A mark that crosses the end of an enclosing mark or of its paragraph is
    cut there, so marks nest properly and every item keeps exactly one mark.
    """
    spans = pieces(text, items) if spans is None else spans
    starts = [p.start for p in spans]
    placed: list[list[Suggestion]] = [[] for _ in spans]
    for item in items:
        if item.status is not Status.OBSOLETE:
            placed[max(0, bisect.bisect_right(starts, item.finding.start) - 1)].append(item)
    for piece, its in zip(spans, placed, strict=True):
        yield list(_tokens(text, piece.start, piece.end, its))


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
