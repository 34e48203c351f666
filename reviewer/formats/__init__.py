"""Output formats: each a pure function of a `Report`.

The registry is explicit: a format exists when it is listed in `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from reviewer.formats import json_format, text
from reviewer.model import Report


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"


Renderer = Callable[[Report, bool], str]

FORMATS: dict[Format, Renderer] = {
    Format.TEXT: text.render,
    Format.JSON: json_format.render,
}


def render(fmt: Format, report: Report, color: bool = False) -> str:
    return FORMATS[fmt](report, color)
