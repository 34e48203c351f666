"""Output formats: each a pure function of a `Report` and a `RenderContext`.

This package's face names the formats and nothing more, so that settings can
name them without importing a renderer; `reviewer.formats.registry` holds the
explicit registry (a format exists when it is listed in `FORMATS`) and `render`.
"""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    GITLAB = "gitlab"
    RDJSONL = "rdjsonl"


# Formats that are one document each: at most one of them can go to stdout.
WHOLE_DOCUMENT = frozenset({Format.JSON, Format.SARIF, Format.JUNIT, Format.GITLAB})
