"""Grammar that translation from Russian leaves behind, as patterns over Penn tags.

Each rule reads the sentences of a text tagged once by the shipped tagger
(reviewer.usage.tagger; reviewer.usage.models.tags remembers each sentence's
tags for the article rule too): a plural of a noun English keeps singular, a
verb before its subject, an adverb before the auxiliary, `Also` before the
subject, `, what` for `, which`, a present perfect with a finished time, a
present with `since`, and a verb that does not agree with its subject's head.
They are patterns of Russian speakers' English, not phrases of one text:
each was measured on translationese-dev and on the learner essays of REALEC
(docs/quality.md, "Grammar, agreement and word order"). A heading (a line
without final punctuation) is left alone.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.text.sentences import paragraphs, sentences
from reviewer.usage import models
from reviewer.usage.tokens import Token, tokens

UNCOUNTABLE_FILE = "uncountable.tsv"

_FINAL = frozenset({".", "!", "?", ";", ":", "»", "”", '"', ")"})
NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
VERB = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
FINITE = frozenset({"VBD", "VBP", "VBZ", "MD"})
BE = frozenset({"is", "are", "was", "were", "am"})
PLURAL_VERB = frozenset({"are", "were", "have", "do"})
AUXILIARY = BE | {"has", "have", "had", "do", "does", "did"}


@dataclass(frozen=True, slots=True)
class Tagged:
    """One sentence: its tokens (text offsets), lower-cased words and Penn tags."""

    toks: tuple[Token, ...]
    words: tuple[str, ...]
    tags: tuple[str, ...]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The text offsets from token `first` to token `last` (both included)."""
        return self.toks[first].start, self.toks[last].end


@functools.lru_cache(maxsize=4)
def tagged_sentences(text: str) -> tuple[Tagged, ...]:
    """Every sentence of `text` with final punctuation, tagged once for all rules here."""
    out = []
    for p_start, p_end in paragraphs(text):  # as reviewer.rules.usage splits: one tagging
        for s, e in sentences(text, p_start, p_end):
            toks = tuple(Token(t.word, t.start + s, t.end + s) for t in tokens(text[s:e]))
            if not toks or toks[-1].word not in _FINAL:
                continue  # a heading
            words = tuple(t.word for t in toks)
            out.append(Tagged(toks, tuple(w.lower() for w in words), models.tags(words)))
    return tuple(out)


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


# --- uncountable nouns in the plural ---------------------------------------------------

@functools.cache
def uncountable() -> dict[str, str]:
    """Plural → singular of the nouns English keeps singular (reviewer/data/uncountable.tsv)."""
    text = resources.files("reviewer.data").joinpath(UNCOUNTABLE_FILE).read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {plural: singular for plural, singular in rows}


def check_uncountable_plural(subject: Subject, options: Options) -> Iterator[Hit]:
    """A plural of a noun English keeps singular: `new equipments` → `new equipment`.

    The nouns come from native counts (reviewer/data/uncountable.tsv, written by
    `bench/make_uncountable.py`): a noun the English Web Treebank never puts in
    the plural and whose plural is under 1 % of its singular in wordfreq's
    English list (`advice`, `equipment`, `research`, `knowledge`, `training`).
    The word must be tagged as a plural noun, so `he researches` is left alone.
    """
    table = uncountable()
    for s in tagged_sentences(subject.text):
        for i, word in enumerate(s.words):
            singular = table.get(word)
            if singular is None or not (s.tags[i] == "NNS" or (i == 0 and s.tags[i] in NOUN)):
                continue
            tok = s.toks[i]
            yield Hit(tok.start, tok.end,
                      f"'{singular}' has no plural in this sense: use the singular.",
                      (_cased(singular, tok.word),), sub_id=word)


UNCOUNTABLE_PLURAL = Rule(
    id="TQA_UNCOUNTABLE_PLURAL",
    title="Uncountable noun in the plural",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_uncountable_plural,
    # LanguageTool's own rules for single words: their call (and message) stands
    yields=frozenset({"INFORMATIONS", "SOFTWARES"}),
)


# --- a verb before its subject ---------------------------------------------------------

