"""Reading an editor's verdicts back from a Word document `reviewer apply` wrote.

Each revision `reviewer apply` wrote is inside a hidden bookmark `_reviewer_<id>`
(reviewer.inputs.docx_write). In the returned document:

- the bookmark still holds a revision (`w:ins` or `w:del`) -> pending: undecided;
- no revision, and the text in it is the replacement -> accepted;
- no revision, and the text is the original -> rejected;
- any other text -> edited, with the editor's text.

A comment of ours (it names `reviewer id <id>`) that was answered gives the
reply, and its author, as the decision's comment; one marked done
(w15:done, commentsExtended.xml) without a reply says "resolved in Word".
Word records nobody as the one who accepted or rejected a change: the
caller's name is used then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.inputs.docx_apply import ID_LABEL
from reviewer.inputs.docx_write import BOOKMARK_PREFIX
from reviewer.review.suggest import Decision, Status, Suggestion
from reviewer.text.docx_package import Package, open_package, parse_part
from reviewer.text.docx_text import W

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
RESOLVED = "resolved in Word"


@dataclass(frozen=True, slots=True)
class Found:
    """What became of one of our revisions: its text now, and whether it is still there."""

    sid: str
    text: str
    pending: bool


@dataclass(frozen=True, slots=True)
class Reply:
    """The answer to one of our comments: its text and author, or only `done`."""

    sid: str
    text: str
    author: str
    done: bool


def _sid(name: str) -> str:
    base, _, n = name[len(BOOKMARK_PREFIX):].partition("_")
    return f"{base}-{n}" if n else base


def revisions(pkg: Package) -> dict[str, Found]:
    """Our bookmarked revisions in every part that holds prose."""
    out: dict[str, Found] = {}
    names = [pkg.main] + [n for kind in ("header", "footer", "footnotes", "endnotes")
                          for n in pkg.related(pkg.main, kind)]
    for name in names:
        root = parse_part(pkg, name)
        order = list(root.iter())
        ends = {el.get(W + "id"): i for i, el in enumerate(order)
                if el.tag == W + "bookmarkEnd"}
        for i, el in enumerate(order):
            if el.tag != W + "bookmarkStart" or not (el.get(W + "name") or "").startswith(
                    BOOKMARK_PREFIX):
                continue
            end = ends.get(el.get(W + "id"), i)
            inside = order[i + 1:end]
            text = "".join(_text(e) for e in inside)
            pending = any(e.tag in (W + "ins", W + "del") for e in inside)
            out[_sid(el.get(W + "name"))] = Found(_sid(el.get(W + "name")), text, pending)
    return out


def _text(el: Any) -> str:
    if el.tag == W + "t":
        return el.text or ""
    if el.tag == W + "tab":
        return "\t"
    if el.tag in (W + "br", W + "cr"):
        return "\n"
    return ""


def replies(pkg: Package) -> dict[str, Reply]:
    """The answers to our comments, by suggestion id."""
    names = pkg.related(pkg.main, "comments")
    if not names:
        return {}
    comments = parse_part(pkg, names[0])
    extended: dict[str, tuple[str, bool]] = {}  # paraId -> (parent paraId, done)
    for name in pkg.related(pkg.main, "commentsExtended"):
        for ex in parse_part(pkg, name).iter(W15 + "commentEx"):
            extended[ex.get(W15 + "paraId", "")] = (ex.get(W15 + "paraIdParent", ""),
                                                    ex.get(W15 + "done") == "1")
    ours: dict[str, tuple[str, bool]] = {}  # paraId -> (sid, done)
    others: list[tuple[str, str, str]] = []  # (parent paraId, text, author)
    for c in comments.iterchildren(W + "comment"):
        paras = c.findall(W + "p")
        text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in paras)
        para_id = paras[-1].get(W14 + "paraId", "") if paras else ""
        parent, done = extended.get(para_id, ("", False))
        sid = next((line[len(ID_LABEL):].strip() for line in text.splitlines()
                    if line.startswith(ID_LABEL)), "")
        if sid:
            ours[para_id] = (sid, done)
        elif parent:
            others.append((parent, text, c.get(W + "author", "")))
    out: dict[str, Reply] = {}
    for parent, text, author in others:
        if parent in ours:
            sid, done = ours[parent]
            out[sid] = Reply(sid, text, author, done)
    for sid, done in ours.values():
        if done and sid not in out:
            out[sid] = Reply(sid, "", "", True)
    return out


def decisions(suggestions: tuple[Suggestion, ...], raw: bytes, user: str, at: str
              ) -> tuple[list[Decision], list[str]]:
    """The decisions the returned document `raw` records, and notes on what it lacks."""
    pkg = open_package(raw)
    found = revisions(pkg)
    answered = replies(pkg)
    out: list[Decision] = []
    notes: list[str] = []
    for s in suggestions:
        f = found.get(s.id)
        r = answered.get(s.id)
        comment = (r.text or RESOLVED) if r else ""
        by = (r.author if r and r.author else user)
        if f is None:
            if r:
                out.append(Decision(id=s.id, status=s.status, choice=s.choice,
                                    edited_text=s.edited_text, comment=comment, by=by, at=at))
            continue
        if f.pending:
            out.append(Decision(id=s.id, status=Status.PENDING, comment=comment, by=by, at=at))
        elif f.text == s.edited_text and s.edited_text is not None:
            out.append(Decision(id=s.id, status=Status.EDITED, edited_text=f.text,
                                comment=comment, by=by, at=at))
        elif f.text in (texts := [a.text for a in s.alternatives]):
            out.append(Decision(id=s.id, status=Status.ACCEPTED, choice=texts.index(f.text),
                                comment=comment, by=by, at=at))
        elif f.text == s.finding.text:
            out.append(Decision(id=s.id, status=Status.REJECTED, comment=comment, by=by, at=at))
        else:
            out.append(Decision(id=s.id, status=Status.EDITED, edited_text=f.text,
                                comment=comment, by=by, at=at))
    missing = [s.id for s in suggestions if s.status in (Status.ACCEPTED, Status.EDITED)
               and s.id not in found]
    if missing:
        notes.append(f"{len(missing)} applied suggestion(s) have no revision of ours in the "
                     f"document (not written by reviewer apply, or removed): "
                     + ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else ""))
    return out, notes
