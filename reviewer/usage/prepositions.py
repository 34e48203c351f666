"""The preposition model: which preposition a native writer puts between a word and a noun phrase.

For each preposition of `CHOICES`, a multinomial logistic regression predicts
the preposition from the word it hangs on (the governor: the noun, verb or
adjective before it), the noun phrase after it (its head, number and
article) and the words around. Trained by `bench/train_usage.py` on native
English (reviewer/data/USAGE.md).
"""

from __future__ import annotations

from collections.abc import Sequence

CHOICES = ("about", "at", "by", "for", "from", "in", "into", "of", "on", "over", "to",
           "with", "within")
_CONTENT = ("NN", "VB", "JJ")


def governor(words: Sequence[str], tags: Sequence[str], i: int) -> tuple[str, str]:
    """The content word the preposition at `i` hangs on, and its coarse tag (N, V, J or -)."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if tags[k].startswith(_CONTENT):
            return words[k].lower(), tags[k][0]
        if tags[k] in (",", ".", ":", "CC", "IN", "TO", "WDT"):
            break
    return "<none>", "-"


def object_head(words: Sequence[str], tags: Sequence[str], i: int) -> tuple[str, str, str]:
    """The noun phrase after `i`: its head, head tag and determiner (or `-`)."""
    det = "-"
    for k in range(i + 1, min(len(words), i + 6)):
        t = tags[k]
        if t in ("DT", "PRP$", "POS") and det == "-":
            det = words[k].lower()
            continue
        if t.startswith("NN"):
            if k + 1 < len(words) and tags[k + 1].startswith("NN"):
                continue
            return words[k].lower(), t, det
        if t.startswith(("JJ", "CD", "VBN", "VBG")) or t == "HYPH":
            continue
        if t.startswith("VB"):
            return words[k].lower(), t, det
        break
    return "<none>", "-", det


def features(words: Sequence[str], tags: Sequence[str], i: int) -> list[str]:
    """The features of the preposition at `i` of one tagged sentence."""
    gov, gtag = governor(words, tags, i)
    head, htag, det = object_head(words, tags, i)
    prev = words[i - 1].lower() if i > 0 else "<s>"
    nxt = words[i + 1].lower() if i + 1 < len(words) else "</s>"
    return [
        "b",
        "g=" + gov,
        "gt=" + gtag,
        "g+h=" + gov + " " + head,
        "h=" + head,
        "ht=" + htag,
        "d=" + det,
        "p=" + prev,
        "n=" + nxt,
        "p+n=" + prev + " " + nxt,
        "g+d=" + gov + " " + det,
        "gt+h=" + gtag + " " + head,
    ]
