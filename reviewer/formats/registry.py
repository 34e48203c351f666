"""The registry of output formats: a format exists when it is listed in `FORMATS`.

Each format's module is imported when a report is first rendered in it: a
check that prints text does not load the SARIF, JUnit or GitLab renderers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from reviewer.formats import Format
from reviewer.formats.context import RenderContext
from reviewer.model import Report

Renderer = Callable[[Report, RenderContext], str]


# Each format's module, which has `render(report, context) -> str`.
FORMATS: dict[Format, str] = {
    Format.TEXT: "reviewer.formats.text",
    Format.JSON: "reviewer.formats.json_format",
    Format.SARIF: "reviewer.formats.sarif",
    Format.JUNIT: "reviewer.formats.junit",
    Format.GITHUB: "reviewer.formats.github",
    Format.GITLAB: "reviewer.formats.gitlab",
    Format.RDJSONL: "reviewer.formats.rdjsonl",
}


def renderer(fmt: Format) -> Renderer:
    """The renderer of format `fmt`."""
    render_: Renderer = importlib.import_module(FORMATS[fmt]).render
    return render_


def render(
    fmt: Format, report: Report, color: bool = False, context: RenderContext | None = None
) -> str:
    """`report` in format `fmt`; `context` (gate, baseline, sources) overrides `color`."""
    ctx = context if context is not None else RenderContext(color=color)
    return renderer(fmt)(report, ctx)
