"""Writing the HTML report next to its review file."""

from __future__ import annotations

from pathlib import Path

from reviewer.clock import utc_now
from reviewer.files import atomic_write
from reviewer.html.render import Clock, render
from reviewer.html.view import page_from_review
from reviewer.review.store import ReviewFile

REVIEW_SUFFIX = ".review.json"


def report_path(review_path: str | Path) -> Path:
    """`reports/x.review.json` -> `reports/x.html` (any other name: name + `.html`)."""
    p = Path(review_path)
    stem = p.name[: -len(REVIEW_SUFFIX)] if p.name.endswith(REVIEW_SUFFIX) else p.name
    return p.with_name(stem + ".html")


def write_report(
    review_path: str | Path,
    review: ReviewFile,
    text: str,
    checked_at: str = "",
    clock: Clock = utc_now,
) -> Path:
    """Render the report of `review` (document text `text`) and write it atomically."""
    out = report_path(review_path)
    html = render(page_from_review(review, text, checked_at), clock)
    atomic_write(out, html.encode("utf-8"))
    return out
