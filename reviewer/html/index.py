"""The index page: every document under review, its counts, score and status, linked.

`reviewer review` of a folder or a glob writes it as `reports/index.html`
(links relative to it, to each document's report); `reviewer serve` shows it
at `/` (links to the live pages). Like the report, it is a pure function of
its rows and a clock: no script, and a Content-Security-Policy that lets only
its own inline style apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from reviewer.clock import stamp, utc_now
from reviewer.html.render import Clock, asset, environment, sha256_source
from reviewer.html.summary import Summary, summarize
from reviewer.model import Severity
from reviewer.review.record import ReviewFile
from reviewer.review.suggest import Status
from reviewer.text.document import count_words

INDEX_TEMPLATE = "index.html.j2"
SEVERITIES = tuple(s.value for s in Severity)
COUNTED = (Status.PENDING, Status.ACCEPTED, Status.EDITED, Status.REJECTED, Status.OBSOLETE)


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One document on the index page.

    `href` is its report page ("" when it has none); `summary` is None when
    the document could not be reviewed, and `note` then says why (else it is
    what a reader should know, such as a document changed since its review).
    """

    document: str
    href: str
    review_file: str
    summary: Summary | None
    note: str = ""

    @property
    def status(self) -> str:
        """`to review` (pending suggestions), `decided`, `clean` or `not reviewed`."""
        if self.summary is None:
            return "not reviewed"
        if dict(self.summary.by_status)[Status.PENDING.value]:
            return "to review"
        return "decided" if self.summary.findings else "clean"


def index_row(review: ReviewFile, text: str, href: str, review_file: str,
              note: str = "") -> IndexRow:
    """The row of a review file whose document's text is `text`."""
    return IndexRow(review.document_path, href, review_file,
                    summarize(review.suggestions, count_words(text)), note)


@dataclass(frozen=True, slots=True)
class Totals:
    """The sums over the rows that have a summary."""

    documents: int
    reviewed: int
    words: int
    findings: int
    by_severity: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]


def totals(rows: Sequence[IndexRow]) -> Totals:
    done = [r.summary for r in rows if r.summary is not None]
    return Totals(
        documents=len(rows),
        reviewed=len(done),
        words=sum(s.words for s in done),
        findings=sum(s.findings for s in done),
        by_severity=tuple((k, sum(dict(s.by_severity)[k] for s in done)) for k in SEVERITIES),
        by_status=tuple((k.value, sum(dict(s.by_status)[k.value] for s in done))
                        for k in COUNTED),
    )


def render_index(rows: Sequence[IndexRow], title: str, clock: Clock = utc_now) -> str:
    """The index page as one HTML string; equal rows and clocks give equal bytes."""
    css = asset("report.css")
    policy = (f"default-src 'none'; style-src '{sha256_source(css)}'; base-uri 'none'; "
              "form-action 'none'")
    ordered = sorted(rows, key=lambda r: r.document)
    return environment().get_template(INDEX_TEMPLATE).render(
        rows=ordered, totals=totals(ordered), title=title, csp=policy, css=Markup(css),
        severities=SEVERITIES, statuses=tuple(s.value for s in COUNTED),
        generated=stamp(clock()))
