"""The registry of output formats: a format exists when it is listed in `FORMATS`."""

from __future__ import annotations

import json
from collections.abc import Callable

from reviewer.codec import plain
from reviewer.formats import Format, github, gitlab, json_format, junit, rdjsonl, sarif, text
from reviewer.formats.context import RenderContext
from reviewer.model import Report

Renderer = Callable[[Report, RenderContext], str]


def _text(report: Report, ctx: RenderContext) -> str:
    return text.render(report, ctx.color)


def _json(report: Report, ctx: RenderContext) -> str:
    if not ctx.baseline:
        return json_format.render(report, ctx.color)
    data = json_format.to_data(report)
    data["baseline"] = {
        "path": ctx.baseline,
        "unchanged": ctx.unchanged,
        "gone": [plain(f) for f in ctx.gone],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMATS: dict[Format, Renderer] = {
    Format.TEXT: _text,
    Format.JSON: _json,
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
