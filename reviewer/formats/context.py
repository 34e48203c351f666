"""What a renderer may know besides the report: colour, the gate, the baseline.

Renderers stay pure functions of `(Report, RenderContext)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reviewer.gate import Gate
from reviewer.model import Finding

TOOL_NAME = "reviewer"


@dataclass(frozen=True, slots=True)
class RenderContext:
    """Options shared by every renderer.

    `gone` holds the baseline's findings that are no longer reported, and
    `unchanged` how many baseline findings are still there (not reported);
    `baseline` is the baseline file's path, empty when none was used.
    `sources` maps a document path to its text, for formats that count
    columns in UTF-8 bytes (rdjsonl); without it they fall back to code points.
    """

    color: bool = False
    gate: Gate = field(default_factory=Gate)
    baseline: str = ""
    gone: tuple[Finding, ...] = ()
    unchanged: int = 0
    sources: Mapping[str, str] = field(default_factory=dict)


def one_line(s: str) -> str:
    """`s` with every run of white space (newlines too) made one space."""
    return " ".join(s.split())
