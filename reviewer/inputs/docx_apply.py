"""`reviewer apply` on a Word document: applied suggestions as revisions, others as comments.

`reviewer.inputs.applying` decides what is applied (verified, not refused, the
unit whole); here the outcome is written with the user's Word options: the
revisions' author, plain edits instead of revisions (`track=False`), and a Word
comment on each suggestion left out (`comments`: `pending` ones only, `all` of
them whatever their status, or `none`). A comment says what reviewer proposes:
the rule's message, the replacement, severity and confidence, and the
review-file id, which `reviewer import` reads back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.inputs.docx_write import Note, WriteOptions, write
from reviewer.inputs.writeback import Correction
from reviewer.review.apply import ApplyOutcome, locate
from reviewer.review.suggest import Status, Suggestion
from reviewer.text.document import Document

COMMENTS = ("pending", "all", "none")
ID_LABEL = "reviewer id "  # how a comment names its suggestion (read by reviewer import)


@dataclass(frozen=True, slots=True)
class WordOptions:
    """How `reviewer apply` writes a Word document."""

    author: str = "reviewer"
    comments: str = "pending"
    track: bool = True
    drop_macros: bool = False


def comment_text(s: Suggestion) -> str:
    """What the comment on suggestion `s` says."""
    f = s.finding
    rep = s.replacement
    lines = [f.message or f.short_message or f.rule_id]
    if rep is not None:
        lines.append(f"reviewer proposes: {rep!r} for {f.text!r}")
    lines.append(f"{f.rule_id}, {f.severity.value}, confidence {f.confidence:.2f}")
    lines.append(ID_LABEL + s.id)
    return "\n".join(lines)


def write_applied(doc: Document, outcome: ApplyOutcome, suggestions: Sequence[Suggestion],
                  options: WordOptions) -> bytes:
    """The package of `doc` with `outcome.applied` written, and comments as asked."""
    corrections = {Correction(a.start, a.end, a.replacement): a.suggestion.id
                   for a in outcome.applied}
    applied = {a.suggestion.id for a in outcome.applied}
    notes = []
    for s in suggestions:
        if options.comments == "none" or s.id in applied or s.status is Status.OBSOLETE:
            continue
        if options.comments == "pending" and s.status is not Status.PENDING:
            continue
        span = locate(s, doc.text)
        if span is not None and span[1] > span[0]:
            notes.append(Note(span[0], span[1], comment_text(s)))
    return write(doc.raw, list(corrections), WriteOptions(
        author=options.author, track=options.track, drop_macros=options.drop_macros),
        notes, corrections)
