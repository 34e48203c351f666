"""What the HTML report shows: a page of suggestions for one document.

The report is a pure function of a `Page`. A page is built from the review
file's suggestions or, without a review file, straight from a `Report`
(every finding a pending suggestion). With a `Live` record the same page is
the live page of `reviewer serve`: its script then sends decisions to the
server instead of keeping them in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer.review.diffs import Op, inner_diff
from reviewer.review.record import ReviewFile
from reviewer.review.suggest import Status, Suggestion
from reviewer.text.document import count_words

STATUSES = tuple(s.value for s in Status)


def item_data(s: Suggestion) -> dict[str, Any]:
    """One suggestion as plain JSON types for the page's script.

    No sentence: the script cuts it from the page's text (`sentence` holds
    its bounds), so the page grows with the findings, not with their
    sentences. `words` holds, by replacement (each alternative and the edit),
    the span turned into it word by word (reviewer.review.diffs.inner_diff)
    when that shows less than the whole span replaced.
    """
    f = s.finding
    words = {}
    for rep in (*(a.text for a in s.alternatives), *((s.edited_text,) if s.edited_text else ())):
        ops = inner_diff(f.text, rep)
        if any(d.op is Op.EQUAL for d in ops):
            words[rep] = [[d.op.value, d.text] for d in ops]
    return {
        "id": s.id,
        "rule": f.rule_id,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "line": f.line,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "alternatives": [a.text for a in s.alternatives],
        "words": words,
        "sentence": [s.sentence_start, s.sentence_end],
        "safety": s.safety.value,
        "confidence": f.confidence,
        "note": s.note,
        "status": s.status.value,
        "choice": s.choice,
        "edited": s.edited_text,
        "comment": s.comment,
        "by": s.by,
        "at": s.at,
    }


@dataclass(frozen=True, slots=True)
class Live:
    """What makes the report the live page of `reviewer serve`.

    `base` is the URL path of this review's routes (`/r/<key>`); `revs` counts
    each suggestion's history entries, so the server can tell a decision made
    on what the page showed from one made on something already changed;
    `marked` is False when the text shown is not the text the review was made
    of (then no mark can be placed); `notice` says why, or "".
    """

    base: str
    review_file: str
    corrected: str
    user: str
    version: str
    revs: dict[str, int]
    marked: bool = True
    notice: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    """Everything the report shows about one document."""

    path: str
    sha256: str
    text: str
    words: int
    suggestions: tuple[Suggestion, ...]
    checked_at: str = ""
    engine: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def page_from_review(review: ReviewFile, text: str, checked_at: str = "") -> Page:
    """A page for a review file and the current text of its document."""
    return Page(
        path=review.document_path,
        sha256=review.document_sha256,
        text=text,
        words=count_words(text),
        suggestions=review.suggestions,
        checked_at=checked_at,
        engine=dict(review.engine),
        settings=dict(review.settings),
    )