# What may open a clause before an inverted verb: a preposition or a time adverb; then
# its objects. A verb, a pronoun or `that` before the verb means a subject came first.
_OPENERS = frozenset({"IN", "RB"})
_PREFIX = frozenset({"IN", "DT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "PRP$",
                     "POS", "RB", "CC", "HYPH", "``", "''", "-LRB-", "-RRB-"})
# What may start the noun phrase after the verb: the subject that should have come first.
_SUBJECT_START = frozenset({"CD", "DT", "JJ", "JJR", "NN", "NNS", "NNP", "NNPS", "$", "PRP$"})
# After a passive participle, only what cannot be the participle's own noun: a number, a
# determiner, a name, `more than`.
_PASSIVE_SUBJECT_START = frozenset({"CD", "DT", "NNP", "NNPS", "$", "PRP$", "JJR"})
_NOT_SUBJECT = frozenset({"by", "to", "in", "on", "at", "for", "with", "as", "it", "there"})
# Time adverbs the tagger reads as nouns (`Today`): they open a clause as `In 2019` does.
_TIME_OPENERS = frozenset({"today", "now", "nowadays", "currently", "presently", "yesterday"})


def _opened_by_phrase(s: Tagged, verb: int) -> bool:
    """True when the clause before `verb` is prepositional phrases and time adverbs only."""
    if verb == 0:
        return False
    if s.words[verb - 1] in ("where", "when") and s.tags[verb - 1] == "WRB":
        return True  # `the school where studied many writers`
    if s.tags[0] not in _OPENERS and s.words[0] not in _TIME_OPENERS:
        return False
    if s.words[0] in ("that", "if", "because", "as", "so"):
        return False
    prefix = s.tags[:verb]
    if not all(t in _PREFIX or _noun_read_as_verb(s, k) for k, t in enumerate(prefix)):
        return False
    if "IN" not in prefix or "," in prefix:
        return False  # after a comma the opening phrase is over: `In 2013, Oklahoma was named`
    # a year closes its phrase: a noun right after it is the subject (`In 2000 people got`)
    return not any(_year(s.words[k]) and s.tags[k + 1] in (*NOUN, "DT") for k in range(verb - 1))


def _noun_read_as_verb(s: Tagged, k: int) -> bool:
    """True when token `k`, inside the opening prepositional phrase, is a present verb
    between a noun and a preposition: a noun of a compound the tagger misread (`at
    the customs post on the border`). A verb of its own there would make a clause
    before the inverted verb, which the rest of the prefix (no `that`, no comma,
    nothing but phrases) does not allow for."""
    return (s.tags[k] in ("VB", "VBP") and 0 < k < len(s.tags) - 1
            and s.tags[k - 1] in ("NN", "NNS", "NNP") and s.tags[k + 1] == "IN")


def _numbered_subject_to_end(s: Tagged, first: int) -> bool:
    """True when the clause from `first` to its end is a counted plural noun phrase:
    `312 companies.`, `more than 40 schools,`."""
    n, k = len(s.words), first
    if s.words[k:k + 2] == ("more", "than") or s.words[k:k + 2] == ("over", "than"):
        k += 2
    elif s.words[k] in ("over", "about", "almost", "nearly"):
        k += 1
    if k >= n or s.tags[k] != "CD":
        return False
    k += 1
    while k < n and s.tags[k] in ("CD", "JJ", "NN"):
        k += 1
    return k < n - 1 and s.tags[k] == "NNS" and s.words[k + 1] in (".", ";", ",", "!")


_SUCH = frozenset({"such", "this", "that"})


