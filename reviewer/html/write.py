"""Writing the HTML report next to its review file, and the index of a folder of reports."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from reviewer.clock import utc_now
from reviewer.files import write_output
from reviewer.html.index import IndexRow, render_index
from reviewer.html.render import Clock, render_parts
from reviewer.html.view import page_from_review
from reviewer.review.record import REVIEW_SUFFIX, ReviewFile


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
    """Render the report of `review` (document text `text`) and write it atomically.

    Its name is made from the review file's, so a symlink planted there is not
    followed out of the working folder (`files.output_path`).
    """
    out = report_path(review_path)
    parts = render_parts(page_from_review(review, text, checked_at), clock)
    write_output(out, (part.encode("utf-8") for part in parts), named=False)
    return out


INDEX_NAME = "index.html"


def write_index(folder: str | Path, rows: Sequence[IndexRow], title: str,
                clock: Clock = utc_now) -> Path:
    """`folder/index.html` listing `rows`; their report paths become links relative to it."""
    out = Path(folder) / INDEX_NAME

    def local(path: str) -> str:
        return Path(os.path.relpath(path, out.parent)).as_posix() if path else ""

    linked = [replace(r, href=quote(local(r.href)), review_file=local(r.review_file))
              for r in rows]
    write_output(out, render_index(linked, title, clock).encode("utf-8"), named=False)
    return out
