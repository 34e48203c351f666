"""An edit keeps a translation's placeholders, as pofilter's printf check asks.

A python-format PO string given one `%s` more or less crashes the program that
formats it, or prints the wrong value. Placeholders are those of
reviewer.text.protected but its HTML-like tags (printf `%s` `%1$d`, Python
`%(name)s`, `{0}`, `{name}`, `{{x}}`, `${x}`), counted as a multiset: `%s`
twice is not `%s` once. Tags are left out: `<us>` written in a target is
text, escaped by the format, and the format's own checks keep its markup.
"""

from __future__ import annotations

from collections import Counter

from reviewer.text.protected import placeholder_spans


def placeholder_change(before: str, after: str) -> str:
    """What writing `after` in place of `before` does to the placeholders ("" if nothing)."""
    old, new = _counted(before), _counted(after)
    if old == new:
        return ""
    changes = [f"adds the placeholder {p!r}" for p in sorted((new - old).elements())]
    changes += [f"drops the placeholder {p!r}" for p in sorted((old - new).elements())]
    return " and ".join(changes)


def _counted(text: str) -> Counter[str]:
    return Counter(text[s:e] for s, e in placeholder_spans(text) if text[s] != "<")
