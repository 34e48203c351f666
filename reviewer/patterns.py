"""Regular expressions a user gives (`ignore_patterns`), run in bounded time.

A pattern from a configuration file or a review file is compiled with RE2
(google-re2), which matches in time linear in the text: no pattern can hang
a run, whatever the text (`(a+)+$` on thirty `a`s and a `b` takes a
Python `re` minutes and RE2 microseconds). RE2 has no backreferences and no
lookaround; such a pattern is refused with a clear message. RE2's syntax is
otherwise Python's (`(?i)`, `\\b`, `\\d`, classes, non-greedy `*?`); `$`
matches at the end of the text only (Python's also before a final newline).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import re2

MAX_MEMORY = 8 << 20  # bytes RE2 may use to compile one pattern; more is refused


class PatternError(ValueError):
    """A pattern that cannot be run in bounded time; the message says why."""


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False  # the error is ours to report, in one line
    options.max_mem = MAX_MEMORY
    return options


class Pattern:
    """A compiled user pattern: `finditer` gives (start, end) spans in code points."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        try:
            self._compiled = re2.compile(pattern, _options())
        except re2.error as exc:
            cause = exc.args[0] if exc.args else exc
            if isinstance(cause, bytes):
                cause = cause.decode("utf-8", "replace")
            raise PatternError(
                f"invalid regular expression {pattern!r}: {cause} (patterns run "
                "with RE2, without backreferences or lookaround, so that none can hang a run)"
            ) from None
        except (TypeError, ValueError, UnicodeError) as exc:
            raise PatternError(f"invalid regular expression {pattern!r}: {exc}") from None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """The non-overlapping matches of the pattern in `text`, left to right."""
        for m in self._compiled.finditer(text):
            yield m.start(), m.end()

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)


def compile_pattern(pattern: str) -> Pattern:
    """`pattern` compiled for bounded-time matching, or PatternError."""
    return Pattern(pattern)
