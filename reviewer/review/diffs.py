"""The one adapter around diff-match-patch; no other module imports it.

Diffs are made per sentence or span, never on a whole document: the library's
1 s `Diff_Timeout` silently turns a long diff into delete-all/insert-all.
Word-level diffs map each word (and each run of spaces, each punctuation mark)
to one character, diff and clean up the mapped strings, then map back, so an
edit never splits a word and no operation is empty.

Patches use diff-match-patch's patch text (percent-encoded UTF-8, offsets in
code points). The library's own `patch_apply` is fuzzy: with the default
`Match_Threshold` a patch made for "He go" applies to "He went" as
"He wentes". `apply_patch_strict` applies a patch only where every deleted
and kept character is exactly where the patch says.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Mapped characters start past the surrogates' block edge problems: plain BMP
# letters from U+0100 on, skipping U+D800..U+DFFF if a sentence ever needs them.
_FIRST_CHAR = 0x100


class Op(StrEnum):
    """A diff operation, named as the review file spells it."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


_FROM_DMP = {0: Op.EQUAL, -1: Op.DELETE, 1: Op.INSERT}
_TO_DMP = {v: k for k, v in _FROM_DMP.items()}


class DiffOp(NamedTuple):
    """One operation of a diff: keep, delete or insert `text` (never empty).

    A named tuple, so that it is written as `["delete", "text"]` in JSON.
    """

    op: Op
    text: str


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # sentences are short: no silent give-up
    dmp.Match_Threshold = 0.0
    dmp.Patch_DeleteThreshold = 0.0
    return dmp


def tokens(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation marks; they join back to `text`."""
    return _TOKEN.findall(text)


def _char(i: int) -> str:
    code = _FIRST_CHAR + i
    if code >= 0xD800:
        code += 0x800
    return chr(code)


def word_diff(before: str, after: str) -> tuple[DiffOp, ...]:
    """A word-level diff of `before` into `after`, semantically cleaned, no empty ops."""
    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in tokens(text):
            if tok not in table:
                table[tok] = _char(len(words))
                words.append(tok)
            out.append(table[tok])
        return "".join(out)

    a, b = encode(before), encode(after)
    dmp = _dmp()
    mapped = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(mapped)
    back = {c: w for w, c in table.items()}
    ops: list[DiffOp] = []
    for code, chars in mapped:
        text = "".join(back[c] for c in chars)
        if not text:
            continue
        op = _FROM_DMP[code]
        if ops and ops[-1].op is op:
            ops[-1] = DiffOp(op, ops[-1].text + text)
        else:
            ops.append(DiffOp(op, text))
    return tuple(ops)


def source_text(ops: tuple[DiffOp, ...]) -> str:
    """The text a diff starts from (kept and deleted parts)."""
    return "".join(d.text for d in ops if d.op is not Op.INSERT)


def target_text(ops: tuple[DiffOp, ...]) -> str:
    """The text a diff ends with (kept and inserted parts)."""
    return "".join(d.text for d in ops if d.op is not Op.DELETE)


def patch_text(ops: tuple[DiffOp, ...], offset: int = 0) -> str:
    """diff-match-patch patch text for `ops`, placed at `offset` of the document."""
    dmp = _dmp()
    diffs = [(_TO_DMP[d.op], d.text) for d in ops]
    patches = dmp.patch_make(source_text(ops), diffs)
    for p in patches:
        p.start1 += offset
        p.start2 += offset
    text: str = dmp.patch_toText(patches)
    return text


def apply_patch_strict(text: str, patch: str) -> str | None:
    """`text` with `patch` applied, or None unless every hunk matches exactly at its place.

    Each hunk's context and deleted text must sit at the hunk's own offset
    (shifted by what earlier hunks changed); there is no fuzzy search.
    """
    dmp = _dmp()
    try:
        patches = dmp.patch_fromText(patch)
    except ValueError:
        return None
    # Hunk offsets count in the text as earlier hunks left it.
    for p in patches:
        start = p.start1
        source = "".join(t for op, t in p.diffs if op != 1)
        if start < 0 or text[start : start + len(source)] != source:
            return None
        target = "".join(t for op, t in p.diffs if op != -1)
        text = text[:start] + target + text[start + len(source) :]
    return text


def apply_patch_fuzzy(text: str, patch: str) -> tuple[str, list[bool]]:
    """diff-match-patch's own fuzzy `patch_apply` with its default thresholds.

    Kept only to show (in tests) what strict application protects against.
    """
    dmp = diff_match_patch()
    result: tuple[str, list[bool]] = dmp.patch_apply(dmp.patch_fromText(patch), text)
    return result
