"""A verb that does not agree with its subject's head."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.rules.grammar.countable import uncountable
from reviewer.rules.grammar.tagged import (
    CLAUSE_BREAK,
    FINITE,
    NOUN,
    PLURAL_VERB,
    Tagged,
    cased,
    is_year,
    tagged_sentences,
)

# --- subject-verb agreement ------------------------------------------------------------

# Heads that take the verb of their of-phrase (`a number of students are`, `the majority
# of people think`): a quantity, a part or a kind, not the subject itself.
_QUANTITY_HEADS = frozenset({
    "lot", "lots", "majority", "minority", "half", "rest", "percent", "cent", "part", "variety",
    "range", "plenty", "couple", "kind", "sort", "type", "group", "host", "series", "set",
    "remainder", "bulk", "proportion", "share", "total", "third", "quarter", "fraction",
    "handful", "dozen", "pair", "number", "amount", "most", "none", "all", "some", "any",
    "each", "one", "percentage", "lack", "mass",
})
_NP_INNER = frozenset({"DT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "PRP$",
                       "POS", "VBN", "VBG", "HYPH", "RB"})


def _noun_phrase_end(s: Tagged, i: int) -> int:
    """The index after the noun phrase that starts at `i` (its head is the last noun)."""
    j = i
    while j < len(s.words) and s.tags[j] in _NP_INNER and not (
            j > i and s.tags[j - 1] in NOUN and s.tags[j] not in NOUN):
        j += 1
    return j


_CONJUNCT_START = frozenset({"DT", "PRP$", "JJ", "CD", "NN", "NNS", "NNP", "NNPS"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "our", "his", "her",
                          "my", "your"})


def _skip_modifiers(s: Tagged, j: int) -> int:
    """Past a participle phrase, prepositional phrases and one relative clause after a noun."""
    w, t = s.words, s.tags
    n = len(w)
    if j < n and t[j] == "VBN":  # `documents required at the border`
        j += 1
    while j < n and t[j] == "IN" and w[j] not in ("that", "because", "if", "as", "than"):
        j = _noun_phrase_end(s, j + 1)
        while j + 1 < n and w[j] in ("and", "or") and t[j + 1] in _CONJUNCT_START:
            j = _noun_phrase_end(s, j + 1)  # `with Russia and the two Central Asian states`
    if j < n and w[j] in ("who", "which", "that") and t[j] in ("WP", "WDT", "IN"):
        k = j + 1
        while k < n and t[k] not in FINITE:
            k += 1
        if k >= n:
            return n
        k += 1  # the relative clause's verb and what follows it, up to the next finite verb
        while k < n and t[k] not in FINITE and t[k] != "," and w[k] not in CLAUSE_BREAK:
            k += 1
        return k
    return j


def _plural_verb(s: Tagged, j: int) -> bool:
    if j >= len(s.words):
        return False
    return s.words[j] in PLURAL_VERB or (s.tags[j] == "VBP" and s.words[j] not in ("am", "be"))


# Plural forms that name one thing (`news is`, `the United States is`), and openers of a
# plural noun phrase that is not a subject of its own.
_SINGULAR_PLURALS = frozenset({"news", "mathematics", "physics", "economics", "politics",
                               "series", "means", "species", "statistics", "ethics", "athletics"})
# Endings of words the tagger may take for plurals: `aesthetics`, `crisis`, `status`, `glass`.
_NOT_PLURAL_ENDINGS = ("ics", "ss", "us", "is", "os")
_NOT_PLURAL_START = frozenset({"this", "that", "each", "every", "a", "an", "one", "another",
                               "there", "it", "what", "which", "such", "no", "either",
                               "neither", "much", "little"})


def _singular_verb(s: Tagged, j: int) -> bool:
    if j >= len(s.words):
        return False
    return s.words[j] in ("is", "was", "has", "does")


def _subject_start(s: Tagged, i: int) -> bool:
    """True where a subject may start: the clause's start, after a comma, `that` or an
    opening time (`In 2019 the list ...`)."""
    if i == 0:
        return True
    prev = s.tags[i - 1]
    return prev in (",", "CC") or s.words[i - 1] == "that" or (
        prev == "CD" and is_year(s.words[i - 1]) and i >= 2 and s.words[i - 2] == "in")


@dataclass(frozen=True, slots=True)
class _Subject:
    """A subject that opens its clause: its head, the index after it, and its number."""

    head: int
    end: int
    plural: bool
    coordinated: bool = False  # two subjects joined by `and`


def _subject_at(s: Tagged, i: int) -> _Subject | None:
    """The subject starting at `i` whose number its nearest noun may hide, or None."""
    w, t = s.words, s.tags
    n = len(w)
    if w[i] == "each" and w[i + 1] == "of":  # `Each of the buildings`
        return _Subject(i, _noun_phrase_end(s, i + 2), False)
    if w[i] in ("every", "each") and t[i + 1] in ("NN", "JJ"):  # `Every participant`
        end = _noun_phrase_end(s, i + 1)
        return _Subject(end - 1, end, False) if t[end - 1] == "NN" else None
    if w[i] in _DETERMINERS and t[i] in ("DT", "PRP$"):
        end = _noun_phrase_end(s, i + 1)
        h = end - 1
        if end < n - 1 and w[end] == "of" and t[h] == "NN" and (
                w[h] not in _QUANTITY_HEADS or (w[h] == "number" and w[i] == "the")):
            of_end = _noun_phrase_end(s, end + 1)  # `The level of exports`
            if t[of_end - 1] in ("NNS", "NNPS"):
                return _Subject(h, of_end, False)
        if end + 1 < n and w[end] == "and" and w[end + 1] in _DETERMINERS and t[h] in ("NN", "NNS"):
            second = _noun_phrase_end(s, end + 2)  # `The museum and the library`
            if t[second - 1] in ("NN", "NNS"):
                return _Subject(h, second, True, coordinated=True)
    if t[i] in ("NNS", "JJ", "DT") and w[i] not in _NOT_PLURAL_START and (
            i == 0 or t[i - 1] != "CC"):
        end = _noun_phrase_end(s, i)  # `Talks with the two ministries`
        h = end - 1
        if end > i and t[h] == "NNS" and w[h] not in _SINGULAR_PLURALS and (
                w[h] not in uncountable() and not w[h].endswith(_NOT_PLURAL_ENDINGS)) and (
                end - i == 1 or t[h - 1] != "NNS"):
            return _Subject(h, end, True)
    return None


_AGREEING = {"is": "are", "was": "were", "has": "have", "does": "do"}
_AGREEING.update({v: k for k, v in list(_AGREEING.items())})


def _agreeing(verb: str, plural: bool) -> str:
    """The form of `verb` that agrees with a plural or singular subject: `grow` → `grows`."""
    low = verb.lower()
    if low in _AGREEING:
        return cased(_AGREEING[low], verb)
    if plural:
        return ""  # a singular present in -s: no safe plural form to offer
    if low.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if low.endswith("y") and low[-2:-1] not in ("a", "e", "i", "o", "u"):
        return verb[:-1] + "ies"
    return verb + "s"


def check_agreement(subject: Subject, options: Options) -> Iterator[Hit]:
    """A verb that agrees with the nearest noun, not the subject's head: `The number of
    tourists grow` → `grows`; `Each of the new buildings have` → `has`; `Every participant
    receive` → `receives`; `Talks with the two ministries is` → `are`.

    Reported for a subject that opens its clause and is `each of` + plural,
    `every`/`each` + singular noun, or a singular noun + `of` + plural
    (`the level of exports to neighbouring countries were`), followed by `are`,
    `were`, `have`, `do` or another present plural verb, past one participle
    phrase, prepositional phrases and one relative clause; and the other way
    round, a plural head (`talks with the two ministries`) followed by `is`,
    `was`, `has` or `does`. Heads that are quantities or kinds (`a number of`,
    `the majority of`, `a lot of`, `the kind of`) take their of-phrase's number
    and are left alone. Two subjects joined by `and`, each with its own
    determiner (`the museum and the library was`), take a plural verb; a pair
    without the second determiner (`bread and butter is`) may be one thing and
    is left alone.
    """
    for s in tagged_sentences(subject.text):
        w, t = s.words, s.tags
        n = len(w)
        i = 0
        while i < n - 2:
            found = _subject_at(s, i) if _subject_start(s, i) else None
            if found is None:
                i += 1
                continue
            end = found.end
            if end < n and (t[end] == "CC" or w[end] in ("and", "or")):
                i = end  # a subject coordinated further on: its number is the whole's
                continue
            verb = _skip_modifiers(s, end)
            if found.plural:
                wrong = _singular_verb(s, verb)
            else:  # a base form right after the subject too: `Every participant receive`
                wrong = _plural_verb(s, verb) or (verb == end < n and t[verb] == "VB")
            if wrong:
                tok = s.toks[verb]
                better = _agreeing(tok.word, found.plural)
                head = s.toks[found.head].word
                yield Hit(tok.start, tok.end,
                          "Two subjects joined by 'and' take a plural verb." if found.coordinated
                          else f"The subject's head '{head}' is "
                          f"{'plural' if found.plural else 'singular'}: the verb should agree "
                          "with it.", (better,) if better else (),
                          sub_id="and" if found.coordinated else w[found.head])
            i = max(end, i + 1)


AGREEMENT = Rule(
    id="TQA_SUBJECT_VERB_AGREEMENT",
    title="Verb agrees with the subject's head",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_agreement,
    # LanguageTool's agreement rules: where they see the same verb, their call stands
    yields=frozenset({"SUBJECT_VERB_AGREEMENT", "PERS_PRONOUN_AGREEMENT", "NON3PRS_VERB",
                      "HE_VERB_AGR", "AGREEMENT_SENT_START", "SINGULAR_AGREEMENT_SENT_START",
                      "EACH_EVERY_NNS", "EVERY_EACH_SINGULAR", "NUMBER_OF_NNS",
                      "NNS_OF_SINGULAR_AGREEMENT", "COLLECTIVE_NOUN_VERB_AGREEMENT_VBP",
                      "DT_NNS_AGREEMENT"}),
)