def _object_first(s: Tagged, verb: int) -> bool:
    """True when a clause opened by a time or place puts a singular object before a
    plural verb whose subject is a number of things after it: `Today such status
    have 312 companies`. The verb agrees with the plural after it, not with the
    singular before it, so the order is the Russian one. The object must open
    with `such` or `this`: `Today the team have 12 players` (a British
    collective) is left alone."""
    if s.tags[verb] != "VBP" or s.words[verb] in BE or s.tags[verb - 1] != "NN":
        return False
    start = verb - 1  # the object: `such` or `this`, adjectives, nouns
    while start > 1 and s.tags[start - 1] in ("JJ", "NN") and s.words[start - 1] not in _SUCH:
        start -= 1
    if start > 1 and s.words[start - 1] in _SUCH:
        start -= 1
    if s.words[start] not in _SUCH:
        return False  # `Today the team have`: no `such` or `this`, perhaps a subject
    opened = s.words[0] in _TIME_OPENERS or s.tags[0] == "IN"
    return (opened and all(t in _PREFIX for t in s.tags[:start]) and "," not in s.tags[:verb]
            and _numbered_subject_to_end(s, verb + 1))


def _after_object(s: Tagged, verb: int) -> bool:
    """True when the word before an active verb closes a prepositional phrase for sure:
    a name or year after `of` or `in` (`along the valley of Fergana run`, `in
    2019 studied`), or the verb follows `where`. A noun after another (`for those
    decisions people need`) may be the subject itself."""
    if verb < 2:
        return False
    if s.words[verb - 1] == "where":
        return True
    return s.tags[verb - 1] in ("NNP", "CD") and s.words[verb - 2] in ("of", "in")


def check_verb_before_subject(subject: Subject, options: Options) -> Iterator[Hit]:
    """A verb before its subject after an opening phrase: `In 2017 were built 40 new
    schools` → `In 2017, 40 new schools were built`.

    Russian opens a clause with the time or place and puts the subject after the
    verb; English keeps the subject first. Reported where a clause opens with
    prepositional phrases (or after `where`), then has a passive verb (`was`,
    `were` + participle) or a present or past verb, and then a noun phrase that
    is not a prepositional object: `Under the agreement were delivered three
    hundred tractors`, `Along the valley of Fergana run two railway lines`, `the
    school where studied many writers`. An active verb counts only after a name
    or a year that closes the phrase, or after `where`. Also reported: the object
    first, `such` or `this` + a singular noun, then a plural verb and a counted
    plural subject that ends the clause (`Today such status have 312
    companies`), where the verb agrees with what follows it. Questions are left
    alone, and so are `there` and `it`.
    """
    for s in tagged_sentences(subject.text):
        if s.words[-1] == "?":
            continue
        n = len(s.words)
        for i in range(1, n - 1):
            word, tag = s.words[i], s.tags[i]
            if word in BE and s.tags[i + 1] == "VBN":
                after = i + 2  # `were built 40 schools`
                if after < n and s.tags[after] not in _PASSIVE_SUBJECT_START:
                    continue  # `In the halls are embroidered panels`: a participle as adjective
            elif (tag in ("VBP", "VBD", "VB") or (tag in ("JJ", "VBN") and word.endswith("ed")
                                                   and s.words[i - 1] == "where")) and (
                    word not in AUXILIARY and _after_object(s, i)):
                after = i + 1  # `of Fergana run two lines`
            elif _object_first(s, i):
                start, end = s.span(i, i + 1)
                yield Hit(start, end,
                          "The subject comes after the verb here: English puts it before "
                          "the verb and the object after it.", sub_id=word)
                break
            else:
                continue
            if after >= n or s.tags[after] not in _SUBJECT_START or s.words[after] in _NOT_SUBJECT:
                continue
            if not _opened_by_phrase(s, i):
                continue
            start, end = s.span(i, after)
            yield Hit(start, end,
                      "The subject comes after the verb here: English puts it before "
                      "the verb.", sub_id=word)
            break


VERB_BEFORE_SUBJECT = Rule(
    id="TQA_VERB_BEFORE_SUBJECT",
    title="Verb before its subject",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_verb_before_subject,
)


# --- an adverb before the auxiliary ----------------------------------------------------

# Adverbs that comment on the whole sentence may stand before the auxiliary
# (`it really is working`, `it certainly has been`); these do not count.
_SENTENCE_ADVERBS = frozenset({
    "really", "actually", "certainly", "definitely", "clearly", "probably", "obviously",
    "surely", "truly", "apparently", "evidently", "possibly", "undoubtedly", "presumably",
    "reportedly", "supposedly", "allegedly", "usually", "generally", "typically", "normally",
    "naturally", "merely", "simply", "only", "finally", "eventually", "hardly", "rarely",
    "seldom", "scarcely", "barely", "increasingly", "largely", "mostly", "likely",
})


