"""The registry of output formats: a format exists when it is listed in `FORMATS`."""

from __future__ import annotations

from collections.abc import Callable

from reviewer.formats import Format, github, gitlab, json_format, junit, rdjsonl, sarif, text
from reviewer.formats.context import RenderContext
from reviewer.model import Report

Renderer = Callable[[Report, RenderContext], str]


FORMATS: dict[Format, Renderer] = {
    Format.TEXT: text.render,
    Format.JSON: json_format.render,
    Format.SARIF: sarif.render,
    Format.JUNIT: junit.render,
    Format.GITHUB: github.render,
    Format.GITLAB: gitlab.render,
    Format.RDJSONL: rdjsonl.render,
}

def render(
    fmt: Format, report: Report, color: bool = False, context: RenderContext | None = None
) -> str:
    """`report` in format `fmt`; `context` (gate, baseline, sources) overrides `color`."""
    ctx = context if context is not None else RenderContext(color=color)
    return FORMATS[fmt](report, ctx)
