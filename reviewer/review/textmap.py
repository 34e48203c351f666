"""Where a reviewed text's spans are in an edited version, and word diffs inside a span.

The one module that imports diff-match-patch (docs/review-file.md, "Decisions
follow the document's edits"). Positions are Python code points.

`TextMap.between(old, new)` diffs the reviewed text and the current one once
(`diff_main` in line mode, then `diff_cleanupSemanticLossless`, which moves
each edit to word boundaries); `position` is `diff_xIndex` by bisection, and
`span` says where a span is now, or None when its text changed. A span is
unchanged when no edit falls inside it and no letter or digit was glued to
its edges (`civil` in `uncivil` is another word).

Not `diff_cleanupSemantic`: it folds a short unchanged run between two edits
into them (`bought a apple` -> `purchased a red apple` loses the kept `a`), so a
decision on untouched words would be dropped. Not `patch_apply`: it is fuzzy and
could write onto text that is not the text decided.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

Kind = Literal["equal", "delete", "insert"]
_KIND: dict[int, Kind] = {0: "equal", -1: "delete", 1: "insert"}

# A generous bound (seconds) on one diff: a 1 MB document with a sentence rewritten takes
# 0.01 s, with 100 words replaced all over 0.1 s (bench/map_speed.py); every tenth line
# reversed reaches it (the lines are mapped by then: 90 % of spans kept, the right ones).
# Past it the rest is one deletion and one insertion, so
# spans there count as changed (a re-review still matches them by id): a slow diff loses
# decisions, it never moves one onto other text.
TIMEOUT = 2.0
_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)


@cache
def _differ_class() -> type[Any]:
    # Imported when first needed: `check` reads review files without ever diffing.
    from diff_match_patch import diff_match_patch

    class Differ(diff_match_patch):  # type: ignore[misc]  # the library has no type hints
        def diff_halfMatch(self, text1: str, text2: str) -> None:
            # The half-match speed-up gives up the shortest diff as soon as there is a
            # timeout; the bisection alone keeps it, and honours the timeout too.
            return None

    return Differ


def _differ() -> Any:
    d = _differ_class()()
    d.Diff_Timeout = TIMEOUT
    return d


@dataclass(frozen=True, slots=True)
class TextMap:
    """The diff of `old` (the text reviewed) into `new` (the text now), for mapping spans.

    `old_at[i]` and `new_at[i]` are where run `i` of the diff starts in each
    text; `equal[i]` says whether the run is kept (else it is a deletion of
    `old_len[i]` characters and an insertion of `new_len[i]`, either may be 0).
    """

    old: str
    new: str
    old_at: tuple[int, ...]
    new_at: tuple[int, ...]
    old_len: tuple[int, ...]
    new_len: tuple[int, ...]
    equal: tuple[bool, ...]

    @classmethod
    def between(cls, old: str, new: str) -> TextMap:
        """The map from `old` to `new`."""
        if old == new:
            diffs: list[tuple[int, str]] = [(0, old)] if old else []
        else:
            d = _differ()
            diffs = d.diff_main(old, new, True)
            d.diff_cleanupSemanticLossless(diffs)
        # Runs: each kept stretch, and each change (deletion and insertion together).
        old_at: list[int] = []
        new_at: list[int] = []
        old_len: list[int] = []
        new_len: list[int] = []
        equal: list[bool] = []
        i = j = 0
        for op, text in diffs:
            n = len(text)
            if op == 0 or not equal or equal[-1]:
                old_at.append(i)
                new_at.append(j)
                old_len.append(0)
                new_len.append(0)
                equal.append(op == 0)
            if op != 1:
                old_len[-1] += n
                i += n
            if op != -1:
                new_len[-1] += n
                j += n
        return cls(old, new, tuple(old_at), tuple(new_at), tuple(old_len), tuple(new_len),
                   tuple(equal))

    def _run(self, pos: int) -> int:
        """The run where old position `pos` lies (the last one starting at or before it)."""
        return max(0, bisect_right(self.old_at, pos) - 1)

    def position(self, pos: int) -> int:
        """Where old position `pos` is in the new text (`diff_xIndex`: a deleted one
        goes to where the deletion was)."""
        if not self.equal:
            return 0
        k = self._run(pos)
        # A position at a run's start also ends the run before: diff_xIndex takes the later.
        if self.equal[k]:
            return self.new_at[k] + min(pos - self.old_at[k], self.old_len[k])
        return self.new_at[k] if pos < self.old_at[k] + self.old_len[k] else \
            self.new_at[k] + self.new_len[k]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where old `start:end` is in the new text, or None when its text changed.

        Changed: an edit inside it, or a letter or digit glued onto an edge of
        it that was not there (an empty span needs kept text on both sides).
        """
        if len(self.equal) <= 1 and self.equal[:1] != (False,):  # the same text
            return start, end
        k = self._run(start)
        if not self.equal or not self.equal[k]:
            return None
        if start == end and start == self.old_at[k] and start > 0:
            return None  # an edit right before a point: it is not known which side it went
        if end > self.old_at[k] + self.old_len[k]:
            return None
        at = self.new_at[k] + start - self.old_at[k]
        stop = at + end - start
        if start < end and (_glued(self.old[start], self.old, start - 1, self.new, at - 1)
                            or _glued(self.old[end - 1], self.old, end, self.new, stop)):
            return None
        return at, stop


