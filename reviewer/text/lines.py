"""Lines and columns of code-point offsets."""

from __future__ import annotations

import bisect
import re


class LineIndex:
    """Maps code-point offsets to 1-based lines and columns."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, column in code points."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1
