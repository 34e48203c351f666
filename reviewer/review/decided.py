"""Editors' decisions in CI: the review files' decisions matched to a check's findings.

`reviewer check --review-file R` (or `review_files` in the configuration)
reads each review file, validated like any untrusted one
(reviewer.review.store.load), and matches its decided suggestions to the
check's findings by document and finding id. The id is the fingerprint
(reviewer.model.fingerprint: rule, matched text and the text around it, no
offsets), so a review made on an earlier version of a document still matches
wherever the text around a finding is unchanged. When the document changed
since the review and the review file keeps the text reviewed, a decision also
matches the finding of its rule on its span mapped onto the text now, if its
words are untouched (reviewer.review.follow).

A rejected suggestion suppresses its finding: the finding leaves the report
that the gate and the formats see and is carried beside it, with the
editor's comment as the justification. An accepted or edited one whose
finding is still reported has not been applied yet: the finding stays, with
a note. Pending and obsolete suggestions decide nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewer.model import Finding, Report
from reviewer.review.follow import placer
from reviewer.review.record import REVIEW_SUFFIX, ReviewFile, ReviewFileError
from reviewer.review.store import load
from reviewer.review.suggest import DECIDED, Status
from reviewer.review.textmap import TextMap
from reviewer.text.document import InputError, read_document

Key = tuple[str, str]  # (document path as the report has it, finding id)


@dataclass(frozen=True, slots=True)
class EditorDecision:
    """An editor's decision on one finding, as a check reports it.

    `replacement` is the text `apply` would write (accepted or edited only).
    """

    status: Status
    review_file: str
    comment: str = ""
    by: str = ""
    at: str = ""
    replacement: str | None = None

    @property
    def suppresses(self) -> bool:
        return self.status is Status.REJECTED

    # Both texts are one line: the review file is untrusted, and a line break in it
    # must not start a line of the log (GitHub Actions obeys `::command::` lines).

    def justification(self) -> str:
        """Why the finding is suppressed: the editor's comment, else who rejected it and when."""
        if self.comment.strip():
            return _one_line(self.comment)
        who = f" by {_one_line(self.by)}" if self.by.strip() else ""
        when = f" on {_one_line(self.at)}" if self.at.strip() else ""
        return f"rejected{who}{when} in {self.review_file}"

    def note(self) -> str:
        """One line for a finding whose fix an editor took but nobody has applied."""
        what = "edited" if self.status is Status.EDITED else "accepted"
        to = f" → “{_one_line(self.replacement)}”" if self.replacement is not None else ""
        who = f" by {_one_line(self.by)}" if self.by.strip() else ""
        return f"editor {what}{to}{who}, not applied yet ({self.review_file})"


def _one_line(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class Matched:
    """A report split by the editors' decisions.

    `report` holds every finding not suppressed (what the gate counts);
    `suppressed` the findings an editor rejected; `decisions` the decision on
    each finding of either that has one, by (path, id); `unmatched` the review
    files whose document this run did not check.
    """

    report: Report
    suppressed: tuple[Finding, ...] = ()
    decisions: Mapping[Key, EditorDecision] = field(default_factory=dict)
    unmatched: tuple[tuple[str, str], ...] = ()  # (review file, its document)


def review_paths(names: Iterable[str]) -> list[str]:
    """The review files named: files as given, folders by their `*.review.json` files.

    Raises ReviewFileError for a name that is neither, or a folder without one.
    """
    out: list[str] = []
    for name in names:
        p = Path(name)
        if p.is_dir():
            found = sorted(str(f) for f in p.glob(f"*{REVIEW_SUFFIX}"))
            if not found:
                raise ReviewFileError(p, f"no *{REVIEW_SUFFIX} files in this folder")
            out.extend(found)
        else:
            out.append(name)  # a missing file is reported by `load`
    return list(dict.fromkeys(out))


def load_all(paths: Sequence[str]) -> tuple[tuple[str, ReviewFile], ...]:
    """Every review file read and validated; the first bad one raises ReviewFileError."""
    return tuple((p, load(p)) for p in paths)


def _real(path: str) -> str | None:
    """`path` resolved as `reviewer review` compares documents, or None for no usable path."""
    try:
        return os.path.realpath(path)
    except (ValueError, OSError):  # a NUL byte from a hand-edited review file, say
        return None


def _moved_ids(report: Report, review: ReviewFile, doc_path: str) -> dict[str, str]:
    """The id now of each decided suggestion whose words are untouched in the document
    changed since the review: the finding of its rule on its mapped span."""
    if not review.document_text:
        return {}
    try:
        doc = read_document(doc_path)
    except InputError:
        return {}  # the check has said why
    place = placer(TextMap.between(review.document_text, doc.text))
    found = {(f.rule_id, f.start, f.end): f.id for f in report.findings if f.path == doc_path}
    out = {}
    for s in review.suggestions:
        at = place(s) if s.status in DECIDED else None
        fid = found.get((s.finding.rule_id, *at)) if at is not None else None
        if fid is not None:
            out[s.id] = fid
    return out


def match(report: Report, reviews: Sequence[tuple[str, ReviewFile]]) -> Matched:
    """Split `report` by the decisions of `reviews` ((path, review file) pairs).

    When several review files decide the same finding, the latest decision
    (by its time, then by the order of the files) wins.
    """
    checked: dict[str, list[str]] = {}
    for d in report.documents:
        real = _real(d.path)
        if real is not None:
            checked.setdefault(real, []).append(d.path)
    chosen: dict[Key, EditorDecision] = {}
    unmatched: list[tuple[str, str]] = []
    sha = {d.path: d.sha256 for d in report.documents}
    for path, review in reviews:
        real = _real(review.document_path)
        if real is None or real not in checked:
            unmatched.append((path, review.document_path))
            continue
        for doc_path in checked[real]:
            ids = _moved_ids(report, review, doc_path) if sha[doc_path] != \
                review.document_sha256 else {}
            for s in review.suggestions:
                if s.status not in DECIDED:
                    continue
                decision = EditorDecision(status=s.status, review_file=path, comment=s.comment,
                                          by=s.by, at=s.at, replacement=s.replacement)
                for sid in {s.id, ids.get(s.id, s.id)}:
                    key = (doc_path, sid)
                    if key not in chosen or chosen[key].at <= decision.at:
                        chosen[key] = decision
    found = {(f.path, f.id) for f in report.findings}
    decisions = {k: d for k, d in chosen.items() if k in found}
    rejected = {k for k, d in decisions.items() if d.suppresses}
    suppressed = tuple(f for f in report.findings if (f.path, f.id) in rejected)
    kept = tuple(f for f in report.findings if (f.path, f.id) not in rejected)
    return Matched(report=replace(report, findings=kept), suppressed=suppressed,
                   decisions=decisions, unmatched=tuple(unmatched))
