"""Protected text: what a checker must not read as prose nor a correction change.

Placeholders of software strings (printf `%s`, `%1$d`, Python `%(name)s`, ICU
and .NET `{0}`, `{name}`, `{{var}}`, `${var}`), HTML-like tags, URLs and
e-mail addresses, and a run of LONG_TOKEN characters or more without a space
(a hash, base64, minified code: not prose, and LanguageTool took seconds a
megabyte to call it a misspelling). Input formats add their own (XLIFF inline codes, entities,
Markdown code): reviewer.text.segment marks them all as MASK pieces, which
are sent to LanguageTool as markup, never reported on, never edited.

The patterns run with RE2 (reviewer.patterns), in time linear in the text:
with Python's `re`, the e-mail pattern took time quadratic in the length of a
run of word characters (an 80,000-character token: 53 s). RE2's `\\w`, `\\d`
and `\\s` are ASCII, so Python's Unicode classes are written out; printf's
"not followed by a letter" (a lookahead, which RE2 lacks) is checked on each
match instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.patterns import compile_pattern

# Python's `\w`, `\d` and `\s` on str, as RE2 class contents.
_W = r"\p{L}\p{N}_"
_D = r"\p{Nd}"
_S = (r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
      r"\x{202f}\x{205f}\x{3000}")

PLACEHOLDER = compile_pattern(
    rf"%(?:[{_D}]+\$)?[-+#0]*[{_D}]*(?:\.[{_D}]+)?[sdifuxXoeEgGcp]"  # printf: %s %1$d %.2f
    rf"|%\([{_W}.]+\)[sdifr]"  # Python: %(name)s
    rf"|\{{\{{[{_S}]*[{_W}.]+[{_S}]*\}}\}}|\$\{{[{_W}.]+\}}"  # {{x}} ${x}
    rf"|\{{[{_W}.]*(?:[,:][^{{}}]*)?\}}"  # {0} {n, number}
    rf"|</?[A-Za-z][A-Za-z0-9]*(?:[{_S}][^<>]*)?/?>"  # <b> </b> <br/>
)
URL = compile_pattern(
    rf"(?:https?://|www\.)[^{_S}<>()\"]*[^{_S}<>()\".,;:!?']"
    rf"|[{_W}.+-]+@[{_W}-]+(?:\.[{_W}-]+)+"
)
LONG_TOKEN = 200  # characters without a space from which a run is not prose
_LONG = compile_pattern(rf"[^{_S}]{{{LONG_TOKEN},}}")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def placeholder_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each placeholder or tag of `text`, in order."""
    if not any(c in text for c in "%{$<"):  # each starts so; RE2 costs more to call than `re`
        return
    for s, e in PLACEHOLDER.spans(text):
        # printf is not followed by a letter (`%sabc` is no placeholder). The letter left
        # out is not lost: no placeholder starts with a letter.
        if text[s] == "%" and text[s + 1] != "(" and e < len(text) and text[e] in _LETTERS:
            continue
        yield s, e


def url_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each URL or e-mail address of `text`, in order."""
    if "@" in text or "://" in text or "www." in text:
        yield from URL.spans(text)


def long_token_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of LONG_TOKEN characters or more without a space."""
    if len(text) >= LONG_TOKEN:
        yield from _LONG.spans(text)


def protected_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each protected run of `text`, in order, never overlapping."""
    # (start, rank, end): where runs start together a long token is taken, being whole.
    found = sorted([(s, 0, e) for s, e in long_token_spans(text)]
                   + [(s, 1, e) for spans in (placeholder_spans(text), url_spans(text))
                      for s, e in spans if e > s])
    end = -1
    for s, _, e in found:
        if s >= end:
            yield s, e
            end = e
