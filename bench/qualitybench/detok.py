"""Detokenising sentences while keeping where each token went.

The evaluation sets are tokenised (`society .`, `do n't`, `hadn 't`); sent as
is, LanguageTool's spacing rules would fire on every sentence. `detokenise`
joins tokens the way they were most likely written and records each token's
character span, so a finding's span can be mapped back to gold tokens.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

# Tokens written with no space before them.
_CLOSERS = frozenset(".,;:!?)]}%…")
_CLITICS = frozenset({"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'t", "’s", "n’t"})
# Tokens written with no space after them.
_OPENERS = frozenset("([{$")
# Penn Treebank spellings some sets keep, and REALEC's escaped quote.
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"',
        '\\"': '"'}


@dataclass(frozen=True, slots=True)
class Detokenised:
    """A sentence's text and the [start, end) character span of each token in it."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def tokens_at(self, start: int, end: int) -> tuple[int, ...]:
        """Indices of the tokens that the character span [start, end) touches.

        A span that covers no token (only spaces between two tokens, or an
        empty span) belongs to the token after it, or to the last token at
        the end: the same convention as gold labels for a missing word.
        """
        hits = tuple(i for i, (s, e) in enumerate(self.spans) if s < end and start < e)
        if hits or not self.spans:
            return hits
        starts = [s for s, _ in self.spans]
        i = bisect.bisect_left(starts, end)
        return (min(i, len(self.spans) - 1),)


def _glued_left(token: str, quote_open: bool, previous: str) -> bool:
    if all(c in _CLOSERS for c in token) or token.lower() in _CLITICS:
        return True
    if token in ('"', "'"):
        # A closing quote, or an apostrophe after a plural (`students '`).
        return quote_open or (token == "'" and previous[-1:] in ("s", "S"))
    return False


def detokenise(tokens: Sequence[str]) -> Detokenised:
    """Join `tokens` into natural text, e.g. `do n't` -> `don't`, `society .` -> `society.`"""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    open_quotes: dict[str, bool] = {'"': False, "'": False}
    glue_next = True  # no space before the first token
    previous = ""
    for n, raw in enumerate(tokens):
        token = _PTB.get(raw, raw)
        is_quote = token in open_quotes
        glue = glue_next or _glued_left(token, is_quote and open_quotes[token], previous)
        # A hyphen between two numbers is a range split by the tokeniser: `18 - 25`.
        number_range = (token == "-" and previous.isdigit()
                        and n + 1 < len(tokens) and tokens[n + 1].isdigit())
        glue = glue or number_range
        if not glue:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
        glue_next = token in _OPENERS or number_range
        if is_quote:
            if open_quotes[token]:
                open_quotes[token] = False
            elif not glue or not parts[:-1]:
                open_quotes[token] = True  # an opening quote: the next token sticks to it
                glue_next = True
        previous = token
    return Detokenised("".join(parts), tuple(spans))
