"""Protected text: what a checker must not read as prose nor a correction change.

Placeholders of software strings (printf `%s`, `%1$d`, Python `%(name)s`, ICU
and .NET `{0}`, `{name}`, `{{var}}`, `${var}`), HTML-like tags, URLs and
e-mail addresses. Input formats add their own (XLIFF inline codes, entities,
Markdown code): reviewer.text.segment marks them all as MASK pieces, which
are sent to LanguageTool as markup, never reported on, never edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuxXoeEgGcp](?![A-Za-z])"  # printf: %s %1$d %.2f
    r"|%\([\w.]+\)[sdifr]"  # Python: %(name)s
    r"|\{\{\s*[\w.]+\s*\}\}|\$\{[\w.]+\}|\{[\w.]*(?:[,:][^{}]*)?\}"  # {{x}} ${x} {0} {n, number}
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"  # <b> </b> <br/>
)
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"]*[^\s<>()\".,;:!?']"
                 r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def protected_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each protected run of `text`, in order, never overlapping."""
    found = sorted((m.start(), m.end()) for pattern in (PLACEHOLDER, URL)
                   for m in pattern.finditer(text) if m.end() > m.start())
    end = -1
    for s, e in found:
        if s >= end:
            yield s, e
            end = e