def check_adverb_before_auxiliary(subject: Subject, options: Options) -> Iterator[Hit]:
    """An adverb between the subject and the auxiliary: `The company successfully has
    completed` → `The company has successfully completed`.

    English puts a mid-position adverb after the first auxiliary. Reported for a
    manner adverb in -ly or `already` between a noun or pronoun and `is`, `are`,
    `was`, `were`, `has`, `have` or `had` followed by a participle. Adverbs
    that comment on the whole sentence (`really`, `certainly`, `usually`) may
    stand first and are left alone.
    """
    for s in tagged_sentences(subject.text):
        for i in range(1, len(s.words) - 2):
            adverb = s.words[i]
            if s.tags[i] != "RB" or not (adverb.endswith("ly") or adverb == "already"):
                continue
            if adverb in _SENTENCE_ADVERBS or s.tags[i - 1] not in (*NOUN, "PRP"):
                continue
            aux = s.words[i + 1]
            if aux not in AUXILIARY or s.tags[i + 2] not in ("VBG", "VBN"):
                continue
            if aux in BE and s.tags[i + 2] == "VBN" and adverb != "already":
                continue  # `is widely used`: a passive's adverb may come first
            tok_a, tok_v = s.toks[i], s.toks[i + 1]
            yield Hit(tok_a.start, tok_v.end,
                      f"Put '{tok_a.word}' after '{tok_v.word}': English puts the adverb "
                      "after the first auxiliary.",
                      (f"{tok_v.word} {tok_a.word}",), sub_id=adverb)


ADVERB_BEFORE_AUXILIARY = Rule(
    id="TQA_ADVERB_BEFORE_AUXILIARY",
    title="Adverb before the auxiliary",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_adverb_before_auxiliary,
)


# --- `Also` first ----------------------------------------------------------------------

def check_also_first(subject: Subject, options: Options) -> Iterator[Hit]:
    """`Also` opening a sentence before its subject: `Also we plan` → `We also plan`.

    Russian `Также мы планируем` keeps `also` first; English puts it before
    the verb, or after the first auxiliary (`Also I would like` → `I would also
    like`). Reported for `Also` without a comma before a pronoun or noun
    subject and its verb. LanguageTool's advice for a comma after a sentence's
    first adverb gives way to this one on the same words.
    """
    for s in tagged_sentences(subject.text):
        if len(s.words) < 4 or s.words[0] != "also":
            continue
        if s.tags[1] not in ("PRP", "NNP", "NNS", "NN") or s.tags[2] not in FINITE:
            continue
        subj = s.toks[1].word
        if s.tags[1] != "NNP" and subj != "I":
            subj = subj[:1].upper() + subj[1:]
        aux = s.tags[2] == "MD" or s.words[2] in AUXILIARY
        last = 2 if aux else 1
        replacement = f"{subj} {s.toks[2].word} also" if aux else f"{subj} also"
        start, end = s.span(0, last)
        yield Hit(start, end,
                  "Put 'also' after the subject"
                  + (" and the first auxiliary." if aux else ", before the verb."),
                  (replacement,), sub_id=s.words[1])


ALSO_FIRST = Rule(
    id="TQA_ALSO_FIRST",
    title="'Also' before the subject",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_also_first,
    overlaps=frozenset({"SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA"}),
)


# --- `, what` for `, which` ------------------------------------------------------------

