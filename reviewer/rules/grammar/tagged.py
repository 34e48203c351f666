"""One tagging of a text's sentences for every grammar rule, and what the rules share."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reviewer.text.sentences import paragraphs, sentences
from reviewer.usage import models
from reviewer.usage.tokens import SENTENCE_FINAL, Token, tokens

NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
VERB = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
FINITE = frozenset({"VBD", "VBP", "VBZ", "MD"})
BE = frozenset({"is", "are", "was", "were", "am"})
PLURAL_VERB = frozenset({"are", "were", "have", "do"})
AUXILIARY = BE | {"has", "have", "had", "do", "does", "did"}


@dataclass(frozen=True, slots=True)
class Tagged:
    """One sentence: its tokens (text offsets), lower-cased words, Penn tags, and the number
    of its paragraph (the article rule counts earlier mentions within one)."""

    toks: tuple[Token, ...]
    words: tuple[str, ...]
    tags: tuple[str, ...]
    paragraph: int = 0

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The text offsets from token `first` to token `last` (both included)."""
        return self.toks[first].start, self.toks[last].end


@functools.lru_cache(maxsize=4)
def tagged_sentences(text: str) -> tuple[Tagged, ...]:
    """Every sentence of `text` with final punctuation, tagged once for every rule that reads
    tags (articles, prepositions, grammar): a document is tagged once, however long."""
    out = []
    for n, (p_start, p_end) in enumerate(paragraphs(text)):
        for s, e in sentences(text, p_start, p_end):
            toks = tuple(Token(t.word, t.start + s, t.end + s) for t in tokens(text[s:e]))
            if not toks or toks[-1].word not in SENTENCE_FINAL:
                continue  # a heading
            words = tuple(t.word for t in toks)
            out.append(Tagged(toks, tuple(w.lower() for w in words), models.tags(words), n))
    return tuple(out)


def cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


CLAUSE_BREAK = frozenset({"which", "that", "who", "whom", "where", "when", "because", "while",
                          "although", "though", "if", "and", "but", "since", ";"})


def is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and "1800" <= word <= "2099"
