"""Writing corrected prose back into a file of the same format.

A correction replaces a file span (the code-point offsets of a `Finding`
found in that file) with new text, escaped the way the format needs. Every
correction is checked against the segments first: it must lie inside one
segment's prose, delete no tag and touch no code. The result is parsed
again, so a file that would not re-read is never returned; everything
outside the corrected spans stays byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reviewer.text.placeholders import placeholder_change
from reviewer.text.segment import Segment, SegmentIndex

BOM = "\ufeff"
Extract = Callable[[bytes], tuple[Segment, ...]]
Escape = Callable[[str], str]


@dataclass(frozen=True, slots=True, order=True)
class Correction:
    """Replace file[start:end] (code points, BOM excluded) with `replacement`."""

    start: int
    end: int
    replacement: str


class WriteBackError(ValueError):
    """A correction that cannot be written back; the message says which and why."""


def refusal(segments: SegmentIndex, c: Correction) -> str:
    """Why `c` cannot be written into the file these segments came from ("" if it can)."""
    reasons = []
    for seg in segments.around(c.start, c.end):
        if seg.pieces:
            reason = seg.refusal(c.start, c.end)
            if not reason:
                return ""
            reasons.append(reason)
    return reasons[0] if reasons else "not inside checked prose"


def placeholder_refusal(segments: SegmentIndex, c: Correction) -> str:
    """Why a reviewed edit `c` may not go into its bilingual unit ("" if it may): it would
    change the target's placeholders (reviewer.text.placeholders). The format itself would
    write it: this is `apply`'s rule, not the format's."""
    for seg in segments.around(c.start, c.end):
        span = seg.from_file(c.start, c.end) if seg.has_source else None
        if span is not None:
            after = seg.text[: span[0]] + c.replacement + seg.text[span[1]:]
            change = placeholder_change(seg.text, after)
            return f"would change the unit's placeholders: {change}" if change else ""
    return ""


def splice(
    original: bytes, corrections: Sequence[Correction], extract: Extract, escape: Escape
) -> bytes:
    """`original` with every correction applied, or `WriteBackError`."""
    text = original.decode("utf-8")
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    segments = SegmentIndex(extract(original))
    ordered = sorted(corrections)
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        if cur.start < prev.end:
            raise WriteBackError(f"corrections at {prev.start} and {cur.start} overlap")
    for c in ordered:
        reason = refusal(segments, c)
        if reason:
            raise WriteBackError(f"correction at {c.start}-{c.end} {body[c.start:c.end]!r}: "
                                 f"{reason}")
    parts = []
    pos = 0
    for c in ordered:
        parts.append(body[pos : c.start])
        parts.append(escape(c.replacement))
        pos = c.end
    parts.append(body[pos:])
    result = ((BOM if bom else "") + "".join(parts)).encode("utf-8")
    try:
        extract(result)
    except ValueError as exc:
        raise WriteBackError(f"the corrected file would not read again: {exc}") from None
    return result