def check_what_for_which(subject: Subject, options: Options) -> Iterator[Hit]:
    """`what` opening a clause about the clause before it: `prices rose by 5 %, what is
    more than planned` → `which is`.

    Russian `что` after a comma refers to the whole clause before it; English
    takes `which`. Reported for `, what` directly followed by a verb (`, what
    allows`, `, what is confirmed`); `what is more`, `what's more` and
    questions are left alone, and so is `what` followed by its own subject
    (`, what we need is`) or after an opening word with no clause to refer to
    (`Overall, what stands out is`).
    """
    for s in tagged_sentences(subject.text):
        if s.words[-1] == "?":
            continue
        for i in range(1, len(s.words) - 2):
            if s.words[i] != "what" or s.words[i - 1] != ",":
                continue
            if s.tags[i + 1] not in ("VBZ", "VBD") or s.words[i + 2] in ("more", "worse"):
                continue
            if not any(t in VERB for t in s.tags[:i]):
                continue  # `Overall, what stands out is`: no clause before to refer to
            tok = s.toks[i]
            yield Hit(tok.start, tok.end,
                      "A clause about the whole clause before it opens with 'which'.",
                      ("which",), sub_id=s.words[i + 1])


WHAT_FOR_WHICH = Rule(
    id="TQA_WHAT_FOR_WHICH",
    title="', what' for ', which'",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_what_for_which,
)


# --- tense with time expressions -------------------------------------------------------

