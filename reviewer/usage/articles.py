"""The article model: a/an, the or none before a noun phrase, from its context.

A multinomial logistic regression over the features of `features()`, trained
by `bench/train_usage.py` on native English (reviewer/data/USAGE.md). Applying
it is a sum of weights and a softmax per phrase (reviewer.usage.linear).
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.usage.phrases import ARTICLES, Phrase

CLASSES = ("a", "the", "0")  # a/an, the, no article
ORDINALS = frozenset({"first", "second", "third", "last", "next", "same", "only", "main",
                      "following", "previous", "latter", "former", "entire", "whole",
                      "current", "present", "final"})
CLAUSE = frozenset({"which", "that", "who", "whom", "where", "when", "whose"})


def _suffix(word: str) -> str:
    return word[-3:] if len(word) > 4 else word


def features(words: Sequence[str], tags: Sequence[str], p: Phrase, seen: bool) -> list[str]:
    """The features of phrase `p` of one sentence; `seen`: its head came earlier in the text."""
    head = words[p.head]
    h = head.lower()
    first = words[p.first].lower()
    start = p.start
    prev = words[start - 1].lower() if start > 0 else "<s>"
    prev_tag = tags[start - 1] if start > 0 else "<s>"
    prev2 = words[start - 2].lower() if start > 1 else "<s>"
    nxt = words[p.head + 1].lower() if p.head + 1 < len(words) else "</s>"
    nxt_tag = tags[p.head + 1] if p.head + 1 < len(words) else "</s>"
    htag = tags[p.head]
    proper = htag in ("NNP", "NNPS") or (head[:1].isupper() and start > 0)
    mods = [words[k].lower() for k in range(p.first, p.head)]
    out = [
        "b",
        "h=" + h,
        "ht=" + htag,
        "hs=" + _suffix(h),
        "f=" + first,
        "ft=" + tags[p.first],
        "p=" + prev,
        "pt=" + prev_tag,
        "pp=" + prev2 + " " + prev,
        "n=" + nxt,
        "nt=" + nxt_tag,
        "p+h=" + prev + " " + h,
        "h+n=" + h + " " + nxt,
        "f+h=" + first + " " + h,
        "pt+ht=" + prev_tag + " " + htag,
        "p+ht=" + prev + " " + htag,
        "ht+n=" + htag + " " + nxt,
        "len=" + str(min(p.head - p.first, 3)),
    ]
    if proper:
        out.append("proper")
        out.append("proper+ht+n=" + htag + " " + nxt)
    if seen:
        out.append("seen")
        out.append("seen+ht=" + htag)
    if nxt in CLAUSE:
        out.append("clause")
    if nxt_tag.startswith(("VB", "MD")):
        out.append("verb-after")
        out.append("verb-after+ht=" + htag)
    if any(t == "JJS" for t in tags[p.first:p.head]) or any(m in ORDINALS for m in mods):
        out.append("superlative")
    if tags[p.first] == "CD":
        out.append("number")
    if start == 0 or words[start - 1] in ("(", '"', "“", ":", ";"):
        out.append("start")
        out.append("start+ht+nt=" + htag + " " + nxt_tag[:2])
    return out


def label(words: Sequence[str], p: Phrase) -> str:
    """The writer's choice: `a`, `the` or `0`."""
    return ARTICLES[words[p.article].lower()] if p.article >= 0 else "0"