def _glued(edge: str, old: str, i: int, new: str, j: int) -> bool:
    """True when new[j], next to a span's `edge` character, is a letter or digit that
    old[i] was not: the word the span is part of changed."""
    if not edge.isalnum() or not 0 <= j < len(new) or not new[j].isalnum():
        return False
    return not 0 <= i < len(old) or old[i] != new[j]


def word_diff(old: str, new: str) -> tuple[tuple[Kind, str], ...]:
    """`old` turned into `new` word by word, each change as small as reads well.

    A word-level `diff_main` (each word, run of spaces or other character a
    token); a replaced word that only gains or loses letters at one end shows
    just those (`civil{+ian+}`), other replacements show whole words
    (`[-This-]{+These+}`). Only `old` and `new` are compared: the change shown
    never reaches beyond them.
    """
    if old == new:
        return (("equal", old),) if old else ()
    tokens: dict[str, str] = {}
    a = _encode(old, tokens)
    b = _encode(new, tokens)
    d = _differ()
    d.Diff_Timeout = 0  # a span and its replacement: a few words
    text = {v: k for k, v in tokens.items()}
    ops = [(_KIND[op], "".join(text[c] for c in s)) for op, s in d.diff_main(a, b, False)]
    return tuple(_trimmed(ops))


def _encode(s: str, tokens: dict[str, str]) -> str:
    # One character per distinct token, so that diff_main compares words (as its
    # line mode compares lines); private-use code points, far beyond any span's count.
    return "".join(tokens.setdefault(t, chr(0xF0000 + len(tokens))) for t in _TOKEN.findall(s))


def _trimmed(ops: list[tuple[Kind, str]]) -> list[tuple[Kind, str]]:
    """Each change (deletion, insertion or both) with an end-growth shown as such."""
    out: list[tuple[Kind, str]] = []
    i = 0
    while i < len(ops):
        if ops[i][0] == "equal":
            out.append(ops[i])
            i += 1
            continue
        gone = came = ""
        while i < len(ops) and ops[i][0] != "equal":
            if ops[i][0] == "delete":
                gone += ops[i][1]
            else:
                came += ops[i][1]
            i += 1
        p = _common_prefix(gone, came)
        s = _common_prefix(gone[p:][::-1], came[p:][::-1])
        if gone and came and (p + s == len(gone) or p + s == len(came)):
            middle: list[tuple[Kind, str]] = [("delete", gone[p:len(gone) - s]),
                                              ("insert", came[p:len(came) - s])]
            parts = [("equal", gone[:p]), *middle, ("equal", gone[len(gone) - s:])]
        else:
            parts = [("delete", gone), ("insert", came)]
        out.extend(x for x in parts if x[1])
    merged: list[tuple[Kind, str]] = []
    for kind, text in out:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