_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"})
_UNITS = frozenset({"year", "week", "month", "summer", "winter", "spring", "autumn", "fall",
                    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday", "night", "time", "century", "decade"})
# Prepositions after which a year does not close the time: `since 2009`, `by 2020`.
_OPEN_TIME = frozenset({"since", "from", "until", "till", "by", "before", "after", "to",
                        "between", "through", "throughout", "for", "of", "over", "during"})
# Words that end the clause of a time expression.
_CLAUSE_BREAK = frozenset({"which", "that", "who", "whom", "where", "when", "because", "while",
                           "although", "though", "if", "and", "but", "since", ";"})


def _year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and "1800" <= word <= "2099"


def _finished_times(s: Tagged) -> Iterator[int]:
    """Token indexes of expressions of a finished past time: `in 2014`, `yesterday`,
    `last year`, `two years ago`, `on 28 February 2019`."""
    w = s.words
    for i, word in enumerate(w):
        before = w[i - 1] if i else ""
        if word == "yesterday" or word == "ago":
            yield i
        elif word == "last" and i + 1 < len(w) and w[i + 1] in _UNITS and before not in (
                _OPEN_TIME | {"the"}):
            yield i
        elif _year(word) and before in ("in", "of", *_MONTHS):
            k = i - 1  # back over a date to the word before it: `on 28 of February 2019`
            while k > 0 and (w[k] in _MONTHS or w[k] == "of" or s.tags[k] == "CD"):
                k -= 1
            if w[k] in _OPEN_TIME or (k == i - 1 and before != "in"):
                continue  # `since 2009`, `by May 2020`, `the budget of 2019`
            nxt = w[i + 1] if i + 1 < len(w) else ""
            if before == "in" and s.tags[i + 1:i + 2] in (("NN",), ("NNS",), ("JJ",)) and (
                    nxt != "year"):
                continue  # `in 2019 prices`: the year modifies a noun
            yield i


def _perfects(s: Tagged) -> Iterator[tuple[int, int]]:
    """(auxiliary, participle) of each present perfect: `has provided`, `have already signed`."""
    w, t = s.words, s.tags
    for i, word in enumerate(w):
        if word not in ("has", "have") or t[i] not in ("VBZ", "VBP"):
            continue
        if i and t[i - 1] in ("MD", "TO"):
            continue  # `will have signed`, `to have done`
        j = i + 1
        while j < len(w) and t[j] == "RB":
            j += 1
        if j < len(w) and t[j] == "VBN":
            yield i, j


def _same_clause(s: Tagged, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not any(s.words[k] in _CLAUSE_BREAK or s.tags[k] in ("WDT", "WP", "WRB")
                   for k in range(lo + 1, hi))


def check_perfect_with_past_time(subject: Subject, options: Options) -> Iterator[Hit]:
    """The present perfect with a finished time: `In 2016 the fund has financed twelve
    projects` → `financed`; `Last week the delegation has visited` → `visited`.

    A time that is over (`in 2014`, `on 28 February 2019`, `last year`,
    `yesterday`, `two years ago`) takes the past simple in English. Reported
    where such a time and a present perfect stand in one clause (no `which`,
    `and`, `because`... between them). `since 2009`, `by 2020`, `in the last
    years` and a year that modifies a noun (`in 2019 prices`) are open times
    and left alone; so are `will have` and `to have`.
    """
    for s in tagged_sentences(subject.text):
        times = list(_finished_times(s))
        if not times or "since" in s.words:
            continue
        for aux, part in _perfects(s):
            if any(_same_clause(s, t, aux) for t in times):
                start, end = s.span(aux, part)
                past = s.toks[part].word
                yield Hit(start, end,
                          "A finished time takes the past simple, not the present perfect.",
                          (past,) if part == aux + 1 else (), sub_id=s.words[part])


PERFECT_WITH_PAST_TIME = Rule(
    id="TQA_PERFECT_WITH_PAST_TIME",
    title="Present perfect with a finished time",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_perfect_with_past_time,
)


def _since_point(s: Tagged, i: int) -> int:
    """The last token of the point in time after `since` at `i`, or -1 for a clause."""
    w, t = s.words, s.tags
    j = i + 1
    if j < len(w) and w[j] == "the":
        j += 1
    if j < len(w) and (t[j] == "CD" or w[j] in _MONTHS or w[j] == "last"):
        while j + 1 < len(w) and (t[j + 1] == "CD" or w[j + 1] in _MONTHS or w[j + 1] in (
                "of", "year", "last") or (w[j] == "last" and w[j + 1] in _UNITS)):
            j += 1
        return j
    return -1


def _simple_present(s: Tagged, i: int) -> bool:
    """True for a present simple or a present of `be` + participle at `i`."""
    w, t = s.words, s.tags
    if w[i] in ("is", "are", "am"):
        return i + 1 < len(w) and t[i + 1] in ("VBN", "VBG")
    return t[i] in ("VBP", "VBZ") and w[i] not in ("has", "have", "do", "does")


def check_since_with_present(subject: Subject, options: Options) -> Iterator[Hit]:
    """The present with `since` and a point in time: `We work with this bank since 2012` →
    `We have worked with this bank since 2012`.

    Russian says `работаем с 2012 года` in the present; English takes the present
    perfect. Reported where `since` is followed by a point in time (a year, a
    month, a date, `last year`) and the verb of its clause is a present simple
    or `is`/`are` + participle: the verb before `since` in the same clause, or the
    first verb after the time when the sentence opens with it. `since` with a
    clause (`since it is raining`) is left alone.
    """
    for s in tagged_sentences(subject.text):
        for i, word in enumerate(s.words):
            if word != "since":
                continue
            end = _since_point(s, i)
            if end < 0:
                continue
            verb = -1
            if i == 0 or (i == 1 and s.tags[0] in ("RB", "CC")):
                verb = next((k for k in range(end + 1, len(s.words)) if s.tags[k] in FINITE), -1)
            else:
                k = i - 1
                while k >= 0 and s.tags[k] not in FINITE and s.words[k] not in _CLAUSE_BREAK and (
                        s.tags[k] != ","):
                    k -= 1
                verb = k if k >= 0 and s.tags[k] in FINITE else -1
            if verb >= 0 and _simple_present(s, verb):
                last = verb + 1 if s.words[verb] in BE else verb
                start, stop = s.span(verb, last)
                yield Hit(start, stop,
                          "With 'since' and a point in time, English uses the present perfect "
                          "('have worked', 'have been installed').", sub_id=s.words[verb])


SINCE_WITH_PRESENT = Rule(
    id="TQA_SINCE_WITH_PRESENT",
    title="Present tense with 'since'",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_since_with_present,
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
        while k < n and t[k] not in FINITE and t[k] != "," and w[k] not in _CLAUSE_BREAK:
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
        prev == "CD" and _year(s.words[i - 1]) and i >= 2 and s.words[i - 2] == "in")


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
        return _cased(_AGREEING[low], verb)
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


RULES: Sequence[Rule] = (UNCOUNTABLE_PLURAL, VERB_BEFORE_SUBJECT, ADVERB_BEFORE_AUXILIARY,
                         ALSO_FIRST, WHAT_FOR_WHICH, PERFECT_WITH_PAST_TIME, SINCE_WITH_PRESENT,
                         AGREEMENT)
