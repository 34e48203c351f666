"""`reviewer list FILE [--status S]`: the suggestions of a review file with their diffs.

Deletions show as `[-text-]` and insertions as `{+text+}`; on a terminal they
are also red struck-through and green underlined (never colour alone).
`NO_COLOR` or `--color never` turns colour off. The diff shown is made from
the text `apply` would write, in its sentence read from the document (chosen
as `apply` chooses it); when that is not the text reviewed (changed or
missing), only the span and its replacement are shown. Every text from the
file is printed with its control characters escaped.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer.commands.terminal import printable, use_color
from reviewer.review.diffs import DiffOp, Op
from reviewer.review.store import load
from reviewer.review.suggest import Status, Suggestion
from reviewer.review.trust import document_text

EDGE = 40  # characters of unchanged text kept on each side of a change

_STYLE = {Op.DELETE: ("\x1b[31;9m", "\x1b[0m"), Op.INSERT: ("\x1b[32;4m", "\x1b[0m")}
_MARK = {Op.DELETE: ("[-", "-]"), Op.INSERT: ("{+", "+}")}


def add_parser(sub: Any) -> None:
    p = sub.add_parser("list", help="list the suggestions of a review file")
    p.add_argument("review_file", metavar="FILE")
    p.add_argument("--status", type=Status, choices=list(Status), action="append",
                   help="only suggestions with this status (repeatable)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def render_diff(ops: tuple[DiffOp, ...], color: bool, edge: int = EDGE) -> str:
    """One line: changes marked, unchanged text shortened to `edge` characters a side."""
    out = []
    last = len(ops) - 1
    for i, d in enumerate(ops):
        text = printable(d.text.replace("\n", "⏎"))
        if d.op is Op.EQUAL:
            if i == 0 and len(text) > edge:
                text = "…" + text[-edge:]
            elif i == last and len(text) > edge:
                text = text[:edge] + "…"
            elif 0 < i < last and len(text) > 2 * edge:
                text = text[:edge] + " … " + text[-edge:]
            out.append(text)
            continue
        start, end = _MARK[d.op]
        if color:
            on, off = _STYLE[d.op]
            out.append(f"{on}{start}{text}{end}{off}")
        else:
            out.append(f"{start}{text}{end}")
    return "".join(out)


def render(s: Suggestion, color: bool, text: str | None) -> str:
    """A suggestion as a few lines of text: header, diff, alternatives, decision.

    `text` is the document's text the review was made of (None: unknown).
    """
    f = s.finding
    lines = [f"{printable(s.id)}  {s.status.value:<8} {f.severity.value:<8} "
             f"{printable(f.rule_id)}  {f.line}:{f.column}  {printable(f.message)}"]
    if s.status is Status.EDITED and s.edited_text is not None:
        lines.append("    " + render_diff(s.diff(s.edited_text, text), color))
    elif s.alternatives:
        chosen = s.alternatives[s.choice or 0]
        lines.append("    " + render_diff(s.diff(chosen.text, text), color))
        if len(s.alternatives) > 1:
            alts = "  ".join(f"{i}) {printable(repr(a.text))}"
                             for i, a in enumerate(s.alternatives[:9], 1))
            lines.append(f"    alternatives: {alts}")
    else:
        lines.append(f"    {printable(repr(f.text))}: {s.note}")
    if s.comment or s.by:
        lines.append(printable(f"    {s.by or '?'} {s.at}: {s.comment}".rstrip(": ")))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    review = load(args.review_file)
    color = use_color(args.color)
    shown = [s for s in review.suggestions if not args.status or s.status in args.status]
    text = document_text(review, args.review_file) if shown else None
    if shown and text is None:
        print(f"reviewer: note: {printable(review.document_path)} is not the text reviewed "
              "(changed since or unreadable): changes are shown without their sentence",
              file=sys.stderr)
    for s in shown:
        print(render(s, color, text))
    counts = ", ".join(f"{n} {k}" for k, n in review.summary().items() if n)
    print(f"{printable(review.document_path)}: {len(shown)} of {len(review.suggestions)} "
          f"suggestions shown ({counts or 'none'})")
    return 0
